"""Who pays and who receives a sum, read from the verb and its prepositions.

Helpers of ``egovkg.ingest.rel_funding``; all word lists are in
``ontology/relations/funding.json``:

* the subject of a giving verb pays ("Der Landkreis stellt ... bereit", "Zusätzlich beteiligt
  sich das Land mit ...", "Der Kreis fördert die Gemeinde mit ...");
* the owner of the pot a sum comes from pays ("aus dem Budget des IT-Rats", "aus Mitteln des
  Bundes");
* "von X" is the payer only when X is not the agent of another passive verb ("das von der
  Agentur verwaltet wird");
* the programme a sum belongs to may be named in the sentence after the sum ("beteiligt sich
  mit ... an dem Vorhaben") or earlier in the same paragraph ("Der Wettbewerb ist mit ...
  dotiert. ... Zusätzlich stellt das Land ... bereit").
"""
from __future__ import annotations

from typing import Iterable

from egovkg.ingest.rel_base import Context, Ent, within

# an area or body may pay its own money: a Kreis, a city, a Land, a ministry
PAYER_TYPES = frozenset({"Municipality", "District", "Region", "State", "Country", "Ministry",
                         "PublicAuthority", "Organization"})
CLOSERS = (")", "“", "”", '"', "»", "«")
# articles of an accusative or dative noun phrase: after the verb they open an object
OBJECT_ARTICLES = frozenset({"den", "dem", "einen", "einem"})


def _np_entity(ctx: Context, j: int, b: int, types: Iterable[str]) -> Ent | None:
    """The entity (or resolved generic noun with an article) whose noun phrase starts at ``j``."""
    want = frozenset(types)
    while j < b and ctx.tok_ent[j] < 0 and (ctx.low[j] in ctx.determiners or ctx.is_word(j)) \
            and not ctx.anaphor_types(j):
        j += 1
    if j >= b:
        return None
    e = ctx.ent_at(j)
    if e is None:
        kinds = [x for x in ctx.anaphor_types(j) if x in want]
        if kinds and j > 0 and ctx.low[j - 1] in ctx.determiners:
            e = ctx.resolve_anaphor(j, kinds)
    return e if e is not None and e.label in want else None


def giving_subject(ctx: Context, a: int, b: int, tok: int, verbs: dict[str, list[str]]) -> Ent | None:
    """The payer as the subject of a giving verb before the sum at ``tok`` in sentence ``[a, b)``.

    German puts the finite verb second: the subject either opens the sentence right before the
    verb ("Der Landkreis stellt ...") or follows it ("Zusätzlich stellt das Land ...",
    "Zusätzlich beteiligt sich das Land ..."). A verb with particles ("stellt ... bereit")
    counts only when one of them stands in the sentence.
    """
    low = ctx.low
    rest = " " + " ".join(low[a:b]) + " "
    for v in range(a, min(b, tok)):
        parts = verbs.get(low[v])
        if parts is None or ctx.tok_ent[v] >= 0:
            continue
        if parts and not any(f" {p} " in rest for p in parts):
            continue
        # the subject before the verb: a noun phrase that opens the sentence
        if v > a:
            e = ctx.ent_at(v - 1)
            if e is None:  # "Das Ministerium für X (MX) fördert": the name before the short form
                e = _before_short_form(ctx, v)
            if e is None and ctx.anaphor_types(v - 1) and v - 2 == a and low[a] in ctx.determiners:
                kinds = [x for x in ctx.anaphor_types(v - 1) if x in PAYER_TYPES]
                e = ctx.resolve_anaphor(v - 1, kinds) if kinds else None
                if e is not None and e.label in PAYER_TYPES:
                    return e
            elif e is not None and e.label in PAYER_TYPES and e.end <= v and ctx.np_start(e) == a:
                return e
        # ... or right after it ("stellt das Land", "beteiligt sich das Land"); "fördert den
        # Verband", "zahlt dem Kreis": an object, not the subject
        j = v + 1
        if j < b and low[j] == "sich":
            j += 1
        if j < b and low[j] in ctx.determiners and low[j] not in OBJECT_ARTICLES:
            e = _np_entity(ctx, j, b, PAYER_TYPES)
            if e is not None and e.start < tok:
                return e
        return None
    return None


def _before_short_form(ctx: Context, v: int) -> Ent | None:
    """The entity before "(MX)" when the short form in brackets ends right before token ``v``."""
    if v < 4 or ctx.words[v - 1] != ")":
        return None
    short = ctx.ent_at(v - 2)
    if short is None or short.start < 2 or ctx.words[short.start - 1] != "(":
        return None
    e = ctx.ent_at(short.start - 2)
    return e if e is not None and e.key == short.key else None


