"""Per-document extraction: run the NER pipeline, turn entities into mentions, extract facts.

``extract_all`` is the unit that parallelises (a process pool, one pipeline per worker) and
caches (one entry per document in ``ingest.extraction_cache``, keyed by content and pipeline
version), so rebuilding after adding one article only processes that article.
"""
from __future__ import annotations

import gc
import hashlib
import os
import time
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Sequence

import spacy

from spacy.language import Language
from spacy.tokens import Doc

from egovkg.ingest.extraction_cache import ExtractionCache as _SqliteCache
from egovkg.ingest.extraction_cache import extraction_from, facts_bytes
from egovkg.ingest.ner_finalize import INFO_KEY
from egovkg.model import Document, Extraction, Mention
from egovkg.workers import default_workers, mp_context

PIPELINE_VERSION = "0.1.0-1"
"""Bump when extraction output changes: it invalidates the per-document cache. The cache key
also holds :func:`code_fingerprint`, so an edited rule or word list invalidates it too."""

_FINGERPRINT_PARTS = (("egovkg.ingest", "*.py"), ("egovkg", "*.py"), ("egovkg.ontology", "**/*"))

Progress = Callable[[str, int, int], None]


def doc_extraction(doc: Doc, document: Document) -> Extraction:
    """The Extraction of one processed Doc (its text is ``document.text``)."""
    from egovkg.ingest.ner_finalize import fact_tables
    from egovkg.ingest.relations import extract_facts

    tables = fact_tables(doc)
    if tables is not None:  # the entity rows egov_finalize left: no Span per entity
        mentions = [Mention(e.start_char, e.end_char, e.text, e.label, e.kb, e.extractor, tuple(e.external),
                            e.ags, e.form) for e in tables.ents]
    else:
        info = doc.user_data.get(INFO_KEY, {})
        mentions = []
        for ent in doc.ents:
            extractor, external, ags, form = info.get((ent.start_char, ent.end_char), ("rule", (), None, None))
            mentions.append(Mention(ent.start_char, ent.end_char, ent.text, ent.label_, ent.kb_id_,
                                    extractor, tuple(external), ags, form))
    relations, fundings = extract_facts(doc, document)
    return Extraction(document, mentions, relations, fundings)


def extract_document(nlp: Language, document: Document) -> Extraction:
    """Run the pipeline on one document."""
    return doc_extraction(nlp(document.text), document)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of everything extraction output depends on besides the text: the source of
    ``egovkg.ingest`` and ``egovkg``, the data files under ``ontology/`` and the spaCy version.

    Computed once per process (about 1 MB of files, a few milliseconds).
    """
    import importlib

    h = hashlib.sha256(f"{PIPELINE_VERSION}\x1f{spacy.__version__}".encode())
    for package, pattern in _FINGERPRINT_PARTS:
        folder = Path(importlib.import_module(package).__file__ or "").resolve().parent
        for path in sorted(folder.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(f"{package}/{path.relative_to(folder).as_posix()}\x1f".encode("utf-8"))
                h.update(path.read_bytes())
    return h.hexdigest()[:32]


def pipeline_id(nlp: Language) -> str:
    """What identifies the pipeline in cache keys: its base (``rules``, a package, a folder),
    the base model's name and version, the component names and :func:`code_fingerprint`."""
    meta = nlp.meta
    return "\x1f".join((meta.get("egovkg_base", "rules"), str(meta.get("name", "")),
                        str(meta.get("version", "")), ",".join(nlp.pipe_names), code_fingerprint()))


class ExtractionCache(_SqliteCache):
    """The per-document cache (:mod:`egovkg.ingest.extraction_cache`) under this
    :data:`PIPELINE_VERSION`.

    Args:
        folder: Created if missing.
        nlp_base: :func:`pipeline_id` of the pipeline; part of every key.
    """

    def __init__(self, folder: Path, nlp_base: str) -> None:
        super().__init__(folder, nlp_base, PIPELINE_VERSION)


WORKER_GC_THRESHOLD = 10_000
"""A worker's first-generation collector threshold (Python's default is 700). Extraction leaves
almost no cyclic garbage (a collection after 568 benchmark documents found 6 objects), yet at
700 the collector ran about 100 times per 1,350 documents, each time scanning the Docs of the
chunk in hand: 0.05 s of a worker's CPU, against 0.004 s at 10,000. It stays on, so what cycles
there are still get collected."""

