"""Posts given by a verb: elections, appointments and "steht ... vor".

* "Die Verbandsversammlung der V hat X zum (neuen) Vorsitzenden gewählt", "Der Verwaltungsrat
  von V hat X zur Vorstandsvorsitzenden bestellt", "Zu seinem Stellvertreter bestimmten die
  Delegierten ... X": X holds the post at the body named in the sentence (never a party), else
  at the body the last sentences are about;
* "X steht der Gemeinde G (als Bürgermeister) vor": X heads G.

The post word decides the predicate as in ``rel_roles`` (a deputy or a worksFor post gives
worksFor); a post whose holder heads only other types ("zum Bürgermeister gewählt" for a body)
gives nothing here.
"""
from __future__ import annotations

from egovkg.ingest.rel_base import Context, Ent, within
from egovkg.ingest.rel_config import RelConfig, memo
from egovkg.ingest.rel_lexicon import lookup_role, names_party, role_words
from egovkg.model import Relation

BODY_TYPES = ("Organization", "PublicAuthority", "Ministry")
_VOR = frozenset({"vor"})


def _words(cfg: RelConfig) -> dict:
    known = memo(cfg, "rel_elected")
    if not known:
        e = cfg.triggers.get("elected", {})
        known.update(verbs=frozenset(e.get("verbs", [])), openers=frozenset(e.get("openers", [])),
                     possessives=frozenset(e.get("possessives", [])), stand=frozenset(e.get("stand_verbs", [])))
    return known


def _post_after(ctx: Context, t: int, hi: int) -> tuple[int, bool] | None:
    """The post word after "zum" / "zu seinem" at ``t`` (adjectives between) and whether a
    deputy word stands before it."""
    deputy = role_words(ctx.cfg)[0]
    dep = False
    j = t + 1
    while j < hi and j - t <= 3 and ctx.tok_ent[j] < 0 and ctx.lower_word[j]:
        dep = dep or ctx.low[j] in deputy
        j += 1
    if j < hi and ctx.tok_ent[j] < 0 and ctx.cap[j] and lookup_role(ctx.cfg, ctx.words[j]):
        return j, dep
    return None


def _relation(ctx: Context, person: Ent, post: int, deputy: bool, org: Ent, extractor: str,
              extra: list[int]) -> list[Relation]:
    info, _ = lookup_role(ctx.cfg, ctx.words[post])
    rel = info.relation
    if rel not in ("heads", "worksFor"):
        return []
    if info.heads_types and org.label not in info.heads_types:
        return []  # "zum Bürgermeister gewählt": the town, not the electing body
    if deputy:
        rel = "worksFor"
    role = ctx.words[post] if not deputy else f"stellvertretende(r) {ctx.words[post]}"
    return [ctx.relation(person, rel, org, extractor, 0.75, role, [post, *extra])]


def elections(ctx: Context) -> list[Relation]:
    """"hat X zum Vorsitzenden gewählt" and the like."""
    w = _words(ctx.cfg)
    verbs = ctx.find(w["verbs"])
    openers = ctx.find(w["openers"])
    out: list[Relation] = []
    for si in ctx.sentences_with(verbs):
        a, b = ctx.sent_range(si)
        for t in within(openers, a, b):
            k = t + 1 if ctx.low[t] == "zu" else t
            if ctx.low[t] == "zu" and (k >= b or ctx.low[k] not in w["possessives"]):
                continue
            found = _post_after(ctx, k, b)
            if found is None:
                continue
            post, deputy = found
            people = [e for e in ctx.ents_in(a, b) if e.label == "Person"]
            if not people:
                continue
            person = min(people, key=lambda e: (abs(e.start - post), e.idx))
            bodies = [e for e in ctx.ents_in(a, b) if e.label in BODY_TYPES and not names_party(ctx.cfg, e)
                      and ctx.governing_word(e) not in ("in", "im", "aus", "nach", "bei", "beim")]
            org = bodies[0] if bodies else ctx.resolve_anaphor(a, ["Organization", "PublicAuthority"])
            if org is not None and not names_party(ctx.cfg, org):
                out += _relation(ctx, person, post, deputy, org, "pattern:elected", [within(verbs, a, b)[0]])
    return out


def stands_before(ctx: Context) -> list[Relation]:
    """"X steht der Gemeinde G seit 2020 als Bürgermeister vor": X heads G."""
    w = _words(ctx.cfg)
    out: list[Relation] = []
    vor = set(ctx.sentences_with(ctx.find(_VOR)))
    for t in ctx.find(w["stand"]):
        if t == 0 or ctx.tok_sent[t] not in vor or ctx.tok_ent[t - 1] < 0:
            continue  # no "vor" in the sentence, or no name right before the verb
        lo, hi = ctx.clause_of(t)
        last = next((k for k in range(hi - 1, t, -1) if ctx.alpha[k]), None)
        if last is None or ctx.low[last] != "vor":
            continue
        person = ctx.ent_at(t - 1)
        if person is None or person.label != "Person":
            continue
        org = ctx.ent_at(t + 2) if t + 2 < hi and ctx.low[t + 1] in ("der", "dem") else None
        if org is None or org.label == "Person" or org.start != t + 2 or names_party(ctx.cfg, org):
            continue
        als = next((k for k in range(org.end, last) if ctx.low[k] == "als"), None)
        found = _post_after(ctx, als, last) if als is not None else None
        if found is not None:
            out += _relation(ctx, person, found[0], found[1], org, "pattern:stands-before", [t, last])
        else:
            out.append(ctx.relation(person, "heads", org, "pattern:stands-before", 0.7, None, [t, last]))
    return out


def extract(ctx: Context) -> list[Relation]:
    """Posts given by a verb in the Doc."""
    return elections(ctx) + stands_before(ctx)
