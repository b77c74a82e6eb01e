"""Importing spaCy without its command-line package.

``import spacy`` runs ``from .cli.info import info`` (``spacy/__init__.py``) only to offer
``spacy.info()``. That one line imports all of ``spacy.cli``: the download, training and
project commands with typer, weasel, httpx and their dependencies: 364 modules. Importing
spaCy and building the rules pipeline took 0.89-1.16 s CPU with them and 0.80-0.88 s without
(four runs each). A build never runs a spaCy command, but it imports spaCy on its critical
path, before any worker can start.

:func:`import_spacy` imports spaCy with two placeholder modules standing in for ``spacy.cli``
and ``spacy.cli.info`` while spaCy's ``__init__`` runs, then takes them out of
``sys.modules`` again: a later ``import spacy.cli`` (or ``python -m spacy``) imports the real
package, and ``spacy.info`` imports the real command on its first call. No other spaCy module
imports ``spacy.cli``. Should the import fail with the placeholders in place (a spaCy version
that needs more of ``spacy.cli`` at import time), every half-imported spaCy module is dropped
and spaCy is imported the ordinary way.
"""
from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

_PLACEHOLDERS = ("spacy.cli", "spacy.cli.info")


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: spaCy's own, imported on its first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _placeholders() -> dict[str, ModuleType]:
    package = ModuleType("spacy.cli", "Placeholder while spaCy is imported (egovkg.ingest.spacy_import).")
    package.__path__ = []  # a package, so the import system accepts ``spacy.cli.info`` under it
    info = ModuleType("spacy.cli.info", package.__doc__)
    info.info = _info  # type: ignore[attr-defined]
    package.info = info  # type: ignore[attr-defined]
    return {"spacy.cli": package, "spacy.cli.info": info}


def _forget_spacy() -> None:
    for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
        del sys.modules[name]


def import_spacy() -> ModuleType:
    """The ``spacy`` module, imported without ``spacy.cli`` if it is not imported yet."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    placeholders = _placeholders()
    sys.modules.update(placeholders)
    try:
        import spacy
    except Exception:  # noqa: BLE001  any failure: fall back to the ordinary import below
        spacy = None
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if spacy is None:
        _forget_spacy()
        import spacy  # the ordinary import; raises whatever is really wrong
        return spacy
    if getattr(spacy, "cli", None) is placeholders["spacy.cli"]:
        del spacy.cli  # a later ``import spacy.cli`` binds the real package
    return spacy
