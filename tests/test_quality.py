"""Extraction quality guards: the scorer of ../shared/eval on the seeds (the development set)
and on our example corpus with its hand annotation. Thresholds are the issues' targets; a
change that drops below them fails here rather than silently in the hidden evaluation."""
from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import EXAMPLES, GOLD, ROOT, SEEDS

SCORER = ROOT.parent / "shared" / "eval" / "score.py"
pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py not present")


def _score(corpus_dir, gold_path, tmp_path):
    from egovkg.pipeline import build

    spec = importlib.util.spec_from_file_location("egovkg_shared_score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    build([corpus_dir], tmp_path, model="rules")
    graph = scorer.load_graph(str(tmp_path / "graph.ttl"))
    return scorer.score(graph, json.loads(gold_path.read_text(encoding="utf-8")))


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds not present")
def test_seed_scores_meet_the_targets(tmp_path):
    res = _score(SEEDS, GOLD, tmp_path)
    assert res["entities"]["f1"] >= 0.90, res["details"]["missed_entities"]
    assert res["relations"]["f1"] >= 0.75, res["details"]["missed_relations"]
    assert res["fundings"]["f1"] >= 0.80, res["details"]["missed_fundings"]


def test_example_corpus_scores(tmp_path):
    res = _score(EXAMPLES, ROOT / "examples" / "expected.json", tmp_path)
    assert res["entities"]["f1"] >= 0.90, res["details"]
    assert res["relations"]["f1"] >= 0.70, res["details"]["missed_relations"]
    assert res["fundings"]["f1"] >= 0.80, res["details"]["missed_fundings"]


HELD_OUT = {
    # set: (entities, relations, fundings) floors. The sets were written blind and later used
    # to find general fixes; the floors sit a little below their current scores, so a change
    # that loses what those fixes gained fails here.
    "heldout": (0.95, 0.85, 0.95),
    "heldout2": (0.95, 0.80, 0.95),
    "heldout3": (0.95, 0.80, 0.95),
    "heldout4": (0.95, 0.85, 0.95),
}


@pytest.mark.parametrize("name", sorted(HELD_OUT))
def test_held_out_sets_do_not_regress(name, tmp_path):
    folder = ROOT / "tests" / "data" / name
    res = _score(folder / "corpus", folder / "gold.json", tmp_path)
    floors = HELD_OUT[name]
    for part, floor in zip(("entities", "relations", "fundings"), floors):
        assert res[part]["f1"] >= floor, (part, res[part], res["details"].get(f"missed_{part}"))
