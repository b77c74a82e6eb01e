"""Corpus-level entity resolution: per-document keys -> canonical entities.

Merge rules (all deterministic; types never mix except where stated):
* the same type and the same normalised canonical name;
* organisation-like types (Ministry, PublicAuthority, Organization, Programme) with the same
  normalised name, up to inflection endings ("Kommunaler"/"Kommunalen Digitalfonds"), are one
  entity, typed by the most trusted mention (curated gazetteer first, then the majority);
* city states: "Hamburg" as State and as Municipality is one entity with both types;
* a place with and without its qualifier ("Frankfurt am Main" / "Frankfurt", "Halle (Saale)" /
  "Halle") when the corpus names exactly one qualified place of that name;
* people: the same first name and a surname that differs by one letter ("Grunendahl" /
  "Grundendahl"), and a lone surname that matches exactly one full name in the corpus.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable

from egovkg.ingest import gazetteer
from egovkg.ingest.ner_base import norm_label, stem
from egovkg.model import Corpus, Entity, EntityKey, Extraction, Funding, Relation

ORG_LIKE = ("Ministry", "PublicAuthority", "Organization", "Programme")
TYPE_RANK = {t: i for i, t in enumerate(
    ("State", "Municipality", "District", "Region", "Country", "Ministry", "PublicAuthority",
     "Organization", "Programme", "Person"))}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[EntityKey, EntityKey] = {}

    def find(self, x: EntityKey) -> EntityKey:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: EntityKey, b: EntityKey) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def one_edit_apart(a: str, b: str) -> bool:
    """Levenshtein distance of exactly one (insert, delete or substitute)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def _merge_people(uf: _UnionFind, people: list[EntityKey]) -> None:
    full = sorted(k for k in people if " " in k[1])
    by_first: dict[str, list[EntityKey]] = defaultdict(list)
    for k in full:
        by_first[k[1].split()[0]].append(k)
    for group in by_first.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                sa, sb = a[1].split(None, 1)[1], b[1].split(None, 1)[1]
                if len(sa) >= 5 and one_edit_apart(sa, sb):
                    uf.union(a, b)
    surnames: dict[str, set[EntityKey]] = defaultdict(set)
    for k in full:
        surnames[k[1].split()[-1]].add(uf.find(k))
    for k in people:
        if " " not in k[1] and len(surnames.get(k[1], ())) == 1:
            uf.union(k, next(iter(surnames[k[1]])))


def inflection_key(name: str) -> str:
    """A name with every word reduced to its inflection stem, so "Kommunaler Digitalfonds NRW",
    "Kommunalen Digitalfonds NRW" and "Kommunale Digitalfonds NRW" share one key."""
    return " ".join(stem(w) for w in norm_label(name).split())


QUALIFIED_PLACE = re.compile(
    r"^(?P<base>[^\s(/]+(?:[ -][^\s(/]+)??)(?:\s+(?:am|an der|an den|im|in der|in|ob der|bei|vor der)\s+\S.*"
    r"|\s*\([^()]+\)|\s*/\s*\S.*|\s+a\.\s?d\.\s?\S.*|\s+i\.\s?\S.*)$")


def qualified_base(name: str) -> str | None:
    """The bare place name of a name with a qualifier: "Frankfurt am Main" -> "Frankfurt",
    "Halle (Saale)" -> "Halle", "Neustadt an der Weinstraße" -> "Neustadt"; None otherwise."""
    m = QUALIFIED_PLACE.match(name.strip())
    return m.group("base") if m else None


def _merge_qualified_places(uf: _UnionFind, places: list[EntityKey]) -> None:
    """A bare place name and the one qualified place of that name in the corpus are one entity
    ("Frankfurt" and "Frankfurt am Main"); with two qualified namesakes ("Frankfurt am Main",
    "Frankfurt (Oder)") the bare name stays apart."""
    qualified: dict[str, list[EntityKey]] = defaultdict(list)
    for k in places:
        base = qualified_base(k[1])
        if base:
            qualified[norm_label(base)].append(k)
    for k in places:
        found = qualified.get(norm_label(k[1]))
        if found and len({norm_label(q[1]) for q in found}) == 1:
            uf.union(k, found[0])


