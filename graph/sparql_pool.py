"""SPARQL queries over the built graph in worker processes that can be killed.

pyoxigraph releases the GIL while it evaluates, so a slow query in one thread does not delay a
fast one in another; but a running pyoxigraph query cannot be cancelled: a thread running a
cross product keeps burning a core after its client has gone. So each query runs in one of a
few worker processes (each holding its own in-memory copy of the graph); a query that is not
done within the time limit has its worker killed and replaced, and the client gets a timeout.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from egovkg.graph.sparql_guard import QueryRefused

RESULT_FORMATS: dict[str, str] = {
    "application/sparql-results+json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
"""Media types of SELECT/ASK results and the pyoxigraph ``QueryResultsFormat`` they map to."""

GRAPH_FORMATS: dict[str, str] = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON_LD",
}
"""Media types of CONSTRUCT/DESCRIBE results and their pyoxigraph ``RdfFormat``."""


@dataclass(frozen=True)
class QueryResult:
    """A serialised answer."""

    body: bytes
    media_type: str
    rows: int


class QueryTimeout(QueryRefused):
    """The query did not finish within the time limit (its worker was killed)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"query stopped after the time limit of {seconds:g} s", 503)


def _load_store(graph_file: str):
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=graph_file, format=ox.RdfFormat.from_extension(Path(graph_file).suffix[1:]))
    return store


def _limit_memory(memory_mb: int | None) -> None:
    if not memory_mb:
        return
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform
        pass


def _serialise(result, media_type: str, max_rows: int) -> QueryResult:
    import pyoxigraph as ox

    if isinstance(result, ox.QueryTriples):
        triples = []
        for triple in result:
            triples.append(triple)
            if len(triples) > max_rows:
                raise QueryRefused(f"result has more than {max_rows} triples; add a LIMIT", 413)
        fmt = media_type if media_type in GRAPH_FORMATS else "text/turtle"
        body = ox.serialize(triples, format=getattr(ox.RdfFormat, GRAPH_FORMATS[fmt]))
        return QueryResult(body or b"", fmt, len(triples))
    fmt = media_type if media_type in RESULT_FORMATS else "application/sparql-results+json"
    rf = getattr(ox.QueryResultsFormat, RESULT_FORMATS[fmt])
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(result.serialize(format=rf), fmt, 1)
    variables = result.variables
    solutions = []
    for solution in result:
        solutions.append(solution)
        if len(solutions) > max_rows:
            raise QueryRefused(f"result has more than {max_rows} rows; add a LIMIT", 413)
    body = _solutions_bytes(variables, solutions, rf)
    return QueryResult(body, fmt, len(solutions))


def _solutions_bytes(variables, solutions, rf) -> bytes:
    """Serialise collected solutions (counted against the row cap) in the requested format.

    pyoxigraph cannot build ``QuerySolutions`` from Python, so the rows are written as SPARQL
    JSON (exact for terms); other formats are produced by pyoxigraph from that JSON.
    """
    import json

    import pyoxigraph as ox

    def term(t) -> dict:
        if isinstance(t, ox.NamedNode):
            return {"type": "uri", "value": t.value}
        if isinstance(t, ox.BlankNode):
            return {"type": "bnode", "value": t.value}
        if isinstance(t, ox.Literal):
            d = {"type": "literal", "value": t.value}
            if t.language:
                d["xml:lang"] = t.language
            elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                d["datatype"] = t.datatype.value
            return d
        return {"type": "literal", "value": str(t)}  # quoted triples: rare, shown as text

    names = [v.value for v in variables]
    rows = []
    for s in solutions:
        row = {}
        for name in names:
            value = s[name]
            if value is not None:
                row[name] = term(value)
        rows.append(row)
    doc = json.dumps({"head": {"vars": names}, "results": {"bindings": rows}}, ensure_ascii=False).encode()
    if rf == ox.QueryResultsFormat.JSON:
        return doc
    parsed = ox.parse_query_results(doc, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=rf)


