"""Relations and fundings of one document: the entry point of fact extraction.

``extract_facts(doc, document)`` runs every extractor on a Doc whose entities are already
typed (``label_`` = ontology class, ``kb_id_`` = canonical name inside the document; the token
and entity tables ``egov_finalize`` leaves on the Doc are read, and removed, instead):

* ``rel_roles``     people's posts -> heads / worksFor / memberOf (party);
* ``rel_patterns``  membership, cooperation, programmes, location (surface patterns);
* ``rel_agents``    supports / funds / runs around verbs (passive, attributive, active);
* ``rel_relative``  supports in relative clauses and copulas ("..., die die IT der Stadt X betreut");
* ``rel_programme_frames`` grant notices handed over, joint projects, first users of a programme;
* ``rel_place_forms`` places in brackets, "in X ansässig", communes' seats, "an der Spitze";
* ``rel_deps``      DependencyMatcher patterns, only when the Doc has a dependency parse;
* ``rel_funding``   sums of money -> Funding;
* ``rel_interview`` "wir" in the answers of an interviewed head (after the others: it needs their posts).

Then it keeps what the domain/range table of ``ontology/relations/domain_range.json``
allows, never relates an entity to itself, and keeps one Relation per (triple, evidence
sentence): the same fact found in several sentences keeps all its evidences.
"""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc

from egovkg.ingest import (rel_agents, rel_funding, rel_interview, rel_patterns, rel_place_forms,
                           rel_programme_frames, rel_relative, rel_roles)
from egovkg.ingest.ner_finalize import take_fact_tables
from egovkg.ingest.rel_base import Context
from egovkg.ingest.rel_config import RelConfig, fits, load_config
from egovkg.ingest.rel_words import tables_text
from egovkg.model import Amount, Document, Evidence, Funding, Relation

__all__ = ["extract_facts", "filter_relations"]


def extract_facts(
    doc: Doc,
    document: Document,
    *,
    config: RelConfig | None = None,
    amounts: Sequence[Amount] | None = None,
) -> tuple[list[Relation], list[Funding]]:
    """All relations and fundings one document states.

    Args:
        doc: The processed text of ``document`` (``doc.text == document.text``) with typed ents.
        document: The document (its id and date go on every Evidence).
        config: Word lists and patterns; default ``load_config()`` (``ontology/relations``).
        amounts: Sums of money in ``doc.text``; default ``egovkg.ingest.money.find_amounts``.

    Returns:
        ``(relations, fundings)`` in text order of their evidence.
    """
    cfg = config or load_config()
    tables = take_fact_tables(doc)
    if tables is not None and not tables.ents:  # no entity: nothing to relate or fund, no index needed
        return [], []
    if tables is not None and amounts is None and len({(e.label, e.kb or e.text) for e in tables.ents}) == 1:
        # one entity only (as _two_entities reads the Context): no relation is kept, a funding
        # needs a sum of money; without one the Doc needs no index
        amounts = rel_funding.amounts_in(tables_text(tables))
        if not amounts:
            return [], []
    ctx = Context(doc, document, cfg, tables)
    if not ctx.ents or not ctx.sents:
        return [], []
    rels: list[Relation] = []
    if _two_entities(ctx):  # else every relation would join an entity to itself: none is kept
        rels += rel_roles.extract(ctx)
        rels += rel_patterns.extract(ctx)
        rels += rel_agents.extract(ctx)
        rels += rel_relative.extract(ctx)
        rels += rel_programme_frames.extract(ctx)
        rels += rel_place_forms.extract(ctx)
        if doc.has_annotation("DEP"):
            from egovkg.ingest import rel_deps

            rels += rel_deps.extract(ctx)
    fundings = rel_funding.extract(ctx, amounts)
    rels += _state_runs_own_programme(rels, fundings, ctx)
    rels += rel_interview.extract(ctx, rels)
    return filter_relations(rels, cfg), _dedupe_fundings(fundings)


def _two_entities(ctx: Context) -> bool:
    """Whether the Doc names two distinct entities: the relation extractors relate only
    mentions of the Context (``filter_relations`` drops an entity related to itself)."""
    first = ctx.ents[0].key
    return any(e.key != first for e in ctx.ents)


def filter_relations(rels: Sequence[Relation], cfg: RelConfig) -> list[Relation]:
    """Drop self-relations and facts outside the domain/range table; one Relation per
    (subject, predicate, object, evidence span), the most confident one."""
    best: dict[tuple, Relation] = {}
    for r in rels:
        if r.subject == r.object:
            continue
        if not fits(cfg, r.predicate, r.subject[0], r.object[0]):
            continue
        s, o = r.subject, r.object
        if r.predicate == "cooperatesWith" and o < s:
            s, o = o, s
        key = (s, r.predicate, o, r.evidence.start, r.evidence.end)
        if key not in best or r.evidence.confidence > best[key].evidence.confidence:
            best[key] = r
    return sorted(best.values(), key=lambda r: (r.evidence.start, r.predicate, r.subject, r.object))


def _dedupe_fundings(fundings: Sequence[Funding]) -> list[Funding]:
    seen: set[tuple] = set()
    out = []
    for f in fundings:
        key = (f.amount.start, f.amount.end, f.funder, f.recipient, f.programme)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _state_runs_own_programme(rels: Sequence[Relation], fundings: Sequence[Funding],
                              ctx: Context) -> list[Relation]:
    """A Land that pays for a programme nobody else is said to run is taken to run it."""
    run = {r.object for r in rels if r.predicate == "runs"}
    shares = tuple(ctx.cfg.funding.get("share_words", []))
    out = []
    for f in fundings:
        sentence = f" {f.evidence.sentence.lower()} "
        if any(f" {w} " in sentence for w in shares):
            continue  # "Das Land übernimmt davon ...": pays a share of another's project
        if f.funder and f.programme and f.funder[0] == "State" and f.programme not in run:
            ev = f.evidence
            out.append(Relation(f.funder, "runs", f.programme,
                                Evidence(ev.doc_id, ev.sentence, ev.start, ev.end,
                                         "inference:state-funds-programme", 0.5, None, ev.date)))
            run.add(f.programme)
    return out
