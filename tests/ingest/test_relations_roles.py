"""People's posts -> heads / worksFor / memberOf (egovkg.ingest.rel_roles)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import run, triples  # noqa: E402

from egovkg.ingest.rel_config import load_config
from egovkg.ingest.rel_lexicon import lookup_role

M = "Municipality"


def test_role_before_name(doc_factory):
    text = "Gestern eröffnete Bürgermeister Hans Kiefer das neue Bürgerbüro der Stadt Lindenau."
    got = triples(doc_factory, text, [("Hans Kiefer", "Person", "Hans Kiefer"), ("Stadt Lindenau", M, "Lindenau")])
    assert ("Hans Kiefer", "heads", "Lindenau") in got


def test_role_after_name_with_city(doc_factory):
    text = "Das sagte Hans Kiefer, Bürgermeister der Stadt Lindenau, am Montag in Kassel."
    got = triples(doc_factory, text, [("Hans Kiefer", "Person", "Hans Kiefer"), ("Stadt Lindenau", M, "Lindenau"),
                                      ("Kassel", M, "Kassel")])
    assert ("Hans Kiefer", "heads", "Lindenau") in got
    assert ("Hans Kiefer", "heads", "Kassel") not in got


def test_genitive_owner(doc_factory):
    text = "Nach Ansicht von Lindenaus Bürgermeisterin Petra Sommer ist das Terminal ein Erfolg."
    got = triples(doc_factory, text, [("Lindenaus", M, "Lindenau"), ("Petra Sommer", "Person", "Petra Sommer")])
    assert got == {("Petra Sommer", "heads", "Lindenau")}


def test_genitive_owner_not_tagged_resolved_by_name(doc_factory):
    text = "Die Stadt Lindenau plant viel. Lindenaus Bürgermeisterin Petra Sommer ist zufrieden."
    got = triples(doc_factory, text, [("Stadt Lindenau", M, "Lindenau"), ("Petra Sommer", "Person", "Petra Sommer")])
    assert ("Petra Sommer", "heads", "Lindenau") in got


def test_caption_with_two_roles_for_one_person(doc_factory):
    text = ("v.l.: Jana Roth, Abteilungsleiterin Digitales der Stadt Lindenau; Eva Brandt, Erste Beigeordnete "
            "der Stadt Lindenau und Verbandsvorsteherin KDVZ; Tom Weber, Geschäftsführer Technik KDVZ")
    ents = [("Jana Roth", "Person", "Jana Roth"), ("Stadt Lindenau", M, "Lindenau"),
            ("Eva Brandt", "Person", "Eva Brandt"), ("Stadt Lindenau", M, "Lindenau"),
            ("KDVZ", "Organization", "KDVZ"), ("Tom Weber", "Person", "Tom Weber"), ("KDVZ", "Organization", "KDVZ")]
    rels, _ = run(doc_factory, text, ents)
    got = {(r.subject[1], r.predicate, r.object[1]) for r in rels}
    assert got == {("Jana Roth", "worksFor", "Lindenau"), ("Eva Brandt", "worksFor", "Lindenau"),
                   ("Eva Brandt", "heads", "KDVZ"), ("Tom Weber", "heads", "KDVZ")}
    roles = {(r.subject[1], r.object[1]): r.evidence.role for r in rels}
    assert roles[("Eva Brandt", "KDVZ")] == "Verbandsvorsteherin"
    assert roles[("Tom Weber", "KDVZ")] == "Geschäftsführer"


def test_caption_position_marker_in_parentheses(doc_factory):
    text = "Eva Brandt (2.v.l. – Erste Beigeordnete der Stadt Lindenau sowie Verbandsvorsteherin KDVZ) und Tom Weber."
    ents = [("Eva Brandt", "Person", "Eva Brandt"), ("Stadt Lindenau", M, "Lindenau"),
            ("KDVZ", "Organization", "KDVZ"), ("Tom Weber", "Person", "Tom Weber")]
    got = triples(doc_factory, text, ents)
    assert got == {("Eva Brandt", "worksFor", "Lindenau"), ("Eva Brandt", "heads", "KDVZ")}


def test_landrat_heads_district(doc_factory):
    text = "Landrat Uwe Klein vom Landkreis Hohenwald begrüßte die Gäste."
    got = triples(doc_factory, text, [("Uwe Klein", "Person", "Uwe Klein"), ("Landkreis Hohenwald", "District", "Landkreis Hohenwald")])
    assert got == {("Uwe Klein", "heads", "Landkreis Hohenwald")}


def test_landrat_falls_back_to_district_in_sentence(doc_factory):
    text = "Im Landkreis Hohenwald ist man stolz, sagte Landrat Uwe Klein."
    got = triples(doc_factory, text, [("Landkreis Hohenwald", "District", "Landkreis Hohenwald"), ("Uwe Klein", "Person", "Uwe Klein")])
    assert ("Uwe Klein", "heads", "Landkreis Hohenwald") in got


def test_minister_heads_named_ministry_in_previous_sentence(doc_factory):
    text = ("Das meldet das Ministerium für Finanzen und Digitales des Landes. "
            "Finanzminister Karl Berger: „Wir sind zufrieden.“")
    ents = [("Ministerium für Finanzen und Digitales", "Ministry", "Ministerium für Finanzen und Digitales"),
            ("Karl Berger", "Person", "Karl Berger")]
    rels, _ = run(doc_factory, text, ents)
    assert {(r.subject[1], r.predicate, r.object[1]) for r in rels} == {
        ("Karl Berger", "heads", "Ministerium für Finanzen und Digitales")}
    # the evidence spans both sentences so it names both ends
    assert "Ministerium für Finanzen" in rels[0].evidence.sentence and "Karl Berger" in rels[0].evidence.sentence


def test_minister_with_unrelated_ministry_is_not_attached(doc_factory):
    text = "Das Ministerium für Umwelt lud ein. Justizminister Karl Berger kam nicht."
    got = triples(doc_factory, text, [("Ministerium für Umwelt", "Ministry", "Ministerium für Umwelt"),
                                      ("Karl Berger", "Person", "Karl Berger")])
    assert got == set()


def test_minister_of_a_land_works_for_the_land(doc_factory):
    text = "Thüringens Digitalministerin Lea Kraus stellte die Strategie vor."
    got = triples(doc_factory, text, [("Thüringens", "State", "Thüringen"), ("Lea Kraus", "Person", "Lea Kraus")])
    assert got == {("Lea Kraus", "worksFor", "Thüringen")}


def test_cio_of_free_state_with_copula(doc_factory):
    text = "Mara Lenz ist neue CIO des Freistaats Bayern. Sie folgt auf einen Vorgänger."
    got = triples(doc_factory, text, [("Mara Lenz", "Person", "Mara Lenz"), ("Freistaats Bayern", "State", "Bayern")])
    assert got == {("Mara Lenz", "worksFor", "Bayern")}


def test_coordinated_posts_share_the_place(doc_factory):
    text = "Ein Bild von Ute Frank, Staatssekretärin und Landes-CIO im Saarland, liegt vor."
    got = triples(doc_factory, text, [("Ute Frank", "Person", "Ute Frank"), ("Saarland", "State", "Saarland")])
    assert got == {("Ute Frank", "worksFor", "Saarland")}


def test_staatsrat_beim_senator_in_city_state(doc_factory):
    text = "Dr. Jan Ohl, Staatsrat beim Senator für Inneres in der Freien Hansestadt Bremen, fordert mehr Tempo."
    ents = [("Jan Ohl", "Person", "Jan Ohl"), ("Senator für Inneres", "Ministry", "Senator für Inneres"),
            ("Freien Hansestadt Bremen", "State", "Bremen")]
    got = triples(doc_factory, text, ents)
    assert got == {("Jan Ohl", "worksFor", "Senator für Inneres"), ("Jan Ohl", "worksFor", "Bremen")}


def test_deputy_leader_works_for(doc_factory):
    text = "Der Zweckverband KIVS half. „Es lief gut“, so der stellvertretende Verbandsvorsitzende Olaf Kurz."
    got = triples(doc_factory, text, [("Zweckverband KIVS", "Organization", "KIVS"), ("Olaf Kurz", "Person", "Olaf Kurz")])
    assert got == {("Olaf Kurz", "worksFor", "KIVS")}


def test_former_post_gives_nothing(doc_factory):
    text = "Der ehemalige Bürgermeister Hans Kiefer aus Lindenau war auch da."
    got = triples(doc_factory, text, [("Hans Kiefer", "Person", "Hans Kiefer"), ("Lindenau", M, "Lindenau")])
    assert got == set()


def test_party_in_parentheses(doc_factory):
    text = "Der Antrag kam von Lars Vogt (SPD) und wurde angenommen."
    got = triples(doc_factory, text, [("Lars Vogt", "Person", "Lars Vogt"), ("SPD", "Organization", "SPD")])
    assert got == {("Lars Vogt", "memberOf", "SPD")}


def test_party_prefix_on_post_and_no_heads_for_faction_chair(doc_factory):
    text = "Die SPD lud ein. Es kam Frau Ina Hahn – SPD-Landtagsabgeordnete sowie SPD-Kreistagsfraktionsvorsitzende im Kreis Hohenwald – zu Besuch."
    ents = [("SPD", "Organization", "SPD"), ("Ina Hahn", "Person", "Ina Hahn"), ("Kreis Hohenwald", "District", "Kreis Hohenwald")]
    got = triples(doc_factory, text, ents)
    assert ("Ina Hahn", "memberOf", "SPD") in got
    assert not any(p in ("heads", "worksFor") for _, p, _ in got)


def test_head_of_department_tied_to_city_of_previous_sentence(doc_factory):
    text = ("Die Umsetzung liegt nach Angaben der Stadt Lindenau im Plan. „Wir sind weit“, so Ole Mertens, "
            "Leiter des Fachbereichs Organisation.")
    got = triples(doc_factory, text, [("Stadt Lindenau", M, "Lindenau"), ("Ole Mertens", "Person", "Ole Mertens")])
    assert got == {("Ole Mertens", "worksFor", "Lindenau")}


def test_assistant_of_person_is_no_relation(doc_factory):
    text = "Links steht Nils Ott (r. Assistent Hr. Kiefer) neben Hans Kiefer."
    got = triples(doc_factory, text, [("Nils Ott", "Person", "Nils Ott"), ("Hr. Kiefer", "Person", "Hans Kiefer"),
                                      ("Hans Kiefer", "Person", "Hans Kiefer")])
    assert got == set()


def test_role_word_inside_genitive_attribute_is_not_a_second_post(doc_factory):
    text = "Es sprach Ole Mertens, Leiter des Büros der Bürgermeisterin, in Lindenau."
    got = triples(doc_factory, text, [("Ole Mertens", "Person", "Ole Mertens"), ("Lindenau", M, "Lindenau")])
    assert not any(p == "heads" for _, p, _ in got)


@pytest.mark.parametrize("word, relation", [
    ("Digitalministerin", "heads"), ("Verbandsvorsteherin", "heads"), ("Landes-CIO", "worksFor"),
    ("Beigeordneter", "worksFor"), ("Staatssekretärin", "worksFor"), ("Vizepräsidentin", "worksFor"),
    ("Oberbürgermeister", "heads"), ("Fachbereichsleiterin", "worksFor"),
])
def test_lookup_role_compounds_and_inflection(word, relation):
    found = lookup_role(load_config(), word)
    assert found is not None and found[0].relation == relation


@pytest.mark.parametrize("word", ["Begleiter", "Bundesinnenministerium", "Lindenau", "leiter", "Ministerien"])
def test_lookup_role_rejects_non_roles(word):
    assert lookup_role(load_config(), word) is None


def test_post_with_hyphen_split_into_tokens():
    """The NER tokenizer may split "IT-Abteilung" into IT / - / Abteilung: still one post."""
    import spacy
    from relations_helpers import document
    from spacy.tokens import Doc

    from egovkg.ingest.relations import extract_facts

    nlp = spacy.blank("de")
    words = ["Jana", "Roth", ",", "Leiterin", "IT", "-", "Abteilung", "der", "Stadt", "Lindenau", ";", "Tom",
             "Weber", ",", "Geschäftsführer", "IT", "-", "Betrieb", "KDVZ"]
    spaces = [True, False, True, True, False, False, True, True, True, False, True, True,
              False, True, True, False, False, True, False]
    doc = nlp.get_pipe("sentencizer")(Doc(nlp.vocab, words=words, spaces=spaces)) if nlp.has_pipe("sentencizer") \
        else spacy.blank("de").add_pipe("sentencizer")(Doc(nlp.vocab, words=words, spaces=spaces))
    doc.ents = [doc.char_span(doc.text.index(s), doc.text.index(s) + len(s), label=lab, kb_id=kb)
                for s, lab, kb in [("Jana Roth", "Person", "Jana Roth"), ("Stadt Lindenau", M, "Lindenau"),
                                   ("Tom Weber", "Person", "Tom Weber"), ("KDVZ", "Organization", "KDVZ")]]
    rels, _ = extract_facts(doc, document(doc.text))
    got = {(r.subject[1], r.predicate, r.object[1], r.evidence.extractor) for r in rels}
    assert got == {("Jana Roth", "worksFor", "Lindenau", "pattern:apposition-role"),
                   ("Tom Weber", "heads", "KDVZ", "pattern:apposition-role")}


def test_blank_line_is_no_neighbour_sentence(doc_factory):
    text = ("Wie das Ministerium für Finanzen und Digitales mitteilt, startet das Projekt bald.\n\n"
            "Nach Angaben von Finanz- und Digitalminister Karl Berger ist alles bereit.")
    ents = [("Ministerium für Finanzen und Digitales", "Ministry", "Ministerium für Finanzen und Digitales"),
            ("Karl Berger", "Person", "Karl Berger")]
    assert triples(doc_factory, text, ents) == {("Karl Berger", "heads", "Ministerium für Finanzen und Digitales")}


def test_state_secretary_of_the_documents_only_land(doc_factory):
    text = "Sachsen: Neue Wege\n\nDer Wandel hilft allen, sagt Staatssekretär Rolf Brenner. Er ist der neue CDO des Landes."
    got = triples(doc_factory, text, [("Sachsen", "State", "Sachsen"), ("Rolf Brenner", "Person", "Rolf Brenner")])
    assert got == {("Rolf Brenner", "worksFor", "Sachsen")}


def test_state_secretary_not_tied_to_venue_or_one_of_several_lands(doc_factory):
    text = ("Die Tagung fand in Berlin statt, Gäste kamen aus Sachsen. Staatssekretär Rolf Brenner eröffnete sie.")
    got = triples(doc_factory, text, [("Berlin", "State", "Berlin"), ("Sachsen", "State", "Sachsen"),
                                      ("Rolf Brenner", "Person", "Rolf Brenner")])
    assert got == set()


def test_land_fallback_yields_to_named_ministry_elsewhere(doc_factory):
    text = ("Sachsen: Neues Amt\n\nDas Ministerium für Finanzen lädt ein. Finanzminister Karl Berger spricht. "
            "Dann kam der Regen. Es folgten Fragen. „Wir sind bereit“, so Minister Berger.")
    ents = [("Sachsen", "State", "Sachsen"), ("Ministerium für Finanzen", "Ministry", "Ministerium für Finanzen"),
            ("Karl Berger", "Person", "Karl Berger"), ("Berger", "Person", "Karl Berger")]
    got = triples(doc_factory, text, ents)
    assert got == {("Karl Berger", "heads", "Ministerium für Finanzen")}


def test_post_and_organisation_before_the_name(doc_factory):
    text = "Der Landrat des Landkreises Hohenwald, Uwe Klein, begrüßte die Entscheidung."
    got = triples(doc_factory, text, [("Landkreises Hohenwald", "District", "Landkreis Hohenwald"),
                                      ("Uwe Klein", "Person", "Uwe Klein")])
    assert got == {("Uwe Klein", "heads", "Landkreis Hohenwald")}


def test_compound_prefix_names_the_employer_and_party_is_no_employer(doc_factory):
    text = ("Der Zweckverband KDVZ wächst. „Wir freuen uns“, sagt Verbandsgeschäftsführer Tom Weber. "
            "Für die Stadt Lindenau ist das gut, betonte Oberbürgermeisterin Petra Sommer (SPD).")
    ents = [("Zweckverband KDVZ", "Organization", "KDVZ"), ("Tom Weber", "Person", "Tom Weber"),
            ("Stadt Lindenau", M, "Lindenau"), ("Petra Sommer", "Person", "Petra Sommer"),
            ("SPD", "Organization", "SPD")]
    got = triples(doc_factory, text, ents)
    assert got == {("Tom Weber", "heads", "KDVZ"), ("Petra Sommer", "heads", "Lindenau"),
                   ("Petra Sommer", "memberOf", "SPD")}


def test_mayor_tied_to_the_articles_town_not_a_venue(doc_factory):
    text = ("Die Stadt Lindenau digitalisiert. Lindenau erhält Geld. Die Ministerin überreichte den Bescheid in "
            "Kassel. Das sei ein Kraftakt, betonte Oberbürgermeister Hans Kiefer.")
    ents = [("Stadt Lindenau", M, "Lindenau"), ("Lindenau", M, "Lindenau"), ("Kassel", M, "Kassel"),
            ("Hans Kiefer", "Person", "Hans Kiefer")]
    assert triples(doc_factory, text, ents) == {("Hans Kiefer", "heads", "Lindenau")}