def _worker_main(conn: Connection, graph_file: str, prefixes: dict[str, str], union: bool,
                 memory_mb: int | None) -> None:
    """Loop of one worker process: receive ``(query, media_type, max_rows)``, answer."""
    _limit_memory(memory_mb)
    store = _load_store(graph_file)
    conn.send(("ready",))
    while True:
        try:
            query, media_type, max_rows = conn.recv()
        except EOFError:
            return
        try:
            result = store.query(query, prefixes=prefixes, use_default_graph_as_union=union)
            conn.send(("ok", _serialise(result, media_type, max_rows)))
        except QueryRefused as exc:
            conn.send(("refused", exc.status, str(exc)))
        except SyntaxError as exc:
            conn.send(("refused", 400, f"syntax error: {exc}"))
        except MemoryError:
            conn.send(("refused", 503, "query needs more memory than this endpoint allows"))
        except Exception as exc:  # noqa: BLE001 - evaluation errors go back to the client
            conn.send(("refused", 400, f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, ctx, args: tuple) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, *args), daemon=True)
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not self.conn.poll(0.1):
            if not self.proc.is_alive() or time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"SPARQL worker did not start (exit code {self.proc.exitcode})")
        try:
            msg = self.conn.recv()
        except EOFError:
            msg = None
        if msg != ("ready",):
            self.kill()
            raise RuntimeError(f"SPARQL worker failed to start: {msg!r}")

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryPool:
    """A fixed number of worker processes answering SPARQL queries with a time limit.

    Args:
        graph_file: Turtle/TriG/N-Triples file of the built graph.
        workers: Worker processes (queries answered in parallel).
        timeout: Seconds a query may run before its worker is killed.
        max_rows: Largest result (rows or triples); larger results are refused (413).
        prefixes: Prefixes predeclared for every query.
        memory_mb: Address-space limit of each worker (POSIX only; None: unlimited).
    """

    def __init__(self, graph_file: Path, *, workers: int = 2, timeout: float = 10.0,
                 max_rows: int = 10_000, prefixes: dict[str, str] | None = None,
                 memory_mb: int | None = 2048) -> None:
        self.timeout, self.max_rows = timeout, max_rows
        union = graph_file.suffix.lower() in {".trig", ".nq"}
        self._args = (str(graph_file), dict(prefixes or {}), union, memory_mb)
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self.killed = 0
        started = [_Worker(self._ctx, self._args) for _ in range(max(1, workers))]
        for w in started:
            w.wait_ready(120)
            self._idle.put(w)
        self._workers = set(started)

    def run(self, query: str, media_type: str) -> QueryResult:
        """Answer one query (blocking; call it from a thread).

        Raises:
            QueryRefused: syntax error (400), too many rows (413), no free worker or time limit
                exceeded (503, :class:`QueryTimeout`).
        """
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryRefused("all query workers are busy; try again", 503) from None
        try:
            worker.conn.send((query, media_type, self.max_rows))
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker)
                worker = None
                raise QueryTimeout(self.timeout)
            msg = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            worker = None
            raise QueryRefused("the query worker died (out of memory?)", 503) from None
        finally:
            if worker is not None:
                self._idle.put(worker)
        if msg[0] == "ok":
            return msg[1]
        raise QueryRefused(msg[2], msg[1])

    def _replace(self, worker: _Worker | None) -> None:
        if worker is None:
            return
        worker.kill()
        with self._lock:
            self.killed += 1
            self._workers.discard(worker)
            if self._closed:
                return
            fresh = _Worker(self._ctx, self._args)
            self._workers.add(fresh)
        threading.Thread(target=self._ready_then_idle, args=(fresh,), daemon=True).start()

    def _ready_then_idle(self, worker: _Worker) -> None:
        try:
            worker.wait_ready(120)
        except RuntimeError:
            return
        self._idle.put(worker)

    def close(self) -> None:
        """Stop all workers."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
        for w in workers:
            w.kill()
