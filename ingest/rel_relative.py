"""``supports`` said in a relative clause, with a copula or of a service of a town.

* relative clause: "... von der KDVZ aus Colm betrieben, die bereits die IT der Stadt X
  betreut" / "Die Lösung stammt von der Anstalt A (AA), die das Landratsamt begleitet hat":
  the relative pronoun is the subject, so the body named right before the comma supports
  the town (or programme) of the clause;
* copula: "Die KDVZ ist der IT-Dienstleister der Stadt X" (the apposition "Die KDVZ,
  IT-Dienstleister der Stadt X" is ``rel_agents.provider_apposition``);
* a service of a town as the patient: "betreut die IT der Stadt X", "betreibt das
  Melderegister der Stadt": the genitive attribute after a service noun
  (``triggers.service_heads``) is who is served, where other genitive attributes are not
  (``service_owner``, used by ``rel_agents`` too).
"""
from __future__ import annotations

from egovkg.ingest.rel_base import Context, Ent, within
from egovkg.ingest.rel_config import RelConfig, memo
from egovkg.model import Relation

SUBJECTS = frozenset({"Ministry", "PublicAuthority", "Organization"})
SERVED = frozenset({"Municipality", "District", "Region", "Programme"})
PRONOUNS = frozenset({"die", "der", "das", "welche", "welcher", "welches"})
AUX_AFTER = frozenset({"hat", "hatte", "haben", "hatten", "soll", "sollen", "will", "wollen", "kann", "können",
                       "wird", "werden", "möchte", "möchten"})
PASSIVE = frozenset({"wird", "werden", "wurde", "wurden", "worden"})
COPULAS = frozenset({"ist", "sind", "war", "waren", "bleibt", "bleiben"})


def _cues(cfg: RelConfig) -> dict:
    known = memo(cfg, "rel_relative")
    if not known:
        known.update(support=frozenset(w for w in cfg.triggers["agents"]["supports"] if " " not in w),
                     operate=frozenset(cfg.triggers.get("service_verbs", [])),
                     heads=frozenset(cfg.triggers.get("service_heads", [])),
                     provider=tuple(cfg.triggers.get("provider_nouns", [])))
    return known


def service_owner(ctx: Context, e: Ent) -> bool:
    """"die IT der Stadt X": ``e`` is the genitive attribute of a service noun (its owner is
    the one served), not of any other noun ("der Vorschlag der Stadt X")."""
    i = ctx.np_start(e)
    if i < 2 or ctx.low[i] not in ("der", "des"):
        return False
    return ctx.low[i - 1] in _cues(ctx.cfg)["heads"] and ctx.tok_ent[i - 1] < 0


def _antecedent(ctx: Context, a: int, comma: int) -> Ent | None:
    """The entity a relative pronoun after the comma at ``comma`` refers to: the last one
    before it in the sentence (its place "aus Y" / "in Y" skipped), a few tokens away at most."""
    before = ctx.ents_in(a, comma)
    if not before:
        return None
    e = before[-1]
    if len(before) > 1 and e.label in ("Municipality", "District", "State"):
        prev = before[-2]
        if e.start - prev.end <= 2 and ctx.low[e.start - 1] in ("aus", "in", "im"):
            e = prev  # "von der KDVZ aus Colm betrieben, die ..."
    gap = [t for t in range(e.end, comma) if ctx.words[t] not in ("(", ")") and ctx.tok_ent[t] < 0]
    gap = [t for t in gap if not (e.start < t and ctx.ent_at(t - 1) is not None)]
    return e if comma - e.end <= 6 and len(gap) <= 4 else None


def _patients(ctx: Context, lo: int, hi: int, exclude: set) -> list[tuple[Ent, int, bool]]:
    """``(entity, token, served through a service noun)`` of the clause ``[lo, hi)``: the
    patients ``rel_agents`` takes, and the owners of a service ("die IT der Stadt X", "das
    Melderegister der Stadt")."""
    from egovkg.ingest.rel_agents import _patients as plain

    out = [(e, t, False) for e, t in plain(ctx, lo, hi, exclude)]
    seen = {e.idx for e, _, _ in out}
    out += [(e, e.start, True) for e in ctx.ents_in(lo, hi)
            if e.idx not in seen and e.key not in exclude and service_owner(ctx, e)]
    heads = _cues(ctx.cfg)["heads"]
    for t in range(lo + 2, hi):
        if ctx.anaphora[t] and ctx.low[t - 1] in ("der", "des") and ctx.low[t - 2] in heads \
                and (t + 1 >= hi or ctx.tok_ent[t + 1] < 0):  # not "der Stadt X": X is named
            e = ctx.resolve_anaphor(t, ctx.anaphor_types(t))
            if e is not None and e.key not in exclude:
                out.append((e, t, True))
    return out


