"""Shared machinery of the relation extractors: configuration, entity index, evidence.

Every extractor module (``rel_roles``, ``rel_patterns``, ``rel_agents``, ``rel_funding``,
``rel_deps``) receives one :class:`Context` per Doc. It indexes the typed entities
(``doc.ents``: ``label_`` = ontology class, ``kb_id_`` = canonical name), maps tokens to
sentences and entities, finds coordinated lists ("A, B sowie der Kreis C") and resolves
generic nouns ("die Kommune", "vom Land") to the entity they stand for. The word lists all
come from ``ontology/relations/*.json`` (:func:`load_config`).
"""
from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from spacy.tokens import Doc

from egovkg.model import Document, EntityKey, Evidence, Relation

QUOTES = frozenset({"„", "“", "”", '"', "»", "«", "‚", "‘", "'"})
CONFIG_FILES = ("roles.json", "triggers.json", "domain_range.json", "funding.json")
MAX_SENT_TOKENS = 300
"""Longest stretch of tokens treated as one sentence (real ones have < 60; see Context)."""


@dataclass(frozen=True)
class RoleInfo:
    """What a post word means: ``relation`` is heads, worksFor, memberOf or none."""

    relation: str
    role: str
    implies: str | None = None
    heads_types: tuple[str, ...] = ()
    implies_entity: str | None = None  # canonical name the word itself names ("Bundesinnenminister")


@dataclass(frozen=True)
class RelConfig:
    """All word lists of the relation extractors, loaded from ``ontology/relations``."""

    roles: dict[str, RoleInfo]
    ext_roles: dict[str, RoleInfo]
    role_lists: dict[str, Any]
    triggers: dict[str, Any]
    domain: dict[str, Any]
    funding: dict[str, Any]
    folder: str = ""
    dep_patterns: tuple[dict, ...] = field(default_factory=tuple)

    def words(self, *path: str) -> frozenset[str]:
        """A trigger word list by its path in ``triggers.json`` as a set."""
        node: Any = self.triggers
        for p in path:
            node = node[p]
        return frozenset(node)


def default_folder() -> Path:
    """``ontology/relations`` inside the installed package."""
    return Path(str(resources.files("egovkg.ontology").joinpath("relations")))


def _external_roles() -> dict[str, RoleInfo]:
    """Role words of the shared gazetteer (``ontology/gazetteer/roles.tsv``) when available."""
    try:
        from egovkg.ingest import gazetteer  # type: ignore[attr-defined]
    except ImportError:
        return {}
    getter = getattr(gazetteer, "roles", None)
    if getter is None:
        return {}
    out: dict[str, RoleInfo] = {}
    try:
        for word, info in getter().items():
            rel = getattr(info, "relation", None)
            if rel not in ("heads", "worksFor", "memberOf"):
                continue
            role = getattr(info, "canonical", None) or word
            implies = getattr(info, "implies_type", None) or None
            out[word.lower()] = RoleInfo(rel, str(role), implies,
                                         (implies,) if rel == "heads" and implies else (),
                                         getattr(info, "implies", None) or None)
    except Exception:  # a broken optional source must not stop extraction
        return {}
    return out


