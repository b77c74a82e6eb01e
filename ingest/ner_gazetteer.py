"""spaCy component ``egov_gazetteer``: curated names (ministries, Länder, Kreise,
organisations, programmes, regions) and GeoNames places as entity candidates.

Curated names match on inflection stems (``ner_base.stem``), so "des Bundesministeriums des
Innern" and "Deutschen Landkreistages" find their nominative entries; the case of every
capitalised word of the name must agree, so "die grünen Wiesen" is not the party.
Places match case-sensitively; places that are ordinary words ("Essen", "Lotte") need a cue
word before them ("Stadt Essen", "in Essen").
"""
from __future__ import annotations

import importlib.metadata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy
import spacy
from preshed.maps import PreshMap
from spacy.attrs import NORM
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

from egovkg.ingest import gazetteer, gazetteer_cache, ner_base
from egovkg.ingest.gazetteer import GazetteerEntry
from egovkg.ingest.ner_base import PRIO_GAZETTEER, PRIO_PLACE, Candidate, WordClass, add_candidate, stem, token_table

PLACE_CUES = frozenset(
    "stadt gemeinde markt kommune in im aus nach bei von vom zwischen hansestadt stadtverwaltung "
    "landeshauptstadt kreisstadt samtgemeinde ortsgemeinde verbandsgemeinde".split()
)


MAX_MEMO = 1_000_000  # words whose stem hash is remembered


def _fold(text: str) -> str:
    text = "st. " + text[6:] if text.startswith("Sankt ") else text  # "St. Ingbert" is "Sankt Ingbert"
    return text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")


def set_stem_norms(doc: Doc, memo: dict[str, int] | None = None) -> Doc:
    """Write ``stem(text)`` into ``token.norm_`` (the attribute the curated matcher reads).

    Args:
        doc: The Doc.
        memo: word -> hash of its stem, for stems already in ``doc.vocab.strings`` for good
            (not added inside a spaCy memory zone); filled as words come.
    """
    if len(doc):
        doc.from_array([NORM], numpy.array(_stem_norms(doc, memo), dtype=numpy.uint64))
    return doc


def _stem_norms(doc: Doc, memo: dict[str, int] | None) -> list[int]:
    """The stem hash of every token (added to ``doc.vocab.strings``); see ``set_stem_norms``."""
    texts = token_table(doc).text
    add = doc.vocab.strings.add
    if memo is None or doc.vocab.in_memory_zone:
        hashes = {word: add(stem(word)) for word in set(texts)}
        return [hashes[w] for w in texts]
    try:
        return list(map(memo.__getitem__, texts))
    except KeyError:
        if len(memo) > MAX_MEMO:
            memo.clear()
        for word in set(texts).difference(memo):
            memo[word] = add(stem(word))
        return list(map(memo.__getitem__, texts))


@lru_cache(maxsize=4)
def _label_words(make_doc: Tokenizer) -> dict[str, tuple[str, ...]]:
    """Token texts of every curated and place label as ``make_doc`` splits them; kept in the
    prepared cache under the gazetteer's and the tokenizer's fingerprints."""
    labels = dict.fromkeys(label for entry in (*gazetteer.entries(), *gazetteer.places()) for label in entry.labels)

    def build() -> dict[str, tuple[str, ...]]:
        words = {label: tuple(t.text for t in make_doc(label)) for label in labels}
        # The tokenizer caches at most 10,000 chunks and never frees a place; left full of
        # labels, it has no room for the words of the texts, and tokenising them takes four
        # times as long. Setting the rules again starts an empty cache.
        make_doc.rules = dict(make_doc.rules)
        return words

    return gazetteer_cache.load_or_build("labels", _labels_key(make_doc), build)


def _labels_key(make_doc: Tokenizer) -> str:
    """Fingerprint of the gazetteer and of the tokenizer (what the label words derive from)."""
    return gazetteer_cache.fingerprint([gazetteer.source_key(), spacy.__version__, make_doc.to_bytes(exclude=["vocab"])])


