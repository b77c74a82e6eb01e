"""Money -> Funding with funder, recipient and programme (egovkg.ingest.rel_funding)."""
from __future__ import annotations

import sys
from pathlib import Path

from decimal import Decimal

import pytest
sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import amount, funding_rows, run  # noqa: E402

M, D, P, MIN, ST = "Municipality", "District", "Programme", "Ministry", "State"


def test_neighbour_sentence_gives_funder_recipient_programme(doc_factory):
    text = ("Das Innenministerium hat die Stadt Asch zur Pilotkommune Digitales Rathaus ernannt. Damit ist laut der "
            "Verwaltung eine Förderung von bis zu 80.000 Euro verbunden.")
    ents = [("Innenministerium", MIN, "Innenministerium"), ("Stadt Asch", M, "Asch"),
            ("Digitales Rathaus", P, "Digitales Rathaus")]
    amts = [amount(text, "bis zu 80.000 Euro", hi=80000)]
    _, funds = run(doc_factory, text, ents, amts)
    assert funding_rows(funds) == {("Innenministerium", "Asch", "Digitales Rathaus", None, None, Decimal(80000))}
    ev = funds[0].evidence
    assert "Innenministerium" in ev.sentence and "80.000 Euro" in ev.sentence
    assert text[ev.start:ev.end] == ev.sentence


def test_each_sum_for_a_list_of_recipients(doc_factory):
    text = ("Mit dem Vorhaben „Digitales Rathaus“ will das Land neue Wege gehen. Bei der Umsetzung werden Asch, Colm "
            "und der Kreis Wiesental nun mit jeweils 50.000 Euro unterstützt.")
    ents = [("Digitales Rathaus", P, "Digitales Rathaus"), ("Asch", M, "Asch"), ("Colm", M, "Colm"),
            ("Kreis Wiesental", D, "Kreis Wiesental")]
    amts = [amount(text, "jeweils 50.000 Euro", value=50000, each=True)]
    _, funds = run(doc_factory, text, ents, amts)
    rows = funding_rows(funds)
    assert rows == {(None, r, "Digitales Rathaus", Decimal(50000), None, None) for r in ("Asch", "Colm", "Kreis Wiesental")}


def test_total_budget_with_generic_land_as_funder(doc_factory):
    text = ("In Thüringen sollen Modellregionen entstehen. Die Staatskanzlei lobt das Vorhaben. Auch Erfurt will "
            "mitmachen. Laut dem Digitalministerium werden das Gesamtprojekt „Smarte Orte“ und die Partner vom Land "
            "mit einem mittleren zweistelligen Millionenbetrag unterstützt.")
    ents = [("Thüringen", ST, "Thüringen"), ("Staatskanzlei", "PublicAuthority", "Staatskanzlei"),
            ("Erfurt", M, "Erfurt"), ("Digitalministerium", MIN, "Digitalministerium"),
            ("Smarte Orte", P, "Smarte Orte")]
    amts = [amount(text, "mittleren zweistelligen Millionenbetrag", lo=40_000_000, hi=60_000_000, approx=True)]
    rels, funds = run(doc_factory, text, ents, amts)
    assert funding_rows(funds) == {("Thüringen", None, "Smarte Orte", None, Decimal(40_000_000), Decimal(60_000_000))}
    # the Land that pays for a programme nobody else runs is taken to run it
    assert ("State", "Thüringen") in {r.subject for r in rels if r.predicate == "runs"}


def test_programme_of_a_land_with_sum_bound_to_projects(doc_factory):
    text = ("Die 2022 gestartete Digitaloffensive für Gemeinden in Thüringen kommt voran: 12 Millionen Euro aus dem "
            "Sondervermögen wurden an Projekte gebunden.")
    ents = [("Digitaloffensive für Gemeinden", P, "Digitaloffensive für Gemeinden"), ("Thüringen", ST, "Thüringen")]
    amts = [amount(text, "12 Millionen Euro", value=12_000_000)]
    _, funds = run(doc_factory, text, ents, amts)
    assert funding_rows(funds) == {("Thüringen", None, "Digitaloffensive für Gemeinden", Decimal(12_000_000), None, None)}


def test_total_of_programme_named_in_previous_sentence(doc_factory):
    text = ("Bund und Länder einigen sich auf den Schulpakt Digital. Dieser sieht eine Investition von insgesamt "
            "drei Milliarden Euro vor.")
    ents = [("Schulpakt Digital", P, "Schulpakt Digital")]
    amts = [amount(text, "drei Milliarden Euro", value=3_000_000_000)]
    _, funds = run(doc_factory, text, ents, amts)
    assert funding_rows(funds) == {(None, None, "Schulpakt Digital", Decimal(3_000_000_000), None, None)}


