"""Helpers for the relation tests: run ``extract_facts`` on a hand-built Doc."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from egovkg.ingest.relations import extract_facts
from egovkg.model import Amount, Document, Funding, Relation

DATE = dt.date(2024, 5, 17)


def document(text: str) -> Document:
    return Document("doc1", "test.txt", "Test", text, DATE, "0" * 64)


def run(make_doc, text: str, ents, amounts=None) -> tuple[list[Relation], list[Funding]]:
    """``(relations, fundings)`` of ``text`` with the given ``(surface, type, canonical)`` ents."""
    doc = make_doc(text, ents)
    return extract_facts(doc, document(text), amounts=amounts)


def triples(make_doc, text: str, ents, amounts=None) -> set[tuple[str, str, str]]:
    """``{(subject name, predicate, object name)}`` found in ``text``."""
    rels, _ = run(make_doc, text, ents, amounts)
    return {(r.subject[1], r.predicate, r.object[1]) for r in rels}


def amount(text: str, surface: str, *, value=None, lo=None, hi=None, each=False, approx=False) -> Amount:
    """An Amount for ``surface`` in ``text`` (tests of attribution need no money parser)."""
    start = text.index(surface)
    d = lambda x: None if x is None else Decimal(x)  # noqa: E731
    return Amount(surface, start, start + len(surface), d(value), d(lo), d(hi), "EUR", approx, each)


def funding_rows(fundings: list[Funding]) -> set[tuple]:
    """``{(funder, recipient, programme, value, min, max)}`` by canonical names."""
    name = lambda k: k[1] if k else None  # noqa: E731
    return {(name(f.funder), name(f.recipient), name(f.programme), f.amount.value, f.amount.min_value,
             f.amount.max_value) for f in fundings}