@lru_cache(maxsize=4)
def _matcher_tables(make_doc: Tokenizer) -> dict[str, tuple]:
    """The data of both matchers (``_curated_rows``, ``_place_rows``), kept in the prepared
    cache: reading it back is faster than making it from the label words. Its key adds the
    code that makes it (this module, the stems of ``ner_base``) and the hash map it orders
    labels by (preshed) to what the label words derive from."""
    def build() -> dict[str, tuple]:
        strings: dict[str, str] = {}  # one object per word: pickled once, read back once
        words_of = {label: tuple(strings.setdefault(w, w) for w in words)
                    for label, words in _label_words(make_doc).items()}
        return {"curated": _curated_rows(words_of), "places": _place_rows(words_of)}

    return gazetteer_cache.load_or_build("matchers", _matcher_tables_key(make_doc), build)


def _matcher_tables_key(make_doc: Tokenizer) -> str:
    code = [Path(__file__).read_bytes(), Path(ner_base.__file__).read_bytes(), importlib.metadata.version("preshed")]
    return gazetteer_cache.fingerprint([_labels_key(make_doc), *code])


class CuratedLabel(NamedTuple):
    """One pattern of the curated matcher: a label of a gazetteer entry as tokens (a named
    tuple: the matcher makes 5,500 of them in every ``make_pipeline``)."""

    entry: GazetteerEntry
    words: tuple[str, ...]
    label: str
    rank: int  # the label's place in ``entry.labels`` (0: the preferred form)
    extractor: str
    case_checks: tuple[tuple[int, str, bool, bool], ...]  # (word index, word, capitalised, abbreviation)

    def case_agrees(self, texts: list[str], start: int) -> bool:
        """The words at ``start`` are capitalised where the label's are, and give its
        abbreviations exactly ("HMDI" is not "HMdI"); the stems matched already."""
        for k, want, capitalised, abbreviation in self.case_checks:
            got = texts[start + k]
            if (capitalised and not got[:1].isupper()) or (abbreviation and got != want):
                return False
        return True


def _curated_label(entry: GazetteerEntry, words: tuple[str, ...], label: str) -> tuple:
    """The fields of the ``CuratedLabel`` of ``label`` of ``entry``."""
    checks = tuple((k, w, w[:1].isupper(), is_abbreviation(w)) for k, w in enumerate(words)
                   if w[:1].isupper() or is_abbreviation(w))
    return entry, words, label, entry.labels.index(label), "gazetteer:" + entry.type.lower(), checks


class CuratedMatcher:
    """Matcher of the curated labels on the stem hashes of the tokens (``token.norm``).

    Finds the matches a ``PhraseMatcher`` on ``NORM`` with one key per label (``str(index)``)
    would, in its order: by start, then shorter first, and labels with the same stems in the
    order of the phrase matcher's hash map of their keys (``_phrase_matcher_order``). It is
    such a phrase matcher with a single key: adding thousands of keys makes a spaCy lexeme of
    each, which took longer than everything else in building the pipeline. A match's stems
    then name its labels.

    Attributes:
        table: Match index -> label.
        by_stems: Stem hashes of a label -> the match indices of the labels with them.
    """

    KEY = "egov_curated"

    def __init__(self, vocab: Vocab, make_doc: Tokenizer) -> None:
        rows, self.by_stems = _matcher_tables(make_doc)["curated"]
        entries = gazetteer.entries()
        self.table = [CuratedLabel(entries[i], *fields) for i, *fields in rows]
        self.matcher = PhraseMatcher(vocab, attr="NORM")
        self.matcher.add(self.KEY, list(self.by_stems))

    def __call__(self, doc: Doc, norms: list[int]) -> list[tuple[int, int, int]]:
        """``(match index, start, end)`` of every label in ``doc``, whose stem hashes
        (``token.norm``) are ``norms``."""
        by_stems = self.by_stems
        return [(idx, start, end) for _, start, end in self.matcher(doc)
                for idx in by_stems[tuple(norms[start:end])]]


