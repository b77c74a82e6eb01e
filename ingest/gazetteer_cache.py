"""Prepared on-disk cache of derived gazetteer data.

Parsing the gazetteer (12,000 GeoNames places, the SKOS ministries, inflected forms) and
tokenising its labels for the matchers takes longer than a small build. The results are
pickled once into a cache folder and read back by later runs:

* the folder is ``$EGOVKG_CACHE_DIR`` if set (an empty value turns the cache off), else
  ``$XDG_CACHE_HOME/egovkg`` or ``~/.cache/egovkg``;
* a file's name holds a fingerprint of everything its content is derived from (the data
  files, the parsing code, the tokenizer settings), so an edited file is a new key and the
  stale file is removed when the new one is written;
* files are written atomically (temporary file + ``os.replace``); an unreadable or unwritable
  cache is silently rebuilt or skipped, never an error.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TypeVar

CACHE_ENV = "EGOVKG_CACHE_DIR"
FORMAT_VERSION = "1"  # bump when the layout of a cached value changes

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return Path(value) if value.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "egovkg"


def fingerprint(parts: Iterable[bytes | str]) -> str:
    """A short hash of ``parts`` (with the cache format and the Python version)."""
    digest = hashlib.sha256(f"{FORMAT_VERSION}|{sys.version_info[0]}.{sys.version_info[1]}".encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:32]


def files_fingerprint(files: Iterable[Path], extra: Iterable[bytes | str] = ()) -> str:
    """Fingerprint of the names and bytes of ``files`` plus ``extra``."""
    parts: list[bytes | str] = []
    for path in sorted(files):
        parts += [path.name, path.read_bytes()]
    return fingerprint([*parts, *extra])


def load_or_build(name: str, key: str, build: Callable[[], T]) -> T:
    """The value cached as ``name`` under ``key``; built with ``build()`` and stored when missing.

    Args:
        name: Kind of value ("gazetteer", "labels"); other keys of the same name are stale.
        key: Fingerprint of everything the value is derived from.
        build: Computes the value (may raise; nothing is cached then).
    """
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a truncated or foreign file is rebuilt, never trusted
        pass
    value = build()
    _store(path, value)
    return value


def _store(path: Path, value: object) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        name = path.name.split("-", 1)[0]
        for stale in path.parent.glob(f"{name}-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full disk: run without the cache
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
