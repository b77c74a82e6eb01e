"""The ``egovkg`` command line: parses arguments, calls the library, maps errors.

Each command lives in a module of this package and registers itself on ``app``.
"""
from __future__ import annotations

import sys
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from egovkg import __version__
from egovkg.errors import EgovkgError

app = typer.Typer(
    name="egovkg",
    help="Knowledge graph of German e-government programmes built from news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"egovkg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Optional[bool] = typer.Option(
        None, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Knowledge graph of German e-government programmes built from news text."""


# Command modules register themselves on ``app`` when imported.
from egovkg.cli import build as _build  # noqa: E402,F401
from egovkg.cli import query as _query  # noqa: E402,F401
from egovkg.cli import view as _view  # noqa: E402,F401
from egovkg.cli import analysis as _analysis  # noqa: E402,F401
from egovkg.cli import serve as _serve  # noqa: E402,F401
from egovkg.cli import extract as _extract  # noqa: E402,F401


INTERRUPTED = "Interrupted; previous outputs are left intact."


def _by_ctrl_c(exc: BaseException | None) -> bool:
    """Whether ``exc`` was caused by Ctrl-C (typer turns ``KeyboardInterrupt`` into a silent
    ``Exit(130)``, so the interrupt is only visible in the exception chain)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def main() -> None:
    """Entry point: run the app; library errors and Ctrl-C become short messages."""
    try:
        app()
    except EgovkgError as exc:
        err_console.print(f"[bold red]Fehler/error:[/] {escape(str(exc))}", markup=True, highlight=False, soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:
        err_console.print(INTERRUPTED, markup=False)
        sys.exit(130)
    except SystemExit as exc:
        if exc.code == 130 and _by_ctrl_c(exc):
            err_console.print(INTERRUPTED, markup=False)
        raise
