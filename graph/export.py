"""Writing the graph files: serialisation only, every file atomic and deterministic.

Turtle, TriG and JSON-LD are written by Oxigraph from triples/quads sorted here, so the same
dataset always gives byte-identical files (no blank nodes are ever made, see ``graph.rdf``).
GraphML and GEXF come from the NetworkX view, the HTML from ``egovkg.graph.html``; both are
derived from the same RDF union triples (read through ``graph.triple_index``). For large
graphs the RDF files are written by two forked processes while this one writes the others.
"""
from __future__ import annotations

import io
import logging
import re
import time
import warnings
from pathlib import Path
from typing import Callable, Iterable, Iterator

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from egovkg.graph.io import atomic_write_bytes
from egovkg.graph.oxi import Quad, RankedQuads, TermConverter, ox_quads, ox_triples
from egovkg.namespace import PREFIXES

log = logging.getLogger(__name__)

UNPREFIXED = ("id",)
"""Prefixes declared in Turtle/TriG but not used for abbreviation: resource IRIs contain a
slash, which a prefixed name could only write escaped (``id:municipality\\/ahaus``), so they are
written as full IRIs (ONTOLOGY.md) while the prefix stays declared for people editing queries."""


def _prefix_header() -> bytes:
    return "".join(f"@prefix {n}: <{iri}> .\n" for n, iri in PREFIXES.items()).encode("utf-8")


def _ox_prefixes() -> dict[str, str]:
    return {k: str(v) for k, v in PREFIXES.items() if k not in UNPREFIXED}


def _with_prefixes(body: bytes) -> bytes:
    """Replace Oxigraph's prefix block (its order is not ours to rely on) with ours, in
    ``PREFIXES`` order."""
    lines = body.split(b"\n")
    i = 0
    while i < len(lines) and lines[i].startswith(b"@prefix "):
        i += 1
    return _prefix_header() + b"\n".join(lines[i:])


def sort_quads(quads: Iterable[Quad]) -> tuple[list[Quad], list[tuple[Node, Node, Node]]]:
    """Distinct quads, and the distinct union triples, each in a stable order.

    Quads sort by graph, subject, predicate, object (the default graph is ``None`` and comes
    first); triples by subject, predicate, object; ``rdf:type`` comes first among predicates
    (:class:`~egovkg.graph.oxi.RankedQuads`).
    """
    ranked = RankedQuads.of(quads)
    return ranked.rdflib_quads(), ranked.rdflib_triples()


def quads_of(dataset: Dataset) -> Iterator[Quad]:
    """The quads of an rdflib ``Dataset``, its default graph named ``None``."""
    for s, p, o, g in dataset.quads((None, None, None, None)):
        yield s, p, o, None if g is None or g == DATASET_DEFAULT_GRAPH_ID else g


def sorted_quads_and_triples(dataset: Dataset) -> tuple[list[Quad], list[tuple[Node, Node, Node]]]:
    """:func:`sort_quads` of every quad of the dataset."""
    return sort_quads(quads_of(dataset))


def sorted_quads(dataset: Dataset) -> list[Quad]:
    """Every quad of the dataset in a stable order (see :func:`sorted_quads_and_triples`)."""
    return sorted_quads_and_triples(dataset)[0]


def union_triples(quads: list[Quad]) -> list[tuple[Node, Node, Node]]:
    """The distinct triples of all graphs, sorted by subject, predicate, object."""
    return RankedQuads.of(quads).rdflib_triples()


def serialize_turtle(triples: Iterable[tuple[Node, Node, Node]] | list[ox.Triple],
                     conv: TermConverter | None = None) -> bytes:
    """Turtle of already sorted triples (rdflib or pyoxigraph), with the project prefixes."""
    body = ox.serialize(_as_ox(triples, ox_triples, conv), format=ox.RdfFormat.TURTLE, prefixes=_ox_prefixes())
    return _with_prefixes(body)


