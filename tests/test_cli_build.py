"""``egovkg build``, ``--version``, ``--help``, and CLI meta-checks (every command has help and
is documented in the README)."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from egovkg import __version__
from egovkg.cli import app

from conftest import EXAMPLES, ROOT

runner = CliRunner()


def _commands() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout
    import typer.main

    assert (typer.main.get_command(app).commands[command].help or "").strip(), command


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in _commands() if not re.search(rf"egovkg {c}\b", readme)]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_build_examples_writes_graph_and_html(tmp_path):
    result = runner.invoke(app, ["build", str(EXAMPLES), "--out", str(tmp_path), "--model", "rules"])
    assert result.exit_code == 0, result.output
    assert "rules only" in result.stdout
    for name in ("graph.ttl", "graph.html", "graph.trig"):
        assert (tmp_path / name).stat().st_size > 0
    ttl = (tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert "egov:Document" in ttl or "ontology#Document" in ttl


def test_unknown_named_model_is_a_clear_error(tmp_path):
    from egovkg.cli import main

    (tmp_path / "a.txt").write_text("Die Stadt Hausen digitalisiert.\n", encoding="utf-8")
    import sys

    argv = sys.argv
    sys.argv = ["egovkg", "build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "--model", "de_kein_modell"]
    try:
        with pytest.raises(SystemExit) as exc:
            main()
    finally:
        sys.argv = argv
    assert exc.value.code == 2


def test_strict_turns_a_skip_into_an_error(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "gut.txt").write_text("Hausen: Neues Portal\n\n[01.02.2020] Die Stadt Hausen startet ein Portal.\n",
                                    encoding="utf-8")
    (corpus / "leer.txt").write_bytes(b"")
    ok = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "o1")])
    assert ok.exit_code == 0
    assert "leer.txt" in ok.output.replace("\n", "")  # rich may wrap long paths
    strict = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "o2"), "--strict"])
    assert strict.exit_code != 0
