"""Writing the graph files: serialisation only, every file atomic and deterministic.

Turtle, TriG and JSON-LD are written from triples/quads sorted here, in Oxigraph's layout and
with Oxigraph's escaping of every term (``graph.rdf_text``), so the same dataset always gives
byte-identical files (no blank nodes are ever made, see ``graph.rdf``). GraphML and GEXF come
from the NetworkX view, the HTML from ``egovkg.graph.html``; both are derived from the same RDF
union triples (read through ``graph.triple_index``). For large graphs the RDF files are written
by a forked process while this one writes the others.
"""
from __future__ import annotations

import io
import logging
import re
import time
import warnings
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

import networkx as nx
from rdflib import RDF, Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from egovkg.graph.io import atomic_write_bytes
from egovkg.graph import rdf_text
from egovkg.graph.oxi import Quad, RankedQuads
from egovkg.graph.rdf_text import TermText
from egovkg.namespace import PREFIXES

log = logging.getLogger(__name__)

UNPREFIXED = ("id",)
"""Prefixes declared in Turtle/TriG but not used for abbreviation: resource IRIs contain a
slash, which a prefixed name could only write escaped (``id:municipality\\/ahaus``), so they are
written as full IRIs (ONTOLOGY.md) while the prefix stays declared for people editing queries."""


def _prefix_header() -> str:
    return "".join(f"@prefix {n}: <{iri}> .\n" for n, iri in PREFIXES.items())


def _ox_prefixes() -> dict[str, str]:
    return {k: str(v) for k, v in PREFIXES.items() if k not in UNPREFIXED}


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


def _numbered(rows: Iterable[tuple], order: tuple[int, ...]) -> tuple[list[Node | None], list[tuple[int, ...]]]:
    """Terms numbered by first appearance (0 is ``None``, the default graph) and the rows as
    numbers, columns taken in ``order``."""
    index: dict[Node | None, int] = {None: 0}
    put = index.setdefault
    numbered = [tuple(put(row[k], len(index)) for k in order) for row in rows]
    return list(index), numbered


def _term_text(terms: Sequence[Node | None]) -> TermText:
    return TermText(terms, _ox_prefixes())


def serialize_turtle(triples: Iterable[tuple[Node, Node, Node]]) -> bytes:
    """Turtle of already sorted triples, with the project prefixes (``egovkg.graph.rdf_text``:
    the layout Oxigraph writes)."""
    terms, rows = _numbered(triples, (0, 1, 2))
    return rdf_text.turtle(_prefix_header(), rows, _term_text(terms))


def serialize_trig(quads: Iterable[Quad]) -> bytes:
    """TriG (one block per named graph) of already sorted rdflib ``(s, p, o, graph name)``
    quads, the default graph (``None``) first, with the project prefixes."""
    terms, rows = _numbered(quads, (3, 0, 1, 2))
    return rdf_text.trig(_prefix_header(), rows, _term_text(terms))


def serialize_jsonld(triples: Iterable[tuple[Node, Node, Node]]) -> bytes:
    """JSON-LD (expanded form, full IRIs) of already sorted triples."""
    terms, rows = _numbered(triples, (0, 1, 2))
    return rdf_text.jsonld(rows, terms)


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
    """The bytes of ``nx.write_gexf(view, encoding="utf-8", prettyprint=True)`` without the date.

    networkx writes through a UTF-8 text wrapper that encodes each of tens of thousands of small
    pieces on its own; the same tree written to a string and encoded once (with the wrapper's
    ``xmlcharrefreplace``) gives the same bytes for a fraction of the work.
    """
    from xml.etree.ElementTree import ElementTree

    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(view)
    writer.indent(writer.xml)  # what ``GEXFWriter.write`` does before writing
    buf = io.StringIO()
    buf.write("<?xml version='1.0' encoding='utf-8'?>\n")  # ``xml_declaration=True`` in UTF-8
    ElementTree(writer.xml).write(buf, encoding="unicode")
    # networkx stamps today's date into <meta>; the attribute is optional, and without it the
    # same graph gives the same file on any day.
    text = re.sub(' lastmodifieddate="[^"]*"', "", buf.getvalue(), count=1)
    return text.encode("utf-8", "xmlcharrefreplace")


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
"""From this many quads on, and with more than one core, a forked process writes the RDF files
while this one derives the NetworkX view, GraphML, GEXF and the HTML (below this size a fork
costs more than it saves)."""


def _rdf_files(ranked: RankedQuads, out_dir: Path) -> tuple[list[Path], dict[str, float]]:
    """Write graph.ttl, graph.trig and graph.jsonld; the paths and the seconds of each step."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    terms = _term_text(ranked.terms)
    header = _prefix_header()
    timings["export:rdf terms"] = time.perf_counter() - t0
    written = []
    for name, make in (("ttl", lambda: rdf_text.turtle(header, ranked.triples, terms)),
                       ("trig", lambda: rdf_text.trig(header, ranked.quads, terms)),
                       ("jsonld", lambda: rdf_text.jsonld(ranked.triples, ranked.terms))):
        t0 = time.perf_counter()
        written.append(atomic_write_bytes(out_dir / f"graph.{name}", make()))
        timings[f"export:{name}"] = time.perf_counter() - t0
    return written, timings


def _use_fork(ranked: RankedQuads, parallel: bool | None) -> bool:
    from egovkg.workers import can_fork, default_workers

    if not can_fork():
        return False
    if parallel is None:
        return default_workers() > 1 and len(ranked.quads) >= PARALLEL_MIN_QUADS
    return parallel


def write_quads(
    quads: Iterable[Quad] | Mapping[Node | None, Iterable[tuple[Node, Node, Node]]], out_dir: Path,
    timings: dict[str, float] | None = None, *, parallel: bool | None = None,
) -> list[Path]:
    """Write ``graph.ttl``, ``graph.trig``, ``graph.jsonld``, ``graph.graphml``, ``graph.gexf``
    and ``graph.html`` into ``out_dir``.

    ``graph.ttl`` and ``graph.jsonld`` hold the union of all document graphs (Evidence and
    Fundings included), ``graph.trig`` the named graph of each document. The NetworkX view
    (GraphML, GEXF) and the HTML are derived from the same union triples. Each file is written
    atomically; the same quads always give byte-identical files, in parallel or not.

    Args:
        quads: ``(s, p, o, graph name)`` rdflib terms, ``None`` naming the default graph
            (``egovkg.graph.rdf.dataset_quads``), or the triples of each graph by graph name
            (``egovkg.graph.rdf.dataset_graphs``); any order, duplicates allowed.
        out_dir: Created if missing.
        timings: If given, gets the seconds of each step (``export:ttl``, ``export:trig``, ...;
            in parallel mode the RDF steps overlap the others).
        parallel: Write the RDF files in a forked process meanwhile; None (default) decides
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
    if _use_fork(ranked, parallel):
        from egovkg.workers import ForkedCall

        job = ForkedCall(lambda: _rdf_files(ranked, out_dir))  # inherits ``ranked``
        try:
            view_written = _view_files(ranked, out_dir, step)
            rdf_written, rdf_timings = job.result()
        except BaseException:
            job.cancel()
            raise
    else:
        rdf_written, rdf_timings = _rdf_files(ranked, out_dir)
        view_written = _view_files(ranked, out_dir, step)
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
