"""More ``memberOf`` forms (the basic ones are ``rel_membership``) and the body a generic
"Verband" noun stands for.

* a member noun before a copula, the members after it: "Verbandsmitglieder sind neben den
  kreisfreien Städten A und B auch ...", "Mitglieder des Verbands V sind A, B und C", "Zu den
  Gesellschaftern des V zählen A und B" ("neben" opens the list here, it governs nothing);
* an appended list after the verb particle: "Dem V gehören 700 Kommunen an, außerdem der
  Landkreistag L und der Städtetag S" (``appendix``);
* ``body_anaphor``: "dem Verband", "Der Zweckverband mit Sitz in X" stand for the body the
  article is about, never for a party: the most mentioned body of the anaphor window, else
  the body mentioned most often (at least twice) before the noun in the Doc.
"""
from __future__ import annotations

from egovkg.ingest.rel_base import Context, Ent, within
from egovkg.ingest.rel_words import anaphor_kinds
from egovkg.ingest.rel_config import RelConfig, memo
from egovkg.ingest.rel_patterns import MEMBER_TYPES, _object_after, is_party
from egovkg.model import Relation

LIST_VERBS = frozenset({"gehören", "zählen", "gehörten", "zählten"})
COPULAS = frozenset({"sind", "waren", "ist", "war"}) | LIST_VERBS
APPENDERS = frozenset({"außerdem", "zudem", "ferner", "sowie", "ebenso", "daneben", "darunter"})


def _nouns(cfg: RelConfig) -> frozenset[str]:
    known = memo(cfg, "rel_member_forms")
    if not known:  # with the dative plural: "Zu den Mitgliedern"
        known["nouns"] = frozenset(w + end for w in cfg.triggers["membership"]["nouns"] for end in ("", "n"))
    return known["nouns"]


def body_anaphor(ctx: Context, tok: int) -> Ent | None:
    """The body (not a party) the generic noun at ``tok`` ("dem Verband") stands for."""
    ref = ctx.resolve_anaphor(tok, ["Organization"])
    if ref is not None and not is_party(ctx, ref):
        return ref
    count = ctx.mention_count
    before = [e for e in ctx.by_label.get("Organization", ([],))[0] if e.end <= tok and not is_party(ctx, e)]
    best = max(reversed(before), key=lambda e: count[e.key], default=None)
    return best if best is not None and count[best.key] >= 2 else None


def appendix(ctx: Context, hi: int) -> list[Ent]:
    """Members appended after the clause ending at ``hi``: ", außerdem der L und der S"."""
    n = len(ctx.words)
    if hi + 1 >= n or ctx.words[hi] != "," or ctx.low[hi + 1] not in APPENDERS:
        return []
    _, end = ctx.clause_of(hi + 1)
    return [e for e in ctx.ents_in(hi + 2, end) if e.label in MEMBER_TYPES - {"Person"}
            and ctx.governing_word(e) not in ctx.prepositions]


def like_members(ctx: Context, org: Ent) -> list[Ent]:
    """"Der Kreis ist Mitglied im V, ebenso wie die Stadt S (und ...)": the members after
    "ebenso wie" / "genauso wie" in the clause of ``org``."""
    _, hi = ctx.clause_of(org.start)
    for e in ctx.ents_in(org.end, hi):
        i = ctx.np_start(e)
        if i >= 2 and ctx.low[i - 1] == "wie" and ctx.low[i - 2] in ("ebenso", "genauso"):
            return [x for x in ctx.coord_forward(e) if x.label in MEMBER_TYPES - {"Person"}]
    return []


def named_after_noun(ctx: Context, t: int) -> Ent | None:
    """"Mitglied im Zweckverband eGo-X": the body named right after a generic noun for a body
    (the noun at ``t``, then "im"/"des"/"der", the generic noun, the name)."""
    g = t + 1
    if g + 1 < len(ctx.words) and ctx.low[g] in ("im", "in", "beim", "bei") and ctx.low[g + 1] in ("der", "dem"):
        g += 1
    if ctx.low[g] not in ("im", "des", "der", "dem", "beim") or g + 2 >= len(ctx.words):
        return None
    e = ctx.ent_at(g + 2)
    if e is None or e.start != g + 2 or e.label != "Organization" or "Organization" not in ctx.anaphora[g + 1]:
        return None
    return e


