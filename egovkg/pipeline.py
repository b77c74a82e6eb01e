"""The build: files -> documents -> extractions -> canonical entities -> RDF -> files.

Every stage is a plain function of ``egovkg.ingest`` / ``egovkg.graph``; this module only
wires them together and reports what happened, so the CLI, the notebook and the benchmark
all run the same code.
"""
from __future__ import annotations

import contextlib
import gc
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from egovkg.model import Corpus, Document

if TYPE_CHECKING:
    from egovkg.ingest.load import Skipped


@dataclass
class BuildReport:
    """What a build did."""

    model: str = ""
    documents: int = 0
    articles: int = 0
    teasers: int = 0
    entities: int = 0
    relations: int = 0
    fundings: int = 0
    extracted: int = 0  # documents run through NER and extraction
    cached: int = 0  # documents whose extraction came from the per-document cache
    pruned: int = 0  # stale cache entries removed (``prune_cache``)
    skipped: list = field(default_factory=list)  # egovkg.ingest.load.Skipped
    outputs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cycle collector off for a bulk stage (resolve, the graph, the exports).

    These stages allocate millions of tuples, terms and strings and free none of them before
    the end, so the collector only rescans a growing heap: with it on, the graph stage of a
    10,000-document build took longer per document than a 2,000-document one. Objects with
    reference cycles made meanwhile are collected once it is on again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Timer:
    def __init__(self, timings: dict[str, float], name: str) -> None:
        self.timings, self.name = timings, name

    def __enter__(self) -> None:
        self.t0 = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.timings[self.name] = self.timings.get(self.name, 0.0) + time.perf_counter() - self.t0


def _too_long(document: Document, max_chars: int) -> Skipped | None:
    """A skip for a document spaCy would refuse (``nlp`` raises on it, E088), else None."""
    if len(document.text) <= max_chars:
        return None
    from egovkg.ingest.load import Skipped

    return Skipped(document.source, f"text too long for NER: {len(document.text):,} characters after cleaning "
                                    f"(limit {max_chars:,})")


