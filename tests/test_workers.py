"""Parallel extraction: the same graph for any number of workers, and workers run the same
pipeline as the parent (inherited by fork, rebuilt from ``--model`` otherwise)."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest

from egovkg.ingest import extract
from egovkg.ingest.nlp import make_pipeline
from egovkg.pipeline import build

from scaling_helpers import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    # more than 2 x chunk_size documents, so extract_all really uses the pool
    return write_corpus(tmp_path_factory.mktemp("corpus"), 80)


def test_two_workers_write_byte_identical_files(corpus, tmp_path, monkeypatch):
    pools = []
    real = extract.make_pool
    monkeypatch.setattr(extract, "make_pool", lambda nlp, n: pools.append(n) or real(nlp, n))
    one = build([corpus], tmp_path / "w1", model="rules", workers=1)
    two = build([corpus], tmp_path / "w2", model="rules", workers=2)
    assert pools == [2], "the two-worker build did not use a process pool"
    assert one.documents == two.documents == 80
    assert one.relations > 0 and one.fundings > 0
    for name in ("graph.ttl", "graph.trig", "graph.jsonld"):
        assert (tmp_path / "w1" / name).read_bytes() == (tmp_path / "w2" / name).read_bytes(), name


def test_pool_extractions_equal_in_process_extractions(corpus):
    from egovkg.ingest.load import load_documents

    docs = load_documents([corpus]).documents
    nlp = make_pipeline("rules")
    serial = extract.extract_all(nlp, docs, workers=1)
    parallel = extract.extract_all(nlp, docs, workers=2, chunk_size=8)
    assert [e.document.doc_id for e in parallel] == [d.doc_id for d in docs]  # input order
    assert parallel == serial


def _worker_meta() -> dict:
    return dict(extract._WORKER_NLP.meta)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_forked_workers_inherit_the_parents_pipeline():
    nlp = make_pipeline("rules")
    nlp.meta["test_marker"] = "vom Elternprozess"
    with extract.make_pool(nlp, 1) as pool:
        meta = pool.submit(_worker_meta).result(timeout=120)
    assert meta["test_marker"] == "vom Elternprozess"
    assert extract.mp_context().get_start_method() == "fork"


def test_spawned_workers_rebuild_the_model_given_by_path(tmp_path):
    import spacy

    folder = tmp_path / "mein_modell"
    spacy.blank("de").to_disk(folder)
    nlp = make_pipeline(str(folder))
    assert nlp.meta["egovkg_base"] == str(folder)
    ctx = multiprocessing.get_context("spawn")  # no inheritance: the worker must load the folder
    with ProcessPoolExecutor(1, mp_context=ctx, initializer=extract._init_worker, initargs=(str(folder),)) as pool:
        assert pool.submit(extract._worker_base).result(timeout=300) == str(folder)


def test_default_workers_follow_the_cores_this_process_may_use(monkeypatch):
    from egovkg import workers

    monkeypatch.setattr(workers.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert workers.default_workers() == 3
    monkeypatch.setattr(workers.os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert workers.default_workers() == workers.MAX_DEFAULT_WORKERS

    def unsupported(pid):
        raise AttributeError("sched_getaffinity")

    monkeypatch.setattr(workers.os, "sched_getaffinity", unsupported, raising=False)
    monkeypatch.setattr(workers.os, "cpu_count", lambda: None)
    assert workers.default_workers() == 1


def test_build_without_workers_uses_the_default_pool(corpus, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from egovkg.cli import app

    pools = []
    real = extract.make_pool
    monkeypatch.setattr(extract, "default_workers", lambda: 2)
    monkeypatch.setattr(extract, "make_pool", lambda nlp, n: pools.append(n) or real(nlp, n))
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(tmp_path / "o"), "--model", "rules",
                                      "--no-cache"])
    assert result.exit_code == 0, result.output
    assert pools == [2]
    assert (tmp_path / "o" / "graph.ttl").stat().st_size > 0


def test_ner_and_relation_cpu_are_reported_for_both_paths(corpus):
    from egovkg.ingest.load import load_documents

    docs = load_documents([corpus]).documents
    nlp = make_pipeline("rules")
    for workers in (1, 2):
        stats: dict[str, float] = {}
        extract.extract_all(nlp, docs, workers=workers, chunk_size=8, stats=stats)
        assert stats["extracted"] == len(docs) and stats["cached"] == 0
        assert stats["ner cpu"] > 0 and stats["relations cpu"] > 0, (workers, stats)
