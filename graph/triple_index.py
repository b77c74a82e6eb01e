"""A read-only RDF graph over a fixed list of triples, for the views the build derives.

The NetworkX view (``egovkg.graph.nxview.to_networkx``) and the HTML page read the union graph
through four lookups: ``objects(s, p)``, ``value(s, p)``, ``subjects(p, o)`` and
``subject_objects(p)``. :class:`TripleIndex` answers exactly those from dictionaries built in one
pass over the triples. Loading 140,000 triples into rdflib's store to make the same lookups costs
several times more, since the store keeps indexes for writes and contexts the views never use.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Iterator, Sequence

from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class TripleIndex:
    """Distinct triples indexed by (subject, predicate), (predicate, object) and predicate.

    Terms are held once and the indexes hold their positions, so building the index hashes
    integers, not rdflib terms (a ``Literal`` hashes in Python, slowly); only the predicate
    index is built up front, the (subject, predicate) and (predicate, object) indexes of a
    predicate when it is first asked for (the views read a few predicates of a few subjects).
    Lookups return terms in the order of the triples given (the exporters pass them sorted, so
    ``value`` is deterministic: the first object in that order).

    Args:
        triples: The triples (duplicates are kept once).
    """

    def __init__(self, triples: Iterable[Triple]) -> None:
        ids: dict[Node, int] = {}
        encoded = [(ids.setdefault(s, len(ids)), ids.setdefault(p, len(ids)), ids.setdefault(o, len(ids)))
                   for s, p, o in triples]
        self._setup(list(ids), list(dict.fromkeys(encoded)), ids)

    @classmethod
    def from_ids(cls, terms: Sequence[Node | None], triples: Sequence[Sequence[int]]) -> TripleIndex:
        """An index of distinct triples given as positions in ``terms``
        (``egovkg.graph.oxi.RankedQuads``)."""
        index = cls.__new__(cls)
        index._setup(terms, triples, None)
        return index

    def _setup(self, terms: Sequence[Node | None], triples: Sequence[Sequence[int]],
               ids: dict[Node, int] | None) -> None:
        self._terms = terms
        self._ids = ids if ids is not None else {t: i for i, t in enumerate(terms) if t is not None}
        self._triples = triples
        self._p: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for s, p, o in triples:
            self._p[p].append((s, o))
        self._sp: dict[int, dict[int, list[int]]] = {}  # per predicate, made when first asked
        self._po: dict[int, dict[int, list[int]]] = {}  # per predicate, made when first asked

    def _by_subject(self, p: int) -> dict[int, list[int]]:
        by_subject = self._sp.get(p)
        if by_subject is None:
            by_subject = self._sp[p] = defaultdict(list)
            for s, o in self._p.get(p, ()):
                by_subject[s].append(o)
        return by_subject

    def __len__(self) -> int:
        return len(self._triples)

    def __iter__(self) -> Iterator[Triple]:
        t = self._terms
        return ((t[s], t[p], t[o]) for s, p, o in self._triples)  # type: ignore[misc]

    def _pair(self, a: Node, b: Node) -> tuple[int, int] | None:
        ia, ib = self._ids.get(a), self._ids.get(b)
        return None if ia is None or ib is None else (ia, ib)

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        """Objects of ``subject predicate ?o``."""
        key = self._pair(subject, predicate)
        if key is None:
            return iter(())
        s, p = key
        return iter([self._terms[o] for o in self._by_subject(p).get(s, ())])  # type: ignore[misc]

    def value(self, subject: Node, predicate: Node) -> Node | None:
        """The first object of ``subject predicate ?o``, or None."""
        s, p = self._ids.get(subject), self._ids.get(predicate)  # (``_pair``, inlined: called per field)
        found = self._by_subject(p).get(s) if s is not None and p is not None else None
        return self._terms[found[0]] if found else None

    def subjects(self, predicate: Node, obj: Node) -> Iterator[Node]:
        """Subjects of ``?s predicate obj``."""
        key = self._pair(predicate, obj)
        if key is None:
            return iter(())
        p, o = key
        by_object = self._po.get(p)
        if by_object is None:
            by_object = self._po[p] = defaultdict(list)
            for s, o2 in self._p.get(p, ()):
                by_object[o2].append(s)
        return iter([self._terms[s] for s in by_object.get(o, ())])  # type: ignore[misc]

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        """``(subject, object)`` pairs of ``predicate``."""
        p = self._ids.get(predicate)
        t = self._terms
        return iter([(t[s], t[o]) for s, o in self._p.get(p, ())] if p is not None else ())  # type: ignore[misc]