def build_corpus(
    paths: Sequence[str | Path],
    *,
    model: str = "auto",
    workers: int | None = None,
    cache_dir: Path | None = None,
    on_skip: Callable | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    report: BuildReport | None = None,
    meanwhile: Callable[[], object] | None = None,
    prune_cache: bool = False,
) -> Corpus:
    """Read, clean, recognise and resolve: the in-memory corpus of the given files.

    Args:
        paths: Files and folders (read recursively).
        model: ``auto`` (de_core_news_lg when installed, else rules), ``rules``, a package name
            or a path to a saved spaCy pipeline.
        workers: Processes for NER and extraction; None: one per CPU core
            (``egovkg.workers.default_workers``).
        cache_dir: Where per-document extraction results are cached (None: no cache).
        on_skip: Called with each skipped file as it is found.
        progress: Called as ``progress(stage, done, total)``.
        report: Filled in with counts and timings.
        meanwhile: Called in this process while the workers extract (the build imports the
            exporters then); with one worker, before extraction.
        prune_cache: After extraction, remove the entries of ``cache_dir`` that are not
            documents of this corpus under this pipeline (for a cache that belongs to one
            output folder, as ``egovkg build``'s default ``OUT/.cache`` does).

    Reading and cleaning run in a forked child (:class:`egovkg.ingest.background.BackgroundReader`)
    that starts while this process imports spaCy and builds the pipeline and streams each
    document to the extraction as soon as it is final; skipped files reach ``on_skip`` as the
    reader reports them, documents too long for spaCy after the reading ends.
    """
    from egovkg.ingest.background import BackgroundReader

    report = report if report is not None else BuildReport()
    t = report.timings
    read_skips: list[Skipped] = []

    def skipped_file(item: Skipped) -> None:
        read_skips.append(item)
        if on_skip is not None:
            on_skip(item)

    reading = BackgroundReader(paths, skipped_file)  # forked before spaCy is imported: the child stays lean
    try:
        with _Timer(t, "load model"), gc_paused():  # importing spaCy makes ~200k objects
            from egovkg.ingest.spacy_import import import_spacy

            import_spacy()  # without spaCy's command-line package, which a build never uses
            from egovkg.ingest.nlp import describe_model, make_pipeline

            nlp = make_pipeline(model)
        report.model = describe_model(nlp)
        from egovkg.ingest.extract import extract_all
        from egovkg.ingest.resolve import resolve

        positions: list[int] = []  # of the documents extracted, in arrival order
        too_long: list[tuple[int, Skipped]] = []

        def arriving() -> Iterator[Document]:
            for position, document in reading.documents():
                skip = _too_long(document, nlp.max_length)
                if skip is None:
                    positions.append(position)
                    yield document
                else:
                    too_long.append((position, skip))

        with _Timer(t, "ner+relations"), gc_paused():  # this process only gathers results meanwhile
            stats: dict[str, float] = {}
            arrived = extract_all(nlp, arriving(), workers=workers, cache_dir=cache_dir, progress=progress,
                                  stats=stats, meanwhile=meanwhile)
    except BaseException:
        reading.cancel()
        raise
    t["read+clean"] = reading.seconds
    for _position, skip in sorted(too_long, key=lambda item: item[0]):
        skipped_file(skip)
    report.skipped = read_skips
    order = sorted(range(len(arrived)), key=positions.__getitem__)
    extractions = [arrived[i] for i in order]  # the order of load_documents
    docs = [ex.document for ex in extractions]
    report.documents = len(docs)
    report.articles = sum(d.kind == "article" for d in docs)
    report.teasers = report.documents - report.articles
    report.extracted, report.cached = int(stats.get("extracted", 0)), int(stats.get("cached", 0))
    if prune_cache and cache_dir is not None:
        from egovkg.ingest.extract import ExtractionCache, pipeline_id

        report.pruned = ExtractionCache(cache_dir, pipeline_id(nlp)).prune(docs)
    t["ner (cpu, all workers)"] = stats.get("ner cpu", 0.0)
    t["relations (cpu, all workers)"] = stats.get("relations cpu", 0.0)
    with _Timer(t, "merge"), gc_paused():
        corpus = resolve(extractions)
    report.entities = len(corpus.entities)
    report.relations = len({(r.subject, r.predicate, r.object) for r in corpus.relations})
    report.fundings = len(corpus.fundings)
    return corpus


def _import_exporters() -> None:
    """Import the graph and export modules (networkx, pyoxigraph, the HTML writer): done while
    the workers extract, it is off the critical path."""
    import importlib

    for name in ("egovkg.graph.rdf", "egovkg.graph.export", "egovkg.graph.nxview", "egovkg.graph.triple_index",
                 "egovkg.graph.html"):
        importlib.import_module(name)


def build(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    model: str = "auto",
    workers: int | None = None,
    cache_dir: Path | None = None,
    on_skip: Callable | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    prune_cache: bool = False,
) -> BuildReport:
    """Build the graph of ``paths`` and write every export into ``out``.

    Arguments are those of :func:`build_corpus`.

    Returns:
        The report: counts, skipped files, written outputs and per-stage timings.
    """
    report = BuildReport()
    # One pause for the whole build: re-enabled between stages, the collector would at once
    # rescan every result made so far. Once this returns, the corpus is freed by refcounting.
    with gc_paused():
        corpus = build_corpus(
            paths, model=model, workers=workers, cache_dir=cache_dir,
            on_skip=on_skip, progress=progress, report=report, meanwhile=_import_exporters, prune_cache=prune_cache,
        )
        from egovkg.graph.export import write_quads
        from egovkg.graph.rdf import dataset_graphs

        with _Timer(report.timings, "graph"):
            graphs = dataset_graphs(corpus)
        report.outputs = write_quads(graphs, Path(out), timings=report.timings)
    return report
