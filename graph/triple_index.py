"""A read-only RDF graph over a fixed list of triples, for the views the build derives.

The NetworkX view (``egovkg.graph.nxview.to_networkx``) and the HTML page read the union graph
through four lookups: ``objects(s, p)``, ``value(s, p)``, ``subjects(p, o)`` and
``subject_objects(p)``. :class:`TripleIndex` answers exactly those from the triples grouped by
predicate (numpy) and dictionaries built per predicate when first read. Loading 140,000 triples into rdflib's store to make the same lookups costs
several times more, since the store keeps indexes for writes and contexts the views never use.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Iterator, Sequence

import numpy as np
from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class TripleIndex:
    """Distinct triples indexed by (subject, predicate), (predicate, object) and predicate.

    Terms are held once and the indexes hold their positions, so building the index hashes
    integers, not rdflib terms (a ``Literal`` hashes in Python, slowly); only the grouping by
    predicate is done up front (a stable numpy sort, no Python step per triple), a predicate's
    pairs and its (subject, predicate) and (predicate, object) indexes when it is first asked
    for (the views read a few predicates of a few subjects, and some predicates not at all).
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
    def from_ids(cls, terms: Sequence[Node | None],
                 triples: Sequence[Sequence[int]] | np.ndarray) -> TripleIndex:
        """An index of distinct triples given as positions in ``terms``, as rows or an
        ``(n, 3)`` integer array (``egovkg.graph.oxi.RankedQuads.triples``)."""
        index = cls.__new__(cls)
        index._setup(terms, triples, None)
        return index

    def _setup(self, terms: Sequence[Node | None], triples: Sequence[Sequence[int]] | np.ndarray,
               ids: dict[Node, int] | None) -> None:
        self._terms = terms
        self._ids = ids if ids is not None else {t: i for i, t in enumerate(terms) if t is not None}
        self._triples = triples
        # Rows grouped by predicate with numpy (a stable sort keeps the given order within each
        # predicate); a predicate's columns become Python lists only when a lookup first reads it.
        rows = np.asarray(triples, dtype=np.int64).reshape(-1, 3)
        rows = rows[np.argsort(rows[:, 1], kind="stable")]
        predicates = rows[:, 1]
        starts = np.flatnonzero(np.diff(predicates, prepend=-1))  # where a predicate's rows begin
        ends = np.append(starts[1:], len(rows))
        self._spans = dict(zip(predicates[starts].tolist(), zip(starts.tolist(), ends.tolist())))
        self._columns = rows[:, 0], rows[:, 2]
        self._p: dict[int, tuple[list[int], list[int]]] = {}  # per predicate, made when first asked
        self._sp: dict[int, dict[int, list[int]]] = {}  # per predicate, made when first asked
        self._po: dict[int, dict[int, list[int]]] = {}  # per predicate, made when first asked

    def _pairs(self, p: int) -> tuple[list[int], list[int]]:
        """Subjects and objects of the triples of predicate ``p``, in the given order."""
        pairs = self._p.get(p)
        if pairs is None:
            start, end = self._spans.get(p, (0, 0))
            subjects, objects = self._columns
            pairs = self._p[p] = subjects[start:end].tolist(), objects[start:end].tolist()
        return pairs

    def _by_subject(self, p: int) -> dict[int, list[int]]:
        by_subject = self._sp.get(p)
        if by_subject is None:
            by_subject = self._sp[p] = defaultdict(list)
            for s, o in zip(*self._pairs(p)):
                by_subject[s].append(o)
        return by_subject

    def __len__(self) -> int:
        return len(self._triples)

    def __iter__(self) -> Iterator[Triple]:
        t = self._terms
        rows = self._triples.tolist() if isinstance(self._triples, np.ndarray) else self._triples
        return ((t[s], t[p], t[o]) for s, p, o in rows)  # type: ignore[misc]

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
            for s, o2 in zip(*self._pairs(p)):
                by_object[o2].append(s)
        return iter([self._terms[s] for s in by_object.get(o, ())])  # type: ignore[misc]

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        """``(subject, object)`` pairs of ``predicate``."""
        p = self._ids.get(predicate)
        if p is None:
            return iter(())
        term = self._terms.__getitem__
        subjects, objects = self._pairs(p)
        return zip(map(term, subjects), map(term, objects))
