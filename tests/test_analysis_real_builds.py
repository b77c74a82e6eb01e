"""The analyst commands (network, path, neighbours) on real builds: the example corpus, and the
seeds when ../shared is present."""
from __future__ import annotations

import csv

import pytest
from typer.testing import CliRunner

from egovkg.cli import app

from conftest import EXAMPLES, SEEDS

runner = CliRunner()

CASES = [
    pytest.param((EXAMPLES, ("Altena", "Iserlohn"), ("Altena", "Iserlohn")), id="examples"),
    pytest.param((SEEDS, ("Ibbenbüren", "Ahaus"), ("KAAW", "Ibbenbüren")), id="seeds",
                 marks=pytest.mark.skipif(not SEEDS.exists(), reason="no ../shared/seeds")),
]


@pytest.fixture(scope="module", params=CASES)
def case(request, tmp_path_factory):
    from egovkg.pipeline import build

    corpus, pair, actor = request.param
    out = tmp_path_factory.mktemp("analysis")
    build([corpus], out, model="rules", cache_dir=None)
    return out, pair, actor


def test_network_writes_cooperation_centrality_and_communities(case, tmp_path):
    out, pair, _ = case
    result = runner.invoke(app, ["network", str(out / "graph.ttl"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "cooperation_edges.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and any(pair[0] in str(r.values()) and pair[1] in str(r.values()) for r in rows), rows[:5]
    assert (tmp_path / "communities.csv").stat().st_size > 0
    assert (tmp_path / "centrality.csv").stat().st_size > 0


def test_path_between_two_cooperating_towns_shows_evidence(case):
    out, pair, _ = case
    result = runner.invoke(app, ["path", str(out / "graph.ttl"), pair[0], pair[1]])
    assert result.exit_code == 0, result.output
    assert pair[0] in result.stdout and pair[1] in result.stdout
    assert "kooperiert" in result.stdout or "cooperatesWith" in result.stdout


def test_neighbours_of_an_actor(case):
    out, _, (actor, neighbour) = case
    result = runner.invoke(app, ["neighbours", str(out / "graph.ttl"), actor, "--depth", "1"])
    assert result.exit_code == 0, result.output
    assert "Umfeld von" in result.stdout and neighbour in result.stdout
