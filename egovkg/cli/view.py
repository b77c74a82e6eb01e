"""``egovkg view``: the interactive HTML view or a static picture of a built graph."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from egovkg.cli import app


@app.command()
def view(
    graph: Path = typer.Argument(..., help="Graph file (.ttl, .trig, .jsonld, .nt, .nq, .rdf)."),
    out: Path = typer.Option(Path("view.html"), "--out", "-o", help="Output file."),
    fmt: str = typer.Option("html", "--format", "-f", help="html (interactive, offline), svg or png (static picture)."),
    focus: Optional[str] = typer.Option(None, "--focus", help="Show the ego network of the entity with this name."),
    depth: int = typer.Option(2, "--depth", min=0, help="Radius of the ego network (hops)."),
    types: Optional[str] = typer.Option(None, "--types", help="Comma-separated entity types, e.g. Municipality,Organization."),
    title: str = typer.Option("egovkg", "--title", help="Heading of the page or picture."),
) -> None:
    """Write a view of GRAPH: an offline HTML page (search, type filter, evidence) or an SVG/PNG picture."""
    from egovkg.errors import EgovkgError
    from egovkg.graph.io import load_graph

    wanted = {t.strip() for t in types.split(",") if t.strip()} if types else None
    fmt = fmt.lower()
    if fmt not in {"html", "svg", "png"}:
        raise EgovkgError(f"unknown --format {fmt!r}; use html, svg or png")
    rdf = load_graph(graph)
    if fmt == "html":
        from egovkg.graph.html import write_html

        path = write_html(rdf, out, title=title, focus=focus, depth=depth, types=wanted)
    else:
        from egovkg.graph.picture import write_picture

        path = write_picture(rdf, out, fmt=fmt, title=title, focus=focus, depth=depth, types=wanted)
    typer.echo(f"wrote {path}")
