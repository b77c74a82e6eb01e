"""rel_place_forms: a Land in brackets, "in X ansässig", communes' seats, "an der Spitze"."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import triples  # noqa: E402

M, D, O, P, ST, PER = "Municipality", "District", "Organization", "Programme", "State", "Person"


# --- a Land in brackets -------------------------------------------------------------------

def test_district_with_state_in_brackets_lies_in_it_and_is_no_partner(doc_factory):
    text = "Der Landkreis Wiesengrund (Thüringen) baut zusammen mit der Stadt Talheim ein Bürgerportal auf."
    ents = [("Landkreis Wiesengrund", D, "LK Wiesengrund"), ("Thüringen", ST, "Thüringen"),
            ("Stadt Talheim", M, "Talheim")]
    got = triples(doc_factory, text, ents)
    assert ("LK Wiesengrund", "locatedIn", "Thüringen") in got
    assert ("LK Wiesengrund", "cooperatesWith", "Talheim") in got
    assert not any(s == "Thüringen" or o == "Thüringen" for s, p, o in got if p == "cooperatesWith")


def test_state_in_brackets_after_a_body_is_no_location(doc_factory):
    text = "Die Firma Datenwerk (Sachsen) liefert die Software."
    ents = [("Datenwerk", O, "Datenwerk"), ("Sachsen", ST, "Sachsen")]
    assert ("Datenwerk", "locatedIn", "Sachsen") not in triples(doc_factory, text, ents)


def test_bracketed_state_is_no_cooperating_subject(doc_factory):
    text = "Die Stadt Talheim (Hessen) kooperiert dabei mit der Datenwerk GmbH."
    ents = [("Stadt Talheim", M, "Talheim"), ("Hessen", ST, "Hessen"), ("Datenwerk GmbH", O, "Datenwerk")]
    got = triples(doc_factory, text, ents)
    assert ("Talheim", "cooperatesWith", "Datenwerk") in got
    assert ("Hessen", "cooperatesWith", "Datenwerk") not in got
    assert ("Talheim", "locatedIn", "Hessen") in got


# --- in X ansässig ------------------------------------------------------------------------

def test_attributive_resident_named_body(doc_factory):
    text = "Die Server betreibt die in Kiel ansässige Nordrechen GmbH."
    got = triples(doc_factory, text, [("Kiel", M, "Kiel"), ("Nordrechen GmbH", O, "Nordrechen")])
    assert ("Nordrechen", "locatedIn", "Kiel") in got


def test_attributive_resident_generic_noun(doc_factory):
    text = ("Der Zweckverband Digitales Umland (ZDU) wächst. Nun gehören dem in Cottbus ansässigen Verband "
            "zwanzig Gemeinden an.")
    ents = [("Zweckverband Digitales Umland", O, "ZDU"), ("ZDU", O, "ZDU"), ("Cottbus", M, "Cottbus")]
    assert ("ZDU", "locatedIn", "Cottbus") in triples(doc_factory, text, ents)


def test_relative_clause_resident(doc_factory):
    text = "Die Plattform baut die Amtsnetz AG, die in Leipzig ansässig ist; sie betreibt auch den Support."
    got = triples(doc_factory, text, [("Amtsnetz AG", O, "Amtsnetz"), ("Leipzig", M, "Leipzig")])
    assert ("Amtsnetz", "locatedIn", "Leipzig") in got


def test_resident_people_are_no_body(doc_factory):
    text = "Die Amtsnetz AG befragt Menschen, die in Leipzig ansässig sind."
    got = triples(doc_factory, text, [("Amtsnetz AG", O, "Amtsnetz"), ("Leipzig", M, "Leipzig")])
    assert ("Amtsnetz", "locatedIn", "Leipzig") not in got


# --- communes' seats ----------------------------------------------------------------------

def test_commune_with_bracketed_state_and_seat(doc_factory):
    text = "Die Verbandsgemeinde Hohes Feld (Rheinland-Pfalz) mit Sitz in Weilerbach stellt den Antrag."
    ents = [("Verbandsgemeinde Hohes Feld", M, "Hohes Feld"), ("Rheinland-Pfalz", ST, "Rheinland-Pfalz"),
            ("Weilerbach", M, "Weilerbach")]
    got = triples(doc_factory, text, ents)
    assert ("Hohes Feld", "locatedIn", "Weilerbach") in got
    assert ("Hohes Feld", "locatedIn", "Rheinland-Pfalz") in got


def test_generic_commune_seat_takes_the_commune_of_that_kind(doc_factory):
    text = ("Teil nehmen die Stadt Talheim und die Verbandsgemeinde Hohes Feld. Talheim bekommt 90.000 Euro, "
            "die Verbandsgemeinde mit Sitz in Weilerbach 60.000 Euro.")
    ents = [("Stadt Talheim", M, "Talheim"), ("Verbandsgemeinde Hohes Feld", M, "Hohes Feld"),
            ("Talheim", M, "Talheim"), ("Weilerbach", M, "Weilerbach")]
    got = triples(doc_factory, text, ents)
    assert ("Hohes Feld", "locatedIn", "Weilerbach") in got
    assert ("Talheim", "locatedIn", "Weilerbach") not in got


# --- posts ----------------------------------------------------------------------------------

def test_an_der_spitze_steht(doc_factory):
    text = "Seit März steht Jana Korff an der Spitze der Nordrechen GmbH."
    got = triples(doc_factory, text, [("Jana Korff", PER, "Jana Korff"), ("Nordrechen GmbH", O, "Nordrechen")])
    assert ("Jana Korff", "heads", "Nordrechen") in got


def test_an_der_spitze_without_standing_verb_is_no_post(doc_factory):
    text = "Jana Korff sieht die Nordrechen GmbH an der Spitze der Entwicklung."
    got = triples(doc_factory, text, [("Jana Korff", PER, "Jana Korff"), ("Nordrechen GmbH", O, "Nordrechen")])
    assert ("Jana Korff", "heads", "Nordrechen") not in got


def test_uebernimmt_den_vorsitz_des_verbandes(doc_factory):
    text = ("Der Vorstand des Gemeindebundes Nordland hat getagt. Lea Brink, Bürgermeisterin der Stadt Talheim, "
            "übernimmt den Vorsitz des Verbandes.")
    ents = [("Gemeindebundes Nordland", O, "Gemeindebund Nordland"), ("Lea Brink", PER, "Lea Brink"),
            ("Stadt Talheim", M, "Talheim")]
    got = triples(doc_factory, text, ents)
    assert ("Lea Brink", "heads", "Gemeindebund Nordland") in got
    assert ("Lea Brink", "heads", "Talheim") in got


def test_vorsitz_without_genitive_body_is_nothing(doc_factory):
    text = "Lea Brink übernimmt den Vorsitz der Jury, die Nordrechen GmbH stellt die Technik."
    ents = [("Lea Brink", PER, "Lea Brink"), ("Nordrechen GmbH", O, "Nordrechen")]
    assert ("Lea Brink", "heads", "Nordrechen") not in triples(doc_factory, text, ents)


# --- generic nouns that open names; clause ends after "GmbH." ------------------------------

def test_passive_patient_generic_noun_takes_the_commune_named_with_it(doc_factory):
    text = ("Mit dabei sind die Stadt Talheim und die Verbandsgemeinde Hohes Feld. Talheim bekommt Geld, Talheim "
            "baut aus. Betreut werden Talheim und die Verbandsgemeinde von der Nordrechen GmbH.")
    ents = [("Stadt Talheim", M, "Talheim"), ("Verbandsgemeinde Hohes Feld", M, "Hohes Feld"), ("Talheim", M, "Talheim"),
            ("Talheim", M, "Talheim"), ("Talheim", M, "Talheim"), ("Nordrechen GmbH", O, "Nordrechen")]
    got = triples(doc_factory, text, ents)
    assert ("Nordrechen", "supports", "Hohes Feld") in got
    assert ("Nordrechen", "supports", "Talheim") in got


def test_clause_ends_after_legal_form_with_full_stop(doc_factory):
    from egovkg.ingest.rel_base import Context
    from egovkg.ingest.rel_config import load_config
    from relations_helpers import document

    text = "Betreut wird die Stadt Talheim von der Nordrechen GmbH. Zu den Kunden zählt die Stadt Bex."
    ents = [("Stadt Talheim", M, "Talheim"), ("Nordrechen", O, "Nordrechen"), ("Stadt Bex", M, "Bex")]
    doc = doc_factory(text, ents)
    ctx = Context(doc, document(text), load_config())
    t = ctx.low.index("betreut")
    _, hi = ctx.clause_of(t)
    k = ctx.low.index("kunden")
    assert ctx.tok_sent[t] == ctx.tok_sent[k]  # one sentence for the sentencizer
    assert ctx.words[hi] == "GmbH."  # but the clause ends at the legal form
    lo2, _ = ctx.clause_of(k)
    assert lo2 > hi
