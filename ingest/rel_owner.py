"""Which body a post belongs to when the text names it only indirectly.

* ``compound_owner``: the first part of a compound post names it ("NLT-Präsident", split into
  NLT / - / Präsident by the tokenizer, or one token "krz-Geschäftsführerin");
* ``ministry_for``: a minister's field names the ministry ("Innenminister" and "Ministerium des
  Innern", "Digitalministerin" and "Ministerium für Digitales").
"""
from __future__ import annotations

import re
from typing import Collection

from egovkg.ingest.rel_base import Context, Ent


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
        owner = (ctx.first_named.get(head) if head else None) or _named_by_first_word(ctx, head)
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
