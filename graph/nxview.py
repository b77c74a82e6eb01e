"""The NetworkX view of the RDF graph (for GraphML, GEXF, the HTML and network analysis).

Derived from the RDF graph only, so the picture and the Turtle can never disagree.

:func:`to_networkx` keeps list-valued attributes as sorted lists (and evidence as a list of
dicts) for Python callers; :func:`flatten` turns them into the scalar strings GraphML and GEXF
require, joined deterministically with :data:`LIST_SEPARATOR`.
"""
from __future__ import annotations

import re
from collections import defaultdict
from operator import itemgetter
from typing import Any, Iterable

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from egovkg.ids import ID_BASE, TYPE_PATHS
from egovkg.model import ENTITY_TYPES, PREDICATES, SYMMETRIC_PREDICATES
from egovkg.namespace import EGOV, SCHEMA

LIST_SEPARATOR = " | "
"""Joins list-valued attributes (labels, documents, roles, sentences) in GraphML/GEXF."""

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ENTITY_CLASSES = {EGOV[t]: t for t in ENTITY_TYPES}
_PREDICATES = {EGOV[p]: p for p in PREDICATES}
_TYPE_BY_FOLDER = {folder: etype for etype, folder in TYPE_PATHS.items()}
_EVIDENCE_FIELDS = (("sentence", PROV.value), ("document", PROV.wasDerivedFrom), ("date", DCTERMS.date),
                    ("role", EGOV.role), ("extractor", EGOV.extractor))
"""What an evidence record holds."""
# Terms are looked up once, here: a namespace attribute costs microseconds.
_REIFIED = (RDF.subject, RDF.predicate, RDF.object)
_EVIDENCE, _TYPE = EGOV.Evidence, RDF.type
_PREF_LABEL, _ALT_LABEL, _EXACT_MATCH = SKOS.prefLabel, SKOS.altLabel, SKOS.exactMatch
_MENTIONED_IN, _AGS = EGOV.mentionedIn, EGOV.ags
_FUNDING, _FUNDER, _RECIPIENT, _PROGRAMME = EGOV.Funding, EGOV.funder, EGOV.recipient, EGOV.programme
_AMOUNT, _AMOUNT_TEXT, _APPROXIMATE, _HAS_EVIDENCE = EGOV.amount, EGOV.amountText, EGOV.approximate, EGOV.hasEvidence
_AMOUNT_FIELDS = (("value", SCHEMA.value), ("minValue", SCHEMA.minValue), ("maxValue", SCHEMA.maxValue),
                  ("currency", SCHEMA.currency))
_DATE, _DERIVED_FROM = DCTERMS.date, PROV.wasDerivedFrom


def _text(value: object) -> str:
    """A string safe for XML 1.0 (GraphML, GEXF)."""
    text = str(value)
    # Every character the pattern removes is unprintable, and ``isprintable`` is a much faster
    # scan than a regular expression, so printable text (nearly all) skips the substitution.
    return text if text.isprintable() else _XML_ILLEGAL.sub("", text)


def _strings(values: Iterable[object]) -> list[str]:
    return sorted({_text(v) for v in values})


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _first(graph: Graph, s: Any, p: URIRef) -> str:
    values = [str(o) for o in graph.objects(s, p)] if s is not None else []
    return _text(min(values)) if values else ""


def _label(graph: Graph, node: URIRef) -> str:
    return _first(graph, node, _PREF_LABEL) or _local(node)


def _primary_type(node: URIRef, types: list[str]) -> str:
    """The type that decides the IRI folder (``id:state/bremen`` -> State), else the first."""
    rest = str(node)[len(ID_BASE):] if str(node).startswith(ID_BASE) else ""
    folder_type = _TYPE_BY_FOLDER.get(rest.split("/", 1)[0])
    return folder_type if folder_type in types else sorted(types)[0]


def _entities(graph: Graph) -> dict[URIRef, list[str]]:
    types: dict[URIRef, list[str]] = defaultdict(list)
    for cls, name in _ENTITY_CLASSES.items():
        for s in graph.subjects(_TYPE, cls):
            if isinstance(s, URIRef):
                types[s].append(name)
    return types


def _firsts(graph: Graph, predicate: URIRef) -> dict[Any, str]:
    """``_first(graph, s, predicate)`` of every subject that has ``predicate``, in one pass
    (a view reads five fields of each of thousands of Evidence nodes)."""
    least: dict[Any, str] = {}
    get = least.get
    for s, o in graph.subject_objects(predicate):
        value = str(o)
        old = get(s)
        if old is None or value < old:
            least[s] = value
    return {s: _text(v) for s, v in least.items()}


_RECORD_ORDER = itemgetter("date", "document", "sentence", "role")


