"""``locatedIn`` from surface patterns: seats, containment, addresses.

* "mit Sitz in X", "hat ihren Sitz in X" (the body of the sentence, or of the sentence before
  when this one names none: "Die Geschäftsstelle hat ihren Sitz in X");
* "A im Kreis K", "die Verbandsgemeinden A und B im Landkreis K" (every list member),
  "der Stadt im Kreis K" (the town the generic noun stands for);
* "Ministerium ... in X", "Institut für Y (IY) in X", "KDVZ aus Colm";
* "liegt im", "In <Land> hat sich die Stadt X ...", "Aus dem Kreis K ist die Stadt X dabei";
* "Drei Ämter im Kreis K" (the list the group noun stands for, ``rel_groups``);
* a postal address: "KDVZ, Hauptstraße 3, 12345 Colm" (the body named last before the
  postcode, within a few lines).
"""
from __future__ import annotations

from egovkg.ingest.rel_base import Context, within
from egovkg.ingest.rel_config import RelConfig, built_once
from egovkg.ingest.rel_groups import group_nouns, members
from egovkg.ingest.rel_member_forms import body_anaphor
from egovkg.ingest.rel_patterns import BODY_TYPES, PLACE_LEVEL, _object_after, is_party
from egovkg.model import Relation


def _word_sets(cfg: RelConfig) -> tuple[frozenset[str], ...]:
    """Seat nouns, seat prepositions, event prepositions, "lies in" words, seat town nouns of
    ``triggers.location``, and the agent prepositions."""
    loc = cfg.triggers["location"]
    return (frozenset(loc["seat"]), frozenset(loc["seat_prepositions"]), frozenset(loc["event_prepositions"]),
            frozenset(loc.get("lies_in", [])), frozenset(loc.get("seat_town_nouns", [])),
            frozenset(cfg.triggers["agent_prepositions"]))


def location(ctx: Context) -> list[Relation]:
    """locatedIn facts of the Doc."""
    seat, seat_preps, events, lies, town_words, agent = built_once(ctx.cfg, "rel_location", _word_sets)
    seat_toks, lies_toks = ctx.find(seat), ctx.find(lies)
    seat_town = ctx.find(town_words)
    # "der Stadt im Kreis K": generic nouns for a town followed by "im" / "in"
    generic = [t for t in ctx.generic_nouns if "Municipality" in ctx.anaphora[t]]
    out: list[Relation] = []
    # a sentence with one entity and none of these cue tokens states nothing: visit only those
    # with two entities (consecutive mentions in one sentence) or a cue
    sent_of = [ctx.tok_sent[e.start] for e in ctx.ents]
    pairs = [e.start for e, si, nxt in zip(ctx.ents, sent_of, sent_of[1:]) if si == nxt]
    for si in ctx.sentences_with(pairs, seat_toks, lies_toks, seat_town, generic):  # others state nothing
        a, b = ctx.sent_range(si)
        for t in within(seat_toks, a, b):
            if t + 1 < b and ctx.low[t + 1] in seat_preps:
                place = _object_after(ctx, t + 1, 3)
                bodies = [e for e in ctx.ents_in(a, t) if e.label in BODY_TYPES]
                conf = 0.85
                if not bodies:  # "Der Zweckverband mit Hauptsitz in X": the body the noun stands for
                    found = ctx.subject_anaphor(max(a - 1, 0), t, BODY_TYPES)
                    if found is not None and is_party(ctx, found[0]):  # the body the article is about
                        found = (body_anaphor(ctx, found[1]), found[1])
                    if found is not None and found[0] is not None and not is_party(ctx, found[0]):
                        bodies, conf = [found[0]], 0.6
                if not bodies and si > 0 and not ctx.ents_in(a, t):
                    # "Die Geschäftsstelle hat ihren Sitz in X" after a sentence about the body
                    pa, pb = ctx.sent_range(si - 1)
                    # agent: "betrieben von X. Die AöR mit Sitz in Y"
                    bodies = [e for e in ctx.ents_in(pa, pb) if e.label in BODY_TYPES
                              and (ctx.governing_word(e) not in ctx.prepositions or ctx.governing_word(e) in agent)][:1]
                    conf = 0.6
                if place is not None and place.label in PLACE_LEVEL and bodies:
                    out.append(ctx.relation(bodies[-1], "locatedIn", place, "pattern:seat", conf, extra=[t]))
        town_nouns = within(seat_town, a + 1, b - 1)
        if town_nouns:
            out += _seat_town(ctx, town_nouns)
        for t in within(lies_toks, a, b - 1):
            if ctx.low[t + 1] in seat_preps or ctx.low[t + 1] == "in":
                place = _object_after(ctx, t + 1, 3)
                lo, _ = ctx.clause_of(t)
                subj = [e for e in ctx.ents_in(lo, t) if e.label in PLACE_LEVEL or e.label in BODY_TYPES]
                if place is not None and place.label in PLACE_LEVEL and subj and subj[0].key != place.key:
                    out.append(ctx.relation(subj[0], "locatedIn", place, "pattern:lies-in", 0.8, extra=[t]))
        ents = ctx.ents_in(a, b)
        for x, y in zip(ents, ents[1:]):
            if y.start - x.end > 4:
                continue  # neither "X aus Y" nor "X (XY) im Kreis Y"
            gap = ctx.low[x.end:y.start]
            if gap[:1] == [")"]:
                gap = gap[1:]  # "Institut für X (IX) in Y"
            if gap == ["aus"] and x.label == "Organization" and y.label == "Municipality":
                out.append(ctx.relation(x, "locatedIn", y, "pattern:body-from-place", 0.6))  # "KDVZ aus Colm"
                continue
            if not gap or gap[0] not in ("in", "im") or len(gap) > 3 \
                    or any(w not in ctx.designators and w not in ("in", "im", "der", "dem") for w in gap):
                continue
            if x.label in ("Municipality", "District") and y.label in PLACE_LEVEL \
                    and PLACE_LEVEL[y.label] > PLACE_LEVEL[x.label]:
                # "die Verbandsgemeinden A und B im Landkreis K": the whole list
                for z in ctx.coord_backward(x):
                    if z.label in PLACE_LEVEL and PLACE_LEVEL[z.label] < PLACE_LEVEL[y.label]:
                        out.append(ctx.relation(z, "locatedIn", y, "pattern:contained-in", 0.75))
            elif x.label in BODY_TYPES and y.label in ("Municipality", "State") \
                    and ctx.governing_word(x) not in events:
                out.append(ctx.relation(x, "locatedIn", y, "pattern:body-in-place", 0.65))
        nouns = within(generic, a + 1, b - 2)
        if nouns:
            out += _generic_in_place(ctx, nouns)
        frame = ctx.low[a] in ("in", "im") or (ctx.low[a] == "aus" and ents and ents[0].label in ("District", "Region"))
        if frame and ents and ents[0].start <= a + 2 and ents[0].label in ("State", "District", "Region"):
            outer = ents[0]  # "Aus dem Kreis K ist die Stadt X dabei": only the subject, not "Lob für X"
            lo, hi = ctx.clause_of(outer.start)
            skip = ctx.prepositions if ctx.low[a] == "aus" else ("in", "im", "aus", "nach")
            beside = {x.key for x in ctx.coord_forward(outer)}  # "In Bremen und Bremerhaven": both frame
            for e in ctx.ents_in(outer.end, hi):
                if e.label in PLACE_LEVEL and PLACE_LEVEL[e.label] < PLACE_LEVEL[outer.label] \
                        and ctx.governing_word(e) not in skip and e.key not in beside:
                    out.append(ctx.relation(e, "locatedIn", outer, "pattern:sentence-frame-place", 0.6))
    return out + _addresses(ctx) + _group_in_place(ctx)


