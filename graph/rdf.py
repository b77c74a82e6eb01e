"""The RDF graph of a corpus: one named graph per document, holding what that document says.

Each domain object yields its own triples (``document_triples``, ``entity_triples``,
``relation_triples``, ``funding_triples``); :func:`build_dataset` only routes them into the
named graph of the document they came from. No blank nodes are made, so two builds of the
same corpus give the same triples, and the exporters can write byte-identical files.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, Iterator, Mapping

from rdflib import Dataset, Literal, URIRef
from rdflib import namespace as _ns

from egovkg import ids
from egovkg import namespace as _egov_ns
from egovkg.model import SYMMETRIC_PREDICATES, Corpus, Document, Entity, EntityKey, Evidence, Funding, Relation
from egovkg.namespace import PREFIXES


class _Terms:
    """Memoised attribute and item access to a namespace: a ``DefinedNamespace`` lookup costs
    microseconds, and a large corpus makes hundreds of thousands of them. Same ``URIRef``s."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace
        self._items: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        term = getattr(self._namespace, name)
        setattr(self, name, term)  # later lookups find it in __dict__
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._items.get(name)
        if term is None:
            term = self._items[name] = self._namespace[name]  # type: ignore[index]
        return term


EGOV, SCHEMA = _Terms(_egov_ns.EGOV), _Terms(_egov_ns.SCHEMA)
DCTERMS, PROV, RDF, RDFS, SKOS = (_Terms(n) for n in (_ns.DCTERMS, _ns.PROV, _ns.RDF, _ns.RDFS, _ns.SKOS))
XSD = _Terms(_ns.XSD)

Triple = tuple[URIRef, URIRef, URIRef | Literal]

_WHITESPACE_CONTROLS = {"\t", "\n", "\r", "\x0b", "\x0c", "\x85"}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
"""Every character of Unicode category Cc or Cs: text without one needs no cleaning (fast path)."""
_CONTROL_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_label(text: str) -> str:
    """A label without control characters: line breaks and tabs become spaces, others go.

    Everything else (quotes, ``<``, right-to-left marks, umlauts) is kept as written.
    """
    if not _CONTROL.search(text):
        return text.strip()
    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cs"):
            if ch in _WHITESPACE_CONTROLS:
                out.append(" ")
            continue
        out.append(ch)
    return "".join(out).strip()


def clean_text(text: str) -> str:
    """Sentence text safe for every export: keeps tabs and line breaks, drops other control
    characters and lone surrogates (not representable in XML or UTF-8)."""
    if not _CONTROL_NOT_TEXT.search(text):
        return text
    return "".join(
        ch for ch in text
        if ch in "\t\n\r" or unicodedata.category(ch) not in ("Cc", "Cs")
    )


@lru_cache(maxsize=1 << 16)
def _de(text: str) -> Literal:
    return Literal(text, lang="de")  # cached: labels repeat in every document that names them


@lru_cache(maxsize=1 << 16, typed=True)  # typed: True and 1 are equal keys otherwise
def _lit(value: str | int | bool) -> Literal:
    """A plain, integer or boolean literal; cached (making an rdflib ``Literal`` costs
    microseconds, and offsets, extractors and kinds repeat across a corpus)."""
    return Literal(value)


@lru_cache(maxsize=1 << 14, typed=True)
def _date(value: object) -> Literal:
    return Literal(value, datatype=XSD.date)


def _decimal(value: Decimal | float) -> Literal:
    # keyed by the written form: Decimal("1.50") == Decimal("1.5"), but they are written differently
    return _decimal_of(str(value) if isinstance(value, Decimal) else repr(float(value)))


@lru_cache(maxsize=1 << 14)
def _decimal_of(text: str) -> Literal:
    d = Decimal(text)
    text = format(d.normalize() if d == d.to_integral_value() else d, "f")
    return Literal(text, datatype=XSD.decimal)


