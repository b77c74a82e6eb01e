"""Name shapes the rules used to miss: two-word Amt names, lower-case IT providers, programme
names with a head word, organisations named by a compound and a Land, "das Land" (rules only)."""
from __future__ import annotations

import pytest

from egovkg.ingest.nlp import make_pipeline


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline("rules")


def keys(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.label_, e.kb_id_) for e in nlp(text).ents}


def test_amt_name_of_adjective_and_noun(nlp):
    got = keys(nlp, "Im Frühjahr haben das Amt Oberes Moortal und die Ämter Kieler Geest und Lunden "
                    "einen Vertrag geschlossen. Der Leiter des Amtes Oberes Moortal war zufrieden.")
    assert ("Municipality", "Oberes Moortal") in got
    assert ("Municipality", "Kieler Geest") in got
    assert ("Municipality", "Oberes") not in got and ("Municipality", "Kieler") not in got


def test_known_place_after_cue_stays_one_word(nlp):
    got = keys(nlp, "Die Stadt Münster Anfang Mai und die Gemeinde Lotte Ende Juni legten Berichte vor.")
    assert ("Municipality", "Münster") in got and ("Municipality", "Lotte") in got
    assert not any("Anfang" in c or "Ende" in c for _, c in got)


def test_markt_that_is_part_of_the_name(nlp):
    got = keys(nlp, "Der Markt Indersdorf beantragt Fördermittel.")
    assert ("Municipality", "Markt Indersdorf") in got


def test_lower_case_it_provider(nlp):
    got = keys(nlp, "Neben der Südwestfalen-IT betreut auch die citkomm mehrere Städte im Märkischen Kreis.")
    assert ("Organization", "citkomm") in got
    assert ("Organization", "Südwestfalen-IT") in got


def test_acronym_after_a_land_names_the_whole_organisation(nlp):
    got = keys(nlp, "Die Kommunen arbeiten mit dem Datenverbund Sachsen-Anhalt (DVSA) zusammen. "
                    "Auch der Kreis ist Mitglied des DVSA.")
    assert ("Organization", "DVSA") in got
    assert ("State", "DVSA") not in got


def test_place_keeps_its_name_when_an_abbreviation_follows(nlp):
    got = keys(nlp, "Das Land Brandenburg (BB) und die FITKO sprechen miteinander.")
    assert ("State", "Brandenburg") in got
    assert ("State", "BB") not in got


def test_unquoted_name_after_a_compound_initiative(nlp):
    got = keys(nlp, "Geld kommt aus der Landesinitiative Smarte Rathäuser Hessen des Ministeriums.")
    assert ("Programme", "Smarte Rathäuser Hessen") in got


def test_fund_with_an_adjective_and_a_land_is_a_programme(nlp):
    got = keys(nlp, "Die Städte bekommen Geld aus dem „Sächsischen Innovationsfonds Sachsen“.")
    assert ("Programme", "Sächsischen Innovationsfonds Sachsen") in got
    assert ("Programme", "Innovationsfonds") not in keys(nlp, "Ein Innovationsfonds wäre sinnvoll, sagt sie.")


def test_compound_organisation_with_a_land(nlp):
    got = keys(nlp, "Beraten wird die Gemeinde von der Digitalagentur Thüringen und dem IT-Verbund Hessen.")
    assert ("Organization", "Digitalagentur Thüringen") in got
    assert ("Organization", "IT-Verbund Hessen") in got
    assert ("Organization", "Verbund Bayern") not in keys(nlp, "Der Verbund Bayern tagt heute.")


def test_curated_name_outranks_a_zweckverband_cue_inside_it(nlp):
    got = keys(nlp, "Der Zweckverband Elektronische Verwaltung in Mecklenburg-Vorpommern tagt in Schwerin.")
    assert ("Organization", "Elektronische Verwaltung") not in got
    assert any(t == "Organization" and "eGo-MV" in c for t, c in got)


def test_das_land_refers_to_the_land_named_inside_a_longer_name(nlp):
    text = ("Das Ministerium für Inneres und Sport des Landes Musterland und der Sportbund Niedersachsen "
            "laden ein. Dafür stellt das Land Mittel bereit.")
    got = keys(nlp, text)
    assert ("State", "Niedersachsen") in got
    rural = keys(nlp, "Die Digitalagentur Niedersachsen wirbt für schnelles Internet auf dem Land.")
    assert ("Organization", "Digitalagentur Niedersachsen") in rural
    assert ("State", "Niedersachsen") not in rural


def test_das_land_stays_open_with_two_laender(nlp):
    got = keys(nlp, "Die Digitalagentur Niedersachsen und die Digitalakademie Baden-Württemberg trafen sich. "
                    "Das Land zahlt.")
    assert not any(t == "State" for t, _ in got)


def test_das_land_stays_open_with_a_second_land_inside_a_name(nlp):
    got = keys(nlp, "Die Stadt Saarlouis und das Saarland loben die Digitalagentur Niedersachsen. Das Land zahlt.")
    assert ("State", "Saarland") in got
    assert not any(e.label_ == "State" and e.text == "Land" for e in nlp(
        "Die Stadt Saarlouis und das Saarland loben die Digitalagentur Niedersachsen. Das Land zahlt.").ents)
