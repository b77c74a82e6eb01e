"""Interviews: "wir" in a speaker's answer is the body the speaker heads.

An answer opens with the speaker's name and a colon ("Lindemeyer: Wir kooperieren ...") and
runs to the end of its paragraph. When the Doc says elsewhere that the speaker heads a body
(a ``heads`` relation found by the other extractors), a clause with "wir" in the answer states
that body's facts:

* "Wir kooperieren mit A", "mit B haben wir eine Partnerschaft vereinbart",
  "stimmen wir uns eng mit C und D ab" -> cooperatesWith;
* "Wir begleiten A und B technisch", "Wir betreuen die Stadt A" -> supports.

Cue words: ``cooperation.forms``, ``agents.supports`` and ``interview`` of
``ontology/relations/triggers.json``.
"""
from __future__ import annotations

from typing import Sequence

from egovkg.ingest.rel_base import Context, Ent, within
from egovkg.ingest.rel_patterns import BODY_TYPES, _mit_lists, is_party
from egovkg.model import Relation

_WE = frozenset({"wir"})
_SUPPORTED = ("Municipality", "District", "Region", "State", "Organization", "PublicAuthority")


def extract(ctx: Context, rels: Sequence[Relation]) -> list[Relation]:
    """cooperatesWith / supports stated with "wir" in the answers of an interviewed head."""
    heads: dict = {}
    for r in sorted(rels, key=lambda r: r.evidence.confidence):
        if r.predicate == "heads":
            heads[r.subject] = r.object
    if not heads:
        return []
    we = ctx.find(_WE)
    if not we:
        return []
    tr = ctx.cfg.triggers
    coop = frozenset(tr["cooperation"]["forms"])
    extra = tr.get("interview", {})  # "stimmen wir uns mit C ab": only with the particle closing the clause
    verbs_with_particle = frozenset(extra.get("cooperation", []))
    particles = frozenset(extra.get("cooperation_particles", []))
    support = frozenset(tr["agents"]["supports"])
    out: list[Relation] = []
    for si, body in _answers(ctx, heads):
        a, b = ctx.sent_range(si)
        for w in within(we, a, b):
            lo, hi = ctx.clause_of(w)
            words = [ctx.low[t] for t in range(lo, hi) if ctx.tok_ent[t] < 0]
            last = next((x for x in reversed(words) if x.isalpha()), "")
            cooperating = bool(coop.intersection(words)) or (
                bool(verbs_with_particle.intersection(words)) and last in particles)
            if cooperating:
                for mit, partners in _mit_lists(ctx, lo, hi):
                    out += [ctx.relation(body, "cooperatesWith", p, "pattern:interview-we", 0.6, extra=[w, mit])
                            for p in partners if p.key != body.key and p.label != "Person"]
            verbs = [t for t in range(lo, hi) if ctx.low[t] in support and ctx.tok_ent[t] < 0]
            if verbs and not cooperating:
                for e in ctx.ents_in(verbs[0], hi):
                    if e.label in _SUPPORTED and e.key != body.key and not is_party(ctx, e) \
                            and ctx.governing_word(e) not in ctx.prepositions:
                        out.append(ctx.relation(body, "supports", e, "pattern:interview-we", 0.6,
                                                extra=[w, verbs[0]]))
    return out


def _answers(ctx: Context, heads: dict) -> list[tuple[int, Ent]]:
    """``(sentence index, body)`` of every sentence inside an answer of a speaker who heads a
    body: from "Name:" at a sentence start to the end of that paragraph."""
    first: dict = {}
    for e in ctx.ents:
        first.setdefault(e.key, e)
    out: list[tuple[int, Ent]] = []
    body: Ent | None = None
    text = ctx.text
    for si, s in enumerate(ctx.sents):
        k = s.start
        while k < s.end and not ctx.words[k].strip():
            k += 1  # blank tokens opening the sentence
        if k == s.end:
            continue
        if si and "\n" in text[ctx.sents[si - 1].end_char - 1:ctx.idx[k]]:
            body = None  # a new paragraph ends the answer
        e = ctx.ent_at(k)
        if e is not None and e.label == "Person" and e.start == k and e.end < s.end and ctx.words[e.end] == ":":
            owner = heads.get(e.key)
            body = first.get(owner) if owner is not None else None
            if body is not None and body.label not in BODY_TYPES:
                body = None
        if body is not None:
            out.append((si, body))
    return out
