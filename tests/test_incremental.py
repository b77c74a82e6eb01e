"""Incremental builds: the per-document cache is keyed by content and pipeline, a rebuild
after adding one article extracts only that article, and cached builds equal fresh ones."""
from __future__ import annotations

import os
import pickle

import pytest
from typer.testing import CliRunner

from egovkg.cli import app
from egovkg.ingest import extract
from egovkg.pipeline import build

from scaling_helpers import write_corpus

NEW_ARTICLE = (
    "Neues Portal in Lingen\n\n[03.05.2023] Die Stadt Lingen startet ein Serviceportal. "
    "Das Land Niedersachsen fördert das Portal mit bis zu 45.000 Euro.\n"
)


@pytest.fixture()
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus", 12)


def test_rebuild_after_adding_one_article_extracts_only_that_article(corpus, tmp_path):
    cache = tmp_path / "cache"
    first = build([corpus], tmp_path / "o1", model="rules", cache_dir=cache)
    assert (first.extracted, first.cached) == (12, 0)
    (corpus / "zz_neu.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    second = build([corpus], tmp_path / "o2", model="rules", cache_dir=cache)
    assert (second.extracted, second.cached) == (1, 12)
    fresh = build([corpus], tmp_path / "o3", model="rules")
    assert (fresh.extracted, fresh.cached) == (13, 0)
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "o2" / name).read_bytes() == (tmp_path / "o3" / name).read_bytes(), name
    assert "lingen" in (tmp_path / "o2" / "graph.ttl").read_text(encoding="utf-8")


def test_an_edited_article_is_extracted_again(corpus, tmp_path):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "o1", model="rules", cache_dir=cache)
    f = corpus / "a00003.txt"
    f.write_text(f.read_text(encoding="utf-8") + "Die Stadt Ahaus berät die Stadt Meerane.\n", encoding="utf-8")
    again = build([corpus], tmp_path / "o2", model="rules", cache_dir=cache)
    assert (again.extracted, again.cached) == (1, 11)


def test_another_pipeline_version_does_not_reuse_the_cache(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "o1", model="rules", cache_dir=cache)
    monkeypatch.setattr(extract, "code_fingerprint", lambda: "geänderte-regeln")
    again = build([corpus], tmp_path / "o2", model="rules", cache_dir=cache)
    assert (again.extracted, again.cached) == (12, 0)


def test_code_fingerprint_is_stable_and_covers_the_rules():
    fp = extract.code_fingerprint()
    assert len(fp) == 32 and fp == extract.code_fingerprint()
    nlp = __import__("egovkg.ingest.nlp", fromlist=["make_pipeline"]).make_pipeline("rules")
    assert fp in extract.pipeline_id(nlp)


def test_a_broken_cache_file_is_ignored(corpus, tmp_path):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "o1", model="rules", cache_dir=cache)
    files = sorted(cache.glob("*.pickle"))
    assert len(files) == 12
    files[0].write_bytes(b"kein pickle")
    files[1].write_bytes(pickle.dumps("falscher Typ")[:5])
    files[2].write_bytes(pickle.dumps("falscher Typ"))
    again = build([corpus], tmp_path / "o2", model="rules", cache_dir=cache)
    assert (again.extracted, again.cached) == (3, 9)
    assert (tmp_path / "o1" / "graph.ttl").read_bytes() == (tmp_path / "o2" / "graph.ttl").read_bytes()


def test_cli_caches_in_out_by_default_and_no_cache_turns_it_off(corpus, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    r1 = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--model", "rules"])
    assert r1.exit_code == 0, r1.output
    assert len(list((out / ".cache").glob("*.pickle"))) == 12
    r2 = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--model", "rules"])
    assert "0 documents extracted, 12 from the cache" in r2.stdout
    out2 = tmp_path / "out2"
    r3 = runner.invoke(app, ["build", str(corpus), "--out", str(out2), "--model", "rules", "--no-cache"])
    assert r3.exit_code == 0 and not (out2 / ".cache").exists()
    assert (out / "graph.ttl").read_bytes() == (out2 / "graph.ttl").read_bytes()


def test_pool_workers_fill_the_cache_and_a_rebuild_reads_it(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "gross", 80)  # enough documents for the pool
    puts_in_parent = []
    real_put = extract.ExtractionCache.put
    parent = os.getpid()

    def put(self, ex):
        if os.getpid() == parent:
            puts_in_parent.append(ex.document.doc_id)
        return real_put(self, ex)

    monkeypatch.setattr(extract.ExtractionCache, "put", put)  # inherited by the forked workers
    cache = tmp_path / "cache"
    first = build([corpus], tmp_path / "o1", model="rules", cache_dir=cache, workers=2)
    assert (first.extracted, first.cached) == (80, 0)
    assert puts_in_parent == []  # the workers stored their own results
    assert len(list(cache.glob("*.pickle"))) == 80
    second = build([corpus], tmp_path / "o2", model="rules", cache_dir=cache, workers=2)
    assert (second.extracted, second.cached) == (0, 80)
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "o1" / name).read_bytes() == (tmp_path / "o2" / name).read_bytes(), name
