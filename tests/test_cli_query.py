"""``egovkg query``: formats on stdout, errors as short messages with exit code 2."""
from __future__ import annotations

import csv
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from egovkg.graph.export import write_all
from egovkg.graph.rdf import build_dataset

HERE = Path(__file__).resolve().parent
QUERIES = HERE.parent / "queries"


def _helpers():
    spec = importlib.util.spec_from_file_location("graph_corpus_helpers", HERE / "graph" / "conftest_helpers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("cli")
    write_all(build_dataset(_helpers().sample_corpus()), d)
    return d / "graph.ttl"


def egovkg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from egovkg.cli import main; main()", *args],
        capture_output=True, text=True, encoding="utf-8",
    )


def test_help_lists_formats():
    r = egovkg("query", "--help")
    assert r.returncode == 0
    assert "--format" in r.stdout and "SPARQL" in r.stdout


def test_table(graph_file):
    r = egovkg("query", str(graph_file), str(QUERIES / "members.rq"))
    assert r.returncode == 0, r.stderr
    assert "Hollerstedt" in r.stdout and "Lindenbrück" in r.stdout
    assert "2 row(s)" in r.stderr


def test_csv(graph_file):
    r = egovkg("query", str(graph_file), "SELECT ?l WHERE { ?s a egov:Person ; skos:prefLabel ?l } ORDER BY ?l",
               "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert list(csv.reader(io.StringIO(r.stdout))) == [["l"], ["Hannelore Kestner"], ["Jörg Albrecht"]]


def test_json(graph_file):
    r = egovkg("query", str(graph_file), str(QUERIES / "confirmed.rq"), "-f", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert "documents" in doc["head"]["vars"]
    assert [b["documents"]["value"] for b in doc["results"]["bindings"]] == ["2", "2"]


@pytest.mark.parametrize("args, message", [
    (["SELECT * WHERE { ?s ?p }"], "line 1, column"),
    (["SELECT * WHERE { SERVICE <http://127.0.0.1/> { ?s ?p ?o } }"], "SERVICE"),
    (["DELETE WHERE { ?s ?p ?o }"], "Update"),
    (["gibt-es-nicht.rq"], "no such query file"),
])
def test_errors_exit_2_without_traceback(graph_file, args, message):
    r = egovkg("query", str(graph_file), *args)
    assert r.returncode == 2
    assert message in " ".join(r.stderr.split()) and "Traceback" not in r.stderr


def test_missing_graph(tmp_path):
    r = egovkg("query", str(tmp_path / "nichts.ttl"), "ASK {}")
    assert r.returncode == 2 and "no such graph file" in " ".join(r.stderr.split())


def test_unknown_format_is_rejected(graph_file):
    r = egovkg("query", str(graph_file), "ASK {}", "--format", "xlsx")
    assert r.returncode != 0 and "xlsx" in r.stderr
