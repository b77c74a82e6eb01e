"""Tokens for the money grammar (``egovkg.ingest.money``), only where a sum can be.

``tokenize(text)`` splits a whole text by one linear regular expression into number, word and
symbol tokens. ``tokens_near_sums(text)`` gives the same tokens, but only for the stretches
around an *anchor*: every sum the grammar reads contains a currency ("Euro", "€", "TEUR"), a
scale word ("Mio.", "Millionen") or a size word ("zweistellig", "Millionenbetrag"). A
substring search per anchor word finds these (a superset: "Europa" is an anchor too), and each
anchor gets enough tokens before it (for the sum's start and the qualifiers before it) and
after it (for the rest of the sum). Everything else is never tokenised.

A stretch always starts where the whole-text scan has a token boundary (the start of the text,
the end of an earlier stretch, or whitespace before a character that is no digit: only digit
groups "1 500 000" span whitespace), so its tokens are exactly those of ``tokenize(text)``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple, Sequence

from egovkg.ingest.money_lexicon import lexicon

MAX_DIGITS = 24
"""Longer digit runs are not amounts (and would exceed Decimal's default precision)."""
SUM_REACH = 17
"""A sum read from token ``i`` spans and looks at no token beyond ``i + SUM_REACH - 1``; the
longest is a range: "zwischen" + number (5: "eine halbe Million .") + currency (2: "-Euro")
+ "bis zu" (2) + number (5) + currency (2)."""
MAX_QUALIFIERS = 4
"""At most this many qualifiers stack before a sum ("jeweils bis zu")."""
SLACK = 4
"""Extra tokens on each side of an anchor: costs little, guards the margins."""

_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:\.\d{3}(?!\d))+(?:,\d+)?"  # 1.500.000,50
    r"|\d{1,3}(?:[\u00a0\u202f ]\d{3}(?!\d))+(?:,\d+)?"  # 1 500 000
    r"|\d+(?:,\d+)?)(?:,[-\u2013]{1,2}(?![\d-]))?"  # 60000 / 2,5 / 60.000,-
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<sym>\S)"
)
_NUM_SEPARATORS = str.maketrans("", "", ".\u00a0\u202f ")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
_RESTART = re.compile(r"\s(?=[^\s\d])")
"""Whitespace before a character that starts a token of its own: the scan may start after it."""


class Tok(NamedTuple):
    """One token: its kind, lower-case text, character offsets and (numbers) value."""

    kind: str  # "num", "badnum" (part of a date, version, ...), "word", "sym"
    low: str
    start: int
    end: int
    value: Decimal | None = None


_tuple_new = tuple.__new__
"""Builds a Tok from a tuple of all its fields, as ``NamedTuple._make`` does, without the
Python-level ``__new__`` frame a call of the class costs (one per token near a sum)."""


def _tok(m: re.Match[str], text: str) -> Tok:
    kind = m.lastgroup
    s, e = m.span()
    if kind != "num":
        return _tuple_new(Tok, (kind, m.group().lower(), s, e, None))
    digits = m.group("num")
    bad = (s >= 2 and text[s - 1] in ".," and text[s - 2].isdigit()) or (
        e + 1 < len(text) and text[e] in ".," and text[e + 1].isdigit())
    if bad or sum(c.isdigit() for c in digits) > MAX_DIGITS:
        return _tuple_new(Tok, ("badnum", m.group(), s, e, None))
    return _tuple_new(Tok, ("num", m.group(), s, e, Decimal(digits.translate(_NUM_SEPARATORS).replace(",", "."))))


