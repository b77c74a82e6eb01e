"""Money -> ``egov:Funding`` with funder, recipient and programme.

Sums come from ``egovkg.ingest.money.find_amounts`` (German digits, number words, scale
words, "bis zu", "jeweils", vague sizes). A sum is a Funding when its sentence speaks of
granting, paying or budgeting (``ontology/relations/funding.json``); parties are read from
the sentence and, when it refers back ("Damit ist eine Förderung von ... verbunden", "Dieser
sieht ... vor") or lacks them, from the sentence before:

* funder: the owner of the pot after "aus" ("aus dem Budget des IT-Rats"), else the entity
  after "vom / von der / durch" ("vom Land" -> the Doc's state) unless it is the agent of
  another passive verb ("das von der Agentur verwaltet wird"), else the subject of a giving
  verb ("Der Landkreis stellt ... bereit", "Zusätzlich beteiligt sich das Land mit ..."), else
  the only ministry/state/federation/body of the sentence that is not just a source ("laut
  dem Ministerium", "nach Angaben der Stadt");
* recipient: the municipality, district, region or body the money goes to, not one that only
  hangs off a noun in the genitive ("alle Gemeinden des Kreises"); with "jeweils" every member
  of the coordinated list gets its own Funding; with several sums in one sentence each sum
  goes to those named between the sum before it and itself;
* programme: the programme named there (or referred to as "das Projekt"), also after the sum
  ("an dem Vorhaben") or in the two sentences before it in the same paragraph.

A partner's own contribution ("aus eigenen Mitteln", "Eigenanteil") is paid by the partner
named in its sentence and received by no one; a need or a demand ("Investitionsbedarf",
"fordert") takes no party from the sentences before it.

A sum with no party at all is dropped: it cannot be tied to any flow of money.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Sequence

from egovkg.ingest.rel_base import Context, Ent, within
from egovkg.ingest.rel_config import allowed_types
from egovkg.ingest.rel_funding_roles import (PAYER_TYPES, agent_of_other_verb, giving_object, giving_subject,
                                             own_line, pot_owner, programme_in, same_paragraph)
from egovkg.ingest.rel_patterns import _programme_before
from egovkg.model import Amount, Funding

FUNDER_ANAPHOR_TYPES = ("State", "Country")


def amounts_in(text: str) -> list[Amount]:
    """The sums of money in ``text`` (none when the money stage is not installed)."""
    try:
        from egovkg.ingest.money import find_amounts
    except ImportError:  # the money stage is optional for relation extraction
        return []
    return list(find_amounts(text))


def _token_range(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    """Tokens ``[a, b)`` touching characters ``[start, end)``, as
    ``doc.char_span(start, end, alignment_mode="expand")`` gives them (None: no tokens), read
    from the Context's offset table instead of spaCy objects."""
    idx, words, space = ctx.idx, ctx.words, ctx.space

    def token_at(c: int) -> int:  # the token whose text or trailing space holds character c
        t = bisect_right(idx, c) - 1
        return t if t >= 0 and c < idx[t] + len(words[t]) + len(space[t]) else -1

    a, b = token_at(start), token_at(end - 1)
    if a < 0 or b < 0:
        return None
    if start == idx[a] + len(words[a]):  # on the space after a token: the next one starts the span
        a += 1
    return (a, b + 1) if a < b + 1 else None


class _Parties:
    def __init__(self) -> None:
        self.funder: Ent | None = None
        self.recipients: list[Ent] = []
        self.programme: Ent | None = None
        self.toks: list[int] = []


