"""Reading and cleaning in a forked child that streams each document as soon as it is final.

A build starts :class:`BackgroundReader` first thing: the child reads and cleans the files
(``ingest.load.iter_documents``) while the build imports spaCy and builds the pipeline, then
keeps streaming documents while the workers extract the ones already read. Neither side waits
for the other except where it must: the child queues what it has read (the queue is
unbounded, so a busy parent never stalls it), and the parent takes documents as they come.
"""
from __future__ import annotations

import queue
import time
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from egovkg.ingest.load import Skipped, iter_documents
from egovkg.model import Document

BATCH = 64
"""Documents per message from the reader: fewer, larger messages cost less to pass on."""
POLL_SECONDS = 0.5
"""How often a parent waiting for documents checks that the reader is still alive."""


def _stream(paths: Sequence[str | Path], out: Any) -> float:
    """The child's work: put ``("docs", [(position, document), ...])`` and ``("skip",
    Skipped)`` messages on ``out`` in reading order, then ``("end", seconds)``."""
    t0 = time.perf_counter()
    batch: list[tuple[int, Document]] = []
    try:
        for item in iter_documents(paths, lambda skipped: out.put(("skip", skipped))):
            batch.append(item)
            if len(batch) >= BATCH:
                out.put(("docs", batch[:]))
                batch.clear()
        out.put(("docs", batch))
        seconds = time.perf_counter() - t0
        out.put(("end", seconds))
        return seconds
    except BaseException as exc:  # noqa: BLE001  handed to the parent through the queue, then raised here too
        out.put(("error", exc))
        raise


class BackgroundReader:
    """The documents below ``paths`` (``iter_documents`` order), read in a forked child.

    Where there is no ``fork`` or only one core, :meth:`documents` reads in this process.

    Args:
        paths: Files and folders, as for ``ingest.load.load_documents``.
        on_skip: Called in this process with each skipped file, in the order they were found,
            as the reader reports them.
    """

    def __init__(self, paths: Sequence[str | Path], on_skip: Callable[[Skipped], None] | None = None) -> None:
        from egovkg.workers import ForkedCall, can_fork, default_workers

        self._paths, self._on_skip = paths, on_skip
        self.seconds = 0.0  # how long the reading took, once :meth:`documents` is exhausted
        self._child: ForkedCall | None = None
        if can_fork() and default_workers() > 1:
            import multiprocessing

            self._queue = multiprocessing.get_context("fork").Queue()
            out = self._queue
            self._child = ForkedCall(lambda: _stream(paths, out))

    def documents(self) -> Iterator[tuple[int, Document]]:
        """``(position, document)`` pairs as they become final (positions index
        ``load_documents(paths).documents``)."""
        if self._child is None:
            t0 = time.perf_counter()
            yield from iter_documents(self._paths, self._on_skip)
            self.seconds = time.perf_counter() - t0
            return
        while True:
            kind, payload = self._next()
            if kind == "docs":
                yield from payload
            elif kind == "skip":
                if self._on_skip is not None:
                    self._on_skip(payload)
            elif kind == "error":
                self._child.cancel()
                raise payload
            else:
                self.seconds = payload
                self._child.result()  # reap the child
                self._queue.close()
                return

    def _next(self) -> tuple[str, Any]:
        assert self._child is not None
        while True:
            try:
                return self._queue.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not self._child.alive():
                    self._child.result()  # raises what the child died of
                    raise RuntimeError("the reader process ended without finishing")  # pragma: no cover

    def cancel(self) -> None:
        """Stop the child (on an error or an interrupt in this process)."""
        if self._child is not None:
            self._child.cancel()
