"""The per-document extraction cache: one SQLite database in the cache folder.

Each entry is one document's pickled facts (:func:`facts_bytes`: the mentions, relations and
fundings of its :class:`~egovkg.model.Extraction`) under a key that hashes the document (text
and metadata) and the pipeline (``extract.pipeline_id``: base model, code fingerprint), so an
edited article or an edited rule simply misses. The document itself is not stored: the key
already stands for it, and the caller holds it.

Why SQLite and not one file per document: a file per document was created under a temporary
name and renamed into place (atomic), and on this machine's ext4 those two directory operations
cost 0.1-0.3 ms of kernel time each, more with two workers writing into one folder; a cold
2,000-document build spent 0.8 s of CPU per worker on them. SQLite (in the standard library)
writes a worker's chunk in one transaction: atomic as well, safe for several processes and
builds at once (WAL journal, a busy timeout), and an interrupted write is rolled back when the
database is next opened. ``synchronous=NORMAL``: a power loss may drop the last entries written,
never corrupt the database; a cache entry lost is only extracted again.

A database that cannot be read (truncated, overwritten, from something else) is moved aside as
``*.broken`` and started afresh with a warning; if even that fails, the cache is off for the
build. No cache failure ever stops a build.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sqlite3
from pathlib import Path
from typing import Iterable, Sequence

from egovkg.model import Document, Extraction

log = logging.getLogger(__name__)

DB_NAME = "extractions.sqlite3"
BUSY_TIMEOUT_MS = 60_000
"""How long a writer waits for another process's transaction (a worker's chunk takes milliseconds)."""

_LEGACY_SUFFIXES = (".pickle", ".tmp")
"""Files of the one-file-per-document cache of earlier versions: pruning removes them."""


def cache_key(nlp_base: str, document: Document, version: str) -> str:
    """The key of ``document``'s entry under the pipeline ``nlp_base`` and cache ``version``."""
    h = hashlib.sha256()
    for part in (version, nlp_base, document.doc_id, document.source, document.title,
                 str(document.date), document.kind, str(document.parent), document.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:32]


def facts_bytes(extraction: Extraction) -> bytes:
    """The pickled facts of an extraction (without its document): what a cache entry holds,
    and what a worker process sends back to the build (pickled once for both)."""
    return pickle.dumps((extraction.mentions, extraction.relations, extraction.fundings),
                        protocol=pickle.HIGHEST_PROTOCOL)


def extraction_from(document: Document, data: bytes) -> Extraction:
    """The Extraction of ``document`` from its :func:`facts_bytes`.

    Raises:
        ValueError: ``data`` does not hold three lists of facts.
    """
    facts = pickle.loads(data)
    if not (isinstance(facts, tuple) and len(facts) == 3 and all(type(part) is list for part in facts)):
        raise ValueError(f"not the facts of an extraction: {type(facts).__name__}")
    return Extraction(document, *facts)


class ExtractionCache:
    """Cached extractions in ``folder``, for one pipeline.

    Args:
        folder: Created if missing; holds the database (:data:`DB_NAME`).
        nlp_base: ``extract.pipeline_id`` of the pipeline; part of every key.
        version: The cache format and extraction version (``extract.PIPELINE_VERSION``).

    Each process opens its own connection on first use; :meth:`close` it before forking.
    """

    def __init__(self, folder: Path, nlp_base: str, version: str = "") -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.base = nlp_base
        self.version = version
        self._db: sqlite3.Connection | None = None
        self._pid = -1
        self._off = False

    @property
    def path(self) -> Path:
        """The database file."""
        return self.folder / DB_NAME

    def key(self, document: Document) -> str:
        return cache_key(self.base, document, self.version)

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        except BaseException:
            db.close()
            raise
        return db

    def _connection(self) -> sqlite3.Connection | None:
        if self._off:
            return None
        if self._db is not None and self._pid == os.getpid():
            return self._db
        try:
            self._db = self._open_or_start_afresh()
        except (OSError, sqlite3.Error) as exc:
            log.warning("extraction cache %s is off for this build: %s", self.path, exc)
            self._off, self._db = True, None
            return None
        self._pid = os.getpid()
        return self._db

    def _open_or_start_afresh(self) -> sqlite3.Connection:
        try:
            return self._open()
        except sqlite3.DatabaseError as exc:  # not a database (any more): move it aside
            broken = self.path.with_name(self.path.name + ".broken")
            log.warning("extraction cache %s cannot be read (%s); moved to %s, starting a new one",
                        self.path, exc, broken.name)
            os.replace(self.path, broken)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return self._open()

    def get(self, document: Document) -> Extraction | None:
        """The cached extraction of ``document``, or None (missing, unreadable, other code)."""
        db = self._connection()
        if db is None:
            return None
        try:
            row = db.execute("SELECT data FROM extraction WHERE key = ?", (self.key(document),)).fetchone()
            return extraction_from(document, row[0]) if row is not None else None
        except Exception:  # noqa: BLE001  a damaged entry or database: extract again
            return None

    def put(self, extraction: Extraction) -> None:
        """Store one extraction (see :meth:`put_many`)."""
        self.put_many([extraction])

    def put_many(self, extractions: Iterable[Extraction]) -> None:
        """Store extractions in one transaction. A failure to write is logged, not raised: the
        build goes on, and the documents are extracted again next time."""
        self.put_pickled((ex.document, facts_bytes(ex)) for ex in extractions)

    def put_pickled(self, entries: Iterable[tuple[Document, bytes]]) -> None:
        """:meth:`put_many` of extractions already pickled (:func:`facts_bytes`)."""
        db = self._connection()
        if db is None:  # the cache is off: no key to hash
            return
        rows = [(self.key(document), data) for document, data in entries]
        if not rows:
            return
        try:
            with db:  # one transaction; rolled back on an exception (or by SQLite after a kill)
                db.execute("BEGIN IMMEDIATE")
                db.executemany("INSERT OR REPLACE INTO extraction (key, data) VALUES (?, ?)", rows)
        except sqlite3.Error as exc:
            log.warning("could not write %d entries to the extraction cache %s: %s", len(rows), self.path, exc)

    def prune(self, documents: Sequence[Document]) -> int:
        """Remove every entry that is not one of ``documents`` under this pipeline (documents
        gone from the corpus, older versions of edited ones, entries of other code) and the
        files of the one-file-per-document cache of earlier versions. Returns how many entries
        and files were removed."""
        removed = 0
        for path in self.folder.iterdir():
            if path.suffix in _LEGACY_SUFFIXES and path.is_file():
                path.unlink(missing_ok=True)
                removed += 1
        db = self._connection()
        if db is None:
            return removed
        keep = {self.key(d) for d in documents}
        try:
            with db:
                db.execute("BEGIN IMMEDIATE")
                stale = [(k,) for (k,) in db.execute("SELECT key FROM extraction") if k not in keep]
                db.executemany("DELETE FROM extraction WHERE key = ?", stale)
        except sqlite3.Error as exc:
            log.warning("could not prune the extraction cache %s: %s", self.path, exc)
            return removed
        return removed + len(stale)

    def close(self) -> None:
        """Close this process's connection (the next use opens a new one). Call it before
        forking processes that use the cache: SQLite's own state must not cross a fork with an
        open connection ("How To Corrupt An SQLite Database File", sqlite.org/howtocorrupt.html)."""
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db = None
