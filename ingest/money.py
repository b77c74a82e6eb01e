"""German sums of money in news text.

``find_amounts(text)`` returns every sum that names a currency ("60.000 Euro", "EUR 60.000",
"2,5 Mio. €", "fünf Milliarden Euro", "17-Millionen-Euro-Förderung") or is a money size word
("mittlerer zweistelliger Millionenbetrag", "sechsstellige Summe", "Millionenförderung"). A bare
number is never money: "8.000 Einwohner", "5 Millionen", "2014" and "29.08.2014" are skipped.

Qualifiers before a sum set its bounds: "bis zu" -> ``max_value``, "mindestens"/"über" ->
``min_value``, "rund"/"knapp" -> ``approximate``, "jeweils" -> ``each``. Ranges ("zwischen 2 und 3
Millionen Euro", "5.000 bis 60.000 Euro") and vague sizes give both bounds. All vocabulary is data
in ``ontology/money.json``; arithmetic is ``Decimal`` only.

Only the stretches around a currency, scale or size word are split into number, word and
symbol tokens (``egovkg.ingest.money_tokens``); a small hand-written grammar then looks a
bounded number of tokens ahead and back, so any input costs one pass. Number words go through
``text2num`` plus the fractions it does not know ("zweieinhalb", "anderthalb", "eine halbe
Million").

Known limits: "jeweils" is only seen right before the sum ("erhalten jeweils eine Förderung von
60.000 Euro" is not ``each``); "3.5 Millionen" (English decimal point) is not read; per-unit sums
("100 Euro pro Einwohner") are returned as plain sums; sums without a number ("mehrere Millionen
Euro", "Millionen Euro") and "US-Dollar" are not read.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterable

from text_to_num import text2num

from egovkg.ingest.money_format import format_amount, format_number
from egovkg.ingest.money_lexicon import lexicon as _lex
from egovkg.ingest.money_tokens import MAX_QUALIFIERS, Tok, tokenize, tokens_near_sums
from egovkg.model import Amount

__all__ = ["find_amounts", "format_amount", "format_number", "parse_amount", "parse_number"]

MAX_WORD = 60
"""Longer words are never number words or size compounds."""

_HYPHENS = frozenset("-\u2010\u2011")
_DASHES = _HYPHENS | frozenset("\u2013\u2014")


def _at(toks: list[Tok], i: int) -> Tok | None:
    return toks[i] if 0 <= i < len(toks) else None


def _is_hyphen(toks: list[Tok], i: int) -> bool:
    t = _at(toks, i)
    return t is not None and t.kind == "sym" and t.low in _HYPHENS


@lru_cache(maxsize=8192)
def _word_value(low: str) -> Decimal | None:
    """Value of a German number word ("fünf", "zweieinhalb"), or None."""
    lex = _lex()
    if not low or len(low) > MAX_WORD or (low in lex.scales and low != "tausend"):
        return None
    if low in lex.number_words:
        return lex.number_words[low]
    half = lex.half_suffix
    if low.endswith(half) and len(low) > len(half):
        base = _word_value(low[: -len(half)])
        return None if base is None else base + Decimal("0.5")
    try:
        return Decimal(text2num(low, "de"))
    except (ValueError, IndexError, KeyError, TypeError, AttributeError):
        return None


def _scale_at(toks: list[Tok], i: int) -> tuple[Decimal, int, bool] | None:
    """``(multiplier, end, singular)`` of a scale word at ``i`` ("Mio." takes its full stop)."""
    lex = _lex()
    t = _at(toks, i)
    if t is None or t.kind != "word" or t.low not in lex.scales:
        return None
    end = i + 1
    dot = _at(toks, end)
    if t.low in lex.abbreviations and dot is not None and dot.low == "." and dot.start == t.end:
        end += 1
    return lex.scales[t.low], end, t.low in lex.singular


@dataclass(frozen=True)
class _Num:
    end: int
    raw: Decimal
    mult: Decimal
    scaled: bool

    @property
    def value(self) -> Decimal:
        return self.raw * self.mult


def _number_phrase(toks: list[Tok], i: int) -> _Num | None:
    """A number with an optional scale word: "2,5 Mio.", "fünf Milliarden", "eine halbe Million"."""
    lex = _lex()
    t = _at(toks, i)
    if t is None or t.kind not in ("num", "word"):
        return None
    j = i + 1
    need_singular = False
    if t.kind == "num":
        raw = t.value
    elif t.low in lex.articles or t.low in lex.fractions:
        nxt = _at(toks, j)
        raw = Decimal(1) if t.low in lex.articles else lex.fractions[t.low]
        if t.low in lex.articles and nxt is not None and nxt.low in lex.fractions:
            raw, j = lex.fractions[nxt.low], j + 1
        need_singular = True
    else:  # a number word only counts before a scale or currency: look first, then evaluate
        k = j + 1 if _is_hyphen(toks, j) else j
        nxt = _at(toks, k)
        if nxt is None or not (nxt.low in lex.scales or nxt.low in lex.currencies or nxt.low in lex.scaled):
            return None
        raw = _word_value(t.low)
    if raw is None:
        return None
    k = j + 1 if _is_hyphen(toks, j) else j
    scale = _scale_at(toks, k)
    if scale is None:
        return None if need_singular else _Num(j, raw, Decimal(1), False)
    mult, end, singular = scale
    if need_singular and not singular:
        return None
    return _Num(end, raw, mult, True)


def _currency_at(toks: list[Tok], i: int, allow_noun: bool) -> tuple[int, str, Decimal] | None:
    """``(end, currency, multiplier)`` of a currency word at ``i`` ("Euro", "-Euro", "TEUR")."""
    lex = _lex()
    hyphen = _is_hyphen(toks, i)
    k = i + 1 if hyphen else i
    t = _at(toks, k)
    if t is None:
        return None
    if t.low in lex.currencies:
        return k + 1, lex.currencies[t.low], Decimal(1)
    if t.low in lex.scaled:
        code, mult = lex.scaled[t.low]
        return k + 1, code, mult
    if allow_noun and hyphen and t.kind == "word" and len(t.low) <= MAX_WORD and lex.money_noun.search(t.low):
        return k + 1, "EUR", Decimal(1)
    return None


@dataclass(frozen=True)
class _Core:
    start: int
    end: int
    currency: str
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    vague: bool = False


def _simple(toks: list[Tok], i: int) -> _Core | None:
    num = _number_phrase(toks, i)
    cur = num and _currency_at(toks, num.end, allow_noun=num.scaled)
    if not cur:
        return None
    return _Core(i, cur[0], cur[1], value=num.value * cur[2])


def _prefixed(toks: list[Tok], i: int) -> _Core | None:
    """ "EUR 60.000", "€ 2 Mio." """
    t = toks[i]
    if t.low not in _lex().prefix:
        return None
    num = _number_phrase(toks, i + 1)
    return _Core(i, num.end, _lex().currencies[t.low], value=num.value) if num else None


def _range(toks: list[Tok], i: int) -> _Core | None:
    """ "zwischen 2 und 3 Millionen Euro", "5.000 bis (zu) 60.000 Euro", "10-15 Mio. €" """
    between = toks[i].low == "zwischen"
    first = _number_phrase(toks, i + 1 if between else i)
    if first is None:
        return None
    own = _currency_at(toks, first.end, allow_noun=False)
    k = own[0] if own else first.end
    sep = _at(toks, k)
    if sep is None or (between and sep.low != "und"):
        return None
    if sep.low == "bis" and not between:
        zu = _at(toks, k + 1)
        k += 2 if zu is not None and zu.low == "zu" else 1
    elif between or (sep.kind == "sym" and sep.low in _DASHES):
        k += 1
    else:
        return None
    second = _number_phrase(toks, k)
    cur = second and _currency_at(toks, second.end, allow_noun=second.scaled)
    if not cur:
        return None
    high = second.value * cur[2]
    low = first.value * (own[2] if own else cur[2])
    if not own and not first.scaled and second.scaled and first.raw * second.mult <= second.value:
        low = first.raw * second.mult * cur[2]  # "zwischen 2 und 3 Millionen": 2 means 2 Millionen
    if low > high:
        return None
    return _Core(i, cur[0], cur[1], low=low, high=high)


def _modifier(low: str) -> tuple[Decimal, Decimal] | None:
    lex = _lex()
    for ending in lex.endings:
        if ending and low.endswith(ending) and low[: -len(ending)] in lex.modifiers:
            return lex.modifiers[low[: -len(ending)]]
    return None


def _digit_count(low: str) -> int | None:
    """ "zweistelligen" -> 2."""
    lex = _lex()
    head, sep, ending = low.partition(lex.digit_suffix)
    if not sep or not head or ending not in lex.endings:
        return None
    n = Decimal(1) if head in lex.articles else _word_value(head)
    return int(n) if n is not None and n == n.to_integral_value() and 1 <= n <= 15 else None


def _vague(toks: list[Tok], i: int) -> _Core | None:
    """ "mittleren zweistelligen Millionenbetrag", "sechsstellige Summe", "Millionen-Euro-Förderung" """
    lex = _lex()
    # Fast exit (same result): a vague size needs a "...stellig..." word or a compound starting
    # with a scale word ("Millionenbetrag") at this token, or after a modifier at the next one.
    low = toks[i].low
    if lex.digit_suffix not in low and not low.startswith(tuple(lex.compound_scales)):
        nxt = _at(toks, i + 1)
        if nxt is None or lex.digit_suffix not in nxt.low:
            return None
    k, span = i, _modifier(low)
    if span is not None:
        k += 1
    t = _at(toks, k)
    digits = _digit_count(t.low) if t is not None and t.kind == "word" else None
    if digits is not None:
        k += 1
    elif span is not None:
        return None
    parts, end = [], k  # join a hyphenated compound: "Millionen-Euro-Betrag"
    while (w := _at(toks, end)) is not None and w.kind == "word" and len(parts) < 4:
        parts.append(w.low)
        end += 1
        nxt = _at(toks, end + 1)
        if not (_is_hyphen(toks, end) and nxt is not None and nxt.kind == "word"
                and toks[end].start == w.end and nxt.start == toks[end].end):
            break
        end += 1
    word = "".join(parts)
    m = lex.compound.fullmatch(word) if parts and len(word) <= MAX_WORD else None
    if m is None or any(x in m.group("mid") for x in lex.not_in_compound):
        return None
    if digits is None and not m.group("scale"):
        return None
    if not (m.group("scale") or m.group("cur")) and m.group("noun") not in lex.vague_nouns:
        return None
    mult = lex.compound_scales.get(m.group("scale") or "", Decimal(1))
    if digits is None:
        lo, hi = lex.bare[0] * mult, lex.bare[1] * mult
    else:
        unit = Decimal(10) ** (digits - 1) * mult
        lo, hi = (span or lex.default)[0] * unit, (span or lex.default)[1] * unit
    return _Core(i, end, "EUR", low=lo, high=hi, vague=True)


def _core_at(toks: list[Tok], i: int) -> _Core | None:
    t = toks[i]
    if t.kind == "num":
        return _range(toks, i) or _simple(toks, i)
    if t.kind == "word":
        return _vague(toks, i) or _range(toks, i) or _simple(toks, i) or _prefixed(toks, i)
    return _prefixed(toks, i) if t.kind == "sym" else None


def _qualify(toks: list[Tok], start: int, floor: int, vague: bool) -> tuple[int, str | None, bool, bool]:
    """Extend a sum to the left over its qualifiers: ``(start, bound, approximate, each)``."""
    lex = _lex()
    bound, approx, each, skipped = None, False, False, False
    k = start
    for _ in range(MAX_QUALIFIERS):
        # only qualifiers ending in the word before the sum can match (same order, same result)
        for q in lex.qualifiers_by_last.get(toks[k - 1].low, ()) if k - 1 >= floor else ():
            n = len(q.words)
            if k - n < floor or any(toks[k - n + m].low != w for m, w in enumerate(q.words)):
                continue
            before = _at(toks, k - n - 1)
            if q.not_after and before is not None and before.low.endswith(q.not_after):
                continue
            if q.only_after and (before is None or not before.low.endswith(q.only_after)):
                continue
            bound = bound or q.bound  # the qualifier nearest to the number wins
            approx, each, k, skipped = approx or q.approximate, each or q.each, k - n, False
            break
        else:
            if vague and not skipped and k - 1 >= floor and toks[k - 1].low in lex.articles:
                k, skipped = k - 1, True  # "bis zu einem zweistelligen Millionenbetrag"
                continue
            break
    return (k + 1 if skipped else k), bound, approx, each


def _clean(d: Decimal | None) -> Decimal | None:
    """Plain notation: ``Decimal("1500000")``, never ``1.5E+6``."""
    if d is None:
        return None
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()


def find_amounts(text: str) -> list[Amount]:
    """All sums of money in ``text``.

    Args:
        text: German text.

    Returns:
        Amounts sorted by start; offsets refer to ``text``; they never overlap.
    """
    toks, starts = tokens_near_sums(text)
    return _read_sums(text, toks, starts)


def _read_sums(text: str, toks: list[Tok], starts: Iterable[int]) -> list[Amount]:
    """The sums starting at token indexes ``starts`` (ascending); the greedy left-to-right
    scan over all of ``range(len(toks))`` gives the same result when no other index can start
    a sum."""
    out: list[Amount] = []
    floor = 0
    for i in starts:
        if i < floor:
            continue
        core = _core_at(toks, i)
        if core is None:
            continue
        start, bound, approx, each = _qualify(toks, core.start, floor, core.vague)
        value, low, high = core.value, core.low, core.high
        if value is not None and bound is not None:
            value, low, high = None, (value if bound == "min" else None), (value if bound == "max" else None)
        elif core.vague and bound is not None:
            low, high = (low, None) if bound == "min" else (None, high)
        s, e = toks[start].start, toks[core.end - 1].end
        out.append(Amount(text=text[s:e], start=s, end=e, value=_clean(value), min_value=_clean(low),
                          max_value=_clean(high), currency=core.currency,
                          approximate=approx or core.vague, each=each))
        floor = core.end
    return out


def parse_amount(text: str) -> Amount | None:
    """The first sum of money in ``text`` ("bis zu 60.000 Euro"), or None."""
    found = find_amounts(text)
    return found[0] if found else None


def parse_number(text: str) -> Decimal | None:
    """A number in German digit notation ("1.500.000,50", "2,5", "60 000"), or None."""
    toks = tokenize(text.strip())
    if len(toks) != 1 or toks[0].kind != "num":
        return None
    return _clean(toks[0].value)
