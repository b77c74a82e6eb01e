"""Cooperation network, centrality, communities, paths and neighbourhoods on a hand-made graph."""
from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest

from egovkg import ids
from egovkg.errors import EgovkgError
from egovkg.graph.network import JOIN, analyse, cooperation_network, open_graph, view_of, write_report
from egovkg.graph.paths import neighbourhood, relation_view, shortest_path

DATA = Path(__file__).resolve().parent.parent / "data" / "analysis" / "kooperation.ttl"


def m(name: str) -> str:
    return str(ids.entity_iri("Municipality", name))


KDZ = str(ids.entity_iri("Organization", "Zweckverband KDZ Musterland"))
KRZ = str(ids.entity_iri("Organization", "Kommunales Rechenzentrum Nordwest"))
BMI = str(ids.entity_iri("Ministry", "Bundesministerium des Innern"))
PROG = str(ids.entity_iri("Programme", "Modellkommune Digitales Rathaus"))
ERIKA = str(ids.entity_iri("Person", "Erika Mustermann"))


@pytest.fixture(scope="module")
def rdf():
    return open_graph(DATA)


@pytest.fixture(scope="module")
def view(rdf):
    return view_of(rdf)


def test_open_graph_accepts_a_build_folder(tmp_path):
    (tmp_path / "graph.ttl").write_bytes(DATA.read_bytes())
    assert len(open_graph(tmp_path)) == len(open_graph(DATA))
    with pytest.raises(EgovkgError):
        open_graph(tmp_path / "leer")
    (tmp_path / "leer").mkdir()
    with pytest.raises(EgovkgError, match="no graph"):
        open_graph(tmp_path / "leer")


def test_cooperation_edges_combine_direct_links_and_shared_things(view):
    net = cooperation_network(view)
    both = net.edges[m("Musterdorf"), m("Beispielstadt")]
    assert both["via"] == JOIN.join(["Modellkommune Digitales Rathaus", "Zweckverband KDZ Musterland"])
    assert both["kinds"] == "memberOf; participatesIn" and both["weight"] == 2 and not both["direct"]
    direct = net.edges[m("Musterdorf"), m("Neuhausen am See")]
    assert direct["kinds"] == "cooperatesWith" and direct["direct"] and direct["weight"] == 1
    assert net.edges[m("Weiler"), m("Neuhausen am See")]["via"] == "Kommunales Rechenzentrum Nordwest"
    # organisations, programmes, ministries and people are what links actors, not actors here
    assert KDZ not in net and PROG not in net and BMI not in net and ERIKA not in net
    assert not net.has_edge(m("Talheim"), m("Weiler"))
    assert net.number_of_edges() == 6 and net.number_of_nodes() == 7


def test_centrality_and_communities(view):
    report = analyse(view, top=2)
    assert [c.label for c in report.central] == ["Musterdorf", "Neuhausen am See"]
    assert report.central[0].betweenness > report.central[1].betweenness > 0
    assert report.central[0].degree == 3
    groups = [c.members for c in report.communities]
    assert groups == [["Beispielstadt", "Musterdorf", "Talheim"], ["Neuhausen am See", "Weiler"],
                      ["Ostdorf", "Westdorf"]]
    assert sum(c.size for c in report.communities) == report.nodes == 7
    again = analyse(view, top=2)
    assert [c.iris for c in again.communities] == [c.iris for c in report.communities]


def test_report_files_are_written_and_csv_is_neutralised(view, tmp_path):
    paths = write_report(analyse(view), tmp_path)
    assert sorted(p.name for p in paths) == ["centrality.csv", "communities.csv", "cooperation_edges.csv",
                                             "network.json"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left
    with open(tmp_path / "cooperation_edges.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    vias = {r["via"] for r in rows}
    assert "'=Verbund Ost-West" in vias and "=Verbund Ost-West" not in vias
    assert all(not r["via"].startswith(("=", "+", "-", "@")) for r in rows)
    data = json.loads((tmp_path / "network.json").read_text(encoding="utf-8"))
    assert data["nodes"] == 7 and len(data["edges"]) == 6
    assert "=Verbund Ost-West" in {e["via"] for e in data["edges"]}  # JSON keeps the data as is
    assert data["communities"][0]["members"] == ["Beispielstadt", "Musterdorf", "Talheim"]


def test_empty_graph_gives_an_empty_report():
    report = analyse(nx.MultiDiGraph())
    assert report.nodes == 0 and report.edges == [] and report.central == [] and report.communities == []


def test_path_has_predicates_directions_and_evidence(view, rdf):
    hops = shortest_path(view, rdf, m("Talheim"), m("Weiler"))
    assert [h.target_label for h in hops] == ["Zweckverband KDZ Musterland", "Musterdorf", "Neuhausen am See",
                                               "Kommunales Rechenzentrum Nordwest", "Weiler"]
    first, second, third = hops[0].links[0], hops[1].links[0], hops[2].links[0]
    assert (first.predicate, first.forward) == ("memberOf", True)
    assert (second.predicate, second.forward, second.subject) == ("memberOf", False, m("Musterdorf"))
    assert first.sentence == "Auch Talheim gehört dem Zweckverband KDZ Musterland an."
    assert first.title == "Musterdorf wird Modellkommune" and first.date == "2020-04-01"
    assert third.predicate == "cooperatesWith" and len(hops[2].links) == 1  # symmetric: shown once
    assert third.title == "Neuhausen und Weiler rechnen gemeinsam"


def test_path_errors(view, rdf):
    with pytest.raises(EgovkgError, match="not connected"):
        shortest_path(view, rdf, m("Talheim"), m("Ostdorf"))
    with pytest.raises(EgovkgError, match="not an entity"):
        shortest_path(view, rdf, m("Talheim"), m("Nirgendwo"))


def test_relation_view_leaves_funding_edges_out(view):
    und = relation_view(view)
    funds = [d for *_e, d in und.edges(data=True) if d["predicate"] == "funds"]
    assert len(funds) == 1 and funds[0]["object"] == PROG  # the direct triple, not the three Fundings


def test_neighbourhood_roles_depth_and_money(view, rdf):
    one = neighbourhood(view, rdf, m("Musterdorf"), depth=1)
    assert {n.label for n in one.neighbours} == {"Neuhausen am See", "Zweckverband KDZ Musterland",
                                                 "Erika Mustermann", "Modellkommune Digitales Rathaus"}
    erika = next(n for n in one.neighbours if n.iri == ERIKA)
    assert erika.links[0].roles == ("Bürgermeisterin",) and erika.links[0].subject == ERIKA
    two = neighbourhood(view, rdf, m("Musterdorf"), depth=2)
    far = {n.label: n for n in two.neighbours if n.distance == 2}
    assert set(far) == {"Beispielstadt", "Talheim", "Bundesministerium des Innern",
                        "Kommunales Rechenzentrum Nordwest"}
    assert far["Talheim"].via == "Zweckverband KDZ Musterland"
    assert {f.amount_text for f in one.fundings} == {"bis zu 60.000 Euro", "12.500,50 Euro"}
    totals = one.totals()["erhält"]
    assert totals["exact"] == Decimal("12500.50") and totals["upper"] == Decimal("72500.50")
    assert totals["count"] == 2
    bmi = neighbourhood(view, rdf, BMI).totals()["gibt"]
    assert bmi["count"] == 3 and bmi["exact"] == Decimal("37500.50")
    with pytest.raises(EgovkgError):
        neighbourhood(view, rdf, m("Musterdorf"), depth=0)
