"""The cooperation network of the built graph: who works with whom, who is central, which groups.

Everything is computed on the NetworkX view (:func:`egovkg.graph.nxview.to_networkx`), which
is derived from the RDF graph. The cooperation network is undirected; two actors are linked by

* a direct ``egov:cooperatesWith`` triple,
* a shared membership (both ``egov:memberOf`` the same organisation), or
* a shared programme (both ``egov:participatesIn`` the same programme).

Each link carries what connects the two (``via``: the shared organisations and programmes,
``kinds``: the predicates) and a ``weight`` (how many independent connections).
Communities come from Louvain with a fixed seed (networkx; no GPL igraph/leidenalg).
"""
from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path

import networkx as nx
from rdflib import Graph

from egovkg.errors import EgovkgError
from egovkg.graph.io import atomic_write_text, load_graph
from egovkg.graph.query import neutralise_cell

JOIN = "; "
"""Separator of ``via`` and ``kinds`` on cooperation edges."""
SEED = 42
"""Seed of the Louvain community detection (results are deterministic)."""
GRAPH_FILES = ("graph.trig", "graph.ttl", "graph.nt", "graph.jsonld")
SHARED_PREDICATES = ("memberOf", "participatesIn")


def open_graph(path: str | Path) -> Graph:
    """Load a built graph from a file or a build folder (``graph.trig``/``graph.ttl`` in it).

    Raises:
        EgovkgError: No such file or folder, or no graph file in the folder.
    """
    path = Path(path)
    if path.is_dir():
        for name in GRAPH_FILES:
            if (path / name).is_file():
                return load_graph(path / name)
        raise EgovkgError(f"{path}: no graph.trig or graph.ttl in this folder; run `egovkg build` first")
    return load_graph(path)


def view_of(graph: Graph) -> nx.MultiDiGraph:
    """The NetworkX view of a built graph (see :mod:`egovkg.graph.nxview`)."""
    from egovkg.graph.nxview import to_networkx

    return to_networkx(graph)


def cooperation_network(view: nx.MultiDiGraph) -> nx.Graph:
    """The undirected cooperation network of the actors in ``view``.

    Args:
        view: The NetworkX view of the built graph.

    Returns:
        A graph whose nodes are entity IRIs (``label``, ``type``) and whose edges have
        ``via`` and ``kinds`` (strings joined with :data:`JOIN`, sorted), ``weight`` (number of
        distinct connections: one for a direct cooperation plus one per shared thing) and
        ``direct`` (a ``cooperatesWith`` triple exists).
    """
    links: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: {"via": set(), "kinds": set()})

    def link(a: str, b: str, kind: str, via: str | None) -> None:
        if a == b:
            return
        entry = links[(a, b) if a < b else (b, a)]
        entry["kinds"].add(kind)
        if via is not None:
            entry["via"].add(via)

    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for u, v, key in view.edges(keys=True):
        if key == "cooperatesWith":
            link(u, v, "cooperatesWith", None)
        elif key in SHARED_PREDICATES:
            shared[(key, v)].add(u)
    for (kind, thing), members in sorted(shared.items()):
        for a, b in combinations(sorted(members), 2):
            link(a, b, kind, thing)

    net = nx.Graph()
    for (a, b) in sorted(links):
        for node in (a, b):
            if node not in net:
                net.add_node(node, label=view.nodes[node].get("label", node),
                             type=view.nodes[node].get("type", ""))
        entry = links[(a, b)]
        via_labels = sorted(view.nodes[t].get("label", t) for t in entry["via"])
        direct = "cooperatesWith" in entry["kinds"]
        net.add_edge(a, b, via=JOIN.join(via_labels), kinds=JOIN.join(sorted(entry["kinds"])),
                     weight=len(entry["via"]) + int(direct), direct=direct)
    return net


@dataclass
class Central:
    """One actor's centrality."""

    iri: str
    label: str
    type: str
    degree: int
    degree_centrality: float
    betweenness: float


@dataclass
class Community:
    """A group of actors found by Louvain."""

    id: int
    size: int
    members: list[str]  # labels, sorted
    iris: list[str] = field(default_factory=list)


@dataclass
class NetworkReport:
    """Everything ``egovkg network`` shows and writes."""

    nodes: int
    edges: list[dict[str, object]]
    central: list[Central]
    communities: list[Community]


def centrality(net: nx.Graph) -> list[Central]:
    """Degree and (normalised, unweighted) betweenness of every actor, most central first."""
    if net.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(net)
    between = nx.betweenness_centrality(net, normalized=True)
    rows = [
        Central(iri=n, label=d["label"], type=d["type"], degree=net.degree(n),
                degree_centrality=round(degree[n], 6), betweenness=round(between[n], 6))
        for n, d in net.nodes(data=True)
    ]
    return sorted(rows, key=lambda c: (-c.betweenness, -c.degree, c.label, c.iri))


def communities(net: nx.Graph, seed: int = SEED) -> list[Community]:
    """Louvain communities (weighted, fixed seed), largest first; numbered from 1."""
    if net.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(net, weight="weight", seed=seed)
    groups = [sorted(group, key=lambda n: (net.nodes[n]["label"], n)) for group in found]
    groups.sort(key=lambda g: (-len(g), net.nodes[g[0]]["label"]))
    return [
        Community(id=i, size=len(g), members=[net.nodes[n]["label"] for n in g], iris=list(g))
        for i, g in enumerate(groups, start=1)
    ]


def analyse(view: nx.MultiDiGraph, top: int | None = None) -> NetworkReport:
    """Cooperation network, central actors (the ``top`` most central, all if None) and communities."""
    net = cooperation_network(view)
    edges = [
        {"a": net.nodes[a]["label"], "b": net.nodes[b]["label"], "kinds": d["kinds"], "via": d["via"],
         "weight": d["weight"], "a_iri": a, "b_iri": b}
        for a, b, d in sorted(net.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1]))
    ]
    central = centrality(net)
    return NetworkReport(nodes=net.number_of_nodes(), edges=edges,
                         central=central[:top] if top else central, communities=communities(net))


def _csv(rows: list[dict[str, object]], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise_cell(str(row[c])) if isinstance(row[c], str) else row[c] for c in columns])
    return buf.getvalue()


def write_report(report: NetworkReport, out_dir: str | Path) -> list[Path]:
    """Write ``cooperation_edges.csv``, ``centrality.csv``, ``communities.csv`` and
    ``network.json`` into ``out_dir`` (atomically; CSV formula cells neutralised).

    Returns:
        The written files.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    central = [asdict(c) for c in report.central]
    members = [{"community": c.id, "size": c.size, "label": label, "iri": iri}
               for c in report.communities for label, iri in zip(c.members, c.iris)]
    files = {
        "cooperation_edges.csv": _csv(report.edges, ["a", "b", "kinds", "via", "weight", "a_iri", "b_iri"]),
        "centrality.csv": _csv(central, ["label", "type", "degree", "degree_centrality", "betweenness", "iri"]),
        "communities.csv": _csv(members, ["community", "size", "label", "iri"]),
        "network.json": json.dumps(
            {"nodes": report.nodes, "edges": report.edges, "central": central,
             "communities": [asdict(c) for c in report.communities]},
            ensure_ascii=False, indent=2, sort_keys=True) + "\n",
    }
    return [atomic_write_text(out / name, text) for name, text in files.items()]
