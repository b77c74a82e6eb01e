"""Dependency patterns on hand-built TIGER parses (egovkg.ingest.rel_deps)."""
from __future__ import annotations

import sys
from pathlib import Path

import spacy
sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import document  # noqa: E402
from spacy.tokens import Doc, Span

from egovkg.ingest import rel_deps
from egovkg.ingest.rel_base import Context
from egovkg.ingest.rel_config import load_config
from egovkg.ingest.relations import extract_facts

NLP = spacy.blank("de")


def parsed(words, heads, deps, pos, ents):
    doc = Doc(NLP.vocab, words=words, heads=heads, deps=deps, pos=pos)
    doc.ents = [Span(doc, a, b, label=label, kb_id=kb) for a, b, label, kb in ents]
    return doc


def facts(doc):
    """Facts of the whole extraction (surface + parse, filtered)."""
    rels, _ = extract_facts(doc, document(doc.text))
    return {(r.subject[1], r.predicate, r.object[1], r.evidence.extractor.split(":")[0]) for r in rels}


def dep_facts(doc):
    """Facts the dependency patterns alone find (before the domain filter)."""
    rels = rel_deps.extract(Context(doc, document(doc.text), load_config()))
    return {(r.subject[1], r.predicate, r.object[1]) for r in rels}


def test_passive_agent_via_sbp():
    doc = parsed(["Die", "Stadt", "Colm", "wird", "von", "der", "IVS", "begleitet", "."],
                 [1, 3, 1, 3, 7, 6, 4, 3, 3], ["nk", "sb", "nk", "ROOT", "sbp", "nk", "nk", "oc", "punct"],
                 ["DET", "NOUN", "PROPN", "AUX", "ADP", "DET", "PROPN", "VERB", "PUNCT"],
                 [(1, 3, "Municipality", "Colm"), (6, 7, "Organization", "IVS")])
    assert dep_facts(doc) == {("IVS", "supports", "Colm")}


def test_cooperation_expands_conjuncts():
    doc = parsed(["Colm", "kooperiert", "mit", "Asch", ",", "Birk", "und", "Dorn", "."],
                 [1, 1, 1, 2, 3, 3, 5, 6, 1], ["sb", "ROOT", "mo", "nk", "punct", "cj", "cd", "cj", "punct"],
                 ["PROPN", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "PUNCT"],
                 [(0, 1, "Municipality", "Colm"), (3, 4, "Municipality", "Asch"), (5, 6, "Municipality", "Birk"),
                  (7, 8, "Municipality", "Dorn")])
    assert dep_facts(doc) == {("Colm", "cooperatesWith", x) for x in ("Asch", "Birk", "Dorn")}


def test_copula_membership():
    doc = parsed(["Colm", "ist", "Mitglied", "der", "IVS", "."], [1, 1, 1, 4, 2, 1],
                 ["sb", "ROOT", "pd", "nk", "ag", "punct"], ["PROPN", "AUX", "NOUN", "DET", "PROPN", "PUNCT"],
                 [(0, 1, "Municipality", "Colm"), (4, 5, "Organization", "IVS")])
    assert dep_facts(doc) == {("Colm", "memberOf", "IVS")}
    assert ("Colm", "memberOf", "IVS") in {f[:3] for f in facts(doc)}


def test_apposition_role_from_parse():
    doc = parsed(["Hans", "Kiefer", ",", "Bürgermeister", "der", "Stadt", "Asch", ",", "sprach", "."],
                 [1, 8, 1, 1, 5, 3, 5, 1, 8, 8],
                 ["pnc", "sb", "punct", "app", "nk", "ag", "nk", "punct", "ROOT", "punct"],
                 ["PROPN", "PROPN", "PUNCT", "NOUN", "DET", "NOUN", "PROPN", "PUNCT", "VERB", "PUNCT"],
                 [(0, 2, "Person", "Hans Kiefer"), (5, 7, "Municipality", "Asch")])
    dep = rel_deps.extract(Context(doc, document(doc.text), load_config()))
    assert {(r.subject[1], r.predicate, r.object[1]) for r in dep} == {("Hans Kiefer", "heads", "Asch")}
    assert dep[0].evidence.role == "Bürgermeister" and dep[0].evidence.extractor == "dep:apposition-role"


def test_domain_filter_applies_to_parse_matches():
    # the parse says a municipality funds another one; funds needs a ministry, Land or body
    doc = parsed(["Asch", "fördert", "Colm", "."], [1, 1, 1, 1], ["sb", "ROOT", "oa", "punct"],
                 ["PROPN", "VERB", "PROPN", "PUNCT"],
                 [(0, 1, "Municipality", "Asch"), (2, 3, "Municipality", "Colm")])
    assert ("Asch", "funds", "Colm") in dep_facts(doc)
    assert facts(doc) == set()


def test_no_parse_no_dep_matches(doc_factory):
    doc = doc_factory("Colm kooperiert mit Asch.", [("Colm", "Municipality", "Colm"), ("Asch", "Municipality", "Asch")])
    assert not doc.has_annotation("DEP")
    assert rel_deps.extract(Context(doc, document(doc.text), load_config())) == []
