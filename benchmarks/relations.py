#!/usr/bin/env python3
"""CPU time of relation extraction, per extractor, on processed documents.

    python benchmarks/relations.py CORPUS_DIR [--docs 500] [--repeats 3]

Loads the first ``--docs`` files of CORPUS_DIR, runs the rules pipeline on them once (not
timed), then times ``time.process_time()`` of what ``egovkg.ingest.relations.extract_facts``
runs, stage by stage: building the ``Context``, ``rel_roles``, ``rel_patterns``,
``rel_agents``, ``rel_funding`` (with the money parser) and the final filter. Prints the best
of ``--repeats`` runs per stage (the machine is shared: the minimum is the stable figure) and
the number of relations, so two versions of the code can be compared on the same input.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()

    from egovkg.ingest import rel_agents, rel_funding, rel_patterns, rel_roles
    from egovkg.ingest.load import load_documents
    from egovkg.ingest.nlp import make_pipeline
    from egovkg.ingest.rel_base import Context
    from egovkg.ingest.rel_config import load_config
    from egovkg.ingest.relations import filter_relations

    files = sorted(p for p in args.corpus.rglob("*") if p.is_file())[: args.docs]
    documents = load_documents(files).documents
    nlp = make_pipeline("rules")
    pairs = [(nlp(d.text), d) for d in documents]
    cfg = load_config()
    stages = ("context", "roles", "patterns", "agents", "funding", "filter")
    best = dict.fromkeys(stages, float("inf"))
    count = 0
    for _ in range(args.repeats):
        spent = dict.fromkeys(stages, 0.0)
        count = 0
        for doc, document in pairs:
            t0 = time.process_time()
            ctx = Context(doc, document, cfg)
            spent["context"] += time.process_time() - t0
            if not ctx.ents or not ctx.sents:
                continue
            rels = []
            for name, extract in (("roles", rel_roles.extract), ("patterns", rel_patterns.extract),
                                  ("agents", rel_agents.extract), ("funding", None)):
                t0 = time.process_time()
                if extract is None:
                    rel_funding.extract(ctx, None)
                else:
                    rels += extract(ctx)
                spent[name] += time.process_time() - t0
            t0 = time.process_time()
            count += len(filter_relations(rels, cfg))
            spent["filter"] += time.process_time() - t0
        best = {k: min(best[k], spent[k]) for k in stages}
    print(f"{len(pairs)} documents, {count} relations (without funding inferences)")
    for k in stages:
        print(f"  {k:9s} {best[k]:7.3f} s CPU")
    print(f"  {'no funding':9s} {sum(v for k, v in best.items() if k != 'funding'):7.3f} s CPU")


if __name__ == "__main__":
    main()
