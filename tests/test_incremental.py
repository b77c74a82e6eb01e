"""Incremental builds: the per-document cache is keyed by content and pipeline, a rebuild
after adding one article extracts only that article, and cached builds equal fresh ones."""
from __future__ import annotations

import os
import pickle
import sqlite3

import pytest
from typer.testing import CliRunner

from egovkg.cli import app
from egovkg.ingest import extract
from egovkg.pipeline import build

from egovkg.ingest.extraction_cache import DB_NAME
from scaling_helpers import write_corpus

NEW_ARTICLE = (
    "Neues Portal in Lingen\n\n[03.05.2023] Die Stadt Lingen startet ein Serviceportal. "
    "Das Land Niedersachsen fördert das Portal mit bis zu 45.000 Euro.\n"
)


@pytest.fixture()
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus", 12)


def _entries(folder) -> list[str]:
    """The keys in the cache database of ``folder``."""
    with sqlite3.connect(folder / DB_NAME) as db:
        return sorted(k for (k,) in db.execute("SELECT key FROM extraction"))


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


def test_a_broken_cache_entry_is_ignored(corpus, tmp_path):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "o1", model="rules", cache_dir=cache)
    keys = _entries(cache)
    assert len(keys) == 12
    with sqlite3.connect(cache / DB_NAME) as db:
        for key, data in zip(keys, (b"kein pickle", pickle.dumps("falscher Typ")[:5], pickle.dumps("falscher Typ"))):
            db.execute("UPDATE extraction SET data = ? WHERE key = ?", (data, key))
    again = build([corpus], tmp_path / "o2", model="rules", cache_dir=cache)
    assert (again.extracted, again.cached) == (3, 9)
    assert (tmp_path / "o1" / "graph.ttl").read_bytes() == (tmp_path / "o2" / "graph.ttl").read_bytes()
    assert len(_entries(cache)) == 12  # the three were written again


def test_a_cache_database_that_is_no_database_is_moved_aside(corpus, tmp_path, caplog):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "o1", model="rules", cache_dir=cache)
    (cache / DB_NAME).write_bytes(b"kaputt" * 1000)
    for suffix in ("-wal", "-shm"):
        (cache / (DB_NAME + suffix)).unlink(missing_ok=True)
    with caplog.at_level("WARNING"):
        again = build([corpus], tmp_path / "o2", model="rules", cache_dir=cache)
    assert (again.extracted, again.cached) == (12, 0)
    assert "cannot be read" in caplog.text
    assert (cache / (DB_NAME + ".broken")).read_bytes().startswith(b"kaputt")
    assert len(_entries(cache)) == 12
    assert (tmp_path / "o1" / "graph.ttl").read_bytes() == (tmp_path / "o2" / "graph.ttl").read_bytes()


def test_a_cache_that_cannot_be_opened_is_off_and_the_build_goes_on(corpus, tmp_path, monkeypatch, caplog):
    from egovkg.ingest import extraction_cache

    def refuse(self):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(extraction_cache.ExtractionCache, "_open", refuse)
    with caplog.at_level("WARNING"):
        report = build([corpus], tmp_path / "o1", model="rules", cache_dir=tmp_path / "cache")
    assert (report.extracted, report.cached) == (12, 0)
    assert "is off for this build" in caplog.text
    assert (tmp_path / "o1" / "graph.ttl").is_file()


