"""The cleaning rules in ``ontology/cleaning/``, loaded once and checked on load.

Besides the compiled patterns this module offers ``KeywordSearch``: a case-insensitive
alternation of keywords (``caption_keywords.txt``) with a cheap, exact pre-test. ``re`` tries
every alternative at every position of an ``IGNORECASE`` alternation (it cannot scan for a
cased first letter), which costs about 0.3 µs per character for thirty keywords; a lower-cased
substring test per keyword rejects almost every caption for a fraction of that.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CASE_SAFE = "äöüÄÖÜß„“”‚‘’–—€…«»§°·éèêàâçëïîôûÉÈÀÂÇËÏÎÔÛáíóúñÁÍÓÚÑ"
"""Non-ASCII characters for which ``re``'s case-insensitive comparison is exactly a comparison
of ``str.lower()`` (one character, not in ``re``'s extra case classes such as s/ſ, i/ı, µ/μ);
ASCII characters are such characters too. A text with any other character skips the pre-test."""
_CASE_UNSAFE = re.compile("[^\\x00-\\x7f%s]" % CASE_SAFE)
_PLAIN_KEYWORD = re.compile(r"(?:\\b)?((?:[^\W\d_]|\\\.| )+)(?:\\b)?")
"""A data line that is a plain word or phrase (``\\.`` and a leading/trailing ``\\b`` allowed)."""


@dataclass(frozen=True)
class KeywordSearch:
    """A case-insensitive keyword alternation with an exact pre-test.

    Attributes:
        pattern: The alternation of all keyword lines (``IGNORECASE``), the reference.
        words: Lower-cased literal text of the plain keyword lines without ``\\b``: such a line
            matches exactly when its text occurs in the lower-cased text.
        bounded_words: The same for plain lines with a ``\\b``: their text occurs in the
            lower-cased text whenever they match.
        rest: The other lines (``IGNORECASE``), or None when every line is plain.
    """

    pattern: re.Pattern[str]
    words: tuple[str, ...]
    bounded_words: tuple[str, ...]
    rest: re.Pattern[str] | None

    def search(self, text: str) -> bool:
        """Whether ``pattern`` matches somewhere in ``text`` (the same answer, faster).

        Between ASCII and ``CASE_SAFE`` characters a case-insensitive match of a literal is
        exactly a substring of ``text.lower()``: a plain word found there is a match; when no
        word (bounded or not) is found and no other line matches, nothing matches. Otherwise,
        or for a text with other characters, ``pattern`` is searched.
        """
        if not _CASE_UNSAFE.search(text):
            low = text.lower()
            if any(w in low for w in self.words):
                return True
            if not any(w in low for w in self.bounded_words) and not (self.rest and self.rest.search(text)):
                return False
        return self.pattern.search(text) is not None

    @classmethod
    def from_lines(cls, lines: list[str]) -> KeywordSearch:
        """Build from keyword lines (each a regular expression, matched case-insensitively)."""
        words: list[str] = []
        bounded: list[str] = []
        rest: list[str] = []
        for line in lines:
            m = _PLAIN_KEYWORD.fullmatch(line)
            word = m.group(1).replace("\\.", ".").lower() if m else ""
            if not word.strip() or _CASE_UNSAFE.search(word):
                rest.append(line)
            elif "\\b" in line:
                bounded.append(word)
            else:
                words.append(word)
        return cls(
            pattern=_join(lines),
            words=tuple(words),
            bounded_words=tuple(bounded),
            rest=_join(rest) if rest else None,
        )


@dataclass(frozen=True)
class Patterns:
    """The cleaning rules loaded from ``ontology/cleaning/`` (checked on load)."""

    noise: re.Pattern[str]
    teaser_marker: re.Pattern[str]
    source_header: re.Pattern[str]
    caption_keyword: re.Pattern[str]
    kicker_words: frozenset[str]
    camel_words: frozenset[str]
    caption_keywords: KeywordSearch
    kicker_max_len: int
    """Length of the longest kicker word: a longer line is no kicker word (casefolding never
    shortens a text), so it need not be casefolded."""


def data_lines(name: str) -> list[str]:
    """Non-comment, non-empty lines of ``ontology/cleaning/<name>``."""
    text = resources.files("egovkg.ontology").joinpath("cleaning", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _join(parts: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def _checked_lines(name: str) -> list[str]:
    parts = data_lines(name)
    for p in parts:
        try:
            re.compile(p)
        except re.error as exc:  # a broken data file must fail loudly, naming the pattern
            raise ValueError(f"ontology/cleaning/{name}: bad pattern {p!r}: {exc}") from exc
    return parts


def alternation(name: str) -> re.Pattern[str]:
    """The lines of a pattern file as one case-insensitive alternation."""
    return _join(_checked_lines(name))


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """The cleaning patterns (loaded once)."""
    captions = KeywordSearch.from_lines(_checked_lines("caption_keywords.txt"))
    kickers = frozenset(w.casefold() for w in data_lines("kicker_words.txt"))
    return Patterns(
        noise=alternation("noise_lines.txt"),
        teaser_marker=alternation("teaser_markers.txt"),
        source_header=alternation("source_headers.txt"),
        caption_keyword=captions.pattern,
        kicker_words=kickers,
        camel_words=frozenset(data_lines("camel_words.txt")),
        caption_keywords=captions,
        kicker_max_len=max(map(len, kickers), default=0),
    )
