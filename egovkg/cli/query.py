"""``egovkg query``: SPARQL over a graph file, printed as a table, CSV or JSON."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from egovkg.cli import app


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def query(
    graph: Path = typer.Argument(..., help="Graph file (.ttl, .trig, .nt, .nq, .jsonld, .rdf)."),
    sparql: str = typer.Argument(..., metavar="QUERY", help="SPARQL text or a .rq file (prefixes egov:, id:, skos: ... are predeclared)."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="table, csv or json (SPARQL 1.1 results)."),
) -> None:
    """Run a SPARQL QUERY on GRAPH (SERVICE and updates are refused)."""
    from egovkg.graph.query import run_query, to_csv, to_json, to_table

    result = run_query(graph, sparql)
    if fmt is OutputFormat.csv:
        sys.stdout.write(to_csv(result))
    elif fmt is OutputFormat.json:
        sys.stdout.write(to_json(result))
    else:
        Console().print(to_table(result))
        if result.kind != "ask":
            Console(stderr=True).print(f"{len(result.rows)} row(s)", markup=False, highlight=False)
