"""Atomic writes and loading graph files of any RDF syntax."""
from __future__ import annotations

import os

import pyoxigraph as ox
import pytest
import sys  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

sys.path.insert(0, str(_Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from conftest_helpers import sample_corpus
from rdflib import Graph

from egovkg import ids
from egovkg.errors import EgovkgError
from egovkg.graph.export import write_all
from egovkg.graph.io import atomic_path, atomic_write_bytes, atomic_write_text, load_graph, load_oxigraph
from egovkg.graph.rdf import build_dataset
from egovkg.namespace import EGOV


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("io")
    write_all(build_dataset(sample_corpus()), d)
    quads = list(ox.parse(path=str(d / "graph.trig")))
    (d / "graph.nq").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    triples = [q.triple for q in ox.parse(path=str(d / "graph.ttl"))]
    (d / "graph.nt").write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    (d / "graph.rdf").write_bytes(ox.serialize(triples, format=ox.RdfFormat.RDF_XML))
    return d


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig", "graph.jsonld", "graph.nt", "graph.nq", "graph.rdf"])
def test_load_graph_any_format(files, name):
    ds = load_graph(files / name)
    lind = ids.entity_iri("Municipality", "Lindenbrück")
    assert (lind, EGOV.memberOf, ids.entity_iri("Organization", "Kommunale Datenverarbeitung Weserbergland")) in ds
    reference = Graph().parse(files / "graph.ttl")
    assert len(ds) == len(reference)  # the union, each triple once
    if name in ("graph.trig", "graph.nq"):
        assert {g.identifier for g in ds.graphs() if len(g)} >= {ids.document_iri("d1"), ids.document_iri("d2")}


def test_missing_file_is_named(tmp_path):
    with pytest.raises(EgovkgError, match="no such graph file"):
        load_graph(tmp_path / "fehlt.ttl")


def test_unknown_extension(tmp_path):
    (tmp_path / "graph.xyz").write_text("x")
    with pytest.raises(EgovkgError, match="unknown RDF file extension"):
        load_graph(tmp_path / "graph.xyz")


def test_syntax_error_names_line_and_column(tmp_path):
    bad = tmp_path / "kaputt.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "offen .\n', encoding="utf-8")
    for loader in (load_graph, load_oxigraph):
        with pytest.raises(EgovkgError) as info:
            loader(bad)
        assert "kaputt.ttl" in str(info.value) and "line 3" in str(info.value)


def test_atomic_write_replaces_and_leaves_no_temp_files(tmp_path):
    target = tmp_path / "sub" / "a.txt"
    atomic_write_text(target, "eins\n")
    atomic_write_bytes(target, "zwei\n".encode())
    assert target.read_text() == "zwei\n"
    assert os.listdir(target.parent) == ["a.txt"]


def test_atomic_path_keeps_old_file_on_error(tmp_path):
    target = tmp_path / "b.txt"
    target.write_text("alt")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("halb")
            raise RuntimeError("abgebrochen")
    assert target.read_text() == "alt"
    assert os.listdir(tmp_path) == ["b.txt"]


def test_ctrl_c_right_after_the_temporary_file_is_made_removes_it(tmp_path, monkeypatch):
    """The window the interrupt tests hit: SIGINT as soon as the temporary file exists."""
    import os

    from egovkg.graph import io

    real_open = os.open

    def open_then_interrupt(file, flags, *args, **kwargs):
        fd = real_open(file, flags, *args, **kwargs)
        if str(file).endswith(".tmp.ttl"):
            os.close(fd)
            raise KeyboardInterrupt  # before the caller gets the descriptor
        return fd

    monkeypatch.setattr(io.os, "open", open_then_interrupt)
    (tmp_path / "graph.ttl").write_bytes(b"alt")
    with pytest.raises(KeyboardInterrupt):
        io.atomic_write_bytes(tmp_path / "graph.ttl", b"neu")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]
    assert (tmp_path / "graph.ttl").read_bytes() == b"alt"
