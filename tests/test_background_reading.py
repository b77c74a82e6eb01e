"""The build reads and cleans in a forked child that streams documents to the extraction: the
same documents in the same order, the same skips in the same order, extraction that starts
before the reading ends, and no child left behind when something fails."""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from pathlib import Path

import pytest

from egovkg import pipeline
from egovkg.ingest import background, extract
from egovkg.ingest.load import iter_documents, load_documents

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the forked reader needs fork")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _corpus(folder):
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Neue Plattform\n\nDie Stadt Ibbenbüren ist Mitglied im Zweckverband KAAW. "
        "Das Bundesministerium des Innern fördert das Vorhaben mit bis zu 60.000 Euro.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text("", encoding="utf-8")  # empty: skipped
    (folder / "c.txt").write_bytes(b"\x00\x01\x02" * 200)  # binary: skipped
    (folder / "d.txt").write_text(
        "Kreis vernetzt Rathäuser\n\nDer Kreis Steinfurt und die Gemeinde Mettingen arbeiten "
        "beim Bürgerportal zusammen.\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def forked(monkeypatch):
    """Make the build fork its reader even on a one-core machine."""
    monkeypatch.setattr("egovkg.workers.default_workers", lambda: 2)


def test_reader_child_streams_what_iter_documents_yields(tmp_path, forked, monkeypatch):
    corpus = _corpus(tmp_path / "c")
    monkeypatch.setattr(background, "BATCH", 1)  # one message per document
    skips: list = []
    reading = background.BackgroundReader([corpus], skips.append)
    assert reading._child is not None
    streamed = list(reading.documents())
    expected_skips: list = []
    assert streamed == list(iter_documents([corpus], expected_skips.append)) and len(streamed) == 2
    assert skips == expected_skips and len(skips) == 2
    assert reading.seconds > 0
    assert multiprocessing.active_children() == []


def test_build_corpus_keeps_the_order_of_load_documents_and_of_the_skips(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "c")
    results = {}
    for cores in (2, 1):
        monkeypatch.setattr("egovkg.workers.default_workers", lambda cores=cores: cores)
        seen: list = []
        report = pipeline.BuildReport()
        built = pipeline.build_corpus([corpus, EXAMPLES], model="rules", workers=1, on_skip=seen.append, report=report)
        results[cores] = (built, seen, report)
    (two, seen2, rep2), (one, seen1, rep1) = results[2], results[1]
    assert [s.path for s in seen2] == [s.path for s in seen1] == [str(corpus / "b.txt"), str(corpus / "c.txt")]
    assert rep2.skipped == seen2
    loaded = load_documents([corpus, EXAMPLES]).documents
    assert [d.kind for d in loaded].count("teaser") >= 3  # teasers held back by the stream
    assert two.documents == one.documents == loaded
    assert sorted(two.entities) == sorted(one.entities)
    assert rep2.timings["read+clean"] > 0 and rep2.timings["load model"] > 0


def test_too_long_documents_are_skipped_after_the_reading_skips(tmp_path, forked, monkeypatch):
    corpus = _corpus(tmp_path / "c")
    from egovkg.ingest import nlp as nlp_module

    real = nlp_module.make_pipeline
    lengths = {Path(d.source).name: len(d.text) for d in load_documents([corpus]).documents}
    assert lengths["a.txt"] > lengths["d.txt"]

    def short_limit(model):
        made = real(model)
        made.max_length = lengths["d.txt"]  # a.txt is longer after cleaning
        return made

    monkeypatch.setattr(nlp_module, "make_pipeline", short_limit)
    seen: list = []
    built = pipeline.build_corpus([corpus], model="rules", workers=1, on_skip=seen.append)
    assert [Path(s.path).name for s in seen] == ["b.txt", "c.txt", "a.txt"]
    assert "text too long for NER" in seen[-1].reason
    assert [Path(d.source).name for d in built.documents] == ["d.txt"]


def _cached(folder) -> bool:
    """Whether the cache database in ``folder`` holds an entry yet."""
    import sqlite3

    from egovkg.ingest.extraction_cache import DB_NAME

    if not (folder / DB_NAME).is_file():
        return False
    try:
        with sqlite3.connect(folder / DB_NAME) as db:
            return db.execute("SELECT count(*) FROM extraction").fetchone()[0] > 0
    except sqlite3.OperationalError:  # the table is not made yet
        return False


@pytest.mark.timeout(300)
def test_extraction_starts_before_the_stream_ends(tmp_path):
    """extract_all takes documents lazily: a chunk goes to a worker while later documents are
    still to come. The stream below only goes on once a worker has extracted (and cached) a
    document; were the chunks sent only at the end, it would wait in vain."""
    import time

    from egovkg.ingest.nlp import make_pipeline

    docs = load_documents([EXAMPLES]).documents
    stream_docs = [d for d in docs][:3 * 3]  # three chunks of three
    cache = tmp_path / "cache"
    waited_for_a_worker = []

    def stream():
        for i, document in enumerate(stream_docs):
            if i == 2 * 3 + 1:
                end = time.monotonic() + 30
                while not _cached(cache) and time.monotonic() < end:
                    time.sleep(0.02)
                waited_for_a_worker.append(_cached(cache))
            yield document

    results = extract.extract_all(make_pipeline("rules"), stream(), workers=2, chunk_size=3, cache_dir=cache)
    assert waited_for_a_worker == [True]
    assert [ex.document for ex in results] == stream_docs
    assert multiprocessing.active_children() == []


def test_a_failing_pipeline_stops_the_reader(tmp_path, forked, monkeypatch):
    corpus = _corpus(tmp_path / "c")

    def broken(model):
        raise RuntimeError("kein Modell")

    monkeypatch.setattr("egovkg.ingest.nlp.make_pipeline", broken)
    with pytest.raises(RuntimeError, match="kein Modell"):
        pipeline.build_corpus([corpus], model="rules", workers=1)
    assert multiprocessing.active_children() == []


def test_an_error_in_the_reader_reaches_the_caller(tmp_path, forked, monkeypatch):
    corpus = _corpus(tmp_path / "c")

    def fails(paths, on_skip=None):
        yield from ()
        raise OSError("Datenträger nicht lesbar")

    monkeypatch.setattr(background, "iter_documents", fails)
    with pytest.raises(OSError, match="Datenträger nicht lesbar"):
        pipeline.build_corpus([corpus], model="rules", workers=1)
    assert multiprocessing.active_children() == []


@pytest.mark.timeout(120)
def test_a_killed_reader_is_an_error_not_a_hang(tmp_path, forked, monkeypatch):
    corpus = _corpus(tmp_path / "c")
    monkeypatch.setattr(background, "POLL_SECONDS", 0.05)

    def killed(paths, on_skip=None):
        os.kill(os.getpid(), signal.SIGKILL)
        yield from ()

    monkeypatch.setattr(background, "iter_documents", killed)
    reading = background.BackgroundReader([corpus])
    with pytest.raises(RuntimeError, match="died"):
        list(reading.documents())
    assert multiprocessing.active_children() == []
