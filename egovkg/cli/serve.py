"""``egovkg serve``: a read-only SPARQL endpoint, the HTML view and a query page for a build."""
from __future__ import annotations

from pathlib import Path

import typer

from egovkg.cli import app, err_console


@app.command()
def serve(
    folder: Path = typer.Argument(..., help="Build folder (graph.trig or graph.ttl, graph.html) or a graph file."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind; the default is loopback only."),
    port: int = typer.Option(8000, "--port", "-p", min=1, max=65535),
    timeout: float = typer.Option(10.0, "--timeout", min=0.1, help="Seconds a query may run before it is stopped."),
    max_rows: int = typer.Option(10_000, "--max-rows", min=1, help="Largest result (rows or triples)."),
    max_query_bytes: int = typer.Option(20_000, "--max-query-bytes", min=100, help="Largest accepted query."),
    workers: int = typer.Option(2, "--workers", "-w", min=1, help="Query worker processes."),
) -> None:
    """Serve FOLDER: SPARQL at /sparql, the graph view at /, a query page at /query."""
    from egovkg.graph.serve import ServeSettings, find_graph_file, serve as run

    settings = ServeSettings(timeout=timeout, max_rows=max_rows, max_query_bytes=max_query_bytes, workers=workers)
    graph_file = find_graph_file(folder)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"warning: listening on {host}, reachable from other machines", markup=False)
    err_console.print(f"serving {graph_file} at http://{host}:{port}/ (SPARQL: /sparql, query page: /query)",
                      markup=False, highlight=False)
    run(folder, host=host, port=port, settings=settings)
