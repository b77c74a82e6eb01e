"""Per-document outputs for batch jobs, and merging them into the graph files.

The scale-out path (docs/scaling.md) splits the build where it is embarrassingly parallel:

* ``extract_files`` (``egovkg extract FILE... --out DIR``) reads, cleans and extracts each
  document and writes ``<doc_id>.json`` (the ``Extraction``: mentions, relations, fundings
  with their evidence, entity keys still document-local) and ``<doc_id>.trig`` (what that
  document says, as RDF, with entities resolved inside the document only).
* ``merge_dirs`` (``egovkg merge DIR... --out OUT``) reads the JSON files, orders them as
  ``egovkg build`` would, runs corpus-level entity resolution (``ingest.resolve``: the only
  global step) and writes the same files as ``egovkg build``.

The JSON is the authoritative hand-over; the TriG is for bulk loading into a triple store
before (or without) the merge. Its IRIs are the stable slugs of canonical names, so most of
them equal the merged graph's, but merges that need other documents (a typo in a person's
name, the label most documents use) can only happen in ``merge_dirs``.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from egovkg.errors import EgovkgError
from egovkg.graph.io import atomic_write_bytes
from egovkg.model import Amount, Document, Evidence, Extraction, Funding, Mention, Relation

FORMAT = "egovkg-extraction"
FORMAT_VERSION = 1

Progress = Callable[[str, int, int], None]


# ----------------------------------------------------------------------------- JSON codec
def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _dec(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def _key(value: Sequence[str] | None) -> tuple[str, str] | None:
    return (value[0], value[1]) if value else None


def _evidence_json(ev: Evidence) -> dict[str, Any]:
    return {"doc_id": ev.doc_id, "sentence": ev.sentence, "start": ev.start, "end": ev.end,
            "extractor": ev.extractor, "confidence": ev.confidence, "role": ev.role,
            "date": ev.date.isoformat() if ev.date else None}


def _evidence(d: dict[str, Any]) -> Evidence:
    return Evidence(d["doc_id"], d["sentence"], d["start"], d["end"], d["extractor"], d["confidence"],
                    d.get("role"), _date(d.get("date")))


def _amount_json(a: Amount) -> dict[str, Any]:
    def s(v: Decimal | None) -> str | None:
        return None if v is None else str(v)

    return {"text": a.text, "start": a.start, "end": a.end, "value": s(a.value), "min_value": s(a.min_value),
            "max_value": s(a.max_value), "currency": a.currency, "approximate": a.approximate, "each": a.each}


def _amount(d: dict[str, Any]) -> Amount:
    return Amount(d["text"], d["start"], d["end"], _dec(d.get("value")), _dec(d.get("min_value")),
                  _dec(d.get("max_value")), d.get("currency", "EUR"), d.get("approximate", False),
                  d.get("each", False))


def extraction_to_json(ex: Extraction, *, seq: int = 0, pipeline: str = "") -> dict[str, Any]:
    """A JSON-ready dict of one Extraction (exact: ``extraction_from_json`` gives it back).

    Args:
        ex: The extraction.
        seq: Position of the document among those of its source file (0 = the article, then
            its teasers), used to order documents as ``egovkg build`` does.
        pipeline: ``ingest.extract.pipeline_id`` of the pipeline that made it.
    """
    d = ex.document
    return {
        "format": FORMAT, "version": FORMAT_VERSION, "pipeline": pipeline, "seq": seq,
        "document": {"doc_id": d.doc_id, "source": d.source, "title": d.title, "text": d.text,
                     "date": d.date.isoformat() if d.date else None, "sha256": d.sha256,
                     "kind": d.kind, "parent": d.parent},
        "mentions": [[m.start, m.end, m.text, m.type, m.canonical, m.extractor, list(m.external), m.ags, m.form]
                     for m in ex.mentions],
        "relations": [{"subject": list(r.subject), "predicate": r.predicate, "object": list(r.object),
                       "evidence": _evidence_json(r.evidence)} for r in ex.relations],
        "fundings": [{"amount": _amount_json(f.amount), "evidence": _evidence_json(f.evidence),
                      "funder": list(f.funder) if f.funder else None,
                      "recipient": list(f.recipient) if f.recipient else None,
                      "programme": list(f.programme) if f.programme else None} for f in ex.fundings],
    }


def extraction_from_json(data: dict[str, Any]) -> Extraction:
    """The Extraction of a dict written by :func:`extraction_to_json`.

    Raises:
        EgovkgError: not an egovkg extraction, or a newer format version.
    """
    if data.get("format") != FORMAT:
        raise EgovkgError("not an egovkg extraction file (missing 'format': 'egovkg-extraction')")
    if int(data.get("version", 0)) > FORMAT_VERSION:
        raise EgovkgError(f"extraction format version {data['version']} is newer than this egovkg reads "
                          f"({FORMAT_VERSION}); upgrade egovkg")
    d = data["document"]
    doc = Document(d["doc_id"], d["source"], d["title"], d["text"], _date(d.get("date")), d["sha256"],
                   d.get("kind", "article"), d.get("parent"))
    mentions = [Mention(m[0], m[1], m[2], m[3], m[4], m[5], tuple(m[6]), m[7], m[8]) for m in data["mentions"]]
    relations = [Relation(_key(r["subject"]), r["predicate"], _key(r["object"]), _evidence(r["evidence"]))
                 for r in data["relations"]]
    fundings = [Funding(_amount(f["amount"]), _evidence(f["evidence"]), _key(f.get("funder")),
                        _key(f.get("recipient")), _key(f.get("programme"))) for f in data["fundings"]]
    return Extraction(doc, mentions, relations, fundings)  # type: ignore[arg-type]


def dumps(ex: Extraction, *, seq: int = 0, pipeline: str = "") -> bytes:
    """UTF-8 JSON of one Extraction, keys sorted (the same extraction gives the same bytes)."""
    text = json.dumps(extraction_to_json(ex, seq=seq, pipeline=pipeline), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return (text + "\n").encode("utf-8")


# ----------------------------------------------------------------------------- per-document RDF
def document_trig(ex: Extraction) -> bytes:
    """TriG of what one document says, entities resolved within the document only."""
    from egovkg.graph.export import serialize_trig
    from egovkg.graph.oxi import RankedQuads
    from egovkg.graph.rdf import dataset_quads
    from egovkg.ingest.resolve import resolve

    return serialize_trig(RankedQuads.of(dataset_quads(resolve([ex]))).rdflib_quads())


# ----------------------------------------------------------------------------- extract
@dataclass
class ExtractResult:
    """What ``extract_files`` did."""

    model: str = ""
    written: list[Path] = field(default_factory=list)
    skipped: list = field(default_factory=list)  # egovkg.ingest.load.Skipped
    documents: int = 0


def extract_files(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    *,
    model: str = "auto",
    workers: int | None = None,
    trig: bool = True,
    on_skip: Callable | None = None,
    progress: Progress | None = None,
) -> ExtractResult:
    """Extract every document below ``paths`` into ``out_dir``: ``<doc_id>.json`` (+ ``.trig``).

    The batch-job entry point: give each worker a share of the files (many per call: starting
    the pipeline takes a few seconds). Outputs are written atomically, so a re-run after a
    failure simply overwrites them.

    Args:
        paths: Files and folders (folders recursively).
        out_dir: Created if missing.
        model: As for ``egovkg build``.
        workers: Processes for NER and extraction; None: one per CPU core.
        trig: Also write the per-document TriG.
        on_skip: Called with each skipped file.
        progress: Called as ``progress(stage, done, total)``.
    """
    from egovkg.ingest.spacy_import import import_spacy

    import_spacy()  # without spaCy's command-line package, which extraction never uses
    from egovkg.ingest.extract import extract_all, pipeline_id
    from egovkg.ingest.load import load_documents
    from egovkg.ingest.nlp import describe_model, make_pipeline

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    loaded = load_documents(paths, on_skip=on_skip)
    nlp = make_pipeline(model)
    result = ExtractResult(model=describe_model(nlp), skipped=list(loaded.skipped))
    docs = [d for d in loaded.documents if len(d.text) <= nlp.max_length]
    for d in loaded.documents:
        if len(d.text) > nlp.max_length:
            _skip(result, on_skip, d.source, f"text too long for NER ({len(d.text):,} characters)")
    extractions = extract_all(nlp, docs, workers=workers, progress=progress)
    pid = pipeline_id(nlp)
    seq: dict[str, int] = {}
    for ex in extractions:
        source = ex.document.source
        n = seq.get(source, 0)
        seq[source] = n + 1
        doc_id = ex.document.doc_id
        result.written.append(atomic_write_bytes(out / f"{doc_id}.json", dumps(ex, seq=n, pipeline=pid)))
        if trig:
            result.written.append(atomic_write_bytes(out / f"{doc_id}.trig", document_trig(ex)))
    result.documents = len(extractions)
    return result


def _skip(result: ExtractResult, on_skip: Callable | None, path: str, reason: str) -> None:
    from egovkg.ingest.load import Skipped

    item = Skipped(path, reason)
    result.skipped.append(item)
    if on_skip is not None:
        on_skip(item)


# ----------------------------------------------------------------------------- merge
def _order_key(data: dict[str, Any]) -> tuple:
    """Order of ``egovkg build`` over one folder: by path (each level sorted by name), the
    article before its teasers."""
    return (Path(data["document"]["source"]).parts, int(data.get("seq", 0)))


def read_extractions(dirs: Iterable[str | Path]) -> tuple[list[Extraction], set[str]]:
    """Every ``*.json`` extraction below ``dirs``, in build order, each document once.

    Returns:
        The extractions and the set of pipeline ids that made them (more than one means the
        outputs were made by different code or models).

    Raises:
        EgovkgError: a missing folder or an unreadable file.
    """
    items: list[dict[str, Any]] = []
    for d in dirs:
        folder = Path(d)
        if not folder.is_dir():
            raise EgovkgError(f"{folder}: not a folder of extractions")
        for path in sorted(folder.rglob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise EgovkgError(f"{path}: cannot read extraction: {exc}") from exc
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise EgovkgError(f"{path}: not an egovkg extraction file (no 'format': '{FORMAT}')")
            items.append(data)
    items.sort(key=_order_key)
    seen: set[str] = set()
    out: list[Extraction] = []
    pipelines: set[str] = set()
    for data in items:
        ex = extraction_from_json(data)
        if ex.document.doc_id in seen:  # an exact duplicate file or a teaser seen on two pages
            continue
        seen.add(ex.document.doc_id)
        pipelines.add(str(data.get("pipeline", "")))
        out.append(ex)
    return out, pipelines


def merge_dirs(dirs: Sequence[str | Path], out: str | Path, *, allow_mixed: bool = False):
    """Resolve entities over all per-document extractions in ``dirs`` and write the graph files.

    Args:
        dirs: Folders written by :func:`extract_files` (read recursively).
        out: Output folder (the same files as ``egovkg build``).
        allow_mixed: Merge extractions made by different pipeline versions (code, word lists
            or model); by default that is an error, since the graph would mix two rule sets.

    Returns:
        ``egovkg.pipeline.BuildReport``; ``model`` names the base pipeline(s), ``timings`` has
        ``read extractions``, ``merge``, ``graph`` and the ``export:*`` steps.

    Raises:
        EgovkgError: unreadable input, or mixed pipeline versions without ``allow_mixed``.
    """
    import time

    from egovkg.graph.export import write_quads
    from egovkg.graph.rdf import dataset_quads
    from egovkg.ingest.resolve import resolve
    from egovkg.pipeline import BuildReport, gc_paused

    report = BuildReport()
    t = report.timings
    t0 = time.perf_counter()
    extractions, pipelines = read_extractions(dirs)
    t["read extractions"] = time.perf_counter() - t0
    if len(pipelines) > 1 and not allow_mixed:
        raise EgovkgError(f"the extractions were made by {len(pipelines)} different pipeline versions; "
                          "re-extract them with one version (or pass --allow-mixed)")
    with gc_paused():
        t0 = time.perf_counter()
        corpus = resolve(extractions)
        t["merge"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        quads = dataset_quads(corpus)
        t["graph"] = time.perf_counter() - t0
        report.outputs = write_quads(quads, Path(out), timings=t)
    report.model = ", ".join(sorted(p.split("\x1f")[0] or "?" for p in pipelines))
    report.documents = len(corpus.documents)
    report.articles = sum(d.kind == "article" for d in corpus.documents)
    report.teasers = report.documents - report.articles
    report.entities = len(corpus.entities)
    report.relations = len({(r.subject, r.predicate, r.object) for r in corpus.relations})
    report.fundings = len(corpus.fundings)
    return report
