"""Coordinated lists and clauses of the relation extractors' Doc index.

:class:`Coordination` is mixed into :class:`egovkg.ingest.rel_base.Context`: it finds list
members ("A, B sowie der Kreis C", "Anstalt für X (AfX), Y und Z") and cuts a sentence into
clauses at ";", ":" and at commas that do not join list members. It reads the token and
entity index that ``Context`` builds.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from egovkg.ingest.rel_config import built_once

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from egovkg.ingest.rel_base import Ent
    from egovkg.ingest.rel_config import RelConfig


class Coordination:
    """List coordination and clause boundaries over the index of :class:`Context`."""

    doc: Doc
    cfg: RelConfig
    ents: list[Ent]
    words: list[str]
    low: list[str]
    alpha: list[bool]
    cap: list[bool]
    lower_word: list[bool]
    tok_ent: list[int]
    tok_sent: list[int]
    determiners: frozenset[str]
    designators: frozenset[str]
    separators: frozenset[str]
    prepositions: frozenset[str]
    clause_breakers: frozenset[str]
    _clause_cuts: dict[int, list[int]]  # per sentence: see clause_of

    if TYPE_CHECKING:  # provided by Context
        def find(self, words: frozenset[str], *, outside_ents: bool = True) -> list[int]: ...
        def ent_at(self, tok: int) -> Ent | None: ...
        def is_word(self, tok: int) -> bool: ...
        def sent_range(self, si: int) -> tuple[int, int]: ...

    # --- coordination --------------------------------------------------------------------
    def is_list_gap(self, a: int, b: int) -> bool:
        """Tokens ``[a, b)`` join two list members: one separator plus articles/adjectives."""
        if b - a < 1 or b - a > 6:
            return False
        seps = 0
        for t in range(a, b):
            w = self.low[t]
            if w in self.separators or (w == "auch" and t > a and self.low[t - 1] == "als"):
                seps += 1  # "sowohl A als auch B"
            elif w == "als" and t + 1 < b and self.low[t + 1] == "auch":
                continue
            elif t == b - 1 and seps and w.endswith("er") and self.alpha[t] and self.cap[t]:
                continue  # a place adjective before the member: "sowie die Lindenauer KDVZ"
            elif w in self.determiners or w in self.designators or self.lower_word[t]:
                if w in self.prepositions:
                    return False
                continue
            else:
                return False
        return 1 <= seps <= 2

    def is_bracketed_state(self, e: Ent) -> bool:
        """Whether ``e`` is a Land in parentheses right after a place ("Kreis K (Brandenburg)"):
        the place's location, not a list member."""
        words = self.words
        if e.label != "State" or e.idx == 0 or e.start == 0 or e.end >= len(words):
            return False
        x = self.ents[e.idx - 1]
        return (words[e.start - 1] == "(" and words[e.end] == ")" and x.end == e.start - 1
                and x.label in ("Municipality", "District") and x.kb != e.kb)

    def _coordinated(self, x: Ent, y: Ent) -> bool:
        """Whether ``y`` follows ``x`` as the next list member or as its abbreviation in
        parentheses ("Anstalt für X (AfX), Y und Z")."""
        if self.tok_sent[x.start] != self.tok_sent[y.start]:
            return False
        words = self.words
        if y.start == x.end + 1 and words[x.end] == "(" and y.end < len(words) and words[y.end] == ")":
            return not self.is_bracketed_state(y)
        a = x.end
        if a < y.start and words[a] == ")" and x.start > 0 and words[x.start - 1] == "(":
            a += 1  # "(AfX), Y"
        return self.is_list_gap(a, y.start)

    def coord_forward(self, ent: Ent) -> list[Ent]:
        """``ent`` and the entities coordinated after it ("A, B und C")."""
        out = [ent]
        cur = ent
        while cur.idx + 1 < len(self.ents):
            nxt = self.ents[cur.idx + 1]
            if self._place_attachment(cur, nxt):
                cur = nxt  # "Komm.ONE aus Stuttgart sowie die Lecos": Stuttgart is no member
                continue
            if not self._coordinated(cur, nxt):
                break
            out.append(nxt)
            cur = nxt
        return out

    def _place_attachment(self, x: Ent, y: Ent) -> bool:
        """``y`` is the place of ``x`` right after it ("X aus Y", "X in Y") and a list goes on."""
        return (y.start == x.end + 1 and self.low[x.end] in ("aus", "in") and x.label not in ("Municipality", "District")
                and y.label in ("Municipality", "District", "State") and y.idx + 1 < len(self.ents)
                and self._coordinated(y, self.ents[y.idx + 1]))

    def coord_backward(self, ent: Ent) -> list[Ent]:
        """``ent`` and the entities coordinated before it, in text order."""
        out = [ent]
        cur = ent
        while cur.idx > 0:
            prv = self.ents[cur.idx - 1]
            if not self._coordinated(prv, cur):
                break
            out.insert(0, prv)
            cur = prv
        return out

    # --- clauses -------------------------------------------------------------------------
    def clause_of(self, tok: int) -> tuple[int, int]:
        """Token range of the clause around ``tok``: its sentence cut at ";", ":" and at
        commas that do not join list members (a cut at ``tok`` itself does not count)."""
        si = self.tok_sent[tok]
        a, b = self.sent_range(si)
        cuts = self._clause_cuts.get(si)
        if cuts is None:
            cuts = self._clause_cuts[si] = self._cuts(a, b)
        k = bisect_left(cuts, tok)
        lo = cuts[k - 1] + 1 if k else a
        if k < len(cuts) and cuts[k] == tok:
            k += 1
        return lo, (cuts[k] if k < len(cuts) else b)

    def _cuts(self, a: int, b: int) -> list[int]:
        """The clause boundaries of the sentence ``[a, b)``: tokens outside entities and
        parentheses that are clause breakers, commas that join no list members, or a legal form
        before a capitalised word ("... von der KID GmbH. Zu den ...": one missed sentence end)."""
        breakers = self.clause_breakers
        final = self._final_abbreviations()
        cuts = []
        depth = 0
        words = self.words
        marks = self.find(self._cut_words())  # the only tokens that open, close or cut
        for t in marks[bisect_left(marks, a):bisect_left(marks, b)]:
            w = words[t]
            if w == "(":
                depth += 1
            elif w == ")":
                depth = max(0, depth - 1)
            if depth:
                continue
            if w in breakers or (w == "," and not self._list_comma(t)) \
                    or (t + 1 < b and self.cap[t + 1] and self.low[t] in final):
                cuts.append(t)
        return cuts

    def _final_abbreviations(self) -> frozenset[str]:
        """Legal forms written with a full stop only at a sentence end ("GmbH.")."""
        return built_once(self.cfg, "sentence_final_forms",
                          lambda cfg: frozenset(cfg.triggers.get("sentence_final_forms", [])))

    def _cut_words(self) -> frozenset[str]:
        """Lower-case forms of the tokens ``_cuts`` looks at: parentheses, commas, clause
        breakers, legal forms ending a sentence."""
        return built_once(self.cfg, "cut_words", lambda cfg: frozenset(
            {"(", ")", ",", *(w.lower() for w in self.clause_breakers), *self._final_abbreviations()}))

    def _list_comma(self, t: int) -> bool:
        k = t - 1
        if k > 2 and self.words[k] == ")" and self.words[k - 2] == "(":
            k -= 3  # "Bundesministerium des Innern (BMI), der ..."
        prev = self.ent_at(k)
        j = t + 1
        n = len(self.words)
        if prev is None:  # "700 Städte, Gemeinden, Ämter und Landkreise": a list of plain nouns
            return 0 < k and j + 1 < n and all(self.cap[x] and self.alpha[x] and self.tok_ent[x] < 0 for x in (k, j)) \
                and self.words[j + 1] in (",", "und", "sowie", "oder")
        while j < n and j - t <= 5 and self.tok_ent[j] < 0:
            w = self.low[j]
            if w in self.determiners or w in self.designators or self.lower_word[j] or w in self.separators:
                j += 1
                continue
            return False
        return j < n and self.tok_ent[j] >= 0
