"""The build reads and cleans in a forked child while it loads the pipeline: same documents,
same skips in the same order, and no child left behind when loading the pipeline fails."""
from __future__ import annotations

import multiprocessing
import sys

import pytest

from egovkg import pipeline
from egovkg.ingest.load import load_documents

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the forked reader needs fork")


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


def test_reader_runs_in_a_child_and_returns_what_load_documents_returns(tmp_path, forked):
    corpus = _corpus(tmp_path / "c")
    reading = pipeline._ReadInBackground([corpus])
    assert reading._child is not None
    loaded, seconds = reading.result()
    expected = load_documents([corpus])
    assert loaded.documents == expected.documents and len(loaded.documents) == 2
    assert loaded.skipped == expected.skipped and len(loaded.skipped) == 2
    assert seconds > 0


def test_build_corpus_passes_skips_in_order_and_matches_the_serial_reader(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "c")
    results = {}
    for cores in (2, 1):
        monkeypatch.setattr("egovkg.workers.default_workers", lambda cores=cores: cores)
        seen: list = []
        report = pipeline.BuildReport()
        built = pipeline.build_corpus([corpus], model="rules", workers=1, on_skip=seen.append, report=report)
        results[cores] = (built, seen, report)
    (two, seen2, rep2), (one, seen1, rep1) = results[2], results[1]
    assert [s.path for s in seen2] == [s.path for s in seen1] == [str(corpus / "b.txt"), str(corpus / "c.txt")]
    assert rep2.skipped == seen2
    assert two.documents == one.documents and sorted(two.entities) == sorted(one.entities)
    assert rep2.timings["read+clean"] > 0 and rep2.timings["load model"] > 0


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
        raise OSError("Datenträger nicht lesbar")

    monkeypatch.setattr("egovkg.ingest.load.load_documents", fails)
    with pytest.raises(OSError, match="Datenträger nicht lesbar"):
        pipeline.build_corpus([corpus], model="rules", workers=1)
    assert multiprocessing.active_children() == []
