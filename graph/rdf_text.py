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
from typing import Sequence

import numpy as np
import pyoxigraph as ox
from rdflib import RDF, BNode, Literal, URIRef
from rdflib.term import Node

from egovkg.graph.oxi import rank_rows

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_RDF_TYPE = str(RDF.type)

_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
"""Local names written as prefixed names: a strict subset of Turtle's PN_LOCAL that needs no
escape (no leading '-' or '.', no trailing '.')."""
_BARE = {  # Turtle's INTEGER, DECIMAL, DOUBLE and BooleanLiteral: written without quotes
    _XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    _XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    _XSD + "double": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+)"),
    _XSD + "boolean": re.compile(r"true|false"),
}


_KINDS = (URIRef, BNode, Literal)


def _kind(term: object) -> type | None:
    """``URIRef``, ``BNode`` or ``Literal``: the first of them ``term`` is an instance of, else None.
    Exact classes are found without ``isinstance``, which costs microseconds on rdflib's terms."""
    cls = type(term)
    if cls is URIRef or cls is Literal or cls is BNode:
        return cls
    return next((kind for kind in _KINDS if isinstance(term, kind)), None)


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
        self._namespace = re.compile("|".join(re.escape(namespace) for _, namespace in self._prefixes))
        self._name = {namespace: name for name, namespace in reversed(self._prefixes)}  # the first wins
        self.text = ["" if t is None else self._turtle(t) for t in terms]
        # ``t == RDF.type`` as rdflib decides it (same class, same string), without rdflib's
        # Python-level ``__eq__`` for every term.
        self.predicate = ["a" if type(t) is URIRef and str.__eq__(t, _RDF_TYPE) else text
                          for t, text in zip(terms, self.text)]

    def _iri(self, iri: str) -> str:
        found = self._namespace.match(iri) if self._prefixes else None  # the longest namespace first
        if found is None:
            return str(ox.NamedNode(iri))
        if _SAFE_LOCAL.fullmatch(iri, found.end()):
            return f"{self._name[found.group()]}:{iri[found.end():]}"
        for name, namespace in self._prefixes:  # a shorter namespace may still give a safe local name
            if iri.startswith(namespace) and _SAFE_LOCAL.fullmatch(iri, len(namespace)):
                return f"{name}:{iri[len(namespace):]}"
        return str(ox.NamedNode(iri))

    def _turtle(self, term: Node | None) -> str:
        kind = _kind(term)
        if kind is URIRef:
            return self._iri(str(term))
        if kind is BNode:
            return str(ox.BlankNode(str(term)))
        if kind is Literal:
            lexical, language, datatype = str(term), term.language, term.datatype  # type: ignore[union-attr]
            if language:
                return str(ox.Literal(lexical, language=language))
            datatype = str(datatype) if datatype is not None else _XSD_STRING
            if datatype == _XSD_STRING:
                return str(ox.Literal(lexical))
            bare = _BARE.get(datatype)
            if bare is not None and bare.fullmatch(lexical):
                return lexical
            return f"{ox.Literal(lexical)}^^{self._iri(datatype)}"
        raise TypeError(f"cannot write {term!r} as an RDF term")


def _assemble(pieces: list[str], ids: np.ndarray) -> bytes:
    """``pieces[i]`` for every id in ``ids``, concatenated as UTF-8: each piece is encoded once,
    and the file is one C-level join of bytes (no Python loop per row, no encoding per row)."""
    table = np.empty(len(pieces), dtype=object)
    table[:] = [piece.encode("utf-8") for piece in pieces]
    return b"".join(table[ids].tolist())


