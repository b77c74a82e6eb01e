"""Errors the library raises for the user (the CLI prints them without a traceback)."""
from __future__ import annotations


class EgovkgError(Exception):
    """A problem the user can fix: a bad path, an unknown model, a malformed query."""


class ModelNotInstalled(EgovkgError):
    """A named spaCy model is not installed."""
