"""More sentence forms of places and posts (``locatedIn``, ``heads``) in e-government news.

* "Der Landkreis K (Brandenburg) ...": a place followed by its Land in parentheses lies in it;
* "die in X ansässige KDVZ", "dem in X ansässigen Verband", "die KDVZ, die in X ansässig ist",
  "Die KDVZ ist in X ansässig": a body resident in a town or Land;
* "Die Verbandsgemeinde V (Land) mit Sitz in X", "die Verbandsgemeinde mit Sitz in X": a
  commune (or the generic noun standing for one) seated in a town (bodies: ``rel_location``);
* "P steht an der Spitze der O", "An der Spitze des Verbandes steht P": P heads O;
* "P übernimmt den Vorsitz des Verbandes": P heads the body (named or the generic noun's).

The cue words are in ``ontology/relations/triggers.json`` (``location.resident_forms``,
``post_frames``).
"""
from __future__ import annotations

from egovkg.ingest.rel_base import Context, Ent, within
from egovkg.ingest.rel_config import RelConfig, built_once
from egovkg.ingest.rel_groups import named_as
from egovkg.ingest.rel_patterns import BODY_TYPES, PLACE_LEVEL, _object_after
from egovkg.model import Relation

def extract(ctx: Context) -> list[Relation]:
    """locatedIn and heads facts of the forms above."""
    return _state_in_brackets(ctx) + _resident(ctx) + _commune_seat(ctx) + _top_posts(ctx)


def _state_in_brackets(ctx: Context) -> list[Relation]:
    return [ctx.relation(ctx.ents[e.idx - 1], "locatedIn", e, "pattern:place-bracket-state", 0.7)
            for e in ctx.ents if ctx.is_bracketed_state(e)]


def _resident(ctx: Context) -> list[Relation]:
    """"in X ansässig": the body named or meant around the adjective lies in X."""
    forms = built_once(ctx.cfg, "resident_forms",
                       lambda cfg: frozenset(cfg.triggers["location"].get("resident_forms", [])))
    out: list[Relation] = []
    n = len(ctx.words)
    for t in ctx.find(forms):
        place = ctx.ent_at(t - 1)
        if place is None or place.end != t or place.label not in PLACE_LEVEL \
                or ctx.governing_word(place) not in ("in", "im"):
            continue
        body = _resident_body(ctx, t, place, n)
        if body is not None and body.key != place.key:
            out.append(ctx.relation(body, "locatedIn", place, "pattern:resident-in", 0.7, extra=[t]))
    return out


def _resident_body(ctx: Context, t: int, place: Ent, n: int) -> Ent | None:
    nxt = ctx.ent_at(t + 1) if t + 1 < n else None
    if nxt is not None:  # "die in X ansässige KDVZ"
        return nxt if nxt.label in BODY_TYPES else None
    if t + 1 < n and ctx.cap[t + 1]:  # "dem in X ansässigen Verband"
        types = [x for x in ctx.anaphora[t + 1] if x in BODY_TYPES]
        return ctx.resolve_anaphor(t + 1, types) if types else None
    k = ctx.np_start(place) - 1  # the "in" before the place
    if k >= 2 and ctx.low[k - 1] in ctx.cfg.triggers["relative_pronouns"] and ctx.words[k - 2] == ",":
        before = ctx.ent_at(k - 3)  # "die KDVZ, die in X ansässig ist"
        return before if before is not None and before.label in BODY_TYPES else None
    lo, _ = ctx.clause_of(t)  # "Die KDVZ ist in X ansässig"
    subj = [e for e in ctx.ents_in(lo, k) if e.label in BODY_TYPES and ctx.governing_word(e) not in ctx.prepositions]
    return subj[0] if subj else None


def _commune_seat(ctx: Context) -> list[Relation]:
    """"Die Verbandsgemeinde V (Land) mit Sitz in X": a commune seated in a town."""
    seat, preps = built_once(ctx.cfg, "seats", lambda cfg: (frozenset(cfg.triggers["location"]["seat"]),
                                                            frozenset(cfg.triggers["location"]["seat_prepositions"])))
    out: list[Relation] = []
    for t in ctx.find(seat):
        if t < 2 or t + 2 >= len(ctx.words) or ctx.low[t - 1] != "mit" or ctx.low[t + 1] not in preps:
            continue
        place = _object_after(ctx, t + 1, 3)
        if place is None or place.label != "Municipality":
            continue
        k = t - 2
        if ctx.words[k] == ")":  # "V (Land) mit Sitz in X"
            while k > 0 and ctx.words[k] != "(" and t - k < 8:
                k -= 1
            k -= 1
        x = ctx.ent_at(k)
        if x is None and ctx.cap[k] and "Municipality" in ctx.anaphora[k] and ctx.low[k - 1] in ctx.determiners:
            x = named_as(ctx, k)  # "die Verbandsgemeinde mit Sitz in X"
        if x is not None and x.label == "Municipality" and x.key != place.key:
            out.append(ctx.relation(x, "locatedIn", place, "pattern:commune-seat", 0.7, extra=[t]))
    return out


def _post_frames(cfg: RelConfig) -> tuple[tuple[frozenset[str], frozenset[str], tuple[str, ...]], ...]:
    """``(nouns, verbs, words before the noun)`` of the "top" and the "chair" post frames."""
    frames = cfg.triggers.get("post_frames", {})
    return ((frozenset(frames.get("top_nouns", [])), frozenset(frames.get("top_verbs", [])), ("an",)),
            (frozenset(frames.get("chair_nouns", [])), frozenset(frames.get("chair_verbs", [])), ()))


def _top_posts(ctx: Context) -> list[Relation]:
    """"an der Spitze der O steht P", "P übernimmt den Vorsitz des Verbandes": P heads O."""
    out: list[Relation] = []
    for nouns, verbs, before in built_once(ctx.cfg, "post_frames", _post_frames):
        verb_toks = ctx.find(verbs)
        for t in ctx.find(nouns):
            if t < 2 or t + 2 >= len(ctx.words) or ctx.low[t + 1] not in ("des", "der"):
                continue
            if before and ctx.low[t - 2] not in before:
                continue
            a, b = ctx.sent_range(ctx.tok_sent[t])
            if not within(verb_toks, a, b):
                continue
            body = _genitive_body(ctx, t)
            people = [e for e in ctx.ents_in(a, b) if e.label == "Person"
                      and ctx.governing_word(e) not in ctx.prepositions]
            if body is not None and people:
                out.append(ctx.relation(people[0], "heads", body, "pattern:post-frame", 0.75, extra=[t]))
    return out


def _genitive_body(ctx: Context, t: int) -> Ent | None:
    """The body after "Spitze/Vorsitz des|der": named, or the one a generic noun stands for."""
    e = ctx.ent_at(t + 2)
    if e is None and t + 3 < len(ctx.words) and ctx.lower_word[t + 2]:
        e = ctx.ent_at(t + 3)  # "der kommunalen KDVZ"
    if e is not None:
        return e if e.label in BODY_TYPES else None
    types = [x for x in ctx.anaphora[t + 2] if x in BODY_TYPES]
    return ctx.resolve_anaphor(t + 2, types) if types and ctx.cap[t + 2] else None
