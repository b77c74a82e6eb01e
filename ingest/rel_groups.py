"""Plural generic nouns that stand for a list named elsewhere: "die drei Ämter", "beide Städte".

"Das Amt A, das Amt B und das Amt C erhalten ... Die drei Ämter arbeiten mit Y zusammen": the
plural noun (``triggers.groups.nouns``, exact lower-case forms with the entity types they may
stand for) with a count word before it (``triggers.groups.counts``: "drei", "beiden", "3")
stands for the nearest coordinated list of exactly that many entities of its types: the
nearest one before it in the Doc, else (a headline: "Drei Kommunen im Kreis K starten ...")
one in the next few sentences. Without a count ("die Ämter") it stands for the nearest list
of at least two such entities in the last ``anaphor_window`` sentences, or the list of a
counted group noun of the same types in them ("Die drei Ämter ... Begleitet werden die Ämter").
"""
from __future__ import annotations

from egovkg.ingest.rel_base import Context, Ent, within
from egovkg.ingest.rel_config import RelConfig, memo

AHEAD = 3
"""Sentences after the noun searched for its list when none comes before it."""


def _groups(cfg: RelConfig) -> dict:
    known = memo(cfg, "rel_groups")
    if not known:
        g = cfg.triggers.get("groups", {})
        known.update(nouns={w: tuple(ts) for w, ts in g.get("nouns", {}).items()},
                     counts={w: int(n) for w, n in g.get("counts", {}).items()},
                     openers=frozenset(g.get("openers", [])), plain=frozenset(g.get("plain", [])),
                     name_words={w: frozenset(ws) for w, ws in g.get("name_words", {}).items()})
        known["words"] = frozenset(known["nouns"])
    return known


def group_nouns(ctx: Context) -> list[int]:
    """Tokens of plural generic nouns outside entities, capitalised, in Doc order."""
    return [t for t in ctx.find(_groups(ctx.cfg)["words"]) if ctx.cap[t]]


def count_of(ctx: Context, tok: int) -> tuple[int | None, int] | None:
    """``(count, first token of the noun phrase)`` of the group noun at ``tok``: "die drei
    Ämter" -> (3, token of "die"); "die Ämter" -> (None, ...); None when neither a count word
    nor (for the ``plain`` nouns) a plural article opens it."""
    g = _groups(ctx.cfg)
    i = tok - 1
    while i >= 0 and tok - i <= 3 and ctx.tok_ent[i] < 0 and ctx.lower_word[i] and ctx.low[i] not in g["counts"] \
            and ctx.low[i] not in ctx.determiners and ctx.low[i] not in g["openers"]:
        i -= 1  # adjectives: "die drei beteiligten Ämter"
    if i < 0 or ctx.tok_ent[i] >= 0:
        return None
    w = ctx.low[i]
    count = g["counts"].get(w)
    if count is None and w.isdigit() and len(w) == 1:
        count = int(w)
    if count is not None:
        j = i - 1
        if j >= 0 and (ctx.low[j] in ctx.determiners or ctx.low[j] in g["openers"]):
            return count, j
        return count, i
    if w in ("die", "den") and ctx.low[tok] in g["plain"]:
        return None, i
    return None


def _list_size(group: list[Ent]) -> int:
    return len({e.key for e in group})


def members(ctx: Context, tok: int) -> list[Ent]:
    """The entities the group noun at ``tok`` stands for (one mention each), or []."""
    found = count_of(ctx, tok)
    if found is None:
        return []
    count, _ = found
    types = set(_groups(ctx.cfg)["nouns"].get(ctx.low[tok], ()))
    si = ctx.tok_sent[tok]
    window = int(ctx.cfg.triggers.get("anaphor_window", 3))
    if count is None:  # "Die drei Ämter ... Begleitet werden die Ämter": the counted group's list
        for k in reversed(within(group_nouns(ctx), 0, tok)):
            if si - ctx.tok_sent[k] > window:
                break
            prev = count_of(ctx, k)
            if prev is not None and prev[0] is not None and set(_groups(ctx.cfg)["nouns"][ctx.low[k]]) == types:
                return members(ctx, k)
    seen: set[int] = set()
    for e in reversed(ctx.ents[:_first_ent_after(ctx, tok)]):
        if e.label not in types or e.idx in seen or e.end > tok:
            continue
        if count is None and si - ctx.tok_sent[e.start] > window:
            break
        group = [x for x in ctx.coord_backward(e) if x.label in types]
        seen.update(x.idx for x in group)
        size = _list_size(group)
        if (count is None and size >= 2) or size == count:
            return _one_each(group)
        named = _named_with(ctx, tok, group)  # "die beiden Ämter" of "Amt A, Amt B und Stadt C"
        if count is not None and len(named) < len(group) and _list_size(named) == count:
            return _one_each(named)
    if count is None:
        return []
    last = ctx.sents[min(len(ctx.sents) - 1, si + AHEAD)].end
    for e in ctx.ents[_first_ent_after(ctx, tok):]:
        if e.start >= last:
            break
        if e.label not in types or e.idx in seen:
            continue
        group = [x for x in ctx.coord_forward(e) if x.label in types]
        seen.update(x.idx for x in group)
        if _list_size(group) == count:
            return _one_each(group)
    return []


def _first_ent_after(ctx: Context, tok: int) -> int:
    """Index of the first entity starting after ``tok``."""
    later = ctx.ents_in(tok + 1, len(ctx.words))
    return later[0].idx if later else len(ctx.ents)


def _one_each(group: list[Ent]) -> list[Ent]:
    out: dict = {}
    for e in group:
        out.setdefault(e.key, e)
    return list(out.values())


def _named_with(ctx: Context, tok: int, group: list[Ent]) -> list[Ent]:
    """The members of ``group`` whose names begin with a word the group noun at ``tok`` counts."""
    words = _groups(ctx.cfg)["name_words"].get(ctx.low[tok], frozenset())
    return [x for x in group if ctx.low[x.start] in words]


def subject_group(ctx: Context, lo: int, hi: int) -> tuple[list[Ent], int]:
    """The group noun of tokens ``[lo, hi)`` not governed by a preposition ("Zudem arbeiten
    die drei Ämter ... zusammen") with its members, or ``([], -1)``."""
    for t in group_nouns(ctx):
        if t < lo:
            continue
        if t >= hi:
            break
        found = count_of(ctx, t)
        if found is None:
            continue
        start = found[1]
        if start > lo and ctx.low[start - 1] in ctx.prepositions:
            continue
        group = members(ctx, t)
        if group:
            return group, t
    return [], -1


def named_as(ctx: Context, k: int, window: int = 5) -> Ent | None:
    """The latest commune before token ``k`` (within ``window`` sentences) whose name begins
    with the generic noun at ``k`` ("die Verbandsgemeinde" -> "Verbandsgemeinde Obere Aller")."""
    first = ctx.sents[max(0, ctx.tok_sent[k] - window)].start
    for e in reversed(ctx.ents_in(first, k)):
        if e.label == "Municipality" and ctx.low[e.start] == ctx.low[k]:
            return e
    return None
