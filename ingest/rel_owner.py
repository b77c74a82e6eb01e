"""Which body a post belongs to when the text names it only indirectly.

* ``compound_owner``: the first part of a compound post names it ("NLT-Präsident", split into
  NLT / - / Präsident by the tokenizer, or one token "krz-Geschäftsführerin");
* ``ministry_for``: a minister's field names the ministry ("Innenminister" and "Ministerium des
  Innern", "Digitalministerin" and "Ministerium für Digitales");
* ``fallback_owner``: no body next to the post: the one the post word implies, the nearest
  fitting mention, the body of the sentence before, or the Doc's town.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Collection

from egovkg.ingest.rel_base import Context, Ent

if TYPE_CHECKING:
    from egovkg.ingest.rel_roles import _Post

BODY_TYPES = frozenset({"Ministry", "PublicAuthority", "Organization"})


def compound_owner(ctx: Context, i: int, parties: Collection[str]) -> Ent | None:
    """The organisation the compound post at token ``i`` names, or None (parties are no employer).

    Args:
        ctx: The Doc's context.
        i: Token of the post word ("Präsident" after "NLT -", or "krz-Geschäftsführerin").
        parties: Lower-case party names.
    """
    words = ctx.words
    glued = i >= 2 and words[i - 1] == "-" and not ctx.space[i - 1] and not ctx.space[i - 2]
    if glued and ctx.tok_ent[i - 2] >= 0:
        owner: Ent | None = ctx.ents[ctx.tok_ent[i - 2]]
    elif glued or "-" in words[i].strip("-"):
        head = words[i - 2] if glued else words[i].split("-", 1)[0]
        whole = words[i].strip("-").rsplit("-", 1)[0]  # "eGo-Saar-Geschäftsführer": the body eGo-Saar
        owner = (ctx.first_named.get(whole) if not glued and whole != head else None) \
            or (ctx.first_named.get(head) if head else None) or _named_by_first_word(ctx, head)
    else:
        return None
    if owner is None or owner.label in ("Person", "Programme") \
            or owner.kb.lower() in parties or owner.text.lower() in parties:
        return None
    return owner


def _named_by_first_word(ctx: Context, head: str) -> Ent | None:
    """"KID-Geschäftsführerin" and the body "KID Magdeburg": a body whose name begins with the
    compound's first part (an acronym, at least two capitals) when exactly one does."""
    if sum(c.isupper() for c in head) < 2:
        return None
    found = {e.key: e for e in ctx.ents if e.label in ("Organization", "PublicAuthority", "Ministry")
             and (e.text.split()[0] == head or e.kb.split()[0] == head)}
    return next(iter(found.values())) if len(found) == 1 else None


def ministry_for(ctx: Context, prefix: str, tok: int, si: int, whole_doc: bool = False) -> Ent | None:
    """The ministry a minister's post names.

    Args:
        ctx: The Doc's context.
        prefix: The compound's first part ("innen" of "Innenministerin", "" for "Minister").
        tok: Token of the post word.
        si: Sentence of the person.
        whole_doc: Also look beyond the neighbour sentences (by the field only).

    Returns:
        By the field: the matching ministry of the neighbour sentences, else (``whole_doc``) of the
        Doc, nearest first; federal posts prefer federal ministries. Without a field: the only
        ministry of the neighbour sentences. Else None.
    """
    lo = ctx.sents[max(0, si - 1)].start
    hi = ctx.sents[min(len(ctx.sents) - 1, si + 1)].end
    near = [e for e in ctx.ents_in(lo, hi) if e.label == "Ministry"]
    stems = [re.sub(r"^(bundes|landes|staats)", "", s.lower())[:4] for s in re.split(r"[\s-]+", prefix)]
    stems = [s for s in stems if len(s) == 4]
    if not stems:
        return near[0] if len({m.key for m in near}) == 1 else None
    pool = [e for e in ctx.ents if e.label == "Ministry"] if whole_doc else near
    hits = [m for m in pool
            if any(re.search(r"\b" + re.escape(s), m.kb.lower() + " " + m.text.lower()) for s in stems)]
    federal = prefix.lower().startswith("bundes")
    hits = [m for m in hits if m.kb.lower().startswith("bundes") == federal] or hits
    return min(hits, key=lambda m: (m not in near, abs(m.start - tok))) if hits else None


