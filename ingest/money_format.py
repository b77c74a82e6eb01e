"""Canonical German text for amounts and numbers (the inverse of ``egovkg.ingest.money``).

``format_amount`` writes what ``parse_amount`` reads back to the same values: "bis zu 60.000
Euro", "1,5 Millionen Euro", "zwischen 2 und 3 Millionen Euro", "etwa 40 bis 60 Millionen Euro".
The words come from the ``format`` section of ``ontology/money.json``.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from egovkg.ingest.money_lexicon import lexicon, raw_vocabulary
from egovkg.model import Amount


@dataclass(frozen=True)
class _Words:
    scales: tuple[tuple[int, str, str], ...]  # (power of ten, singular, plural), largest first
    each: str
    approximate: str
    approximate_range: str
    range_to: str
    between: str
    between_and: str
    max: str
    max_approximate: str
    min: str
    min_approximate: str


@lru_cache(maxsize=1)
def _words() -> _Words:
    raw = dict(raw_vocabulary()["format"])
    scales = tuple(sorted(((int(e), one, many) for e, one, many in raw.pop("scales")), reverse=True))
    return _Words(scales=scales, **raw)


def format_number(d: Decimal, cents: bool = False) -> str:
    """German notation: ``1500000.5`` -> ``"1.500.000,5"`` (``"1.500.000,50"`` with ``cents``)."""
    sign = "-" if d < 0 else ""
    whole, _, frac = format(abs(d), "f").partition(".")
    frac = frac.rstrip("0")
    if cents and len(frac) == 1:
        frac += "0"
    whole = whole.lstrip("0") or "0"
    head = len(whole) % 3 or 3
    groups = [whole[:head]] + [whole[p:p + 3] for p in range(head, len(whole), 3)]
    return sign + ".".join(groups) + ("," + frac if frac else "")


def _scaled(d: Decimal) -> tuple[str, str]:
    """``(number, scale word)``: 1500000 -> ("1,5", "Millionen"); 60000 -> ("60.000", "")."""
    for exp, one, many in _words().scales:
        q = d.scaleb(-exp)
        if q >= 1 and q.normalize().as_tuple().exponent >= -3:
            return format_number(q), one if q == 1 else many
    return format_number(d, cents=True), ""


def _phrase(d: Decimal, currency: str) -> str:
    return " ".join(p for p in (*_scaled(d), currency) if p)


def format_amount(a: Amount) -> str:
    """Canonical German text of an amount; ``parse_amount`` reads it back to the same values.

    Raises:
        ValueError: The amount has neither a value nor a bound.
    """
    w = _words()
    cur = lexicon().names.get(a.currency, a.currency)
    head = [w.each] if a.each else []
    if a.value is not None:
        head += [w.approximate] if a.approximate else []
        return " ".join([*head, _phrase(a.value, cur)])
    lo, hi = a.min_value, a.max_value
    if lo is not None and hi is not None:
        (n1, s1), (n2, s2) = _scaled(lo), _scaled(hi)
        first = n1 if s1 == s2 else _phrase(lo, cur)
        words = [w.approximate_range, first, w.range_to] if a.approximate else [w.between, first, w.between_and]
        return " ".join([*head, *words, _phrase(hi, cur)])
    if hi is not None:
        return " ".join([*head, w.max_approximate if a.approximate else w.max, _phrase(hi, cur)])
    if lo is not None:
        return " ".join([*head, w.min_approximate if a.approximate else w.min, _phrase(lo, cur)])
    raise ValueError("amount has neither a value nor a bound")
