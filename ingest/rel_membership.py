"""``memberOf`` from surface patterns.

* "..., dem sie angehört", "X ist Mitglied der Y", "A, B und C, welche ebenfalls Mitglied der
  Y sind", "X tritt der Y bei"; a sentence about leaving ("tritt aus", "kündigt die
  Mitgliedschaft", "Austritt") gives none, unless the exit is only a time ("nach dem Austritt
  der Stadt X gehören dem Verband ... an"); "fünf KDVZ-Mitglieder: A, B und C";
* a plural group noun as the member ("Alle drei Kommunen sind Mitglied im Verband V",
  ``rel_groups``) or a generic noun ("Der Kreis ist Mitglied des V").

More forms ("Verbandsmitglieder sind A und B", ", außerdem der L") are ``rel_member_forms``.
"""
from __future__ import annotations

from egovkg.ingest.rel_base import Context, Ent, within
from egovkg.ingest.rel_config import RelConfig, built_once
from egovkg.ingest.rel_groups import subject_group
from egovkg.ingest.rel_member_forms import appendix, body_anaphor, copula_members, like_members, named_after_noun
from egovkg.ingest.rel_patterns import MEMBER_TYPES, _cues, _object_after
from egovkg.model import Relation


def _sentence_words(ctx: Context, si: int) -> list[str]:
    a, b = ctx.sent_range(si)
    return [ctx.low[t] for t in range(a, b) if ctx.tok_ent[t] < 0]


def _word_sets(cfg: RelConfig) -> tuple[frozenset[str], ...]:
    """Member nouns, relative verbs, join verbs, particles and forms, exit forms and particles
    of ``triggers.membership``, and the relative pronouns."""
    m = cfg.triggers["membership"]
    return (*(frozenset(m[k]) for k in ("nouns", "relative_verbs", "join_verbs", "join_particles", "join_forms",
                                        "exit_forms", "exit_particles")),
            frozenset(cfg.triggers["relative_pronouns"]))


# --- membership ---------------------------------------------------------------------------
def membership(ctx: Context) -> list[Relation]:
    """memberOf facts of the Doc."""
    nouns, rel_verbs, join_verbs, join_parts, join_forms, exits, exit_parts, relpron = \
        built_once(ctx.cfg, "rel_membership", _word_sets)
    compounds = ctx.find_affixed(suffixes=_cues(ctx.cfg)["member_compounds"])  # "KDVZ-Mitglieder"
    cues = sorted({*ctx.find(_cues(ctx.cfg)["member"]), *compounds})
    out: list[Relation] = []
    for si in ctx.sentences_with(cues):
        a, b = ctx.sent_range(si)
        cue_toks = within(cues, a, b)
        if not cue_toks:
            continue
        if not exits.isdisjoint(ctx.low[a:b]) and any(
                ctx.low[t] in exits and not (t - 2 >= a and ctx.low[t - 2] in ("nach", "seit"))
                for t in range(a, b)):  # "nach dem Austritt der Stadt X gehören ... an" still states members
            continue
        last = next((ctx.low[t] for t in range(b - 1, a - 1, -1) if ctx.alpha[t]), None)
        if last in exit_parts and join_verbs & set(_sentence_words(ctx, si)):
            continue
        for t in cue_toks:
            w = ctx.low[t]
            if "-" in w and w.rsplit("-", 1)[1] in nouns:
                out += _compound_members(ctx, t, a, b)
            elif w in nouns:
                org = _object_after(ctx, t) or named_after_noun(ctx, t)
                if org is None or org.label != "Organization":
                    continue
                if any(ctx.low[k] in ("nicht", "kein", "keine") for k in range(max(a, t - 3), t)):
                    continue
                members = _members_before(ctx, t, a, relpron)
                members = members + like_members(ctx, org)  # "Der Kreis ist Mitglied im V, ebenso wie die Stadt S"
                out += [ctx.relation(x, "memberOf", org, "pattern:member-noun", 0.85, extra=[t])
                        for x in members if x.key != org.key]
            elif w in rel_verbs:
                before = [e for e in ctx.ents_in(a, t)]
                orgs = [e for e in before if e.label == "Organization"]
                lo_rel, _ = ctx.clause_of(t)  # ", dem sie angehört": the noun before the comma
                k = lo_rel - 2
                if k > a and "Organization" in ctx.anaphor_types(k):
                    ref = ctx.resolve_anaphor(k, ["Organization"])
                    if ref is not None:
                        org = ref
                        rest = [e for e in ctx.ents_in(a, k) if e.key != org.key and e.label in MEMBER_TYPES
                                and e.label != "Person" and ctx.governing_word(e) not in ("in", "im", "aus")]
                        if rest:
                            for x in ctx.coord_backward(rest[-1]):
                                out.append(ctx.relation(x, "memberOf", org, "pattern:member-relative", 0.75,
                                                        extra=[t]))
                        continue
                if not orgs:
                    continue
                org = orgs[-1]
                rest = [e for e in before if e.end <= org.start and e.key != org.key and e.label in MEMBER_TYPES
                        and e.label != "Person" and ctx.governing_word(e) not in ("in", "im", "aus")]
                members = ctx.coord_backward(rest[-1]) if rest else subject_group(ctx, a, org.start)[0]
                for x in members:  # "arbeiten die drei Ämter mit dem V zusammen, dem sie angehören"
                    out.append(ctx.relation(x, "memberOf", org, "pattern:member-relative", 0.8, extra=[t]))
            elif w in join_forms or (w in join_verbs and _clause_has_particle(ctx, t, join_parts)):
                lo, hi = ctx.clause_of(t)
                cl = ctx.ents_in(lo, hi)
                orgs = [e for e in cl if e.label == "Organization"
                        and (ctx.low[ctx.np_start(e)] in ("dem", "der") or ctx.governing_word(e) in ("zum", "zur"))]
                if not orgs:  # "tritt dem Verband bei"
                    for k in range(lo + 1, hi):
                        if ctx.low[k - 1] in ("dem", "der") and "Organization" in ctx.anaphor_types(k):
                            ref = body_anaphor(ctx, k)
                            orgs = [ref] if ref is not None else []
                            break
                if not orgs:
                    continue
                org = orgs[0]
                for x in cl + appendix(ctx, hi):  # ", außerdem der Landkreistag L"
                    if x.key != org.key and x.label in MEMBER_TYPES and x.label != "Person" and x not in orgs \
                            and (ctx.governing_word(x) not in ctx.prepositions or _among_others(ctx, x)):
                        out.append(ctx.relation(x, "memberOf", org, "pattern:member-join", 0.8, extra=[t]))
    return out + copula_members(ctx)


