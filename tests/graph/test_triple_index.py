"""TripleIndex answers the view's lookups exactly as an rdflib graph of the same triples."""
from __future__ import annotations

import sys
from pathlib import Path as _Path

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

sys.path.insert(0, str(_Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from conftest_helpers import sample_corpus, tricky_corpus  # noqa: E402

from egovkg.graph.export import sort_quads  # noqa: E402
from egovkg.graph.nxview import to_networkx  # noqa: E402
from egovkg.graph.rdf import dataset_quads  # noqa: E402
from egovkg.graph.triple_index import TripleIndex  # noqa: E402
from egovkg.namespace import EGOV  # noqa: E402


def _both(corpus):
    _, triples = sort_quads(dataset_quads(corpus))
    g = Graph()
    for t in triples:
        g.add(t)
    return TripleIndex(triples), g


def test_lookups_equal_rdflib():
    index, g = _both(sample_corpus())
    assert len(index) == len(g) and set(index) == set(g)
    subjects = {s for s, _, _ in g}
    predicates = {p for _, p, _ in g}
    for s in subjects:
        for p in predicates:
            assert sorted(index.objects(s, p)) == sorted(g.objects(s, p))
            assert (index.value(s, p) is None) == (g.value(s, p) is None)
    for p in predicates:
        assert sorted(index.subject_objects(p)) == sorted(g.subject_objects(p))
        for o in {o for _, q, o in g if q == p}:
            assert sorted(index.subjects(p, o)) == sorted(g.subjects(p, o))


def test_value_is_the_first_in_triple_order_and_misses_are_empty():
    a, b = URIRef("urn:x:a"), URIRef("urn:x:b")
    index = TripleIndex([(a, SKOS.altLabel, Literal("Zweiter")), (a, SKOS.altLabel, Literal("Erster")),
                         (a, SKOS.altLabel, Literal("Zweiter"))])
    assert len(index) == 2
    assert index.value(a, SKOS.altLabel) == Literal("Zweiter")
    assert index.value(b, SKOS.altLabel) is None
    assert list(index.objects(b, RDF.type)) == [] and list(index.subjects(RDF.type, EGOV.Document)) == []
    assert list(index.subject_objects(RDF.type)) == []


def test_networkx_view_from_the_index_equals_the_view_from_rdflib():
    for corpus in (sample_corpus(), tricky_corpus()):
        index, g = _both(corpus)
        a, b = to_networkx(index), to_networkx(g)
        assert list(a.nodes(data=True)) == list(b.nodes(data=True))
        assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
        assert nx.utils.graphs_equal(a, b)


def test_index_from_ranked_ids_equals_index_from_terms():
    from egovkg.graph.oxi import RankedQuads

    for corpus in (sample_corpus(), tricky_corpus()):
        ranked = RankedQuads.of(dataset_quads(corpus))
        by_ids = TripleIndex.from_ids(ranked.terms, ranked.triples)
        by_terms = TripleIndex(ranked.rdflib_triples())
        assert list(by_ids) == list(by_terms) == ranked.rdflib_triples()
        assert list(to_networkx(by_ids).edges(keys=True, data=True)) == list(to_networkx(by_terms).edges(keys=True, data=True))
        assert list(by_ids.objects(URIRef("urn:x:fehlt"), RDF.type)) == [] and by_ids.value(RDF.type, RDF.type) is None


def test_ranked_quads_equal_a_plain_python_sort_and_handle_duplicates_and_nothing():
    from egovkg.graph.oxi import RankedQuads, term_sort_key

    quads = dataset_quads(tricky_corpus()) + dataset_quads(sample_corpus())
    ranked = RankedQuads.of(quads + quads[:50])  # duplicates are kept once

    def key(t):
        return (-1, "", "") if t is None else ((-0.5, "", "") if t == RDF.type else term_sort_key(t))

    want = sorted({(g, s, p, o) for s, p, o, g in quads}, key=lambda q: tuple(key(t) for t in q))
    assert [(g, s, p, o) for s, p, o, g in ranked.rdflib_quads()] == want
    want_triples = sorted({(s, p, o) for s, p, o, _ in quads}, key=lambda t: tuple(key(x) for x in t))
    assert ranked.rdflib_triples() == want_triples
    empty = RankedQuads.of([])
    assert empty.quads.shape == (0, 4) and empty.triples.shape == (0, 3) and empty.terms[0] is None
