"""Bridge between rdflib terms and pyoxigraph terms, and deterministic ordering of quads.

rdflib is the in-memory model the pipeline builds; pyoxigraph (Rust) parses, serialises and
queries it fast. Terms are converted once and cached, since a graph repeats the same IRIs and
labels many times.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import chain, count
from typing import Iterable, Iterator, Mapping, Sequence

import numpy as np
import pyoxigraph as ox
from rdflib import RDF, BNode, Literal, URIRef
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"  # the implicit datatype of plain literals
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


class TermConverter:
    """Converts rdflib terms to pyoxigraph terms and back, caching each conversion."""

    def __init__(self) -> None:
        self._to_ox: dict[Node, OxTerm] = {}
        self._to_rdflib: dict[OxTerm, Node] = {}

    def to_ox(self, term: Node) -> OxTerm:
        """The pyoxigraph form of an rdflib ``URIRef``, ``BNode`` or ``Literal``."""
        cached = self._to_ox.get(term)
        if cached is not None:
            return cached
        if isinstance(term, URIRef):
            out: OxTerm = ox.NamedNode(str(term))
        elif isinstance(term, BNode):
            out = ox.BlankNode(str(term))
        elif isinstance(term, Literal):
            if term.language:
                out = ox.Literal(str(term), language=term.language)
            elif term.datatype is not None:
                out = ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            else:
                out = ox.Literal(str(term))
        else:
            raise TypeError(f"cannot convert {term!r} to an RDF term")
        self._to_ox[term] = out
        return out

    def to_rdflib(self, term: OxTerm) -> Node:
        """The rdflib form of a pyoxigraph ``NamedNode``, ``BlankNode`` or ``Literal``."""
        cached = self._to_rdflib.get(term)
        if cached is not None:
            return cached
        if isinstance(term, ox.NamedNode):
            out: Node = URIRef(term.value)
        elif isinstance(term, ox.BlankNode):
            out = BNode(term.value)
        elif isinstance(term, ox.Literal):
            dt = term.datatype.value
            if term.language:
                out = Literal(term.value, lang=term.language)
            elif dt == _XSD_STRING:
                out = Literal(term.value)
            else:
                out = Literal(term.value, datatype=URIRef(dt))
        else:
            raise TypeError(f"cannot convert {term!r} to an rdflib term")
        self._to_rdflib[term] = out
        return out


def term_sort_key(term: Node) -> tuple[int, str, str]:
    """A total, run-independent order on rdflib terms (IRIs, then blank nodes, then literals)."""
    if isinstance(term, URIRef):
        return (0, str(term), "")
    if isinstance(term, BNode):
        return (1, str(term), "")
    assert isinstance(term, Literal)
    return (2, str(term), f"@{term.language}" if term.language else str(term.datatype or ""))


def ox_triples(triples: Iterable[tuple[Node, Node, Node]], conv: TermConverter | None = None) -> Iterator[ox.Triple]:
    """pyoxigraph triples of rdflib triples, in the given order."""
    conv = conv or TermConverter()
    for s, p, o in triples:
        yield ox.Triple(conv.to_ox(s), conv.to_ox(p), conv.to_ox(o))


def ox_quads(
    quads: Iterable[tuple[Node, Node, Node, Node | None]], conv: TermConverter | None = None
) -> Iterator[ox.Quad]:
    """pyoxigraph quads of rdflib ``(s, p, o, graph name)``; ``None`` is the default graph."""
    conv = conv or TermConverter()
    default = ox.DefaultGraph()
    for s, p, o, g in quads:
        yield ox.Quad(conv.to_ox(s), conv.to_ox(p), conv.to_ox(o), default if g is None else conv.to_ox(g))


Quad = tuple[Node, Node, Node, Node | None]
"""``(subject, predicate, object, graph name)``; graph name ``None`` is the default graph."""
Triple = tuple[Node, Node, Node]


def _distinct_sorted_rows(rows: np.ndarray) -> np.ndarray:
    """The distinct rows of a 2-D array of three or four columns of non-negative integers below
    2**31, sorted lexicographically (first column first).

    The rows are sorted on two int64 keys (two columns packed into each), which halves the
    passes of ``np.lexsort``.
    """
    if rows.shape[1] not in (3, 4):
        raise ValueError(f"rows of three or four columns expected, not {rows.shape[1]}")
    if len(rows) <= 1:
        return rows
    hi = rows[:, 0] if rows.shape[1] == 3 else (rows[:, 0] << 32) | rows[:, 1]
    lo = (rows[:, -2] << 32) | rows[:, -1]
    order = np.lexsort((lo, hi))
    hi, lo = hi[order], lo[order]
    keep = np.ones(len(order), dtype=bool)
    keep[1:] = (hi[1:] != hi[:-1]) | (lo[1:] != lo[:-1])
    return rows[order[keep]]


def rank_rows(rows: Sequence[Sequence[int]] | np.ndarray, width: int) -> np.ndarray:
    """``rows`` of rank numbers as an ``(n, width)`` int64 array. An array of that shape and
    type is taken as it is; any other sequence of rows is flattened first, which numpy reads
    faster than a list of lists."""
    if isinstance(rows, np.ndarray):
        if rows.dtype == np.int64 and rows.ndim == 2 and rows.shape[1] == width:
            return rows
        return rows.astype(np.int64, copy=False).reshape(-1, width)
    return np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=width * len(rows)).reshape(-1, width)


@dataclass
class RankedQuads:
    """Distinct quads with every term replaced by its rank, sorted: the order of the files.

    Each distinct term is ranked once, so sorting compares integers only and the writers
    (``graph.rdf_text``) turn each term into text once. Rank 0 is the default graph (``None``); rank 1 is
    ``rdf:type`` (so ``a`` opens each subject block); the other terms follow in
    :func:`term_sort_key` order.

    Attributes:
        terms: ``terms[rank]`` is the term of that rank.
        quads: Distinct ``[graph, subject, predicate, object]`` ranks, sorted: an ``(n, 4)``
            integer array. The writers (``graph.rdf_text``) read it with numpy as it is;
            ``.tolist()`` gives Python rows where a loop needs them.
        triples: Distinct ``[subject, predicate, object]`` ranks over all graphs, sorted: an
            ``(n, 3)`` integer array.

    Rows given as lists (or tuples) are turned into such arrays.
    """

    terms: list[Node | None]
    quads: np.ndarray
    triples: np.ndarray

    def __post_init__(self) -> None:
        self.quads = rank_rows(self.quads, 4)
        self.triples = rank_rows(self.triples, 3)

    @classmethod
    def of(cls, quads: Iterable[Quad] | Mapping[Node | None, Iterable[Triple]]) -> RankedQuads:
        """Rank and sort ``quads`` (any order, duplicates allowed): ``(s, p, o, graph name)``
        tuples, or a mapping from each graph name to its ``(s, p, o)`` triples (what
        ``egovkg.graph.rdf.dataset_graphs`` returns, without making a tuple per quad).

        Terms are numbered in one pass; ranking, sorting and removing duplicates then run on
        integer arrays (numpy), which at a million quads is several times faster than sorting
        Python tuples and grows with the corpus instead of faster than it.
        """
        # A term's number is its first appearance: a missing key takes the counter's next value
        # inside the dict lookup itself (a quarter fewer instructions than ``setdefault``).
        number: defaultdict[Node | None, int] = defaultdict(count(2).__next__)
        number[None], number[RDF.type] = 0, 1  # the default graph, then ``a``
        flat: list[int] = []
        add = flat.extend
        if isinstance(quads, Mapping):
            for g, triples in quads.items():
                gid = number[g]
                for s, p, o in triples:
                    add((gid, number[s], number[p], number[o]))
        else:
            for s, p, o, g in quads:
                add((number[g], number[s], number[p], number[o]))
        first = list(number)
        order = [0, 1, *sorted(range(2, len(first)), key=lambda i: term_sort_key(first[i]))]  # type: ignore[arg-type]
        rank = np.empty(len(first), dtype=np.int64)
        rank[np.asarray(order, dtype=np.int64)] = np.arange(len(first), dtype=np.int64)
        ids = np.fromiter(flat, dtype=np.int64, count=len(flat)).reshape(-1, 4)
        ranked = _distinct_sorted_rows(rank[ids])
        triples = _distinct_sorted_rows(ranked[:, 1:])
        return cls([first[i] for i in order], ranked, triples)

    def rdflib_quads(self) -> list[Quad]:
        """The quads as rdflib terms, ``(s, p, o, graph name)``."""
        t = self.terms
        return [(t[s], t[p], t[o], t[g]) for g, s, p, o in self.quads.tolist()]  # type: ignore[misc]

    def rdflib_triples(self) -> list[tuple[Node, Node, Node]]:
        """The union triples as rdflib terms."""
        t = self.terms
        return [(t[s], t[p], t[o]) for s, p, o in self.triples.tolist()]  # type: ignore[misc]

    def ox_quads(self, conv: TermConverter | None = None) -> list[ox.Quad]:
        """The quads as pyoxigraph quads."""
        x = self._ox_terms(conv)
        return [ox.Quad(x[s], x[p], x[o], x[g]) for g, s, p, o in self.quads.tolist()]

    def ox_triples(self, conv: TermConverter | None = None) -> list[ox.Triple]:
        """The union triples as pyoxigraph triples."""
        x = self._ox_terms(conv)
        return [ox.Triple(x[s], x[p], x[o]) for s, p, o in self.triples.tolist()]

    def _ox_terms(self, conv: TermConverter | None) -> list:
        conv = conv or TermConverter()
        return [ox.DefaultGraph(), *(conv.to_ox(t) for t in self.terms[1:])]  # type: ignore[arg-type]
