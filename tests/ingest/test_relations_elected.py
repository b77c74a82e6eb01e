"""Posts given by a verb (egovkg.ingest.rel_elected) and post forms around a name: "zum
Vorsitzenden gewählt", "steht ... als Bürgermeister vor", "Die Vorsitzende von V, X", "X (SPD),
Landrätin des Kreises K", "dessen Geschäftsführerin X"."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import triples  # noqa: E402

M, D, O, P, PER = "Municipality", "District", "Organization", "Programme", "Person"


def test_elected_chair_heads_the_electing_body(doc_factory):
    text = ("Der Verwaltungsrat der Datenzentrale Süd hat Jana Kroll, Landrätin des Kreises Obertal, zur neuen "
            "Vorsitzenden gewählt.")
    ents = [("Datenzentrale Süd", O, "DZS"), ("Jana Kroll", PER, "Jana Kroll"), ("Kreises Obertal", D, "Obertal")]
    got = triples(doc_factory, text, ents)
    assert ("Jana Kroll", "heads", "DZS") in got
    assert ("Jana Kroll", "heads", "Obertal") in got


def test_elected_deputy_works_for_the_body_of_the_sentence_before(doc_factory):
    text = ("Die Mitgliederversammlung des Zweckverbands Digitale Mitte hat getagt. Zu ihrem Stellvertreter "
            "bestimmten die Delegierten den Bürgermeister der Stadt Asch, Uwe Brand.")
    ents = [("Zweckverbands Digitale Mitte", O, "ZDM"), ("Stadt Asch", M, "Asch"), ("Uwe Brand", PER, "Uwe Brand")]
    got = triples(doc_factory, text, ents)
    assert ("Uwe Brand", "worksFor", "ZDM") in got
    assert ("Uwe Brand", "heads", "ZDM") not in got
    assert ("Uwe Brand", "heads", "Asch") in got


def test_party_is_never_the_electing_body(doc_factory):
    text = "Zum Vorsitzenden wurde Kai Lenz (CDU) gewählt."
    ents = [("Kai Lenz", PER, "Kai Lenz"), ("CDU", O, "CDU")]
    got = triples(doc_factory, text, ents)
    assert ("Kai Lenz", "memberOf", "CDU") in got
    assert ("Kai Lenz", "heads", "CDU") not in got


def test_zum_without_post_or_without_election_verb_gives_nothing(doc_factory):
    text = "Zum 1. Juli tritt Kai Lenz der Datenzentrale Süd bei. Die Datenzentrale Süd lädt Eva Roth zum Vortrag ein."
    ents = [("Kai Lenz", PER, "Kai Lenz"), ("Datenzentrale Süd", O, "DZS"), ("Eva Roth", PER, "Eva Roth")]
    got = triples(doc_factory, text, ents)
    assert not any(p in ("heads", "worksFor") for _, p, _ in got)


def test_stands_before_as_mayor(doc_factory):
    text = ("Eva Roth ist seit Mai Bürgermeisterin des Marktes Obing, Kai Lenz steht der Gemeinde Asch seit 2019 als "
            "Bürgermeister vor.")
    ents = [("Eva Roth", PER, "Eva Roth"), ("Obing", M, "Obing"), ("Kai Lenz", PER, "Kai Lenz"),
            ("Gemeinde Asch", M, "Asch")]
    got = triples(doc_factory, text, ents)
    assert ("Kai Lenz", "heads", "Asch") in got
    assert ("Kai Lenz", "heads", "Obing") not in got  # the post before the comma is Eva Roth's
    assert ("Eva Roth", "heads", "Obing") in got


def test_post_with_von_before_the_name(doc_factory):
    text = "Die Verbandsvorsitzende von Kommunalnetz Ost, Ida Sommer, lobte das Projekt."
    ents = [("Kommunalnetz Ost", O, "KNO"), ("Ida Sommer", PER, "Ida Sommer")]
    assert ("Ida Sommer", "heads", "KNO") in triples(doc_factory, text, ents)


def test_party_in_parentheses_before_the_post(doc_factory):
    text = "Gewählt wurde Ida Sommer (SPD), Landrätin des Kreises Obertal."
    ents = [("Ida Sommer", PER, "Ida Sommer"), ("SPD", O, "SPD"), ("Kreises Obertal", D, "Obertal")]
    got = triples(doc_factory, text, ents)
    assert ("Ida Sommer", "heads", "Obertal") in got
    assert ("Ida Sommer", "memberOf", "SPD") in got


def test_party_in_parentheses_then_another_persons_post(doc_factory):
    text = "Es sprachen Ida Sommer (SPD), Bürgermeister Kai Lenz und Eva Roth."
    ents = [("Ida Sommer", PER, "Ida Sommer"), ("SPD", O, "SPD"), ("Kai Lenz", PER, "Kai Lenz"),
            ("Eva Roth", PER, "Eva Roth")]
    got = triples(doc_factory, text, ents)
    assert ("Ida Sommer", "memberOf", "SPD") in got
    assert not any(s == "Ida Sommer" and p in ("heads", "worksFor") for s, p, _ in got)


def test_dessen_post_after_semicolon(doc_factory):
    text = ("Auch der Landgemeindetag Nord unterstützt das Vorhaben; dessen Landesgeschäftsführerin Ute Kamp "
            "lobte die Förderung.")
    ents = [("Landgemeindetag Nord", O, "LGN"), ("Ute Kamp", PER, "Ute Kamp")]
    assert ("Ute Kamp", "heads", "LGN") in triples(doc_factory, text, ents)


def test_new_role_words(doc_factory):
    text = ("Der leitende Verwaltungsbeamte des Amtes Obing, Kurt Wahl, stellte den Plan vor. Anna Rau, Chefin der "
            "Senatskanzlei Nord, war zu Gast.")
    ents = [("Amtes Obing", M, "Obing"), ("Kurt Wahl", PER, "Kurt Wahl"), ("Anna Rau", PER, "Anna Rau"),
            ("Senatskanzlei Nord", "PublicAuthority", "SKN")]
    got = triples(doc_factory, text, ents)
    assert ("Kurt Wahl", "worksFor", "Obing") in got
    assert ("Anna Rau", "heads", "SKN") in got
