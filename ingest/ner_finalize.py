"""spaCy component ``egov_finalize``: choose among the candidates and write ``doc.ents``.

* Overlaps are settled by priority, then length (``ner_base`` priorities).
* Inside the document, a surname alone or "Herr Egelkamp" takes the canonical name of the
  full person mentioned in the same document; bare uses of a known surname become mentions.
* A bare noun after a determiner ("das Ministerium", "der Freistaat") becomes the one entity of
  its kind the document names (``ner_generic``).
* ``doc.ents`` get ``label_`` = ontology type and ``kb_id_`` = canonical name; external ids
  and the extractor of each entity are kept in ``doc.user_data[INFO_KEY]``.
* The token table and one row per entity are handed on to fact extraction
  (:class:`FactTables` under ``FACTS_KEY``): ``doc_extraction`` makes the mentions and the
  relation ``Context`` its per-token lists from them instead of reading the Doc (a spaCy
  ``Span`` per entity, the token attributes) again. ``extract_facts`` takes them off the Doc
  (:func:`take_fact_tables`); a Doc made otherwise has none and is read as before.
"""
from __future__ import annotations

import sys
from functools import lru_cache
from typing import NamedTuple

import numpy
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc

from egovkg.ingest import gazetteer
from egovkg.ingest.ner_base import (
    BY_START as _BY_START, ORG_LIKE, PRIO_CUE, PRIO_PLACE, Candidate, TokenTable, candidates,
    drop_token_table, occurrences, token_table,
)
from egovkg.ingest.ner_generic import resolve_generic


def _curated(c: Candidate) -> Candidate:
    """A name found by a pattern that the gazetteer knows takes its curated canonical name
    ("Zweckverband Citkomm" -> the entry that lists "Citkomm")."""
    if c.extractor.startswith("gazetteer") or c.label == "Person":
        return c
    hits = {(e.type, e.canonical) for e in gazetteer.lookup(c.canonical)
            if e.type == c.label or (e.type in ORG_LIKE and c.label in ORG_LIKE)}
    if len(hits) == 1:
        etype, canonical = hits.pop()
        if etype != c.label or canonical != c.canonical:
            return c._replace(label=etype, canonical=canonical)
    return c

INFO_KEY = "egov_ent_info"
FACTS_KEY = "_egov_fact_tables"


class EntRow(NamedTuple):
    """One entity of ``doc.ents`` as ``egov_finalize`` wrote it: token and character offsets,
    ``Span.text``, ``label_``, ``kb_id_`` and the ``INFO_KEY`` entry."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    label: str
    kb: str
    extractor: str
    external: tuple[str, ...]
    ags: str | None
    form: str | None


# ``EntRow(*fields)`` without the Python-level ``__new__`` of the named tuple (the same tuple)
_new_row = tuple.__new__


class FactTables(NamedTuple):
    """What fact extraction reads of a finalized Doc: the token table's lists (``TokenTable``
    ``text``, ``lower``, ``ws``, ``starts``) and the entities in order.

    Plain lists and tuples, so ``Doc.to_bytes`` still serialises ``user_data`` (a copy made
    that way has lists, not FactTables, and is read from the Doc). They describe the Doc as
    ``egov_finalize`` left it: a later step that changes ``doc.ents`` or the tokens must remove
    them (``doc.user_data.pop(FACTS_KEY)``).
    """

    text: list[str]
    lower: list[str]
    ws: list[str]
    starts: list[int]
    ents: list[EntRow]


def fact_tables(doc: Doc) -> FactTables | None:
    """The Doc's :class:`FactTables`, if ``egov_finalize`` left them (and the tokens still fit)."""
    tables = doc.user_data.get(FACTS_KEY)
    if type(tables) is not FactTables or len(tables.text) != len(doc):
        return None
    return tables


def take_fact_tables(doc: Doc) -> FactTables | None:
    """:func:`fact_tables`, removed from the Doc (fact extraction is their last reader)."""
    tables = fact_tables(doc)
    doc.user_data.pop(FACTS_KEY, None)
    return tables




