"""``egovkg extract`` and ``egovkg merge``: the build split for batch jobs (docs/scaling.md)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from egovkg.cli import app
from egovkg.cli.report import print_report, print_skip


@app.command()
def extract(
    paths: List[Path] = typer.Argument(..., help="Article files (.txt, .html, .pdf) or folders, read recursively."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for one <doc_id>.json and .trig per document."),
    model: str = typer.Option("auto", "--model", "-m", help="As for egovkg build: auto, rules, a package or a folder."),
    workers: Optional[int] = typer.Option(
        None, "--workers", "-w", min=1, show_default=False,
        help="Processes for NER and extraction (default: one per CPU core, at most 8).",
    ),
    trig: bool = typer.Option(True, "--trig/--no-trig", help="Also write per-document TriG."),
) -> None:
    """Extract each document of PATHS into OUT (JSON for egovkg merge, TriG for a triple store)."""
    from egovkg.graph.merge import extract_files

    result = extract_files(paths, out, model=model, workers=workers, trig=trig, on_skip=print_skip)
    Console().print(f"model: {result.model}\n{result.documents} documents extracted into {out}", markup=False)


@app.command()
def merge(
    dirs: List[Path] = typer.Argument(..., help="Folders written by egovkg extract (read recursively)."),
    out: Path = typer.Option(Path("exports"), "--out", "-o", help="Output folder for graph.ttl, graph.html, ..."),
    allow_mixed: bool = typer.Option(False, "--allow-mixed", help="Merge outputs of different pipeline versions."),
) -> None:
    """Resolve entities across all extractions in DIRS and write the graph files into OUT."""
    from egovkg.graph.merge import merge_dirs

    report = merge_dirs(dirs, out, allow_mixed=allow_mixed)
    print_report(report)
