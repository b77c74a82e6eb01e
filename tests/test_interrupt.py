"""Killing a build at any moment leaves the previous outputs intact (atomic replace).

A build of a small corpus writes the "old" outputs; then a build of a 1,200-document corpus
(``shared/bench/make_corpus.py``) into the same folder is interrupted with SIGINT or SIGKILL,
at fixed delays (start-up, reading, NER) and at the moment the export phase is seen to start
(a temporary output appears) or to be half done (a first output already replaced). Afterwards
every output is either the old bytes or a complete new file that parses; temporary files are
gone after SIGINT (after SIGKILL only hidden ``.graph.*.tmp*`` names may remain); Ctrl-C
prints a short message, no traceback, and exits 130; a rerun completes.

Export-phase kills use an extraction cache warmed once, so the build reaches the export in a
few seconds.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parent.parent
EGOVKG = ROOT / ".venv" / "bin" / "egovkg"
MAKE_CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"
OUTPUTS = ("graph.ttl", "graph.trig", "graph.jsonld", "graph.graphml", "graph.gexf", "graph.html")
RDF = {"graph.ttl": ox.RdfFormat.TURTLE, "graph.trig": ox.RdfFormat.TRIG, "graph.jsonld": ox.RdfFormat.JSON_LD}
SMALL = {
    "a.txt": "Land: Portal\n\n[03.04.2023] Die Stadt Musterhausen startet ein Bürgerportal mit dem Kreis Steinfurt.\n",
    "b.txt": "Kreis: Akte\n\n[05.06.2022] Die Gemeinde Lotte führt die E-Akte ein und kooperiert mit der Stadt Ahaus.\n",
}

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not MAKE_CORPUS.is_file(), reason="bench corpus maker missing")]


def _cmd(corpus: Path, out: Path, cache: Path | None = None) -> list[str]:
    return [str(EGOVKG), "build", str(corpus), "--out", str(out), *(["--cache", str(cache)] if cache else [])]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("interrupt")
    big, small, old, cache, full = (root / n for n in ("big", "small", "old", "cache", "full"))
    # large enough that a cold build still runs when the 3 s kills arrive (it took ~2.5 s at 300)
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(big), "--docs", "1200"], check=True, capture_output=True)
    small.mkdir()
    for name, text in SMALL.items():
        (small / name).write_text(text, encoding="utf-8")
    subprocess.run(_cmd(small, old), check=True, capture_output=True, timeout=300)
    # the complete new outputs (and a warm extraction cache for the export-phase kills)
    subprocess.run(_cmd(big, full, cache), check=True, capture_output=True, timeout=900)
    return {"big": big, "old": old, "cache": cache, "full": full}


def _fresh_out(setup: dict[str, Path], tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(setup["old"], out)
    return out


def _complete(path: Path) -> None:
    """Raise unless ``path`` is a whole output file."""
    if path.name in RDF:
        assert list(ox.parse(path=str(path), format=RDF[path.name]))
    elif path.suffix in (".graphml", ".gexf"):
        ET.parse(path)
    else:
        assert path.read_text(encoding="utf-8").rstrip().endswith("</html>")


def check_outputs(out: Path, old: Path, *, allow_hidden_temp: bool) -> dict[str, str]:
    """Every output is the old bytes or a complete new file; returns which, per file."""
    state = {}
    for name in OUTPUTS:
        data = (out / name).read_bytes()
        if data == (old / name).read_bytes():
            state[name] = "old"
        else:
            _complete(out / name)
            state[name] = "new"
    extra = sorted(p.name for p in out.iterdir() if p.name not in OUTPUTS and p.name != ".cache")  # default cache
    if allow_hidden_temp:
        assert all(n.startswith(".graph.") and ".tmp" in n for n in extra), extra
    else:
        assert extra == [], extra
    return state


def _kill_after(cmd: list[str], sig: int, when) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        when(proc)
        if proc.poll() is None:
            proc.send_signal(sig)
        out, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _check_signal_result(result: subprocess.CompletedProcess, sig: int) -> None:
    if sig == signal.SIGINT and "from egovkg.entry import main" in result.stderr:
        # Known limit: a Ctrl-C before the interpreter has even imported the tiny entry module
        # (egovkg/entry.py installs the quiet handler first thing) is Python's own
        # KeyboardInterrupt; nothing has been written yet, which the caller checks.
        assert result.returncode in (-signal.SIGINT, 1, 130)
        return
    if sig == signal.SIGINT:
        assert result.returncode == 130, (result.returncode, result.stderr[-2000:])
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        assert "Interrupted" in result.stderr
    else:
        assert result.returncode == -signal.SIGKILL


@pytest.mark.timeout(600)
@pytest.mark.parametrize(
    ("sig", "delay"),
    [(signal.SIGINT, 0.2), (signal.SIGINT, 0.5), (signal.SIGINT, 1.0), (signal.SIGINT, 3.0),
     (signal.SIGKILL, 0.5), (signal.SIGKILL, 3.0)],
    ids=["int-0.2s", "int-0.5s", "int-1s", "int-3s", "kill-0.5s", "kill-3s"],
)
def test_killed_early_leaves_the_old_outputs(setup: dict[str, Path], tmp_path: Path, sig: int, delay: float) -> None:
    out = _fresh_out(setup, tmp_path)
    result = _kill_after(_cmd(setup["big"], out), sig, lambda proc: time.sleep(delay))
    _check_signal_result(result, sig)
    state = check_outputs(out, setup["old"], allow_hidden_temp=sig == signal.SIGKILL)
    assert set(state.values()) == {"old"}  # killed long before the export


def _wait_for(out: Path, ready, limit: float = 240.0):  # type: ignore[no-untyped-def]
    def wait(proc: subprocess.Popen) -> None:
        end = time.monotonic() + limit
        while time.monotonic() < end and proc.poll() is None:
            if ready(out):
                return
            time.sleep(0.002)
        raise AssertionError("the export phase was not seen")
    return wait


def _temp_visible(out: Path) -> bool:
    return any(name.startswith(".graph.") for name in os.listdir(out))


def _output_replaced(old_inodes: dict[str, int]):  # type: ignore[no-untyped-def]
    def ready(out: Path) -> bool:
        return any((out / n).stat().st_ino != ino for n, ino in old_inodes.items())
    return ready


@pytest.mark.timeout(900)
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["int", "kill"])
@pytest.mark.parametrize("moment", ["first-temp-file", "output-replaced"])
def test_killed_during_export_leaves_old_or_complete_files(
    setup: dict[str, Path], tmp_path: Path, sig: int, moment: str
) -> None:
    # The RDF files and the NetworkX/HTML files are written by two processes at once, so the
    # moment is "the first temporary file" or "the first output replaced", and a kill can land
    # after the last file is in place, or the build may even end before the signal is sent;
    # such an attempt is repeated (up to 3 times).
    stopped_half_way = False
    for attempt in range(3):
        out = _fresh_out(setup, tmp_path / f"attempt{attempt}")
        inodes = {n: (out / n).stat().st_ino for n in OUTPUTS}
        ready = _temp_visible if moment == "first-temp-file" else _output_replaced(inodes)
        result = _kill_after(_cmd(setup["big"], out, setup["cache"]), sig, _wait_for(out, ready))
        if result.returncode == 0:
            # The build ended between the moment seen and the signal (a loaded machine can stall
            # this test's polling for longer than the last files take): not killed; retry.
            assert set(check_outputs(out, setup["old"], allow_hidden_temp=False).values()) == {"new"}
            continue
        _check_signal_result(result, sig)
        state = check_outputs(out, setup["old"], allow_hidden_temp=sig == signal.SIGKILL)
        for name, st in state.items():  # a new file is the whole new file
            if st == "new":
                assert (out / name).read_bytes() == (setup["full"] / name).read_bytes(), name
        if moment == "output-replaced":
            assert "new" in state.values()
        if "old" in state.values():
            stopped_half_way = True
            break
    assert stopped_half_way, "every attempt was killed after the export had finished"


@pytest.mark.timeout(900)
def test_rerun_after_kills_completes_with_the_full_outputs(setup: dict[str, Path], tmp_path: Path) -> None:
    out = _fresh_out(setup, tmp_path)
    for sig, delay in ((signal.SIGKILL, 1.0), (signal.SIGINT, 2.0)):
        _kill_after(_cmd(setup["big"], out, setup["cache"]), sig, lambda proc, d=delay: time.sleep(d))
    rerun = subprocess.run(_cmd(setup["big"], out, setup["cache"]), capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    state = check_outputs(out, setup["old"], allow_hidden_temp=True)
    assert set(state.values()) == {"new"}
    for name in OUTPUTS:  # deterministic: the same bytes as the uninterrupted build
        assert (out / name).read_bytes() == (setup["full"] / name).read_bytes(), name
