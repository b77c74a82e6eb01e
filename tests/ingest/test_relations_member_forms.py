"""memberOf after a copula and in an appended list, 'der Verband' as the article's body
(egovkg.ingest.rel_member_forms), the office of a body and a frame of two coordinated places."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import triples  # noqa: E402

M, D, O, S, PER = "Municipality", "District", "Organization", "State", "Person"


def test_members_after_copula_with_neben(doc_factory):
    text = ("Die Verbandsversammlung des Rechenverbunds Süd tagte in Ostlingen. Der Rechenverbund Süd betreut "
            "300 Kommunen. Verbandsmitglieder sind neben den kreisfreien Städten Ostlingen und Bachrode auch "
            "viele kleine Gemeinden aus dem Kreis Talheim.")
    ents = [("Rechenverbunds Süd", O, "RVS"), ("Ostlingen", M, "Ostlingen"), ("Rechenverbund Süd", O, "RVS"),
            ("Ostlingen", M, "Ostlingen"), ("Bachrode", M, "Bachrode"), ("Kreis Talheim", D, "Kreis Talheim")]
    got = triples(doc_factory, text, ents)
    assert ("Ostlingen", "memberOf", "RVS") in got
    assert ("Bachrode", "memberOf", "RVS") in got
    assert ("Kreis Talheim", "memberOf", "RVS") not in got  # "aus dem Kreis": a place, no member


def test_members_of_named_body_after_copula(doc_factory):
    text = "Mitglieder des Zweckverbands Nordnetz sind die Stadt Ostlingen, die Gemeinde Bachrode und der Kreis Talheim."
    ents = [("Zweckverbands Nordnetz", O, "Nordnetz"), ("Ostlingen", M, "Ostlingen"), ("Bachrode", M, "Bachrode"),
            ("Kreis Talheim", D, "Kreis Talheim")]
    got = triples(doc_factory, text, ents)
    assert {(x, "memberOf", "Nordnetz") for x in ("Ostlingen", "Bachrode", "Kreis Talheim")} <= got


def test_zu_den_mitgliedern_zaehlen(doc_factory):
    text = "Zu den Gesellschaftern der Nordnetz GmbH zählen die Stadt Ostlingen und der Kreis Talheim."
    ents = [("Nordnetz GmbH", O, "Nordnetz"), ("Ostlingen", M, "Ostlingen"), ("Kreis Talheim", D, "Kreis Talheim")]
    got = triples(doc_factory, text, ents)
    assert ("Ostlingen", "memberOf", "Nordnetz") in got and ("Kreis Talheim", "memberOf", "Nordnetz") in got


def test_member_noun_without_a_body_gives_nothing(doc_factory):
    text = "Mitglieder sind die Stadt Ostlingen und die Gemeinde Bachrode. Die Mitglieder der Jury sind Ostlingen treu."
    ents = [("Ostlingen", M, "Ostlingen"), ("Bachrode", M, "Bachrode"), ("Ostlingen", M, "Ostlingen")]
    got = triples(doc_factory, text, ents)
    assert not any(p == "memberOf" for _, p, _ in got)


def test_appended_members_after_the_particle(doc_factory):
    text = ("Dem Nordnetz gehören rund 500 Städte, Gemeinden, Ämter und Kreise an, außerdem der Landkreistag Nord "
            "und der Städtetag Nord.")
    ents = [("Nordnetz", O, "Nordnetz"), ("Landkreistag Nord", O, "LKT Nord"), ("Städtetag Nord", O, "ST Nord")]
    got = triples(doc_factory, text, ents)
    assert ("LKT Nord", "memberOf", "Nordnetz") in got and ("ST Nord", "memberOf", "Nordnetz") in got


def test_joining_the_verband_of_the_article_not_a_party(doc_factory):
    text = ("Die Versammlung des Rechenverbunds Süd hat getagt. Der Rechenverbund Süd wählte einen Vorstand. "
            "Gewählt wurde Anna Berg (SPD). Sie folgt auf Max Kühn. Er war acht Jahre im Amt. "
            "Zum 1. Mai tritt die Gemeinde Bachrode dem Verband bei.")
    ents = [("Rechenverbunds Süd", O, "RVS"), ("Rechenverbund Süd", O, "RVS"), ("Anna Berg", PER, "Anna Berg"),
            ("SPD", O, "SPD"), ("Max Kühn", PER, "Max Kühn"), ("Bachrode", M, "Bachrode")]
    got = triples(doc_factory, text, ents)
    assert ("Bachrode", "memberOf", "RVS") in got
    assert ("Bachrode", "memberOf", "SPD") not in got


def test_seat_of_the_verband_after_a_party(doc_factory):
    text = ("Der Rechenverbund Süd hat getagt. Die Versammlung des Rechenverbunds Süd wählte. Gewählt wurde Anna Berg "
            "(SPD). Sie folgt auf Max Kühn. Der Zweckverband mit Hauptsitz in Ostlingen betreut 300 Kommunen.")
    ents = [("Rechenverbund Süd", O, "RVS"), ("Rechenverbunds Süd", O, "RVS"), ("Anna Berg", PER, "Anna Berg"),
            ("SPD", O, "SPD"), ("Max Kühn", PER, "Max Kühn"), ("Ostlingen", M, "Ostlingen")]
    got = triples(doc_factory, text, ents)
    assert ("RVS", "locatedIn", "Ostlingen") in got
    assert ("SPD", "locatedIn", "Ostlingen") not in got


def test_office_of_the_body_of_the_sentence_before(doc_factory):
    text = "Dem Nordnetz gehören 90 Kommunen an. Die Geschäftsstelle in Ostlingen leitet Anna Berg."
    ents = [("Nordnetz", O, "Nordnetz"), ("Ostlingen", M, "Ostlingen"), ("Anna Berg", PER, "Anna Berg")]
    got = triples(doc_factory, text, ents)
    assert ("Nordnetz", "locatedIn", "Ostlingen") in got


def test_two_coordinated_places_frame_a_sentence(doc_factory):
    text = ("In Hamburg und Altona können Bürger den Antrag online stellen. In Sachsen hat sich die Stadt Ostlingen "
            "beworben.")
    ents = [("Hamburg", S, "Hamburg"), ("Altona", M, "Altona"), ("Sachsen", S, "Sachsen"), ("Ostlingen", M, "Ostlingen")]
    got = triples(doc_factory, text, ents)
    assert ("Altona", "locatedIn", "Hamburg") not in got
    assert ("Ostlingen", "locatedIn", "Sachsen") in got


# --- generic body nouns, "darunter", "ebenso wie" -------------------------------------------

def test_shareholders_of_generic_provider_with_darunter_list(doc_factory):
    text = ("Die Technik liefert die Nordrechen GmbH. Zu den Gesellschaftern des kommunalen IT-Dienstleisters "
            "gehören die Stadt Talheim sowie einige Kreise, darunter der Landkreis Wiesengrund und der Landkreis Au.")
    ents = [("Nordrechen GmbH", "Organization", "Nordrechen"), ("Stadt Talheim", "Municipality", "Talheim"),
            ("Landkreis Wiesengrund", "District", "LK Wiesengrund"), ("Landkreis Au", "District", "LK Au")]
    got = triples(doc_factory, text, ents)
    for member in ("Talheim", "LK Wiesengrund", "LK Au"):
        assert (member, "memberOf", "Nordrechen") in got


def test_shareholders_generic_noun_without_a_body_gives_nothing(doc_factory):
    text = "Zu den Gesellschaftern des kommunalen IT-Dienstleisters gehören die Stadt Talheim und der Landkreis Au."
    ents = [("Stadt Talheim", "Municipality", "Talheim"), ("Landkreis Au", "District", "LK Au")]
    assert not any(p == "memberOf" for _, p, _ in triples(doc_factory, text, ents))


def test_member_of_generic_noun_with_name_and_ebenso_wie(doc_factory):
    text = ("Der Landkreis Wiesengrund plant mit. Der Landkreis ist seit Jahren Mitglied im Zweckverband Nord-IT, "
            "ebenso wie die Stadt Talheim.")
    ents = [("Landkreis Wiesengrund", "District", "LK Wiesengrund"), ("Nord-IT", "Organization", "Nord-IT"),
            ("Stadt Talheim", "Municipality", "Talheim")]
    got = triples(doc_factory, text, ents)
    assert ("LK Wiesengrund", "memberOf", "Nord-IT") in got
    assert ("Talheim", "memberOf", "Nord-IT") in got


def test_wie_without_ebenso_is_no_member(doc_factory):
    text = "Die Stadt Talheim ist Mitglied im Zweckverband Nord-IT, wie die Stadt Bex berichtet."
    ents = [("Stadt Talheim", "Municipality", "Talheim"), ("Nord-IT", "Organization", "Nord-IT"),
            ("Stadt Bex", "Municipality", "Bex")]
    got = triples(doc_factory, text, ents)
    assert ("Talheim", "memberOf", "Nord-IT") in got
    assert ("Bex", "memberOf", "Nord-IT") not in got
