"""The saved queries of queries/ return the expected rows on the example corpus."""
from __future__ import annotations

import pytest

from conftest import EXAMPLES, ROOT

QUERIES = ROOT / "queries"


@pytest.fixture(scope="module")
def example_graph(tmp_path_factory):
    from egovkg.pipeline import build

    out = tmp_path_factory.mktemp("examples")
    build([EXAMPLES], out, model="rules")
    return out / "graph.ttl"


def rows(graph, name: str) -> list[dict[str, str]]:
    from egovkg.graph.query import run_query

    result = run_query(graph, QUERIES / f"{name}.rq")
    return [{k: str(v) for k, v in zip(result.variables, row) if v is not None} for row in result.rows]


def test_every_saved_query_runs_and_has_a_header(example_graph):
    for path in sorted(QUERIES.glob("*.rq")):
        assert path.read_text(encoding="utf-8").startswith("#"), f"{path.name} needs a comment header"
        assert rows(example_graph, path.stem) is not None


def test_cooperation_direct(example_graph):
    pairs = {(r["aLabel"], r["bLabel"]) for r in rows(example_graph, "cooperation")}
    assert ("Altena", "Iserlohn") in pairs or ("Iserlohn", "Altena") in pairs
    assert ("Kirchberg", "Crinitzberg") in pairs or ("Crinitzberg", "Kirchberg") in pairs


def test_funding_who_funds_whom_how_much(example_graph):
    found = rows(example_graph, "funding")
    sixty = [r for r in found if r.get("maxValue") == "60000"]
    assert sixty and sixty[0]["funderLabel"] == "Bundesministerium des Innern"
    each = [r for r in found if r.get("value") == "150000"]
    assert len(each) == 3  # "jeweils 150.000 Euro" for three towns


def test_people_and_their_roles(example_graph):
    found = {(r["personLabel"], r["relation"], r["orgLabel"], r.get("role")) for r in rows(example_graph, "people_roles")}
    assert ("Hendrik Vossberg", "heads", "Landkreis Harburg", "Landrat") in found


def test_members_of_an_organisation(example_graph):
    found = {(r["orgLabel"], r["memberLabel"]) for r in rows(example_graph, "members")}
    assert ("ekom21", "Wetzlar") in found
    assert not any(m == "Nordenham" for _, m in found)  # an exit is no membership


def test_facts_confirmed_by_two_documents(example_graph):
    found = rows(example_graph, "confirmed")
    assert any(r["oLabel"] == "München" and r["relation"] == "locatedIn" and int(r["documents"]) >= 2 for r in found)


def test_everything_one_document_says(example_graph):
    found = rows(example_graph, "document")
    assert found and all(r["sentence"] for r in found)
    assert len({r["doc"] for r in found}) == 1