@lru_cache(maxsize=1 << 16)
def _entity_iri(entity_type: str, label: str) -> URIRef:
    return ids.entity_iri(entity_type, label)


def entity_iri(entity: Entity) -> URIRef:
    """The stable IRI of a canonical entity (``id:<type folder>/<slug of its name>``)."""
    return _entity_iri(entity.type, entity.pref_label)


def document_triples(doc: Document) -> Iterator[Triple]:
    """The ``egov:Document`` node of one source text."""
    d = ids.document_iri(doc.doc_id)
    yield d, RDF.type, EGOV.Document
    yield d, DCTERMS.title, _de(clean_label(doc.title))
    if doc.date is not None:
        yield d, DCTERMS.date, _date(doc.date)
    yield d, DCTERMS.source, _lit(clean_label(doc.source))
    yield d, EGOV.sha256, _lit(doc.sha256)
    yield d, EGOV.documentKind, _lit(doc.kind)
    if doc.parent:
        yield d, EGOV.partOfPage, ids.document_iri(doc.parent)


def entity_triples(entity: Entity, doc_id: str | None = None, alt_labels: Iterable[str] = ()) -> Iterator[Triple]:
    """What one document says about an entity: types, labels, external ids, the mention.

    Args:
        entity: The canonical entity.
        doc_id: The document the triples go into (``egov:mentionedIn``); None for none.
        alt_labels: Surface forms seen in that document; the canonical name itself is skipped.
    """
    head, tail = _entity_parts(entity)
    yield from head
    yield from _mention_triples(head[0][0], head[-1][2], doc_id, alt_labels)
    yield from tail


def _entity_parts(entity: Entity) -> tuple[list[Triple], list[Triple]]:
    """The triples of an entity that every document repeats: types and names (the last is
    ``rdfs:label``), then external ids."""
    e = entity_iri(entity)
    head: list[Triple] = [(e, RDF.type, EGOV[etype]) for etype in sorted({entity.type} | set(entity.types))]
    pref = _de(clean_label(entity.pref_label))
    head += [(e, SKOS.prefLabel, pref), (e, RDFS.label, pref)]
    tail: list[Triple] = [(e, SKOS.exactMatch, URIRef(ext)) for ext in sorted(entity.external)]
    if entity.ags:
        tail.append((e, EGOV.ags, _lit(entity.ags)))
    return head, tail


def _mention_triples(e: URIRef, pref: Literal, doc_id: str | None, alt_labels: Iterable[str]) -> Iterator[Triple]:
    """The document-specific triples of an entity: the surface forms seen there, the mention."""
    for alt in sorted({clean_label(a) for a in alt_labels} - {str(pref), ""}):
        yield e, SKOS.altLabel, _de(alt)
    if doc_id is not None:
        yield e, EGOV.mentionedIn, ids.document_iri(doc_id)


def evidence_triples(ev_iri: URIRef, triple: Triple, ev: Evidence, fallback_date=None) -> list[Triple]:
    """An ``egov:Evidence`` node reifying ``triple``: sentence, offsets, extractor, confidence."""
    s, p, o = triple
    out = [(ev_iri, RDF.type, EGOV.Evidence), (ev_iri, RDF.subject, s), (ev_iri, RDF.predicate, p),
           (ev_iri, RDF.object, o)]
    role = clean_label(ev.role) if ev.role else ""
    if role:
        out.append((ev_iri, EGOV.role, _de(role)))
    out += [(ev_iri, PROV.wasDerivedFrom, ids.document_iri(ev.doc_id)),
            (ev_iri, PROV.value, _de(clean_text(ev.sentence))),
            (ev_iri, EGOV.charStart, _lit(int(ev.start))),
            (ev_iri, EGOV.charEnd, _lit(int(ev.end))),
            (ev_iri, EGOV.extractor, _lit(ev.extractor)),
            (ev_iri, EGOV.confidence, _decimal(ev.confidence))]
    date = ev.date or fallback_date
    if date is not None:
        out.append((ev_iri, DCTERMS.date, _date(date)))
    return out


