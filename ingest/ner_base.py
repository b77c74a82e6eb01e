"""Shared machinery of the NER components.

Every recogniser adds *candidates* (token span, ontology type, canonical name, priority) to the
Doc; ``egov_finalize`` (ingest/ner_finalize.py) picks a non-overlapping set and writes
``doc.ents`` with ``label_`` = type and ``kb_id_`` = canonical name. Keeping candidates apart
from ``doc.ents`` lets every component see the raw text and lets priorities, not pipeline
order, settle conflicts.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from spacy.attrs import IDX, ORTH, SPACY
from spacy.tokens import Doc

CANDIDATES_KEY = "egov_candidates"
TOKENS_KEY = "egov_tokens"

# Priorities: a higher one wins an overlap; equal priorities prefer the longer span.
PRIO_MODEL = 10       # statistical NER span, typed by us
PRIO_PLACE = 20       # GeoNames place without cue
PRIO_PERSON = 30      # first-name + surname
PRIO_HEADWORD = 35    # organisation by head word
PRIO_GAZETTEER = 40   # curated gazetteer (ministries, Länder, organisations, ...)
PRIO_CUE = 50         # "Stadt X", "Kreis X", role word + name, quoted programme
PRIO_ACRONYM = 60     # "Long Name (ABBR)"


class Candidate(NamedTuple):
    """A proposed entity: tokens ``start:end`` of the Doc (a named tuple: the recognisers make
    tens of thousands; ``_replace`` gives a changed copy)."""

    start: int
    end: int
    label: str
    canonical: str
    priority: int
    extractor: str
    external: tuple[str, ...] = ()
    ags: str | None = None
    form: str | None = None  # the dictionary form matched ("Ministerium ..." for "Ministeriums ...")


def add_candidate(doc: Doc, cand: Candidate) -> None:
    """Register a candidate on the Doc (kept in ``doc.user_data``, which pickles and serialises)."""
    if cand.end <= cand.start or not cand.canonical.strip():
        return
    doc.user_data.setdefault(CANDIDATES_KEY, []).append(cand)


def candidates(doc: Doc) -> list[Candidate]:
    return list(doc.user_data.get(CANDIDATES_KEY, []))


MAX_WORDS = 500_000  # string hashes whose text and lower case are remembered
_TEXTS: dict[int, str] = {}  # ORTH hash -> text (a hash names one string, in any vocab)
_LOWERS: dict[int, str] = {}  # ORTH hash -> text.lower()


def _remember_words(doc: Doc, orths: list[int]) -> None:
    if len(_TEXTS) > MAX_WORDS:
        _TEXTS.clear()
        _LOWERS.clear()
    strings = doc.vocab.strings
    for orth in set(orths).difference(_TEXTS):
        _TEXTS[orth] = text = strings[orth]
        _LOWERS[orth] = text.lower()


class TokenTable:
    """Plain-Python view of a Doc's tokens, built once per Doc and shared by the components.

    Reading ``doc[i].text`` creates a spaCy ``Token`` object each time; the recognisers look
    at every token several times, so they read these lists instead. ``text[i]``, ``lower[i]``
    and ``ws[i]`` equal ``doc[i].text``, ``doc[i].lower_`` and ``doc[i].whitespace_``;
    ``span_text(i, j)`` equals ``doc[i:j].text``.
    """

    __slots__ = ("text", "lower", "ws", "starts", "n")

    def __init__(self, doc: Doc) -> None:
        orths, self.starts, spaces = doc.to_array([ORTH, IDX, SPACY]).T.tolist() if len(doc) else ([], [], [])
        try:
            self.text: list[str] = list(map(_TEXTS.__getitem__, orths))
        except KeyError:
            _remember_words(doc, orths)
            self.text = list(map(_TEXTS.__getitem__, orths))
        self.lower: list[str] = list(map(_LOWERS.__getitem__, orths))
        self.ws: list[str] = [" " if space else "" for space in spaces]
        self.n = len(self.text)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (indices clipped like a slice of the Doc)."""
        start, end = max(0, min(start, self.n)), max(0, min(end, self.n))
        if end <= start:
            return ""
        text, ws = self.text, self.ws
        return "".join([part for k in range(start, end - 1) for part in (text[k], ws[k])]) + text[end - 1]

    def end_char(self, end: int) -> int:
        """Character offset where token ``end - 1`` ends (``doc[start:end].end_char``)."""
        return self.starts[end - 1] + len(self.text[end - 1])


def token_table(doc: Doc) -> TokenTable:
    """The Doc's ``TokenTable`` (made on first use and kept in ``doc.user_data`` until
    ``egov_finalize`` drops it). Our components never change the tokenisation."""
    table = doc.user_data.get(TOKENS_KEY)
    if table is None or table.n != len(doc):
        table = doc.user_data[TOKENS_KEY] = TokenTable(doc)
    return table


def drop_token_table(doc: Doc) -> None:
    """Remove the table, so processed Docs carry only their results."""
    doc.user_data.pop(TOKENS_KEY, None)


_SUFFIXES = ("ens", "es", "en", "er", "em", "ns", "e", "s", "n")  # longest first


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """A crude German inflection stem for matching names in any case.

    Lower-cases and strips one inflection suffix from words of five letters or more, so
    "Bundesministeriums" and "Bundesministerium", "Deutschen" and "Deutscher",
    "Zweckverbandes" and "Zweckverband", "Niedersachsens" and "Niedersachsen" share a stem.
    Applied alike to patterns and text.
    """
    w = word.lower()
    if len(w) >= 5 and w.isalpha():
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                return w[: -len(suf)]
    return w


def norm_label(text: str) -> str:
    """Case-, dash- and space-insensitive form of a label for lookups."""
    s = text.replace("\u00ad", "")
    s = re.sub(r"[\u2010-\u2015]", "-", s)
    s = re.sub(r"[„“”\"'‚‘’«»]", "", s)
    return re.sub(r"\s+", " ", s).strip().casefold()


def is_capitalised(token_text: str) -> bool:
    return bool(token_text) and token_text[0].isupper()
