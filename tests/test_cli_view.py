"""``egovkg view`` from the command line."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from egovkg.cli import app

SAMPLE = Path(__file__).resolve().parent / "data" / "view_sample.ttl"
runner = CliRunner()


def test_help():
    result = runner.invoke(app, ["view", "--help"])
    assert result.exit_code == 0
    for option in ("--focus", "--depth", "--types", "--format", "--out"):
        assert option in result.output


def test_html_with_focus_and_types(tmp_path):
    out = tmp_path / "view.html"
    result = runner.invoke(app, ["view", str(SAMPLE), "--focus", "IBBENBÜREN", "--depth", "1",
                                 "--types", "Municipality, Organization", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    assert "Kommunale ADV-Anwendergemeinschaft West" in page and "Ahaus" in page
    assert "Modellkommune E-Government\"" not in page.split("const EDGES")[0]  # filtered out


def test_static_formats(tmp_path):
    for fmt, magic in (("svg", b"<?xml"), ("png", b"\x89PNG")):
        out = tmp_path / f"view.{fmt}"
        result = runner.invoke(app, ["view", str(SAMPLE), "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(magic)


def _run(*args: str) -> subprocess.CompletedProcess:
    code = "from egovkg.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, "view", *args], capture_output=True, text=True, timeout=120)


def test_errors_are_short_messages(tmp_path):
    missing = _run(str(tmp_path / "fehlt.ttl"), "--out", str(tmp_path / "v.html"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr and "fehlt.ttl" in missing.stderr
    ambiguous = _run(str(SAMPLE), "--focus", "Neustadt", "--out", str(tmp_path / "v.html"))
    assert ambiguous.returncode == 2 and "Traceback" not in ambiguous.stderr
    assert "municipality/neustadt" in ambiguous.stderr and "region/neustadt" in ambiguous.stderr
    unknown = _run(str(SAMPLE), "--focus", "Atlantis", "--out", str(tmp_path / "v.html"))
    assert unknown.returncode == 2 and "Atlantis" in unknown.stderr
    bad_type = _run(str(SAMPLE), "--types", "Planet", "--out", str(tmp_path / "v.html"))
    assert bad_type.returncode == 2 and "Planet" in bad_type.stderr
    assert not (tmp_path / "v.html").exists()
