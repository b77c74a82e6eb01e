"""The console script ends a finished command without Python's module teardown, keeping its exit
status, its output and every exit handler registered meanwhile (``egovkg/entry.py``)."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# Runs egovkg.entry.main in a fresh interpreter. A module global whose __del__ leaves a file shows
# whether the interpreter tore its modules down; the command registers an exit handler of its
# own while it runs, as logging or multiprocessing do. ``cli.main`` is replaced by BEHAVIOUR.
SCRIPT = textwrap.dedent("""
    import atexit, sys
    mark, behaviour = sys.argv[1], sys.argv[2]
    from egovkg import entry
    import egovkg.cli as cli
    real = cli.main

    def command():
        atexit.register(lambda: open(mark + ".handler", "w").write("x"))
        if behaviour == "string-exit":
            raise SystemExit("Abbruch: Ordner fehlt")
        if behaviour == "error":
            raise RuntimeError("kaputt")
        real()

    class Witness:  # keeps what its __del__ needs: the teardown sets module globals to None
        def __init__(self, path, open_):
            self.path, self.open = path, open_

        def __del__(self):
            self.open(self.path, "w").write("x")

    witness = Witness(mark + ".teardown", open)
    cli.main = command
    if "--control" in sys.argv:
        entry._end_without_teardown = lambda: None
    sys.argv = ["egovkg", *[a for a in sys.argv[3:] if a != "--control"]]
    entry.main()
""")


def _run(tmp_path: Path, behaviour: str, *args: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    mark = tmp_path / "mark"
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(mark), behaviour, *args],
                          capture_output=True, text=True, timeout=120)
    left = {p.suffix for p in tmp_path.glob("mark.*")}
    return proc, left


def test_a_finished_command_skips_the_teardown_but_not_the_exit_handlers(tmp_path):
    proc, left = _run(tmp_path, "real", "--help")
    assert proc.returncode == 0
    assert "build" in proc.stdout and "query" in proc.stdout  # the whole help reached stdout
    assert left == {".handler"}


def test_control_without_the_fast_end_the_interpreter_tears_down(tmp_path):
    # What the test above would see if the fast end did nothing: the witness is freed.
    proc, left = _run(tmp_path, "real", "--help", "--control")
    assert proc.returncode == 0
    assert left == {".handler", ".teardown"}


@pytest.mark.parametrize("args", [("keinbefehl",), ("build",)])
def test_usage_errors_keep_their_exit_status(tmp_path, args):
    proc, left = _run(tmp_path, "real", *args)
    assert proc.returncode == 2 and "Usage:" in proc.stderr
    assert left == {".handler"}


def test_a_message_exit_prints_the_message_and_exits_1(tmp_path):
    proc, left = _run(tmp_path, "string-exit")
    assert proc.returncode == 1
    assert "Abbruch: Ordner fehlt" in proc.stderr
    assert left == {".handler"}


def test_an_unexpected_error_exits_as_python_does(tmp_path):
    proc, left = _run(tmp_path, "error")
    assert proc.returncode == 1
    assert "RuntimeError: kaputt" in proc.stderr
    assert left == {".handler", ".teardown"}


def _tiny_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Portal in Lotte\n\nDie Gemeinde Lotte startet ein Bürgerportal. Das Bundesministerium des Innern "
        "fördert das Vorhaben mit bis zu 40.000 Euro, teilte die Gemeinde mit.\n", encoding="utf-8")
    return folder


def test_the_build_command_leaves_the_collector_off_only_in_the_console_script(tmp_path):
    corpus = _tiny_corpus(tmp_path / "korpus")
    script = textwrap.dedent("""
        import atexit, gc, sys
        from egovkg import entry
        import egovkg.cli as cli
        real, state = cli.main, sys.argv[1]

        def command():
            atexit.register(lambda: open(state, "w").write(str(gc.isenabled())))
            real()

        cli.main = command
        sys.argv = ["egovkg", "build", sys.argv[2], "--out", sys.argv[3], "--workers", "1"]
        entry.main()
    """)
    state = tmp_path / "gc-state"
    proc = subprocess.run([sys.executable, "-c", script, str(state), str(corpus), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "graph.ttl").is_file()
    assert state.read_text() == "False"


def test_the_build_command_called_in_process_leaves_the_collector_as_it_was(tmp_path):
    import gc

    from typer.testing import CliRunner

    from egovkg.cli import app

    corpus = _tiny_corpus(tmp_path / "korpus")
    assert gc.isenabled()
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "graph.ttl").is_file()
    assert gc.isenabled()