def select(cands: list[Candidate], n_tokens: int) -> list[Candidate]:
    """Greedy non-overlapping choice: higher priority first, then longer, then earlier."""
    taken = bytearray(n_tokens)  # 1 for the tokens of the candidates chosen so far
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.priority, -(c.end - c.start), c.start, c.label, c.canonical)):
        start, end = c.start, c.end
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(c)
    return sorted(chosen, key=_BY_START)


def _resolve_people(tokens: TokenTable, chosen: list[Candidate]) -> list[Candidate]:
    full = [c for c in chosen if c.label == "Person" and " " in c.canonical]
    by_surname: dict[str, set[str]] = {}
    for c in full:
        by_surname.setdefault(c.canonical.split()[-1], set()).add(c.canonical)
    if not by_surname:  # no full name: nothing below changes a candidate or adds one
        return sorted(chosen, key=_BY_START)
    out: list[Candidate] = []
    # a place-name match on a surname of a person in this document is that person ("Brandscheid")
    chosen = [c for c in chosen if not (c.priority <= PRIO_PLACE and c.end - c.start == 1
                                        and c.label != "Person" and c.canonical in by_surname)]
    for c in chosen:
        if c.label == "Person" and " " not in c.canonical and len(by_surname.get(c.canonical, ())) == 1:
            c = c._replace(canonical=next(iter(by_surname[c.canonical])))
        out.append(c)
    taken = {k for c in out for k in range(c.start, c.end)}
    for i in occurrences(tokens.text, by_surname):
        names = by_surname[tokens.text[i]]
        if len(names) == 1 and i not in taken:
            out.append(Candidate(i, i + 1, "Person", next(iter(names)), 0, "coref:surname"))
    return sorted(out, key=_BY_START)


def _settle_curated(tokens: TokenTable, cands: list[Candidate]) -> list[Candidate]:
    """The curated organisation-like names (gazetteer candidates) against the other candidates,
    in one pass over them:

    * a pattern's organisation-like name that a curated name of that kind contains and extends
      is a part of it ("Zweckverband Elektronische Verwaltung" inside "Zweckverband Elektronische
      Verwaltung in Mecklenburg-Vorpommern"): the pattern (``pattern:cue``) candidate is dropped;
    * one span matching curated names of several Länder ("Ministerium des Innern und für Sport":
      Hessen's former, Rhineland-Palatinate's current name) keeps those of a Land named in the
      document;
    * a curated body of one Land followed by "des Landes X" naming another Land is not that
      body ("Ministerium für Digitales ... des Landes Sachsen-Anhalt" is not Thuringia's); an
      ``authority-head`` name starting there ("... des Landes X") then outranks the Land inside it.
    """
    curated: list[Candidate] = []  # gazetteer candidates of an organisation-like type
    cue_names: list[Candidate] = []  # pattern:cue candidates of an organisation-like type
    states: set[str] = set()  # the Länder named in the document
    for c in cands:
        label = c.label
        if label in ORG_LIKE:
            kind = _extractor_kind(c.extractor)
            if kind is _CURATED:
                curated.append(c)
            elif kind is _CUE:
                cue_names.append(c)
        elif label == "State":
            states.add(c.canonical)
    if not curated:
        return cands
    # pattern names inside a longer curated name
    dropped = {id(c) for c in cue_names
               if any(g.start <= c.start and c.end <= g.end and g.end - g.start > c.end - c.start for g in curated)}
    # one span, curated names of several Länder: those of a Land the document names
    by_span: dict[tuple[int, int, str], set[str]] = {}
    for c in curated:
        by_span.setdefault((c.start, c.end, c.label), set()).add(c.canonical)
    other: set[tuple[int, int, str, str]] = set()
    for (start, end, label), names in by_span.items():
        if len(names) < 2:
            continue
        local = {n for n in names if any(e.state in states for e in gazetteer.lookup(n) if e.canonical == n)}
        if local:
            other |= {(start, end, label, n) for n in names - local}
    if other:
        dropped.update(id(c) for c in curated if (c.start, c.end, c.label, c.canonical) in other)
    # a curated body followed by "des Landes X" of another Land
    foreign: set[int] = set()  # start tokens of such bodies
    lower = tokens.lower
    for c in curated:
        end = c.end
        if end + 2 < tokens.n and lower[end] == "des" and lower[end + 1] in _LAND_WORDS and id(c) not in dropped:
            named = {e.canonical for e in gazetteer.lookup(tokens.text[end + 2]) if e.type == "State"}
            own = {e.state for e in gazetteer.lookup(c.canonical) if e.canonical == c.canonical}
            if named and own and not named & own:
                foreign.add(c.start)
    if foreign:
        dropped.update(id(c) for c in curated if c.start in foreign)
    if not dropped:  # (a foreign body is dropped too)
        return cands
    out = []
    for c in cands:
        if id(c) in dropped:
            continue
        if c.start in foreign and c.extractor == "pattern:authority-head":
            c = c._replace(priority=PRIO_CUE)
        out.append(c)
    return out


