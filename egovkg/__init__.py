"""egovkg: a knowledge graph of German e-government programmes built from news text.

Public API::

    from egovkg import build, load_graph
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "build", "BuildReport"]


def __getattr__(name: str):  # lazy: importing egovkg must not load spaCy
    if name in {"build", "BuildReport"}:
        from egovkg import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
