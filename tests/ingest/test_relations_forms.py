"""More general German forms: shareholders, acronym compound posts, board seats, titles with
a date before them, competitions, a Land supported by a provider, prize money."""
from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import amount, funding_rows, run, triples  # noqa: E402

M, D, O, MIN, ST, PER, P = "Municipality", "District", "Organization", "Ministry", "State", "Person", "Programme"


def test_shareholder_of_a_company_is_member(doc_factory):
    text = "Ab Januar wird der Landkreis Talburg Gesellschafter der Regio-IT Nordheim."
    ents = [("Landkreis Talburg", D, "Landkreis Talburg"), ("Regio-IT Nordheim", O, "Regio-IT Nordheim")]
    assert triples(doc_factory, text, ents) == {("Landkreis Talburg", "memberOf", "Regio-IT Nordheim")}


def test_no_shareholder_gives_no_membership(doc_factory):
    text = "Der Landkreis Talburg ist nicht Gesellschafter der Regio-IT Nordheim."
    ents = [("Landkreis Talburg", D, "Landkreis Talburg"), ("Regio-IT Nordheim", O, "Regio-IT Nordheim")]
    assert ("Landkreis Talburg", "memberOf", "Regio-IT Nordheim") not in triples(doc_factory, text, ents)


def test_acronym_compound_post_names_body_with_longer_name_not_a_party(doc_factory):
    text = ("Die RZV Nordheim betreut viele Kommunen. Das sagte Landrat Hans Roth (SPD). "
            "RZV-Geschäftsführerin Eva Brandt sprach von Vertrauen.")
    ents = [("RZV Nordheim", O, "RZV Nordheim"), ("Hans Roth", PER, "Hans Roth"), ("SPD", O, "SPD"),
            ("Eva Brandt", PER, "Eva Brandt")]
    got = triples(doc_factory, text, ents)
    assert ("Eva Brandt", "heads", "RZV Nordheim") in got
    assert ("Eva Brandt", "heads", "SPD") not in got


def test_party_is_never_the_fallback_employer(doc_factory):
    text = "Das sagte Landrat Hans Roth (SPD). Geschäftsführerin Eva Brandt sprach von Vertrauen."
    ents = [("Hans Roth", PER, "Hans Roth"), ("SPD", O, "SPD"), ("Eva Brandt", PER, "Eva Brandt")]
    got = triples(doc_factory, text, ents)
    assert not any(s == "Eva Brandt" and p in ("heads", "worksFor") for s, p, _ in got)


def test_competition_announced_is_run(doc_factory):
    text = "Das Digitalministerium Sachsen hat den Wettbewerb „Smarte Ortsmitte“ ausgelobt."
    ents = [("Digitalministerium Sachsen", MIN, "Digitalministerium Sachsen"), ("Smarte Ortsmitte", P, "Smarte Ortsmitte")]
    assert ("Digitalministerium Sachsen", "runs", "Smarte Ortsmitte") in triples(doc_factory, text, ents)


def test_city_councillor_works_for_town(doc_factory):
    text = "Max Ober, Stadtrat für Soziales der Stadt Lindenau, begrüßte die neue Lösung."
    ents = [("Max Ober", PER, "Max Ober"), ("Stadt Lindenau", M, "Lindenau")]
    assert triples(doc_factory, text, ents) == {("Max Ober", "worksFor", "Lindenau")}


def test_board_seat_is_a_post_not_a_membership(doc_factory):
    text = "„Das spart Zeit“, sagte Eva Brandt, Mitglied des Vorstands von Regio-IT Nordheim."
    ents = [("Eva Brandt", PER, "Eva Brandt"), ("Regio-IT Nordheim", O, "Regio-IT Nordheim")]
    assert triples(doc_factory, text, ents) == {("Eva Brandt", "worksFor", "Regio-IT Nordheim")}


def test_plain_member_stays_member(doc_factory):
    text = "„Das spart Zeit“, sagte Eva Brandt, Mitglied der Regio-IT Nordheim."
    ents = [("Eva Brandt", PER, "Eva Brandt"), ("Regio-IT Nordheim", O, "Regio-IT Nordheim")]
    assert triples(doc_factory, text, ents) == {("Eva Brandt", "memberOf", "Regio-IT Nordheim")}