def _ends(a: URIRef, b: URIRef, predicate: str) -> tuple[URIRef, URIRef]:
    """Symmetric facts are reified in one canonical direction so documents can agree on them."""
    if predicate in SYMMETRIC_PREDICATES and str(b) < str(a):
        return b, a
    return a, b


class KeyIris(dict):
    """Entity key -> the IRI it resolves to in ``corpus`` (:func:`key_iri`), each computed once:
    a graph names the same entities in thousands of triples."""

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus

    def __missing__(self, key: EntityKey) -> URIRef:
        iri = self[key] = key_iri(key, self.corpus)
        return iri


def relation_evidence_iri(rel: Relation, iris: Mapping[EntityKey, URIRef]) -> URIRef:
    """The IRI of a relation's Evidence: a hash of triple, document and sentence offsets
    (``iris``: :class:`KeyIris` of the corpus)."""
    s, o = _ends(iris[rel.subject], iris[rel.object], rel.predicate)
    ev = rel.evidence
    return ids.evidence_iri(s, EGOV[rel.predicate], o, ev.doc_id, ev.start, ev.end)


def relation_triples(rel: Relation, iris: Mapping[EntityKey, URIRef], fallback_date=None,
                     evidence_iri: URIRef | None = None) -> list[Triple]:
    """A direct triple (both directions for symmetric predicates) and its Evidence
    (``iris``: :class:`KeyIris` of the corpus; ``evidence_iri``: :func:`relation_evidence_iri`,
    when the caller has it already)."""
    s, o = iris[rel.subject], iris[rel.object]
    p = EGOV[rel.predicate]
    out = [(s, p, o)]
    if rel.predicate in SYMMETRIC_PREDICATES:
        out.append((o, p, s))
    rs, ro = _ends(s, o, rel.predicate)
    ev_iri = evidence_iri if evidence_iri is not None else relation_evidence_iri(rel, iris)
    out += evidence_triples(ev_iri, (rs, p, ro), rel.evidence, fallback_date)
    return out


def funding_iri(f: Funding, iris: Mapping[EntityKey, URIRef]) -> URIRef:
    """The IRI of a Funding: a hash of its document, amount offsets and parties."""
    parties = [str(iris[k]) if k else "" for k in (f.funder, f.recipient, f.programme)]
    return ids.funding_iri(f.evidence.doc_id, f.amount.start, f.amount.end, *parties)


def funding_triples(f: Funding, iris: Mapping[EntityKey, URIRef], fallback_date=None) -> Iterator[Triple]:
    """An ``egov:Funding`` with its amount node, the direct ``egov:funds`` triple and Evidence.

    The Evidence reifies the ``funds`` triple when funder and target are known, otherwise the
    typing of the Funding itself; ``egov:hasEvidence`` links the Funding to it.
    """
    fi = funding_iri(f, iris)
    amount_node = URIRef(f"{fi}/amount")
    ev = f.evidence
    yield fi, RDF.type, EGOV.Funding
    funder = iris[f.funder] if f.funder else None
    recipient = iris[f.recipient] if f.recipient else None
    programme = iris[f.programme] if f.programme else None
    if funder is not None:
        yield fi, EGOV.funder, funder
    if recipient is not None:
        yield fi, EGOV.recipient, recipient
    if programme is not None:
        yield fi, EGOV.programme, programme
    a = f.amount
    yield fi, EGOV.amount, amount_node
    yield amount_node, RDF.type, SCHEMA.MonetaryAmount
    if a.value is not None:
        yield amount_node, SCHEMA.value, _decimal(a.value)
    if a.min_value is not None:
        yield amount_node, SCHEMA.minValue, _decimal(a.min_value)
    if a.max_value is not None:
        yield amount_node, SCHEMA.maxValue, _decimal(a.max_value)
    yield amount_node, SCHEMA.currency, _lit(a.currency or "EUR")
    if a.approximate:
        yield fi, EGOV.approximate, _lit(True)
    yield fi, EGOV.amountText, _de(clean_label(a.text))
    date = ev.date or fallback_date
    if date is not None:
        yield fi, DCTERMS.date, _date(date)
    yield fi, PROV.wasDerivedFrom, ids.document_iri(ev.doc_id)
    target = programme or recipient
    if funder is not None and target is not None:
        reified: Triple = (funder, EGOV.funds, target)
        yield reified
    else:
        reified = (fi, RDF.type, EGOV.Funding)
    ev_iri = ids.evidence_iri(fi, *reified, ev.doc_id, ev.start, ev.end)
    yield fi, EGOV.hasEvidence, ev_iri
    yield from evidence_triples(ev_iri, reified, ev, fallback_date)