_LAND_WORDS = frozenset({"landes", "freistaates", "freistaats"})
_CURATED, _CUE, _OTHER = "curated", "cue", "other"


@lru_cache(maxsize=4096)
def _extractor_kind(extractor: str) -> str:
    """``_CURATED`` for a gazetteer extractor, ``_CUE`` for a ``pattern:cue`` one, else ``_OTHER``."""
    if extractor.startswith("gazetteer"):
        return _CURATED
    return _CUE if extractor.startswith("pattern:cue") else _OTHER


_NONE: frozenset[str] = frozenset()


def _resolve_prefixes(tokens: TokenTable, chosen: list[Candidate]) -> list[Candidate]:
    """"die Nachnutzungsoffensive" after "„Nachnutzungsoffensive Kommune“": a shorter name (its
    canonical form or its words in the text) that starts the longer one of the same kind in the
    document is the same entity."""
    names = {c.canonical for c in chosen if c.label in ORG_LIKE}
    # name -> the longer names it starts, followed by a space ("A B" -> {"A B C", "A B D E"})
    starts: dict[str, set[str]] = {}
    for name in names:
        pos = name.find(" ")
        while pos != -1:
            starts.setdefault(name[:pos], set()).add(name)
            pos = name.find(" ", pos + 1)
    if not starts:
        return list(chosen)
    out = []
    for c in chosen:
        if c.label in ORG_LIKE:
            longer = starts.get(c.canonical, _NONE) | starts.get(tokens.span_text(c.start, c.end), _NONE)
            if len(longer) - (c.canonical in longer) == 1:
                c = c._replace(canonical=next(iter(longer - {c.canonical})))
        out.append(c)
    return out


def _bare_abbreviations(tokens: TokenTable, chosen: list[Candidate]) -> list[Candidate]:
    """"die KID" after "KID Magdeburg": a bare abbreviation that starts exactly one organisation's
    name in the document is that organisation."""
    from egovkg.ingest.ner_gazetteer import is_abbreviation

    heads: dict[str, set[tuple[str, str]]] = {}
    for c in chosen:
        if c.label not in ORG_LIKE:
            continue
        for name in {c.canonical, tokens.span_text(c.start, c.end)}:
            words = name.split()
            if len(words) >= 2 and is_abbreviation(words[0]):
                heads.setdefault(words[0], set()).add((c.label, c.canonical))
    if not heads:
        return chosen
    taken = {k for c in chosen for k in range(c.start, c.end)}
    extra = []
    for i in occurrences(tokens.text, heads):
        owners = heads[tokens.text[i]]
        if len(owners) == 1 and i not in taken:
            label, canonical = next(iter(owners))
            extra.append(Candidate(i, i + 1, label, canonical, 0, "coref:abbreviation"))
    return sorted(chosen + extra, key=_BY_START)


