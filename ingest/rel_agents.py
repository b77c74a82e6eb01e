"""Verb-centred facts with an agent and a patient: ``supports``, ``funds``, ``runs``.

* passive and attributive: "Begleitet wird die Stadt X ... vom Zweckverband Y", "wurde die
  Kommune vom Zweckverband Y unterstützt" (the generic noun resolved to the last
  municipality), "das vom Bundesinnenministerium geförderte Projekt P", "das vom Land
  initiierte Projekt" (the Land resolved to the Doc's state);
* active: "Y unterstützt/berät/koordiniert X", "Das Land L startet das Programm P";
* apposition: "Die KDVZ GmbH, IT-Dienstleister der Stadt X, ..." -> KDVZ supports X;
* lead: "Die Federführung liegt beim Ministerium M", "unter Leitung der M" -> M runs the
  programme of the sentence (or the Doc's only programme named before).

The agent of a passive is the entity right after "vom / von der / durch" (only articles,
adjectives or a designator such as "Zweckverband" between); entities governed by other
prepositions ("in der Stadtverwaltung X", "aus den Kreisen") are never patients.
"""
from __future__ import annotations

from egovkg.ingest.rel_base import QUOTES, Context, Ent, within
from egovkg.ingest.rel_config import RelConfig, built_once, fits, memo, sentence_adverbs
from egovkg.ingest.rel_groups import count_of, group_nouns, members, named_as
from egovkg.ingest.rel_relative import service_owner
from egovkg.model import Relation


def _cue_index(cfg: RelConfig) -> dict[str, tuple[frozenset[str], dict[str, list[list[str]]]]]:
    """Per agent predicate: the first words of its cue phrases and the phrases by first word
    (built once per configuration)."""
    known = memo(cfg, "rel_agents")
    if "cues" not in known:
        index = {}
        for pred, forms in cfg.triggers["agents"].items():
            by_first: dict[str, list[list[str]]] = {}
            for f in forms:
                ph = f.split()
                by_first.setdefault(ph[0], []).append(ph)
            index[pred] = (frozenset(by_first), by_first)
        known["cues"] = index
    return known["cues"]


def _cue_spans(ctx: Context, firsts: list[int], by_first: dict[str, list[list[str]]],
               a: int, b: int) -> list[tuple[int, int]]:
    """Token ranges of cue phrases (``by_first``: by their first word, found at ``firsts``)
    inside ``[a, b)``."""
    out = []
    for t in within(firsts, a, b):
        for ph in by_first[ctx.low[t]]:
            if t + len(ph) <= b and all(ctx.low[t + i] == w for i, w in enumerate(ph)):
                out.append((t, t + len(ph)))
                break
    return out


def _agent_phrase(ctx: Context, lo: int, hi: int, cue: int) -> tuple[Ent | None, int]:
    """The agent after "vom/von der/durch" nearest before the cue (or anywhere in the clause),
    with the token of the preposition; generic nouns ("vom Land") are resolved."""
    preps = built_once(ctx.cfg, "agent_prepositions", lambda cfg: frozenset(cfg.triggers["agent_prepositions"]))
    best: tuple[Ent | None, int] = (None, -1)
    for t in within(ctx.find(preps), lo, hi):
        j = t + 1
        while j < hi and ctx.tok_ent[j] < 0 and (ctx.low[j] in ctx.determiners or ctx.lower_word[j]
                                                 or (ctx.low[j] in ctx.designators and not ctx.anaphora[j])):
            j += 1
        if j >= hi:
            continue
        e = ctx.ent_at(j)
        if e is None:
            types = ctx.anaphor_types(j)
            nxt = j + 1
            if types and (nxt >= hi or ctx.tok_ent[nxt] < 0):
                e = ctx.resolve_anaphor(j, types)
        if e is not None and (best[0] is None or abs(t - cue) < abs(best[1] - cue)):
            best = (e, t)
    return best


def _patients(ctx: Context, lo: int, hi: int, exclude: set) -> list[tuple[Ent, int]]:
    """Entities (or resolved generic nouns) of the clause not governed by a preposition."""
    out: list[tuple[Ent, int]] = []
    designated = ctx.cfg.triggers.get("designated_anaphors", ())
    for e in ctx.ents_in(lo, hi):
        if e.key in exclude:
            continue
        gov = ctx.governing_word(e)
        if gov in ctx.prepositions or (ctx.is_genitive_attribute(e) and not service_owner(ctx, e)):
            continue  # "die IT der Stadt X" is X's service: X is served
        if _after_bare_noun(ctx, e):
            continue  # "im Nordwesten Niedersachsens": hangs off the noun
        out.append((e, e.start))
    for t in within(ctx.generic_nouns, lo + 1, hi):  # the tokens with anaphor types
        types = ctx.anaphor_types(t)
        det = ctx.low[t - 1]
        k = t - 1
        while k > lo and ctx.lower_word[k] and det not in ctx.determiners:
            k -= 1
            det = ctx.low[k]
        if det not in ctx.determiners or det in ("des", "eines") or (k > lo and ctx.low[k - 1] in ctx.prepositions):
            continue
        if det == "der" and k > lo and ctx.tok_ent[k - 1] < 0 and ctx.alpha[k - 1] and ctx.cap[k - 1]:
            continue  # "bei der Digitalisierung der Verwaltung": a genitive attribute
        e = named_as(ctx, t) if ctx.low[t] in designated else None  # "Halberstadt und die Verbandsgemeinde"
        e = e or ctx.resolve_anaphor(t, types)
        if e is not None and e.key not in exclude:
            out.append((e, t))
    for t in within(group_nouns(ctx), lo, hi):  # "begleitet werden die (drei) Ämter von X"
        found = count_of(ctx, t)
        if found is not None and not (found[1] > lo and ctx.low[found[1] - 1] in ctx.prepositions):
            out += [(e, t) for e in members(ctx, t) if e.key not in exclude]
    return out


