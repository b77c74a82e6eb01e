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


def test_the_default_cache_keeps_only_the_current_corpus(corpus, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(corpus), "--out", str(out), "--model", "rules"]).exit_code == 0
    cache = out / ".cache"
    before = set(cache.glob("*.pickle"))
    assert len(before) == 12
    gone = sorted(corpus.glob("*.txt"))[0]
    gone.unlink()
    old_tmp, new_tmp = cache / "abgebrochen.tmp", cache / "laufend.tmp"
    old_tmp.write_bytes(b"x")
    new_tmp.write_bytes(b"y")
    os.utime(old_tmp, (0, 0))  # an interrupted write long ago; the fresh one may be in progress
    r = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--model", "rules"])
    assert r.exit_code == 0, r.output
    assert "0 documents extracted, 11 from the cache" in r.stdout
    assert "2 stale cache entries removed" in r.stdout
    after = set(cache.glob("*.pickle"))
    assert len(after) == 11 and after < before
    assert not old_tmp.exists() and new_tmp.exists()


def test_a_cache_folder_given_with_cache_is_never_pruned(corpus, tmp_path):
    runner = CliRunner()
    shared = tmp_path / "shared"
    args = ["--cache", str(shared), "--model", "rules"]
    assert runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "a"), *args]).exit_code == 0
    sorted(corpus.glob("*.txt"))[0].unlink()
    r = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "b"), *args])
    assert r.exit_code == 0 and "stale" not in r.stdout
    assert len(list(shared.glob("*.pickle"))) == 12


def test_prune_keeps_the_entries_of_the_given_documents(corpus, tmp_path):
    from egovkg.ingest.load import load_documents

    docs = load_documents([corpus]).documents
    nlp_base = "rules-test"
    cache = extract.ExtractionCache(tmp_path / "c", nlp_base)
    extractions = extract.extract_all(_rules(), docs, workers=1)
    for ex in extractions:
        cache.put(ex)
    other = extract.ExtractionCache(tmp_path / "c", "other-pipeline")
    other.put(extractions[0])  # the same document under other code: stale
    assert cache.prune(docs[:5]) == len(docs) - 5 + 1
    assert all(cache.get(d) is not None for d in docs[:5])
    assert all(cache.get(d) is None for d in docs[5:]) and other.get(docs[0]) is None


def _rules():
    from egovkg.ingest.nlp import make_pipeline

    return make_pipeline("rules")
