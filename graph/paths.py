"""How two actors are connected, and what surrounds one actor.

Both work on the NetworkX view (derived from the RDF graph) seen as undirected over the nine
relation predicates; each hop keeps its predicate, its direction in the graph and its evidence
(sentence, document title and date, looked up in the RDF graph).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from egovkg.errors import EgovkgError
from egovkg.model import PREDICATES


@dataclass(frozen=True)
class Link:
    """One relation triple seen from a walk: ``subject predicate object`` in the graph."""

    subject: str
    predicate: str
    object: str
    forward: bool  # True when the walk goes from subject to object
    roles: tuple[str, ...] = ()
    sentence: str = ""
    document: str = ""  # document IRI
    title: str = ""
    date: str = ""
    evidence_count: int = 0


@dataclass
class Hop:
    """One step of a path: from ``source`` to ``target`` through one or more relations."""

    source: str
    target: str
    source_label: str
    target_label: str
    links: list[Link] = field(default_factory=list)


def relation_view(view: nx.MultiDiGraph) -> nx.MultiGraph:
    """The undirected multigraph of the nine relations (Funding edges left out: they repeat
    ``funds``); each edge remembers its direction as ``subject``/``object``."""
    und = nx.MultiGraph()
    und.add_nodes_from(view.nodes(data=True))
    for u, v, key, data in view.edges(keys=True, data=True):
        if key in PREDICATES:
            und.add_edge(u, v, key=(u, v, key), subject=u, object=v, **data)
    return und


def _doc_info(graph: Graph, document: str) -> tuple[str, str]:
    if not document:
        return "", ""
    iri = URIRef(document)
    titles = sorted(str(t) for t in graph.objects(iri, DCTERMS.title))
    dates = sorted(str(d) for d in graph.objects(iri, DCTERMS.date))
    return (titles[0] if titles else ""), (dates[0] if dates else "")


def _link(graph: Graph, data: dict, walk_from: str) -> Link:
    evidence = data.get("evidence") or []
    first = evidence[0] if evidence else {}
    title, doc_date = _doc_info(graph, first.get("document", ""))
    return Link(
        subject=data["subject"], predicate=data["predicate"], object=data["object"],
        forward=data["subject"] == walk_from, roles=tuple(data.get("roles") or ()),
        sentence=first.get("sentence", ""), document=first.get("document", ""), title=title,
        date=first.get("date", "") or doc_date, evidence_count=int(data.get("evidence_count", 0)),
    )


def _links(graph: Graph, und: nx.MultiGraph, a: str, b: str) -> list[Link]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for data in sorted(und.get_edge_data(a, b).values(), key=lambda d: (d["predicate"], d["subject"])):
        triple = (data["subject"], data["predicate"], data["object"])
        if data["predicate"] == "cooperatesWith":  # symmetric: written both ways, shown once
            triple = (min(a, b), "cooperatesWith", max(a, b))
        if triple not in seen:
            seen.add(triple)
            out.append(_link(graph, data, a))
    return out


def shortest_path(view: nx.MultiDiGraph, graph: Graph, source: str, target: str) -> list[Hop]:
    """The shortest chain of relations between two entities (IRIs), with evidence per hop.

    Raises:
        EgovkgError: An IRI is not an entity of the graph, or the two are not connected.
    """
    und = relation_view(view)
    for iri in (source, target):
        if iri not in und:
            raise EgovkgError(f"<{iri}> is not an entity of the graph")
    try:
        nodes = nx.shortest_path(und, source, target)
    except nx.NetworkXNoPath:
        raise EgovkgError(
            f'"{und.nodes[source]["label"]}" and "{und.nodes[target]["label"]}" are not connected'
        ) from None
    return [
        Hop(a, b, und.nodes[a]["label"], und.nodes[b]["label"], _links(graph, und, a, b))
        for a, b in zip(nodes, nodes[1:])
    ]


@dataclass
class Neighbour:
    """An entity within reach of the centre, and how it is reached."""

    iri: str
    label: str
    type: str
    distance: int
    via: str  # label of the entity one step closer to the centre
    links: list[Link]


@dataclass
class FundingFlow:
    """One egov:Funding where the centre is funder or recipient."""

    direction: str  # "gibt" (centre is the funder) or "erhält"
    counterpart: str
    amount_text: str
    value: Decimal | None
    min_value: Decimal | None
    max_value: Decimal | None
    programme: str
    date: str


@dataclass
class Neighbourhood:
    """What ``egovkg neighbours`` shows."""

    centre: str
    label: str
    neighbours: list[Neighbour]
    fundings: list[FundingFlow]

    def totals(self) -> dict[str, dict[str, Decimal]]:
        """Per direction: ``exact`` (sum of exact sums), ``upper`` (exact sums plus upper bounds;
        flows with only a lower bound count their lower bound) and ``count``."""
        out: dict[str, dict[str, Decimal]] = {}
        for f in self.fundings:
            t = out.setdefault(f.direction, {"exact": Decimal(0), "upper": Decimal(0), "count": Decimal(0)})
            t["count"] += 1
            if f.value is not None:
                t["exact"] += f.value
            best = f.value if f.value is not None else (f.max_value if f.max_value is not None else f.min_value)
            if best is not None:
                t["upper"] += best
        return out


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return None


def neighbourhood(view: nx.MultiDiGraph, graph: Graph, centre: str, depth: int = 1) -> Neighbourhood:
    """Every entity within ``depth`` relation hops of ``centre``, plus the centre's fundings.

    Raises:
        EgovkgError: ``centre`` is not an entity, or ``depth`` < 1.
    """
    if depth < 1:
        raise EgovkgError("--depth must be at least 1")
    und = relation_view(view)
    if centre not in und:
        raise EgovkgError(f"<{centre}> is not an entity of the graph")
    parents = dict(nx.bfs_predecessors(und, centre, depth_limit=depth))
    distance = nx.single_source_shortest_path_length(und, centre, cutoff=depth)
    neighbours = []
    for node, parent in parents.items():
        data = und.nodes[node]
        neighbours.append(Neighbour(
            iri=node, label=data.get("label", node), type=data.get("type", ""), distance=distance[node],
            via=und.nodes[parent].get("label", parent), links=_links(graph, und, parent, node),
        ))
    neighbours.sort(key=lambda n: (n.distance, n.type, n.label, n.iri))
    fundings = []
    for u, v, key, data in sorted(view.edges(keys=True, data=True), key=lambda e: str(e[2])):
        if "funding" not in data or centre not in (u, v):
            continue
        other = v if u == centre else u
        fundings.append(FundingFlow(
            direction="gibt" if u == centre else "erhält",
            counterpart=view.nodes[other].get("label", other),
            amount_text=(data.get("amounts") or [""])[0],
            value=_decimal(data.get("value", "")), min_value=_decimal(data.get("minValue", "")),
            max_value=_decimal(data.get("maxValue", "")), programme=data.get("programme", ""),
            date=data.get("date", ""),
        ))
    fundings.sort(key=lambda f: (f.direction, f.date, f.counterpart, f.amount_text))
    return Neighbourhood(centre, view.nodes[centre].get("label", centre), neighbours, fundings)