def _after_bare_noun(ctx: Context, e: Ent) -> bool:
    """A name right after a capitalised common noun inside its sentence ("im Nordwesten
    Niedersachsens"): an attribute of that noun, not a patient."""
    i = ctx.np_start(e) - 1
    return i > ctx.sents[ctx.tok_sent[e.start]].start and ctx.tok_ent[i] < 0 and ctx.alpha[i] and ctx.cap[i] \
        and not ctx.anaphora[i] and ctx.low[i] not in sentence_adverbs(ctx.cfg) and i == e.start - 1


def _after_participle(ctx: Context, cue_end: int, hi: int) -> tuple[Ent, int] | None:
    """The noun an attributive participle qualifies: "geförderte Projekt „P“"."""
    j = cue_end
    steps = 0
    while j < hi and steps < 6:
        e = ctx.ent_at(j)
        if e is not None:
            return e, j
        types = ctx.anaphor_types(j)
        if types and (j + 1 >= hi or (ctx.ent_at(j + 1) is None and ctx.words[j + 1] not in QUOTES)):
            r = ctx.resolve_anaphor(j, types)
            return (r, j) if r is not None else None
        j += 1
        steps += 1
    return None


def provider_apposition(ctx: Context) -> list[Relation]:
    """"Die KDVZ GmbH, (kommunaler) IT-Dienstleister der Stadt X, ...": the body serves X."""
    nouns = built_once(ctx.cfg, "provider_nouns", lambda cfg: tuple(cfg.triggers.get("provider_nouns", [])))
    out: list[Relation] = []
    n = len(ctx.words)
    for org in ctx.by_label.get("Organization", ([],))[0]:
        t = org.end
        if t + 1 >= n or ctx.words[t] != ",":
            continue
        t += 1
        while t + 2 < n and ctx.tok_ent[t] < 0 and (
                (ctx.lower_word[t] and ctx.low[t] not in ctx.determiners)
                or (ctx.words[t + 1] == "-" and not ctx.space[t] and not ctx.space[t + 1])):
            t += 1 if ctx.lower_word[t] else 2  # "kommunaler", "IT - Dienstleister" split by the tokenizer
        if t >= n or ctx.tok_ent[t] >= 0 or not ctx.low[t].endswith(nouns):
            continue
        if t + 1 < n and ctx.low[t + 1] in ("der", "des", "für", "von"):
            j = t + 2
            while j < n and ctx.tok_ent[j] < 0 and (ctx.low[j] in ctx.designators or ctx.low[j] in ctx.determiners):
                j += 1
            place = ctx.ent_at(j)
            if place is not None and place.start == j and place.label in ("Municipality", "District"):
                out.append(ctx.relation(org, "supports", place, "pattern:provider-apposition", 0.7, extra=[t]))
    return out


def _lead_words(cfg: RelConfig) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """The lead nouns (prefixes), adjectives and a programme's own lead nouns of
    ``triggers.lead``."""
    lead = cfg.triggers.get("lead", {})
    return (tuple(lead.get("nouns", [])), frozenset(lead.get("adjectives", [])),
            frozenset(lead.get("own_nouns", [])))