def _write_ents(doc: Doc, chosen: list[Candidate]) -> None:
    """``doc.set_ents`` of a ``Span(doc, c.start, c.end, label=c.label, kb_id=c.canonical)`` per
    candidate (non-overlapping, in order), written as token attributes in one ``Doc.from_array``:
    a Span costs three spaCy ``Token`` objects for its character offsets, and ``set_ents`` checks
    overlaps in Python. As ``set_ents`` does, every other token becomes "O" (``ent_iob`` 2, no
    type) and keeps its ``ent_kb_id``; ``ent_id`` stays as it was.

    The three columns are built as bytes (8 per token, the machine's uint64): an entity fills
    its tokens with one slice assignment per column, and no token's value is a Python int."""
    n = len(doc)
    if not n:
        return
    add = doc.vocab.strings.add
    iob = _OUTSIDE * n
    types = bytearray(8 * n)
    # a Doc without any kb id (as the tokenizer makes it) needs no copy of the column
    kb_ids = bytearray(doc.to_array(ENT_KB_ID)) if doc.has_annotation(ENT_KB_ID) else bytearray(8 * n)
    hashes: dict[str, bytearray] = {}  # label or canonical name -> its string hash as 8 bytes
    for c in chosen:
        label = hashes.get(c.label)
        if label is None:
            label = hashes[c.label] = _uint64(add(c.label))
        if label == _NO_LABEL:
            continue  # set_ents ignores spans without a label
        kb = hashes.get(c.canonical)
        if kb is None:
            kb = hashes[c.canonical] = _uint64(add(c.canonical))
        start, end, length = 8 * c.start, 8 * c.end, c.end - c.start
        iob[start:end] = _BEGIN + _INSIDE * (length - 1)
        types[start:end] = label * length
        kb_ids[start:end] = kb * length
    values = numpy.frombuffer(iob + types + kb_ids, dtype=numpy.uint64).reshape(3, n)
    doc.from_array(_ENT_ATTRS, values.T)


_ENT_ATTRS = [ENT_IOB, ENT_TYPE, ENT_KB_ID]


def _uint64(value: int) -> bytearray:
    """``value`` as a uint64 in machine byte order (a bytearray: assigned to a slice of a
    bytearray without the copy a ``bytes`` value costs)."""
    return bytearray(value.to_bytes(8, sys.byteorder))


_BEGIN, _INSIDE, _OUTSIDE, _NO_LABEL = map(_uint64, (3, 1, 2, 0))


class Finalizer:
    """Writes the chosen entities to ``doc.ents``."""

    def __call__(self, doc: Doc) -> Doc:
        tokens = token_table(doc)
        cands = _settle_curated(tokens, candidates(doc))
        chosen = _resolve_people(tokens, _resolve_prefixes(tokens, [_curated(c) for c in select(cands, len(doc))]))
        chosen = _bare_abbreviations(tokens, resolve_generic(tokens, chosen))
        info, rows = {}, []
        starts, texts = tokens.starts, tokens.text
        for c in chosen:
            start, end = c.start, c.end
            last = texts[end - 1]
            start_char, end_char = starts[start], starts[end - 1] + len(last)  # tokens.end_char(end)
            info[(start_char, end_char)] = (c.extractor, c.external, c.ags, c.form)
            text = last if end - start == 1 else tokens.span_text(start, end)
            rows.append(_new_row(EntRow, (start, end, start_char, end_char, text, c.label, c.canonical,
                                          c.extractor, c.external, c.ags, c.form)))
        _write_ents(doc, chosen)
        doc.user_data[INFO_KEY] = info
        drop_token_table(doc)
        doc.user_data[FACTS_KEY] = FactTables(texts, tokens.lower, tokens.ws, starts, rows)
        return doc


@Language.factory("egov_finalize", assigns=["doc.ents"])
def make_finalize(nlp: Language, name: str) -> Finalizer:
    """Factory of the final entity chooser."""
    return Finalizer()
