"""Grant notices handed over, joint projects and first users (egovkg.ingest.rel_programme_frames),
a bare genitive name as no patient and a list of plain nouns inside one clause."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import triples  # noqa: E402

M, D, O, P, S, MIN = "Municipality", "District", "Organization", "Programme", "State", "Ministry"


def test_grant_notices_handed_over(doc_factory):
    text = ("Das Ministerium für Digitales des Landes Nordland hat am Montag die ersten Förderbescheide aus dem "
            "Programm „Smarte Dörfer“ übergeben.")
    ents = [("Ministerium für Digitales des Landes Nordland", MIN, "MD Nordland"), ("Smarte Dörfer", P, "Smarte Dörfer")]
    got = triples(doc_factory, text, ents)
    assert ("MD Nordland", "funds", "Smarte Dörfer") in got
    assert ("MD Nordland", "runs", "Smarte Dörfer") in got


def test_grant_notices_need_a_handover_and_a_programme(doc_factory):
    text = ("Das Ministerium für Digitales prüft die Förderbescheide aus dem Programm „Smarte Dörfer“. "
            "Die Stadt Ostlingen hat die Förderbescheide aus dem Programm „Smarte Dörfer“ übergeben bekommen.")
    ents = [("Ministerium für Digitales", MIN, "MD"), ("Smarte Dörfer", P, "Smarte Dörfer"),
            ("Ostlingen", M, "Ostlingen"), ("Smarte Dörfer", P, "Smarte Dörfer")]
    got = triples(doc_factory, text, ents)
    assert not any(p in ("funds", "runs") for _, p, _ in got)


def test_joint_project_frame(doc_factory):
    text = ("Die Datenzentrale Nord und der Zweckverband Südnetz unterzeichnen einen Vertrag. Im gemeinsamen Projekt "
            "„Cloud Nord“ wollen beide Partner ihre Rechenzentren zusammenlegen.")
    ents = [("Datenzentrale Nord", O, "DZN"), ("Zweckverband Südnetz", O, "Südnetz"), ("Cloud Nord", P, "Cloud Nord")]
    got = triples(doc_factory, text, ents)
    assert ("DZN", "runs", "Cloud Nord") in got and ("Südnetz", "runs", "Cloud Nord") in got


def test_project_frame_needs_joint_and_places_participate(doc_factory):
    text = ("Im Projekt „Cloud Nord“ testet die Datenzentrale Nord neue Server. Im gemeinsamen Vorhaben „Akte Süd“ "
            "erproben die Stadt Ostlingen und der Kreis Talheim die E-Akte.")
    ents = [("Cloud Nord", P, "Cloud Nord"), ("Datenzentrale Nord", O, "DZN"), ("Akte Süd", P, "Akte Süd"),
            ("Ostlingen", M, "Ostlingen"), ("Kreis Talheim", D, "Kreis Talheim")]
    got = triples(doc_factory, text, ents)
    assert ("DZN", "runs", "Cloud Nord") not in got
    assert ("Ostlingen", "participatesIn", "Akte Süd") in got and ("Kreis Talheim", "participatesIn", "Akte Süd") in got
    assert not any(p == "runs" and o == "Akte Süd" for _, p, o in got)


def test_first_users(doc_factory):
    text = ("Als erste Anwender sollen der Kreis Talheim und die Stadt Ostlingen ihre Verfahren in die Plattform "
            "„Cloud Nord“ verlagern. Die Anwender der Stadt Bachrode loben die „Cloud Nord“.")
    ents = [("Kreis Talheim", D, "Kreis Talheim"), ("Ostlingen", M, "Ostlingen"), ("Cloud Nord", P, "Cloud Nord"),
            ("Bachrode", M, "Bachrode"), ("Cloud Nord", P, "Cloud Nord")]
    got = triples(doc_factory, text, ents)
    assert ("Kreis Talheim", "participatesIn", "Cloud Nord") in got and ("Ostlingen", "participatesIn", "Cloud Nord") in got
    assert ("Bachrode", "participatesIn", "Cloud Nord") not in got  # no "als (erste) Anwender"


def test_bare_genitive_name_is_no_patient_in_a_noun_list_clause(doc_factory):
    text = "Die Datenzentrale Nord betreut Städte, Gemeinden und Kreise im Norden Sachsens sowie die Stadt Ostlingen."
    ents = [("Datenzentrale Nord", O, "DZN"), ("Sachsens", S, "Sachsen"), ("Ostlingen", M, "Ostlingen")]
    got = triples(doc_factory, text, ents)
    assert ("DZN", "supports", "Sachsen") not in got
    assert ("DZN", "supports", "Ostlingen") in got  # one clause across the list of plain nouns


# --- "entschied sich für" ----------------------------------------------------------------------

def test_jury_chose_list_takes_part_in_programme_of_sentence_before(doc_factory):
    text = ("Das Land hat die Modellkreise seines Programms „Amt 2030“ ausgewählt. Die Jury entschied sich für den "
            "Landkreis Wiesengrund, die Stadt Talheim und den Landkreis Au.")
    ents = [("Amt 2030", "Programme", "Amt 2030"), ("Landkreis Wiesengrund", "District", "LK Wiesengrund"),
            ("Stadt Talheim", "Municipality", "Talheim"), ("Landkreis Au", "District", "LK Au")]
    got = triples(doc_factory, text, ents)
    for who in ("LK Wiesengrund", "Talheim", "LK Au"):
        assert (who, "participatesIn", "Amt 2030") in got


def test_choice_without_programme_or_sich_fuer_gives_nothing(doc_factory):
    text = "Der Rat entschied sich für den Landkreis Wiesengrund als Standort."
    got = triples(doc_factory, text, [("Landkreis Wiesengrund", "District", "LK Wiesengrund")])
    assert not any(p == "participatesIn" for _, p, _ in got)
    text2 = "Im Programm „Amt 2030“ entschied die Jury über den Landkreis Wiesengrund."
    got2 = triples(doc_factory, text2, [("Amt 2030", "Programme", "Amt 2030"),
                                        ("Landkreis Wiesengrund", "District", "LK Wiesengrund")])
    assert ("LK Wiesengrund", "participatesIn", "Amt 2030") not in got2
