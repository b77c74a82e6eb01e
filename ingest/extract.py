"""Per-document extraction: run the NER pipeline, turn entities into mentions, extract facts.

``extract_all`` is the unit that parallelises (a process pool, one pipeline per worker) and
caches (one pickle per document, keyed by content and pipeline version), so rebuilding after
adding one article only processes that article.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from egovkg.ingest.ner_finalize import INFO_KEY
from egovkg.model import Document, Extraction, Mention

PIPELINE_VERSION = "0.1.0-1"
"""Bump when extraction output changes: it invalidates the per-document cache."""

Progress = Callable[[str, int, int], None]


def doc_extraction(doc: Doc, document: Document) -> Extraction:
    """The Extraction of one processed Doc (its text is ``document.text``)."""
    from egovkg.ingest.relations import extract_facts

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


def _cache_key(nlp_base: str, document: Document) -> str:
    h = hashlib.sha256()
    for part in (PIPELINE_VERSION, nlp_base, document.doc_id, document.source, document.title,
                 str(document.date), document.kind, str(document.parent), document.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:32]


class ExtractionCache:
    """One pickle per document under ``folder``; written atomically."""

    def __init__(self, folder: Path, nlp_base: str) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.base = nlp_base

    def _path(self, document: Document) -> Path:
        return self.folder / f"{_cache_key(self.base, document)}.pickle"

    def get(self, document: Document) -> Extraction | None:
        try:
            with open(self._path(document), "rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None

    def put(self, extraction: Extraction) -> None:
        path = self._path(extraction.document)
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(extraction, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)


_WORKER_NLP: Language | None = None


def _init_worker(model: str) -> None:
    global _WORKER_NLP
    from egovkg.ingest.nlp import make_pipeline

    _WORKER_NLP = make_pipeline(model)


def _work(documents: list[Document]) -> list[Extraction]:
    assert _WORKER_NLP is not None
    return [doc_extraction(doc, d) for d, doc in zip(documents, _WORKER_NLP.pipe(d.text for d in documents))]


def extract_all(
    nlp: Language,
    documents: Sequence[Document],
    *,
    workers: int = 1,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    chunk_size: int = 32,
) -> list[Extraction]:
    """Extractions of all documents, in input order (the same output for any ``workers``).

    Args:
        nlp: The pipeline (``egovkg.ingest.nlp.make_pipeline``); workers rebuild the same one.
        documents: Documents to process.
        workers: Processes; 1 runs in this process.
        cache_dir: Per-document cache folder, or None.
        progress: Called as ``progress("extract", done, total)``.
        chunk_size: Documents per task sent to a worker.
    """
    base = nlp.meta.get("egovkg_base", "rules")
    cache = ExtractionCache(cache_dir, base) if cache_dir else None
    results: list[Extraction | None] = [None] * len(documents)
    todo: list[int] = []
    for i, d in enumerate(documents):
        hit = cache.get(d) if cache else None
        if hit is not None:
            results[i] = hit
        else:
            todo.append(i)
    total, done = len(documents), len(documents) - len(todo)
    if progress:
        progress("extract", done, total)

    def finish(i: int, ex: Extraction) -> None:
        nonlocal done
        results[i] = ex
        if cache:
            cache.put(ex)
        done += 1
        if progress:
            progress("extract", done, total)

    if workers <= 1 or len(todo) < 2 * chunk_size:
        todo_docs = [documents[i] for i in todo]
        for i, doc in zip(todo, nlp.pipe(d.text for d in todo_docs)):
            finish(i, doc_extraction(doc, documents[i]))
    else:
        chunks = [todo[k:k + chunk_size] for k in range(0, len(todo), chunk_size)]
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(base,)) as pool:
            for idxs, exs in zip(chunks, pool.map(_work, [[documents[i] for i in c] for c in chunks])):
                for i, ex in zip(idxs, exs):
                    finish(i, ex)
    return [r for r in results if r is not None]
