"""``egovkg build``: files and folders in, graph files out."""
from __future__ import annotations

from pathlib import Path
from typing import List

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from egovkg.cli import app, err_console
from egovkg.errors import EgovkgError


def shown(text: str) -> str:
    """``text`` safe for a terminal: control and bidi characters of hostile file names are written
    as ``\\xNN``/``\\uNNNN`` escapes instead of being sent to the terminal."""
    return "".join(
        c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in text
    )


@app.command()
def build(
    paths: List[Path] = typer.Argument(..., help="Article files (.txt, .html, .pdf) or folders, read recursively."),
    out: Path = typer.Option(Path("exports"), "--out", "-o", help="Output folder for graph.ttl, graph.html, ..."),
    model: str = typer.Option(
        "auto", "--model", "-m",
        help="auto (de_core_news_lg if installed, else rules), rules, a spaCy package name or a pipeline folder.",
    ),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes for NER and extraction."),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any file was skipped."),
    cache: Path = typer.Option(
        None, "--cache", help="Folder of the per-document extraction cache (default: OUT/.cache).",
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Extract every document again; no cache is read or written."),
) -> None:
    """Build the knowledge graph of PATHS into OUT (graph.ttl, graph.trig, graph.html, ...)."""
    from egovkg.pipeline import build as run_build

    def on_skip(skipped) -> None:
        err_console.print(shown(f"skipped {skipped.path}: {skipped.reason}"), markup=False, highlight=False, soft_wrap=True)

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        cache_dir = None if no_cache else (cache or out / ".cache")
        report = run_build(paths, out, model=model, workers=workers, cache_dir=cache_dir, on_skip=on_skip,
                           progress=progress)
    console = Console()
    console.print(f"model: {report.model}", markup=False)
    if report.cached:
        console.print(f"{report.extracted} documents extracted, {report.cached} from the cache", markup=False)
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
        if strict:
            raise EgovkgError(f"--strict: {len(report.skipped)} file(s) skipped")
