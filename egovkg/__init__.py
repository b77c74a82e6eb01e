"""egovkg: a knowledge graph of German e-government programmes built from news text.

Public API::

    from egovkg import build, load_graph, run_query, to_networkx
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "build", "build_corpus", "BuildReport", "load_graph", "run_query", "to_networkx"]

_LAZY = {
    "build": "egovkg.pipeline", "build_corpus": "egovkg.pipeline", "BuildReport": "egovkg.pipeline",
    "load_graph": "egovkg.graph.io", "run_query": "egovkg.graph.query", "to_networkx": "egovkg.graph.nxview",
}


def __getattr__(name: str):  # lazy: importing egovkg must not load spaCy or rdflib
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