def tokenize(text: str) -> list[Tok]:
    """All tokens of ``text``."""
    return [_tok(m, text) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class _Anchors:
    """What any sum contains: a token that is a currency or scale word ("Euro", "€", "Mio"),
    starts with a compound scale ("Millionenbetrag") or contains the digit-count suffix
    ("zweistelligen")."""

    words: frozenset[str]
    prefixes: tuple[str, ...]
    suffix: str
    needles: tuple[bytes, ...]  # the words and prefixes (none that starts with another), UTF-8
    before: int  # tokens needed before an anchor token


@lru_cache(maxsize=1)
def _anchor_table() -> _Anchors:
    lex = lexicon()
    words = frozenset({*lex.currencies, *lex.scaled, *lex.scales})
    prefixes = tuple(lex.compound_scales)
    for w in (*words, *prefixes, lex.digit_suffix):
        # one match never reaches into a neighbouring token only if each is a word or one sign
        if not (_WORD.fullmatch(w) or len(w) == 1):
            raise ValueError(f"money.json: {w!r} is neither a word nor a single sign")
        # _anchors finds them in text whose ASCII letters only are lower-cased
        if not (w.isascii() and w == w.lower() or len(w) == 1 and w.lower() == w.upper()):
            raise ValueError(f"money.json: {w!r} is neither a lower-case ASCII word nor a sign without case")
    # a sum may start SUM_REACH - 1 tokens before its anchor, and its qualifiers read
    # MAX_QUALIFIERS phrases and the word before them further back
    before = SUM_REACH - 1 + MAX_QUALIFIERS * max(len(q.words) for q in lex.qualifiers) + 1 + SLACK
    starts = {*words, *prefixes}
    needles = tuple(w.encode() for w in sorted(starts) if not any(w.startswith(v) for v in starts if v != w))
    return _Anchors(words, prefixes, lex.digit_suffix, needles, before)


LONGER_LOWER = "\u0130"
"""The only character whose lower case is not one character ("İ": "i" and a dot above)."""
KELVIN = "\u212a"
"""The only character besides "A" to "Z" whose lower case is an ASCII letter ("k")."""


def _anchors(text: str) -> list[int]:
    """Character offsets of the anchor tokens of ``text``, ascending.

    The anchor words are searched in the UTF-8 bytes of ``text`` with their ASCII letters
    lower-cased: every anchor word is lower-case ASCII or one sign, so this finds them where
    ``text.lower()`` has them (the Kelvin sign, lower-cased "k", is replaced first), and it is
    much cheaper than lower-casing the text and running a pattern over it."""
    table = _anchor_table()
    raw = (text.replace(KELVIN, "k") if KELVIN in text else text).encode("utf-8", "surrogatepass").lower()
    words: set[int] = set()  # byte offsets where an anchor word may start
    for needle in table.needles:
        b = raw.find(needle)
        while b >= 0:
            words.add(b)
            b = raw.find(needle, b + 1)
    suffix = table.suffix.encode()
    inner: set[int] = set()  # "zweistellig" is an anchor wherever the suffix stands in the word
    b = raw.find(suffix)
    while b >= 0:
        inner.add(b)
        b = raw.find(suffix, b + 1)
    found = []
    a, done = 0, 0  # character offset of byte offset ``done``
    for b in sorted(words | inner):  # each hit starts a character: the count up to it is exact
        a += len(raw[done:b].decode("utf-8", "surrogatepass"))
        done = b
        if b in inner or not _LETTER.match(text, a):
            found.append(a)  # "€", "$"
        elif not (a and _LETTER.match(text, a - 1)):  # a word starts here: is it one of ours?
            word = _WORD.match(text, a).group().lower()
            if word in table.words or word.startswith(table.prefixes):
                found.append(a)
    return found


def _stretch_start(text: str, anchor: int, done: int, need: int) -> int:
    """A restart point before ``anchor`` with at least ``need`` tokens up to the anchor, or
    ``done`` (the end of the previous stretch) if that comes first."""
    span = 8 * need
    while anchor - span > done:
        m = _RESTART.search(text, anchor - span, anchor)
        # the scan cut at the anchor over-counts by at most the anchor's own word
        if m is not None and len(_TOKEN.findall(text, m.end(), anchor)) - 1 >= need:
            return m.end()
        span *= 2
    return done


def tokens_near_sums(text: str) -> tuple[list[Tok], Sequence[int]]:
    """Tokens of the stretches of ``text`` where a sum may be, and where a sum may start.

    Returns:
        ``(tokens, starts)``: the tokens of all stretches one after the other (each stretch a
        run of consecutive tokens of ``tokenize(text)``), and the ascending indexes into
        ``tokens`` at which a sum can start. Any index outside ``starts`` starts no sum.
    """
    if LONGER_LOWER in text:  # its lower case is longer: offsets in text.lower() would shift
        toks = tokenize(text)
        return toks, range(len(toks))
    anchors = _anchors(text)
    toks: list[Tok] = []
    marks: list[int] = []
    before, after = _anchor_table().before, SUM_REACH - 1 + SLACK
    ai, done = 0, 0
    while ai < len(anchors):
        left = -1  # tokens still wanted after the latest anchor (-1: none seen yet)
        for m in _TOKEN.finditer(text, _stretch_start(text, anchors[ai], done, before)):
            toks.append(_tok(m, text))
            end = m.end()
            if ai < len(anchors) and anchors[ai] < end:
                marks.append(len(toks) - 1)
                while ai < len(anchors) and anchors[ai] < end:
                    ai += 1
                left = after
            elif left > 0:
                left -= 1
                if left == 0:
                    break
        done = toks[-1].end if toks else len(text)
        if left != 0:  # the text ended
            break
    starts: list[int] = []
    for k in marks:
        starts.extend(range(max(k - SUM_REACH + 1, starts[-1] + 1 if starts else 0), k + 1))
    return toks, starts
