"""SPARQL: the saved queries answer what they promise; guards, errors and formats."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
import sys  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

sys.path.insert(0, str(_Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from conftest_helpers import sample_corpus
from rdflib import Literal, URIRef
from rich.console import Console

from egovkg import ids
from egovkg.errors import EgovkgError
from egovkg.graph.export import write_all
from egovkg.graph.query import (
    QueryResult, declared_prefixes, neutralise_cell, run_query, to_csv, to_json, to_table, with_prefixes,
)
from egovkg.graph.rdf import build_dataset

QUERIES = Path(__file__).resolve().parents[2] / "queries"


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("q")
    write_all(build_dataset(sample_corpus()), d)
    return d


@pytest.fixture(scope="module", params=["graph.ttl", "graph.trig"])
def graph_file(request, graph_dir):
    return graph_dir / request.param


def rows(result: QueryResult, *names: str) -> list[tuple]:
    idx = [result.variables.index(n) for n in names]
    return [tuple(None if r[i] is None else r[i].toPython() if isinstance(r[i], Literal) else str(r[i])
                  for i in idx) for r in result.rows]


def test_every_saved_query_has_a_comment_header():
    files = sorted(QUERIES.glob("*.rq"))
    assert {f.stem for f in files} >= {"cooperation", "funding", "people_roles", "members", "document", "confirmed"}
    for f in files:
        first = f.read_text(encoding="utf-8").splitlines()[:3]
        assert all(line.startswith("#") for line in first), f.name


def test_cooperation(graph_file):
    r = run_query(graph_file, QUERIES / "cooperation.rq")
    assert rows(r, "aLabel", "bLabel", "kind", "viaLabel") == [
        ("Hollerstedt", "Lindenbrück", "direkt", None),
        ("Hollerstedt", "Lindenbrück", "gemeinsame Mitgliedschaft", "Kommunale Datenverarbeitung Weserbergland"),
        ("Kommunale Datenverarbeitung Weserbergland", "Bremen", "direkt", None),
    ]


def test_funding(graph_file):
    r = run_query(graph_file, QUERIES / "funding.rq")
    got = rows(r, "funderLabel", "recipientLabel", "programmeLabel", "value", "minValue", "maxValue",
               "amountText", "approximate", "source")
    assert got == [
        ("Bundesministerium des Innern", "Lindenbrück", "Digitale Modellregion Auetal", None, None,
         Decimal("80000"), "bis zu 80.000 Euro", None, "d1.txt"),
        (None, "Landkreis Auetal", None, None, Decimal("400000"), Decimal("600000"),
         "mittleren sechsstelligen Summe", True, "d2.txt"),
        ("Deutschland", None, None, Decimal("5000000000"), None, None, "fünf Milliarden Euro", None, "d2.txt"),
        ("Niedersachsen", None, "Digitale Modellregion Auetal", Decimal("1500000"), None, None,
         "1,5 Millionen Euro", None, "d2.txt"),
    ]


def test_people_roles(graph_file):
    r = run_query(graph_file, QUERIES / "people_roles.rq")
    assert rows(r, "personLabel", "relation", "orgLabel", "role", "documents") == [
        ("Hannelore Kestner", "heads", "Lindenbrück", "Bürgermeisterin", 2),
        ("Jörg Albrecht", "worksFor", "Kommunale Datenverarbeitung Weserbergland", "Geschäftsbereichsleiter", 1),
    ]


def test_members(graph_file):
    r = run_query(graph_file, QUERIES / "members.rq")
    assert rows(r, "orgLabel", "memberLabel", "memberType", "documents") == [
        ("Kommunale Datenverarbeitung Weserbergland", "Hollerstedt", "Municipality", 1),
        ("Kommunale Datenverarbeitung Weserbergland", "Lindenbrück", "Municipality", 1),
    ]


def test_document_defaults_to_latest(graph_file):
    r = run_query(graph_file, QUERIES / "document.rq")
    assert {str(d) for d in r.column("doc")} == {str(ids.document_iri("d2"))}
    facts = rows(r, "sLabel", "relation", "oLabel", "role")
    assert ("Hannelore Kestner", "heads", "Lindenbrück", "Bürgermeisterin") in facts
    assert ("Hollerstedt", "cooperatesWith", "Lindenbrück", None) in facts
    assert ("fünf Milliarden Euro", "Funding", "", None) in facts
    assert all("Modellkommune" not in str(s) for s in r.column("sentence"))  # nothing from d1
    assert len(facts) == 8


def test_document_with_values_placeholder(graph_file):
    text = (QUERIES / "document.rq").read_text(encoding="utf-8")
    start = text.index("  {\n    SELECT ?doc")
    end = text.index("LIMIT 1\n  }") + len("LIMIT 1\n  }")
    text = text[:start] + f"  VALUES ?doc {{ <{ids.document_iri('d1')}> }}" + text[end:]
    r = run_query(graph_file, text)
    assert {str(d) for d in r.column("doc")} == {str(ids.document_iri("d1"))}
    assert ("Lindenbrück", "memberOf", "Kommunale Datenverarbeitung Weserbergland", None) in rows(
        r, "sLabel", "relation", "oLabel", "role")


def test_confirmed_by_two_documents(graph_file):
    r = run_query(graph_file, QUERIES / "confirmed.rq")
    assert rows(r, "sLabel", "relation", "oLabel", "documents") == [
        ("Hannelore Kestner", "heads", "Lindenbrück", 2),
        ("Hollerstedt", "cooperatesWith", "Lindenbrück", 2),
    ]


# --- engine behaviour --------------------------------------------------------------------------

def test_union_default_graph_counts_each_triple_once(graph_dir):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s skos:prefLabel ?l }"
    counts = {name: run_query(graph_dir / name, q).rows[0][0].toPython() for name in ("graph.ttl", "graph.trig")}
    assert counts["graph.ttl"] == counts["graph.trig"] == len(sample_corpus().entities)


def test_graph_clause_reaches_document_graphs(graph_dir):
    r = run_query(graph_dir / "graph.trig", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a egov:Document } } ORDER BY ?g")
    assert [str(g) for g in r.column("g")] == [str(ids.document_iri("d1")), str(ids.document_iri("d2"))]


def test_rdflib_dataset_graph_and_file_agree(graph_dir):
    ds = build_dataset(sample_corpus())
    q = "SELECT ?l WHERE { ?s a egov:Municipality ; skos:prefLabel ?l } ORDER BY ?l"
    expected = [Literal("Bremen", lang="de"), Literal("Hollerstedt", lang="de"), Literal("Lindenbrück", lang="de")]
    assert run_query(ds, q).column("l") == expected
    assert run_query(graph_dir / "graph.ttl", q).column("l") == expected


def test_own_prefix_declaration_wins(graph_dir):
    q = "PREFIX egov: <http://example.org/nichts#>\nSELECT ?s WHERE { ?s a egov:Municipality }"
    assert run_query(graph_dir / "graph.ttl", q).rows == []
    assert declared_prefixes(q) == {"egov"}
    assert with_prefixes(q).count("PREFIX egov:") == 1
    assert "PREFIX skos:" in with_prefixes(q)


def test_syntax_error_reports_line_and_column(graph_dir):
    q = "SELECT ?s\nWHERE {\n  ?s a egov:Municipality ;\n     skos:prefLabel\n}"
    with pytest.raises(EgovkgError, match=r"line 5, column \d+"):
        run_query(graph_dir / "graph.ttl", q)


@pytest.mark.parametrize("q", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:8080/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service <http://169.254.169.254/> { ?s ?p ?o } }",
    "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/x.ttl>",
    "DROP ALL",
])
def test_service_and_update_refused(graph_dir, q):
    with pytest.raises(EgovkgError, match="refused"):
        run_query(graph_dir / "graph.ttl", q)


def test_keywords_inside_strings_are_not_refused(graph_dir):
    q = 'SELECT ?s WHERE { ?s skos:prefLabel ?l FILTER(?l != "SERVICE INSERT"@de) } LIMIT 1'
    assert len(run_query(graph_dir / "graph.ttl", q).rows) == 1


def test_unknown_files(graph_dir, tmp_path):
    with pytest.raises(EgovkgError, match="no such query file"):
        run_query(graph_dir / "graph.ttl", str(tmp_path / "fehlt.rq"))
    with pytest.raises(EgovkgError, match="no such graph file"):
        run_query(tmp_path / "fehlt.ttl", "ASK {}")


def test_ask_and_construct(graph_dir):
    assert run_query(graph_dir / "graph.ttl", "ASK { ?s egov:memberOf ?o }").boolean is True
    r = run_query(graph_dir / "graph.ttl", "CONSTRUCT { ?s egov:memberOf ?o } WHERE { ?s egov:memberOf ?o }")
    assert r.kind == "graph" and len(r.rows) == 2


# --- formats -----------------------------------------------------------------------------------

def _result() -> QueryResult:
    return QueryResult(kind="select", variables=["a", "b"], rows=[
        (Literal("=HYPERLINK(\"http://x\")"), URIRef("https://w3id.org/egovkg/id/person/x")),
        (Literal("+49 251 1234"), Literal("12.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))),
        (Literal("@SUM(A1)", lang="de"), None),
        (Literal("-1"), Literal("[bold red]Stadt[/] Köln", lang="de")),
    ])


def test_csv_neutralises_formulas():
    text = to_csv(_result())
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["a", "b"]
    assert [row[0] for row in table[1:]] == ["'=HYPERLINK(\"http://x\")", "'+49 251 1234", "'@SUM(A1)", "'-1"]
    assert table[3][1] == "" and table[1][1] == "https://w3id.org/egovkg/id/person/x"
    assert neutralise_cell("Ahaus") == "Ahaus"


def test_json_is_sparql_results_json():
    doc = json.loads(to_json(_result()))
    assert doc["head"]["vars"] == ["a", "b"]
    b = doc["results"]["bindings"]
    assert b[0]["b"] == {"type": "uri", "value": "https://w3id.org/egovkg/id/person/x"}
    assert b[1]["b"]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal"
    assert b[2]["a"] == {"type": "literal", "value": "@SUM(A1)", "xml:lang": "de"}
    assert "b" not in b[2]  # unbound
    assert json.loads(to_json(QueryResult(kind="ask", boolean=False))) == {"head": {}, "boolean": False}


def test_table_prints_text_literally():
    console = Console(record=True, width=200)
    console.print(to_table(_result()))
    out = console.export_text()
    assert "[bold red]Stadt[/] Köln" in out
    assert "id:person/x" in out


def test_long_one_line_query_is_text_not_a_path(graph_dir):
    q = "SELECT ?s WHERE { ?s a egov:Municipality . " + " ".join(f"FILTER(?s != <urn:x:{i}>)" for i in range(40)) + " }"
    assert len(q) > 1000 and "\n" not in q
    assert len(run_query(graph_dir / "graph.ttl", q).rows) == 3


def test_document_default_skips_documents_without_facts(tmp_path):
    corpus = sample_corpus()
    from egovkg.model import Document
    import datetime as dt
    corpus.documents.append(Document("d9", "leer.txt", "Nur ein Teaser", "Kein Inhalt.", dt.date(2030, 1, 1), "0" * 64))
    write_all(build_dataset(corpus), tmp_path)
    r = run_query(tmp_path / "graph.ttl", QUERIES / "document.rq")
    assert {str(d) for d in r.column("doc")} == {str(ids.document_iri("d2"))}
