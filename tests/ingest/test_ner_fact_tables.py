"""The tables ``egov_finalize`` hands on to fact extraction (``ner_finalize.FactTables``): the
mentions, the relation Context and the facts must be exactly what reading the Doc gives."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import srsly

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import document  # noqa: E402

from egovkg.ingest.extract import doc_extraction
from egovkg.ingest.ner_finalize import FACTS_KEY, INFO_KEY, FactTables, fact_tables, take_fact_tables
from egovkg.ingest.nlp import make_pipeline
from egovkg.ingest.rel_base import Context
from egovkg.ingest.rel_config import load_config
from egovkg.ingest.relations import extract_facts

TEXT = ("Die Stadt Lindenau und der Landkreis Görlitz arbeiten beim Bürgerportal eng zusammen.\n"
        "Das Land Sachsen fördert das Vorhaben mit 250.000 Euro aus dem Programm „Digitale Dörfer“.\n\n"
        "Bürgermeisterin Eva Brandt (SPD) sagte, die Stadt Lindenau sei Mitglied im Zweckverband KISA. "
        "Das Bundesministerium des Innern und für Heimat (BMI) lobte das Projekt.  Mehr  dazu morgen.")

CONTEXT_TABLES = ("words", "low", "alpha", "cap", "lower_word", "space", "idx", "text", "ents", "sents",
                  "tok_sent", "tok_ent", "anaphora", "generic_nouns")


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline("rules")


def test_tables_describe_the_finalized_doc(nlp):
    doc = nlp(TEXT)
    tables = fact_tables(doc)
    assert isinstance(tables, FactTables)
    assert tables.text == [t.text for t in doc]
    assert tables.lower == [t.lower_ for t in doc]
    assert tables.ws == [t.whitespace_ for t in doc]
    assert tables.starts == [t.idx for t in doc]
    info = doc.user_data[INFO_KEY]
    assert len(doc.ents) >= 8
    assert [tuple(row) for row in tables.ents] == [
        (e.start, e.end, e.start_char, e.end_char, e.text, e.label_, e.kb_id_, *info[(e.start_char, e.end_char)])
        for e in doc.ents]


def test_doc_extraction_is_the_same_without_tables(nlp):
    with_tables = nlp(TEXT)
    assert FACTS_KEY in with_tables.user_data
    without = nlp(TEXT)
    without.user_data.pop(FACTS_KEY)
    a, b = doc_extraction(with_tables, document(TEXT)), doc_extraction(without, document(TEXT))
    assert a.mentions and a.relations and a.fundings
    assert any(m.external or m.form for m in a.mentions)  # the INFO_KEY fields are carried over
    assert (a.mentions, a.relations, a.fundings) == (b.mentions, b.relations, b.fundings)
    assert FACTS_KEY not in with_tables.user_data  # extract_facts took them off the Doc


def test_context_tables_are_the_same_with_and_without_tables(nlp):
    doc = nlp(TEXT)
    tables = fact_tables(doc)
    cfg = load_config()
    from_tables = Context(doc, document(TEXT), cfg, tables)
    from_doc = Context(doc, document(TEXT), cfg)
    for name in CONTEXT_TABLES:
        assert getattr(from_tables, name) == getattr(from_doc, name), name
    assert from_tables.text == TEXT
    assert from_tables.space == [t.whitespace_ for t in doc]


def test_facts_of_a_changed_doc_come_from_the_doc(nlp):
    """Tables whose tokens no longer fit, or that went through ``Doc.to_bytes``, are not used."""
    doc = nlp(TEXT)
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2])  # "Die Stadt" becomes one token
    assert fact_tables(doc) is None
    assert take_fact_tables(doc) is None and FACTS_KEY not in doc.user_data

    doc = nlp(TEXT)
    assert doc.to_bytes()  # user_data still serialises (msgpack)
    # what msgpack gives back: lists (INFO_KEY's tuple keys keep Doc.from_bytes from reading it)
    doc.user_data[FACTS_KEY] = srsly.msgpack_loads(srsly.msgpack_dumps(doc.user_data[FACTS_KEY]))
    assert isinstance(doc.user_data[FACTS_KEY], list) and fact_tables(doc) is None
    assert extract_facts(doc, document(TEXT)) == extract_facts(nlp(TEXT), document(TEXT))


def test_wrong_tables_would_show(nlp):
    """The tables are what the facts are read from: a changed entity row changes the mentions."""
    doc = nlp(TEXT)
    tables = fact_tables(doc)
    first = tables.ents[0]
    doc.user_data[FACTS_KEY] = tables._replace(ents=[first._replace(kb="Anderswo"), *tables.ents[1:]])
    mentions = doc_extraction(doc, document(TEXT)).mentions
    assert mentions[0].canonical == "Anderswo" != first.kb
