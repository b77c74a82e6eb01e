"""Name shapes and cue contexts found lacking on unseen articles (hand-written sentences)."""
from __future__ import annotations

import pytest

from egovkg.ingest.nlp import make_pipeline


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline("rules")


def ents(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.label_, e.kb_id_) for e in nlp(text).ents}


def test_kreis_before_a_possessive_is_no_district(nlp):
    got = ents(nlp, "Ist der Kreis unserer Partner gewachsen? Der Kreis Ihrer Kunden wächst jedes Jahr.")
    assert not any(t == "District" for t, _ in got)
    assert ("District", "Kreis Steinfurt") in ents(nlp, "Der Kreis Steinfurt wächst jedes Jahr.")


def test_civil_servant_post_introduces_a_person(nlp):
    got = ents(nlp, "Für die Gemeinde sprach die Leitende Verwaltungsbeamtin Okka Brammerlo.")
    assert ("Person", "Okka Brammerlo") in got


def test_post_and_verb_before_a_full_name(nlp):
    got = ents(nlp, "Als Geschäftsführerin leitet Jorinde Quastmann seit Mai die Kanzlei.")
    assert ("Person", "Jorinde Quastmann") in got
    # a single word after the verb is no surname
    got = ents(nlp, "Als Geschäftsführer leitet Verwaltung die Kanzlei.")
    assert not any(t == "Person" for t, _ in got)


def test_unit_name_after_a_role_is_no_person(nlp):
    got = ents(nlp, "Das Projekt führt Sabine Krollmann, Referatsleiterin Zentrale Dienste im Kreishaus.")
    assert ("Person", "Sabine Krollmann") in got
    assert not any(t == "Person" and "Zentrale" in c for t, c in got)
    got = ents(nlp, "Es sprach der Abteilungsleiter Allgemeine Verwaltung der Stadt.")
    assert not any(t == "Person" for t, _ in got)


def test_post_before_an_article_is_no_person_cue(nlp):
    got = ents(nlp, "Sie war zuletzt als Leiterin des Bereichs Bürgerdienste im Rathaus tätig.")
    assert not any(t == "Person" for t, _ in got)


def test_town_name_with_river_after_a_slash(nlp):
    doc = nlp("Die Stadt Wittstock/Dosse und die Gemeinde Lübbenau/Spreewald kooperieren.")
    got = {(e.text, e.label_, e.kb_id_) for e in doc.ents}
    assert ("Stadt Wittstock/Dosse", "Municipality", "Wittstock") in got
    assert not any(e.text in {"Dosse", "Spreewald"} for e in doc.ents)


def test_river_is_no_municipality_without_a_cue(nlp):
    got = ents(nlp, "Der Radweg folgt der Elbe bis zur Mündung, danach der Lahn.")
    assert not any(t == "Municipality" for t, _ in got)
    assert ("Municipality", "Elbe") in ents(nlp, "Die Gemeinde Elbe liegt im Landkreis Wolfenbüttel.")


def test_places_joined_by_slashes_in_a_dateline(nlp):
    got = ents(nlp, "Kiel/Lübeck/Flensburg. Drei Städte starten ein gemeinsames Portal.")
    for town in ("Kiel", "Lübeck", "Flensburg"):
        assert ("Municipality", town) in got


def test_abbreviated_saint_town_is_the_geonames_place(nlp):
    doc = nlp("St. Blasien stellt um. Die Stadt Sankt Blasien spart damit Papier.")
    got = {(e.text, e.label_, e.kb_id_) for e in doc.ents}
    assert ("St. Blasien", "Municipality", "Sankt Blasien") in got
    assert len({e.kb_id_ for e in doc.ents if e.label_ == "Municipality"}) == 1
    assert not any(e.label_ == "Municipality" for e in nlp("Die St. Marien-Kirche steht am Markt.").ents
                   if e.text.startswith("St."))


def test_company_name_joined_by_plus_and_slash(nlp):
    doc = nlp("Den Auftrag erhielt die ABC/XYZ Daten + Netze GmbH aus Kassel.")
    got = {(e.text, e.label_) for e in doc.ents}
    assert ("ABC/XYZ Daten + Netze GmbH", "Organization") in got
    assert not any(e.text == "Netze GmbH" for e in doc.ents)
    # a slash with spaces separates, it does not join
    doc = nlp("Beteiligt sind Bund und Land / Nordwest Beratung GmbH berät.")
    assert ("Nordwest Beratung GmbH", "Organization") in {(e.text, e.label_) for e in doc.ents}


def programmes(nlp, text: str) -> set[str]:
    return {e.kb_id_ for e in nlp(text).ents if e.label_ == "Programme"}


def test_unquoted_programme_name_ending_in_a_lower_case_word(nlp):
    assert "Grundbuch online" in programmes(nlp, "Das Land startet das Programm Grundbuch online im Mai.")
    assert not programmes(nlp, "Das Programm läuft digital weiter.")


def test_quoted_name_after_a_pilot_participant(nlp):
    got = programmes(nlp, "Die Gemeinde Hausen wird Modellkommune im „Gewerbeamt mobil Hessen“.")
    assert "Gewerbeamt mobil Hessen" in got
    assert not programmes(nlp, "Die Gemeinde ist Modellkommune für den „Wir machen das schon“-Ansatz.")


def test_quoted_name_before_a_launch_verb(nlp):
    assert "Digitaler Aufbruch Nord" in programmes(nlp, "Der Kreis hat den „Digitaler Aufbruch Nord“ aufgelegt.")
    assert not programmes(nlp, "Der Kreis hat den Bericht „Digitaler Aufbruch Nord“ gelesen.")


def test_amt_named_und_gemeinden(nlp):
    got = ents(nlp, "Dem Verband trat das Amt Lindow und Gemeinden im Landkreis Ostprignitz-Ruppin bei.")
    assert ("Municipality", "Amt Lindow und Gemeinden") in got
    got = ents(nlp, "Das Amt Crivitz und Gemeinden der Region beraten gemeinsam.")
    assert ("Municipality", "Crivitz") in got


def test_interview_byline_introduces_persons(nlp):
    got = ents(nlp, "Das Gespräch führten Okka Brammerlo und Radomir Quastwitz.")
    assert {("Person", "Okka Brammerlo"), ("Person", "Radomir Quastwitz")} <= got
    assert ("Person", "Radomir Quastwitz") in ents(nlp, "Die Fragen stellte Radomir Quastwitz.")
    assert not any(t == "Person" for t, _ in ents(nlp, "Das Interview führte Regie und Kamera zusammen."))
