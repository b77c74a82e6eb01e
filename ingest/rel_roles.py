"""People's posts: ``heads`` / ``worksFor`` / ``memberOf`` (party) from role words.

Forms understood (role words are never inside the person span):

* before the name: "Bürgermeister Heinz Muster", "Meeranes Bürgermeister Heinz Muster"
  (genitive), "der stellvertretende Verbandsvorsitzende Heinz Muster";
* after the name: "Heinz Muster, Bürgermeister der Stadt X", captions "A, Post der Stadt X; B,
  Post X und Post Y", "A (2.v.l. – Post X sowie Post Y)", "A ist neue CIO des Freistaats X",
  "A als neue Leiterin des Fachbereichs ...";
* party tags: "Heinz Muster (CDU)", "CDU-Landtagsabgeordneter".

When no organisation is named the post is tied to the nearest fitting mention: a minister to
the ministry named next to it ("Justizminister" and "Staatsministerium der Justiz"), a mayor to
the last municipality, a "Leiter des Fachbereichs" to the last municipality.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from egovkg.ingest import gazetteer, rel_elected
from egovkg.ingest.rel_base import Context, Ent
from egovkg.ingest.rel_config import RoleInfo
from egovkg.ingest.rel_lexicon import (board_seat, lookup_role, names_party, opener_patterns, party_prefix,
                                       role_words, skip_date)
from egovkg.ingest.rel_owner import compound_owner, fallback_owner, has_holder, ministry_for
from egovkg.ingest.rel_post_forms import fronted_owner, possessive_owner
from egovkg.model import Relation

BODY_TYPES = frozenset({"Ministry", "PublicAuthority", "Organization"})
AREA_TYPES = frozenset({"Municipality", "District", "Region", "State", "Country"})
_POSITION = re.compile(r"^\s*\(\s*(?:(?:\d+\s*\.\s*)?v\s*\.\s*[lr]\s*\.|[lrm]\s*\.|mitte|links|rechts)?\s*[–—-]?\s*",
                       re.IGNORECASE)
_COMMA = re.compile(r"^\s*,\s*")
_DASH = re.compile(r"^\s+[–—-]\s+")
_PARTY_COMMA = re.compile(r"^\s*\(([^()]{1,30})\)\s*,\s*")


@dataclass
class _Post:
    tok: int
    info: RoleInfo
    prefix: str
    text: str
    deputy: bool = False
    former: bool = False
    targets: list[Ent] = field(default_factory=list)
    units: set[str] = field(default_factory=set)
    joined_next: bool = False
    weak: bool = False  # tied to a Land only because no ministry is named


class RoleExtractor:
    """Finds posts around every Person mention of a Context."""

    name = "pattern:role"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.deputy, self.former, self.titles, self.fillers, self.parties = role_words(ctx.cfg)
        self.openers, self.opener_rx = opener_patterns(ctx.cfg)  # longest first, and one pattern of them all
        self.units = ctx.cfg.role_lists.get("units", {})

    # ------------------------------------------------------------------------------------
    def run(self) -> list[Relation]:
        out: list[Relation] = []
        for p in self.ctx.ents:
            if p.label != "Person":
                continue
            out += self._before(p)
            out += self._after(p)
        # a post tied to the Land only for want of a named ministry yields to any better
        # post of the same person in the Doc ("Minister Pinkwart" after "Wirtschaftsminister ...")
        better = {r.subject for r in out if r.predicate in ("heads", "worksFor") and r.evidence.confidence > 0.5}
        return [r for r in out if not (r.evidence.confidence <= 0.5 and r.subject in better)]

    # --- "Bürgermeister Heinz Muster" ---------------------------------------------------
    def _before(self, p: Ent) -> list[Relation]:
        ctx = self.ctx
        i = p.start - 1
        while i >= 0 and ctx.low[i] in self.titles and ctx.tok_ent[i] < 0:
            i -= 1
        if i < 0 or ctx.tok_ent[i] >= 0:
            return []
        found = lookup_role(ctx.cfg, ctx.words[i])
        out: list[Relation] = []
        party = party_prefix(ctx.cfg, ctx.words[i])
        if party:
            out += self._party(p, party, i)
        if not found:
            return out + self._fronted(p, i) + self._announced(p, i)
        info, prefix = found
        post = _Post(i, info, prefix, ctx.words[i])
        j = i - 1
        # "Wirtschafts- und Digitalminister": extra compound prefixes
        while j >= 1 and ctx.low[j] in ("und", "sowie") and ctx.words[j - 1].endswith("-"):
            post.prefix = ctx.words[j - 1].rstrip("-") + " " + post.prefix
            post.text = ctx.doc[j - 1: i + 1].text
            j -= 2
        k = j
        mods = self.fillers | self.deputy | self.former
        while k >= 0 and k >= j - 2 and ctx.tok_ent[k] < 0 and ctx.low[k] in mods:
            self._modifier(post, ctx.low[k])
            k -= 1
        compound = self._compound_owner(i)
        if compound is not None:  # "NLT-Präsident", "krz-Geschäftsführerin"
            post.targets.append(compound)
        # "Meeranes Bürgermeister", "Hessens neue Digitalministerin" (genitive or adjacent)
        elif k >= 0 and ctx.tok_ent[k] >= 0 and ctx.ents[ctx.tok_ent[k]].end == k + 1:
            owner = ctx.ents[ctx.tok_ent[k]]
            if owner.label != "Person" and (k == j or owner.text.endswith("s")):
                post.targets.append(owner)
        elif k >= 0 and possessive_owner(ctx, k) is not None:  # "Dessen Präsident Name"
            post.targets.append(possessive_owner(ctx, k))
        elif k >= 0 and ctx.words[k].endswith("s") and ctx.words[k][:1].isupper():
            owner = self._genitive(ctx.words[k][:-1])
            if owner is not None:
                post.targets.append(owner)
        if not post.targets:
            a = p.end
            if a + 1 < len(ctx.words) and ctx.low[a] in ("von", "vom", "aus", "der", "des", "(", "für"):
                e = ctx.ent_at(a + 1) or ctx.ent_at(a + 2) or ctx.ent_at(a + 3)
                gap = [ctx.low[t] for t in range(a + 1, e.start)] if e is not None else []
                if e is not None and e.label != "Person" and e.start <= a + 3 \
                        and all(w in ctx.determiners or w in ctx.designators for w in gap) \
                        and (ctx.low[a] != "für" or e.label in (info.heads_types or AREA_TYPES)) \
                        and not self._is_party(e):
                    # "Landrat X vom Kreis Y", "Landrat X (Landkreis Y)", "Landrätin X für den Kreis Y"
                    post.targets.append(e)
        if info.implies == "Ministry" and all(t.label in ("State", "Country") for t in post.targets):
            ministry = self._ministry(post, ctx.tok_sent[p.start], whole_doc=True)
            if ministry is not None:  # "Hessens Digitalministerin" and "Ministerium für Digitales"
                post.targets.insert(0, ministry)
        out += self._emit(p, post)
        return out + self._fronted(p, k)

    def _announced(self, p: Ent, k: int) -> list[Relation]:
        """"Die KDVZ hat eine neue Geschäftsführerin: Eva Brandt": the post before a colon, its
        organisation the subject of the clause."""
        ctx = self.ctx
        if k < 2 or ctx.words[k] != ":" or ctx.tok_ent[k - 1] >= 0:
            return []
        found = lookup_role(ctx.cfg, ctx.words[k - 1])
        if not found:
            return []
        a, _ = ctx.sent_range(ctx.tok_sent[k])
        subj = [e for e in ctx.ents_in(a, k) if e.label not in ("Person", "Programme")
                and ctx.governing_word(e) not in ctx.prepositions and not ctx.is_genitive_attribute(e)]
        if not subj:
            return []
        post = _Post(k - 1, found[0], found[1], ctx.words[k - 1], targets=[subj[0]])
        for m in range(max(a, k - 4), k - 1):
            self._modifier(post, ctx.low[m])
        return self._emit(p, post)

    def _compound_owner(self, i: int) -> Ent | None:
        return compound_owner(self.ctx, i, self.parties)

    def _ministry(self, post: _Post, si: int, whole_doc: bool = False) -> Ent | None:
        return ministry_for(self.ctx, post.prefix, post.tok, si, whole_doc)

    def _fronted(self, p: Ent, k: int) -> list[Relation]:
        """"Der Landrat des Landkreises Y, Ulf X, ..." / "Der Präsident des Z, Landrat X":
        a post and its organisation before the name, set off by a comma."""
        ctx = self.ctx
        if k < 1 or ctx.words[k] != ",":
            return []
        org = ctx.ent_at(k - 1)
        if org is None:  # "Die Beauftragte des Kreises, Name", "Der Präsident des Gemeindetags, Name"
            found_owner = fronted_owner(ctx, k)
            if found_owner is None:
                return []
            org, phrase = found_owner
        elif org.label == "Person":
            return []
        else:
            phrase = org.start
        g = phrase - 1
        while g >= 0 and ctx.tok_ent[g] < 0 and g >= phrase - 3 and (
                ctx.low[g] in ctx.determiners or ctx.low[g] in ctx.designators
                or ctx.low[g] in ("von", "vom", "bei", "beim")
                or ctx.low[g][:-1] in ctx.designators or ctx.low[g][:-2] in ctx.designators):
            g -= 1  # 'Die Erste Bürgermeisterin des Marktes H, Name', 'Die Vorsitzende von V, Name'
        if g < 0 or ctx.tok_ent[g] >= 0 or has_holder(ctx, g):
            return []
        found = lookup_role(ctx.cfg, ctx.words[g])
        if not found:
            return []
        post = _Post(g, found[0], found[1], ctx.words[g], targets=[org])
        for m in range(max(0, g - 2), g):
            self._modifier(post, ctx.low[m])
        return self._emit(p, post)

    def _genitive(self, stem: str) -> Ent | None:
        """A mention whose surface or canonical name is ``stem`` ("Meeranes" -> Meerane)."""
        for e in self.ctx.ents:
            if e.label != "Person" and (e.text == stem or e.kb == stem):
                return e
        return None

    def _modifier(self, post: _Post, word: str) -> None:
        if word in self.deputy:
            post.deputy = True
        if word in self.former:
            post.former = True

    # --- "Heinz Muster, Bürgermeister der Stadt X" ---------------------------------------
    def _opener_end(self, p: Ent) -> int | None:
        """Character offset where a post after the name may start, or None."""
        text = self.ctx.text
        rest = text[p.end_char: p.end_char + 80]
        m = _PARTY_COMMA.match(rest)  # "Name (SPD), Landrätin des Kreises K": the loop skips "(SPD)"
        if m and self._is_party_text(m.group(1)):
            return p.end_char + m.start(1) - 1
        for rx in (_POSITION, _COMMA, _DASH):
            m = rx.match(rest)
            if m and m.end() > 0:
                return p.end_char + m.end()
        m = self.opener_rx.match(rest.lower()) if self.openers else None
        if m:  # "ist seit dem 1. April CDO der Stadt X": the date is no part of the post
            op = self.openers[m.lastindex - 1]
            return p.end_char + m.end() + skip_date(rest[m.end():]) * op.endswith("seit")
        return None

    def _after(self, p: Ent) -> list[Relation]:
        ctx = self.ctx
        start_char = self._opener_end(p)
        if start_char is None:
            return []
        start = bisect_left(ctx.idx, start_char, p.end)  # the first token from start_char on
        if start >= len(ctx.idx):
            return []
        opened = "(" in ctx.text[p.end_char:start_char]
        posts: list[_Post] = []
        out: list[Relation] = []
        cur: _Post | None = None
        t = start
        n = len(ctx.words)
        while t < n and t < start + 40:
            e = ctx.ent_at(t)
            if e is not None:
                if e.label == "Person":
                    if cur is not None and not cur.targets and ctx.text[start_char:start_char + 1] == "(":
                        posts.remove(cur)  # "A (CDU), Bürgermeister B": the post is B's
                    break
                if self._is_party(e):
                    out.append(ctx.relation(p, "memberOf", e, "pattern:party", 0.85))
                elif cur is not None:
                    cur.targets.append(e)
                t = e.end
                continue
            w = ctx.words[t]
            if w == "(":
                close = next((j for j in range(t, min(n, t + 12)) if ctx.words[j] == ")"), None)
                out += [ctx.relation(p, "memberOf", e, "pattern:party", 0.85)
                        for e in ctx.ents_in(t + 1, close or t) if self._is_party(e)]
                t = (close + 1) if close is not None else t + 1
                continue
            glued = w in ("-", "–") and t > 0 and not ctx.space[t - 1]  # "IT-Abteilung" split
            if glued:
                t += 1
                continue
            if w in (";", ")", ".", "!", "?", ":") or "\n" in w or (w in (",", "–", "—", "-") and posts):
                break
            if w in (",", "–", "—", "-"):
                t += 1
                continue
            party = party_prefix(ctx.cfg, w)
            if party:
                out += self._party(p, party, t)
            found = board_seat(ctx.cfg, lookup_role(ctx.cfg, w), ctx.low[t + 1:t + 3])
            prev = self._prev_content(t, start)
            if found and (cur is None or prev in ("und", "sowie", "&")):
                if cur is not None and not cur.targets and prev in ("und", "sowie", "&"):
                    cur.joined_next = True
                cur = _Post(t, found[0], found[1], w)
                for k in range(max(start, t - 3), t):
                    self._modifier(cur, ctx.low[k])
                posts.append(cur)
            elif cur is None:
                if not (ctx.low[t] in self.fillers or ctx.low[t] in self.deputy or ctx.low[t] in self.former
                        or ctx.is_word(t) or self._title_word(t)) or t - start > 3:
                    break
            else:
                for unit, etype in self.units.items():
                    if ctx.low[t].startswith(unit):
                        cur.units.add(etype)
                area = [x for x in ctx.anaphor_types(t) if x in ("State", "Country")]
                if area and not cur.targets and ctx.low[t - 1] in ("des", "der"):
                    ref = ctx.resolve_anaphor(t, area)  # "CIO des Landes", "Beauftragter des Freistaats"
                    if ref is not None:
                        cur.targets.append(ref)
            t += 1
        for a, b in zip(posts, posts[1:]):
            if a.joined_next and not a.targets:
                a.targets = list(b.targets)
                a.units |= b.units
        if opened and not posts:
            return out
        for post in posts:
            out += self._emit(p, post)
        return out

    def _title_word(self, t: int) -> bool:
        """"Chief Digital Officer": a capitalised word of a title whose post word follows."""
        ctx = self.ctx
        return ctx.alpha[t] and any(lookup_role(ctx.cfg, ctx.words[j]) and ctx.alpha[j]
                                    for j in range(t + 1, min(len(ctx.words), t + 3)))

    def _prev_content(self, t: int, start: int) -> str:
        k = t - 1
        while k >= start and (self.ctx.low[k] in self.fillers or self.ctx.low[k] in self.deputy):
            k -= 1
        return self.ctx.low[k] if k >= start else ""

    # --- output --------------------------------------------------------------------------
    def _party(self, p: Ent, party: str, tok: int) -> list[Relation]:
        for e in self.ctx.ents:
            if e.label == "Organization" and party.lower() in (e.kb.lower(), e.text.lower()):
                ev = self.ctx.evidence([p.start, tok], "pattern:party", 0.8)
                return [Relation(p.key, "memberOf", e.key, ev)]
        return []

    def _emit(self, p: Ent, post: _Post) -> list[Relation]:
        info = post.info
        if post.former or info.relation == "none":
            return []
        targets = [t for t in post.targets if t.label not in ("Person", "Programme")]
        extractor, conf = "pattern:apposition-role", 0.9
        if not targets:
            fb = fallback_owner(self.ctx, p, post)
            if fb is None or (info.relation != "memberOf" and self._is_party(fb)):
                return []  # a party is no employer: "Landrat X (CDU). Geschäftsführerin Y ..."
            targets, extractor, conf = [fb], "pattern:role-context", 0.5 if post.weak else 0.6
        role = post.text if not post.deputy else f"stellvertretende(r) {post.text}"
        if info.relation == "memberOf":
            return [self.ctx.relation(p, "memberOf", t, extractor, conf, role, [post.tok]) for t in targets[:1]]
        first = targets[0]
        rel = info.relation
        if post.deputy:
            rel = "worksFor"
        if rel == "heads" and info.heads_types and first.label not in info.heads_types:
            rel = "worksFor"
        out = [self.ctx.relation(p, rel, first, extractor, conf, role, [post.tok])]
        # "Staatsrat beim Senator für Finanzen in der Freien Hansestadt Bremen"
        if rel == "worksFor" and first.label in BODY_TYPES:
            city_states = gazetteer.city_states()
            for extra in targets[1:2]:
                if extra.label == "State" or (extra.kb in city_states and first.label == "Ministry"):
                    out.append(self.ctx.relation(p, "worksFor", extra, extractor, conf * 0.9, role, [post.tok]))
        return out

    def _is_party(self, e: Ent) -> bool:
        return names_party(self.ctx.cfg, e)

    def _is_party_text(self, text: str) -> bool:
        return text.strip().lower() in self.parties


def extract(ctx: Context) -> list[Relation]:
    """All post relations of the Doc (posts given by a verb: ``rel_elected``)."""
    return RoleExtractor(ctx).run() + rel_elected.extract(ctx)
