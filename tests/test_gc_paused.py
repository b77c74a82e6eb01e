"""The cycle collector is paused for the bulk stages and comes back as it was."""
from __future__ import annotations

import gc

import pytest

from egovkg.pipeline import gc_paused


def test_collector_off_inside_and_restored_after_errors_too():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with gc_paused():
            raise RuntimeError("Abbruch")
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_build_runs_the_graph_stage_without_the_collector(tmp_path, monkeypatch):
    from egovkg.graph import rdf
    from egovkg.pipeline import build
    from scaling_helpers import write_corpus

    seen = []
    real = rdf.dataset_graphs
    monkeypatch.setattr(rdf, "dataset_graphs", lambda corpus: seen.append(gc.isenabled()) or real(corpus))
    build([write_corpus(tmp_path / "c", 3)], tmp_path / "o", model="rules", workers=1)
    assert seen == [False] and gc.isenabled()


def test_workers_collect_garbage_while_the_parent_has_paused(tmp_path, monkeypatch):
    """build() pauses the collector in the parent for the whole build; the forked workers
    turn their own back on (they make and drop a Doc per document)."""
    from egovkg.ingest import extract
    from egovkg.ingest.load import load_documents
    from egovkg.ingest.nlp import make_pipeline
    from egovkg.workers import can_fork
    from scaling_helpers import write_corpus

    if not can_fork():
        pytest.skip("the workers inherit this monkeypatch only when forked")
    real = extract._extract_chunk

    def chunk_reporting_gc(nlp, documents):  # the CPU-seconds slots carry the worker's gc state
        out, _ner, _rel = real(nlp, documents)
        return out, float(gc.isenabled()), float(gc.get_threshold()[0])

    monkeypatch.setattr(extract, "_extract_chunk", chunk_reporting_gc)
    docs = load_documents([write_corpus(tmp_path / "c", 4)]).documents
    stats: dict[str, float] = {}
    with gc_paused():
        results = extract.extract_all(make_pipeline("rules"), docs, workers=2, chunk_size=1, stats=stats)
        assert not gc.isenabled()
    assert len(results) == len(docs) == 4
    assert stats["ner cpu"] == len(docs)  # every chunk ran with the collector on
    assert stats["relations cpu"] == len(docs) * extract.WORKER_GC_THRESHOLD  # and collecting less often


def test_build_pauses_the_collector_while_the_workers_extract(tmp_path, monkeypatch):
    from egovkg.ingest import extract
    from egovkg.pipeline import build
    from scaling_helpers import write_corpus

    seen = []
    real = extract.extract_all
    monkeypatch.setattr(extract, "extract_all", lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k))
    build([write_corpus(tmp_path / "c", 3)], tmp_path / "o", model="rules", workers=1)
    assert seen == [False] and gc.isenabled()