def test_cli_caches_in_out_by_default_and_no_cache_turns_it_off(corpus, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    r1 = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--model", "rules"])
    assert r1.exit_code == 0, r1.output
    assert len(_entries(out / ".cache")) == 12
    r2 = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--model", "rules"])
    assert "0 documents extracted, 12 from the cache" in r2.stdout
    out2 = tmp_path / "out2"
    r3 = runner.invoke(app, ["build", str(corpus), "--out", str(out2), "--model", "rules", "--no-cache"])
    assert r3.exit_code == 0 and not (out2 / ".cache").exists()
    assert (out / "graph.ttl").read_bytes() == (out2 / "graph.ttl").read_bytes()


def test_pool_workers_fill_the_cache_and_a_rebuild_reads_it(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "gross", 80)  # enough documents for the pool
    puts_in_parent = []
    real_put = extract.ExtractionCache.put_many
    parent = os.getpid()

    def put_many(self, exs):
        exs = list(exs)
        if os.getpid() == parent:
            puts_in_parent.extend(ex.document.doc_id for ex in exs)
        return real_put(self, exs)

    monkeypatch.setattr(extract.ExtractionCache, "put_many", put_many)  # inherited by the forked workers
    cache = tmp_path / "cache"
    first = build([corpus], tmp_path / "o1", model="rules", cache_dir=cache, workers=2)
    assert (first.extracted, first.cached) == (80, 0)
    assert puts_in_parent == []  # the workers stored their own results
    assert len(_entries(cache)) == 80
    second = build([corpus], tmp_path / "o2", model="rules", cache_dir=cache, workers=2)
    assert (second.extracted, second.cached) == (0, 80)
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "o1" / name).read_bytes() == (tmp_path / "o2" / name).read_bytes(), name


def test_the_default_cache_keeps_only_the_current_corpus(corpus, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(corpus), "--out", str(out), "--model", "rules"]).exit_code == 0
    cache = out / ".cache"
    before = set(_entries(cache))
    assert len(before) == 12
    gone = sorted(corpus.glob("*.txt"))[0]
    gone.unlink()
    legacy = [cache / "0123abcd.pickle", cache / "tmpx1y2.tmp"]  # files of the earlier file-per-document cache
    for path in legacy:
        path.write_bytes(b"alt")
    r = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--model", "rules"])
    assert r.exit_code == 0, r.output
    assert "0 documents extracted, 11 from the cache" in r.stdout
    assert "3 stale cache entries removed" in r.stdout
    after = set(_entries(cache))
    assert len(after) == 11 and after < before
    assert not any(path.exists() for path in legacy)


def test_a_cache_folder_given_with_cache_is_never_pruned(corpus, tmp_path):
    runner = CliRunner()
    shared = tmp_path / "shared"
    args = ["--cache", str(shared), "--model", "rules"]
    assert runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "a"), *args]).exit_code == 0
    sorted(corpus.glob("*.txt"))[0].unlink()
    r = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "b"), *args])
    assert r.exit_code == 0 and "stale" not in r.stdout
    assert len(_entries(shared)) == 12


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


def test_the_parent_closes_its_cache_connection_before_forking_the_workers(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "gross", 80)
    events = []
    real_close, real_pool = extract.ExtractionCache.close, extract.make_pool

    def close(self):
        events.append(("close", self._db is not None))
        real_close(self)

    def make_pool(nlp, workers):
        events.append(("fork", None))
        return real_pool(nlp, workers)

    monkeypatch.setattr(extract.ExtractionCache, "close", close)
    monkeypatch.setattr(extract, "make_pool", make_pool)
    report = build([corpus], tmp_path / "o1", model="rules", cache_dir=tmp_path / "cache", workers=2)
    assert (report.extracted, report.cached) == (80, 0)
    fork = events.index(("fork", None))
    assert ("close", True) in events[:fork]  # the lookups before the fork had opened it


def test_an_entry_holds_the_facts_without_the_document(corpus, tmp_path):
    """Entries are the pickled facts (the key stands for the document); an entry in another
    shape, such as a whole pickled Extraction of an earlier version, is a miss."""
    from egovkg.ingest.extraction_cache import extraction_from, facts_bytes
    from egovkg.ingest.load import load_documents

    docs = load_documents([corpus]).documents
    ex = extract.extract_all(_rules(), docs[:1], workers=1)[0]
    data = facts_bytes(ex)
    assert ex.document.text.encode("utf-8") not in data
    assert extraction_from(ex.document, data) == ex
    with pytest.raises(ValueError):
        extraction_from(ex.document, pickle.dumps(ex))
    cache = extract.ExtractionCache(tmp_path / "cache", "rules")
    cache.put_many([ex])
    assert cache.get(ex.document) == ex
    with sqlite3.connect(cache.path) as db:
        db.execute("UPDATE extraction SET data = ?", (pickle.dumps(ex),))
    assert cache.get(ex.document) is None
