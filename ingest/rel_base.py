"""Shared Doc index of the relation extractors: entities, sentences, anaphora, evidence.

Every extractor module (``rel_roles``, ``rel_patterns``, ``rel_agents``, ``rel_funding``,
``rel_deps``) receives one :class:`Context` per Doc. It indexes the typed entities
(``doc.ents``: ``label_`` = ontology class, ``kb_id_`` = canonical name), maps tokens to
sentences and entities and resolves generic nouns ("die Kommune", "vom Land") to the entity
they stand for. Coordinated lists ("A, B sowie der Kreis C") and clauses come from
:class:`egovkg.ingest.rel_lists.Coordination`; the word lists all come from
``ontology/relations/*.json`` (:func:`egovkg.ingest.rel_config.load_config`).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

from spacy.tokens import Doc

from egovkg.ingest.rel_config import RelConfig
from egovkg.ingest.rel_lists import Coordination
from egovkg.model import Document, EntityKey, Evidence, Relation

QUOTES = frozenset({"„", "“", "”", '"', "»", "«", "‚", "‘", "'"})
MAX_SENT_TOKENS = 300
"""Longest stretch of tokens treated as one sentence (real ones have < 60; see Context)."""


@dataclass(frozen=True)
class Ent:
    """One typed entity mention of the Doc (token and character offsets)."""

    idx: int
    label: str
    kb: str
    start: int
    end: int
    start_char: int
    end_char: int
    text: str

    @property
    def key(self) -> EntityKey:
        return (self.label, self.kb)


class Context(Coordination):
    """Index of one Doc for the extractors."""

    def __init__(self, doc: Doc, document: Document, cfg: RelConfig) -> None:
        self.doc, self.document, self.cfg = doc, document, cfg
        self.text = doc.text  # Doc.text joins all tokens on every access: read it once
        self.ents: list[Ent] = [
            Ent(i, e.label_, e.kb_id_ or e.text, e.start, e.end, e.start_char, e.end_char, e.text)
            for i, e in enumerate(doc.ents)
        ]
        self._starts = [e.start for e in self.ents]  # doc.ents are sorted and disjoint
        self.tok_ent: list[int] = [-1] * len(doc)
        for e in self.ents:
            for t in range(e.start, e.end):
                self.tok_ent[t] = e.idx
        # whitespace-only "sentences" (blank lines) are no neighbours: skip them; a "sentence"
        # longer than MAX_SENT_TOKENS (a page without full stops) is cut into pieces, so the
        # per-sentence scans each sum of money and post makes stay linear in the Doc
        self.sents = [
            piece for s in doc.sents if s.text.strip()
            for piece in (doc[i:min(i + MAX_SENT_TOKENS, s.end)] for i in range(s.start, s.end, MAX_SENT_TOKENS))
            if piece.text.strip()
        ] if len(doc) else []
        self.tok_sent: list[int] = [0] * len(doc)
        for si, s in enumerate(self.sents):
            for t in range(s.start, s.end):
                self.tok_sent[t] = si
            nxt = self.sents[si + 1].start if si + 1 < len(self.sents) else len(doc)
            for t in range(s.end, nxt):
                self.tok_sent[t] = si
        self.low = [t.lower_ for t in doc]
        tr = cfg.triggers
        self.determiners = frozenset(tr["determiners"])
        self.designators = frozenset(tr["designators"])
        self.separators = frozenset(tr["separators"])
        self.prepositions = frozenset(tr["prepositions"])

    # --- tokens and entities -------------------------------------------------------------
    def ent_at(self, tok: int) -> Ent | None:
        """The entity covering token ``tok``."""
        if 0 <= tok < len(self.tok_ent) and self.tok_ent[tok] >= 0:
            return self.ents[self.tok_ent[tok]]
        return None

    def ents_in(self, a: int, b: int) -> list[Ent]:
        """Entities that start inside tokens ``[a, b)``."""
        return self.ents[bisect_left(self._starts, a):bisect_left(self._starts, b)]

    def sent_range(self, si: int) -> tuple[int, int]:
        s = self.sents[si]
        return s.start, s.end

    def is_word(self, tok: int) -> bool:
        """A lower-case word (article, adjective, adverb): may stand inside a noun phrase."""
        t = self.doc[tok]
        return t.is_alpha and t.text[:1].islower()

    def np_start(self, ent: Ent, limit: int = 5) -> int:
        """First token of the noun phrase of ``ent`` (articles, adjectives, "Stadt" before it)."""
        i = ent.start
        while i > 0 and self.tok_ent[i - 1] < 0 and self.low[i - 1] in QUOTES:
            i -= 1
        if i > 0 and self.tok_ent[i - 1] < 0 and self.anaphor_types(i - 1):
            i -= 1  # 'dem Förderprogramm „X“': the head noun belongs to the name
        start = i
        while i > 0 and start - i < limit and self.tok_ent[i - 1] < 0:
            w = self.low[i - 1]
            if w in self.prepositions or w in self.separators or not self.doc[i - 1].is_alpha:
                break
            if w in self.determiners:
                return i - 1  # an article opens the noun phrase
            if w in self.designators or self.is_word(i - 1):
                i -= 1
                continue
            break
        return i

    def is_genitive_attribute(self, ent: Ent) -> bool:
        """"der Vorschlag des Normenkontrollrats": an entity hanging off a noun in the genitive."""
        i = self.np_start(ent)
        if i == 0 or i >= len(self.doc) or self.low[i] not in ("des", "der"):
            return False
        prev = self.doc[i - 1]
        if prev.text == ")":  # "das Ministerium für X (MX) des Landes L": L hangs off the body
            k = i - 2
            while k > 0 and i - k < 8 and self.doc[k].text != "(":
                k -= 1
            owner = self.ent_at(k - 1) if self.doc[k].text == "(" else None
            return owner is not None and owner.label in ("Ministry", "PublicAuthority", "Organization")
        return prev.is_alpha and prev.text[:1].isupper() and self.tok_ent[i - 1] < 0

    def subject_anaphor(self, lo: int, hi: int, types: Iterable[str]) -> tuple[Ent, int] | None:
        """A generic noun with an article, not after a preposition ("Das Land hat ..."),
        resolved to the entity it stands for."""
        want = set(types)
        for t in range(lo + 1, hi):
            at = [x for x in self.anaphor_types(t) if x in want]
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
        i = self.np_start(ent)
        return self.low[i - 1] if i > 0 else ""

    # --- anaphora ------------------------------------------------------------------------
    def anaphor_types(self, tok: int) -> list[str]:
        """Entity types a generic noun at ``tok`` may stand for ("Kommune" -> Municipality)."""
        if self.tok_ent[tok] >= 0:
            return []
        t = self.doc[tok]
        if not t.is_alpha or not t.text[:1].isupper():
            return []
        w = self.low[tok]
        exact = set(self.cfg.triggers["anaphor_exact"])
        for pref, types in self.cfg.triggers["anaphors"].items():
            if pref in exact:
                if w in (pref, pref + "s", pref + "es"):
                    return list(types)
            elif w.startswith(pref):
                return list(types)
        return []

    @cached_property
    def mention_count(self) -> dict[EntityKey, int]:
        """How often each entity is mentioned in the Doc."""
        count: dict[EntityKey, int] = {}
        for e in self.ents:
            count[e.key] = count.get(e.key, 0) + 1
        return count

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
        sis = [self.tok_sent[t] for t in toks if 0 <= t < len(self.doc)]
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