def _turtle_body(g: np.ndarray, s: np.ndarray, p: np.ndarray, o: np.ndarray, terms: TermText) -> bytes:
    """Subject blocks (``s p o , o ;`` then `` .``) of sorted ranks, one block per graph: the
    default graph (rank 0) unbraced, each named graph as ``<graph> {`` tab-indented ``}``.

    Each row becomes four pieces of a table: what opens its block or line, its subject, its
    predicate, its object; the text is the table looked up at those ids, so each distinct term
    is turned into text once and no Python code runs per row.
    """
    n = len(s)
    if n == 0:
        return b""
    new_g = np.ones(n, dtype=bool)
    new_g[1:] = g[1:] != g[:-1]
    new_s = new_g.copy()
    new_s[1:] |= s[1:] != s[:-1]
    new_p = new_s.copy()
    new_p[1:] |= p[1:] != p[:-1]
    named = g != 0
    text, predicate = terms.text, terms.predicate
    used_p, p_index = np.unique(p, return_inverse=True)
    pieces = list(text)  # ids 0 .. len(text)-1: the terms
    first_piece = len(pieces)  # per predicate: after a subject, then on a new line (two indents)
    pieces += [f" {predicate[x]} " for x in used_p.tolist()]
    pieces += [f" ;\n\t{predicate[x]} " for x in used_p.tolist()]
    pieces += [f" ;\n\t\t{predicate[x]} " for x in used_p.tolist()]
    empty, comma, next_s, next_named_s = len(pieces), len(pieces) + 1, len(pieces) + 2, len(pieces) + 3
    pieces += ["", " , ", " .\n", " .\n\t"]
    ids = np.empty((n, 4), dtype=np.int64)
    ids[:, 0] = np.where(new_s, np.where(named, next_named_s, next_s), empty)
    starts = np.flatnonzero(new_g).tolist()  # a graph opens: close the one before, open this one
    graphs = g[starts].tolist()
    for k, (row, graph) in enumerate(zip(starts, graphs)):
        close = "" if k == 0 else (" .\n}\n" if graphs[k - 1] else " .\n")
        ids[row, 0] = len(pieces)
        pieces.append(f"{close}{text[graph]} {{\n\t" if graph else close)
    ids[:, 1] = np.where(new_s, s, empty)
    ids[:, 2] = np.where(new_s, first_piece + p_index,
                         np.where(new_p, first_piece + len(used_p) * np.where(named, 2, 1) + p_index, comma))
    ids[:, 3] = o
    return _assemble(pieces, ids.ravel()) + (b" .\n}\n" if graphs[-1] else b" .\n")


def turtle(header: str, triples: Sequence[Sequence[int]], terms: TermText) -> bytes:
    """Turtle of sorted union triples (ranks), after ``header`` (the ``@prefix`` lines)."""
    s, p, o = rank_rows(triples, 3).T
    return header.encode("utf-8") + _turtle_body(np.zeros(len(s), dtype=np.int64), s, p, o, terms)


def trig(header: str, quads: Sequence[Sequence[int]], terms: TermText) -> bytes:
    """TriG of sorted ``(graph, s, p, o)`` ranks: default graph (rank 0) first, unbraced; then
    one ``<graph> { ... }`` block per named graph."""
    g, s, p, o = rank_rows(quads, 4).T
    return header.encode("utf-8") + _turtle_body(g, s, p, o, terms)


_JSON_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""Made once: ``json.dumps`` with options builds a new encoder per call, a third of this writer's time."""


def _json_value(term: Node) -> dict[str, str]:
    kind = _kind(term)
    if kind is URIRef:
        return {"@id": str(term)}
    if kind is BNode:
        return {"@id": f"_:{term}"}
    assert kind is Literal
    language, datatype = term.language, term.datatype  # type: ignore[attr-defined]
    if language:
        return {"@language": language, "@value": str(term)}
    datatype = str(datatype) if datatype is not None else _XSD_STRING
    if datatype == _XSD_STRING:
        return {"@value": str(term)}
    return {"@type": datatype, "@value": str(term)}


def _json_id(term: Node) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def jsonld(triples: Sequence[Sequence[int]], terms: Sequence[Node | None]) -> bytes:
    """JSON-LD (expanded form, full IRIs) of sorted union triples (ranks): one node object per
    subject, its properties in triple order. Each term is JSON-encoded once, and the rows are
    assembled from a table of pieces as in :func:`_turtle_body`."""
    s, p, o = rank_rows(triples, 3).T
    if len(s) == 0:
        return b"[]"
    encode = _JSON_ENCODER.encode
    new_s = np.ones(len(s), dtype=bool)
    new_s[1:] = s[1:] != s[:-1]
    new_p = new_s.copy()
    new_p[1:] |= p[1:] != p[:-1]
    used_s, s_index = np.unique(s, return_inverse=True)
    used_p, p_index = np.unique(p, return_inverse=True)
    used_o, o_index = np.unique(o, return_inverse=True)
    pieces = [encode(_json_value(terms[x])) for x in used_o.tolist()]  # type: ignore[arg-type]
    keys = [encode(str(terms[x])) for x in used_p.tolist()]
    first_key = len(pieces)  # per predicate: its first value follows, then its next key
    pieces += [f"{key}:[" for key in keys]
    pieces += [f"],{key}:[" for key in keys]
    first_subject = len(pieces)
    pieces += [f'{{"@id":{encode(_json_id(terms[x]))},' for x in used_s.tolist()]  # type: ignore[arg-type]
    empty, comma, next_s = len(pieces), len(pieces) + 1, len(pieces) + 2
    pieces += ["", ",", "]},"]
    ids = np.empty((len(s), 4), dtype=np.int64)
    ids[:, 0] = np.where(new_s, next_s, empty)
    ids[0, 0] = empty
    ids[:, 1] = np.where(new_s, first_subject + s_index, empty)
    ids[:, 2] = np.where(new_p, first_key + len(used_p) * ~new_s + p_index, comma)
    ids[:, 3] = o_index
    return b"[" + _assemble(pieces, ids.ravel()) + b"]}]"
