"""``egovkg network``, ``egovkg path``, ``egovkg neighbours``: the analyst's view of the graph."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from egovkg.cli import app

GRAPH_HELP = "Graph file (.ttl, .trig, ...) or a build folder holding graph.trig/graph.ttl."


def _load(graph: Path):
    from egovkg.graph.network import open_graph, view_of

    rdf = open_graph(graph)
    return rdf, view_of(rdf)


def _cells(*values: object) -> list[Text]:
    """Table cells as plain text: labels and sentences come from articles, never markup."""
    return [Text(str(v)) for v in values]


def _euro(value) -> str:
    return f"{value:,.2f} €".replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


@app.command()
def network(
    graph: Path = typer.Argument(..., help=GRAPH_HELP),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder for cooperation_edges.csv, centrality.csv, communities.csv, network.json."),
    top: int = typer.Option(10, "--top", "-n", min=1, help="How many central actors and links to print."),
) -> None:
    """Cooperation network of GRAPH: links, the most central actors and communities."""
    from egovkg.graph.network import analyse, write_report

    _rdf, view = _load(graph)
    report = analyse(view)
    console = Console()
    links = Table("A", "B", "Art", "über", "Gewicht", title=f"Kooperationen ({len(report.edges)})")
    for e in report.edges[:top]:
        links.add_row(*_cells(e["a"], e["b"], e["kinds"], e["via"], e["weight"]))
    console.print(links)
    central = Table("Akteur", "Typ", "Grad", "Betweenness", title=f"Zentrale Akteure (Top {top})")
    for c in report.central[:top]:
        central.add_row(*_cells(c.label, c.type, c.degree, f"{c.betweenness:.3f}"))
    console.print(central)
    groups = Table("Nr.", "Größe", "Mitglieder", title=f"Gemeinschaften (Louvain, {len(report.communities)})")
    for c in report.communities:
        groups.add_row(*_cells(c.id, c.size, ", ".join(c.members)))
    console.print(groups)
    if out is not None:
        for path in write_report(report, out):
            console.print(f"wrote {path}", markup=False, highlight=False)


@app.command()
def path(
    graph: Path = typer.Argument(..., help=GRAPH_HELP),
    source: str = typer.Argument(..., metavar="A", help="Name (any label, case/umlaut-insensitive) or IRI."),
    target: str = typer.Argument(..., metavar="B", help="Name or IRI."),
) -> None:
    """How A and B are connected: the shortest chain of relations, with evidence per hop."""
    from egovkg.graph.lookup import NameIndex
    from egovkg.graph.paths import shortest_path

    rdf, view = _load(graph)
    names = NameIndex(rdf)
    a, b = names.find(source), names.find(target)
    hops = shortest_path(view, rdf, a.iri, b.iri)
    console = Console(highlight=False)
    console.print(f"{a.label} → {b.label}: {len(hops)} Schritt(e)", markup=False)
    for i, hop in enumerate(hops, start=1):
        for link in hop.links:
            arrow = f"—{link.predicate}→" if link.forward else f"←{link.predicate}—"
            role = f" ({', '.join(link.roles)})" if link.roles else ""
            console.print(f"{i}. {hop.source_label} {arrow} {hop.target_label}{role}", markup=False)
            if link.sentence:
                console.print(f"   „{link.sentence}“", markup=False)
                console.print(f"   {link.title or link.document} [{link.date or 'ohne Datum'}]"
                              f"{f' (+{link.evidence_count - 1} weitere Belege)' if link.evidence_count > 1 else ''}",
                              markup=False)
            else:
                console.print("   (kein Beleg im Graphen)", markup=False)


@app.command()
def neighbours(
    graph: Path = typer.Argument(..., help=GRAPH_HELP),
    name: str = typer.Argument(..., metavar="X", help="Name (any label, case/umlaut-insensitive) or IRI."),
    depth: int = typer.Option(1, "--depth", "-d", min=1, help="Relation hops from X."),
) -> None:
    """Everything linked to X within DEPTH hops, with roles, and the fundings X gives or receives."""
    from egovkg.graph.lookup import NameIndex
    from egovkg.graph.paths import neighbourhood

    rdf, view = _load(graph)
    centre = NameIndex(rdf).find(name)
    hood = neighbourhood(view, rdf, centre.iri, depth)
    console = Console()
    table = Table("Abstand", "Akteur", "Typ", "Beziehung", title=escape(f"Umfeld von {hood.label} (Tiefe {depth})"))

    def label(iri: str) -> str:
        return str(view.nodes[iri].get("label", iri))

    for n in hood.neighbours:
        rels = "; ".join(
            f"{label(l.subject)} —{l.predicate}→ {label(l.object)}" + (f" ({', '.join(l.roles)})" if l.roles else "")
            for l in n.links
        )
        table.add_row(*_cells(n.distance, n.label, n.type, rels))
    console.print(table)
    if hood.fundings:
        money = Table("Richtung", "Gegenüber", "Betrag", "Programm", "Datum", title="Förderungen")
        for f in hood.fundings:
            money.add_row(*_cells(f.direction, f.counterpart, f.amount_text, f.programme, f.date))
        console.print(money)
        for direction, t in sorted(hood.totals().items()):
            console.print(f"{direction}: {int(t['count'])} Förderung(en), genau {_euro(t['exact'])}, "
                          f"mit Obergrenzen bis zu {_euro(t['upper'])}", markup=False, highlight=False)
