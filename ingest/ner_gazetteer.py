"""spaCy component ``egov_gazetteer``: curated names (ministries, Länder, Kreise,
organisations, programmes, regions) and GeoNames places as entity candidates.

Curated names match on inflection stems (``ner_base.stem``), so "des Bundesministeriums des
Innern" and "Deutschen Landkreistages" find their nominative entries; the case of every
capitalised word of the name must agree, so "die grünen Wiesen" is not the party.
Places match case-sensitively; places that are ordinary words ("Essen", "Lotte") need a cue
word before them ("Stadt Essen", "in Essen").
"""
from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import NORM
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from egovkg.ingest import gazetteer
from egovkg.ingest.ner_base import PRIO_GAZETTEER, PRIO_PLACE, Candidate, add_candidate, stem, token_table

PLACE_CUES = frozenset(
    "stadt gemeinde markt kommune in im aus nach bei von vom zwischen hansestadt stadtverwaltung "
    "landeshauptstadt kreisstadt samtgemeinde ortsgemeinde verbandsgemeinde".split()
)


def _fold(text: str) -> str:
    return text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")


def set_stem_norms(doc: Doc) -> Doc:
    """Write ``stem(text)`` into ``token.norm_`` (the attribute the phrase matcher reads)."""
    if not len(doc):
        return doc
    texts = token_table(doc).text
    add = doc.vocab.strings.add
    hashes = {word: add(stem(word)) for word in set(texts)}
    doc.from_array([NORM], numpy.array([hashes[w] for w in texts], dtype=numpy.uint64))
    return doc


@lru_cache(maxsize=4)
def _curated_matcher(vocab: Vocab, make_doc) -> tuple[PhraseMatcher, list]:
    """Build (once per process and tokenizer) the stem matcher over all curated labels."""
    matcher = PhraseMatcher(vocab, attr="NORM")
    table: list = []  # match id -> (entry, label tokens)
    seen: dict[tuple, int] = {}
    for entry in gazetteer.entries():
        for label in entry.labels:
            words = [t.text for t in make_doc(label)]
            if not words:
                continue
            k = (entry.type, entry.canonical, tuple(words))
            if k in seen:
                continue
            seen[k] = len(table)
            table.append((entry, tuple(words), label))
            pattern = Doc(vocab, words=words)
            set_stem_norms(pattern)
            matcher.add(str(seen[k]), [pattern])
    return matcher, table


@lru_cache(maxsize=4)
def _place_matcher(vocab: Vocab, make_doc) -> tuple[PhraseMatcher, list]:
    matcher = PhraseMatcher(vocab, attr="ORTH")
    table: list = []
    index: dict[str, int] = {}
    for entry in gazetteer.places():
        for label in entry.labels:
            if label in index:
                continue
            index[label] = len(table)
            table.append(entry)
            matcher.add(str(index[label]), [make_doc(label)])
    return matcher, table


@lru_cache(maxsize=65536)
def is_abbreviation(word: str) -> bool:
    """"BMI", "HMdIS", "SMJus": short words with two or more capitals."""
    return len(word) <= 8 and sum(c.isupper() for c in word) >= 2


def _case_agrees(span_words: list[str], label_words: tuple[str, ...]) -> bool:
    for got, want in zip(span_words, label_words):
        if want[:1].isupper() and not got[:1].isupper():
            return False
        if is_abbreviation(want) and got != want:  # abbreviations exactly ("HMDI" is not "HMdI")
            return False
    return True


class GazetteerRecognizer:
    """Adds curated-name and place candidates."""

    def __init__(self, nlp: Language, *, places: bool = True) -> None:
        self.vocab = nlp.vocab
        self.tokenizer = nlp.tokenizer
        self.places = places

    def __call__(self, doc: Doc) -> Doc:
        set_stem_norms(doc)
        texts = token_table(doc).text
        matcher, table = _curated_matcher(self.vocab, self.tokenizer)
        best: dict[tuple[int, int, str, str], tuple[int, str]] = {}
        for match_id, start, end in matcher(doc):
            entry, words, label = table[int(self.vocab.strings[match_id])]
            if not _case_agrees(texts[start:end], words):
                continue
            key = (start, end, entry.type, entry.canonical)
            rank = entry.labels.index(label)
            if key not in best or rank < best[key][0]:
                best[key] = (rank, label)
            if rank == best[key][0]:
                add_candidate(doc, Candidate(start, end, entry.type, entry.canonical, PRIO_GAZETTEER,
                                             "gazetteer:" + entry.type.lower(), entry.external,
                                             getattr(entry, "ags", None), form=label))
        if self.places:
            self._places(doc)
        return doc

    def _places(self, doc: Doc) -> None:
        matcher, table = _place_matcher(self.vocab, self.tokenizer)
        stop = gazetteer.place_stopwords()
        tokens = token_table(doc)
        for match_id, start, end in matcher(doc):
            entry = table[int(self.vocab.strings[match_id])]
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
