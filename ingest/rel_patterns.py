"""Surface patterns between named places and bodies: cooperation and programmes (membership:
``rel_membership``, location: ``rel_location``). They read tokens and entity spans only, so they
work on a blank German pipeline.

* cooperatesWith: "X (kooperiert | arbeitet zusammen | bildet eine Verwaltungsgemeinschaft)
  mit A, B sowie C" -> one relation per list member; "A und B vereinbaren eine Zusammenarbeit
  / bündeln ihre Kräfte" -> A with B; "Neuer Partner der Stadt ist die KDVZ".
* participatesIn / runs: "P hat die Stadt X zur Modellkommune ernannt", "X übernimmt die Rolle
  als Leitkommune", "X hat sich dem Pilotprojekt P angeschlossen", "P des Landes L", "P, in dem
  das Ministerium M ...".

memberOf lives in ``rel_membership``, locatedIn in ``rel_location``.
"""
from __future__ import annotations

from typing import Any

from egovkg.ingest.rel_base import Context, Ent, within
from egovkg.ingest.rel_config import RelConfig, built_once, memo
from egovkg.ingest.rel_lexicon import names_party
from egovkg.ingest.rel_groups import group_nouns, members, named_as, subject_group
from egovkg.model import Relation

MEMBER_TYPES = frozenset({"Municipality", "District", "Organization", "Person"})
BODY_TYPES = frozenset({"Ministry", "PublicAuthority", "Organization"})
AGENT_TYPES = frozenset({"Ministry", "State", "Country", "PublicAuthority"})
PLACE_LEVEL = {"Municipality": 0, "District": 1, "Region": 2, "State": 3}
_MIT = frozenset({"mit"})


def _cues(cfg: RelConfig) -> dict[str, Any]:
    """The trigger word sets of these patterns (``frozenset``, prefixes as a tuple), built once
    per configuration."""
    known = memo(cfg, "rel_patterns")
    if not known:
        m, p, c = (cfg.triggers[k] for k in ("membership", "participation", "cooperation"))
        known.update(member=frozenset([*m["nouns"], *m["relative_verbs"], *m["join_verbs"], *m["join_forms"]]),
                     cooperation=frozenset(c["forms"]), mutual=frozenset(c["mutual"]),
                     partner=frozenset(c.get("partner_nouns", [])), verbs=frozenset(p["verbs"]),
                     particles=frozenset(p["verb_particles"]), nouns=tuple(p["nouns"]),
                     present=frozenset(p["presence_words"]),
                     # "KDVZ-Mitglieder": the part after the last hyphen is a member noun
                     member_compounds=tuple("-" + w for w in m["nouns"] if "-" not in w))
    return known


def _object_after(ctx: Context, tok: int, limit: int = 5) -> Ent | None:
    """The entity right after ``tok``, only articles, prepositions, designators between."""
    allowed = ("im", "in", "bei", "beim", "zum", "zur")
    j = tok + 1
    while j < len(ctx.words) and j - tok <= limit:
        e = ctx.ent_at(j)
        if e is not None:
            return e
        w = ctx.low[j]
        if w in ctx.determiners or w in ctx.designators or w in allowed or ctx.lower_word[j]:
            j += 1
            continue
        return None
    return None


# --- cooperation --------------------------------------------------------------------------
def _mit_lists(ctx: Context, a: int, b: int) -> list[tuple[int, list[Ent]]]:
    """``(token of "mit", the coordinated entities after it)`` inside tokens ``[a, b)``."""
    out = []
    nouns = set(within(group_nouns(ctx), a, b))
    for t in within(ctx.find(_MIT), a, b):
        j = t + 1
        while j < b and j - t <= 7 and ctx.tok_ent[j] < 0 and ctx.low[j] not in ctx.prepositions \
                and (ctx.alpha[j] or ctx.words[j] == "-" or ctx.words[j].endswith("-")):
            j += 1  # "mit den münsterländischen Städten und Gemeinden A, B ...", "der Universitäts- und Hansestadt"
        e = ctx.ent_at(j)
        if e is not None and e.start == j:
            out.append((t, [x for x in ctx.coord_forward(e) if not is_party(ctx, x)]))
        else:  # "mit beiden Städten", "mit den drei Ämtern"
            noun = next((k for k in range(t + 1, j) if k in nouns), None)
            group = members(ctx, noun) if noun is not None else []
            if group:
                out.append((t, group))
    return out


def is_party(ctx: Context, e: Ent) -> bool:
    """A political party ("(CSU)" after a mayor's name): no partner in cooperation."""
    return e.label == "Organization" and names_party(ctx.cfg, e)


