"""Console output shared by the commands that build graphs (build, merge, extract)."""
from __future__ import annotations

from rich.console import Console

from egovkg.cli import err_console


def shown(text: str) -> str:
    """``text`` safe for a terminal: control and bidi characters of hostile file names are written
    as ``\\xNN``/``\\uNNNN`` escapes instead of being sent to the terminal."""
    return "".join(
        c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in text
    )


def print_skip(skipped) -> None:
    """One skipped input file with its reason, on stderr, as it is found."""
    err_console.print(shown(f"skipped {skipped.path}: {skipped.reason}"), markup=False, highlight=False,
                      soft_wrap=True)


def print_report(report) -> None:
    """Counts, written files and the summary of skipped files of a ``BuildReport``."""
    console = Console()
    if report.model:
        console.print(f"model: {report.model}", markup=False)
    if getattr(report, "cached", 0):
        console.print(f"{report.extracted} documents extracted, {report.cached} from the cache", markup=False)
    if getattr(report, "pruned", 0):
        console.print(f"{report.pruned} stale cache entries removed", markup=False)
    console.print(
        f"{report.documents} documents ({report.articles} articles, {report.teasers} teasers), "
        f"{report.entities} entities, {report.relations} relations, {report.fundings} fundings",
        markup=False,
    )
    for path in report.outputs:
        console.print(f"wrote {path}", markup=False)
    if report.skipped:
        err_console.print(f"{len(report.skipped)} file(s) skipped:", markup=False)
        for s in report.skipped:
            err_console.print(shown(f"  {s.path}: {s.reason}"), markup=False, highlight=False, soft_wrap=True)
