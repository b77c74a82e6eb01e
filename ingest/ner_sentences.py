"""Sentence boundaries for a pipeline without a parser.

``egov_sentences`` sets ``is_sent_start`` exactly as spaCy's ``sentencizer`` followed by
``egov_lines`` would: a sentence starts at the first token, at the first token after
sentence-final punctuation that is neither punctuation nor sentence-final itself, and after
every line break (captions, headlines, list items). It reads the token table
(``ner_base.TokenTable``) instead of making a spaCy ``Token`` per token, and writes all
boundaries in one ``Doc.from_array``.

``egov_lines`` alone adds the line-break starts to a pipeline that brings its own
sentencizer.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from egovkg.ingest.ner_base import TokenTable, WordClass, token_table

MAX_MEMO = 100_000  # words whose punctuation flag is remembered


_LINE_BREAKS = WordClass(re.compile("\n").search)  # words holding "\n", asked of all tokens at once


def _line_starts(tokens: TokenTable) -> list[int]:
    """Tokens that follow a line break: a token holding "\\n" (spaCy makes line breaks tokens of
    their own; the whitespace after a token is one space or none)."""
    return [i + 1 for i in _LINE_BREAKS.positions(tokens) if i + 1 < tokens.n]


def _punct_starts(tokens: TokenTable, punct_chars: frozenset[str], is_punct: Callable[[str], bool],
                  finals: list[int] | None = None) -> list[int]:
    """The sentencizer's starts: token 0 and, after a sentence-final token, the next token that is
    neither punctuation (``is_punct``) nor sentence-final. ``finals`` are the sentence-final
    tokens (those in ``punct_chars``), if known."""
    text, n = tokens.text, tokens.n
    starts = [0]
    scanned = 0  # tokens before this one were skipped after an earlier sentence-final token
    if finals is None:
        finals = [i for i, t in enumerate(text) if t in punct_chars]
    for i in finals:
        if i < scanned:
            continue
        j = i + 1
        while j < n and (text[j] in punct_chars or is_punct(text[j])):
            j += 1
        if j < n:
            starts.append(j)
        scanned = j
    return starts


def _write_starts(doc: Doc, starts: Iterable[int]) -> None:
    """Every token gets ``is_sent_start`` True (listed) or False, like the sentencizer sets it:
    ``SENT_START`` 1 or -1, built as bytes (8 per token, the machine's uint64) with one slice
    assignment per start."""
    values = _NOT_START * len(doc)
    for i in starts:
        values[8 * i:8 * i + 8] = _START
    doc.from_array([SENT_START], numpy.frombuffer(values, dtype=numpy.uint64))


_START = bytearray((1).to_bytes(8, sys.byteorder))
_NOT_START = bytearray(b"\xff" * 8)  # -1 as a uint64


class SentenceBoundaries:
    """spaCy's sentencizer (default punctuation) and ``egov_lines`` in one pass."""

    def __init__(self, vocab: Vocab, punct_chars: Iterable[str] | None = None) -> None:
        self.vocab = vocab
        self.punct_chars = frozenset(punct_chars or Sentencizer.default_punct_chars)
        self.punct_words: dict[str, bool] = {}  # word -> its lexeme's ``is_punct``
        self.finals = WordClass(self.punct_chars.__contains__)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        tokens = token_table(doc)
        is_punct = self._is_punct if doc.vocab is self.vocab else (lambda word: doc.vocab[word].is_punct)
        finals = self.finals.positions(tokens)
        _write_starts(doc, _punct_starts(tokens, self.punct_chars, is_punct, finals) + _line_starts(tokens))
        return doc

    def _is_punct(self, word: str) -> bool:
        known = self.punct_words.get(word)
        if known is None:
            if len(self.punct_words) > MAX_MEMO:
                self.punct_words.clear()
            known = self.punct_words[word] = self.vocab[word].is_punct
        return known


@Language.factory("egov_sentences", assigns=["token.is_sent_start"], default_config={"punct_chars": None})
def make_sentences(nlp: Language, name: str, punct_chars: list[str] | None) -> SentenceBoundaries:
    """Factory of the sentence splitter (``punct_chars`` as for spaCy's sentencizer)."""
    return SentenceBoundaries(nlp.vocab, punct_chars)


@Language.component("egov_lines", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """A token after a line break starts a sentence (after a sentencizer of the base pipeline)."""
    starts = _line_starts(token_table(doc))
    if starts:
        values = doc.to_array(SENT_START)
        values[starts] = 1
        doc.from_array([SENT_START], values)
    return doc
