"""A read-only SPARQL 1.1 Protocol endpoint over a built graph, with the HTML view and a query page.

Routes:

* ``/sparql``: GET ``?query=``, POST ``application/x-www-form-urlencoded`` (``query=``) or
  ``application/sparql-query``; results as SPARQL JSON (default), XML, CSV or TSV by
  ``Accept`` (CONSTRUCT/DESCRIBE: Turtle, N-Triples, RDF/XML, JSON-LD).
* ``/``: the graph's HTML view (``graph.html`` of the build folder).
* ``/query``: a small offline query page (no CDN).

Queries are checked (:mod:`egovkg.graph.sparql_guard`: no Update, no ``SERVICE``, bounded size)
and run in killable worker processes with a time limit and a result cap
(:mod:`egovkg.graph.sparql_pool`).
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import AsyncIterator

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from egovkg.errors import EgovkgError
from egovkg.graph.sparql_guard import QueryRefused, check_query
from egovkg.graph.sparql_pool import GRAPH_FORMATS, RESULT_FORMATS, QueryPool
from egovkg.namespace import PREFIXES

TEMPLATES = Path(__file__).resolve().parent / "templates"
GRAPH_FILES = ("graph.trig", "graph.ttl", "graph.nt")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True)
class ServeSettings:
    """Limits of the endpoint.

    Attributes:
        timeout: Seconds a query may run.
        max_rows: Largest result (rows or triples).
        max_query_bytes: Largest accepted query text.
        workers: Query worker processes.
        memory_mb: Address-space limit per worker (None: unlimited).
    """

    timeout: float = 10.0
    max_rows: int = 10_000
    max_query_bytes: int = 20_000
    workers: int = 2
    memory_mb: int | None = 2048


def find_graph_file(folder: Path) -> Path:
    """The graph file of a build folder (TriG preferred: named graphs per document).

    Raises:
        EgovkgError: No graph file in ``folder``.
    """
    folder = Path(folder)
    if folder.is_file():
        return folder
    for name in GRAPH_FILES:
        if (folder / name).is_file():
            return folder / name
    raise EgovkgError(f"no graph.trig or graph.ttl in {folder}; run `egovkg build` first")


def _negotiate(accept: str, form: str) -> str:
    """Pick a result media type from an Accept header (first acceptable one wins)."""
    table = GRAPH_FORMATS if form in {"CONSTRUCT", "DESCRIBE"} else RESULT_FORMATS
    aliases = {"application/json": "application/sparql-results+json",
               "application/xml": "application/sparql-results+xml",
               "text/xml": "application/sparql-results+xml"}
    ranked = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, aliases.get(bits[0].lower(), bits[0].lower())))
    for _, _, media in sorted(ranked):
        if media in table:
            return media
    return next(iter(table))


def create_app(folder: Path, settings: ServeSettings | None = None, *,
               allowed_hosts: list[str] | None = None) -> Starlette:
    """The endpoint application for a build folder.

    Args:
        folder: Build output folder (``graph.trig``/``graph.ttl``, ``graph.html``) or a graph file.
        settings: Limits; defaults are :class:`ServeSettings`.
        allowed_hosts: Accepted ``Host`` headers (guards a loopback server against DNS
            rebinding); ``None`` accepts any.

    Returns:
        A Starlette app; its worker processes stop on application shutdown.
    """
    settings = settings or ServeSettings()
    folder = Path(folder)
    graph_file = find_graph_file(folder)
    html_view = (graph_file.parent / "graph.html")
    query_page = (TEMPLATES / "query.html").read_text(encoding="utf-8")
    state: dict[str, QueryPool] = {}

    def pool() -> QueryPool:
        if "pool" not in state:
            state["pool"] = QueryPool(
                graph_file, workers=settings.workers, timeout=settings.timeout,
                max_rows=settings.max_rows, memory_mb=settings.memory_mb,
                prefixes={k: str(v) for k, v in PREFIXES.items()},
            )
        return state["pool"]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await run_in_threadpool(pool)
        try:
            yield
        finally:
            if "pool" in state:
                state["pool"].close()

    async def sparql(request: Request) -> Response:
        try:
            query = await _read_query(request, settings.max_query_bytes)
            info = check_query(query, max_bytes=settings.max_query_bytes)
            media = _negotiate(request.headers.get("accept", ""), info.form)
            result = await run_in_threadpool(pool().run, query, media)
        except QueryRefused as exc:
            return PlainTextResponse(str(exc) + "\n", status_code=exc.status)
        headers = {"X-Result-Rows": str(result.rows), "Cache-Control": "no-store"}
        media_type = result.media_type + ("; charset=utf-8" if result.media_type.startswith("text/") else "")
        return Response(result.body, media_type=media_type, headers=headers)

    async def index(request: Request) -> Response:
        if html_view.is_file():
            return FileResponse(html_view, media_type="text/html; charset=utf-8")
        return HTMLResponse('<!doctype html><meta charset="utf-8"><title>egovkg</title>'
                            '<p>No graph.html in the build folder. <a href="/query">SPARQL-Abfrage</a></p>')

    async def query_html(request: Request) -> Response:
        return HTMLResponse(query_page, headers={
            "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
                                       "style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'",
            "X-Content-Type-Options": "nosniff",
        })

    routes = [
        Route("/", index),
        Route("/query", query_html),
        Route("/sparql", sparql, methods=["GET", "POST"]),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)] if allowed_hosts else []
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


async def _read_query(request: Request, max_bytes: int) -> str:
    """The query text of a SPARQL 1.1 Protocol request (GET, form POST or direct POST)."""
    if request.method == "GET":
        if "update" in request.query_params:
            raise QueryRefused("SPARQL Update is not allowed: this endpoint is read-only", 403)
        query = request.query_params.get("query")
    else:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > max_bytes * 4 + 1024:
            raise QueryRefused(f"request body is {length} bytes; the query limit is {max_bytes}", 413)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_bytes * 4 + 1024:  # form encoding may triple the size
                raise QueryRefused(f"request body exceeds the query limit of {max_bytes} bytes", 413)
        if ctype == "application/sparql-query":
            query = body.decode("utf-8", errors="replace")
        elif ctype == "application/x-www-form-urlencoded":
            from urllib.parse import parse_qs

            form = parse_qs(body.decode("ascii", errors="replace"))
            if "update" in form:
                raise QueryRefused("SPARQL Update is not allowed: this endpoint is read-only", 403)
            query = (form.get("query") or [None])[0]
        elif ctype == "application/sparql-update":
            raise QueryRefused("SPARQL Update is not allowed: this endpoint is read-only", 403)
        else:
            raise QueryRefused("POST needs Content-Type application/sparql-query or "
                               "application/x-www-form-urlencoded", 415)
    if not query:
        raise QueryRefused("missing query parameter")
    return query


def serve(folder: Path, *, host: str = "127.0.0.1", port: int = 8000,
          settings: ServeSettings | None = None) -> None:
    """Run the endpoint until interrupted (blocking).

    Raises:
        EgovkgError: No graph in ``folder``.
    """
    import uvicorn

    allowed = None
    if host in LOOPBACK_HOSTS:
        allowed = ["127.0.0.1", "localhost", "[::1]", "::1"]
    app = create_app(folder, settings, allowed_hosts=allowed)
    uvicorn.run(app, host=host, port=port, log_level="info")
