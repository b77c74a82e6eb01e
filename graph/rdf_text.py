"""Turtle, TriG and JSON-LD text of ranked quads, written without one Python object per triple.

Oxigraph's serialisers take one ``pyoxigraph.Quad`` object per quad; making 200,000 of them
costs more than the serialising itself. Here each distinct term is converted once (its
N-Triples form comes from pyoxigraph, so the escaping of IRIs and literals is Oxigraph's), and
the files are assembled from those strings in the layout Oxigraph writes: for the graphs egovkg
builds, the output is byte-identical to ``pyoxigraph.serialize`` (``tests/graph/test_rdf_text.py``
compares both, and parses random hostile terms back). Only the choice of abbreviations is ours:
a prefixed name is written where its local part is plainly safe, a full IRI elsewhere.
"""
from __future__ import annotations

import json
import re
from itertools import groupby
from operator import itemgetter
from typing import Iterable, Sequence

import pyoxigraph as ox
from rdflib import RDF, BNode, Literal, URIRef
from rdflib.term import Node

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
"""Local names written as prefixed names: a strict subset of Turtle's PN_LOCAL that needs no
escape (no leading '-' or '.', no trailing '.')."""
_BARE = {  # Turtle's INTEGER, DECIMAL, DOUBLE and BooleanLiteral: written without quotes
    _XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    _XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    _XSD + "double": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+)"),
    _XSD + "boolean": re.compile(r"true|false"),
}


class TermText:
    """The Turtle form of every term of a :class:`~egovkg.graph.oxi.RankedQuads`, by rank.

    Args:
        terms: ``terms[rank]``; ``None`` (the default graph) is written as nothing.
        prefixes: Prefix name -> namespace IRI, used for prefixed names.

    Attributes:
        text: The term as subject, object or graph name.
        predicate: The term as predicate (``a`` for ``rdf:type``).
    """

    def __init__(self, terms: Sequence[Node | None], prefixes: dict[str, str]) -> None:
        self._prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))  # the longest namespace wins
        self.text = ["" if t is None else self._turtle(t) for t in terms]
        self.predicate = ["a" if t == RDF.type else text for t, text in zip(terms, self.text)]

    def _iri(self, iri: str) -> str:
        for name, namespace in self._prefixes:
            if iri.startswith(namespace) and _SAFE_LOCAL.fullmatch(iri, len(namespace)):
                return f"{name}:{iri[len(namespace):]}"
        return str(ox.NamedNode(iri))

    def _turtle(self, term: Node | None) -> str:
        if isinstance(term, URIRef):
            return self._iri(str(term))
        if isinstance(term, BNode):
            return str(ox.BlankNode(str(term)))
        if isinstance(term, Literal):
            lexical = str(term)
            if term.language:
                return str(ox.Literal(lexical, language=term.language))
            datatype = str(term.datatype) if term.datatype is not None else _XSD_STRING
            if datatype == _XSD_STRING:
                return str(ox.Literal(lexical))
            bare = _BARE.get(datatype)
            if bare is not None and bare.fullmatch(lexical):
                return lexical
            return f"{ox.Literal(lexical)}^^{self._iri(datatype)}"
        raise TypeError(f"cannot write {term!r} as an RDF term")


_SPO = itemgetter(1, 2, 3)
"""``(s, p, o)`` of a ``(graph, s, p, o)`` row."""


def _blocks(rows: Iterable[Sequence[int]], text: list[str], predicate: list[str], indent: str) -> list[str]:
    """Subject blocks of sorted ``(s, p, o)`` rank rows: ``s p o , o ;`` then `` .``."""
    out: list[str] = []
    add = out.append
    last_s = last_p = -1
    for s, p, o in rows:
        if s != last_s:
            if last_s >= 0:
                add(" .\n")
            add(f"{indent}{text[s]} {predicate[p]} {text[o]}")
        elif p != last_p:
            add(f" ;\n{indent}\t{predicate[p]} {text[o]}")
        else:
            add(f" , {text[o]}")
        last_s, last_p = s, p
    if last_s >= 0:
        add(" .\n")
    return out


def turtle(header: str, triples: Sequence[Sequence[int]], terms: TermText) -> bytes:
    """Turtle of sorted union triples (ranks), after ``header`` (the ``@prefix`` lines)."""
    return (header + "".join(_blocks(triples, terms.text, terms.predicate, ""))).encode("utf-8")


def trig(header: str, quads: Sequence[Sequence[int]], terms: TermText) -> bytes:
    """TriG of sorted ``(graph, s, p, o)`` ranks: default graph (rank 0) first, unbraced; then
    one ``<graph> { ... }`` block per named graph."""
    parts = [header]
    for g, group in groupby(quads, key=itemgetter(0)):
        rows = map(_SPO, group)
        if g == 0:
            parts += _blocks(rows, terms.text, terms.predicate, "")
        else:
            parts.append(f"{terms.text[g]} {{\n")
            parts += _blocks(rows, terms.text, terms.predicate, "\t")
            parts.append("}\n")
    return "".join(parts).encode("utf-8")


_JSON_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""Made once: ``json.dumps`` with options builds a new encoder per call, a third of this writer's time."""


def _json_value(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"@id": str(term)}
    if isinstance(term, BNode):
        return {"@id": f"_:{term}"}
    assert isinstance(term, Literal)
    if term.language:
        return {"@language": term.language, "@value": str(term)}
    datatype = str(term.datatype) if term.datatype is not None else _XSD_STRING
    if datatype == _XSD_STRING:
        return {"@value": str(term)}
    return {"@type": datatype, "@value": str(term)}


def jsonld(triples: Sequence[Sequence[int]], terms: Sequence[Node | None]) -> bytes:
    """JSON-LD (expanded form, full IRIs) of sorted union triples (ranks): one node object per
    subject, its properties in triple order. Each term is JSON-encoded once."""
    encode = _JSON_ENCODER.encode
    values: dict[int, str] = {}
    keys: dict[int, str] = {}
    out = ["["]
    add = out.append
    last_s = last_p = -1
    for s, p, o in triples:
        value = values.get(o)
        if value is None:
            value = values[o] = encode(_json_value(terms[o]))  # type: ignore[arg-type]
        if s != last_s or p != last_p:
            key = keys.get(p)
            if key is None:
                key = keys[p] = encode(str(terms[p]))
            if s != last_s:
                subject = terms[s]
                subject_id = f"_:{subject}" if isinstance(subject, BNode) else str(subject)
                add(f'{"]}," if last_s >= 0 else ""}{{"@id":{encode(subject_id)},{key}:[{value}')
            else:
                add(f"],{key}:[{value}")
        else:
            add(f",{value}")
        last_s, last_p = s, p
    add("]}]" if last_s >= 0 else "]")
    return "".join(out).encode("utf-8")