def test_active_funder_in_sentence(doc_factory):
    text = "Das Wirtschaftsministerium fördert die Gemeinde Colm mit 20.000 Euro."
    ents = [("Wirtschaftsministerium", MIN, "Wirtschaftsministerium"), ("Gemeinde Colm", M, "Colm")]
    amts = [amount(text, "20.000 Euro", value=20000)]
    rels, funds = run(doc_factory, text, ents, amts)
    assert funding_rows(funds) == {("Wirtschaftsministerium", "Colm", None, Decimal(20000), None, None)}
    assert ("Wirtschaftsministerium", "funds", "Colm") in {(r.subject[1], r.predicate, r.object[1]) for r in rels}


def test_source_is_not_funder(doc_factory):
    text = "Nach Angaben des Innenministeriums erhält die Stadt Asch 30.000 Euro vom Land Thüringen."
    ents = [("Innenministeriums", MIN, "Innenministerium"), ("Stadt Asch", M, "Asch"), ("Land Thüringen", ST, "Thüringen")]
    amts = [amount(text, "30.000 Euro", value=30000)]
    _, funds = run(doc_factory, text, ents, amts)
    assert funding_rows(funds) == {("Thüringen", "Asch", None, Decimal(30000), None, None)}


def test_sum_without_funding_cue_is_not_a_funding(doc_factory):
    text = "Die Stadt Asch hat ein neues Rathaus für 3 Millionen Euro gebaut."
    ents = [("Stadt Asch", M, "Asch")]
    amts = [amount(text, "3 Millionen Euro", value=3_000_000)]
    _, funds = run(doc_factory, text, ents, amts)
    assert funds == []


def test_sum_without_any_party_is_dropped(doc_factory):
    text = "Hans Kiefer lobt den Fortschritt. Insgesamt wurden 2 Millionen Euro an Fördermitteln ausgegeben."
    ents = [("Hans Kiefer", "Person", "Hans Kiefer")]
    amts = [amount(text, "2 Millionen Euro", value=2_000_000)]
    _, funds = run(doc_factory, text, ents, amts)
    assert funds == []


def test_population_and_counts_with_real_parser(doc_factory):
    pytest.importorskip("egovkg.ingest.money")
    text = ("Die Stadt Asch mit 52.000 Einwohnern erstellt 8.000 Gehaltsabrechnungen pro Monat. "
            "Das Innenministerium fördert Asch mit bis zu 40.000 Euro.")
    ents = [("Stadt Asch", M, "Asch"), ("Innenministerium", MIN, "Innenministerium"), ("Asch", M, "Asch")]
    _, funds = run(doc_factory, text, ents)
    assert funding_rows(funds) == {("Innenministerium", "Asch", None, None, None, Decimal(40000))}


def test_number_words_with_real_parser(doc_factory):
    pytest.importorskip("egovkg.ingest.money")
    text = "Der Bund stellt für das Programm Breitband Plus fünf Milliarden Euro bereit."
    ents = [("Bund", "Country", "Deutschland"), ("Breitband Plus", P, "Breitband Plus")]
    _, funds = run(doc_factory, text, ents)
    assert funding_rows(funds) == {("Deutschland", None, "Breitband Plus", Decimal(5_000_000_000), None, None)}


def test_funder_of_previous_sentence_not_borrowed_without_reference(doc_factory):
    text = ("Mit dem Vorhaben „Digitales Rathaus“ will der Bund neue Wege gehen. Bei der Umsetzung werden Asch und "
            "Colm mit jeweils 50.000 Euro unterstützt.")
    ents = [("Digitales Rathaus", P, "Digitales Rathaus"), ("Bund", "Country", "Deutschland"), ("Asch", M, "Asch"),
            ("Colm", M, "Colm")]
    amts = [amount(text, "jeweils 50.000 Euro", value=50000, each=True)]
    _, funds = run(doc_factory, text, ents, amts)
    assert funding_rows(funds) == {(None, r, "Digitales Rathaus", Decimal(50000), None, None) for r in ("Asch", "Colm")}


def test_generic_land_as_subject_is_funder(doc_factory):
    text = "Nordland: Neue Wege\n\nFür die Projekte stellt das Land in einem ersten Schritt mehr als 3 Millionen Euro bereit."
    ents = [("Nordland", ST, "Nordland")]
    amts = [amount(text, "mehr als 3 Millionen Euro", lo=3_000_000)]
    _, funds = run(doc_factory, text, ents, amts)
    assert funding_rows(funds) == {("Nordland", None, None, None, Decimal(3_000_000), None)}


def test_token_range_of_a_sum_equals_spacy_char_span(doc_factory):
    from egovkg.ingest.rel_base import Context
    from egovkg.ingest.rel_config import load_config
    from egovkg.ingest.rel_funding import _token_range
    from relations_helpers import document

    text = "Asch  erhält\n\n 2,5 Mio. €  vom Land;  dazu 60.000-Euro-Zuschuss. "
    doc = doc_factory(text, [("Asch", M, "Asch")])
    ctx = Context(doc, document(text), load_config())
    checked = 0
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            span = doc.char_span(start, end, alignment_mode="expand")
            want = (span.start, span.end) if span is not None and len(span) else None
            assert _token_range(ctx, start, end) == want, (start, end, text[start:end])
            checked += want is not None
    assert checked > 1000