def serialize_trig(quads: Iterable[Quad] | list[ox.Quad], conv: TermConverter | None = None) -> bytes:
    """TriG (one block per named graph) of already sorted quads (rdflib ``(s, p, o, graph
    name)`` or pyoxigraph), with the project prefixes."""
    body = ox.serialize(_as_ox(quads, ox_quads, conv), format=ox.RdfFormat.TRIG, prefixes=_ox_prefixes())
    return _with_prefixes(body)


def serialize_jsonld(triples: Iterable[tuple[Node, Node, Node]] | list[ox.Triple],
                     conv: TermConverter | None = None) -> bytes:
    """JSON-LD (expanded form, full IRIs) of already sorted triples (rdflib or pyoxigraph)."""
    return ox.serialize(_as_ox(triples, ox_triples, conv), format=ox.RdfFormat.JSON_LD)


def _as_ox(items: Iterable, convert: Callable, conv: TermConverter | None) -> Iterable:
    """pyoxigraph triples/quads as they are; rdflib tuples converted in order."""
    items = list(items)
    if items and isinstance(items[0], (ox.Triple, ox.Quad)):
        return items
    return convert(items, conv)


def union_graph(triples: list[tuple[Node, Node, Node]]) -> Graph:
    """A plain rdflib ``Graph`` of the union triples, prefixes bound (for callers who want
    rdflib; the build itself reads the union through ``TripleIndex``)."""
    g = Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, str(iri), override=True, replace=True)
    g.addN((s, p, o, g) for s, p, o in triples)
    return g


