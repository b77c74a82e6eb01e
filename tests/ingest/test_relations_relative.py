"""supports in relative clauses, with a copula and through a service noun
(egovkg.ingest.rel_relative), and the adverb before a subject's article."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import triples  # noqa: E402

M, D, O, P, S = "Municipality", "District", "Organization", "Programme", "State"


def test_relative_clause_after_passive_main_clause(doc_factory):
    text = ("Den Betrieb des Portals übernimmt die Datenzentrale Nordhafen aus Kleinwerda, die schon seit Jahren "
            "die IT der Stadt Ostlingen betreut.")
    ents = [("Datenzentrale Nordhafen", O, "DZN"), ("Kleinwerda", M, "Kleinwerda"), ("Ostlingen", M, "Ostlingen")]
    got = triples(doc_factory, text, ents)
    assert ("DZN", "supports", "Ostlingen") in got
    assert ("DZN", "supports", "Kleinwerda") not in got


def test_relative_clause_with_generic_noun_and_auxiliary(doc_factory):
    text = ("Der Landkreis Talheim führt die E-Akte ein. Die Software kommt vom Zweckverband Digitale Mitte (ZDM), "
            "der das Landratsamt bei der Umstellung beraten hat.")
    ents = [("Landkreis Talheim", D, "Landkreis Talheim"), ("Zweckverband Digitale Mitte", O, "ZDM"), ("ZDM", O, "ZDM")]
    got = triples(doc_factory, text, ents)
    assert ("ZDM", "supports", "Landkreis Talheim") in got


def test_relative_pronoun_as_object_gives_nothing(doc_factory):
    # the pronoun is the object here: the town is supported by the body inside the clause
    text = "Neu dabei ist die Stadt Ostlingen, die der Zweckverband Digitale Mitte seit Mai betreut."
    ents = [("Ostlingen", M, "Ostlingen"), ("Zweckverband Digitale Mitte", O, "ZDM")]
    got = triples(doc_factory, text, ents)
    assert not any(s == "Ostlingen" and p == "supports" for s, p, _ in got)
    assert ("ZDM", "supports", "Ostlingen") not in {t for t in got if t[0] == "Ostlingen"}


def test_relative_clause_of_a_town_gives_nothing(doc_factory):
    text = "Die Datenzentrale Nordhafen hilft der Stadt Ostlingen, die seit Mai die Gemeinde Bachrode unterstützt."
    ents = [("Datenzentrale Nordhafen", O, "DZN"), ("Ostlingen", M, "Ostlingen"), ("Bachrode", M, "Bachrode")]
    got = triples(doc_factory, text, ents)
    assert ("DZN", "supports", "Bachrode") not in got


def test_passive_relative_clause_gives_nothing_here(doc_factory):
    text = "Das Portal stammt von der Datenzentrale Nordhafen, die von der Stadt Ostlingen beauftragt und betreut wird."
    ents = [("Datenzentrale Nordhafen", O, "DZN"), ("Ostlingen", M, "Ostlingen")]
    got = triples(doc_factory, text, ents)
    assert ("DZN", "supports", "Ostlingen") not in got


def test_operating_needs_a_service_noun(doc_factory):
    text = ("Ostlingen arbeitet mit der Datenzentrale Nordhafen zusammen, die bereits das Melderegister der Stadt "
            "betreibt. Die Gemeinde Bachrode nutzt das Portal der Datenzentrale Nordhafen, die auch den "
            "Wettbewerb „Digitales Dorf“ betreibt.")
    ents = [("Ostlingen", M, "Ostlingen"), ("Datenzentrale Nordhafen", O, "DZN"), ("Bachrode", M, "Bachrode"),
            ("Datenzentrale Nordhafen", O, "DZN"), ("Digitales Dorf", P, "Digitales Dorf")]
    got = triples(doc_factory, text, ents)
    assert ("DZN", "supports", "Ostlingen") in got
    assert ("DZN", "supports", "Digitales Dorf") not in got


def test_provider_copula(doc_factory):
    text = "Die Stadtwerke Digital GmbH ist der kommunale IT-Dienstleister der Stadt Ostlingen."
    ents = [("Stadtwerke Digital GmbH", O, "SWD"), ("Ostlingen", M, "Ostlingen")]
    assert ("SWD", "supports", "Ostlingen") in triples(doc_factory, text, ents)


def test_provider_copula_needs_the_copula_and_a_town(doc_factory):
    text = ("Die Stadtwerke Digital GmbH sucht einen IT-Dienstleister der Stadt Ostlingen. Der Verband Nord ist "
            "IT-Dienstleister des Landes Sachsen.")
    ents = [("Stadtwerke Digital GmbH", O, "SWD"), ("Ostlingen", M, "Ostlingen"), ("Verband Nord", O, "VN"),
            ("Sachsen", S, "Sachsen")]
    got = triples(doc_factory, text, ents)
    assert not any(p == "supports" for _, p, _ in got)


def test_main_clause_service_of_a_town(doc_factory):
    text = "Die Datenzentrale Nordhafen betreut die IT der Gemeinde Bachrode, den Vorschlag der Stadt Ostlingen prüft sie."
    ents = [("Datenzentrale Nordhafen", O, "DZN"), ("Bachrode", M, "Bachrode"), ("Ostlingen", M, "Ostlingen")]
    got = triples(doc_factory, text, ents)
    assert ("DZN", "supports", "Bachrode") in got
    assert ("DZN", "supports", "Ostlingen") not in got


def test_sentence_adverb_before_the_subject(doc_factory):
    text = ("Das Programm „Digitales Dorf“ startet im Mai. Auch der Gemeindeverband Nord unterstützt das Programm. "
            "Die Leiterin der Datenzentrale Nordhafen unterstützt das Programm.")
    ents = [("Digitales Dorf", P, "Digitales Dorf"), ("Gemeindeverband Nord", O, "GVN"),
            ("Datenzentrale Nordhafen", O, "DZN")]
    got = triples(doc_factory, text, ents)
    assert ("GVN", "supports", "Digitales Dorf") in got
    assert ("DZN", "supports", "Digitales Dorf") not in got  # a genitive attribute of "Leiterin"