def _compound_members(ctx: Context, t: int, a: int, b: int) -> list[Relation]:
    """"fünf KDVZ-Mitglieder: A, B und C" / "A und B sind KDVZ-Mitglieder": each is a member."""
    head = ctx.words[t].rsplit("-", 1)[0]
    org = next((e for e in ctx.by_label.get("Organization", ([],))[0] if head in (e.text, e.kb)), None)
    if org is None:
        return []
    members: list[Ent] = []
    if t + 1 < b and ctx.words[t + 1] == ":":
        first = next((e for e in ctx.ents_in(t + 2, min(b, t + 5))), None)
        members = ctx.coord_forward(first) if first is not None else []
    else:
        lo, _ = ctx.clause_of(t)
        cands = [e for e in ctx.ents_in(lo, t) if e.label in MEMBER_TYPES - {"Person"}
                 and ctx.governing_word(e) not in ctx.prepositions]
        members = ctx.coord_backward(cands[-1]) if cands else []
    return [ctx.relation(x, "memberOf", org, "pattern:member-compound", 0.8, extra=[t])
            for x in members if x.label in MEMBER_TYPES - {"Person"} and x.key != org.key]


def _clause_has_particle(ctx: Context, tok: int, particles: frozenset[str]) -> bool:
    lo, hi = ctx.clause_of(tok)
    last = next((ctx.low[t] for t in range(hi - 1, lo - 1, -1) if ctx.alpha[t]), None)
    return last is not None and last in particles


def _members_before(ctx: Context, tok: int, sent_start: int, relpron: frozenset[str]) -> list[Ent]:
    """Who "Mitglied" at ``tok`` is said of: the list before a relative pronoun, or the
    nearest mention (and its coordinated list) in the clause."""
    lo, _ = ctx.clause_of(tok)
    article = lo + 1 < tok and (ctx.tok_ent[lo + 1] >= 0 or ctx.cap[lo + 1])  # ", der Kreis K ist Mitglied"
    if lo > sent_start and ctx.words[lo - 1] == "," and ctx.low[lo] in relpron and not article:
        cands = [e for e in ctx.ents_in(sent_start, lo) if e.label in MEMBER_TYPES]
        return ctx.coord_backward(cands[-1]) if cands else []
    cands = [e for e in ctx.ents_in(lo, tok) if e.label in MEMBER_TYPES]
    if cands:
        return ctx.coord_backward(cands[-1])
    group, _ = subject_group(ctx, lo, tok)  # "Alle drei Kommunen sind Mitglied im V"
    if group:
        return group
    found = ctx.subject_anaphor(lo, tok, ["Municipality", "District", "Organization"])  # "Der Kreis ist ..."
    return [found[0]] if found is not None else []


def _among_others(ctx: Context, e: Ent) -> bool:
    """"gehören unter anderem A, B an": "unter anderem" opens the list, it governs nothing."""
    i = ctx.np_start(e)
    return i > 0 and ctx.low[i - 1] == "unter" and ctx.low[i] == "anderem"