def cooperation(ctx: Context) -> list[Relation]:
    """cooperatesWith facts of the Doc."""
    cues = ctx.find(_cues(ctx.cfg)["cooperation"])
    out: list[Relation] = []
    for si in ctx.sentences_with(cues):
        a, b = ctx.sent_range(si)
        if not within(cues, a, b):
            continue
        for mit, partners in _mit_lists(ctx, a, b):
            lo, _ = ctx.clause_of(mit)
            before = [e for e in ctx.ents_in(lo, mit) if e.label != "Person"
                      and ctx.governing_word(e) not in ctx.prepositions and not is_party(ctx, e)
                      and not ctx.is_bracketed_state(e)]
            subjects = ctx.coord_backward(before[-1]) if before else []
            if not subjects:  # "Zudem arbeiten die drei Ämter mit ... zusammen"
                subjects = subject_group(ctx, lo, mit)[0]
            if not subjects:  # "Vor Ort arbeitet die Stadt mit ... zusammen"
                found = ctx.subject_anaphor(lo, mit, ["Municipality", "District", "Organization", "State"])
                subjects = [found[0]] if found is not None else []
            if not subjects and mit - 1 == lo and ctx.low[lo] in ("gemeinsam", "zusammen") and partners:
                subjects = _fronted_partner_subject(ctx, partners[-1].end)  # "Gemeinsam mit A und B wird der Kreis"
            for s in subjects:
                for p in partners:
                    if p.key != s.key:
                        out.append(ctx.relation(s, "cooperatesWith", p, "pattern:cooperation-list", 0.8,
                                                extra=[mit]))
    return out + _mutual(ctx) + _partner_of(ctx)


def _fronted_partner_subject(ctx: Context, tok: int) -> list[Ent]:
    """The subject after a fronted "Gemeinsam mit A und B" ending at ``tok``: the named entity
    or generic noun right after the finite verb ("..., wird der Kreis ...")."""
    _, hi = ctx.clause_of(tok)
    k = tok + (ctx.words[tok] == ",")  # the finite verb
    if k + 2 >= hi or not ctx.lower_word[k] or ctx.low[k + 1] not in ctx.determiners:
        return []
    e = ctx.ent_at(k + 2) or (ctx.ent_at(k + 3) if ctx.lower_word[k + 2] else None)
    if e is not None:
        return [e] if e.label not in ("Person", "Programme") else []
    if ctx.low[k + 2] not in ctx.cfg.triggers["anaphors"]:
        return []  # the generic noun itself ("der Kreis"), no compound of it ("der Landkreistag")
    types = [x for x in ctx.anaphora[k + 2] if x in ("Municipality", "District", "Organization", "State")]
    found = ctx.resolve_anaphor(k + 2, types) if types else None
    return [found] if found is not None else []


def _partner_of(ctx: Context) -> list[Relation]:
    """"Neuer Partner der Stadt ist die KDVZ", "X ist Kooperationspartner des Kreises K"."""
    out: list[Relation] = []
    for t in ctx.find(_cues(ctx.cfg)["partner"]):
        if t >= len(ctx.words) - 2 or ctx.low[t + 1] not in ("der", "des"):
            continue
        j = t + 2
        owner = ctx.ent_at(j)
        if owner is None and ctx.anaphor_types(j):
            owner = ctx.resolve_anaphor(j, ctx.anaphor_types(j))
        if owner is None or owner.label in ("Person", "Programme"):
            continue
        lo, hi = ctx.clause_of(t)
        others = [e for e in ctx.ents_in(lo, hi) if e.key != owner.key and e.label not in ("Person", "Programme")
                  and not (e.start <= j < e.end) and ctx.governing_word(e) not in ctx.prepositions]
        if others:
            out.append(ctx.relation(others[0], "cooperatesWith", owner, "pattern:partner-of", 0.7, extra=[t, j]))
    return out


def _mutual(ctx: Context) -> list[Relation]:
    """"A und B vereinbaren eine Zusammenarbeit / bündeln ihre Kräfte": the coordinated subject
    cooperates pairwise (no "mit" partner in the clause)."""
    mutual = ctx.find(_cues(ctx.cfg)["mutual"])
    needs = ctx.cfg.triggers["cooperation"].get("mutual_needs", {})
    out: list[Relation] = []
    for si in ctx.sentences_with(mutual):
        a, b = ctx.sent_range(si)
        for t in within(mutual, a, b):
            lo, hi = ctx.clause_of(t)
            if any(ctx.low[k] == "mit" for k in range(lo, hi)):
                continue
            need = needs.get(ctx.low[t])
            if need is not None and not any(ctx.low[k] in need for k in range(lo, hi)):
                continue  # "A und B zählen zusammen 5.000 Einwohner"
            cands = [e for e in ctx.ents_in(lo, t) if e.label != "Person" and e.label != "Programme"
                     and ctx.governing_word(e) not in ctx.prepositions and not ctx.is_genitive_attribute(e)
                     and not is_party(ctx, e)]
            group = ctx.coord_backward(cands[-1]) if cands else []
            for i, x in enumerate(group):
                for y in group[i + 1:]:
                    if x.key != y.key:
                        out.append(ctx.relation(x, "cooperatesWith", y, "pattern:cooperation-mutual", 0.75,
                                                extra=[t]))
    return out