def giving_object(ctx: Context, a: int, b: int, tok: int, verbs: dict[str, list[str]],
                  types: Iterable[str], funder: Ent | None) -> Ent | None:
    """The recipient as the object of a giving verb that needs no particle, named by a generic
    noun with an article before the sum at ``tok`` ("Das Land fördert den Verband mit ...",
    "Zusätzlich fördert das Land die Stadt mit ..."): the entity the noun stands for."""
    low = ctx.low
    for v in range(a, min(b, tok)):
        if verbs.get(low[v]) != [] or ctx.tok_ent[v] >= 0:
            continue
        j = v + 1
        for _ in range(2):  # the object, or the object after a subject that follows the verb
            if j >= tok or low[j] not in ctx.determiners:
                return None
            k = j + 1
            while k < tok and ctx.tok_ent[k] < 0 and ctx.is_word(k) and not ctx.anaphor_types(k):
                k += 1
            if k >= tok:
                return None
            e = _np_entity(ctx, j, tok, types) if ctx.tok_ent[k] < 0 else None
            if ctx.tok_ent[k] >= 0:
                named = ctx.ent_at(k)
                if funder is None or named.key != funder.key:
                    return None  # a named object is a recipient of its sentence already
                j = named.end
                continue
            if e is not None and (funder is None or e.key != funder.key):
                return e
            if e is None:
                return None
            j = k + 1
        return None
    return None


def pot_owner(ctx: Context, ents: list[Ent], pots: Iterable[str]) -> Ent | None:
    """"aus dem Digitalisierungsbudget des IT-Rats", "aus Mitteln des Bundes": the genitive owner
    of the pot after "aus" that the sum is taken from."""
    stems = tuple(pots)
    for e in ents:
        if e.label not in PAYER_TYPES or not ctx.is_genitive_attribute(e):
            continue
        head = ctx.np_start(e) - 1  # the noun before "des"/"der"
        if head < 0 or not any(s in ctx.low[head] for s in stems):
            continue
        for k in range(head - 1, max(-1, head - 4), -1):
            if ctx.low[k] == "aus":
                return e
            if ctx.low[k] not in ctx.determiners and not ctx.is_word(k):
                break
    return None


def agent_of_other_verb(ctx: Context, j: int, b: int, cues: Iterable[str], auxiliaries: Iterable[str]) -> bool:
    """"das von der Agentur verwaltet wird": the noun phrase after "von" that ends before token
    ``j`` names the agent of a passive verb of its own clause that speaks of no money (so not
    the payer)."""
    while j < b and ctx.words[j] in CLOSERS:
        j += 1
    if j < b and ctx.words[j] == "(":  # "(BMI)"
        while j < b and ctx.words[j] != ")":
            j += 1
        j += 1
    clause: list[str] = []
    while j < b and ctx.alpha[j]:
        clause.append(ctx.low[j])
        j += 1
    aux = set(auxiliaries)
    if not aux & set(clause):
        return False
    text = " ".join(clause)
    return not any(c in text for c in cues)


def same_paragraph(ctx: Context, si: int, sj: int) -> bool:
    """Sentences ``sj < si`` with no blank line from the start of ``sj`` to the first word of
    ``si`` (the blank line may end one sentence or open the next)."""
    text, a, b = ctx.text, ctx.sents[si].start_char, ctx.sents[si].end_char
    first = a + len(text[a:b]) - len(text[a:b].lstrip())
    return "\n\n" not in text[ctx.sents[sj].start_char:first]


def own_line(ctx: Context, si: int) -> bool:
    """Sentence ``si`` is a line of its own with no closing punctuation: a headline or a teaser
    of a list ("» Land fördert ... mit 2 Mio. Euro"), not part of the text around it."""
    s = ctx.sents[si]
    text = ctx.text
    body = text[s.start_char:s.end_char].strip()
    if not body or "\n" in body or body[-1] in ".!?:;…\"“”»«)":
        return False
    before = text[:s.start_char].rstrip(" \t")
    after = text[s.start_char:s.end_char].rstrip(" \t").endswith("\n") \
        or text[s.end_char:].lstrip(" \t")[:1] in ("", "\n")
    return (not before or before.endswith("\n")) and after


def programme_in(ctx: Context, a: int, b: int, resolve) -> tuple[Ent, int] | None:
    """The one programme named in tokens ``[a, b)``, else the programme a generic noun with an
    article there stands for (``resolve(tok)``), with the token that names it."""
    progs = [e for e in ctx.ents_in(a, b) if e.label == "Programme"]
    if progs and len({p.key for p in progs}) == 1:
        return progs[0], progs[0].start
    if progs:
        return None
    for t in within(ctx.generic_nouns, a + 1, b):  # the tokens with anaphor types
        if "Programme" in ctx.anaphora[t] and ctx.low[t - 1] in ctx.determiners:
            prog = resolve(t)
            if prog is not None:
                return prog, t
    return None