class _EvidenceReader:
    """The Evidence of a graph: which nodes reify a triple, and the record of each node."""

    def __init__(self, graph: Graph) -> None:
        self._fields = [_firsts(graph, pred).get for _, pred in _EVIDENCE_FIELDS]
        # the first object wins
        subjects, predicates, objects = (dict(reversed(list(graph.subject_objects(x)))) for x in _REIFIED)
        self.index: dict[tuple, list[Any]] = defaultdict(list)
        for ev in graph.subjects(_TYPE, _EVIDENCE):
            s, p, o = subjects.get(ev), predicates.get(ev), objects.get(ev)
            if s is not None and p is not None and o is not None:
                self.index[(s, p, o)].append(ev)

    def records(self, evs: Iterable[Any]) -> list[dict[str, str]]:
        """Evidence records sorted by date, document and sentence."""
        sentence, document, date, role, extractor = self._fields  # the order of _EVIDENCE_FIELDS
        items = [{"sentence": sentence(ev, ""), "document": document(ev, ""), "date": date(ev, ""),
                  "role": role(ev, ""), "extractor": extractor(ev, "")} for ev in set(evs)]
        return sorted(items, key=_RECORD_ORDER)


def _node_attrs(graph: Graph, node: URIRef, types: list[str]) -> dict[str, Any]:
    return {
        "label": _label(graph, node),
        "type": _primary_type(node, types),
        "types": sorted(types),
        "altLabels": _strings(graph.objects(node, _ALT_LABEL)),
        "documents": _strings(graph.objects(node, _MENTIONED_IN)),
        "external": _strings(graph.objects(node, _EXACT_MATCH)),
        "ags": _first(graph, node, _AGS),
    }


def _funding_attrs(graph: Graph, funding: Any, evidence: _EvidenceReader) -> dict[str, Any]:
    amount = graph.value(funding, _AMOUNT)
    programme = graph.value(funding, _PROGRAMME)
    text = _first(graph, funding, _AMOUNT_TEXT)
    attrs: dict[str, Any] = {
        "predicate": "funds",
        "funding": str(funding),
        "amounts": [text] if text else [],
        "programme": _label(graph, programme) if programme is not None else "",
        "date": _first(graph, funding, _DATE),
        "approximate": _first(graph, funding, _APPROXIMATE) == "true",
        "roles": [],
    }
    for name, prop in _AMOUNT_FIELDS:
        attrs[name] = _first(graph, amount, prop)
    evs = evidence.records(graph.objects(funding, _HAS_EVIDENCE))
    if not evs:  # a Funding without Evidence still names its document
        evs = [{"sentence": "", "document": d, "date": attrs["date"], "role": "", "extractor": ""}
               for d in _strings(graph.objects(funding, _DERIVED_FROM))]
    attrs["evidence"] = evs
    attrs["evidence_count"] = len(evs)
    return attrs


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """A directed multigraph of the entities, relations and fundings in ``graph``.

    Nodes are entity IRIs with ``label``, ``type`` (the primary class), ``types``,
    ``altLabels``, ``documents``, ``external`` (lists) and ``ags``. Edges are the nine relation
    predicates (key = the predicate's name) with ``predicate``, ``roles``, ``evidence`` (dicts
    with ``sentence``, ``document``, ``date``, ``role``, ``extractor``), ``evidence_count`` and
    an empty ``amounts``; and one ``funds`` edge per ``egov:Funding`` (key = its IRI) from
    funder to recipient (or to the programme when no recipient is named) with ``amounts``
    (the amount as written), ``value``/``minValue``/``maxValue``/``currency``, ``programme``,
    ``date`` and its evidence.

    Args:
        graph: The RDF graph (the union of all document graphs; a ``Dataset`` with
            ``default_union`` works too).

    Returns:
        The view; nodes and edges are added in sorted order, so writing it is deterministic.
    """
    g = nx.MultiDiGraph()
    entities = _entities(graph)
    for node in sorted(entities, key=str):
        g.add_node(str(node), **_node_attrs(graph, node, entities[node]))
    evidence = _EvidenceReader(graph)
    edges = sorted(
        (str(s), str(o), name, s, pred, o)
        for pred, name in _PREDICATES.items()
        for s, o in graph.subject_objects(pred)
        if s in entities and o in entities
    )
    for u, v, name, s, pred, o in edges:
        evs = list(evidence.index.get((s, pred, o), ()))
        if name in SYMMETRIC_PREDICATES:
            evs += evidence.index.get((o, pred, s), ())
        records = evidence.records(evs)
        g.add_edge(
            u, v, key=name, predicate=name, roles=_strings(e["role"] for e in records if e["role"]),
            amounts=[], evidence=records, evidence_count=len(records),
        )
    for funding in sorted(graph.subjects(_TYPE, _FUNDING), key=str):
        funder = graph.value(funding, _FUNDER)
        target = graph.value(funding, _RECIPIENT) or graph.value(funding, _PROGRAMME)
        if funder in entities and target in entities:
            g.add_edge(str(funder), str(target), key=str(funding), **_funding_attrs(graph, funding, evidence))
    return g


def _scalar(key: str, value: Any) -> Any:
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (list, tuple, set)):
        if key == "evidence":
            return LIST_SEPARATOR.join(
                _text(f"{e['sentence']} [{e['date'] or 'ohne Datum'}; {e['document']}]") for e in value
            )
        return LIST_SEPARATOR.join(_text(v) for v in value)
    return _text("" if value is None else value)


def flatten(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the view with scalar attributes only (GraphML/GEXF): lists joined with
    :data:`LIST_SEPARATOR`, evidence as ``sentence [date; document]`` joined the same way."""
    flat = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        flat.add_node(node, **{k: _scalar(k, v) for k, v in data.items()})
    for u, v, key, data in g.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: _scalar(k, v) for k, v in data.items()})
    return flat
