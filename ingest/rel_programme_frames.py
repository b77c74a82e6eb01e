"""Programme facts from three frequent frames of e-government news.

* grant notices handed over: "Das Ministerium M hat die ersten Förderbescheide aus dem
  Programm „P“ übergeben", "M überreicht Zuwendungsbescheide aus P": M pays for P (funds)
  and owns it (runs); the sums themselves are ``rel_funding``'s;
* a joint project as the frame: "Im gemeinsamen Projekt „P“ wollen beide Partner ...", "Im
  gemeinsamen Vorhaben P entwickeln A und B ...": the bodies named as subject run P, the
  towns and districts take part in it;
* first users: "Als erste Anwender sollen der Kreis K und die Stadt S ihre Verfahren in die
  Plattform P verlagern" -> K and S take part in P (the programme named in the sentence);
* a choice: "Die Jury entschied sich für den Kreis K und die Stadt S" -> K and S take part in
  the one programme named in this sentence or the one before.

The cue words are ``triggers.programme_frames``.
"""
from __future__ import annotations

from egovkg.ingest.rel_base import QUOTES, Context, Ent, within
from egovkg.ingest.rel_config import RelConfig, fits, memo
from egovkg.ingest.rel_groups import subject_group
from egovkg.ingest.rel_patterns import is_party
from egovkg.model import Relation

PLACES = frozenset({"Municipality", "District", "Region"})
RUNNERS = frozenset({"Ministry", "State", "Organization"})


def _cues(cfg: RelConfig) -> dict:
    known = memo(cfg, "rel_programme_frames")
    if not known:
        f = cfg.triggers.get("programme_frames", {})
        known.update(notices=tuple(f.get("notice_nouns", [])), handover=frozenset(f.get("handover_verbs", [])),
                     joint=frozenset(f.get("joint_words", [])), users=frozenset(f.get("first_user_nouns", [])),
                     first=frozenset(f.get("first_words", [])), choice=frozenset(f.get("choice_verbs", [])))
    return known


def _subjects(ctx: Context, lo: int, hi: int) -> list[Ent]:
    """Entities of ``[lo, hi)`` not governed by a preposition (nor genitive attributes)."""
    return [e for e in ctx.ents_in(lo, hi) if ctx.governing_word(e) not in ctx.prepositions
            and not ctx.is_genitive_attribute(e) and not is_party(ctx, e)]


def grant_notices(ctx: Context) -> list[Relation]:
    """"M hat Förderbescheide aus dem Programm P übergeben": M funds and runs P."""
    cues = _cues(ctx.cfg)
    nouns = cues["notices"]
    toks = [t for t in ctx.find_affixed(nouns) if ctx.cap[t]]
    verbs = ctx.find(cues["handover"])
    out: list[Relation] = []
    for t in toks:
        lo, hi = ctx.clause_of(t)
        verb = within(verbs, lo, hi)
        if not verb:
            continue
        j = t + 1  # "aus dem (Programm) „P“", "des Programms P"
        while j < hi and j - t <= 5 and ctx.tok_ent[j] < 0 and (
                ctx.low[j] in ("aus", "im", "des", "der", "dem", "rahmen") or ctx.anaphora[j] or ctx.words[j] in QUOTES
                or ctx.lower_word[j]):
            j += 1
        prog = ctx.ent_at(j)
        if prog is None or prog.label != "Programme" or ctx.low[t + 1] not in ("aus", "im", "des", "der"):
            continue
        agents = [e for e in _subjects(ctx, lo, t) if e.label in ("Ministry", "State")]
        for pred in ("funds", "runs"):
            out += [ctx.relation(e, pred, prog, "pattern:grant-notices", 0.7, extra=[t, verb[0]]) for e in agents[:1]]
    return out


def joint_project(ctx: Context) -> list[Relation]:
    """"Im gemeinsamen Projekt „P“ wollen beide Partner ...": the subjects own P."""
    cues = _cues(ctx.cfg)
    out: list[Relation] = []
    for prog in ctx.by_label.get("Programme", ([],))[0]:
        a = ctx.sents[ctx.tok_sent[prog.start]].start
        if ctx.low[a] not in ("im", "in") or prog.start - a > 6:
            continue  # the frame opens the sentence
        i = ctx.np_start(prog)
        if i < 2 or ctx.low[i - 1] not in ("im", "in") or not any(ctx.low[k] in cues["joint"] for k in range(i, prog.start)):
            continue
        if i - 1 != a:
            continue
        v = prog.end
        while v < len(ctx.words) and ctx.words[v] in QUOTES:
            v += 1
        lo, hi = ctx.clause_of(v)
        subjects = _subjects(ctx, v + 1, hi) or subject_group(ctx, v + 1, hi)[0]
        for e in subjects:
            pred = "participatesIn" if e.label in PLACES else "runs"
            if e.key != prog.key and fits(ctx.cfg, pred, e.label, "Programme"):
                out.append(ctx.relation(e, pred, prog, "pattern:joint-project", 0.65, extra=[v]))
    return out


def first_users(ctx: Context) -> list[Relation]:
    """"Als erste Anwender sollen K und S ... in die Plattform P verlagern": K, S take part in P."""
    cues = _cues(ctx.cfg)
    out: list[Relation] = []
    for t in ctx.find(cues["users"]):
        if not ctx.cap[t] or t < 1:
            continue
        k = t - 1
        if ctx.low[k] in cues["first"]:
            k -= 1
        if k < 0 or ctx.low[k] != "als":
            continue
        lo, hi = ctx.clause_of(t)
        a, b = ctx.sent_range(ctx.tok_sent[t])
        progs = [e for e in ctx.ents_in(a, b) if e.label == "Programme"]
        if not progs:
            continue
        for e in _subjects(ctx, lo, hi):
            if e.label in PLACES or e.label == "Organization":
                out.append(ctx.relation(e, "participatesIn", progs[0], "pattern:first-users", 0.65, extra=[t]))
    return out


def chosen_for(ctx: Context) -> list[Relation]:
    """"Die Jury entschied sich für den Kreis K, die Stadt S und ...": the list after "sich
    für" takes part in the programme of the sentence, else the one of the sentence before."""
    out: list[Relation] = []
    for t in ctx.find(_cues(ctx.cfg)["choice"]):
        lo, hi = ctx.clause_of(t)
        k = next((j for j in range(t + 1, min(hi, t + 8)) if ctx.low[j] == "für"), None)
        if k is None or "sich" not in ctx.low[lo:k]:
            continue
        j = k + 1
        while j < hi and j - k <= 3 and ctx.tok_ent[j] < 0 and (ctx.low[j] in ctx.determiners
                                                                 or ctx.low[j] in ctx.designators):
            j += 1
        first = ctx.ent_at(j)
        if first is None or first.label not in PLACES:
            continue
        si = ctx.tok_sent[t]
        a = ctx.sent_range(si - 1)[0] if si > 0 else lo
        progs = [e for e in ctx.ents_in(a, ctx.sent_range(si)[1]) if e.label == "Programme"]
        if len(progs) != 1 and len({e.key for e in progs}) != 1:
            continue
        for e in ctx.coord_forward(first):
            if e.label in PLACES:
                out.append(ctx.relation(e, "participatesIn", progs[0], "pattern:chosen-for", 0.6, extra=[t]))
    return out


def extract(ctx: Context) -> list[Relation]:
    """Programme facts of the frames."""
    return grant_notices(ctx) + joint_project(ctx) + first_users(ctx) + chosen_for(ctx)
