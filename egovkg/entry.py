"""Console-script entry point. It installs a quiet Ctrl-C handler before anything heavy is
imported, so an interrupt during start-up ends with a short message, not a traceback.

Once a command has finished, the process ends without Python's teardown: after a build the
interpreter would spend 0.1-0.3 s freeing ~1,400 modules (spaCy, rdflib, networkx) and their
caches one object at a time, memory the operating system reclaims at once anyway. The same
trick as ``atexit.register(os._exit, 0)`` in large Python services, with the command's exit
status kept. Every other exit handler still runs first, and the output streams are flushed.
"""
from __future__ import annotations

import atexit
import os
import signal
import sys

INTERRUPTED = "Interrupted; previous outputs are left intact."

_exit_status: int | None = None
"""The finished command's exit status, set by :func:`main`; None while it runs, and if it ends
with an exception other than ``SystemExit`` (Python then exits as usual, traceback and all)."""

_in_console_script = False
"""True once :func:`main` runs: this process is the console script and ends with its command."""


def process_ends_with_command() -> bool:
    """Whether this process is the ``egovkg`` console script, which ends once its command has
    finished (not a test runner or notebook calling the CLI in-process)."""
    return _in_console_script


def _quiet_interrupt(signum: int, frame: object) -> None:
    sys.stderr.write(INTERRUPTED + "\n")
    raise SystemExit(130)


def _status(code: object) -> int:
    """The process exit status Python gives ``SystemExit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 1  # Python prints any other code to stderr (before the exit handlers) and exits 1


def _end_without_teardown() -> None:
    """Registered first, so it runs last of the exit handlers: end the finished command's
    process at once, with its exit status."""
    if _exit_status is None:
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # closed or broken (a pipe whose reader left): nothing to keep
            pass
    os._exit(_exit_status)


def main() -> None:
    """Run the ``egovkg`` command line (the console script: it ends the process)."""
    global _exit_status, _in_console_script
    _in_console_script = True
    signal.signal(signal.SIGINT, _quiet_interrupt)
    atexit.register(_end_without_teardown)
    from egovkg.cli import main as cli_main  # typer, rich, spaCy load from here on

    signal.signal(signal.SIGINT, signal.default_int_handler)  # the CLI handles KeyboardInterrupt itself
    try:
        cli_main()
    except SystemExit as exc:
        _exit_status = _status(exc.code)
        raise
    _exit_status = 0


if __name__ == "__main__":
    main()