def _curated_rows(words_of: dict[str, tuple[str, ...]]) -> tuple[list[tuple], dict[tuple[int, ...], list[int]]]:
    """The curated matcher's labels as ``CuratedLabel`` fields (with the index of the entry in
    ``gazetteer.entries()`` for the entry), and the labels of every stem sequence."""
    rows: list[tuple] = []
    by_stems: dict[tuple[int, ...], list[int]] = {}
    seen: set[tuple] = set()
    for i, entry in enumerate(gazetteer.entries()):
        for label in entry.labels:
            words = words_of[label]
            k = (entry.type, entry.canonical, words)
            if not words or k in seen:
                continue
            seen.add(k)
            by_stems.setdefault(tuple(get_string_id(stem(word)) for word in words), []).append(len(rows))
            rows.append((i, *_curated_label(entry, words, label)[1:]))
    for labels in by_stems.values():
        if len(labels) > 1:
            labels[:] = _phrase_matcher_order(labels)
    return rows, by_stems


def _phrase_matcher_order(labels: list[int]) -> list[int]:
    """Labels with the same stems in the order a ``PhraseMatcher`` reports them: the order of
    their keys (``str(index)``, added in index order) in its preshed hash map."""
    keys = PreshMap(8)  # the phrase matcher starts each map with 8 cells
    index = {}
    for idx in labels:
        index[get_string_id(str(idx))] = idx
        keys[get_string_id(str(idx))] = 0
    return [index[key] for key in keys]


@lru_cache(maxsize=4)
def _curated_matcher(vocab: Vocab, make_doc: Tokenizer) -> CuratedMatcher:
    """The curated matcher, built once per process, vocab and tokenizer."""
    return CuratedMatcher(vocab, make_doc)


class PlaceMatcher:
    """Case-sensitive matcher of GeoNames labels on token texts.

    Finds the matches a ``PhraseMatcher`` on ``ORTH`` would, in its order (by start, then
    shorter first), without turning 13,000 labels into spaCy Docs. (Two labels with the same
    tokens would come in label order; the phrase matcher's order among them is its hash order.
    No two labels of ``places_de.tsv`` tokenise alike.)
    """

    def __init__(self, make_doc: Tokenizer) -> None:
        rows, self.by_first = _matcher_tables(make_doc)["places"]
        places = gazetteer.places()
        self.table = [places[i] for i in rows]  # match index -> entry
        self.first_words = WordClass(self.by_first.__contains__)

    def __call__(self, texts: list[str], starts: list[int] | None = None) -> list[tuple[int, int, int]]:
        """``(match index, start, end)`` of every label occurring in ``texts``; ``starts`` are the
        tokens that begin a label, if known (``first_words.positions`` of the token table)."""
        by_first, n, out = self.by_first, len(texts), []
        if starts is None:
            starts = [i for i, t in enumerate(texts) if t in by_first]
        for start in starts:
            for words, idx in by_first[texts[start]]:
                end = start + len(words)
                if end <= n and (end == start + 1 or texts[start:end] == words):
                    out.append((idx, start, end))
        return out


def _place_rows(words_of: dict[str, tuple[str, ...]]) -> tuple[list[int], dict[str, list[tuple[list[str], int]]]]:
    """The place matcher's table (match index -> index in ``gazetteer.places()``) and its
    labels by first word (``(words, match index)``, shorter first)."""
    rows: list[int] = []
    by_first: dict[str, list[tuple[list[str], int]]] = {}
    index: dict[str, int] = {}
    for i, entry in enumerate(gazetteer.places()):
        for label in entry.labels:
            if label in index:
                continue
            index[label] = len(rows)
            rows.append(i)
            words = words_of[label]
            if words:
                by_first.setdefault(words[0], []).append((list(words), index[label]))
    for patterns in by_first.values():
        patterns.sort(key=lambda p: len(p[0]))
    return rows, by_first


