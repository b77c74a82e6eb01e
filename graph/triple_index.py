"""A read-only RDF graph over a fixed list of triples, for the views the build derives.

The NetworkX view (``egovkg.graph.nxview.to_networkx``) and the HTML page read the union graph
through four lookups: ``objects(s, p)``, ``value(s, p)``, ``subjects(p, o)`` and
``subject_objects(p)``. :class:`TripleIndex` answers exactly those from dictionaries built in one
pass over the triples. Loading 140,000 triples into rdflib's store to make the same lookups costs
several times more, since the store keeps indexes for writes and contexts the views never use.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Iterator

from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class TripleIndex:
    """Distinct triples indexed by (subject, predicate), (predicate, object) and predicate.

    Lookups return terms in the order of the triples given (the exporters pass them sorted, so
    ``value`` is deterministic: the first object in that order).

    Args:
        triples: The triples (duplicates are kept once).
    """

    def __init__(self, triples: Iterable[Triple]) -> None:
        self._triples: list[Triple] = list(dict.fromkeys(triples))
        self._sp: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
        self._po: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
        self._p: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        for s, p, o in self._triples:
            self._sp[s, p].append(o)
            self._po[p, o].append(s)
            self._p[p].append((s, o))

    def __len__(self) -> int:
        return len(self._triples)

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        """Objects of ``subject predicate ?o``."""
        return iter(self._sp.get((subject, predicate), ()))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        """The first object of ``subject predicate ?o``, or None."""
        found = self._sp.get((subject, predicate))
        return found[0] if found else None

    def subjects(self, predicate: Node, obj: Node) -> Iterator[Node]:
        """Subjects of ``?s predicate obj``."""
        return iter(self._po.get((predicate, obj), ()))

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        """``(subject, object)`` pairs of ``predicate``."""
        return iter(self._p.get(predicate, ()))
