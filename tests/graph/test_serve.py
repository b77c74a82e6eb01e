"""The SPARQL endpoint, queried over real HTTP by SPARQLWrapper and httpx."""
from __future__ import annotations

import socket
import threading
import time
import urllib.error
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from egovkg.graph.serve import ServeSettings, create_app
from egovkg.graph.sparql_guard import QueryRefused, check_query
from egovkg.ids import entity_iri
from egovkg.namespace import EGOV, SCHEMA

SLOW_QUERY = """SELECT (COUNT(*) AS ?n) WHERE {
  ?a schema:position ?x . ?b schema:position ?y . ?c schema:position ?z . ?d schema:position ?w .
}"""
LIMIT_S = 2.0


def _graph_file(folder: Path) -> Path:
    g = Graph()
    musterdorf = entity_iri("Municipality", "Musterdorf")
    zweckverband = entity_iri("Organization", "Zweckverband KDZ Musterland")
    for iri, cls, label in [
        (musterdorf, EGOV.Municipality, "Musterdorf"),
        (zweckverband, EGOV.Organization, "Zweckverband KDZ Musterland"),
        (entity_iri("Municipality", "Beispielstadt"), EGOV.Municipality, "Beispielstadt"),
    ]:
        g.add((iri, RDF.type, cls))
        g.add((iri, SKOS.prefLabel, Literal(label, lang="de")))
    g.add((musterdorf, EGOV.memberOf, zweckverband))
    g.add((entity_iri("Municipality", "Beispielstadt"), EGOV.memberOf, zweckverband))
    # filler: a few thousand triples, so a cross product of four patterns never finishes
    for i in range(3000):
        g.add((URIRef(f"{entity_iri('Organization', 'Fuellwerk')}-{i}"), SCHEMA.position, Literal(i)))
    g.add((zweckverband, SKOS.altLabel, Literal('KDZ "INSERT" <b>', lang="de")))
    (folder / "graph.html").write_text("<!doctype html><title>Graph</title><p>Ansicht</p>", encoding="utf-8")
    path = folder / "graph.ttl"
    g.serialize(path, format="turtle")
    return path


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    import uvicorn

    folder = tmp_path_factory.mktemp("build")
    _graph_file(folder)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    app = create_app(folder, ServeSettings(timeout=LIMIT_S, max_rows=1000, max_query_bytes=2000, workers=2),
                     allowed_hosts=["127.0.0.1", "localhost"])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def _wrapper(url: str, query: str, method: str = "GET"):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    sw = SPARQLWrapper(url + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(JSON)
    if method == "POST":
        sw.setMethod(POST)
    return sw


def test_select_returns_the_members(endpoint):
    query = """SELECT ?name WHERE { ?m egov:memberOf ?z . ?z skos:prefLabel "Zweckverband KDZ Musterland"@de .
                                   ?m skos:prefLabel ?name } ORDER BY ?name"""
    for method in ("GET", "POST"):
        result = _wrapper(endpoint, query, method).queryAndConvert()
        names = [b["name"]["value"] for b in result["results"]["bindings"]]
        assert names == ["Beispielstadt", "Musterdorf"]


def test_direct_post_and_formats(endpoint):
    query = "SELECT ?l WHERE { ?z skos:altLabel ?l }"
    for accept, marker in [("text/csv", "l\r\n"), ("application/sparql-results+xml", "<sparql"),
                           ("application/sparql-results+json", '"bindings"')]:
        r = httpx.post(endpoint + "/sparql", content=query.encode(),
                       headers={"Content-Type": "application/sparql-query", "Accept": accept})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith(accept)
        assert marker in r.text
    r = httpx.get(endpoint + "/sparql", params={"query": "CONSTRUCT WHERE { ?m egov:memberOf ?z }"},
                  headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=r.text, format="turtle")) == 2


def test_update_is_refused(endpoint):
    update = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    with pytest.raises(Exception) as info:
        _wrapper(endpoint, update, "POST").query()
    assert "403" in str(info.value) or "Forbidden" in type(info.value).__name__ + str(info.value)
    r = httpx.post(endpoint + "/sparql", data={"update": update, "query": update})
    assert 400 <= r.status_code < 500
    r = httpx.post(endpoint + "/sparql", content=update, headers={"Content-Type": "application/sparql-update"})
    assert 400 <= r.status_code < 500
    count = httpx.get(endpoint + "/sparql", params={"query": "ASK { <urn:x:a> ?p ?o }"}).json()
    assert count["boolean"] is False


def test_service_is_refused(endpoint):
    query = f"SELECT * WHERE {{ SERVICE <{endpoint}/sparql> {{ ?s ?p ?o }} }}"
    r = httpx.get(endpoint + "/sparql", params={"query": query})
    assert r.status_code == 403 and "SERVICE" in r.text
    escaped = "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"
    assert httpx.get(endpoint + "/sparql", params={"query": escaped}).status_code == 403