@lru_cache(maxsize=4)
def _place_matcher(make_doc: Tokenizer) -> PlaceMatcher:
    return PlaceMatcher(make_doc)


@lru_cache(maxsize=65536)
def is_abbreviation(word: str) -> bool:
    """"BMI", "HMdIS", "SMJus": short words with two or more capitals."""
    return len(word) <= 8 and sum(c.isupper() for c in word) >= 2


class GazetteerRecognizer:
    """Adds curated-name and place candidates."""

    def __init__(self, nlp: Language, *, places: bool = True) -> None:
        self.vocab = nlp.vocab
        self.tokenizer = nlp.tokenizer
        self.places = places
        self.stem_hashes: dict[str, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        norms = _stem_norms(doc, self.stem_hashes if doc.vocab is self.vocab else None) if len(doc) else []
        if norms:
            doc.from_array([NORM], numpy.array(norms, dtype=numpy.uint64))
        texts = token_table(doc).text
        matcher = _curated_matcher(self.vocab, self.tokenizer)
        table = matcher.table
        best: dict[tuple[int, int, str, str], int] = {}  # the best rank of a label found for a span and entry
        for idx, start, end in matcher(doc, norms):
            row = table[idx]
            if not row.case_agrees(texts, start):
                continue
            entry = row.entry
            key = (start, end, entry.type, entry.canonical)
            rank = best.get(key)
            if rank is None or row.rank < rank:
                best[key] = rank = row.rank
            if row.rank == rank:
                add_candidate(doc, Candidate(start, end, entry.type, entry.canonical, PRIO_GAZETTEER, row.extractor,
                                             entry.external, getattr(entry, "ags", None), form=row.label))
        if self.places:
            self._places(doc)
        return doc

    def prepare(self) -> None:
        """Build the matchers and load the data they use now rather than on the first Doc."""
        _curated_matcher(self.vocab, self.tokenizer)
        if self.places:
            _place_matcher(self.tokenizer)
            place_index()
        gazetteer.label_index()

    def _places(self, doc: Doc) -> None:
        matcher = _place_matcher(self.tokenizer)
        stop = gazetteer.place_stopwords()
        tokens = token_table(doc)
        for idx, start, end in matcher(tokens.text, matcher.first_words.positions(tokens)):
            entry = matcher.table[idx]
            prev = tokens.lower[start - 1] if start > 0 else ""
            if not tokens.text[start][:1].isupper():
                continue
            label = tokens.span_text(start, end)
            if label in stop or entry.canonical in stop:
                if prev not in PLACE_CUES:
                    continue
            same_place = _fold(label) == _fold(entry.canonical)
            canonical = entry.canonical if same_place else label  # "Kirchberg" is many places
            unique = same_place and len(place_index().get(label, ())) == 1
            add_candidate(doc, Candidate(start, end, "Municipality", canonical, PRIO_PLACE, "gazetteer:geonames",
                                         entry.external if unique else (), getattr(entry, "ags", None)))


@Language.factory("egov_gazetteer", assigns=["token.norm"], default_config={"places": True})
def make_gazetteer(nlp: Language, name: str, *, places: bool) -> GazetteerRecognizer:
    """Factory of the gazetteer recogniser (data from ``egovkg.ingest.gazetteer``)."""
    return GazetteerRecognizer(nlp, places=places)


@lru_cache(maxsize=1)
def place_index() -> dict[str, list]:
    """GeoNames places by every label (exact spelling)."""
    index: dict[str, list] = {}
    for entry in gazetteer.places():
        for label in entry.labels:
            index.setdefault(label, []).append(entry)
    return index
