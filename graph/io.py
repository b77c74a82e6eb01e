"""Reading graph files and writing any output file atomically.

``atomic_write_bytes`` / ``atomic_write_text`` / ``atomic_path`` are the project's only way to
write an output: the data goes to a temporary file in the target folder, is flushed to disk and
then renamed over the target (``os.replace``), so an interrupted build leaves the previous file
intact and readers never see half a file.
"""
from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
from rdflib import Dataset, Graph

from egovkg.errors import EgovkgError
from egovkg.graph.oxi import TermConverter
from egovkg.namespace import PREFIXES

FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nquads": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}
"""File extension -> RDF syntax understood by :func:`load_graph` and :func:`rdf_format`."""


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it replaces ``path`` atomically.

    For writers that insist on a file name (``networkx.write_graphml``, pyvis). On an exception
    the temporary file is removed and ``path`` is left as it was.

    Args:
        path: The final file.

    Yields:
        The temporary file to write to (same folder, same suffix).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp: Path | None = None
    try:
        # The name is chosen before the file exists, so a Ctrl-C at any moment after its
        # creation (even before ``os.open`` returns) finds ``tmp`` set and removes the file.
        while True:
            tmp = path.parent / f".{path.name}.{secrets.token_hex(8)}.tmp{path.suffix}"
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                break
            except FileExistsError:
                continue
        os.close(fd)
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        raise


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file in the same folder + ``os.replace``).

    Returns:
        ``path`` as a ``Path``.
    """
    path = Path(path)
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
    return path


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically; newlines are written as given (no translation)."""
    return atomic_write_bytes(path, text.encode(encoding))


def rdf_format(path: str | Path) -> ox.RdfFormat:
    """The RDF syntax of a file, guessed from its extension.

    Raises:
        EgovkgError: The extension is not one of :data:`FORMATS`.
    """
    suffix = Path(path).suffix.lower()
    try:
        return FORMATS[suffix]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise EgovkgError(f"{path}: unknown RDF file extension {suffix!r} (known: {known})") from None


def _checked(path: str | Path) -> tuple[Path, ox.RdfFormat]:
    path = Path(path)
    fmt = rdf_format(path)
    if not path.is_file():
        raise EgovkgError(f"{path}: no such graph file")
    return path, fmt


def _parse_error(path: Path, fmt: ox.RdfFormat, exc: Exception) -> EgovkgError:
    if isinstance(exc, SyntaxError):
        where = f"line {exc.lineno}, column {exc.offset}: " if exc.lineno else ""
        return EgovkgError(f"{path}: not valid {fmt.name}: {where}{exc.msg}")
    return EgovkgError(f"{path}: cannot read graph file: {exc}")


def parse_quads(path: str | Path) -> list[ox.Quad]:
    """All quads of an RDF file, parsed by Oxigraph.

    Raises:
        EgovkgError: The file is missing, unreadable or not valid RDF (with line and column).
    """
    path, fmt = _checked(path)
    try:
        return list(ox.parse(path=str(path), format=fmt))
    except (SyntaxError, OSError, ValueError) as exc:
        raise _parse_error(path, fmt, exc) from None


def load_oxigraph(path: str | Path) -> ox.Store:
    """An in-memory Oxigraph store holding the quads of an RDF file (for fast SPARQL).

    Raises:
        EgovkgError: As :func:`parse_quads`.
    """
    path, fmt = _checked(path)
    store = ox.Store()
    try:
        store.load(path=str(path), format=fmt)
    except (SyntaxError, OSError, ValueError) as exc:
        raise _parse_error(path, fmt, exc) from None
    return store


def load_graph(path: str | Path) -> Dataset:
    """Load a graph file of any RDF syntax (format guessed from the extension).

    Oxigraph parses; the quads are then put into an rdflib ``Dataset`` whose default graph is
    the union of all graphs, so triple patterns see everything while named graphs (TriG,
    N-Quads) are kept.

    Args:
        path: ``.ttl``, ``.trig``, ``.nt``, ``.nq``, ``.jsonld``, ``.rdf``/``.xml``/``.owl`` or ``.n3``.

    Returns:
        The dataset, with the project prefixes bound.

    Raises:
        EgovkgError: Missing file, unknown extension, or a syntax error (line and column named).
    """
    quads = parse_quads(path)
    ds = Dataset(default_union=True)
    for prefix, iri in PREFIXES.items():
        ds.bind(prefix, str(iri), override=True, replace=True)
    conv = TermConverter()
    graphs: dict[object, Graph] = {}
    for q in quads:
        gname = q.graph_name
        key = None if isinstance(gname, ox.DefaultGraph) else gname
        g = graphs.get(key)
        if g is None:
            g = graphs[key] = ds.default_graph if key is None else ds.graph(conv.to_rdflib(key))
        g.add((conv.to_rdflib(q.subject), conv.to_rdflib(q.predicate), conv.to_rdflib(q.object)))
    return ds