def key_iri(key: EntityKey, corpus: Corpus) -> URIRef:
    """The IRI of the entity a key resolves to (the key itself when the corpus lacks it)."""
    entity = corpus.entities.get(key)
    return entity_iri(entity) if entity is not None else _entity_iri(*key)


def _fact_keys(corpus: Corpus) -> dict[str, set[EntityKey]]:
    """Entity keys each document speaks about: mentions, relation and funding ends."""
    keys: dict[str, set[EntityKey]] = defaultdict(set)
    for entity in corpus.entities.values():
        for doc_id in entity.documents:
            keys[doc_id].add(entity.key)
    for doc_id, key, _surface in corpus.mentions:
        keys[doc_id].add(key)
    for rel in corpus.relations:
        keys[rel.evidence.doc_id].update((rel.subject, rel.object))
    for f in corpus.fundings:
        keys[f.evidence.doc_id].update(k for k in (f.funder, f.recipient, f.programme) if k)
    return keys


def _entity_for(key: EntityKey, corpus: Corpus) -> Entity:
    return corpus.entities.get(key) or Entity(type=key[0], pref_label=key[1])


def _canonical_entities(corpus: Corpus) -> dict[URIRef, Entity]:
    """One entity per IRI: should two entities share an IRI, the label of the one mentioned in
    most documents wins (then the first in key order), the others become alternative labels,
    so every IRI keeps exactly one ``skos:prefLabel``."""
    by_iri: dict[URIRef, Entity] = {}
    for key in sorted(corpus.entities, key=lambda k: (-len(corpus.entities[k].documents), k)):
        ent = corpus.entities[key]
        iri = entity_iri(ent)
        first = by_iri.get(iri)
        if first is None:
            by_iri[iri] = Entity(ent.type, ent.pref_label, set(ent.types), set(ent.alt_labels),
                                 set(ent.documents), set(ent.external), ent.ags)
        else:
            first.types |= ent.types | {ent.type}
            first.alt_labels |= ent.alt_labels | {ent.pref_label}
            first.external |= ent.external
            first.ags = first.ags or ent.ags
    return by_iri


def _dedupe_relations(corpus: Corpus, iris: Mapping[EntityKey, URIRef]) -> dict[URIRef, Relation]:
    """One relation per Evidence IRI (same fact, same sentence): the most confident wins."""
    best: dict[URIRef, Relation] = {}
    for rel in corpus.relations:
        iri = relation_evidence_iri(rel, iris)
        cur = best.get(iri)
        rank = (rel.evidence.confidence, rel.evidence.extractor)
        if cur is None or rank > (cur.evidence.confidence, cur.evidence.extractor):
            best[iri] = rel
    return best


Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef | None]
"""``(subject, predicate, object, graph name)``; the graph name ``None`` is the default graph."""


def dataset_quads(corpus: Corpus) -> list[Quad]:
    """The quads of :func:`build_dataset` without the rdflib store: the triples of
    :func:`dataset_graphs`, each with its graph name."""
    return [(s, p, o, g) for g, triples in dataset_graphs(corpus).items() for s, p, o in triples]