class FundingExtractor:
    """Ties every sum of money of a Doc to its parties."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        f = ctx.cfg.funding
        self.cues = tuple(f["cues"])
        self.not_funding = tuple(f["not_funding"])
        self.openers = tuple(f["anaphoric_openers"])
        self.sources = frozenset(f["source_markers"])
        self.funder_preps = frozenset(f["funder_prepositions"]) - {"aus"}
        self.back_refs = tuple(f.get("back_references", []))
        self.count_words = f.get("count_words", {})
        self.plural_nouns = f.get("plural_nouns", {})
        self.giving_verbs: dict[str, list[str]] = f.get("giving_verbs", {})
        self.pots = tuple(f.get("pot_nouns", []))
        self.auxiliaries = tuple(f.get("passive_auxiliaries", []))
        self.own_money = tuple(f.get("own_contribution", []))
        self.needs = tuple(f.get("need_words", []))
        self.context_sentences = int(f.get("programme_context_sentences", 2))
        self._segment: dict[int, tuple[int, int]] = {}
        dom = ctx.cfg.domain["funding"]
        self.funder_types = allowed_types(ctx.cfg, dom["funder"])
        self.recipient_types = allowed_types(ctx.cfg, dom["recipient"])

    def run(self, amounts: Sequence[Amount]) -> list[Funding]:
        self._segments(amounts)
        out: list[Funding] = []
        for amt in amounts:
            out += self._one(amt)
        return out

    def _segments(self, amounts: Sequence[Amount]) -> None:
        """Several sums in one sentence ("A erhält 750.000 Euro, B und C je 500.000 Euro"): each
        goes to the recipients named between the sum before it (or the sentence start) and itself."""
        ctx = self.ctx
        by_sent: dict[int, list[tuple[int, int, int]]] = {}
        for amt in amounts:
            tokens = _token_range(ctx, amt.start, amt.end)
            if tokens is not None:
                by_sent.setdefault(ctx.tok_sent[tokens[0]], []).append((amt.start, *tokens))
        for si, sums in by_sent.items():
            if len(sums) < 2:
                continue
            lo = ctx.sent_range(si)[0]
            for start, a, b in sorted(sums, key=lambda x: x[1]):
                self._segment[start] = (lo, a)
                lo = b

    # ------------------------------------------------------------------------------------
    def _words(self, si: int) -> list[str]:
        a, b = self.ctx.sent_range(si)
        return [self.ctx.low[t] for t in range(a, b)]

    def _has_cue(self, si: int) -> bool:
        text = " ".join(self._words(si))
        return any(c in text for c in self.cues)

    def _one(self, amt: Amount) -> list[Funding]:
        ctx = self.ctx
        if amt.value is None and amt.min_value is None and amt.max_value is None:
            return []
        tokens = _token_range(ctx, amt.start, amt.end)
        if tokens is None:
            return []
        tok, end = tokens
        si = ctx.tok_sent[tok]
        after = " ".join(ctx.low[end: end + 2])
        if after.startswith(self.not_funding):
            return []
        words = self._words(si)
        first = " ".join(words[:3])
        refers_back = si > 0 and first.startswith(self.openers)
        if not self._has_cue(si) and not (refers_back and self._has_cue(si - 1)):
            return []
        text = " " + " ".join(words) + " "
        back_ref = si > 0 and any(f" {r} " in text for r in self.back_refs)
        own = any(m in text for m in self.own_money)
        need = any(w in text for w in self.needs)
        here = self._own_parties(si, tok) if own else self._parties(si, tok, amt)
        line = own_line(ctx, si)  # a headline or a teaser line stands alone: nothing from before
        if not here.recipients and not own:  # "erhalten die drei neuen Verbandsgemeinden jeweils ..."
            here.recipients = self._counted_group(si, tok)
        if own or need or line:
            # a partner's own contribution: nobody else pays it, nobody receives it; a need or a
            # demand ("Investitionsbedarf von ...") is no flow of money to borrow parties for
            pass
        elif si > 0 and (refers_back or back_ref
                       or (here.funder is None and not here.recipients and here.programme is None)):
            prev = self._parties(si - 1, None, amt)
            here.funder = here.funder or prev.funder
            here.programme = here.programme or prev.programme
            if not here.recipients:
                here.recipients = prev.recipients
            here.toks += prev.toks
        elif si > 0 and here.programme is None:
            # a sentence that does not refer back borrows only the programme it is about
            prev = self._parties(si - 1, None, amt, strict=True)
            if here.programme is None and prev.programme is not None:
                here.programme = prev.programme
                here.toks.append(prev.programme.start)
        if here.programme is None and not line:
            a, _ = ctx.sent_range(si)
            # "dafür" / "davon": the programme may be named generically in the sentence before
            lo = ctx.sent_range(si - 1)[0] if si > 0 and (refers_back or back_ref) else a
            for t in [*within(ctx.generic_nouns, a, tok), *within(ctx.generic_nouns, lo, a)]:
                if "Programme" in ctx.anaphora[t]:
                    here.programme = _programme_before(ctx, t, ctx.sent_range(ctx.tok_sent[t])[0])
                    if here.programme is not None:
                        here.toks.append(here.programme.start)
                    break
        if here.programme is None and not need:
            self._programme_from_context(here, si, end, line)
        recips: list[Ent | None] = list(here.recipients) if amt.each else (
            here.recipients[:1] if len({r.key for r in here.recipients}) == 1 else [None])
        if not recips:
            recips = [None]
        if here.funder is None and here.programme is None and recips == [None]:
            return []
        out = []
        seen = set()
        for r in recips:
            if r is not None and (r.key in seen or (here.funder is not None and r.key == here.funder.key)):
                continue
            seen.add(r.key if r is not None else None)
            toks = [tok, *here.toks] + ([r.start] if r is not None else [])
            ev = ctx.evidence(toks, "pattern:funding", 0.75 if here.funder else 0.6)
            out.append(Funding(amt, ev, here.funder.key if here.funder else None,
                               r.key if r is not None else None,
                               here.programme.key if here.programme else None))
        return out

    def _programme_from_context(self, here: _Parties, si: int, end: int, line: bool = False) -> None:
        """The programme a sum belongs to, named after it in its sentence ("mit 200.000 Euro an dem
        Vorhaben") or in one of the sentences before it in the same paragraph; in a headline or
        teaser line (``line``) only one named in the line itself."""
        ctx = self.ctx
        lo = ctx.sent_range(si)[0]

        def resolve(t: int) -> Ent | None:
            prog = _programme_before(ctx, t, ctx.sent_range(ctx.tok_sent[t])[0])
            return None if line and prog is not None and prog.start < lo else prog

        found = programme_in(ctx, end, ctx.sent_range(si)[1], resolve)
        k = si - 1
        while found is None and not line and k >= 0 and si - k <= self.context_sentences \
                and same_paragraph(ctx, si, k):
            found = programme_in(ctx, *ctx.sent_range(k), resolve)
            k -= 1
        if found is not None:
            here.programme = found[0]
            here.toks.append(found[1])

    def _own_parties(self, si: int, tok: int) -> _Parties:
        """A partner's own contribution ("bringen die Partner aus eigenen Mitteln auf"): the
        only named area or body of the sentence pays it, no one receives it."""
        ctx = self.ctx
        a, b = ctx.sent_range(si)
        res = _Parties()
        ents = ctx.ents_in(a, b)
        payers = {e.key: e for e in ents if e.label in PAYER_TYPES and ctx.governing_word(e) not in ctx.prepositions}
        if len(payers) == 1:
            res.funder = next(iter(payers.values()))
            res.toks.append(res.funder.start)
        progs = {e.key: e for e in ents if e.label == "Programme"}
        if len(progs) == 1:
            res.programme = next(iter(progs.values()))
            res.toks.append(res.programme.start)
        return res

    def _counted_group(self, si: int, tok: int, window: int = 8) -> list[Ent]:
        """"die drei neuen Verbandsgemeinden", "die beiden Pilotkommunen" before the sum: the
        latest earlier sentence naming exactly that many entities of the noun's types."""
        ctx = self.ctx
        a, _ = ctx.sent_range(si)
        for t in range(a, tok - 1):
            n = self.count_words.get(ctx.low[t])
            if n is None or t == a or ctx.low[t - 1] not in ctx.determiners:
                continue
            j = t + 1
            while j < tok and ctx.is_word(j):
                j += 1  # "neuen"
            types = next((ty for suf, ty in self.plural_nouns.items() if ctx.low[j].endswith(suf)), None)
            if types is None or ctx.tok_ent[j] >= 0:
                continue
            for k in range(si - 1, max(-1, si - 1 - window), -1):
                ka, kb = ctx.sent_range(k)
                found: dict = {}
                for e in ctx.ents_in(ka, kb):
                    dateline = e.start == ka and e.end + 1 < kb and ctx.words[e.end] == "," \
                        and ctx.doc[e.end + 1].like_num
                    if e.start >= 2 and ctx.words[e.start - 1] == "/" and ctx.tok_ent[e.start - 2] >= 0:
                        continue  # "Boizenburg/Elbe": the part after the slash belongs to the name before it
                    if e.label in types and not dateline and ctx.governing_word(e) not in (
                            "in", "im", "aus", "nach", "bei", "beim", "von", "vom", "laut"):
                        found.setdefault(e.key, e)
                if len(found) == n:
                    return list(found.values())
                if len(found) > n:
                    return []
            return []
        return []

    def _parties(self, si: int, tok: int | None, amt: Amount, strict: bool = False) -> _Parties:
        """Parties named in sentence ``si`` (``tok``: the sum's token, or None)."""
        ctx = self.ctx
        a, b = ctx.sent_range(si)
        res = _Parties()
        ents = ctx.ents_in(a, b)
        progs = [e for e in ents if e.label == "Programme"]
        if progs and len({p.key for p in progs}) == 1 or (progs and not strict):
            res.programme = progs[0] if tok is None else min(progs, key=lambda e: abs(e.start - tok))
            res.toks.append(res.programme.start)
        res.funder = self._funder(a, b, ents, strict, b if tok is None else tok)
        if res.funder is not None:
            res.toks.append(res.funder.start)
        recips = []
        for e in ents:
            if e.label not in self.recipient_types or (res.funder and e.key == res.funder.key):
                continue
            gov = ctx.governing_word(e)
            if gov in self.sources or gov in ("in", "im", "aus", "bei", "beim", "von", "vom", "durch", "nach",
                                              "zwischen", "laut"):
                continue
            if ctx.is_genitive_attribute(e):  # "alle Gemeinden des Kreises": not the one who gets it
                continue
            if e.start == a and e.end + 1 < b and ctx.words[e.end] == "," and ctx.words[e.end + 1][:1].isdigit():
                continue  # the dateline "Hannover, 3. Juni 2024 –" names where, not who
            if e.start >= 2 and ctx.words[e.start - 1] == "(" and ctx.tok_ent[e.start - 2] >= 0:
                continue  # "von der Agentur (AG)": the short form shares the role of the name before it
            recips.append(e)
        if not recips and tok is not None:  # "Das Land fördert den Verband mit ...": the object
            obj = giving_object(ctx, a, b, tok, self.giving_verbs, self.recipient_types, res.funder)
            if obj is not None:
                recips = [obj]
        seg = self._segment.get(amt.start) if tok is not None else None
        if seg is not None:
            mine = [e for e in recips if seg[0] <= e.start < seg[1]]
            generic = None if mine else self._generic_recipient(*seg)
            recips = mine or ([generic] if generic is not None else recips)
        if recips and amt.each:
            group = ctx.coord_forward(recips[0])
            recips = group if len(group) > 1 else recips
        res.recipients = recips
        res.toks += [r.start for r in recips[:1]]
        return res

    def _generic_recipient(self, a: int, b: int) -> Ent | None:
        """"A erhält 450.000 Euro, die Verbandsgemeinde 280.000 Euro": the entity a generic noun
        with an article (not after a preposition) in tokens ``[a, b)`` stands for: the latest
        one of the last sentences named with that very noun ("die Verbandsgemeinde Obere Aller"),
        else the antecedent of a known generic noun."""
        ctx = self.ctx
        for t in range(a + 1, b):
            if ctx.tok_ent[t] >= 0 or not ctx.alpha[t] or not ctx.words[t][:1].isupper() \
                    or ctx.low[t - 1] not in ctx.determiners or ctx.low[t - 1] == "des" \
                    or (t - 2 >= a and ctx.low[t - 2] in ctx.prepositions):
                continue
            lo = ctx.sent_range(max(0, ctx.tok_sent[t] - 3))[0]
            word = ctx.low[t]
            named = [e for e in ctx.ents_in(lo, t) if e.label in self.recipient_types and e.end <= t
                     and (ctx.low[e.start] == word or (e.start > 0 and ctx.low[e.start - 1] == word))]
            if named:
                return named[-1]
            kinds = [x for x in ctx.anaphor_types(t) if x in self.recipient_types]
            if kinds:
                return ctx.resolve_anaphor(t, kinds)
        return None

    def _funder(self, a: int, b: int, ents: list[Ent], strict: bool, tok: int) -> Ent | None:
        ctx = self.ctx
        owner = pot_owner(ctx, ents, self.pots)
        if owner is not None:  # "aus dem Budget des IT-Rats"
            return owner
        for t in range(a, b):
            if ctx.low[t] not in self.funder_preps or ctx.tok_ent[t] >= 0:
                continue
            j = t + 1
            while j < b and ctx.tok_ent[j] < 0 and (ctx.low[j] in ctx.determiners or ctx.is_word(j)):
                j += 1
            e = ctx.ent_at(j)
            if e is None and j < b:
                types = [x for x in ctx.anaphor_types(j) if x in FUNDER_ANAPHOR_TYPES]
                if types:
                    e = ctx.resolve_anaphor(j, types)
            if e is not None and e.label in self.funder_types and e.label != "Organization" \
                    and not agent_of_other_verb(ctx, e.end if e.start == j else j + 1, b, self.cues, self.auxiliaries):
                return e
        subject = giving_subject(ctx, a, b, tok, self.giving_verbs)
        if subject is not None:  # "Der Landkreis stellt ... bereit"
            return subject
        cands = [e for e in ents if e.label in self.funder_types - {"Organization"}
                 and not self._is_source(e)]
        if not cands:  # "Für die Projekte stellt das Land 3 Millionen Euro bereit"
            found = ctx.subject_anaphor(a, b, FUNDER_ANAPHOR_TYPES)
            if found is not None:
                return found[0]
        free = [e for e in cands if ctx.governing_word(e) not in ctx.prepositions]
        pick = free or ([] if strict else [e for e in cands if e.label in FUNDER_ANAPHOR_TYPES])
        if len({e.key for e in pick}) == 1:
            return pick[0]
        return None

    def _is_source(self, e: Ent) -> bool:
        ctx = self.ctx
        start = ctx.np_start(e)
        window = [ctx.low[t] for t in range(max(0, start - 3), start)]
        a, b = ctx.sent_range(ctx.tok_sent[e.start])
        tail = [ctx.low[t] for t in range(e.end, min(b, e.end + 3))]
        return bool(self.sources & set(window)) or bool(self.sources & set(tail))


def extract(ctx: Context, amounts: Sequence[Amount] | None = None) -> list[Funding]:
    """Fundings of the Doc; ``amounts`` defaults to ``find_amounts(doc.text)``."""
    if amounts is None:
        amounts = amounts_in(ctx.text)
    if not amounts:  # most Docs name no sum: skip building the extractor
        return []
    return FundingExtractor(ctx).run(amounts)