def _group_in_place(ctx: Context) -> list[Relation]:
    """"Drei Ämter im Kreis K starten ...": every member of the list the group noun stands for
    (``rel_groups``) lies in K."""
    out: list[Relation] = []
    n = len(ctx.words)
    for t in group_nouns(ctx):
        if t + 2 >= n or ctx.low[t + 1] not in ("im", "in"):
            continue
        place = _object_after(ctx, t + 1, 3)
        if place is None or place.label not in ("District", "Region", "State"):
            continue
        for e in members(ctx, t):
            if e.label in PLACE_LEVEL and PLACE_LEVEL[e.label] < PLACE_LEVEL[place.label]:
                out.append(ctx.relation(e, "locatedIn", place, "pattern:group-in-place", 0.6, extra=[t]))
    return out


def _addresses(ctx: Context, reach: int = 25) -> list[Relation]:
    """"Vitako e.V. / Markgrafenstraße 22, 10117 Berlin": a body, then a postcode and a town."""
    out: list[Relation] = []
    for y in ctx.ents:
        if y.label not in ("Municipality", "State") or y.start == 0:
            continue
        code = ctx.words[y.start - 1]
        if not (len(code) == 5 and code.isdigit()):
            continue
        before = [e for e in ctx.ents_in(max(0, y.start - reach), y.start)]
        if before and before[-1].label in BODY_TYPES:
            out.append(ctx.relation(before[-1], "locatedIn", y, "pattern:address", 0.6))
    return out


def _generic_in_place(ctx: Context, toks: list[int]) -> list[Relation]:
    """"der Stadt im Kreis K": a generic noun standing for a named town (at one of ``toks``),
    placed in a district."""
    out: list[Relation] = []
    types = ["Municipality"]
    for t in toks:
        if ctx.low[t - 1] not in ctx.determiners or ctx.low[t + 1] not in ("im", "in"):
            continue
        place = _object_after(ctx, t + 1, 3)
        town = ctx.resolve_anaphor(t, types)
        if place is not None and town is not None and place.label in ("District", "Region", "State"):
            out.append(ctx.relation(town, "locatedIn", place, "pattern:generic-in-place", 0.6, extra=[t]))
    return out


def _seat_town(ctx: Context, toks: list[int]) -> list[Relation]:
    """"Colm ist Kreisstadt des Landkreises K": the town named before the noun (at one of
    ``toks``) lies in K."""
    out: list[Relation] = []
    for t in toks:
        if ctx.low[t + 1] not in ("des", "der"):
            continue
        area = _object_after(ctx, t, 3)
        lo, _ = ctx.clause_of(t)
        towns = [e for e in ctx.ents_in(lo, t) if e.label == "Municipality"
                 and ctx.governing_word(e) not in ctx.prepositions]
        if area is not None and area.label in ("District", "Region", "State") and towns:
            out.append(ctx.relation(towns[-1], "locatedIn", area, "pattern:seat-town", 0.75, extra=[t]))
    return out
