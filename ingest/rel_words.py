"""Word memos of the relation extractors' Doc index (:class:`egovkg.ingest.rel_base.Context`).

Properties of a word form, not of a token, kept across Docs: per spaCy vocabulary the rows a
Context reads its per-token tables from (:func:`lexeme_rows`) or, given the NER's token texts,
their flags (:func:`word_flags`), and per relation configuration
the trigger word sets, the cue word sets ``Context.find`` has been asked for and the generic
nouns ("Kommune" -> Municipality) with their entity types (:func:`anaphor_kinds`); and the
per-Doc word -> tokens index that finds a word's tokens when first asked (:class:`WordPositions`).
"""
from __future__ import annotations

from itertools import compress, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

import numpy

from spacy.attrs import IDX, ORTH, SENT_START, SPACY
from spacy.tokens import Doc
from spacy.vocab import Vocab

from egovkg.ingest.rel_config import RelConfig, memo

if TYPE_CHECKING:
    from egovkg.ingest.ner_finalize import FactTables

_LEXEMES: dict[int, tuple[Vocab, dict[int, tuple]]] = {}


def lexeme_rows(doc: Doc, orths: list[int]) -> list[tuple]:
    """Per token ``(text, lower, is_alpha, capitalised, lower-case word, text + " ")``,
    memoised per word form (ORTH) of the vocabulary: these are properties of the word, not of
    the token."""
    entry = _LEXEMES.get(id(doc.vocab))
    if entry is None or entry[0] is not doc.vocab:
        if len(_LEXEMES) >= 4:  # a new pipeline per Doc (tests): keep only a few vocabularies alive
            _LEXEMES.clear()
        entry = _LEXEMES[id(doc.vocab)] = (doc.vocab, {})
    known = entry[1]
    try:
        return list(map(known.__getitem__, orths))
    except KeyError:  # word forms not seen before
        pass
    strings = doc.vocab.strings
    for orth in set(orths).difference(known):
        lex = doc.vocab[orth]
        w = strings[orth]
        known[orth] = (w, lex.lower_, lex.is_alpha, w[:1].isupper(), lex.is_alpha and w[:1].islower(), w + " ")
    return list(map(known.__getitem__, orths))


MAX_WORDS = 500_000
"""Word forms :func:`word_flags` remembers before it starts again."""
_ALPHAS: dict[str, bool] = {}
_CAPS: dict[str, bool] = {}
_LOWER_WORDS: dict[str, bool] = {}


def word_flags(words: list[str]) -> tuple[list[bool], list[bool], list[bool]]:
    """Per token ``is_alpha``, capitalised and lower-case word of its text: the middle fields
    of :func:`lexeme_rows`, memoised per word form (one dict per property, each column read
    by one ``itemgetter`` call, nothing transposed), for a Doc whose token texts are known
    already (the NER's token table). A lexeme's ``is_alpha`` is ``str.isalpha`` of its text
    (spaCy's ``lex_attrs``): asking the vocabulary for the lexeme would cost far more."""
    alphas, caps, lower_words = _ALPHAS, _CAPS, _LOWER_WORDS
    if len(words) == 1:  # an itemgetter of one key gives the value, not a tuple
        alpha, cap, lower_word = word_flags(words * 2)
        return alpha[:1], cap[:1], lower_word[:1]
    get = itemgetter(*words)
    try:
        alpha = get(alphas)
    except KeyError:  # word forms not seen before
        if len(alphas) > MAX_WORDS:
            alphas.clear()
            caps.clear()
            lower_words.clear()
        for w in set(words).difference(alphas):
            a = alphas[w] = w.isalpha()
            caps[w] = w[:1].isupper()
            lower_words[w] = a and w[:1].islower()
        alpha = get(alphas)
    return list(alpha), list(get(caps)), list(get(lower_words))


class Columns(NamedTuple):
    """The per-token lists of a Context (see :func:`token_columns`) and the Doc's text."""

    words: list[str]
    low: list[str]
    space: list[str]  # the whitespace after each token: "" or " " (``Token.whitespace_``)
    idx: list[int]
    sent_start: bytes  # ``SENT_START`` per token as a signed byte: 1, 0 or -1 (0xff)
    alpha: list[bool]
    cap: list[bool]
    lower_word: list[bool]
    text: str


def token_columns(doc: Doc, tables: FactTables | None) -> Columns:
    """The per-token lists of a Context: texts, lower cases, trailing whitespace, character
    offsets, ``SENT_START`` values, ``is_alpha``, capitalised, lower-case word; and ``doc.text``
    joined from them (``Doc.text`` makes a Token per token). Read from the NER's token lists when
    ``tables`` (``egov_finalize``) are given, else from the Doc."""
    if not len(doc):
        return Columns([], [], [], [], b"", [], [], [], "")
    if tables is not None:
        words, ws = tables.text, tables.ws
        return Columns(words, tables.lower, ws, tables.starts, _bytes(doc.to_array(SENT_START)),
                       *word_flags(words), tables_text(tables))
    arr = doc.to_array([ORTH, SPACY, IDX, SENT_START])
    columns = list(zip(*lexeme_rows(doc, arr[:, 0].tolist())))
    words, space = list(columns[0]), [" " if sp else "" for sp in arr[:, 1].tolist()]
    text = "".join([spaced if sp else w for w, spaced, sp in zip(words, columns[5], space)])
    return Columns(words, list(columns[1]), space, arr[:, 2].tolist(), _bytes(arr[:, 3]), list(columns[2]),
                   list(columns[3]), list(columns[4]), text)