def lead_body(ctx: Context) -> list[Relation]:
    """"Die Federführung liegt beim Ministerium M", "federführend ist M", "unter Leitung der M":
    M runs the programme named in the sentence, or the one the Doc is about."""
    nouns, adjs, own = built_once(ctx.cfg, "lead", _lead_words)
    runners = {"Ministry", "State", "Organization", "PublicAuthority"}
    cues = [t for t in ctx.find_affixed(nouns, words=adjs)
            if ctx.low[t] in adjs or (ctx.cap[t] and ctx.low[t].startswith(nouns))]
    out: list[Relation] = []
    for si in ctx.sentences_with(cues):
        a, b = ctx.sent_range(si)
        for t in within(cues, a, b):
            w = ctx.low[t]
            lo, hi = ctx.clause_of(t)
            after = [e for e in ctx.ents_in(t + 1, min(hi, t + 9)) if e.label != "Programme"]
            before = [e for e in ctx.ents_in(lo, t) if e.label != "Programme"] if w in adjs else []
            agent = (after or before or [None])[0]
            if agent is None or agent.label not in runners:
                continue
            progs = [e for e in ctx.ents_in(a, b) if e.label == "Programme"]
            if not progs and agent.label == "PublicAuthority" and w not in own:
                continue  # "Die Gesamtsteuerung liegt beim IT-Planungsrat": of something larger
            prog = progs[0] if progs else ctx.resolve_anaphor(t, ["Programme"])
            if prog is None:
                keys = {e.key for e in ctx.by_label.get("Programme", ([],))[0] if e.end <= t}
                prog = next((e for e in ctx.by_label["Programme"][0] if e.end <= t), None) if len(keys) == 1 else None
            if prog is not None and prog.start <= b:
                out.append(ctx.relation(agent, "runs", prog, "pattern:lead", 0.7, extra=[t]))
            break
    return out


def extract(ctx: Context) -> list[Relation]:
    """supports / funds / runs facts of the Doc."""
    cues = [(pred, ctx.find(firsts), by_first) for pred, (firsts, by_first) in _cue_index(ctx.cfg).items()]
    out: list[Relation] = provider_apposition(ctx) + lead_body(ctx)
    particles = ctx.cfg.triggers.get("agent_particles", {})
    for si in ctx.sentences_with(*(toks for _, toks, _ in cues)):
        a, b = ctx.sent_range(si)
        for pred, toks, by_first in cues:
            for c0, c1 in _cue_spans(ctx, toks, by_first, a, b):
                lo, hi = ctx.clause_of(c0)
                need = particles.get(ctx.low[c0])
                if need and next((ctx.low[k] for k in range(hi - 1, c0, -1) if ctx.alpha[k]), None) != need:
                    continue  # "lobt das Vorhaben" is praise, "lobt den Preis aus" runs it
                out += _one(ctx, pred, c0, c1, lo, hi)
    return out


def _one(ctx: Context, pred: str, c0: int, c1: int, lo: int, hi: int) -> list[Relation]:
    cfg = ctx.cfg
    money_words = built_once(cfg, "financial_modifiers", lambda c: frozenset(c.triggers.get("financial_modifiers", [])))
    if pred == "supports" and any(ctx.low[k] in money_words for k in range(max(lo, c0 - 4), c0)):
        pred = "funds"  # "finanziell durch das Ministerium unterstützt"
    agent, prep_tok = _agent_phrase(ctx, lo, hi, c0)
    attributive = c1 < hi and ctx.alpha[c1] and ctx.low[c0 - 1] not in ("hat", "wird", "wurde") \
        and ctx.low[c1 - 1][-1:] in ("e", "n", "s")
    pairs: list[tuple[Ent, Ent, list[int]]] = []
    if agent is not None:
        if attributive:
            pat = _after_participle(ctx, c1, hi)
            if pat is not None:
                pairs.append((agent, pat[0], [prep_tok, pat[1], c0]))
        else:
            for e, t in _patients(ctx, lo, hi, {agent.key}):
                pairs.append((agent, e, [prep_tok, t, c0]))
        extractor = "pattern:passive-agent"
    else:
        acts = [pred] + (["funds"] if pred == "supports" else [])  # support may turn out to be money
        can_act = [t for a in acts for t in ctx.cfg.domain["predicates"][a]["subject"]]
        subjects = [(e, e.start) for e in ctx.ents_in(lo, hi)
                    if ctx.governing_word(e) not in ctx.prepositions and not ctx.is_genitive_attribute(e)
                    and any(fits(cfg, a, e.label, o) for a in acts for o in ("Programme", "Municipality"))]
        if not subjects:
            found = ctx.subject_anaphor(lo, c0, can_act)  # "Das Land hat das Programm P aufgelegt"
            subjects = [found] if found is not None else []
        if not subjects:
            return []
        subj, s_tok = subjects[0]
        group = {x.key for x in ctx.coord_backward(subj)} | {x.key for x in ctx.coord_forward(subj)}
        group.add(subj.key)
        for e, t in _patients(ctx, lo, hi, group):
            pairs.append((subj, e, [s_tok, t, c0]))
        # "Das Land unterstützt den Ausbau aus dem Förderprogramm P": paid out of P
        if pred in ("supports", "funds"):
            for e in ctx.ents_in(lo, hi):
                if e.label == "Programme" and ctx.governing_word(e) in cfg.triggers.get("money_source_prepositions", []):
                    pairs.append((subj, e, [s_tok, e.start, c0]))
                    pred = "funds"
        extractor = "pattern:active-verb"
    out = []
    for s, o, toks in pairs:
        if s.key != o.key and fits(cfg, pred, s.label, o.label):
            ends = [s.start, s.end - 1, o.start, o.end - 1]  # generic nouns: reach back to the name
            ev = ctx.evidence([*toks, *ends], extractor, 0.75)
            out.append(Relation(s.key, pred, o.key, ev))
    return out