def dataset_graphs(corpus: Corpus) -> dict[URIRef | None, list[Triple]]:
    """The triples of each graph of :func:`build_dataset`, by graph name: the default graph
    (``None``) first if it has any, then one named graph per document (its IRI), in document id order.

    The build writes its files from these directly (``egovkg.graph.export.write_quads``):
    indexing 200,000 quads in rdflib's store costs more than making them.
    """
    by_iri = _canonical_entities(corpus)
    iris = KeyIris(corpus)
    dates = {d.doc_id: d.date for d in corpus.documents}
    per_doc: dict[str | None, list[Triple]] = defaultdict(list)

    for doc in corpus.documents:
        per_doc[doc.doc_id].extend(document_triples(doc))

    surfaces: dict[tuple[str, URIRef], set[str]] = defaultdict(set)
    for doc_id, key, surface in corpus.mentions:
        surfaces[(doc_id, iris[key])].add(surface)
    placed: set[tuple[URIRef, str]] = set()
    entity_docs: dict[URIRef, set[str]] = defaultdict(set)
    parts: dict[object, tuple[list[Triple], list[Triple]]] = {}  # made once per entity, not per document
    for doc_id, keys in _fact_keys(corpus).items():
        triples = per_doc[doc_id]
        for iri, key in {iris[k]: k for k in sorted(keys)}.items():
            entity = by_iri.get(iri)
            memo = iri if entity is not None else (iri, key)
            part = parts.get(memo)
            if part is None:
                part = parts[memo] = _entity_parts(entity or _entity_for(key, corpus))
            head, tail = part
            triples += head
            triples.extend(_mention_triples(iri, head[-1][2], doc_id, surfaces.get((doc_id, iri), ())))
            triples += tail
            placed.update((iri, s) for s in surfaces.get((doc_id, iri), ()))
            entity_docs[iri].add(doc_id)
    for iri, entity in by_iri.items():
        # Alternative labels no mention accounts for go to the entity's first document.
        docs = sorted(entity_docs[iri])
        rest = {a for a in entity.alt_labels if (iri, a) not in placed}
        if not docs:
            per_doc[None].extend(entity_triples(entity, None, rest))
        elif rest:
            per_doc[docs[0]].extend(entity_triples(entity, docs[0], rest))

    for ev_iri, rel in _dedupe_relations(corpus, iris).items():
        doc_id = rel.evidence.doc_id
        per_doc[doc_id].extend(relation_triples(rel, iris, dates.get(doc_id), ev_iri))
    for f in corpus.fundings:
        doc_id = f.evidence.doc_id
        per_doc[doc_id].extend(funding_triples(f, iris, dates.get(doc_id)))

    return {None if doc_id is None else ids.document_iri(doc_id): per_doc[doc_id]
            for doc_id in sorted(per_doc, key=lambda d: (d is not None, d or ""))}


def build_dataset(corpus: Corpus) -> Dataset:
    """The RDF dataset of a corpus: one named graph per document (graph IRI = document IRI).

    Each named graph holds the Document node, every entity the document mentions (types,
    labels, the surface forms seen there, external ids), its relations with Evidence and its
    Fundings. The default graph is the union of all named graphs (``default_union``).

    Args:
        corpus: The resolved corpus.

    Returns:
        An rdflib ``Dataset`` with the project prefixes bound (the quads of
        :func:`dataset_quads`).
    """
    ds = Dataset(default_union=True)
    for prefix, iri in PREFIXES.items():
        ds.bind(prefix, str(iri), override=True, replace=True)
    # straight to the store: every term was made here, so Graph.addN's per-quad checks
    # (a third of the time) have nothing to find
    for name, triples in dataset_graphs(corpus).items():
        graph = ds.default_graph if name is None else ds.graph(name)
        ds.store.addN((s, p, o, graph) for s, p, o in triples)
    return ds
