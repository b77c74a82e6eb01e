"""SPARQL over a graph file or an in-memory graph, and the result formats analysts take away.

Queries run on Oxigraph with the default graph as the union of all document graphs, and with
the project prefixes (``egov:``, ``id:``, ``skos:`` ...) predeclared: a query that declares a
prefix itself keeps its own. Federated queries (``SERVICE``) and SPARQL Update are refused
before anything runs; a syntax error names its line and column.

Formats: a rich table, CSV (cells that a spreadsheet would run as a formula are neutralised)
and SPARQL 1.1 Query Results JSON.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.term import Node

from egovkg.errors import EgovkgError
from egovkg.graph.io import load_oxigraph
from egovkg.graph.oxi import TermConverter, ox_quads
from egovkg.namespace import PREFIXES

QUERY_SUFFIXES = (".rq", ".sparql")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Cell starts a spreadsheet reads as a formula (OWASP "CSV injection")."""
MAX_QUERY_BYTES = 1_000_000

GraphSource = Union[str, Path, Graph, ox.Store]


@dataclass
class QueryResult:
    """The answer to a query.

    Attributes:
        kind: ``"select"``, ``"ask"`` or ``"graph"`` (CONSTRUCT/DESCRIBE: rows are triples).
        variables: Column names (without ``?``).
        rows: One tuple per solution, ``None`` for an unbound variable.
        boolean: The answer of an ASK query.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None

    def column(self, name: str) -> list[Node | None]:
        """All values of one variable."""
        i = self.variables.index(name)
        return [row[i] for row in self.rows]


def read_query(query: str | Path) -> str:
    """The SPARQL text of ``query``: the content of a ``.rq`` file, or ``query`` itself.

    Raises:
        EgovkgError: ``query`` names a query file that does not exist or cannot be read.
    """
    text = str(query)
    looks_like_path = "\n" not in text and "{" not in text
    try:
        is_file = looks_like_path and Path(text).is_file()
    except (OSError, ValueError):  # too long for a file name, NUL byte: it is query text
        is_file = False
    if is_file:
        try:
            return Path(text).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise EgovkgError(f"{text}: cannot read query file: {exc}") from None
    if looks_like_path and text.strip().lower().endswith(QUERY_SUFFIXES):
        raise EgovkgError(f"{text}: no such query file")
    return text


def check_query(text: str) -> str:
    """Refuse what must not run: SERVICE (the graph's host would fetch any URL), SPARQL Update.

    Returns:
        The query form (``SELECT``, ``CONSTRUCT``, ``ASK``, ``DESCRIBE``).

    Raises:
        EgovkgError: An update, a SERVICE clause, an empty or oversized query.
    """
    from egovkg.graph.sparql_guard import QueryRefused, check_query as guard

    try:
        return guard(text, max_bytes=MAX_QUERY_BYTES).form
    except QueryRefused as exc:
        raise EgovkgError(f"query refused: {exc}") from None


_DECLARED = re.compile(r"(?im)^\s*PREFIX\s+([A-Za-z][\w.-]*)?\s*:")


def declared_prefixes(text: str) -> set[str]:
    """Prefix names the query declares itself (``""`` for the empty prefix)."""
    return {m.group(1) or "" for m in _DECLARED.finditer(text)}


def default_prefixes(text: str) -> dict[str, str]:
    """The project prefixes the query does not declare itself."""
    own = declared_prefixes(text)
    return {k: str(v) for k, v in PREFIXES.items() if k not in own}


def with_prefixes(text: str) -> str:
    """The query with ``PREFIX`` lines for the project prefixes it lacks (for other engines).

    Note that the added lines shift line numbers; :func:`run_query` passes the prefixes to
    Oxigraph instead, so its error positions match the text as written.
    """
    head = "".join(f"PREFIX {k}: <{v}>\n" for k, v in default_prefixes(text).items())
    return head + text


def _syntax_error(exc: SyntaxError) -> EgovkgError:
    msg = str(exc)
    m = re.search(r"error at (\d+):(\d+):?\s*(.*)", msg, re.S)
    if m:
        return EgovkgError(f"SPARQL syntax error at line {m.group(1)}, column {m.group(2)}: {m.group(3)}")
    return EgovkgError(f"SPARQL syntax error: {msg}")


def _merge_into_default(store: ox.Store) -> ox.Store:
    """Put the RDF merge of all graphs into the default graph, once per distinct triple.

    Oxigraph's "default graph as union" yields a triple once per named graph holding it
    (so ``COUNT`` would depend on how many documents repeat a label); the merged default
    graph is a set, as SPARQL over the union is expected to be.
    """
    default = ox.DefaultGraph()
    if any(True for _ in store.named_graphs()):
        store.extend([ox.Quad(q.subject, q.predicate, q.object, default) for q in store])
    return store


def _store(graph: GraphSource) -> tuple[ox.Store, bool]:
    """An Oxigraph store for ``graph`` and whether to query the union of its graphs."""
    if isinstance(graph, ox.Store):
        return graph, True
    if isinstance(graph, (str, Path)):
        return _merge_into_default(load_oxigraph(graph)), False
    store = ox.Store()
    conv = TermConverter()
    if isinstance(graph, Dataset):
        quads = ((s, p, o, None if g == DATASET_DEFAULT_GRAPH_ID else g)
                 for s, p, o, g in graph.quads((None, None, None, None)))
    else:
        quads = ((s, p, o, None) for s, p, o in graph)
    store.extend(ox_quads(quads, conv))
    return _merge_into_default(store), False


def run_query(graph: GraphSource, query: str | Path) -> QueryResult:
    """Run a SPARQL query (text or ``.rq`` file) on a graph file, rdflib graph or Oxigraph store.

    The default graph is the merge of all named graphs (each triple once); ``GRAPH ?doc {...}``
    still reaches each document's graph when the source has them (TriG, N-Quads, a
    ``Dataset``). A ``Store`` passed in is not changed: it is queried with Oxigraph's union
    default graph.

    Args:
        graph: A graph file of any RDF syntax, an rdflib ``Graph``/``Dataset`` or a ``Store``.
        query: SPARQL text or the path of a ``.rq`` file.

    Returns:
        The rows (rdflib terms), the ASK answer or the constructed triples.

    Raises:
        EgovkgError: Missing or unparseable graph or query file, a syntax error (line and
            column), SERVICE or an update.
    """
    text = read_query(query)
    check_query(text)
    store, union = _store(graph)
    try:
        result = store.query(text, prefixes=default_prefixes(text), use_default_graph_as_union=union)
    except SyntaxError as exc:
        raise _syntax_error(exc) from None
    except OSError as exc:
        raise EgovkgError(f"query failed: {exc}") from None
    conv = TermConverter()
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = [tuple(None if sol[n] is None else conv.to_rdflib(sol[n]) for n in names) for sol in result]
        return QueryResult(kind="select", variables=names, rows=rows)
    rows = [(conv.to_rdflib(t.subject), conv.to_rdflib(t.predicate), conv.to_rdflib(t.object)) for t in result]
    return QueryResult(kind="graph", variables=["subject", "predicate", "object"], rows=rows)


# ---------------------------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------------------------

def neutralise_cell(value: str) -> str:
    """Prefix a single quote to a cell a spreadsheet would run as a formula (``=``, ``+``,
    ``-``, ``@``, tab, carriage return at the start)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _plain(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV (header row, plain values, CRLF), formula cells neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    writer.writerow([neutralise_cell(v) for v in result.variables])
    for row in result.rows:
        writer.writerow([neutralise_cell(_plain(t)) for t in row])
    return buf.getvalue()


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (``head``/``results.bindings``, or ``boolean``)."""
    if result.kind == "ask":
        doc: dict = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {name: _json_term(t) for name, t in zip(result.variables, row) if t is not None}
            for row in result.rows
        ]
        doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def compact(term: Node | None) -> str:
    """A short display form: ``egov:memberOf``, ``id:municipality/ahaus``, a literal's text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        best = max(((k, str(v)) for k, v in PREFIXES.items() if iri.startswith(str(v))),
                   key=lambda kv: len(kv[1]), default=None)
        return f"{best[0]}:{iri[len(best[1]):]}" if best else f"<{iri}>"
    return _plain(term)


def to_table(result: QueryResult, title: str | None = None):
    """A ``rich.table.Table`` of the result; cells are ``Text`` (article text is never
    interpreted as console markup)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_lines=False)
    if result.kind == "ask":
        table.add_column("boolean")
        table.add_row(Text("true" if result.boolean else "false"))
        return table
    for name in result.variables:
        table.add_column(Text(name), overflow="fold")
    for row in result.rows:
        table.add_row(*(Text(compact(t)) for t in row))
    return table
