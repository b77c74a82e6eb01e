"""Console-script entry point. It installs a quiet Ctrl-C handler before anything heavy is
imported, so an interrupt during start-up ends with a short message, not a traceback."""
from __future__ import annotations

import signal
import sys

INTERRUPTED = "Interrupted; previous outputs are left intact."


def _quiet_interrupt(signum: int, frame: object) -> None:
    sys.stderr.write(INTERRUPTED + "\n")
    raise SystemExit(130)


def main() -> None:
    """Run the ``egovkg`` command line."""
    signal.signal(signal.SIGINT, _quiet_interrupt)
    from egovkg.cli import main as cli_main  # typer, rich, spaCy load from here on

    signal.signal(signal.SIGINT, signal.default_int_handler)  # the CLI handles KeyboardInterrupt itself
    cli_main()


if __name__ == "__main__":
    main()
