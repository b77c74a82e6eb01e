"""Shared Doc index of the relation extractors: entities, sentences, anaphora, evidence.

Every extractor module (``rel_roles``, ``rel_patterns``, ``rel_agents``, ``rel_funding``,
``rel_deps``) receives one :class:`Context` per Doc. It indexes the typed entities
(``doc.ents``: ``label_`` = ontology class, ``kb_id_`` = canonical name), maps tokens to
sentences and entities and resolves generic nouns ("die Kommune", "vom Land") to the entity
they stand for. Coordinated lists ("A, B sowie der Kreis C") and clauses come from
:class:`egovkg.ingest.rel_lists.Coordination`; the word lists all come from
``ontology/relations/*.json`` (:func:`egovkg.ingest.rel_config.load_config`).

Speed: the Doc is read once into plain per-token lists (``words``, ``low``, ``alpha``, ``cap``,
``lower_word``, ``space``, ``idx``, ``anaphora``; word properties memoised per word form in
:mod:`egovkg.ingest.rel_words`; texts, offsets and entities taken from the NER's tables,
``ner_finalize.FactTables``, when given), so the rules never create spaCy ``Token`` or ``Span`` objects;
cue words are looked up once per Doc (:meth:`Context.find`: all cue words any rule asked for
are intersected once with the Doc's words, each rule's set then only with that small share)
and each rule visits only the sentences that hold its cues (:meth:`Context.sentences_with`,
:func:`within`). Clause boundaries are found once per sentence (``clause_of``).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property
from itertools import compress, count, repeat
from typing import TYPE_CHECKING, Callable, Collection, Iterable, NamedTuple

from spacy.tokens import Doc

from egovkg.ingest.rel_config import RelConfig, memo, sentence_adverbs
from egovkg.ingest.rel_lists import Coordination
from egovkg.ingest.rel_words import (
    WordPositions, affix_tables, affixed, anaphor_nouns, cue_registry, token_columns, trigger_sets,
)
from egovkg.model import Document, EntityKey, Evidence, Relation

if TYPE_CHECKING:
    from egovkg.ingest.ner_finalize import FactTables

QUOTES = frozenset({"„", "“", "”", '"', "»", "«", "‚", "‘", "'"})
MAX_SENT_TOKENS = 300
"""Longest stretch of tokens treated as one sentence (real ones have < 60; see Context)."""


def within(toks: list[int], a: int, b: int) -> list[int]:
    """The tokens of the sorted list ``toks`` inside ``[a, b)``."""
    if not toks:
        return []
    return toks[bisect_left(toks, a):bisect_left(toks, b)]


class Sent(NamedTuple):
    """One sentence (or piece of a long one): token range and character offsets."""

    start: int
    end: int
    start_char: int
    end_char: int


class Ent(NamedTuple):
    """One typed entity mention of the Doc (token and character offsets); immutable. ``key``
    is ``(label, kb)``, made once (the rules compare keys all the time)."""

    idx: int
    label: str
    kb: str
    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    key: EntityKey


_tuple_new = tuple.__new__
"""Builds a Sent or Ent from a tuple of its fields, as ``NamedTuple._make`` does, without the
Python-level ``__new__`` frame a call of the class costs (a few per sentence and entity)."""


def _ent(idx: int, label: str, kb: str, start: int, end: int, start_char: int, end_char: int, text: str) -> Ent:
    return _tuple_new(Ent, (idx, label, kb, start, end, start_char, end_char, text, (label, kb)))


class Context(Coordination):
    """Index of one Doc for the extractors."""

    def __init__(self, doc: Doc, document: Document, cfg: RelConfig, tables: FactTables | None = None) -> None:
        """Index ``doc``. ``tables``: what ``egov_finalize`` left of it (the NER's token lists
        and entity rows, :func:`egovkg.ingest.ner_finalize.take_fact_tables`), read instead of
        the Doc's token attributes and ``doc.ents``."""
        self.doc, self.document, self.cfg = doc, document, cfg
        n = len(doc)
        # per-token tables, read once: the rules never create spaCy Token objects
        cols = token_columns(doc, tables)
        self.words, self.low, self.space, self.idx = cols.words, cols.low, cols.space, cols.idx
        self.alpha: list[bool] = cols.alpha
        self.cap: list[bool] = cols.cap  # first letter upper-case
        self.lower_word: list[bool] = cols.lower_word  # see is_word
        self.text = text = cols.text  # Doc.text
        if tables is not None:
            self.ents: list[Ent] = [_ent(i, e.label, e.kb or e.text, e.start, e.end, e.start_char, e.end_char, e.text)
                                    for i, e in enumerate(tables.ents)]
        else:
            self.ents = [
                _ent(i, e.label_, e.kb_id_ or text[e.start_char:e.end_char], e.start, e.end, e.start_char,
                    e.end_char, text[e.start_char:e.end_char])
                for i, e in enumerate(doc.ents)
            ]
        self._starts = [e.start for e in self.ents]  # doc.ents are sorted and disjoint
        self.tok_ent: list[int] = [-1] * n
        for e in self.ents:
            self.tok_ent[e.start:e.end] = [e.idx] * (e.end - e.start)
        # whitespace-only "sentences" (blank lines) are no neighbours: skip them; a "sentence"
        # longer than MAX_SENT_TOKENS (a page without full stops) is cut into pieces, so the
        # per-sentence scans each sum of money and post makes stay linear in the Doc
        self.sents: list[Sent] = []
        sents, idx, words = self.sents, self.idx, self.words
        for a, b in self._sentence_bounds(cols.sent_start):
            if b - a <= MAX_SENT_TOKENS:  # one piece (nearly always): kept unless whitespace only
                if words[a].strip() or "".join(words[a:b]).strip():
                    sents.append(_tuple_new(Sent, (a, b, idx[a], idx[b - 1] + len(words[b - 1]))))
                continue
            if not words[a].strip() and not "".join(words[a:b]).strip():  # whitespace only
                continue
            for i in range(a, b, MAX_SENT_TOKENS):
                j = min(i + MAX_SENT_TOKENS, b)
                if words[i].strip() or "".join(words[i:j]).strip():
                    sents.append(_tuple_new(Sent, (i, j, idx[i], idx[j - 1] + len(words[j - 1]))))
        # each token's sentence: the latest one starting at or before it (0 before the first)
        self.tok_sent: list[int] = [0] * sents[0].start if sents else [0] * n
        for si, (a, b) in enumerate(zip([s.start for s in sents], [*(s.start for s in sents[1:]), n])):
            self.tok_sent += repeat(si, b - a)
        (self.determiners, self.designators, self.separators, self.prepositions,
         self.clause_breakers) = trigger_sets(cfg)
        # entity types each generic noun may stand for ("Kommune" -> Municipality), () elsewhere
        # (only capitalised words outside entities); ``generic_nouns`` lists the tokens that have some
        low = self.low
        self._words = set(low)
        self.anaphora: list[tuple[str, ...]] = [()] * n
        self.generic_nouns: list[int] = []
        known = memo(cfg, "anaphor_types")
        nouns = anaphor_nouns(cfg, self._words)
        self._cue_sets = cue_registry(cfg)
        self._cues: set[str] = self._cues_registered()
        # lower-case form -> its tokens, made in one pass for the words the rules will likely
        # ask for (generic nouns, cue words); others are found when first asked for
        self._by_low = WordPositions(low)
        wanted = nouns | self._cues
        get = self._by_low.get
        for t in compress(count(), map(wanted.__contains__, low)):
            w = low[t]
            toks = get(w)
            if toks is None:
                self._by_low[w] = [t]
            else:
                toks.append(t)
        for w in nouns:
            kinds = known[w]
            for t in self._by_low[w]:
                if self.alpha[t] and self.cap[t] and self.tok_ent[t] < 0:
                    self.anaphora[t] = kinds
                    self.generic_nouns.append(t)
        self.generic_nouns.sort()
        self._governing: dict[int, str] = {}
        self._clause_cuts: dict[int, list[int]] = {}
        self._found: dict[frozenset[str], list[int]] = {}  # find(words): outside entities
        self._found_all: dict[frozenset[str], list[int]] = {}  # find(words, outside_ents=False)
        self._affixes_tested = False  # find_affixed: the Doc's words tested by every affix test

    def _sentence_bounds(self, sent_start: bytes) -> list[tuple[int, int]]:
        """Token ranges of ``doc.sents``, read from the SENT_START column (1 opens a sentence;
        ``Doc.has_annotation("SENT_START")`` is: any token but the first has a value)."""
        doc, n = self.doc, len(self.doc)
        if not n:
            return []
        if "sents" in doc.user_hooks or not (n == 1 or sent_start.count(0, 1) < n - 1):
            return [(s.start, s.end) for s in doc.sents]  # a custom hook, or the error Doc.sents raises
        starts = [0]
        k = sent_start.find(1, 1)
        while k >= 0:  # bytes.find scans in C: tokens opening a sentence are few
            starts.append(k)
            k = sent_start.find(1, k + 1)
        return list(zip(starts, [*starts[1:], n]))

    # --- tokens and entities -------------------------------------------------------------
    def ent_at(self, tok: int) -> Ent | None:
        """The entity covering token ``tok``."""
        if 0 <= tok < len(self.tok_ent) and self.tok_ent[tok] >= 0:
            return self.ents[self.tok_ent[tok]]
        return None

    def ents_in(self, a: int, b: int) -> list[Ent]:
        """Entities that start inside tokens ``[a, b)``."""
        return self.ents[bisect_left(self._starts, a):bisect_left(self._starts, b)]

    def find(self, words: frozenset[str], *, outside_ents: bool = True) -> list[int]:
        """Tokens (outside entities unless ``outside_ents`` is False) whose lower-case form is
        in ``words``, in Doc order: the rules look up their cue words here and take each
        sentence's share with ``within``. The list is shared: do not modify it."""
        found = self._found if outside_ents else self._found_all
        hits = found.get(words)
        if hits is None:
            sets, union = self._cue_sets
            if words not in sets:  # cue words never asked for under this configuration
                sets.add(words)
                union.update(words)
            cues = self._cues if self._cues_seen == len(sets) else self._cue_words()
            present = cues.intersection(words) if cues else ()
            hits = found[words] = self._tokens_of(present, outside_ents) if present else []
        return hits

    def _cue_words(self) -> set[str]:
        """The Doc's words that are cue words of any rule: each ``find`` intersects its cue words
        with this small set instead of with all words of the Doc (computed anew when new cue
        words have been registered since)."""
        if self._cues_seen != len(self._cue_sets[0]):
            self._cues = self._cues_registered()
        return self._cues

    def _cues_registered(self) -> set[str]:
        """The Doc's words among all cue words registered so far (and their count noted)."""
        sets, union = self._cue_sets
        self._cues_seen = len(sets)
        return union.intersection(self._words)

    def find_where(self, name: str, test: Callable[[str], bool]) -> list[int]:
        """Tokens outside entities whose lower-case form passes ``test``, in Doc order.

        Args:
            name: Names ``test`` in the per-configuration memo (each word form is tested once).
            test: A pure function of the lower-case word under this configuration.
        """
        table = memo(self.cfg, "find_where")
        known = table.get(name)
        if known is None:
            known = table[name] = (set(), set())
        passed, tested = known
        # (set.difference walks the smaller side: the Doc's words, not all words ever tested)
        for w in self._words.difference(tested):  # words not tested yet
            tested.add(w)
            if test(w):
                passed.add(w)
        hits = passed.intersection(self._words)
        return self._tokens_of(hits, True) if hits else []

    def find_affixed(self, prefixes: tuple[str, ...] = (), suffixes: tuple[str, ...] = (),
                     words: frozenset[str] = frozenset()) -> list[int]:
        """Tokens outside entities whose lower-case form begins with one of ``prefixes``, ends
        with one of ``suffixes`` or is one of ``words``, in Doc order: :meth:`find_where` for
        these tests, each word form tested in C (``str.startswith`` mapped over the words), not
        by a Python function per word.

        All affix tests of the configuration share one set of the word forms they have all
        tested (:func:`egovkg.ingest.rel_words.affix_tables`): a Doc's new words are found with
        one set difference and tested by every test at once, on its first call."""
        tested, tables = affix_tables(self.cfg)
        key = (prefixes, suffixes)
        passed = tables.get(key)
        if passed is None:  # a test not seen before: it tests every word the others have
            passed = tables[key] = affixed(list(tested), prefixes, suffixes)
        if not self._affixes_tested:
            self._affixes_tested = True
            new = list(self._words.difference(tested))
            if new:
                tested.update(new)
                for (pre, suf), found in tables.items():
                    found.update(affixed(new, pre, suf))
        hits = passed.intersection(self._words)
        if words:
            hits.update(words.intersection(self._words))
        return self._tokens_of(hits, True) if hits else []

    def _tokens_of(self, words: Collection[str], outside_ents: bool) -> list[int]:
        by_low, tok_ent = self._by_low, self.tok_ent
        if outside_ents:
            toks = [t for w in words for t in by_low[w] if tok_ent[t] < 0]
        else:
            toks = [t for w in words for t in by_low[w]]
        if len(words) > 1:  # each word's tokens are in Doc order already
            toks.sort()
        return toks

    def sentences_with(self, *toks: list[int]) -> list[int]:
        """Indices of the sentences around the tokens of ``toks``, ascending: the only ones a
        rule that needs one of these tokens has to visit."""
        tok_sent = self.tok_sent
        return sorted({tok_sent[t] for ts in toks for t in ts})

    def sent_range(self, si: int) -> tuple[int, int]:
        s = self.sents[si]
        return s.start, s.end

    def is_word(self, tok: int) -> bool:
        """A lower-case word (article, adjective, adverb): may stand inside a noun phrase."""
        return self.lower_word[tok]

    def np_start(self, ent: Ent, limit: int = 5) -> int:
        """First token of the noun phrase of ``ent`` (articles, adjectives, "Stadt" before it)."""
        i = ent.start
        while i > 0 and self.tok_ent[i - 1] < 0 and self.low[i - 1] in QUOTES:
            i -= 1
        if i > 0 and self.tok_ent[i - 1] < 0 and self.anaphora[i - 1]:
            i -= 1  # 'dem Förderprogramm „X“': the head noun belongs to the name
        start = i
        while i > 0 and start - i < limit and self.tok_ent[i - 1] < 0:
            w = self.low[i - 1]
            if w in self.prepositions or w in self.separators or not self.alpha[i - 1]:
                break
            if w in self.determiners:
                return i - 1  # an article opens the noun phrase
            if w in self.designators or self.lower_word[i - 1]:
                i -= 1
                continue
            break
        return i

    def is_genitive_attribute(self, ent: Ent) -> bool:
        """"der Vorschlag des Normenkontrollrats": an entity hanging off a noun in the genitive."""
        i = self.np_start(ent)
        if i == 0 or i >= len(self.words) or self.low[i] not in ("des", "der"):
            return False
        if self.words[i - 1] == ")":  # "das Ministerium für X (MX) des Landes L": L hangs off the body
            k = i - 2
            while k > 0 and i - k < 8 and self.words[k] != "(":
                k -= 1
            owner = self.ent_at(k - 1) if self.words[k] == "(" else None
            return owner is not None and owner.label in ("Ministry", "PublicAuthority", "Organization")
        return self.alpha[i - 1] and self.cap[i - 1] and self.tok_ent[i - 1] < 0 \
            and self.low[i - 1] not in sentence_adverbs(self.cfg)  # "Auch der Verband": no head noun

    def subject_anaphor(self, lo: int, hi: int, types: Iterable[str]) -> tuple[Ent, int] | None:
        """A generic noun with an article, not after a preposition ("Das Land hat ..."),
        resolved to the entity it stands for."""
        want = set(types)
        for t in within(self.generic_nouns, lo + 1, hi):  # the tokens with anaphor types
            at = [x for x in self.anaphora[t] if x in want]
            if not at or self.low[t - 1] not in self.determiners or self.low[t - 1] in ("des", "dem"):
                continue
            if t - 2 >= lo and self.low[t - 2] in self.prepositions:
                continue
            e = self.resolve_anaphor(t, at)
            if e is not None:
                return e, t
        return None

    def governing_word(self, ent: Ent) -> str:
        """The lower-case token before the entity's noun phrase (a preposition, a comma ...)."""
        word = self._governing.get(ent.idx)
        if word is None:
            i = self.np_start(ent)
            word = self._governing[ent.idx] = self.low[i - 1] if i > 0 else ""
        return word

    # --- anaphora ------------------------------------------------------------------------
    def anaphor_types(self, tok: int) -> list[str]:
        """Entity types a generic noun at ``tok`` may stand for ("Kommune" -> Municipality)."""
        return list(self.anaphora[tok])

    @cached_property
    def mention_count(self) -> dict[EntityKey, int]:
        """How often each entity is mentioned in the Doc."""
        count: dict[EntityKey, int] = {}
        for e in self.ents:
            count[e.key] = count.get(e.key, 0) + 1
        return count

    @cached_property
    def first_named(self) -> dict[str, Ent]:
        """The first mention whose surface or canonical name is the key."""
        names: dict[str, Ent] = {}
        for e in self.ents:
            names.setdefault(e.text, e)
            names.setdefault(e.kb, e)
        return names

    @cached_property
    def by_label(self) -> dict[str, tuple[list[Ent], list[int], list[int], set[EntityKey]]]:
        """Mentions of each type in Doc order, their start and end tokens and distinct keys
        (for bisect: lookups per anaphor or post must not scan every mention of a long Doc)."""
        groups: dict[str, list[Ent]] = {}
        for e in self.ents:
            groups.setdefault(e.label, []).append(e)
        return {lab: (es, [e.start for e in es], [e.end for e in es], {e.key for e in es})
                for lab, es in groups.items()}

    def nearest(self, tok: int, a: int, b: int, types: Iterable[str]) -> Ent | None:
        """The mention of ``types`` starting in tokens ``[a, b)`` whose start is closest to
        ``tok`` (ties: the earlier one)."""
        best: Ent | None = None
        for label in set(types):
            es, starts, _, _ = self.by_label.get(label, ([], [], [], set()))
            k = bisect_left(starts, tok)
            for e in (es[k - 1] if k > 0 else None, es[k] if k < len(es) else None):
                if e is not None and a <= e.start < b and (
                        best is None or (abs(e.start - tok), e.idx) < (abs(best.start - tok), best.idx)):
                    best = e
        return best

    def resolve_anaphor(self, tok: int, types: Iterable[str]) -> Ent | None:
        """The entity a generic noun stands for: among the preceding mentions of ``types``
        within ``anaphor_window`` sentences the most mentioned one in the Doc (ties: the
        latest), else the only such entity of the Doc."""
        window = int(self.cfg.triggers.get("anaphor_window", 3))
        si = self.tok_sent[tok]
        near: list[Ent] = []
        last: Ent | None = None  # the latest mention of ``types`` ending before ``tok``
        first: Ent | None = None
        keys: set[EntityKey] = set()
        for label in set(types):
            es, _, ends, label_keys = self.by_label.get(label, ([], [], [], set()))
            if not es:
                continue
            keys |= label_keys
            first = es[0] if first is None or es[0].idx < first.idx else first
            k = bisect_right(ends, tok)  # es[:k] end at or before tok
            if k and (last is None or es[k - 1].idx > last.idx):
                last = es[k - 1]
            while k and si - self.tok_sent[es[k - 1].start] <= window:
                near.append(es[k - 1])
                k -= 1
        if near:
            near.sort(key=lambda e: e.idx)
            # the most talked-about candidate of the window (the article's topic), then the latest
            count = self.mention_count
            placed = {"in", "im", "aus", "nach", "bei", "beim", "mit"}
            return max(reversed(near), key=lambda e: (count[e.key], self.governing_word(e) not in placed))
        if len(keys) == 1:
            return last if last is not None else first
        return None

    # --- evidence ------------------------------------------------------------------------
    def evidence(self, toks: Iterable[int], extractor: str, confidence: float,
                 role: str | None = None) -> Evidence:
        """Evidence spanning the sentences of all tokens ``toks`` (one sentence, usually)."""
        n = len(self.tok_sent)
        sis = [self.tok_sent[t] for t in toks if 0 <= t < n]
        lo, hi = (min(sis), max(sis)) if sis else (0, len(self.sents) - 1)
        start = self.sents[lo].start_char
        end = self.sents[hi].end_char
        text = self.text
        while end > start and text[end - 1].isspace():
            end -= 1
        return Evidence(self.document.doc_id, text[start:end], start, end, extractor,
                        confidence, role, self.document.date)

    def relation(self, s: Ent, predicate: str, o: Ent, extractor: str, confidence: float,
                 role: str | None = None, extra: Iterable[int] = ()) -> Relation:
        """A Relation between two mentions, its Evidence spanning both."""
        ev = self.evidence([s.start, s.end - 1, o.start, o.end - 1, *extra], extractor, confidence, role)
        return Relation(s.key, predicate, o.key, ev)
