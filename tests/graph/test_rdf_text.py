"""The RDF writer of the build (graph.rdf_text) against Oxigraph's own serialisers: the same
bytes for the graphs egovkg makes, and the same triples back for random hostile terms."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, XSD, Literal, URIRef

from egovkg.graph import export, rdf_text
from egovkg.graph.oxi import RankedQuads, TermConverter
from egovkg.graph.rdf import dataset_quads
from egovkg.namespace import EGOV, SCHEMA

from conftest_helpers import sample_corpus, tricky_corpus


def _oxigraph(ranked: RankedQuads) -> dict[str, bytes]:
    """What Oxigraph writes for the same sorted terms, with our prefix block."""
    conv = TermConverter()
    triples, quads = ranked.ox_triples(conv), ranked.ox_quads(conv)
    prefixes = export._ox_prefixes()
    header = export._prefix_header().encode("utf-8")

    def own_header(body: bytes) -> bytes:
        lines = body.split(b"\n")
        while lines and lines[0].startswith(b"@prefix "):
            lines.pop(0)
        return header + b"\n".join(lines)

    return {
        "ttl": own_header(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)),
        "trig": own_header(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes)),
        "jsonld": ox.serialize(triples, format=ox.RdfFormat.JSON_LD),
    }


def _ours(ranked: RankedQuads) -> dict[str, bytes]:
    terms = rdf_text.TermText(ranked.terms, export._ox_prefixes())
    header = export._prefix_header()
    return {
        "ttl": rdf_text.turtle(header, ranked.triples, terms),
        "trig": rdf_text.trig(header, ranked.quads, terms),
        "jsonld": rdf_text.jsonld(ranked.triples, ranked.terms),
    }


@pytest.mark.parametrize("corpus", [sample_corpus, tricky_corpus], ids=["sample", "tricky"])
def test_same_bytes_as_oxigraph_for_egovkg_graphs(corpus):
    ranked = RankedQuads.of(dataset_quads(corpus()))
    ours, reference = _ours(ranked), _oxigraph(ranked)
    for name in ("ttl", "trig", "jsonld"):
        assert ours[name] == reference[name], name


def test_same_bytes_as_oxigraph_for_the_example_build(tmp_path):
    from pathlib import Path

    from egovkg.pipeline import build_corpus

    examples = Path(__file__).resolve().parents[2] / "examples" / "corpus"
    ranked = RankedQuads.of(dataset_quads(build_corpus([examples], model="rules", workers=1)))
    assert len(ranked.quads) > 1000
    assert _ours(ranked) == _oxigraph(ranked)


def test_empty_graph():
    empty = RankedQuads.of([])
    ours = _ours(empty)
    assert ours["jsonld"] == b"[]" and ours["ttl"] == ours["trig"] == export._prefix_header().encode("utf-8")
    assert list(ox.parse(ours["ttl"], format=ox.RdfFormat.TURTLE)) == []


# ------------------------------------------------------------------ random, hostile terms
_CHARS = st.characters(blacklist_categories=("Cs",))  # lone surrogates are not text (rdf.clean_text drops them)
_LOCAL = st.text(alphabet=st.sampled_from("aZ09_-.~:/éü()'!$"), max_size=8)  # valid IRI characters
_IRI = st.one_of(
    _LOCAL.map(lambda s: URIRef(str(EGOV) + s)), _LOCAL.map(lambda s: URIRef(str(SCHEMA) + s)),
    _LOCAL.map(lambda s: URIRef(f"https://w3id.org/egovkg/id/municipality/{s}")),
    _LOCAL.map(lambda s: URIRef(f"http://example.org/{s}")),
)
_LEXICAL = st.one_of(st.text(_CHARS, max_size=12), st.from_regex(r"[+-]?[0-9]{0,3}(\.[0-9]{0,3})?([eE][+-]?[0-9]{1,2})?", fullmatch=True),
                     st.sampled_from(["true", "false", "1", "2024-05-01", ".5", "5.", "+0", "-0.0"]))
_LITERAL = st.one_of(
    st.text(_CHARS, max_size=20).map(Literal),
    st.tuples(st.text(_CHARS, max_size=12), st.sampled_from(["de", "en", "de-CH"])).map(lambda t: Literal(t[0], lang=t[1])),
    st.tuples(_LEXICAL, st.sampled_from([XSD.integer, XSD.decimal, XSD.double, XSD.boolean, XSD.date, XSD.int])).map(
        lambda t: Literal(t[0], datatype=t[1])),
)
_QUAD = st.tuples(_IRI, st.one_of(_IRI, st.just(RDF.type)), st.one_of(_IRI, _LITERAL, st.just(RDF.type)),
                  st.one_of(st.none(), _IRI))


@settings(max_examples=150, deadline=None)
@given(st.lists(_QUAD, max_size=25))
def test_random_terms_parse_back_to_the_same_quads(quads):
    ranked = RankedQuads.of(quads)
    conv = TermConverter()
    expected = set(ranked.ox_quads(conv))
    ours = _ours(ranked)
    trig = set(ox.parse(ours["trig"], format=ox.RdfFormat.TRIG))
    assert trig == expected
    union = {q.triple for q in expected}
    assert {q.triple for q in ox.parse(ours["ttl"], format=ox.RdfFormat.TURTLE)} == union
    assert {q.triple for q in ox.parse(ours["jsonld"], format=ox.RdfFormat.JSON_LD)} == union


@settings(max_examples=150, deadline=None)
@given(st.lists(_QUAD, max_size=40))
def test_ranked_rows_are_the_distinct_quads_and_triples_in_order(quads):
    """The ranks come out distinct and sorted as tuples of Python ints would be."""
    ranked = RankedQuads.of(quads)
    t = {term: rank for rank, term in enumerate(ranked.terms)}
    rows = {(t[g], t[s], t[p], t[o]) for s, p, o, g in quads}
    assert [tuple(row) for row in ranked.quads] == sorted(rows)
    assert [tuple(row) for row in ranked.triples] == sorted({row[1:] for row in rows})


@pytest.mark.parametrize("columns", [3, 4])
def test_distinct_sorted_rows_with_large_ranks(columns):
    """Ranks up to 2**31 - 1 survive the packing of two columns into one int64 key."""
    import numpy as np

    from egovkg.graph.oxi import _distinct_sorted_rows

    rng = np.random.default_rng(7)
    values = np.array([0, 1, 2, 2**31 - 2, 2**31 - 1], dtype=np.int64)
    rows = values[rng.integers(0, len(values), size=(400, columns))]
    got = [tuple(r) for r in _distinct_sorted_rows(rows).tolist()]
    assert got == sorted({tuple(r) for r in rows.tolist()})