def mit_partner_tokens(ctx: Context, si: int) -> set[int]:
    """Start tokens of entities that are cooperation partners in sentence ``si``."""
    a, b = ctx.sent_range(si)
    if not within(ctx.find(_cues(ctx.cfg)["cooperation"]), a, b):
        return set()
    return {e.start for _, lst in _mit_lists(ctx, a, b) for e in lst}


# --- programmes ---------------------------------------------------------------------------
def _participation_words(cfg: RelConfig) -> tuple[Any, ...]:
    """Organisation verbs, selection verbs, agent prepositions, organisation nouns (a tuple),
    negations, join forms and copulas of the participation patterns."""
    p = cfg.triggers["participation"]
    select = frozenset({"ernannt", "ernennt", "ausgewählt", "ausgewählten", "ausgezeichnet", "ausgezeichneten",
                        "benannt", "bestimmt", "aufgenommen"}).intersection(p["verbs"])
    return (frozenset(p["organization_verbs"]), select, frozenset(cfg.triggers["agent_prepositions"]),
            tuple(p["organization_nouns"]), frozenset(cfg.triggers["membership"]["negations"]),
            frozenset(cfg.triggers["membership"]["join_forms"]), frozenset(p["copulas"]))


def participation(ctx: Context) -> list[Relation]:
    """participatesIn and runs from selection and model-municipality sentences."""
    if "Programme" not in ctx.by_label:
        return []  # each fact relates a mention of a programme (named, or a generic noun's antecedent)
    org_verbs, select, agent_preps, org_nouns, negations, joins, copulas = \
        built_once(ctx.cfg, "participation", _participation_words)
    cues = _cues(ctx.cfg)
    # cue words of the whole Doc, each sentence takes its share
    verb_or_noun = [t for t in ctx.find_affixed(cues["nouns"], words=cues["verbs"])
                    if (ctx.low[t] in cues["verbs"] and not (ctx.low[t] in cues["particles"] and ctx.cap[t]))
                    or ctx.low[t].startswith(cues["nouns"])]
    presence = ctx.find(cues["present"], outside_ents=False)
    n = len(ctx.words)
    out: list[Relation] = []
    for si in ctx.sentences_with(verb_or_noun, presence):
        a, b = ctx.sent_range(si)
        cue_toks = [t for t in within(verb_or_noun, a, b)
                    if not any(ctx.low[k] in negations for k in range(max(a, t - 3), t))]  # "ist nicht Teil"
        cue_toks += [t for t in within(presence, a, b) if t + 1 < n
                     and ctx.words[t + 1] in (".", "!") and copulas & set(ctx.low[a:t])]  # "ist ... dabei."
        if not cue_toks:
            continue
        ents = ctx.ents_in(a, b)
        if any(e.label == "Organization" and ctx.low[ctx.np_start(e)] in ("dem", "der") for e in ents):
            cue_toks = [t for t in cue_toks if ctx.low[t] not in joins]  # joins a body: membership
        if not cue_toks:
            continue
        progs = [e for e in ents if e.label == "Programme"]
        named = bool(progs)
        if not progs:
            prog = _programme_before(ctx, cue_toks[0], a)
            progs = [prog] if prog is not None else []
        if not progs:
            continue
        prog = progs[0]
        partners = mit_partner_tokens(ctx, si)
        has_org_verb = any(ctx.low[t] in org_verbs or any(ctx.low[t].startswith(n) for n in org_nouns)
                           for t in cue_toks)
        kinds = {"Municipality", "District", "Region"} | ({"Organization"} if has_org_verb else set())
        for e in ents:
            gov = ctx.governing_word(e)
            if e.start == a and e.end + 1 < b and ctx.words[e.end] == "," and ctx.doc[e.end + 1].like_num:
                continue  # dateline "Stuttgart, 14. Mai 2021 – ..."
            if e.label in kinds and e.start not in partners and gov not in agent_preps \
                    and gov not in ("in", "im", "aus", "laut", "für", "nach", "bei", "beim"):
                out.append(ctx.relation(e, "participatesIn", prog, "pattern:participation", 0.8,
                                        extra=cue_toks[:1]))
        out += _group_participants(ctx, a, cue_toks[0], kinds, partners, prog)
        for t in cue_toks:
            if ctx.low[t] not in select or not named:  # who selects needs the programme named here
                continue
            lo, hi = ctx.clause_of(t)
            for e in ctx.ents_in(lo, hi):
                if e.label in AGENT_TYPES and ctx.governing_word(e) not in ("laut", "in", "im", "für", "aus"):
                    out.append(ctx.relation(e, "runs", prog, "pattern:selection-agent", 0.7, extra=[t]))
    return out


