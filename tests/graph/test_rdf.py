"""build_dataset: one named graph per document, entities, relations, Evidence and Funding."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
import sys  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

sys.path.insert(0, str(_Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from conftest_helpers import (
    BMI, BREMEN, BUND, DATE1, HOLL, KDW, KESTNER, KREIS, LIND, NDS, PROG, HOSTILE, sample_corpus, tricky_corpus,
)
from rdflib import BNode, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from egovkg import ids
from egovkg.graph.rdf import build_dataset, clean_label, entity_iri, key_iri
from egovkg.model import Entity, Relation
from egovkg.namespace import EGOV, SCHEMA

D1, D2 = ids.document_iri("d1"), ids.document_iri("d2")


@pytest.fixture(scope="module")
def corpus():
    return sample_corpus()


@pytest.fixture(scope="module")
def ds(corpus):
    return build_dataset(corpus)


def iri(key, corpus):
    return key_iri(key, corpus)


def test_one_named_graph_per_document(ds):
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert names == {D1, D2}
    g1 = ds.graph(D1)
    assert (D1, RDF.type, EGOV.Document) in g1
    assert (D2, RDF.type, EGOV.Document) not in g1
    assert g1.value(D1, DCTERMS.date) == Literal(DATE1, datatype=XSD.date)
    assert g1.value(D1, DCTERMS.title) == Literal("Lindenbrück wird Modellkommune", lang="de")
    assert g1.value(D1, DCTERMS.source) == Literal("d1.txt")
    assert len(str(g1.value(D1, EGOV.sha256))) == 64


def test_entity_iri_is_stable_slug(corpus):
    assert entity_iri(corpus.entities[LIND]) == ids.entity_iri("Municipality", "Lindenbrück")
    assert str(entity_iri(corpus.entities[LIND])).endswith("/municipality/lindenbrueck")


def test_alt_labels_are_per_document(ds, corpus):
    lind = iri(LIND, corpus)
    g1, g2 = ds.graph(D1), ds.graph(D2)
    assert set(g1.objects(lind, SKOS.altLabel)) == {Literal("Stadt Lindenbrück", lang="de")}
    assert set(g2.objects(lind, SKOS.altLabel)) == set()
    kestner = iri(KESTNER, corpus)
    assert set(g2.objects(kestner, SKOS.altLabel)) == {Literal("Kestner", lang="de")}
    assert (kestner, EGOV.mentionedIn, D1) in g1 and (kestner, EGOV.mentionedIn, D2) in g2
    assert (kestner, EGOV.mentionedIn, D2) not in g1


def test_every_entity_has_exactly_one_pref_label_equal_to_label(ds, corpus):
    for key, entity in corpus.entities.items():
        e = entity_iri(entity)
        prefs = set(ds.objects(e, SKOS.prefLabel))
        assert prefs == {Literal(key[1], lang="de")}, key
        assert set(ds.objects(e, RDFS.label)) == prefs


def test_city_state_has_both_types(ds, corpus):
    bremen = iri(BREMEN, corpus)
    assert set(ds.objects(bremen, RDF.type)) == {EGOV.State, EGOV.Municipality}
    assert "/state/" in str(bremen)


def test_external_ids(ds, corpus):
    lind = iri(LIND, corpus)
    assert (lind, SKOS.exactMatch, URIRef("https://sws.geonames.org/1234567/")) in ds
    assert ds.value(lind, EGOV.ags) == Literal("03459999")
    assert (iri(BUND, corpus), SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/Q183")) in ds


def test_direct_triples_and_symmetric_cooperation(ds, corpus):
    assert (iri(LIND, corpus), EGOV.memberOf, iri(KDW, corpus)) in ds.graph(D1)
    assert (iri(KESTNER, corpus), EGOV.heads, iri(LIND, corpus)) in ds.graph(D2)
    for g in (ds.graph(D1), ds.graph(D2)):
        assert (iri(LIND, corpus), EGOV.cooperatesWith, iri(HOLL, corpus)) in g
        assert (iri(HOLL, corpus), EGOV.cooperatesWith, iri(LIND, corpus)) in g


def _evidence_for(ds, s, p, o):
    return [ev for ev in ds.subjects(RDF.type, EGOV.Evidence)
            if (ev, RDF.subject, s) in ds and (ev, RDF.predicate, p) in ds and (ev, RDF.object, o) in ds]


def test_evidence_node(ds, corpus):
    kestner, lind = iri(KESTNER, corpus), iri(LIND, corpus)
    evs = _evidence_for(ds, kestner, EGOV.heads, lind)
    assert len(evs) == 2
    rel = next(r for r in corpus.relations if r.predicate == "heads" and r.evidence.doc_id == "d1")
    ev = ids.evidence_iri(kestner, EGOV.heads, lind, "d1", rel.evidence.start, rel.evidence.end)
    assert ev in evs
    g1 = ds.graph(D1)
    assert g1.value(ev, EGOV.role) == Literal("Bürgermeisterin", lang="de")
    assert g1.value(ev, PROV.wasDerivedFrom) == D1
    assert g1.value(ev, PROV.value) == Literal(rel.evidence.sentence, lang="de")
    assert rel.evidence.sentence.startswith("Bürgermeisterin Hannelore Kestner")
    assert g1.value(ev, EGOV.charStart) == Literal(rel.evidence.start)
    assert g1.value(ev, EGOV.charStart).datatype == XSD.integer
    assert g1.value(ev, EGOV.charEnd) == Literal(rel.evidence.end)
    assert g1.value(ev, EGOV.extractor) == Literal("pattern:test")
    conf = g1.value(ev, EGOV.confidence)
    assert conf.datatype == XSD.decimal and conf.toPython() == Decimal("0.9")
    assert g1.value(ev, DCTERMS.date) == Literal(DATE1, datatype=XSD.date)
    assert ev not in set(ds.graph(D2).subjects())


def test_symmetric_evidence_is_reified_in_one_direction(ds, corpus):
    a, b = sorted([iri(LIND, corpus), iri(HOLL, corpus)], key=str)
    assert len(_evidence_for(ds, a, EGOV.cooperatesWith, b)) == 2  # d1 said L-H, d2 said H-L
    assert _evidence_for(ds, b, EGOV.cooperatesWith, a) == []


def test_funding_with_upper_bound(ds, corpus):
    f = next(corpus.fundings[i] for i in range(len(corpus.fundings)) if corpus.fundings[i].funder == BMI)
    fi = ids.funding_iri("d1", f.amount.start, f.amount.end, iri(BMI, corpus), iri(LIND, corpus), iri(PROG, corpus))
    g1 = ds.graph(D1)
    assert (fi, RDF.type, EGOV.Funding) in g1
    assert g1.value(fi, EGOV.funder) == iri(BMI, corpus)
    assert g1.value(fi, EGOV.recipient) == iri(LIND, corpus)
    assert g1.value(fi, EGOV.programme) == iri(PROG, corpus)
    amount = g1.value(fi, EGOV.amount)
    assert amount == URIRef(f"{fi}/amount")
    assert (amount, RDF.type, SCHEMA.MonetaryAmount) in g1
    assert g1.value(amount, SCHEMA.maxValue) == Literal("80000", datatype=XSD.decimal)
    assert g1.value(amount, SCHEMA.value) is None
    assert g1.value(amount, SCHEMA.currency) == Literal("EUR")
    assert g1.value(fi, EGOV.amountText) == Literal("bis zu 80.000 Euro", lang="de")
    assert g1.value(fi, DCTERMS.date) == Literal(DATE1, datatype=XSD.date)
    assert g1.value(fi, PROV.wasDerivedFrom) == D1
    assert (fi, EGOV.approximate, None) not in g1
    ev = g1.value(fi, EGOV.hasEvidence)
    assert g1.value(ev, RDF.predicate) == EGOV.funds and g1.value(ev, RDF.object) == iri(PROG, corpus)
    # the funder also funds the programme directly
    assert (iri(BMI, corpus), EGOV.funds, iri(PROG, corpus)) in g1


def test_funding_variants(ds, corpus):
    fundings = {ds.value(f, EGOV.amountText).value: f for f in ds.subjects(RDF.type, EGOV.Funding)}
    assert len(fundings) == 4
    nds = fundings["1,5 Millionen Euro"]
    assert ds.value(ds.value(nds, EGOV.amount), SCHEMA.value) == Literal("1500000", datatype=XSD.decimal)
    assert (iri(NDS, corpus), EGOV.funds, iri(PROG, corpus)) in ds
    bund = fundings["fünf Milliarden Euro"]
    assert ds.value(ds.value(bund, EGOV.amount), SCHEMA.value) == Literal("5000000000", datatype=XSD.decimal)
    assert (iri(BUND, corpus), EGOV.funds, None) not in ds  # no target named: no direct triple
    ev = ds.value(bund, EGOV.hasEvidence)
    assert ds.value(ev, RDF.subject) == bund and ds.value(ev, RDF.object) == EGOV.Funding
    vague = fundings["mittleren sechsstelligen Summe"]
    amount = ds.value(vague, EGOV.amount)
    assert ds.value(amount, SCHEMA.minValue).toPython() == Decimal("400000")
    assert ds.value(amount, SCHEMA.maxValue).toPython() == Decimal("600000")
    assert ds.value(vague, EGOV.approximate) == Literal(True)
    assert ds.value(vague, EGOV.recipient) == iri(KREIS, corpus)
    assert ds.value(vague, EGOV.funder) is None


def test_no_blank_nodes(ds):
    for s, p, o, _g in ds.quads((None, None, None, None)):
        assert not isinstance(s, BNode) and not isinstance(o, BNode)


def test_build_is_deterministic(corpus):
    a, b = build_dataset(corpus), build_dataset(sample_corpus())
    assert set(a.quads((None, None, None, None))) == set(b.quads((None, None, None, None)))
    assert isomorphic(to_isomorphic(a.graph(D2)), to_isomorphic(b.graph(D2)))


def test_labels_lose_control_characters_but_keep_text():
    assert clean_label("A\x01B\nC\u200f<b>\"\\") == "AB C\u200f<b>\"\\"
    corpus = tricky_corpus()
    ds = build_dataset(corpus)
    labels = [o for o in ds.objects(None, SKOS.prefLabel)] + [o for o in ds.objects(None, SKOS.altLabel)]
    assert labels and all(not any(ord(c) < 32 or ord(c) == 127 for c in str(lbl)) for lbl in labels)
    assert Literal("Ülrike Mäder", lang="de") in labels
    assert Literal('Zweckverband "IT\\Süd" <script>', lang="de") in labels
    sentences = [str(o) for o in ds.objects(None, PROV.value)]
    assert any("\n<script>alert(1)</script>" in s and "\u200f" in s and "\x01" not in s for s in sentences)
    assert HOSTILE.replace("\x01", "").replace("\x7f", "") in sentences


def test_duplicate_relation_in_one_sentence_gives_one_evidence():
    corpus = sample_corpus()
    rel = next(r for r in corpus.relations if r.predicate == "memberOf")
    weaker = dataclasses.replace(rel.evidence, extractor="pattern:other", confidence=0.3)
    corpus.relations.append(Relation(rel.subject, rel.predicate, rel.object, weaker))
    ds = build_dataset(corpus)
    evs = _evidence_for(ds, iri(rel.subject, corpus), EGOV.memberOf, iri(rel.object, corpus))
    assert len(evs) == 1
    assert set(ds.objects(evs[0], EGOV.extractor)) == {Literal("pattern:test")}


def test_iri_collision_keeps_one_pref_label():
    corpus = sample_corpus()
    twin = ("Municipality", "Lindenbrueck")  # same slug as Lindenbrück
    corpus.entities[twin] = Entity("Municipality", "Lindenbrueck", {"Municipality"}, set(), {"d2"})
    corpus.mentions.append(("d2", twin, "Lindenbrueck"))
    ds = build_dataset(corpus)
    lind = iri(LIND, corpus)
    assert set(ds.objects(lind, SKOS.prefLabel)) == {Literal("Lindenbrück", lang="de")}  # in more documents
    assert Literal("Lindenbrueck", lang="de") in set(ds.objects(lind, SKOS.altLabel))


def test_cached_literals_keep_equal_but_different_values_apart():
    from decimal import Decimal

    from rdflib.namespace import XSD

    from egovkg.graph import rdf

    assert str(rdf._decimal(Decimal("1.50"))) == "1.50" and str(rdf._decimal(Decimal("1.5"))) == "1.5"
    assert rdf._decimal(60000.0) == rdf._decimal(Decimal("60000")) == Literal("60000", datatype=XSD.decimal)
    assert rdf._lit(True).datatype == XSD.boolean and rdf._lit(1).datatype == XSD.integer
    assert rdf._lit(True) is rdf._lit(True)