@lru_cache(maxsize=4)
def load_config(folder: str | None = None) -> RelConfig:
    """Load and check the relation word lists.

    Args:
        folder: Folder with ``roles.json``, ``triggers.json``, ``domain_range.json``,
            ``funding.json`` and ``deps.jsonl``; default ``ontology/relations``.

    Returns:
        The configuration. Roles of the shared gazetteer (``egovkg.ingest.gazetteer.roles``)
        are kept beside this folder's own, which are looked up first (they carry
        ``heads_types`` and the ``none`` posts).

    Raises:
        ValueError: A file misses a required section or names an unknown relation.
    """
    base = Path(folder) if folder else default_folder()
    data = {}
    for name in CONFIG_FILES:
        with open(base / name, encoding="utf-8") as fh:
            data[name] = json.load(fh)
    role_data = data["roles.json"]
    own: dict[str, RoleInfo] = {}
    for word, info in role_data["roles"].items():
        if info["relation"] not in ("heads", "worksFor", "memberOf", "none"):
            raise ValueError(f"roles.json: {word!r} has unknown relation {info['relation']!r}")
        own[word.lower()] = RoleInfo(info["relation"], info["role"], info.get("implies"),
                                     tuple(info.get("heads_types", ())))
    domain = data["domain_range.json"]
    for pred in ("memberOf", "heads", "worksFor", "funds", "runs", "participatesIn",
                 "supports", "cooperatesWith", "locatedIn"):
        if pred not in domain["predicates"]:
            raise ValueError(f"domain_range.json: no entry for {pred}")
    deps: list[dict] = []
    dep_file = base / "deps.jsonl"
    if dep_file.exists():
        with open(dep_file, encoding="utf-8") as fh:
            deps = [json.loads(line) for line in fh if line.strip() and not line.startswith("//")]
    return RelConfig(own, _external_roles(), role_data, data["triggers.json"], domain, data["funding.json"],
                     str(base), tuple(deps))


def allowed_types(cfg: RelConfig, names: Iterable[str]) -> frozenset[str]:
    """Expand the group names of ``domain_range.json`` ("area", "body") into entity types."""
    groups = cfg.domain.get("groups", {})
    out: set[str] = set()
    for n in names:
        out.update(groups.get(n, [n]))
    return frozenset(out)


def fits(cfg: RelConfig, predicate: str, s_type: str, o_type: str) -> bool:
    """Whether ``(s_type) predicate (o_type)`` respects the domain/range table."""
    spec = cfg.domain["predicates"].get(predicate)
    if spec is None:
        return False
    return s_type in allowed_types(cfg, spec["subject"]) and o_type in allowed_types(cfg, spec["object"])


@dataclass(frozen=True)
class Ent:
    """One typed entity mention of the Doc (token and character offsets)."""

    idx: int
    label: str
    kb: str
    start: int
    end: int
    start_char: int
    end_char: int
    text: str

    @property
    def key(self) -> EntityKey:
        return (self.label, self.kb)


