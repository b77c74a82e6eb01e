"""Owners of posts named before a person in forms ``rel_roles`` needs help with.

* "Der Staatssekretär beim Ministerium M, Name": a post with "bei"/"beim" before its body;
* "Die Digitalisierungsbeauftragte des Kreises, Name": the generic noun's entity;
* "Der Präsident des Gemeindetags, Name": a short genitive name of a body named in the Doc
  ("Gemeindetag Baden-Württemberg");
* "Dessen Präsident Name" at the start of a sentence: the subject of the sentence before;
  "die KDVZ, deren Geschäftsführerin Name ...": the body before the comma.
"""
from __future__ import annotations

from egovkg.ingest.rel_base import Context, Ent

OWNER_TYPES = ("Ministry", "PublicAuthority", "Organization", "Municipality", "District", "State")
_BODIES = ("Ministry", "PublicAuthority", "Organization")
POSSESSIVES = frozenset({"dessen", "deren"})
_AT = frozenset({"bei", "beim"})


def fronted_owner(ctx: Context, k: int) -> tuple[Ent, int] | None:
    """The owner of a post in "<Post> des|der|beim X, Name" where ``k`` is the comma; the
    owner's entity and the first token of its phrase (the determiner or preposition)."""
    x = k - 1
    if x < 2 or ctx.tok_ent[x] >= 0 or not ctx.cap[x] or not ctx.alpha[x]:
        return None
    g = x - 1
    if ctx.low[g] not in ("des", "der", "beim"):
        return None
    if ctx.low[g] == "der" and ctx.low[g - 1] in _AT:
        g -= 1  # "bei der Kreisverwaltung"
    word = ctx.words[x]
    if ctx.low[g] == "des" and word.endswith("s") and len(word) > 5:
        e = _short_name(ctx, word[:-1].removesuffix("e"), x)  # "des Gemeindetags"
        if e is not None:
            return e, g
    types = [t for t in ctx.anaphora[x] if t in OWNER_TYPES]
    e = ctx.resolve_anaphor(x, types) if types else None  # "des Kreises"
    return (e, g) if e is not None else None


def _short_name(ctx: Context, stem: str, before: int) -> Ent | None:
    """The only body named before ``before`` whose name begins with the word ``stem``."""
    found = {e.key: e for e in ctx.ents_in(0, before) if e.label in _BODIES
             and (ctx.words[e.start] == stem or e.kb.split()[0] == stem) and e.end - e.start > 1}
    return next(iter(found.values())) if len(found) == 1 else None


def possessive_owner(ctx: Context, k: int) -> Ent | None:
    """The body "Dessen"/"Deren" at token ``k`` stands for: at a sentence start, the subject of
    the sentence before; after a comma, the body right before it."""
    if ctx.low[k] not in POSSESSIVES:
        return None
    si = ctx.tok_sent[k]
    a, _ = ctx.sent_range(si)
    if k > 1 and ctx.words[k - 1] == ",":
        e = ctx.ent_at(k - 2)
        return e if e is not None and e.label in _BODIES else None
    if k != a or si == 0:
        return None
    pa, pb = ctx.sent_range(si - 1)
    subj = [e for e in ctx.ents_in(pa, pb) if e.label in _BODIES and ctx.governing_word(e) not in ctx.prepositions]
    return subj[0] if subj and subj[0].start <= pa + 3 else None
