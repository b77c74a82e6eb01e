"""``egovkg build``: files and folders in, graph files out."""
from __future__ import annotations

import gc
from pathlib import Path
from typing import List, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from egovkg.cli import app, err_console
from egovkg.cli.report import print_report, print_skip
from egovkg.errors import EgovkgError


@app.command()
def build(
    paths: List[Path] = typer.Argument(..., help="Article files (.txt, .html, .pdf) or folders, read recursively."),
    out: Path = typer.Option(Path("exports"), "--out", "-o", help="Output folder for graph.ttl, graph.html, ..."),
    model: str = typer.Option(
        "auto", "--model", "-m",
        help="auto (de_core_news_lg if installed, else rules), rules, a spaCy package name or a pipeline folder.",
    ),
    workers: Optional[int] = typer.Option(
        None, "--workers", "-w", min=1, show_default=False,
        help="Processes for NER and extraction (default: one per CPU core, at most 8).",
    ),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any file was skipped."),
    cache: Path = typer.Option(
        None, "--cache",
        help="Folder of the per-document extraction cache (default: OUT/.cache, which keeps only this corpus's "
             "entries; a folder given here is never pruned).",
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Extract every document again; no cache is read or written."),
) -> None:
    """Build the knowledge graph of PATHS into OUT (graph.ttl, graph.trig, graph.html, ...)."""
    from egovkg.pipeline import build as run_build

    from egovkg.entry import process_ends_with_command

    if process_ends_with_command():
        # The build pauses the cycle collector and turns it back on when it ends; its first pass
        # would then scan every object made meanwhile (0.1 s after a 2k build) in a process about
        # to end. Off for good, the build leaves it off (its worker processes still collect).
        gc.disable()

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
        # OUT/.cache belongs to OUT: it keeps this corpus only. A --cache folder may be shared.
        report = run_build(paths, out, model=model, workers=workers, cache_dir=cache_dir, on_skip=print_skip,
                           progress=progress, prune_cache=cache is None)
    print_report(report)
    if report.skipped and strict:
        raise EgovkgError(f"--strict: {len(report.skipped)} file(s) skipped")