def _graphml(view: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(view, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def _gexf(view: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_gexf(view, buf, encoding="utf-8", prettyprint=True)
    # networkx stamps today's date into <meta>; the attribute is optional, and without it the
    # same graph gives the same file on any day.
    return re.sub(rb' lastmodifieddate="[^"]*"', b"", buf.getvalue(), count=1)


def _write_html(graph: Graph, path: Path, view: nx.MultiDiGraph) -> Path | None:
    try:
        from egovkg.graph.html import write_html
    except ModuleNotFoundError as exc:
        if exc.name != "egovkg.graph.html":
            raise
        message = "graph.html skipped: egovkg.graph.html is not available yet"
        warnings.warn(message, RuntimeWarning, stacklevel=3)
        log.warning(message)
        return None
    return write_html(graph, path, view=view)  # atomic itself


def write_all(dataset: Dataset, out_dir: Path, timings: dict[str, float] | None = None) -> list[Path]:
    """:func:`write_quads` of an rdflib ``Dataset`` (what ``egovkg.graph.rdf.build_dataset``
    returns)."""
    return write_quads(quads_of(dataset), out_dir, timings)


PARALLEL_MIN_QUADS = 20_000
"""From this many quads on, and with more than one core, two forked processes write the RDF
files (one Turtle and JSON-LD, one TriG) while this one derives the NetworkX view, GraphML,
GEXF and the HTML (the three parts take about as long; below this size a fork costs more than
it saves)."""

def _union_files(ranked: RankedQuads, out_dir: Path) -> tuple[list[Path], dict[str, float]]:
    """Write graph.ttl and graph.jsonld (the union triples); the paths and the seconds of each."""
    t0 = time.perf_counter()
    triples = ranked.ox_triples(TermConverter())
    timings = {"export:rdf terms": time.perf_counter() - t0}
    written = []
    for name, fn in (("ttl", serialize_turtle), ("jsonld", serialize_jsonld)):
        t0 = time.perf_counter()
        written.append(atomic_write_bytes(out_dir / f"graph.{name}", fn(triples)))
        timings[f"export:{name}"] = time.perf_counter() - t0
    return written, timings


def _trig_file(ranked: RankedQuads, out_dir: Path) -> tuple[list[Path], dict[str, float]]:
    """Write graph.trig (the named graphs); the path and the seconds."""
    t0 = time.perf_counter()
    quads = ranked.ox_quads(TermConverter())
    timings = {"export:rdf terms": time.perf_counter() - t0}
    t0 = time.perf_counter()
    written = [atomic_write_bytes(out_dir / "graph.trig", serialize_trig(quads))]
    timings["export:trig"] = time.perf_counter() - t0
    return written, timings


def _use_fork(ranked: RankedQuads, parallel: bool | None) -> bool:
    from egovkg.workers import can_fork, default_workers

    if not can_fork():
        return False
    if parallel is None:

        return default_workers() > 1 and len(ranked.quads) >= PARALLEL_MIN_QUADS
    return parallel


def write_quads(
    quads: Iterable[Quad], out_dir: Path, timings: dict[str, float] | None = None, *, parallel: bool | None = None,
) -> list[Path]:
    """Write ``graph.ttl``, ``graph.trig``, ``graph.jsonld``, ``graph.graphml``, ``graph.gexf``
    and ``graph.html`` into ``out_dir``.

    ``graph.ttl`` and ``graph.jsonld`` hold the union of all document graphs (Evidence and
    Fundings included), ``graph.trig`` the named graph of each document. The NetworkX view
    (GraphML, GEXF) and the HTML are derived from the same union triples. Each file is written
    atomically; the same quads always give byte-identical files, in parallel or not.

    Args:
        quads: ``(s, p, o, graph name)`` rdflib terms, ``None`` naming the default graph
            (``egovkg.graph.rdf.dataset_quads``); any order, duplicates allowed.
        out_dir: Created if missing.
        timings: If given, gets the seconds of each step (``export:ttl``, ``export:trig``, ...;
            in parallel mode the RDF steps overlap the others).
        parallel: Write the RDF files in two forked processes meanwhile; None (default) decides
            by size and cores (:data:`PARALLEL_MIN_QUADS`). Without ``fork`` (macOS, Windows)
            everything runs in this process.

    Returns:
        The files written, in the order above.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    timings = timings if timings is not None else {}

    def step(name: str, fn: Callable[[], object]) -> object:
        t0 = time.perf_counter()
        try:
            return fn()
        finally:
            timings[f"export:{name}"] = timings.get(f"export:{name}", 0.0) + time.perf_counter() - t0

    ranked: RankedQuads = step("sort", lambda: RankedQuads.of(quads))  # type: ignore[assignment]
    halves = (_union_files, _trig_file)
    if _use_fork(ranked, parallel):
        from egovkg.workers import ForkedCall

        jobs: list[ForkedCall] = []
        try:  # the children inherit ``ranked``; the three processes write at once
            jobs += [ForkedCall(lambda half=half: half(ranked, out_dir)) for half in halves]
            view_written = _view_files(ranked, out_dir, step)
            results = [job.result() for job in jobs]
        except BaseException:
            for job in jobs:
                job.cancel()
            raise
    else:
        results = [half(ranked, out_dir) for half in halves]
        view_written = _view_files(ranked, out_dir, step)
    (union_written, union_timings), (trig_written, trig_timings) = results
    rdf_written = [union_written[0], *trig_written, union_written[1]]  # ttl, trig, jsonld
    rdf_timings: dict[str, float] = {}
    for part in (union_timings, trig_timings):
        for name, seconds in part.items():
            rdf_timings[name] = rdf_timings.get(name, 0.0) + seconds
    for name, seconds in rdf_timings.items():
        timings[name] = timings.get(name, 0.0) + seconds
    return rdf_written + view_written


def _view_files(ranked: RankedQuads, out_dir: Path, step: Callable) -> list[Path]:
    """GraphML, GEXF and HTML from the NetworkX view of the union triples."""
    from egovkg.graph.nxview import flatten, to_networkx
    from egovkg.graph.triple_index import TripleIndex

    union = step("networkx", lambda: TripleIndex.from_ids(ranked.terms, ranked.triples))
    full: nx.MultiDiGraph = step("networkx", lambda: to_networkx(union))
    flat: nx.MultiDiGraph = step("networkx", lambda: flatten(full))
    written = [step("graphml", lambda: atomic_write_bytes(out_dir / "graph.graphml", _graphml(flat))),
               step("gexf", lambda: atomic_write_bytes(out_dir / "graph.gexf", _gexf(flat)))]
    html = step("html", lambda: _write_html(union, out_dir / "graph.html", full))
    if html is not None:
        written.append(html)
    return written