class Context:
    """Index of one Doc for the extractors."""

    def __init__(self, doc: Doc, document: Document, cfg: RelConfig) -> None:
        self.doc, self.document, self.cfg = doc, document, cfg
        self.text = doc.text  # Doc.text joins all tokens on every access: read it once
        self.ents: list[Ent] = [
            Ent(i, e.label_, e.kb_id_ or e.text, e.start, e.end, e.start_char, e.end_char, e.text)
            for i, e in enumerate(doc.ents)
        ]
        self._starts = [e.start for e in self.ents]  # doc.ents are sorted and disjoint
        self.tok_ent: list[int] = [-1] * len(doc)
        for e in self.ents:
            for t in range(e.start, e.end):
                self.tok_ent[t] = e.idx
        # whitespace-only "sentences" (blank lines) are no neighbours: skip them; a "sentence"
        # longer than MAX_SENT_TOKENS (a page without full stops) is cut into pieces, so the
        # per-sentence scans each sum of money and post makes stay linear in the Doc
        self.sents = [
            piece for s in doc.sents if s.text.strip()
            for piece in (doc[i:min(i + MAX_SENT_TOKENS, s.end)] for i in range(s.start, s.end, MAX_SENT_TOKENS))
            if piece.text.strip()
        ] if len(doc) else []
        self.tok_sent: list[int] = [0] * len(doc)
        for si, s in enumerate(self.sents):
            for t in range(s.start, s.end):
                self.tok_sent[t] = si
            nxt = self.sents[si + 1].start if si + 1 < len(self.sents) else len(doc)
            for t in range(s.end, nxt):
                self.tok_sent[t] = si
        self.low = [t.lower_ for t in doc]
        tr = cfg.triggers
        self.determiners = frozenset(tr["determiners"])
        self.designators = frozenset(tr["designators"])
        self.separators = frozenset(tr["separators"])
        self.prepositions = frozenset(tr["prepositions"])

    # --- tokens and entities -------------------------------------------------------------
    def ent_at(self, tok: int) -> Ent | None:
        """The entity covering token ``tok``."""
        if 0 <= tok < len(self.tok_ent) and self.tok_ent[tok] >= 0:
            return self.ents[self.tok_ent[tok]]
        return None

    def ents_in(self, a: int, b: int) -> list[Ent]:
        """Entities that start inside tokens ``[a, b)``."""
        return self.ents[bisect_left(self._starts, a):bisect_left(self._starts, b)]

    def sent_range(self, si: int) -> tuple[int, int]:
        s = self.sents[si]
        return s.start, s.end

    def is_word(self, tok: int) -> bool:
        """A lower-case word (article, adjective, adverb): may stand inside a noun phrase."""
        t = self.doc[tok]
        return t.is_alpha and t.text[:1].islower()

    def np_start(self, ent: Ent, limit: int = 5) -> int:
        """First token of the noun phrase of ``ent`` (articles, adjectives, "Stadt" before it)."""
        i = ent.start
        while i > 0 and self.tok_ent[i - 1] < 0 and self.low[i - 1] in QUOTES:
            i -= 1
        if i > 0 and self.tok_ent[i - 1] < 0 and self.anaphor_types(i - 1):
            i -= 1  # 'dem Förderprogramm „X“': the head noun belongs to the name
        start = i
        while i > 0 and start - i < limit and self.tok_ent[i - 1] < 0:
            w = self.low[i - 1]
            if w in self.prepositions or w in self.separators or not self.doc[i - 1].is_alpha:
                break
            if w in self.determiners:
                return i - 1  # an article opens the noun phrase
            if w in self.designators or self.is_word(i - 1):
                i -= 1
                continue
            break
        return i

    def is_genitive_attribute(self, ent: Ent) -> bool:
        """"der Vorschlag des Normenkontrollrats": an entity hanging off a noun in the genitive."""
        i = self.np_start(ent)
        if i == 0 or i >= len(self.doc) or self.low[i] not in ("des", "der"):
            return False
        prev = self.doc[i - 1]
        return prev.is_alpha and prev.text[:1].isupper() and self.tok_ent[i - 1] < 0

    def subject_anaphor(self, lo: int, hi: int, types: Iterable[str]) -> tuple[Ent, int] | None:
        """A generic noun with an article, not after a preposition ("Das Land hat ..."),
        resolved to the entity it stands for."""
        want = set(types)
        for t in range(lo + 1, hi):
            at = [x for x in self.anaphor_types(t) if x in want]
            if not at or self.low[t - 1] not in self.determiners or self.low[t - 1] in ("des", "dem"):
                continue
            if t - 2 >= lo and self.low[t - 2] in self.prepositions:
                continue
            e = self.resolve_anaphor(t, at)
            if e is not None:
                return e, t
        return None

    def governing_word(self, ent: Ent) -> str:
        """The lower-case token before the entity's noun phrase (a preposition, a comma ...)."""
        i = self.np_start(ent)
        return self.low[i - 1] if i > 0 else ""

    # --- coordination --------------------------------------------------------------------
    def is_list_gap(self, a: int, b: int) -> bool:
        """Tokens ``[a, b)`` join two list members: one separator plus articles/adjectives."""
        if b - a < 1 or b - a > 6:
            return False
        seps = 0
        for t in range(a, b):
            w = self.low[t]
            if w in self.separators or (w == "auch" and t > a and self.low[t - 1] == "als"):
                seps += 1  # "sowohl A als auch B"
            elif w == "als" and t + 1 < b and self.low[t + 1] == "auch":
                continue
            elif t == b - 1 and seps and w.endswith("er") and self.doc[t].is_alpha and self.doc[t].text[:1].isupper():
                continue  # a place adjective before the member: "sowie die Lindenauer KDVZ"
            elif w in self.determiners or w in self.designators or self.is_word(t):
                if w in self.prepositions:
                    return False
                continue
            else:
                return False
        return 1 <= seps <= 2

    def _coordinated(self, x: Ent, y: Ent) -> bool:
        """Whether ``y`` follows ``x`` as the next list member or as its abbreviation in
        parentheses ("Anstalt für X (AfX), Y und Z")."""
        if self.tok_sent[x.start] != self.tok_sent[y.start]:
            return False
        if y.start == x.end + 1 and self.doc[x.end].text == "(" and y.end < len(self.doc) \
                and self.doc[y.end].text == ")":
            return True
        a = x.end
        if a < y.start and self.doc[a].text == ")" and x.start > 0 and self.doc[x.start - 1].text == "(":
            a += 1  # "(AfX), Y"
        return self.is_list_gap(a, y.start)

    def coord_forward(self, ent: Ent) -> list[Ent]:
        """``ent`` and the entities coordinated after it ("A, B und C")."""
        out = [ent]
        cur = ent
        while cur.idx + 1 < len(self.ents):
            nxt = self.ents[cur.idx + 1]
            if self._place_attachment(cur, nxt):
                cur = nxt  # "Komm.ONE aus Stuttgart sowie die Lecos": Stuttgart is no member
                continue
            if not self._coordinated(cur, nxt):
                break
            out.append(nxt)
            cur = nxt
        return out

    def _place_attachment(self, x: Ent, y: Ent) -> bool:
        """``y`` is the place of ``x`` right after it ("X aus Y", "X in Y") and a list goes on."""
        return (y.start == x.end + 1 and self.low[x.end] in ("aus", "in") and x.label not in ("Municipality", "District")
                and y.label in ("Municipality", "District", "State") and y.idx + 1 < len(self.ents)
                and self._coordinated(y, self.ents[y.idx + 1]))

    def coord_backward(self, ent: Ent) -> list[Ent]:
        """``ent`` and the entities coordinated before it, in text order."""
        out = [ent]
        cur = ent
        while cur.idx > 0:
            prv = self.ents[cur.idx - 1]
            if not self._coordinated(prv, cur):
                break
            out.insert(0, prv)
            cur = prv
        return out

    # --- clauses -------------------------------------------------------------------------
    def clause_of(self, tok: int) -> tuple[int, int]:
        """Token range of the clause around ``tok``: its sentence cut at ";", ":" and at
        commas that do not join list members."""
        a, b = self.sent_range(self.tok_sent[tok])
        breakers = set(self.cfg.triggers["clause_breakers"])
        lo, hi = a, b
        depth = 0
        for t in range(a, b):
            if self.tok_ent[t] >= 0:
                continue
            w = self.doc[t].text
            if w == "(":
                depth += 1
            elif w == ")":
                depth = max(0, depth - 1)
            if depth:
                continue
            if w in breakers or (w == "," and not self._list_comma(t)):
                if t < tok:
                    lo = t + 1
                elif t > tok:
                    hi = t
                    break
        return lo, hi

    def _list_comma(self, t: int) -> bool:
        k = t - 1
        if k > 2 and self.doc[k].text == ")" and self.doc[k - 2].text == "(":
            k -= 3  # "Bundesministerium des Innern (BMI), der ..."
        prev = self.ent_at(k)
        if prev is None:
            return False
        j = t + 1
        while j < len(self.doc) and j - t <= 5 and self.tok_ent[j] < 0:
            w = self.low[j]
            if w in self.determiners or w in self.designators or self.is_word(j) or w in self.separators:
                j += 1
                continue
            return False
        return j < len(self.doc) and self.tok_ent[j] >= 0

    # --- anaphora ------------------------------------------------------------------------
    def anaphor_types(self, tok: int) -> list[str]:
        """Entity types a generic noun at ``tok`` may stand for ("Kommune" -> Municipality)."""
        if self.tok_ent[tok] >= 0:
            return []
        t = self.doc[tok]
        if not t.is_alpha or not t.text[:1].isupper():
            return []
        w = self.low[tok]
        exact = set(self.cfg.triggers["anaphor_exact"])
        for pref, types in self.cfg.triggers["anaphors"].items():
            if pref in exact:
                if w in (pref, pref + "s", pref + "es"):
                    return list(types)
            elif w.startswith(pref):
                return list(types)
        return []

    @cached_property
    def mention_count(self) -> dict[EntityKey, int]:
        """How often each entity is mentioned in the Doc."""
        count: dict[EntityKey, int] = {}
        for e in self.ents:
            count[e.key] = count.get(e.key, 0) + 1
        return count

    @cached_property
    def by_label(self) -> dict[str, tuple[list[Ent], list[int], list[int], set[EntityKey]]]:
        """Mentions of each type in Doc order, their start and end tokens and distinct keys
        (for bisect: lookups per anaphor or post must not scan every mention of a long Doc)."""
        groups: dict[str, list[Ent]] = {}
        for e in self.ents:
            groups.setdefault(e.label, []).append(e)
        return {lab: (es, [e.start for e in es], [e.end for e in es], {e.key for e in es})
                for lab, es in groups.items()}

    def nearest(self, tok: int, a: int, b: int, types: Iterable[str]) -> Ent | None:
        """The mention of ``types`` starting in tokens ``[a, b)`` whose start is closest to
        ``tok`` (ties: the earlier one)."""
        best: Ent | None = None
        for label in set(types):
            es, starts, _, _ = self.by_label.get(label, ([], [], [], set()))
            k = bisect_left(starts, tok)
            for e in (es[k - 1] if k > 0 else None, es[k] if k < len(es) else None):
                if e is not None and a <= e.start < b and (
                        best is None or (abs(e.start - tok), e.idx) < (abs(best.start - tok), best.idx)):
                    best = e
        return best

    def resolve_anaphor(self, tok: int, types: Iterable[str]) -> Ent | None:
        """The entity a generic noun stands for: among the preceding mentions of ``types``
        within ``anaphor_window`` sentences the most mentioned one in the Doc (ties: the
        latest), else the only such entity of the Doc."""
        window = int(self.cfg.triggers.get("anaphor_window", 3))
        si = self.tok_sent[tok]
        near: list[Ent] = []
        last: Ent | None = None  # the latest mention of ``types`` ending before ``tok``
        first: Ent | None = None
        keys: set[EntityKey] = set()
        for label in set(types):
            es, _, ends, label_keys = self.by_label.get(label, ([], [], [], set()))
            if not es:
                continue
            keys |= label_keys
            first = es[0] if first is None or es[0].idx < first.idx else first
            k = bisect_right(ends, tok)  # es[:k] end at or before tok
            if k and (last is None or es[k - 1].idx > last.idx):
                last = es[k - 1]
            while k and si - self.tok_sent[es[k - 1].start] <= window:
                near.append(es[k - 1])
                k -= 1
        if near:
            near.sort(key=lambda e: e.idx)
            # the most talked-about candidate of the window (the article's topic), then the latest
            count = self.mention_count
            placed = {"in", "im", "aus", "nach", "bei", "beim", "mit"}
            return max(reversed(near), key=lambda e: (count[e.key], self.governing_word(e) not in placed))
        if len(keys) == 1:
            return last if last is not None else first
        return None

    # --- evidence ------------------------------------------------------------------------
    def evidence(self, toks: Iterable[int], extractor: str, confidence: float,
                 role: str | None = None) -> Evidence:
        """Evidence spanning the sentences of all tokens ``toks`` (one sentence, usually)."""
        sis = [self.tok_sent[t] for t in toks if 0 <= t < len(self.doc)]
        lo, hi = (min(sis), max(sis)) if sis else (0, len(self.sents) - 1)
        start = self.sents[lo].start_char
        end = self.sents[hi].end_char
        text = self.text
        while end > start and text[end - 1].isspace():
            end -= 1
        return Evidence(self.document.doc_id, text[start:end], start, end, extractor,
                        confidence, role, self.document.date)

    def relation(self, s: Ent, predicate: str, o: Ent, extractor: str, confidence: float,
                 role: str | None = None, extra: Iterable[int] = ()) -> Relation:
        """A Relation between two mentions, its Evidence spanning both."""
        ev = self.evidence([s.start, s.end - 1, o.start, o.end - 1, *extra], extractor, confidence, role)
        return Relation(s.key, predicate, o.key, ev)
