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
    real = rdf.dataset_quads
    monkeypatch.setattr(rdf, "dataset_quads", lambda corpus: seen.append(gc.isenabled()) or real(corpus))
    build([write_corpus(tmp_path / "c", 3)], tmp_path / "o", model="rules", workers=1)
    assert seen == [False] and gc.isenabled()
