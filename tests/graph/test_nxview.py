"""The NetworkX view is derived from the RDF graph only."""
from __future__ import annotations

import networkx as nx
import pytest
import sys  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

sys.path.insert(0, str(_Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from conftest_helpers import BMI, BREMEN, BUND, HOLL, KDW, KESTNER, KREIS, LIND, NDS, PROG, sample_corpus

from egovkg import ids
from egovkg.graph.export import write_all
from egovkg.graph.io import load_graph
from egovkg.graph.nxview import LIST_SEPARATOR, flatten, to_networkx
from egovkg.graph.rdf import build_dataset


def n(key) -> str:
    return str(ids.entity_iri(*key))


@pytest.fixture(scope="module")
def view():
    return to_networkx(build_dataset(sample_corpus()))


def test_nodes_are_entities_with_attributes(view):
    assert set(view.nodes) == {n(k) for k in sample_corpus().entities}
    lind = view.nodes[n(LIND)]
    assert lind["label"] == "Lindenbrück"
    assert lind["type"] == "Municipality"
    assert lind["altLabels"] == ["Stadt Lindenbrück"]
    assert lind["documents"] == [str(ids.document_iri("d1")), str(ids.document_iri("d2"))]
    assert lind["external"] == ["https://sws.geonames.org/1234567/"]
    assert lind["ags"] == "03459999"
    bremen = view.nodes[n(BREMEN)]
    assert bremen["type"] == "State" and bremen["types"] == ["Municipality", "State"]


def test_relation_edges_carry_roles_and_evidence(view):
    heads = view.get_edge_data(n(KESTNER), n(LIND), key="heads")
    assert heads["predicate"] == "heads"
    assert heads["roles"] == ["Bürgermeisterin"]
    assert heads["evidence_count"] == 2
    assert [e["date"] for e in heads["evidence"]] == ["2021-03-15", "2022-05-02"]
    assert heads["evidence"][1]["sentence"].startswith("Hannelore Kestner, Bürgermeisterin")
    assert heads["evidence"][1]["document"] == str(ids.document_iri("d2"))
    # symmetric: both directions, each with both documents' evidence
    for u, v in ((LIND, HOLL), (HOLL, LIND)):
        assert view.get_edge_data(n(u), n(v), key="cooperatesWith")["evidence_count"] == 2
    assert view.has_edge(n(LIND), n(KDW), key="memberOf")
    assert view.has_edge(n(BMI), n(PROG), key="runs")


def test_funding_edges(view):
    fundings = [(u, v, d) for u, v, k, d in view.edges(keys=True, data=True) if "funding" in d]
    by_text = {d["amounts"][0]: (u, v, d) for u, v, d in fundings}
    # BMI -> recipient (Lindenbrück), Niedersachsen -> programme; no funder / no target: no edge
    assert set(by_text) == {"bis zu 80.000 Euro", "1,5 Millionen Euro"}
    u, v, d = by_text["bis zu 80.000 Euro"]
    assert (u, v) == (n(BMI), n(LIND))
    assert d["maxValue"] == "80000" and d["programme"] == "Digitale Modellregion Auetal"
    assert d["evidence_count"] == 1 and "80.000 Euro" in d["evidence"][0]["sentence"]
    u, v, d = by_text["1,5 Millionen Euro"]
    assert (u, v) == (n(NDS), n(PROG)) and d["value"] == "1500000"
    assert not view.out_degree(n(BUND)) and not view.in_degree(n(KREIS))


def test_view_from_file_equals_view_from_dataset(tmp_path, view):
    write_all(build_dataset(sample_corpus()), tmp_path)
    again = to_networkx(load_graph(tmp_path / "graph.ttl"))
    assert list(again.nodes(data=True)) == list(view.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(view.edges(keys=True, data=True))


def test_flatten_gives_scalars_for_graphml(view):
    flat = flatten(view)
    for _n, data in flat.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
    for *_e, data in flat.edges(keys=True, data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
    heads = flat.get_edge_data(n(KESTNER), n(LIND), key="heads")
    assert heads["evidence"].count(LIST_SEPARATOR) == 1 and "[2021-03-15; " in heads["evidence"]
    lines = list(nx.generate_graphml(flat))
    assert any("B&#252;rgermeisterin" in line or "Bürgermeisterin" in line for line in lines)
