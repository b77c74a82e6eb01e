"""Child processes that never outlive the build that started them.

A build forks workers for NER (``egovkg.ingest.extract``) and one writer for the RDF files
(``egovkg.graph.export``). If the build itself is killed (SIGKILL, the OOM killer), a worker
blocked on its task queue would otherwise wait forever, keeping the terminal's pipes open.
:func:`die_with_parent` asks Linux to kill the worker with its parent; :class:`ForkedCall`
runs one function in such a child and hands back its result or its exception;
:func:`default_workers` is how many processes a build uses unless told otherwise. The module
imports nothing heavy, so the exporters can ask it without loading spaCy.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
from typing import Any, Callable

_PR_SET_PDEATHSIG = 1  # <sys/prctl.h>


def die_with_parent(parent_pid: int) -> None:
    """Have this process killed when its parent ``parent_pid`` dies (Linux; elsewhere a no-op).

    Call it first thing in a forked child. Should the parent already be gone, the child exits.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no libc/prctl: behave like other platforms
        return
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through the atomic writers, which remove their temp files


MAX_DEFAULT_WORKERS = 8
"""Each worker holds a pipeline and its own copy of what it touches; more rarely pay off."""


def default_workers() -> int:
    """Processes a build uses unless told otherwise: one per CPU this process may run on
    (``os.sched_getaffinity`` where it exists, so containers limited to fewer cores get fewer),
    at most :data:`MAX_DEFAULT_WORKERS`."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # macOS, Windows
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_DEFAULT_WORKERS))


def _run(fn: Callable[[], Any], parent_pid: int, send: Any) -> None:
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    signal.signal(signal.SIGTERM, _terminated)
    try:
        result: tuple[bool, Any] = (True, fn())
    except BaseException as exc:  # noqa: BLE001  handed to the parent, which raises it
        result = (False, exc)
    send.send(result)
    send.close()


def can_fork() -> bool:
    """Whether :class:`ForkedCall` works here (the ``fork`` start method exists)."""
    return "fork" in multiprocessing.get_all_start_methods()


def mp_context() -> multiprocessing.context.BaseContext:
    """``fork`` on Linux (children inherit what is loaded, warm), ``spawn`` elsewhere (macOS,
    Windows: children import and rebuild what they need)."""
    if sys.platform.startswith("linux") and can_fork():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class ForkedCall:
    """``fn()`` running in a forked child process (which inherits this process's memory).

    Args:
        fn: Called without arguments in the child; its result (or exception) must pickle.

    Raises:
        RuntimeError: the platform cannot fork.
    """

    def __init__(self, fn: Callable[[], Any]) -> None:
        if not can_fork():
            raise RuntimeError("ForkedCall needs the fork start method")
        ctx = multiprocessing.get_context("fork")
        self._recv, send = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_run, args=(fn, os.getpid(), send), daemon=True)
        self._proc.start()
        send.close()  # the child holds the sending end now

    def result(self) -> Any:
        """Wait for the child: its return value, or its exception raised here."""
        try:
            ok, value = self._recv.recv()
        except EOFError:
            self._proc.join()
            raise RuntimeError(f"the forked child process died (exit code {self._proc.exitcode})") from None
        finally:
            self._recv.close()
        self._proc.join()
        if not ok:
            raise value
        return value

    def alive(self) -> bool:
        """Whether the child is still running."""
        return self._proc.is_alive()

    def cancel(self, grace: float = 5.0) -> None:
        """Stop the child: SIGTERM (it unwinds, its atomic writers remove their temporary
        files), then SIGKILL if it is still running after ``grace`` seconds."""
        if self._proc.is_alive():
            self._proc.terminate()
            self._proc.join(grace)
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join()
        self._recv.close()
