"""Forked children (NER workers, the RDF writer) never outlive the build that started them."""
from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from egovkg.workers import ForkedCall

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl(PR_SET_PDEATHSIG) is Linux-only")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead too
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _wait_dead(pid: int, limit: float = 10.0) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


PARENT = textwrap.dedent("""
    import os, sys, time
    {setup}
    print(child_pid, flush=True)
    time.sleep(120)
""")

FORKED_CALL = """
from egovkg.workers import ForkedCall
import time, os
pid_file = sys.argv[1]
job = ForkedCall(lambda: (open(pid_file, "w").write(str(os.getpid())), time.sleep(120)))
while not os.path.exists(pid_file) or not open(pid_file).read():
    time.sleep(0.01)
child_pid = int(open(pid_file).read())
"""

POOL = """
from egovkg.ingest import extract
from egovkg.ingest.nlp import make_pipeline
pool = extract.make_pool(make_pipeline("rules"), 1)
child_pid = pool.submit(os.getpid).result(timeout=120)
"""


@pytest.mark.parametrize("setup", [FORKED_CALL, POOL], ids=["forked-writer", "ner-pool"])
def test_children_die_when_the_build_is_killed(setup, tmp_path):
    code = PARENT.format(setup=textwrap.indent(setup, "").strip())
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "pid")], stdout=subprocess.PIPE, text=True)
    try:
        child = int(proc.stdout.readline())
        assert _alive(child)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert _wait_dead(child), "the child outlived its killed parent"
    finally:
        if proc.poll() is None:
            proc.kill()


def test_forked_call_returns_the_result_and_raises_the_childs_exception():
    big = list(range(100_000))  # inherited by the child, not pickled
    assert ForkedCall(lambda: (os.getpid(), sum(big))).result()[1] == sum(big)
    assert ForkedCall(lambda: os.getpid()).result() != os.getpid()

    def fail():
        raise ValueError("kaputt")

    with pytest.raises(ValueError, match="kaputt"):
        ForkedCall(fail).result()


def test_cancel_lets_the_child_clean_up(tmp_path):
    marker = tmp_path / "aufgeräumt"

    def work():
        try:
            time.sleep(60)
        finally:
            marker.write_text("ja")

    job = ForkedCall(work)
    time.sleep(0.3)
    t0 = time.monotonic()
    job.cancel()
    assert time.monotonic() - t0 < 5
    assert marker.read_text() == "ja"


def test_a_child_that_dies_is_reported():
    job = ForkedCall(lambda: os._exit(3))
    with pytest.raises(RuntimeError, match="exit code 3"):
        job.result()
    assert multiprocessing.active_children() == [] or all(not p.is_alive() for p in multiprocessing.active_children())