def test_english_title_after_a_start_date(doc_factory):
    text = "Eva Brandt ist seit dem 1. März Chief Information Officer (CIO) der Stadt Lindenau."
    ents = [("Eva Brandt", PER, "Eva Brandt"), ("Stadt Lindenau", M, "Lindenau")]
    assert triples(doc_factory, text, ents) == {("Eva Brandt", "worksFor", "Lindenau")}


def test_capitalised_words_without_a_post_give_nothing(doc_factory):
    text = "Eva Brandt ist seit dem 1. März Expertin Digitaler Wandel in der Stadt Lindenau."
    ents = [("Eva Brandt", PER, "Eva Brandt"), ("Stadt Lindenau", M, "Lindenau")]
    assert triples(doc_factory, text, ents) == set()


def test_provider_supports_a_land(doc_factory):
    text = "Bei der Umstellung wurde Bremen von Dataport unterstützt."
    ents = [("Bremen", ST, "Bremen"), ("Dataport", O, "Dataport")]
    assert triples(doc_factory, text, ents) == {("Dataport", "supports", "Bremen")}


def test_land_after_a_ministry_acronym_is_no_patient(doc_factory):
    text = "Begleitet wird der Umbau vom Ministerium für Digitales (MfD) des Landes Sachsen."
    ents = [("Ministerium für Digitales", MIN, "Ministerium für Digitales"), ("Landes Sachsen", ST, "Sachsen")]
    assert ("Ministerium für Digitales", "supports", "Sachsen") not in triples(doc_factory, text, ents)


def test_prize_money_of_a_competition_is_a_funding(doc_factory):
    text = "Der Wettbewerb „Smarte Ortsmitte“ ist mit insgesamt 90.000 Euro dotiert."
    ents = [("Smarte Ortsmitte", P, "Smarte Ortsmitte")]
    _, funds = run(doc_factory, text, ents, [amount(text, "90.000 Euro", value=90000)])
    assert funding_rows(funds) == {(None, None, "Smarte Ortsmitte", Decimal(90000), None, None)}


def test_population_is_no_funding_even_with_a_programme(doc_factory):
    text = "Die Stadt Lindenau im Programm „Smarte Ortsmitte“ hat 90.000 Einwohner."
    ents = [("Stadt Lindenau", M, "Lindenau"), ("Smarte Ortsmitte", P, "Smarte Ortsmitte")]
    _, funds = run(doc_factory, text, ents, [amount(text, "90.000", value=90000)])
    assert funds == []


def test_seat_of_the_body_named_as_agent_before(doc_factory):
    text = "Betrieben wird das Portal von Regio-IT Nordheim. Die Anstalt mit Sitz in Colm betreut viele Städte."
    ents = [("Regio-IT Nordheim", O, "Regio-IT Nordheim"), ("Colm", M, "Colm")]
    assert ("Regio-IT Nordheim", "locatedIn", "Colm") in triples(doc_factory, text, ents)


def test_seat_of_a_body_only_placed_before_is_not_taken(doc_factory):
    text = "Das Treffen fand in Regio-IT Nordheim statt. Die Anstalt mit Sitz in Colm betreut viele Städte."
    ents = [("Regio-IT Nordheim", O, "Regio-IT Nordheim"), ("Colm", M, "Colm")]
    assert ("Regio-IT Nordheim", "locatedIn", "Colm") not in triples(doc_factory, text, ents)


def test_county_town_lies_in_its_district(doc_factory):
    text = "Colm ist Kreisstadt des Landkreises Wiesental und hat sich früh beworben."
    ents = [("Colm", M, "Colm"), ("Landkreises Wiesental", D, "Landkreis Wiesental")]
    assert triples(doc_factory, text, ents) == {("Colm", "locatedIn", "Landkreis Wiesental")}


def test_town_beside_a_county_town_is_not_placed(doc_factory):
    text = "Colm grenzt an die Kreisstadt Asch."
    ents = [("Colm", M, "Colm"), ("Asch", M, "Asch")]
    assert not any(p == "locatedIn" for _, p, _ in triples(doc_factory, text, ents))
