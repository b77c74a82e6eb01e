"""Fundings whose parties stand in the sentence before: back references ("davon", "aus
diesen Mitteln"), counted groups ("die drei neuen Verbandsgemeinden"), "Hinzu kommen ...";
shares of another's project do not make the Land the programme's owner."""
from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import amount, funding_rows, run  # noqa: E402

M, D, P, MIN, ST = "Municipality", "District", "Programme", "Ministry", "State"


def test_counted_group_of_towns_each_receive_a_sum(doc_factory):
    text = ("Zum Mai sind die Verbandsgemeinden Asch und Colm im Kreis Tannau sowie die Verbandsgemeinde Birkhain dem "
            "Projekt „Dorfnetz“ beigetreten. Das Ministerium für Inneres fördert das Projekt mit 900.000 Euro. In "
            "der Startphase bekommen die drei neuen Verbandsgemeinden aus diesen Mitteln jeweils 30.000 Euro.")
    ents = [("Asch", M, "Asch"), ("Colm", M, "Colm"), ("Kreis Tannau", D, "Kreis Tannau"), ("Birkhain", M, "Birkhain"),
            ("Dorfnetz", P, "Dorfnetz"), ("Ministerium für Inneres", MIN, "Ministerium für Inneres")]
    amts = [amount(text, "900.000 Euro", value=900000), amount(text, "jeweils 30.000 Euro", value=30000, each=True)]
    _, funds = run(doc_factory, text, ents, amts)
    rows = funding_rows(funds)
    for town in ("Asch", "Colm", "Birkhain"):
        assert ("Ministerium für Inneres", town, "Dorfnetz", Decimal(30000), None, None) in rows
    assert not any(r[1] == "Kreis Tannau" for r in rows)


def test_counted_group_must_match_the_number(doc_factory):
    text = ("Die Gemeinden Asch, Colm und Birkhain machen mit. Lob kommt vom Kreis Tannau. Die beiden Gemeinden "
            "erhalten jeweils 30.000 Euro.")
    ents = [("Asch", M, "Asch"), ("Colm", M, "Colm"), ("Birkhain", M, "Birkhain"), ("Kreis Tannau", D, "Kreis Tannau")]
    _, funds = run(doc_factory, text, ents, [amount(text, "jeweils 30.000 Euro", value=30000, each=True)])
    assert not any(f.recipient for f in funds)


def test_share_davon_takes_funder_and_generic_programme_from_before(doc_factory):
    text = ("Unter dem Namen „Digitales Moorland“ planen zwei Kreise ein Portal. Es gibt viel zu tun. Ein Büro "
            "entsteht. Acht Leute arbeiten dort. Die Kosten der Initiative liegen bei 2 Millionen Euro. Das Land "
            "Hessen übernimmt davon 1,5 Millionen Euro.")
    ents = [("Digitales Moorland", P, "Digitales Moorland"), ("Land Hessen", ST, "Hessen")]
    amts = [amount(text, "2 Millionen Euro", value=2_000_000), amount(text, "1,5 Millionen Euro", value=1_500_000)]
    rels, funds = run(doc_factory, text, ents, amts)
    assert ("Hessen", None, "Digitales Moorland", Decimal(1_500_000), None, None) in funding_rows(funds)
    # a share of the Kreise's project: the Land is not taken to run it
    assert not any(r.predicate == "runs" for r in rels)


def test_hinzu_kommen_borrows_funder_and_programme(doc_factory):
    text = ("Aus dem Programm „Digitales Amt“ des Ministeriums für Digitales erhält der Kreis Tannau 400.000 Euro. "
            "Hinzu kommen Einzelbescheide, so fließen etwa an die Gemeinde Asch 18.000 Euro.")
    ents = [("Digitales Amt", P, "Digitales Amt"), ("Ministeriums für Digitales", MIN, "Ministerium für Digitales"),
            ("Kreis Tannau", D, "Kreis Tannau"), ("Gemeinde Asch", M, "Asch")]
    amts = [amount(text, "400.000 Euro", value=400000), amount(text, "18.000 Euro", value=18000)]
    _, funds = run(doc_factory, text, ents, amts)
    assert funding_rows(funds) == {
        ("Ministerium für Digitales", "Kreis Tannau", "Digitales Amt", Decimal(400000), None, None),
        ("Ministerium für Digitales", "Asch", "Digitales Amt", Decimal(18000), None, None)}


def test_dafuer_refers_to_the_pact_of_the_sentence_before(doc_factory):
    text = ("Das Land Hessen und die Verbände schließen den „Zukunftspakt Verwaltung“. Mit dem Pakt wollen beide "
            "Seiten Dienste bündeln. Das Land stellt dafür 30 Millionen Euro bereit.")
    ents = [("Land Hessen", ST, "Hessen"), ("Zukunftspakt Verwaltung", P, "Zukunftspakt Verwaltung")]
    _, funds = run(doc_factory, text, ents, [amount(text, "30 Millionen Euro", value=30_000_000)])
    assert funding_rows(funds) == {("Hessen", None, "Zukunftspakt Verwaltung", Decimal(30_000_000), None, None)}
