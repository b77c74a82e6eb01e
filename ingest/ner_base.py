"""Shared machinery of the NER components.

Every recogniser adds *candidates* (token span, ontology type, canonical name, priority) to the
Doc; ``egov_finalize`` (ingest/ner_finalize.py) picks a non-overlapping set and writes
``doc.ents`` with ``label_`` = type and ``kb_id_`` = canonical name. Keeping candidates apart
from ``doc.ents`` lets every component see the raw text and lets priorities, not pipeline
order, settle conflicts.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

import numpy
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


ORG_LIKE = frozenset({"Ministry", "PublicAuthority", "Organization", "Programme"})
"""Entity types that behave like organisations (curated names, bodies, generic mentions)."""


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


BY_START = itemgetter(0)
"""Sort key of candidates by ``start`` (their first field), without a Python call."""


def add_candidate(doc: Doc, cand: Candidate) -> None:
    """Register a candidate on the Doc (kept in ``doc.user_data``, which pickles and serialises)."""
    if cand.end <= cand.start or not cand.canonical.strip():
        return
    doc.user_data.setdefault(CANDIDATES_KEY, []).append(cand)


def candidates(doc: Doc) -> list[Candidate]:
    return list(doc.user_data.get(CANDIDATES_KEY, []))


MAX_WORDS = 500_000  # distinct words (string hashes) the word memo holds before it starts again
_IDS: dict[int, int] = {}  # ORTH hash -> word id (a hash names one string, in any vocab)
_WORDS: list[str] = []  # word id -> text
_LOWERS: list[str] = []  # word id -> text.lower()
_generation = 0  # counts the times the memo was emptied (word ids are then given anew)
# _WORDS and _LOWERS as numpy object arrays (their first len(_WORDS) entries), so a Doc's texts
# are one index by its word ids
_WORD_ARRAY = numpy.empty(0, dtype=object)
_LOWER_ARRAY = numpy.empty(0, dtype=object)

# The word-id cache in front of ``_IDS``, asked of all tokens of a Doc at once: slot
# ``hash & _SLOT_MASK`` holds the last ORTH hash looked up there and its word id. An empty slot
# holds a value that is no hash of that slot (slot + 1), so only the hash stored there hits.
_SLOT_MASK = (1 << 19) - 1
_slot_hashes = numpy.arange(1, _SLOT_MASK + 2, dtype=numpy.uint64)
_slot_ids = numpy.zeros(_SLOT_MASK + 1, dtype=numpy.intp)


def _remember(new: dict[int, str]) -> None:
    """Give the words ``new`` (ORTH hash -> text, none known yet) the next word ids."""
    global _WORD_ARRAY, _LOWER_ARRAY
    first = len(_WORDS)
    for orth, text in new.items():
        _IDS[orth] = len(_WORDS)
        _WORDS.append(text)
        _LOWERS.append(text.lower())
    if len(_WORDS) > len(_WORD_ARRAY):
        size = max(len(_WORDS), 2 * len(_WORD_ARRAY), 4096)
        _WORD_ARRAY, _LOWER_ARRAY = numpy.empty(size, dtype=object), numpy.empty(size, dtype=object)
        first = 0
    _WORD_ARRAY[first:len(_WORDS)] = _WORDS[first:]
    _LOWER_ARRAY[first:len(_WORDS)] = _LOWERS[first:]


def _forget_words() -> None:
    """Empty the word memo and the cache (the next words get ids from 0 in a new generation)."""
    global _generation
    _IDS.clear()
    _WORDS.clear()
    _LOWERS.clear()
    _slot_hashes[:] = numpy.arange(1, len(_slot_hashes) + 1, dtype=numpy.uint64)
    _generation += 1


def _word_ids(doc: Doc, orths: numpy.ndarray) -> numpy.ndarray:
    """The word ids of the ORTH hashes ``orths`` (remembering the Doc's new words): from the
    cache, and from ``_IDS`` for the tokens it misses (whose slots then hold them)."""
    slots = (orths & _SLOT_MASK).astype(numpy.intp)
    ids = _slot_ids[slots]
    missed = (_slot_hashes[slots] != orths).nonzero()[0]
    if len(missed):
        missed_orths = orths[missed].tolist()
        new = set(missed_orths).difference(_IDS)
        if new:
            if len(_IDS) > MAX_WORDS:  # a new generation: all of the Doc's words are new
                _forget_words()
                missed, missed_orths = numpy.arange(len(orths)), orths.tolist()
                new = set(missed_orths)
            strings = doc.vocab.strings
            _remember({orth: strings[orth] for orth in new})
        found = numpy.fromiter(map(_IDS.__getitem__, missed_orths), dtype=numpy.intp, count=len(missed_orths))
        ids[missed] = found
        missed_slots, missed_hashes = slots[missed], orths[missed]
        _slot_hashes[missed_slots] = missed_hashes
        # of two words of the Doc with one slot, the id of the one whose hash the slot kept
        kept = _slot_hashes[missed_slots] == missed_hashes
        _slot_ids[missed_slots[kept]] = found[kept]
    return ids


_SPACES = numpy.array(["", " "], dtype=object)  # SPACY flag -> whitespace after the token


class TokenTable:
    """Plain-Python view of a Doc's tokens, built once per Doc and shared by the components.

    Reading ``doc[i].text`` creates a spaCy ``Token`` object each time; the recognisers look
    at every token several times, so they read these lists instead. ``text[i]``, ``lower[i]``
    and ``ws[i]`` equal ``doc[i].text``, ``doc[i].lower_`` and ``doc[i].whitespace_``;
    ``span_text(i, j)`` equals ``doc[i:j].text``. ``ids`` numbers the words for
    :class:`WordClass` (the ids of the word memo's ``generation``).
    """

    __slots__ = ("text", "lower", "ws", "starts", "n", "ids", "orths", "generation")

    def __init__(self, doc: Doc) -> None:
        columns = doc.to_array([ORTH, IDX, SPACY]) if len(doc) else numpy.zeros((0, 3), dtype=numpy.uint64)
        self.orths = columns[:, 0]
        self.ids = _word_ids(doc, self.orths)
        self.generation = _generation
        self.text: list[str] = _WORD_ARRAY[self.ids].tolist()
        self.lower: list[str] = _LOWER_ARRAY[self.ids].tolist()
        self.starts: list[int] = columns[:, 1].tolist()
        self.ws: list[str] = _SPACES[columns[:, 2]].tolist()
        self.n = len(self.text)

    def current_ids(self) -> numpy.ndarray:
        """``ids`` in the word memo as it is now (given anew if it was emptied since)."""
        if self.generation != _generation:
            orths = self.orths.tolist()
            _remember({orth: text for orth, text in zip(orths, self.text) if orth not in _IDS})
            self.ids = numpy.array(list(map(_IDS.__getitem__, orths)), dtype=numpy.intp)
            self.generation = _generation
        return self.ids

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (indices clipped like a slice of the Doc)."""
        if not 0 <= start < end <= self.n:
            start, end = max(0, min(start, self.n)), max(0, min(end, self.n))
            if end <= start:
                return ""
        if end - start == 1:
            return self.text[start]
        # the token texts with the whitespace of all but the last between them, by slice assignment
        parts = [""] * (2 * (end - start) - 1)
        parts[::2] = self.text[start:end]
        parts[1::2] = self.ws[start:end - 1]
        return "".join(parts)

    def end_char(self, end: int) -> int:
        """Character offset where token ``end - 1`` ends (``doc[start:end].end_char``)."""
        return self.starts[end - 1] + len(self.text[end - 1])


class WordClass:
    """A test of a word's text (a pure function of it), asked of all tokens of a table at once.

    Each distinct word of the word memo is tested once; the answers sit in a boolean array by
    word id, so the tokens that pass are found with one numpy index instead of a Python loop
    over the tokens in every component. With ``lower=True`` the test is given the word in
    lower case (``DETERMINERS.__contains__`` then tests without a Python function).
    """

    def __init__(self, test: Callable[[str], object], *, lower: bool = False) -> None:
        self.test = test
        self.lower = lower
        self._values = numpy.zeros(0, dtype=bool)  # word id -> answer (the first ``_filled``)
        self._filled = 0
        self._generation = _generation

    def mask(self, tokens: TokenTable) -> numpy.ndarray:
        """``bool(test(text))`` (``text.lower()`` with ``lower``) for every token, as a numpy array."""
        ids = tokens.current_ids()
        if self._generation != _generation:
            self._filled, self._generation = 0, _generation
        if self._filled < len(_WORDS):
            self._fill()
        return self._values[ids]

    def positions(self, tokens: TokenTable) -> list[int]:
        """The indices of the tokens that pass the test, in order."""
        return self.mask(tokens).nonzero()[0].tolist()

    def _fill(self) -> None:
        n = len(_WORDS)
        if n > len(self._values):
            values = numpy.zeros(max(n, 2 * len(self._values), 4096), dtype=bool)
            values[:self._filled] = self._values[:self._filled]
            self._values = values
        # ``map``/``fromiter`` call the test without a Python loop; fromiter takes each answer's truth
        words = (_LOWERS if self.lower else _WORDS)[self._filled:n]
        self._values[self._filled:n] = numpy.fromiter(map(self.test, words), dtype=bool, count=n - self._filled)
        self._filled = n


def occurrences(texts: list[str], words: Iterable[str]) -> list[int]:
    """The indices of the tokens whose text is one of ``words``, in order (a ``list.index``
    scan per word: for a few words, faster than testing every token in Python)."""
    found = []
    for word in words:
        k = -1
        try:
            while True:
                k = texts.index(word, k + 1)
                found.append(k)
        except ValueError:
            pass
    return sorted(found) if len(found) > 1 else found


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
_SUFFIXES_2 = frozenset(s for s in _SUFFIXES if len(s) == 2)
_SUFFIXES_1 = frozenset(s for s in _SUFFIXES if len(s) == 1)


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """A crude German inflection stem for matching names in any case.

    Lower-cases and strips one inflection suffix from words of five letters or more, so
    "Bundesministeriums" and "Bundesministerium", "Deutschen" and "Deutscher",
    "Zweckverbandes" and "Zweckverband", "Niedersachsens" and "Niedersachsen" share a stem.
    Applied alike to patterns and text.
    """
    w = word.lower()
    n = len(w)
    if n < 5 or not w.isalpha():
        return w
    # the longest suffix of ``_SUFFIXES`` that leaves four letters ("ens" is the only long one)
    if n >= 7 and w.endswith("ens"):
        return w[:-3]
    if n >= 6 and w[-2:] in _SUFFIXES_2:
        return w[:-2]
    return w[:-1] if w[-1] in _SUFFIXES_1 else w


def norm_label(text: str) -> str:
    """Case-, dash- and space-insensitive form of a label for lookups."""
    s = text.replace("\u00ad", "")
    s = re.sub(r"[\u2010-\u2015]", "-", s)
    s = re.sub(r"[„“”\"'‚‘’«»]", "", s)
    return re.sub(r"\s+", " ", s).strip().casefold()


def is_capitalised(token_text: str) -> bool:
    return bool(token_text) and token_text[0].isupper()
