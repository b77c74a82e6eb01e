#!/usr/bin/env python3
"""Dump every mention, relation and funding of corpora in a canonical text form.

    python benchmarks/dump_extractions.py OUT_DIR CORPUS_DIR... [--model rules]

Writes ``OUT_DIR/<parent>_<folder>.txt`` per corpus: one ``DOC`` line per document, then its
mentions (``M``), relations (``R``) and fundings (``F``) as their ``repr``. Dump before and
after a refactoring meant to keep the output (a speed change, a clean-up) and ``diff -r``
the two folders: any difference is a change of behaviour.
"""
from __future__ import annotations

import argparse
from pathlib import Path


def dump(corpus: Path, out: Path, nlp) -> int:  # type: ignore[no-untyped-def]
    """Write the dump of one corpus folder; returns the number of documents."""
    from egovkg.ingest.extract import extract_all
    from egovkg.ingest.load import load_documents

    docs = load_documents([corpus]).documents
    lines = []
    for ex in extract_all(nlp, docs, workers=1):
        lines.append(f"DOC {ex.document.doc_id} {ex.document.source}")
        lines += [f"M {m!r}" for m in ex.mentions]
        lines += [f"R {r!r}" for r in ex.relations]
        lines += [f"F {f!r}" for f in ex.fundings]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(docs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("corpora", type=Path, nargs="+")
    ap.add_argument("--model", default="rules")
    a = ap.parse_args()
    from egovkg.ingest.nlp import make_pipeline

    a.out.mkdir(parents=True, exist_ok=True)
    nlp = make_pipeline(a.model)
    for corpus in a.corpora:
        n = dump(corpus, a.out / ("_".join(corpus.resolve().parts[-2:]) + ".txt"), nlp)
        print(f"{corpus}: {n} documents")


if __name__ == "__main__":
    main()
