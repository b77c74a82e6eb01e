"""``egovkg network``, ``path``, ``neighbours`` and ``serve`` from the command line."""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from egovkg.cli import app
from egovkg.graph.lookup import AmbiguousName

DATA = Path(__file__).resolve().parent / "data" / "analysis" / "kooperation.ttl"
runner = CliRunner()


def test_network_prints_and_writes(tmp_path):
    result = runner.invoke(app, ["network", str(DATA), "--out", str(tmp_path / "netz"), "--top", "3"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Musterdorf" in result.output and "Gemeinschaften" in result.output
    assert "Zweckverband KDZ" in result.output
    with open(tmp_path / "netz" / "centrality.csv", newline="", encoding="utf-8") as fh:
        top = next(csv.DictReader(fh))
    assert top["label"] == "Musterdorf"
    assert (tmp_path / "netz" / "network.json").is_file()


def test_network_reads_a_build_folder(tmp_path):
    shutil.copy(DATA, tmp_path / "graph.ttl")
    result = runner.invoke(app, ["network", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Neuhausen am See" in result.output


def test_path_prints_hops_with_evidence():
    result = runner.invoke(app, ["path", str(DATA), "talheim", "NEUHAUSEN AM SEE"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "3 Schritt(e)" in out
    assert "Talheim —memberOf→ Zweckverband KDZ Musterland" in out
    assert "Zweckverband KDZ Musterland ←memberOf— Musterdorf" in out
    assert "Auch Talheim gehört dem Zweckverband KDZ Musterland an." in out
    assert "Neuhausen und Weiler rechnen gemeinsam [2021-09-12]" in out


def test_neighbours_shows_roles_and_sums():
    result = runner.invoke(app, ["neighbours", str(DATA), "Gemeinde Musterdorf"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Bürgermeisterin" in result.output and "Erika Mustermann" in result.output
    assert "genau 12.500,50 €" in result.output and "bis zu 72.500,50 €" in result.output
    deeper = runner.invoke(app, ["neighbours", str(DATA), "Musterdorf", "--depth", "2"], env={"COLUMNS": "200"})
    assert "Talheim" in deeper.output and "Talheim" not in result.output


def test_ambiguous_name_is_an_error_listing_candidates():
    result = runner.invoke(app, ["path", str(DATA), "dorf", "Weiler"])
    assert result.exit_code != 0
    assert isinstance(result.exception, AmbiguousName)
    assert [m.label for m in result.exception.candidates] == ["Musterdorf", "Ostdorf", "Westdorf"]


def test_errors_exit_2_without_traceback(tmp_path):
    exe = Path(sys.executable).with_name("egovkg")
    env = {**os.environ, "COLUMNS": "200"}
    proc = subprocess.run([str(exe), "neighbours", str(DATA), "höft"], capture_output=True, text=True, timeout=120,
                          env=env)
    assert proc.returncode == 2
    assert "Kreis Süderhöft" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run([str(exe), "serve", str(tmp_path)], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 2 and "no graph.trig" in proc.stderr


def test_commands_have_help():
    for command in ("network", "path", "neighbours", "serve"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output
