"""rel_interview: "wir" in the answers of an interviewed head stands for the body they head."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import triples  # noqa: E402

M, O, PER = "Municipality", "Organization", "Person"

INTRO = "Seit Mai steht Jana Korff an der Spitze der Nordrechen GmbH.\n\nMit wem arbeiten Sie zusammen?\n\n"
def coop(got, a, b):
    return (a, "cooperatesWith", b) in got or (b, "cooperatesWith", a) in got


BASE = [("Jana Korff", PER, "Jana Korff"), ("Nordrechen GmbH", O, "Nordrechen")]


def test_we_cooperate_and_support_in_the_answer(doc_factory):
    text = INTRO + ("Korff: Wir kooperieren seit Jahren mit der Südrechen AG, und mit der Datenhaus eG haben wir eine "
                    "Partnerschaft geschlossen. Wir begleiten Talheim und Bex technisch.")
    ents = BASE + [("Korff", PER, "Jana Korff"), ("Südrechen AG", O, "Südrechen"), ("Datenhaus eG", O, "Datenhaus"),
                   ("Talheim", M, "Talheim"), ("Bex", M, "Bex")]
    got = triples(doc_factory, text, ents)
    assert ("Jana Korff", "heads", "Nordrechen") in got
    assert coop(got, "Nordrechen", "Südrechen")
    assert coop(got, "Nordrechen", "Datenhaus")
    assert ("Nordrechen", "supports", "Talheim") in got
    assert ("Nordrechen", "supports", "Bex") in got


def test_stimmen_uns_ab_needs_the_particle(doc_factory):
    text = INTRO + "Korff: Wir stimmen uns eng mit dem Gemeindebund Nordland ab. Wir stimmen mit dem Städtebund Süd."
    ents = BASE + [("Korff", PER, "Jana Korff"), ("Gemeindebund Nordland", O, "Gemeindebund Nordland"),
                   ("Städtebund Süd", O, "Städtebund Süd")]
    got = triples(doc_factory, text, ents)
    assert coop(got, "Nordrechen", "Gemeindebund Nordland")
    assert not coop(got, "Nordrechen", "Städtebund Süd")


def test_we_outside_the_answer_paragraph_is_nobody(doc_factory):
    text = INTRO + "Korff: Gute Frage.\n\nWir kooperieren mit der Südrechen AG, sagt die Stadt Bex."
    ents = BASE + [("Korff", PER, "Jana Korff"), ("Südrechen AG", O, "Südrechen"), ("Stadt Bex", M, "Bex")]
    got = triples(doc_factory, text, ents)
    assert not coop(got, "Nordrechen", "Südrechen")


def test_speaker_without_known_post_gives_nothing(doc_factory):
    text = "Mit wem arbeiten Sie?\n\nKorff: Wir kooperieren mit der Südrechen AG."
    ents = [("Korff", PER, "Jana Korff"), ("Südrechen AG", O, "Südrechen")]
    got = triples(doc_factory, text, ents)
    assert not any(p == "cooperatesWith" for _, p, _ in got)