def _org_of(ctx: Context, t: int) -> Ent | None:
    """The body whose members the noun at ``t`` names: "Mitglieder des V", "Mitglieder des
    Verbands", "Verbandsmitglieder" (the body the article is about)."""
    org = _object_after(ctx, t, 3)
    if org is not None and ctx.low[t + 1] in ("des", "der"):
        return org if org.label == "Organization" else None
    g = t + 2
    while g < min(len(ctx.words) - 1, t + 4) and ctx.lower_word[g]:
        g += 1  # "des kommunalen IT-Dienstleisters"
    while g + 2 < len(ctx.words) and ctx.words[g + 1] == "-" and not ctx.space[g] and not ctx.space[g + 1]:
        g += 2  # "IT - Dienstleisters" split by the tokenizer: its last part
    kinds = ctx.anaphora[g] if g < len(ctx.words) and ctx.cap[g] else ()
    if g < len(ctx.words) and not kinds and ctx.cap[g] and "-" in ctx.words[g]:
        kinds = anaphor_kinds(ctx.cfg, ctx.low[g].rsplit("-", 1)[1])  # "IT-Dienstleisters"
    if ctx.low[t + 1] in ("des", "der") and "Organization" in kinds:
        return body_anaphor(ctx, g)
    if ctx.low[t].startswith("verbands"):
        return body_anaphor(ctx, t)
    return None


def _glued_hyphen(ctx: Context, k: int) -> bool:
    """Token ``k`` is a hyphen inside a word, or the word part glued to one ("IT" "-" ...)."""
    words, space = ctx.words, ctx.space
    if words[k] == "-":
        return not space[k - 1] and not space[k]
    return k + 1 < len(words) and words[k + 1] == "-" and not space[k]


def copula_members(ctx: Context) -> list[Relation]:
    """"Verbandsmitglieder sind A und B", "Zu den Mitgliedern des V zählen A, B"."""
    nouns = _nouns(ctx.cfg)
    toks = [t for t in ctx.find(nouns) if ctx.cap[t]]
    out: list[Relation] = []
    for si in ctx.sentences_with(toks):
        a, b = ctx.sent_range(si)
        for t in within(toks, a, b):
            lo, hi = ctx.clause_of(t)
            org = _org_of(ctx, t)
            if org is None:
                continue
            k = t + 1  # past "des Verbands V": the copula
            while k < hi and k - t <= 8 and ctx.low[k] not in COPULAS and (
                    ctx.tok_ent[k] >= 0 or ctx.low[k] in ctx.determiners or ctx.anaphora[k] or ctx.lower_word[k]
                    or (ctx.cap[k] and anaphor_kinds(ctx.cfg, ctx.low[k].rsplit("-", 1)[-1])) or _glued_hyphen(ctx, k)
                    or ctx.low[k] in ctx.designators or ctx.words[k] in ("(", ")")):
                k += 1
            if k >= hi or ctx.low[k] not in COPULAS:
                continue
            if ctx.low[k] in LIST_VERBS and ctx.low[max(lo, t - 2)] != "zu":
                continue  # "Die Mitglieder gehören ... an" is another form; "Zu den Mitgliedern zählen"
            for e in ctx.ents_in(k + 1, hi) + appendix(ctx, hi):  # ", darunter der Kreis K"
                gov = ctx.governing_word(e)
                if e.label in MEMBER_TYPES - {"Person"} and e.key != org.key and not is_party(ctx, e) \
                        and (gov not in ctx.prepositions or gov == "neben"):
                    out.append(ctx.relation(e, "memberOf", org, "pattern:member-copula", 0.75, extra=[t, k]))
    return out