_WORKER_NLP: Language | None = None
_PARENT_NLP: Language | None = None
"""The caller's pipeline, set just before a fork so workers start with it (warm, no rebuild)."""


def _init_worker(model: str, parent_pid: int | None = None) -> None:
    """Pool initializer: the parent's pipeline when forked, else ``make_pipeline(model)`` (the
    same base: ``rules``, a package name or the folder given with ``--model``). Given the
    build's ``parent_pid``, the worker dies with it (``egovkg.workers.die_with_parent``)."""
    global _WORKER_NLP
    if parent_pid is not None:
        from egovkg.workers import die_with_parent

        die_with_parent(parent_pid)
    gc.freeze()  # what the worker inherited is never garbage: the collector need not scan (or copy) it
    gc.enable()  # the worker collects its own garbage even if the parent paused its collector
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])
    if _PARENT_NLP is not None and _PARENT_NLP.meta.get("egovkg_base", "rules") == model:
        _WORKER_NLP = _PARENT_NLP
        return
    from egovkg.ingest.nlp import make_pipeline

    _WORKER_NLP = make_pipeline(model)


def _worker_base() -> str:
    """The base of the pipeline this worker runs (for tests)."""
    assert _WORKER_NLP is not None
    return _WORKER_NLP.meta.get("egovkg_base", "rules")