def test_oversized_query_and_result_are_refused(endpoint):
    big = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 3000
    r = httpx.post(endpoint + "/sparql", content=big, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    r = httpx.get(endpoint + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 413 and "LIMIT" in r.text
    r = httpx.get(endpoint + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"})
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 10


def test_syntax_error_is_400(endpoint):
    r = httpx.get(endpoint + "/sparql", params={"query": "SELECT ?x WHERE { ?x "})
    assert r.status_code == 400


def test_slow_query_is_stopped_and_does_not_block_a_fast_one(endpoint):
    finished: dict[str, float] = {}
    statuses: dict[str, int] = {}

    def slow() -> None:
        r = httpx.get(endpoint + "/sparql", params={"query": SLOW_QUERY}, timeout=60)
        statuses["slow"] = r.status_code
        finished["slow"] = time.monotonic()

    started = time.monotonic()
    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.3)  # the slow query is running now
    r = httpx.get(endpoint + "/sparql", params={"query": "ASK { ?m egov:memberOf ?z }"}, timeout=60)
    finished["fast"] = time.monotonic()
    assert r.status_code == 200 and r.json()["boolean"] is True
    t.join(60)
    assert statuses["slow"] == 503
    assert finished["fast"] < finished["slow"]  # ordering, not absolute timings
    assert finished["slow"] - started < LIMIT_S * 4  # stopped near its limit, not run to the end
    # the killed worker is replaced: the endpoint keeps answering
    r = httpx.get(endpoint + "/sparql", params={"query": "ASK { ?m egov:memberOf ?z }"}, timeout=60)
    assert r.status_code == 200


def test_pages(endpoint):
    page = httpx.get(endpoint + "/query")
    assert page.status_code == 200
    assert "textContent" in page.text and "innerHTML" not in page.text
    assert "http" not in page.text.split("<script>")[1]  # no CDN, nothing fetched from elsewhere
    assert "Content-Security-Policy" in page.headers
    view = httpx.get(endpoint + "/")
    assert view.status_code == 200 and "Ansicht" in view.text
    assert httpx.get(endpoint + "/query", headers={"Host": "evil.example"}).status_code == 400


@pytest.mark.parametrize("query,status", [
    ("PREFIX ex: <urn:x:> DELETE WHERE { ?s ex:p ?o }", 403),
    ("LOAD <http://127.0.0.1/x.ttl>", 403),
    ("CLEAR ALL", 403),
    ("DROP GRAPH <urn:g>", 403),
    ("SELECT * { ?s ?p ?o SERVICE <http://127.0.0.1/> { ?s ?p ?o } }", 403),
    ("", 400),
])
def test_guard_refuses(query, status):
    with pytest.raises(QueryRefused) as info:
        check_query(query, max_bytes=1000)
    assert info.value.status == status


@pytest.mark.parametrize("query", [
    'SELECT ?insert WHERE { ?insert <urn:x:DELETE> "DROP ALL" } # CLEAR',
    "PREFIX service: <urn:x:> SELECT * { ?s service:load ?o }",
    'ASK { ?s ?p """mehrzeilig\nINSERT DATA""" }',
])
def test_guard_ignores_keywords_in_strings_iris_names(query):
    assert check_query(query, max_bytes=1000).form in {"SELECT", "ASK"}


def test_trig_build_is_served_as_the_union_of_document_graphs(tmp_path):
    from rdflib import Dataset
    from starlette.testclient import TestClient

    from egovkg.ids import document_iri

    ds = Dataset()
    for doc_id, name in [("doc-1", "Musterdorf"), ("doc-2", "Beispielstadt")]:
        g = ds.graph(document_iri(doc_id))
        g.add((entity_iri("Municipality", name), RDF.type, EGOV.Municipality))
        g.add((entity_iri("Municipality", name), SKOS.prefLabel, Literal(name, lang="de")))
    ds.serialize(tmp_path / "graph.trig", format="trig")
    app = create_app(tmp_path, ServeSettings(workers=1, timeout=5))
    with TestClient(app) as client:
        plain = client.get("/sparql", params={"query": "SELECT ?l { ?m a egov:Municipality ; skos:prefLabel ?l } ORDER BY ?l"})
        assert [b["l"]["value"] for b in plain.json()["results"]["bindings"]] == ["Beispielstadt", "Musterdorf"]
        named = client.get("/sparql", params={"query": "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"})
        assert len(named.json()["results"]["bindings"]) == 2
        assert "No graph.html" in client.get("/").text
        assert client.post("/sparql", content="x", headers={"Content-Type": "text/plain"}).status_code == 415