def fallback_owner(ctx: Context, p: Ent, post: _Post) -> Ent | None:
    """The organisation a post belongs to when the text names none next to it.

    Args:
        ctx: The Doc's context.
        p: The person.
        post: The post (``rel_roles._Post``); ``post.weak`` is set when only a Land is found.
    """
    si = ctx.tok_sent[p.start]
    info = post.info
    if info.implies_entity:
        named = [e for e in ctx.ents if e.kb == info.implies_entity]
        if named:
            return min(named, key=lambda e: abs(e.start - post.tok))
    if info.implies == "Ministry":
        ministry = ministry_for(ctx, post.prefix, post.tok, si, True)
        if ministry is not None:
            return ministry
        # no ministry named: a Land's minister or state secretary works for the Land
        level = "Country" if post.prefix.lower().startswith("bundes") else "State"
        places = ("in", "im", "aus", "nach", "bei", "beim")  # "sprach in Berlin" is a venue

        def lands(k: int) -> list[Ent]:
            return [e for e in ctx.ents_in(*ctx.sent_range(k))
                    if e.label == level and ctx.governing_word(e) not in places]
        states = lands(si)
        if si > 0 and not states:
            states = lands(si - 1)
        if not states:
            states = [e for e in ctx.ents if e.label == level]  # the Doc's only Land
        post.weak = True
        return states[0] if len({s.key for s in states}) == 1 else None
    wanted = set(post.units)
    if not wanted:  # the compound names the kind of employer: "Kreisbeigeordneter", "Verbandsgeschäftsführer"
        for pref, etype in ctx.cfg.role_lists.get("prefix_implies", {}).items():
            if post.prefix.lower().startswith(pref):
                wanted = {etype}
                break
    wanted = wanted or ({info.implies} if info.implies else set())
    a, b = ctx.sent_range(si)
    if post.tok > a + 1 and ctx.low[post.tok - 1] in ("dessen", "deren"):
        # "Auch der Verband V hilft; dessen Geschäftsführerin X": the body named before in the sentence
        own = [e for e in ctx.ents_in(a, post.tok - 1) if e.label in (wanted or BODY_TYPES)
               and ctx.governing_word(e) not in ctx.prepositions]
        if own:
            return own[-1]
    same = ctx.nearest(post.tok, a, b, wanted) if wanted else None
    if same is not None:
        return same
    if post.tok == a and si > 0 and not info.heads_types:
        # "Auch der Verband V unterstützt das. Beigeordnete X sagte ...": the body just named
        pa, pb = ctx.sent_range(si - 1)
        prev = [e for e in ctx.ents_in(pa, pb) if ctx.governing_word(e) not in ctx.prepositions]
        if prev and prev[0].label in BODY_TYPES and not any(e.label in wanted for e in ctx.ents_in(pa, pb)):
            return prev[0]
    if not wanted:
        return None
    if post.tok > 0 and ctx.low[post.tok - 1] in ("dessen", "deren"):
        # "Deren Geschäftsführerin X": the owner is the previous sentence's, or unnamed
        prev = [e for e in ctx.ents_in(*ctx.sent_range(si - 1)) if e.label in wanted] if si > 0 else []
        return prev[0] if len({e.key for e in prev}) == 1 else None
    near = ctx.resolve_anaphor(a, wanted)  # the most mentioned one of the last sentences
    if near is None or ctx.governing_word(near) in ("in", "im", "aus", "nach", "bei", "beim", "mit"):
        # only a seat or venue nearby ("mit Sitz in L"): the article's own town, when it has one
        count = ctx.mention_count
        cands = [e for e in ctx.ents if e.label in wanted and e.start < post.tok and count[e.key] >= 2]
        if cands:
            best = max(cands, key=lambda e: (count[e.key], -e.idx))
            if near is None or count[best.key] > count[near.key]:
                return best
    return near


def has_holder(ctx: Context, g: int) -> bool:
    """The post word at ``g`` already has its holder before it ("X ist neue Bürgermeisterin des
    Marktes M, Y steht ..."): a Person earlier in the sentence with no comma, semicolon or colon
    between."""
    a, _ = ctx.sent_range(ctx.tok_sent[g])
    for t in range(g - 1, a - 1, -1):
        if ctx.words[t] in (",", ";", ":"):
            return False
        e = ctx.ent_at(t)
        if e is not None and e.label == "Person":
            return True
    return False
