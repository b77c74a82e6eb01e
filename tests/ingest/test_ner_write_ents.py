"""``ner_finalize._write_ents`` writes what ``Doc.set_ents`` of the candidates' Spans writes."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from egovkg.ingest.ner_base import Candidate
from egovkg.ingest.ner_finalize import _write_ents


def _ent_attrs(doc: Doc) -> list[tuple[str, str, str, str]]:
    return [(t.ent_iob_, t.ent_type_, t.ent_kb_id_, t.ent_id_) for t in doc]


def test_write_ents_equals_set_ents() -> None:
    nlp = spacy.blank("de")
    text = "Das Bundesministerium des Innern und Herr Egelkamp besuchen die Stadt Köln und Bonn ."
    chosen = [Candidate(1, 4, "Ministry", "Bundesministerium des Innern", 40, "gazetteer:ministry"),
              Candidate(6, 7, "Person", "Hans Egelkamp", 0, "coref:surname"),
              Candidate(9, 11, "Municipality", "Köln", 50, "pattern:cue"),
              Candidate(12, 13, "Municipality", "Bonn", 20, "gazetteer:geonames")]
    expected, got = nlp(text), nlp(text)
    for doc in (expected, got):  # earlier annotation: set_ents keeps kb ids and ent ids outside
        doc.set_ents([Span(doc, 0, 2, label="Organization", kb_id="Alt", span_id="x"), Span(doc, 13, 14, label="Misc")])
    expected.set_ents([Span(expected, c.start, c.end, label=c.label, kb_id=c.canonical) for c in chosen])
    _write_ents(got, chosen)
    assert _ent_attrs(got) == _ent_attrs(expected)
    assert [(e.start, e.end, e.label_, e.kb_id_) for e in got.ents] == \
        [(c.start, c.end, c.label, c.canonical) for c in chosen]


def test_write_ents_on_empty_doc() -> None:
    doc = spacy.blank("de")("")
    _write_ents(doc, [])
    assert list(doc.ents) == []