def _group_participants(ctx: Context, a: int, cue: int, kinds: set[str], partners: set[int],
                        prog: Ent) -> list[Relation]:
    """"Die beiden Ämter und die Stadt nehmen an dem Programm teil": the members of a group noun
    subject before the cue, and a generic noun coordinated with it (the latest town named
    with that noun)."""
    group, t = subject_group(ctx, a, cue)
    if not group:
        return []
    found = list(group)
    if t + 3 < cue and ctx.low[t + 1] in ("und", "sowie") and ctx.low[t + 2] in ctx.determiners \
            and ctx.anaphora[t + 3]:
        other = named_as(ctx, t + 3)
        if other is not None and other.key not in {e.key for e in group}:
            found.append(other)
    return [ctx.relation(e, "participatesIn", prog, "pattern:participation-group", 0.7, extra=[t, cue])
            for e in found if e.label in kinds and e.start not in partners]


def _programme_before(ctx: Context, tok: int, sent_start: int) -> Ent | None:
    """The programme a sentence without a named one is about: the generic-noun antecedent
    mentioned before ``tok``; with an explicit noun in this or the previous sentence ("der
    Initiative angeschlossen") also the most mentioned programme before it in the Doc. Never
    one named only later."""
    prog = ctx.resolve_anaphor(tok, ["Programme"])
    if prog is not None and prog.start > tok:
        prog = None
    if prog is None:  # the generic noun may stand in this sentence or the one before
        si = ctx.tok_sent[tok]
        a, b = (ctx.sent_range(si - 1)[0] if si > 0 else sent_start), ctx.sent_range(si)[1]
        if any("Programme" in ctx.anaphora[t] and ctx.low[t - 1] in ctx.determiners
               for t in within(ctx.generic_nouns, a + 1, b)):
            before = [e for e in ctx.by_label.get("Programme", ([],))[0] if e.end <= tok]
            if before:
                count = ctx.mention_count
                prog = max(reversed(before), key=lambda e: count[e.key])
    return prog


def programme_owner(ctx: Context) -> list[Relation]:
    """runs from "P des Landes L" and "P, in dem das Ministerium M ..."."""
    tr = ctx.cfg.triggers
    rel_openers = [r.split() for r in tr["programme_relative"]]
    out: list[Relation] = []
    n = len(ctx.words)
    for pr in ctx.ents:
        if pr.label != "Programme":
            continue
        j = pr.end
        while j < n and ctx.words[j] in ("“", "”", '"', "»", "«", "'"):
            j += 1
        if j < n and ctx.low[j] in tr["programme_of"]:
            k = j + 1
            while k < n and ctx.tok_ent[k] < 0 and ctx.low[k] in ctx.designators and not ctx.anaphor_types(k):
                k += 1
            owner = ctx.ent_at(k)
            if owner is None and k < n and "State" in ctx.anaphor_types(k):
                owner = ctx.resolve_anaphor(k, ["State"])
            if owner is not None and owner.label in ("Ministry", "State", "Organization", "Country") \
                    and (owner.start == k or owner.end <= k):
                out.append(ctx.relation(owner, "runs", pr, "pattern:programme-of", 0.75, extra=[k]))
                j = max(owner.end, k + 1) if owner.start == k else k + 1
        if j < n and ctx.words[j] == ",":
            for words in rel_openers:
                if [ctx.low[j + 1 + i] for i in range(len(words)) if j + 1 + i < n] == words:
                    lo, hi = ctx.clause_of(j + 1)
                    for e in ctx.ents_in(j + 1, hi):
                        if e.label in ("Ministry", "State", "Organization") \
                                and ctx.governing_word(e) not in ctx.prepositions:
                            out.append(ctx.relation(e, "runs", pr, "pattern:programme-relative", 0.7))
                    break
    return out


def extract(ctx: Context) -> list[Relation]:
    """All surface-pattern relations of the Doc (membership: ``rel_membership``, location:
    ``rel_location``)."""
    from egovkg.ingest.rel_location import location

    from egovkg.ingest.rel_membership import membership

    return membership(ctx) + cooperation(ctx) + participation(ctx) + programme_owner(ctx) + location(ctx)
