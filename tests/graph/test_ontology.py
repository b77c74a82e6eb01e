"""The ontology declares every term the code uses, in German and English; the SHACL shapes
accept the graph the pipeline writes and reject broken ones."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import sys  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

sys.path.insert(0, str(_Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from conftest_helpers import KESTNER, LIND, sample_corpus, tricky_corpus
from rdflib import Graph, Literal
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from egovkg.graph.export import sorted_quads, union_graph, union_triples
from egovkg.graph.rdf import build_dataset, key_iri
from egovkg.model import ENTITY_TYPES, PREDICATES
from egovkg.namespace import EGOV, ORG, SCHEMA

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
NS = str(EGOV._NS)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY / "egov.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY / "shapes.ttl")


def declared_terms(onto: Graph) -> set[str]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Class, RDF.Property)
    return {
        str(s)[len(NS):] for kind in kinds for s in onto.subjects(RDF.type, kind) if str(s).startswith(NS)
    }


def namespace_terms() -> set[str]:
    return {name for name in EGOV.__annotations__ if not name.startswith("_")}


def test_namespace_terms_equal_declared_terms(onto):
    declared, used = declared_terms(onto), namespace_terms()
    assert used - declared == set(), f"in egovkg.namespace.EGOV but not declared in egov.ttl: {used - declared}"
    assert declared - used == set(), f"declared in egov.ttl but missing from EGOV: {declared - used}"


def test_every_model_predicate_and_entity_type_is_declared(onto):
    for pred in PREDICATES:
        assert (EGOV[pred], RDF.type, OWL.ObjectProperty) in onto, pred
    for etype in ENTITY_TYPES:
        assert (EGOV[etype], RDF.type, OWL.Class) in onto, etype
    for cls in ("Document", "Funding", "Evidence"):
        assert (EGOV[cls], RDF.type, OWL.Class) in onto


def test_every_term_has_german_and_english_label_and_comment(onto):
    for name in sorted(namespace_terms()):
        term = EGOV[name]
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in onto.objects(term, prop) if isinstance(o, Literal)}
            assert {"de", "en"} <= langs, f"{name} lacks {prop} in {({'de', 'en'} - langs)}"


def test_classes_are_aligned_with_standard_vocabularies(onto):
    expected = {
        "Municipality": SCHEMA.AdministrativeArea, "District": SCHEMA.AdministrativeArea,
        "Region": SCHEMA.Place, "State": SCHEMA.AdministrativeArea, "Country": SCHEMA.Country,
        "Ministry": ORG.Organization, "PublicAuthority": ORG.Organization, "Organization": ORG.Organization,
        "Person": SCHEMA.Person, "Programme": SCHEMA.Project, "Document": PROV.Entity,
        "Funding": SCHEMA.MonetaryGrant, "Evidence": PROV.Entity,
    }
    for name, parent in expected.items():
        assert (EGOV[name], RDFS.subClassOf, parent) in onto, name


def test_relations_are_aligned_and_cooperation_is_symmetric(onto):
    assert (EGOV.memberOf, RDFS.subPropertyOf, ORG.memberOf) in onto
    assert (EGOV.heads, RDFS.subPropertyOf, ORG.headOf) in onto
    assert (EGOV.worksFor, RDFS.subPropertyOf, SCHEMA.worksFor) in onto
    assert (EGOV.funds, OWL.inverseOf, SCHEMA.funder) in onto
    assert (EGOV.participatesIn, OWL.inverseOf, SCHEMA.participant) in onto
    assert (EGOV.locatedIn, RDFS.subPropertyOf, SCHEMA.containedInPlace) in onto
    assert (EGOV.cooperatesWith, RDF.type, OWL.SymmetricProperty) in onto
    for pred in PREDICATES:
        if pred != "cooperatesWith":  # any -> any
            has = onto.value(EGOV[pred], RDFS.domain) or onto.value(EGOV[pred], RDFS.range)
            assert has is not None, f"{pred} has neither domain nor range"


def test_ontology_and_shapes_parse_with_oxigraph():
    for name in ("egov.ttl", "shapes.ttl"):
        assert len(list(ox.parse(path=str(ONTOLOGY / name)))) > 50


# --- SHACL -------------------------------------------------------------------------------------

def _union(corpus=None) -> Graph:
    return union_graph(union_triples(sorted_quads(build_dataset(corpus or sample_corpus()))))


def _validate(graph: Graph, shapes: Graph) -> tuple[bool, str]:
    conforms, _report, text = pyshacl.validate(graph, shacl_graph=shapes)
    return conforms, text


@pytest.mark.parametrize("make", [sample_corpus, tricky_corpus])
def test_built_graph_conforms(shapes, make):
    conforms, text = _validate(_union(make()), shapes)
    assert conforms, text


def test_two_pref_labels_violate(shapes):
    corpus = sample_corpus()
    g = _union(corpus)
    g.add((key_iri(LIND, corpus), SKOS.prefLabel, Literal("Lindenbrueck", lang="de")))
    conforms, text = _validate(g, shapes)
    assert not conforms and "prefLabel" in text


def test_funding_without_amount_violates(shapes):
    g = _union()
    fundings = list(g.subjects(RDF.type, EGOV.Funding))
    assert fundings
    g.remove((fundings[0], EGOV.amount, None))
    conforms, text = _validate(g, shapes)
    assert not conforms and "amount" in text


def test_amount_without_value_or_bound_violates(shapes):
    g = _union()
    g.remove((None, SCHEMA.maxValue, None))  # the "bis zu" amount now has nothing
    conforms, text = _validate(g, shapes)
    assert not conforms and "OrConstraintComponent" in text


def test_evidence_without_sentence_violates(shapes):
    g = _union()
    ev = next(iter(g.subjects(RDF.type, EGOV.Evidence)))
    g.remove((ev, PROV.value, None))
    conforms, text = _validate(g, shapes)
    assert not conforms and str(ev) in text


def test_evidence_without_document_violates(shapes):
    g = _union()
    ev = next(iter(g.subjects(RDF.type, EGOV.Evidence)))
    g.remove((ev, PROV.wasDerivedFrom, None))
    assert not _validate(g, shapes)[0]


def test_member_of_a_person_violates(shapes):
    corpus = sample_corpus()
    g = _union(corpus)
    g.add((key_iri(LIND, corpus), EGOV.memberOf, key_iri(KESTNER, corpus)))
    conforms, text = _validate(g, shapes)
    assert not conforms and "memberOf" in text


def test_one_sided_cooperation_violates(shapes):
    corpus = sample_corpus()
    g = _union(corpus)
    g.add((key_iri(KESTNER, corpus), EGOV.cooperatesWith, key_iri(LIND, corpus)))
    assert not _validate(g, shapes)[0]


def test_document_without_sha256_violates(shapes):
    g = _union()
    doc = next(iter(g.subjects(RDF.type, EGOV.Document)))
    g.remove((doc, EGOV.sha256, None))
    assert not _validate(g, shapes)[0]


@pytest.mark.parametrize("ags, ok", [("05", True), ("05566", True), ("05566040", True), ("5566", False), ("0556604x", False)])
def test_ags_is_a_key_or_its_state_or_district_prefix(shapes, ags, ok):
    corpus = sample_corpus()
    g = _union(corpus)
    lind = key_iri(LIND, corpus)
    g.remove((lind, EGOV.ags, None))
    g.add((lind, EGOV.ags, Literal(ags)))
    assert _validate(g, shapes)[0] is ok