def tables_text(tables: FactTables) -> str:
    """``Doc.text`` joined from the token texts and their whitespace of the NER's tables."""
    words = tables.text
    parts = [""] * (2 * len(words))  # word, its whitespace ("" or " "), word, ...
    parts[::2] = words
    parts[1::2] = tables.ws
    return "".join(parts)


def _bytes(values: numpy.ndarray) -> bytes:
    """Small integer values (``SENT_START``: 1, 0, -1 stored as uint64) as signed bytes: a bytes
    object is made without a Python int per token and searched in C (``bytes.index``)."""
    return values.astype(numpy.int8).tobytes()


def cue_registry(cfg: RelConfig) -> tuple[set[frozenset[str]], set[str]]:
    """The cue word sets ``Context.find`` has been asked for under this configuration, and
    all their words."""
    known = memo(cfg, "cue_registry")
    entry = known.get("")
    if entry is None:
        entry = known[""] = (set(), set())
    return entry


def affix_tables(cfg: RelConfig) -> tuple[set[str], dict[tuple[tuple[str, ...], tuple[str, ...]], set[str]]]:
    """The word forms every affix test of ``Context.find_affixed`` has been applied to under
    this configuration, and per test ``(prefixes, suffixes)`` the ones that passed it."""
    known = memo(cfg, "affix_tables")
    entry = known.get("")
    if entry is None:
        entry = known[""] = (set(), {})
    return entry


def affixed(words: list[str], prefixes: tuple[str, ...], suffixes: tuple[str, ...]) -> set[str]:
    """The ``words`` that begin with one of ``prefixes`` or end with one of ``suffixes``
    (``str.startswith`` mapped over them in C)."""
    found = set(compress(words, map(str.startswith, words, repeat(prefixes)))) if prefixes else set()
    if suffixes:
        found.update(compress(words, map(str.endswith, words, repeat(suffixes))))
    return found


def trigger_sets(cfg: RelConfig) -> tuple[frozenset[str], ...]:
    """Determiners, designators, separators, prepositions and clause breakers of
    ``triggers.json``, as sets built once per configuration."""
    known = memo(cfg, "trigger_sets")
    sets = known.get("")
    if sets is None:
        tr = cfg.triggers
        sets = known[""] = tuple(frozenset(tr[k]) for k in
                                 ("determiners", "designators", "separators", "prepositions", "clause_breakers"))
    return sets


def anaphor_words(cfg: RelConfig) -> set[str]:
    """The words :func:`anaphor_kinds` has found to be generic nouns so far (kept up to date
    by it): a Doc's generic nouns are the shared part of its words and this set."""
    known = memo(cfg, "anaphor_words")
    words = known.get("")
    if words is None:
        words = known[""] = set()
    return words


def anaphor_kinds(cfg: RelConfig, word: str) -> tuple[str, ...]:
    """Entity types the capitalised generic noun ``word`` (lower case) may stand for: the first
    entry of ``triggers.anaphors`` it begins with (``anaphor_exact`` ones: it is, with its
    genitive ending). Memoised per word."""
    known = memo(cfg, "anaphor_types")
    kinds = known.get(word)
    if kinds is None:
        kinds = known[word] = ()
        if word.startswith(_anaphor_prefixes(cfg)):  # most words begin with none of them
            for pref, forms, types in _anaphor_entries(cfg):
                if (word in forms) if forms else word.startswith(pref):
                    kinds = known[word] = types
                    if kinds:
                        anaphor_words(cfg).add(word)
                    break
    return kinds


def _anaphor_entries(cfg: RelConfig) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """``triggers.anaphors`` in order as ``(prefix, exact forms, types)``: the exact forms of an
    ``anaphor_exact`` entry are the word and its genitives, () for a prefix; built once per
    configuration."""
    known = memo(cfg, "anaphor_entries")
    entries = known.get("")
    if entries is None:
        exact = set(cfg.triggers["anaphor_exact"])
        entries = known[""] = [(pref, (pref, pref + "s", pref + "es") if pref in exact else (), tuple(types))
                               for pref, types in cfg.triggers["anaphors"].items()]
    return entries


def anaphor_nouns(cfg: RelConfig, words: set[str]) -> set[str]:
    """The generic nouns among ``words`` (:func:`anaphor_kinds` gives their types), each word
    form tested once per configuration."""
    known = memo(cfg, "anaphor_types")
    prefixes = _anaphor_prefixes(cfg)
    for w in words.difference(known):  # word forms not seen before
        if w.startswith(prefixes):
            anaphor_kinds(cfg, w)
        else:
            known[w] = ()  # what anaphor_kinds finds
    return anaphor_words(cfg).intersection(words)


def _anaphor_prefixes(cfg: RelConfig) -> tuple[str, ...]:
    """The words of ``triggers.anaphors``: a generic noun begins with one of them."""
    known = memo(cfg, "anaphor_prefixes")
    prefixes = known.get("")
    if prefixes is None:
        prefixes = known[""] = tuple(cfg.triggers["anaphors"])
    return prefixes


class WordPositions(dict):
    """Lower-case word form -> its tokens in Doc order, each list found when first asked for
    (``list.count`` and ``list.index`` scan in C): the rules ask for the tokens of a few dozen
    words per Doc, most of its word forms are never asked for."""

    def __init__(self, low: list[str]) -> None:
        super().__init__()
        self.low = low

    def __missing__(self, word: str) -> list[int]:
        low = self.low
        toks, t = [], -1
        for _ in range(low.count(word)):
            t = low.index(word, t + 1)
            toks.append(t)
        self[word] = toks
        return toks