def resolve(extractions: Iterable[Extraction]) -> Corpus:
    """Merge the per-document entity keys of ``extractions`` into canonical entities."""
    extractions = list(extractions)
    uf = _UnionFind()
    surfaces: dict[EntityKey, Counter] = defaultdict(Counter)
    trusted: dict[EntityKey, int] = Counter()
    external: dict[EntityKey, set[str]] = defaultdict(set)
    ags: dict[EntityKey, str] = {}
    keys: set[EntityKey] = set()
    for ex in extractions:
        for m in ex.mentions:
            key = m.key  # a property that makes a tuple: once per mention
            keys.add(key)
            seen = surfaces[key]
            seen[m.text] += 1
            if m.form and m.form != m.text:
                seen[m.form] += 0
            if m.extractor.startswith("gazetteer"):
                trusted[key] += 1
            if m.external:
                external[key].update(m.external)
            if m.ags:
                ags[key] = m.ags
        for r in ex.relations:
            keys.update((r.subject, r.object))
        for f in ex.fundings:
            keys.update(k for k in (f.funder, f.recipient, f.programme) if k)
    by_norm: dict[tuple[str, str], list[EntityKey]] = defaultdict(list)
    for k in sorted(keys):
        uf.find(k)
        if k[0] in ORG_LIKE:
            by_norm[("org", inflection_key(k[1]))].append(k)
        else:
            by_norm[(k[0], norm_label(k[1]))].append(k)
    for members in by_norm.values():
        for other in members[1:]:
            uf.union(members[0], other)
    city_states = gazetteer.city_states()
    for name in sorted(city_states):
        pair = [k for k in keys if k[1] == name and k[0] in {"State", "Municipality"}]
        for other in pair[1:]:
            uf.union(pair[0], other)
    _merge_qualified_places(uf, sorted(k for k in keys if k[0] == "Municipality"))
    _merge_people(uf, sorted(k for k in keys if k[0] == "Person"))

    clusters: dict[EntityKey, list[EntityKey]] = defaultdict(list)
    for k in sorted(keys):
        clusters[uf.find(k)].append(k)
    mapping: dict[EntityKey, EntityKey] = {}
    entities: dict[EntityKey, Entity] = {}
    for members in clusters.values():
        entity = _make_entity(members, surfaces, trusted, external, ags, city_states)
        entities[entity.key] = entity
        for k in members:
            mapping[k] = entity.key

    corpus = Corpus(documents=[ex.document for ex in extractions], entities=dict(sorted(entities.items())))
    documents_of = {key: entity.documents for key, entity in corpus.entities.items()}
    add_mention = corpus.mentions.append
    for ex in extractions:
        doc_id = ex.document.doc_id
        for m in ex.mentions:
            key = mapping[m.key]
            documents_of[key].add(doc_id)
            add_mention((doc_id, key, m.text))
            if m.form and m.form != m.text:
                add_mention((doc_id, key, m.form))
        for r in ex.relations:
            s, o = mapping[r.subject], mapping[r.object]
            if s != o:
                corpus.relations.append(Relation(s, r.predicate, o, r.evidence))
        for f in ex.fundings:
            corpus.fundings.append(Funding(
                f.amount, f.evidence,
                mapping.get(f.funder) if f.funder else None,
                mapping.get(f.recipient) if f.recipient else None,
                mapping.get(f.programme) if f.programme else None,
            ))
    return corpus


def _make_entity(members, surfaces, trusted, external, ags, city_states) -> Entity:
    types = Counter()
    for k in members:
        types[k[0]] += sum(surfaces[k].values()) + 100 * trusted[k]
    names = Counter()
    for k in members:
        names[k[1]] += sum(surfaces[k].values()) + 100 * trusted[k] + 1
    if any(k[0] == "Person" for k in members):
        # the most frequent full name (a typo is rarer than the right spelling)
        full = [n for n in names if " " in n] or list(names)
        pref = sorted(full, key=lambda n: (-names[n], -len(n), n))[0]
    else:
        pref = sorted(names, key=lambda n: (-names[n], n))[0]
    primary = sorted(types, key=lambda t: (-types[t], TYPE_RANK.get(t, 99)))[0]
    all_types = {primary}
    if pref in city_states and primary in {"State", "Municipality"}:
        all_types = {"State", "Municipality"}
        primary = "State"
    labels = set(names)
    for k in members:
        labels.update(surfaces[k])
    ext = set().union(*(external[k] for k in members))
    ag = next((ags[k] for k in members if k in ags), None)
    return Entity(type=primary, pref_label=pref, types=all_types, alt_labels=labels - {pref},
                  external=ext, ags=ag)
