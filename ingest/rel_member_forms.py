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
from egovkg.ingest.rel_config import RelConfig, memo
from egovkg.ingest.rel_patterns import MEMBER_TYPES, _object_after, is_party
from egovkg.model import Relation

LIST_VERBS = frozenset({"gehören", "zählen", "gehörten", "zählten"})
COPULAS = frozenset({"sind", "waren", "ist", "war"}) | LIST_VERBS
APPENDERS = frozenset({"außerdem", "zudem", "ferner", "sowie", "ebenso", "daneben"})


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


def _org_of(ctx: Context, t: int) -> Ent | None:
    """The body whose members the noun at ``t`` names: "Mitglieder des V", "Mitglieder des
    Verbands", "Verbandsmitglieder" (the body the article is about)."""
    org = _object_after(ctx, t, 3)
    if org is not None and ctx.low[t + 1] in ("des", "der"):
        return org if org.label == "Organization" else None
    if t + 2 < len(ctx.words) and ctx.low[t + 1] in ("des", "der") and "Organization" in ctx.anaphora[t + 2]:
        return body_anaphor(ctx, t + 2)
    if ctx.low[t].startswith("verbands"):
        return body_anaphor(ctx, t)
    return None


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
                    ctx.tok_ent[k] >= 0 or ctx.low[k] in ctx.determiners or ctx.anaphora[k]
                    or ctx.low[k] in ctx.designators or ctx.words[k] in ("(", ")")):
                k += 1
            if k >= hi or ctx.low[k] not in COPULAS:
                continue
            if ctx.low[k] in LIST_VERBS and ctx.low[max(lo, t - 2)] != "zu":
                continue  # "Die Mitglieder gehören ... an" is another form; "Zu den Mitgliedern zählen"
            for e in ctx.ents_in(k + 1, hi):
                gov = ctx.governing_word(e)
                if e.label in MEMBER_TYPES - {"Person"} and e.key != org.key and not is_party(ctx, e) \
                        and (gov not in ctx.prepositions or gov == "neben"):
                    out.append(ctx.relation(e, "memberOf", org, "pattern:member-copula", 0.75, extra=[t, k]))
    return out
