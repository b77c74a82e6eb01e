"""locatedIn patterns (egovkg.ingest.rel_location)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import triples  # noqa: E402

M, D, O, MIN, ST = "Municipality", "District", "Organization", "Ministry", "State"


def test_list_of_towns_in_a_district(doc_factory):
    text = "Neu dabei sind die Verbandsgemeinden Asch und Colm im Landkreis Tannau."
    got = triples(doc_factory, text, [("Asch", M, "Asch"), ("Colm", M, "Colm"), ("Landkreis Tannau", D, "Landkreis Tannau")])
    assert got == {("Asch", "locatedIn", "Landkreis Tannau"), ("Colm", "locatedIn", "Landkreis Tannau")}


def test_institute_with_abbreviation_in_town_and_body_from_town(doc_factory):
    text = ("Entwickelt hat die App das Institut für Datendienste (IfD) in Colm. Den Betrieb übernimmt die KDVZ aus "
            "Asch.")
    ents = [("Institut für Datendienste", O, "IfD"), ("IfD", O, "IfD"), ("Colm", M, "Colm"), ("KDVZ", O, "KDVZ"),
            ("Asch", M, "Asch")]
    got = triples(doc_factory, text, ents)
    assert got == {("IfD", "locatedIn", "Colm"), ("KDVZ", "locatedIn", "Asch")}


def test_person_from_town_is_not_located(doc_factory):
    text = "Die Stadt Asch wirbt um Gäste aus Colm."
    got = triples(doc_factory, text, [("Stadt Asch", M, "Asch"), ("Colm", M, "Colm")])
    assert got == set()


def test_seat_of_the_body_of_the_previous_sentence(doc_factory):
    text = "Über die KDVZ: Die KDVZ betreut 40 Kommunen. Die Geschäftsstelle hat ihren Sitz in Colm."
    got = triples(doc_factory, text, [("KDVZ", O, "KDVZ"), ("KDVZ", O, "KDVZ"), ("Colm", M, "Colm")])
    assert ("KDVZ", "locatedIn", "Colm") in got


def test_generic_town_in_district(doc_factory):
    text = "Die Stadt Asch wechselt. Neuer Partner der Stadt im Kreis Tannau ist die KDVZ."
    got = triples(doc_factory, text, [("Stadt Asch", M, "Asch"), ("Kreis Tannau", D, "Kreis Tannau"), ("KDVZ", O, "KDVZ")])
    assert ("Asch", "locatedIn", "Kreis Tannau") in got


def test_postal_address_of_a_body(doc_factory):
    text = "Pressekontakt\nKDVZ Nord\nHafenstraße 12, 24103 Kiel\nTelefon 0431 000"
    got = triples(doc_factory, text, [("KDVZ Nord", O, "KDVZ Nord"), ("Kiel", M, "Kiel")])
    assert got == {("KDVZ Nord", "locatedIn", "Kiel")}
    text2 = "Die Stadt Asch zog 2019 um nach 24103 Kiel."
    assert triples(doc_factory, text2, [("Stadt Asch", M, "Asch"), ("Kiel", M, "Kiel")]) == set()


def test_it_provider_apposition_supports_the_town(doc_factory):
    text = "Die KDVZ GmbH, kommunaler IT-Dienstleister der Stadt Asch, baut ein Rechenzentrum."
    got = triples(doc_factory, text, [("KDVZ GmbH", O, "KDVZ"), ("Stadt Asch", M, "Asch")])
    assert got == {("KDVZ", "supports", "Asch")}
    text2 = "Die KDVZ GmbH, ein Kunde der Stadt Asch, baut ein Rechenzentrum."
    assert triples(doc_factory, text2, [("KDVZ GmbH", O, "KDVZ"), ("Stadt Asch", M, "Asch")]) == set()


# --- lead (egovkg.ingest.rel_agents) --------------------------------------------------------

def test_lead_body_runs_the_docs_programme(doc_factory):
    text = ("Das Land Hessen startet den „Zukunftspakt Verwaltung“. Viele loben das. Es gibt Kritik. Geld fehlt. "
            "Die Federführung auf Landesseite liegt beim Ministerium für Digitales.")
    ents = [("Land Hessen", ST, "Hessen"), ("Zukunftspakt Verwaltung", "Programme", "Zukunftspakt Verwaltung"),
            ("Ministerium für Digitales", MIN, "Ministerium für Digitales")]
    got = triples(doc_factory, text, ents)
    assert ("Ministerium für Digitales", "runs", "Zukunftspakt Verwaltung") in got


def test_lead_by_a_person_or_without_programme_gives_no_runs(doc_factory):
    text = "Die Leitung hat Max Ott von der KDVZ übernommen."
    got = triples(doc_factory, text, [("Max Ott", "Person", "Max Ott"), ("KDVZ", O, "KDVZ")])
    assert not any(p == "runs" for _, p, _ in got)
    text2 = "Unter Leitung der KDVZ wird das Rechenzentrum erneuert."
    assert triples(doc_factory, text2, [("KDVZ", O, "KDVZ")]) == set()
