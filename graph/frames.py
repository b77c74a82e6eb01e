"""pandas DataFrames of query results and network reports, for notebooks.

pandas is imported lazily (it is an analyst's extra, not needed to build a graph).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from egovkg.graph.query import GraphSource, QueryResult


def _value(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value if not isinstance(value, Literal) else str(value)
    return str(term)


def result_frame(result: "QueryResult") -> "pd.DataFrame":
    """A query result as a DataFrame: one column per variable; literals become Python values
    (numbers, dates, ``Decimal``), IRIs strings, unbound values ``None``."""
    import pandas as pd

    if result.kind == "ask":
        return pd.DataFrame({"boolean": [result.boolean]})
    return pd.DataFrame([[_value(v) for v in row] for row in result.rows], columns=list(result.variables))


def query_frame(graph: "GraphSource", query: str | Path) -> "pd.DataFrame":
    """Run a SPARQL query (text or ``.rq`` file) on a graph and return the DataFrame."""
    from egovkg.graph.query import run_query

    return result_frame(run_query(graph, query))