def make_pool(nlp: Language, workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers run ``nlp`` (inherited by fork, or rebuilt from its base)."""
    global _PARENT_NLP
    ctx = mp_context()
    base = nlp.meta.get("egovkg_base", "rules")
    if ctx.get_start_method() == "fork":
        nlp("Die Stadt Musterstadt.")  # build the lazily made matchers once, before forking
        _PARENT_NLP = nlp
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(base, os.getpid()))


def _extract_chunk(nlp: Language, documents: Sequence[Document]) -> tuple[list[Extraction], float, float]:
    """Extractions of ``documents`` and the CPU seconds of NER and of fact extraction."""
    t0 = time.process_time()
    docs = list(nlp.pipe(d.text for d in documents))
    t1 = time.process_time()
    out = [doc_extraction(doc, d) for doc, d in zip(docs, documents)]
    return out, t1 - t0, time.process_time() - t1


_WORKER_CACHE: ExtractionCache | None = None


def _worker_cache(folder: Path, base: str) -> ExtractionCache:
    """This worker's cache (one database connection per worker, kept for its tasks)."""
    global _WORKER_CACHE
    if _WORKER_CACHE is None or (_WORKER_CACHE.folder, _WORKER_CACHE.base) != (Path(folder), base):
        _WORKER_CACHE = ExtractionCache(folder, base)
    return _WORKER_CACHE


def _work(documents: list[Document], cache_dir: Path | None = None,
          cache_base: str = "") -> tuple[list[bytes], float, float]:
    """A worker's task: :func:`_extract_chunk`, each document's facts pickled once
    (``extraction_cache.facts_bytes``: without the document, which the parent already holds).
    With a cache folder, the worker also stores these bytes as the documents' cache entries
    (writing in parallel, not in the parent)."""
    assert _WORKER_NLP is not None
    out, ner, rel = _extract_chunk(_WORKER_NLP, documents)
    facts = [facts_bytes(ex) for ex in out]
    if cache_dir is not None:
        _worker_cache(cache_dir, cache_base).put_pickled(zip(documents, facts))
    return facts, ner, rel


def extract_all(
    nlp: Language,
    documents: Iterable[Document],
    *,
    workers: int | None = 1,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    chunk_size: int = 32,
    stats: dict[str, float] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> list[Extraction]:
    """Extractions of all documents, in input order (the same output for any ``workers``).

    ``documents`` may be a stream (``ingest.background.BackgroundReader``): each document is
    looked up in the cache as it arrives, and a chunk goes to a worker as soon as it is full,
    so the workers extract while later files are still being read.

    Args:
        nlp: The pipeline (``egovkg.ingest.nlp.make_pipeline``); workers rebuild the same one.
        documents: Documents to process, a list or any iterable.
        workers: Processes; 1 runs in this process, None means ``egovkg.workers.default_workers()``.
        cache_dir: Per-document cache folder, or None.
        progress: Called as ``progress("extract", done, total)``; ``total`` counts the
            documents seen so far.
        chunk_size: Documents per task sent to a worker.
        stats: If given, gets ``extracted`` (documents run through the pipeline), ``cached``
            (documents taken from the cache), and ``ner cpu`` / ``relations cpu``: the CPU
            seconds of NER and of relation and funding extraction, summed over all workers.
        meanwhile: Called in this process once every document has arrived and the workers have
            their tasks (with one worker, or too few documents for a pool, before extracting).
    """
    workers = default_workers() if workers is None else workers
    cache = ExtractionCache(cache_dir, pipeline_id(nlp)) if cache_dir else None
    source = iter(documents)
    docs: list[Document] = []
    results: list[Extraction | None] = []
    todo: list[int] = []  # positions in ``docs`` not yet extracted nor sent to a worker
    cpu = {"ner cpu": 0.0, "relations cpu": 0.0}
    done = cached = 0

    def pull() -> bool:
        """Take the next document (from the cache, or onto ``todo``); False at the end."""
        nonlocal done, cached
        document = next(source, None)
        if document is None:
            return False
        docs.append(document)
        hit = cache.get(document) if cache else None
        results.append(hit)
        if hit is None:
            todo.append(len(docs) - 1)
        else:
            done, cached = done + 1, cached + 1
        if progress:
            progress("extract", done, len(docs))
        return True

    def next_chunk() -> list[int]:
        idxs = todo[:chunk_size]
        del todo[:chunk_size]
        return idxs

    def take(idxs: list[int], chunk: tuple[list[Extraction], float, float], stored: bool) -> None:
        nonlocal done
        exs, cpu_ner, cpu_rel = chunk
        cpu["ner cpu"] += cpu_ner
        cpu["relations cpu"] += cpu_rel
        if cache and not stored:
            cache.put_many(exs)
        for i, ex in zip(idxs, exs):
            results[i] = ex
            done += 1
            if progress:
                progress("extract", done, len(docs))

    more = True
    while more and len(todo) < 2 * chunk_size:
        more = pull()
    if workers <= 1 or not more:  # one process, or too few documents to pay for a pool
        if meanwhile is not None:
            meanwhile()
        while todo or more:
            while more and len(todo) < chunk_size:
                more = pull()
            idxs = next_chunk()
            if idxs:
                take(idxs, _extract_chunk(nlp, [docs[i] for i in idxs]), stored=False)
    else:
        _extract_in_pool(nlp, workers, cache, docs, todo, chunk_size, pull, next_chunk, take, meanwhile)
    if stats is not None:
        stats["extracted"], stats["cached"] = len(docs) - cached, cached
        stats.update(cpu)
    return results  # type: ignore[return-value]  # every slot is filled by now


def _extract_in_pool(nlp: Language, workers: int, cache: ExtractionCache | None, docs: list[Document],
                     todo: list[int], chunk_size: int, pull: Callable[[], bool],
                     next_chunk: Callable[[], list[int]], take: Callable[..., None],
                     meanwhile: Callable[[], object] | None) -> None:
    """:func:`extract_all` with a process pool: a chunk is submitted as soon as it is full, the
    results are taken in submission order (the workers write the cache entries)."""
    global _PARENT_NLP
    folder, base = (cache.folder, cache.base) if cache else (None, "")
    if cache is not None:
        cache.close()  # no open SQLite connection across the fork; the next lookup reopens it
    pool = make_pool(nlp, workers)
    futures = []
    try:
        more = True
        while True:
            while len(todo) >= chunk_size or (todo and not more):
                idxs = next_chunk()
                futures.append((idxs, pool.submit(_work, [docs[i] for i in idxs], folder, base)))
            if not more:
                break
            more = pull()
        if meanwhile is not None:
            meanwhile()
        for idxs, future in futures:
            facts, cpu_ner, cpu_rel = future.result()
            exs = [extraction_from(docs[i], data) for i, data in zip(idxs, facts)]
            take(idxs, (exs, cpu_ner, cpu_rel), stored=True)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        _PARENT_NLP = None
    pool.shutdown(wait=True)
