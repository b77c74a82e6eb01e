"""Report views of the graph: read a graph file, pick an ego network, filter by type, lay out.

Everything here works on the NetworkX view (``egovkg.graph.nxview.to_networkx``), which is
derived from the RDF graph, so the interactive HTML and the static picture show exactly what
the Turtle file holds.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

from egovkg.errors import EgovkgError

TEMPLATES = Path(__file__).resolve().parent / "templates"

@lru_cache(maxsize=1)
def load_style() -> dict[str, Any]:
    """Colours, shapes and German labels per entity type and relation (``templates/style.json``)."""
    with open(TEMPLATES / "style.json", encoding="utf-8") as fh:
        return json.load(fh)


def type_style(etype: str | None) -> dict[str, str]:
    """Style of one entity type; unknown types get the neutral ``other_type`` style."""
    style = load_style()
    return style["types"].get(etype or "", style["other_type"])


def predicate_label(predicate: str) -> str:
    """German label of a relation (``memberOf`` -> ``Mitglied von``); unknown ones stay as they are."""
    entry = load_style()["predicates"].get(predicate)
    return entry["label"] if entry else predicate


def focus_node(graph: Any, name: str) -> str:
    """The node id (IRI) of the entity named ``name`` in the RDF graph.

    Uses the project's name lookup (``egovkg.graph.lookup``): case-, umlaut- and
    prefix-insensitive; an exact label wins, otherwise a unique label containing the name.

    Raises:
        AmbiguousName: Several entities match; the error lists them.
        EgovkgError: Nothing matches.
    """
    from egovkg.graph.lookup import find_entity

    return str(find_entity(graph, name).iri)


def check_types(types: Iterable[str]) -> set[str]:
    """Validate entity type names (``Municipality``, ``Organization`` ...).

    Raises:
        EgovkgError: A name is not an entity type of the ontology.
    """
    from egovkg.model import ENTITY_TYPES

    wanted = {t.strip() for t in types if t.strip()}
    unknown = sorted(wanted - set(ENTITY_TYPES))
    if unknown:
        raise EgovkgError(f"unknown entity type(s) {', '.join(unknown)}; known: {', '.join(ENTITY_TYPES)}")
    return wanted


def node_types(data: dict[str, Any]) -> set[str]:
    """All entity types of a node (its primary ``type`` and any further ``types``)."""
    found = {str(t) for t in data.get("types") or ()}
    if data.get("type"):
        found.add(str(data["type"]))
    return found


def select(
    g: nx.MultiDiGraph,
    *,
    center: Any = None,
    depth: int = 2,
    types: set[str] | None = None,
) -> nx.MultiDiGraph:
    """The part of the graph a report shows.

    Args:
        g: The NetworkX view of the whole graph.
        center: A node id; keep only the entities within ``depth`` hops of it (edges in
            either direction count).
        depth: Radius of the ego network.
        types: Keep only entities of these types (the center always stays).

    Returns:
        A new graph (a copy; ``g`` is not changed).

    Raises:
        EgovkgError: Negative depth, a center that is not in the graph, unknown type names.
    """
    if depth < 0:
        raise EgovkgError(f"depth must be >= 0, not {depth}")
    if center is not None:
        if center not in g:
            raise EgovkgError(f"{center} is not an entity of the graph")
        g = nx.ego_graph(g, center, radius=depth, undirected=True)
    if types:
        wanted = check_types(types)
        keep = [n for n, d in g.nodes(data=True) if n == center or node_types(d) & wanted]
        g = g.subgraph(keep)
    return nx.MultiDiGraph(g)


def layout(g: nx.Graph, *, seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Deterministic 2-D positions in [-1, 1] for a static picture (spring layout, NumPy only).

    Raises:
        EgovkgError: The graph is too large for a readable static picture.
    """
    if g.number_of_nodes() > MAX_STATIC_NODES:
        raise EgovkgError(
            f"{g.number_of_nodes()} entities are too many for a static picture (at most {MAX_STATIC_NODES}); "
            "narrow it with --focus/--depth or --types, or use the HTML view"
        )
    if g.number_of_nodes() == 0:
        return {}
    simple = nx.Graph()  # sorted: the same picture in every process (string hashing is salted)
    simple.add_nodes_from(sorted(g.nodes, key=str))
    simple.add_edges_from(sorted(((u, v) for u, v in g.edges() if u != v), key=lambda e: (str(e[0]), str(e[1]))))
    k = 1.6 / max(1, simple.number_of_nodes()) ** 0.5
    pos = nx.spring_layout(simple, seed=seed, k=k, iterations=150 if len(simple) < 200 else 60)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


MAX_STATIC_NODES = 499
"""NetworkX's spring layout stays NumPy-only (no SciPy) and fast below 500 nodes."""