def relative_supports(ctx: Context) -> list[Relation]:
    """", die (bereits) die IT der Stadt X betreut": the body before the comma supports X."""
    cues = _cues(ctx.cfg)
    toks = ctx.find(cues["support"] | cues["operate"])
    out: list[Relation] = []
    for si in ctx.sentences_with(toks):
        a, b = ctx.sent_range(si)
        for c0 in within(toks, a, b):
            if not any(ctx.words[k] == "," and ctx.low[k + 1] in PRONOUNS for k in range(a, c0)):
                continue  # no relative clause before the verb
            lo, hi = ctx.clause_of(c0)
            if lo <= a or ctx.words[lo - 1] != "," or ctx.low[lo] not in PRONOUNS:
                continue
            rest = [ctx.low[t] for t in range(c0 + 1, hi) if ctx.alpha[t]]
            if any(w not in AUX_AFTER for w in rest) or PASSIVE & set(rest):
                continue  # not the verb closing the clause, or a passive ("betreut wird")
            inner = ctx.ents_in(lo, c0)
            if any(e.label in SUBJECTS and ctx.governing_word(e) not in ctx.prepositions for e in inner) \
                    or any(ctx.low[t] in ctx.cfg.triggers["agent_prepositions"] for t in range(lo, c0)):
                continue  # ", die die KDVZ betreut": the pronoun is the object
            subj = _antecedent(ctx, a, lo - 1)
            if subj is None or subj.label not in SUBJECTS:
                continue
            operate = ctx.low[c0] in cues["operate"]  # "betreibt" serves only through a service noun
            for e, t, served in _patients(ctx, lo + 1, c0, {subj.key}):
                if e.label == "Programme" and t != e.start:
                    continue  # "die das Projekt berät": which project is too loose a guess here
                if e.label in SERVED and (served or not operate):
                    out.append(ctx.relation(subj, "supports", e, "pattern:relative-supports", 0.7,
                                            extra=[t, c0]))
    return out


def provider_copula(ctx: Context) -> list[Relation]:
    """"Die KDVZ ist (der kommunale) IT-Dienstleister der Stadt X": the body serves X."""
    nouns = _cues(ctx.cfg)["provider"]
    n = len(ctx.words)
    out: list[Relation] = []
    for t in ctx.find_affixed(suffixes=nouns):
        if not ctx.cap[t] or t + 2 >= n or ctx.low[t + 1] not in ("der", "des", "für", "von"):
            continue
        k = t - 1
        if k > 1 and ctx.words[k] == "-" and not ctx.space[k - 1] and not ctx.space[k]:
            k -= 2  # "IT - Dienstleister" split by the tokenizer
        while k > 0 and ctx.tok_ent[k] < 0 and (ctx.low[k] in ctx.determiners or ctx.lower_word[k]) \
                and ctx.low[k] not in COPULAS:
            k -= 1
        if ctx.low[k] not in COPULAS:
            continue
        lo, _ = ctx.clause_of(k)
        subj = [e for e in ctx.ents_in(lo, k) if ctx.governing_word(e) not in ctx.prepositions]
        j = t + 2
        while j < n and ctx.tok_ent[j] < 0 and (ctx.low[j] in ctx.designators or ctx.low[j] in ctx.determiners):
            j += 1
        place = ctx.ent_at(j)
        if subj and subj[0].label in SUBJECTS and place is not None and place.start == j \
                and place.label in ("Municipality", "District"):
            out.append(ctx.relation(subj[0], "supports", place, "pattern:provider-copula", 0.7, extra=[t]))
    return out


def extract(ctx: Context) -> list[Relation]:
    """supports facts from relative clauses and provider copulas."""
    return relative_supports(ctx) + provider_copula(ctx)
