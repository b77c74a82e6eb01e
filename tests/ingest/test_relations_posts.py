"""More post forms (egovkg.ingest.rel_roles): compound employers, ministries named by the
field, "für den Kreis", fronted posts with a designator, "Deren Geschäftsführerin", the
article's town for a mayor."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import triples  # noqa: E402

from egovkg.ingest.rel_config import load_config
from egovkg.ingest.rel_lexicon import lookup_role

M, D, O, MIN, ST, PER = "Municipality", "District", "Organization", "Ministry", "State", "Person"


def test_compound_post_names_employer_mentioned_elsewhere(doc_factory):
    text = "Der Verband KDVZ tagte. KDVZ-Präsidentin Eva Brandt lobte die Arbeit."
    got = triples(doc_factory, text, [("KDVZ", O, "KDVZ"), ("Eva Brandt", PER, "Eva Brandt")])
    assert got == {("Eva Brandt", "heads", "KDVZ")}


def test_compound_post_split_by_tokenizer_names_employer():
    """The NER tokenizer splits "KDVZ-Präsidentin" into KDVZ / - / Präsidentin."""
    import spacy
    from relations_helpers import document
    from spacy.tokens import Doc

    from egovkg.ingest.relations import extract_facts

    words = ["KDVZ", "-", "Präsidentin", "Eva", "Brandt", "lobte", "die", "Stadt", "Lindenau", "."]
    spaces = [False, False, True, True, True, True, True, True, False, False]
    nlp = spacy.blank("de")
    doc = nlp.add_pipe("sentencizer")(Doc(nlp.vocab, words=words, spaces=spaces))
    doc.ents = [doc.char_span(doc.text.index(s), doc.text.index(s) + len(s), label=lab, kb_id=kb)
                for s, lab, kb in [("KDVZ", O, "KDVZ"), ("Eva Brandt", PER, "Eva Brandt"),
                                   ("Stadt Lindenau", M, "Lindenau")]]
    rels, _ = extract_facts(doc, document(doc.text))
    assert {(r.subject[1], r.predicate, r.object[1]) for r in rels} == {("Eva Brandt", "heads", "KDVZ")}


def test_lower_case_compound_post_is_a_post():
    info, prefix = lookup_role(load_config(), "kdvz-Geschäftsführerin")
    assert info.relation == "heads" and prefix == "kdvz"
    assert lookup_role(load_config(), "kdvz-geschäftsführerin") is None


def test_party_prefix_is_no_compound_employer(doc_factory):
    text = "SPD-Vorsitzende Eva Brandt sprach in Lindenau."
    got = triples(doc_factory, text, [("SPD", O, "SPD"), ("Eva Brandt", PER, "Eva Brandt"), ("Lindenau", M, "Lindenau")])
    assert ("Eva Brandt", "heads", "SPD") not in got


def test_minister_of_land_heads_ministry_named_by_field_elsewhere(doc_factory):
    text = ("Sachsens Innenministerin Lea Kraus stellte die Pläne vor. Es gab viel Lob. Am Abend folgte ein Empfang. "
            "Die Kosten trägt das Sächsische Staatsministerium des Innern.")
    ents = [("Sachsens", ST, "Sachsen"), ("Lea Kraus", PER, "Lea Kraus"),
            ("Sächsische Staatsministerium des Innern", MIN, "Sächsisches Staatsministerium des Innern")]
    got = triples(doc_factory, text, ents)
    assert ("Lea Kraus", "heads", "Sächsisches Staatsministerium des Innern") in got


def test_minister_not_tied_to_a_ministry_of_another_field(doc_factory):
    text = ("Sachsens Innenministerin Lea Kraus stellte die Pläne vor. Das Sächsische Staatsministerium der Finanzen "
            "schweigt.")
    ents = [("Sachsens", ST, "Sachsen"), ("Lea Kraus", PER, "Lea Kraus"),
            ("Sächsische Staatsministerium der Finanzen", MIN, "Sächsisches Staatsministerium der Finanzen")]
    got = triples(doc_factory, text, ents)
    assert got == {("Lea Kraus", "worksFor", "Sachsen")}


def test_minister_heads_ministry_named_in_next_sentence(doc_factory):
    text = ("Das sei ein Meilenstein, sagte Finanzministerin Lea Kraus. Das Ministerium der Finanzen zahlt die Hälfte.")
    ents = [("Lea Kraus", PER, "Lea Kraus"), ("Ministerium der Finanzen", MIN, "Ministerium der Finanzen")]
    assert triples(doc_factory, text, ents) == {("Lea Kraus", "heads", "Ministerium der Finanzen")}


def test_landraetin_fuer_den_kreis(doc_factory):
    text = ("Den Vertrag unterschrieben Landrat Uwe Klein für den Kreis Hohenwald und Landrätin Jana Roth für den "
            "Kreis Tannau.")
    ents = [("Uwe Klein", PER, "Uwe Klein"), ("Kreis Hohenwald", D, "Kreis Hohenwald"), ("Jana Roth", PER, "Jana Roth"),
            ("Kreis Tannau", D, "Kreis Tannau")]
    got = triples(doc_factory, text, ents)
    assert ("Uwe Klein", "heads", "Kreis Hohenwald") in got and ("Jana Roth", "heads", "Kreis Tannau") in got
    assert ("Jana Roth", "heads", "Kreis Hohenwald") not in got


def test_fuer_a_programme_or_person_is_no_employer(doc_factory):
    text = "Bürgermeister Hans Kiefer warb für das Projekt Smarte Stadt."
    got = triples(doc_factory, text, [("Hans Kiefer", PER, "Hans Kiefer"), ("Smarte Stadt", "Programme", "Smarte Stadt")])
    assert not any(p == "heads" for _, p, _ in got)


def test_fronted_post_with_designator_before_the_town(doc_factory):
    text = "Der Bürgermeister des Marktes Tannbach, Otto Lenz, hatte die Idee."
    got = triples(doc_factory, text, [("Tannbach", M, "Tannbach"), ("Otto Lenz", PER, "Otto Lenz")])
    assert got == {("Otto Lenz", "heads", "Tannbach")}


def test_kreis_compound_post_belongs_to_the_district(doc_factory):
    text = ("Der Landkreis Hohenwald stellt um. Die Städte Asch und Colm machen mit; die Leitung hat der "
            "Kreisbeigeordnete Max Ott.")
    ents = [("Landkreis Hohenwald", D, "Landkreis Hohenwald"), ("Asch", M, "Asch"), ("Colm", M, "Colm"),
            ("Max Ott", PER, "Max Ott")]
    got = triples(doc_factory, text, ents)
    assert ("Max Ott", "worksFor", "Landkreis Hohenwald") in got
    assert not {("Max Ott", "worksFor", "Asch"), ("Max Ott", "worksFor", "Colm")} & got


def test_deren_post_needs_its_owner_in_previous_sentence(doc_factory):
    text = ("Der Verband KDVZ hilft mit. Inzwischen betreut eine Landesagentur das Portal. "
            "Deren Geschäftsführerin Eva Brandt ist zufrieden.")
    ents = [("Verband KDVZ", O, "KDVZ"), ("Eva Brandt", PER, "Eva Brandt")]
    assert triples(doc_factory, text, ents) == set()
    text2 = "Auch der Verband KDVZ hilft mit. Dessen Geschäftsführer Tom Weber ist zufrieden."
    ents2 = [("Verband KDVZ", O, "KDVZ"), ("Tom Weber", PER, "Tom Weber")]
    assert triples(doc_factory, text2, ents2) == {("Tom Weber", "heads", "KDVZ")}


def test_mayor_of_the_articles_town_not_a_seat_nearby(doc_factory):
    text = ("Lindenau: Neuer IT-Partner. Die Stadt Lindenau wechselt den Dienstleister. Lindenau hat lange "
            "gesucht. Gewählt wurde das Rechenzentrum KDVZ. Es hat seinen Sitz in Colm. Es gibt viel zu tun. "
            "„Das ist gut“, sagt Bürgermeister Hans Kiefer.")
    ents = [("Lindenau", M, "Lindenau"), ("Stadt Lindenau", M, "Lindenau"), ("Lindenau", M, "Lindenau"),
            ("Rechenzentrum KDVZ", O, "KDVZ"), ("Colm", M, "Colm"), ("Hans Kiefer", PER, "Hans Kiefer")]
    got = triples(doc_factory, text, ents)
    assert ("Hans Kiefer", "heads", "Lindenau") in got
    assert ("Hans Kiefer", "heads", "Colm") not in got


def test_second_post_of_the_land_after_zugleich_als(doc_factory):
    text = ("Zuständig ist das Ministerium für Finanzen des Landes Sachsen, dessen Staatssekretär Rolf Brenner "
            "zugleich als CDO des Landes auftritt.")
    ents = [("Ministerium für Finanzen", "Ministry", "Ministerium für Finanzen"), ("Sachsen", ST, "Sachsen"),
            ("Rolf Brenner", PER, "Rolf Brenner")]
    got = triples(doc_factory, text, ents)
    assert ("Rolf Brenner", "worksFor", "Sachsen") in got


def test_coordinated_second_post_des_freistaats(doc_factory):
    text = ("Im Freistaat Sachsen übernimmt Rolf Brenner, Referent im Ministerium für Finanzen und Beauftragter des "
            "Freistaats für Datenschutz, die Leitung.")
    ents = [("Freistaat Sachsen", ST, "Sachsen"), ("Rolf Brenner", PER, "Rolf Brenner"),
            ("Ministerium für Finanzen", "Ministry", "Ministerium für Finanzen")]
    got = triples(doc_factory, text, ents)
    assert {("Rolf Brenner", "worksFor", "Ministerium für Finanzen"), ("Rolf Brenner", "worksFor", "Sachsen")} <= got


def test_post_announced_before_a_colon(doc_factory):
    text = "Die KDVZ hat eine neue Geschäftsführerin: Eva Brandt folgt auf ihren Vorgänger."
    got = triples(doc_factory, text, [("KDVZ", O, "KDVZ"), ("Eva Brandt", PER, "Eva Brandt")])
    assert got == {("Eva Brandt", "heads", "KDVZ")}
    text2 = "Für die KDVZ gilt seit Mai ein neuer Plan: Eva Brandt stellt ihn vor."
    assert triples(doc_factory, text2, [("KDVZ", O, "KDVZ"), ("Eva Brandt", PER, "Eva Brandt")]) == set()


def test_sentence_initial_post_after_a_body_subject(doc_factory):
    text = ("Die Stadt Asch hat sich gemeldet. Es folgen weitere. Auch der Städtebund unterstützt das Projekt. "
            "Referentin Eva Brandt sprach von einem guten Schritt.")
    ents = [("Stadt Asch", M, "Asch"), ("Städtebund", O, "Städtebund"), ("Eva Brandt", PER, "Eva Brandt")]
    got = triples(doc_factory, text, ents)
    assert got == {("Eva Brandt", "worksFor", "Städtebund")}


def test_mayor_is_not_tied_to_a_body_subject(doc_factory):
    text = "Die Stadt Asch wächst. Die KDVZ betreut die Verwaltung. Bürgermeister Hans Kiefer ist zufrieden."
    ents = [("Stadt Asch", M, "Asch"), ("KDVZ", O, "KDVZ"), ("Hans Kiefer", PER, "Hans Kiefer")]
    got = triples(doc_factory, text, ents)
    assert ("Hans Kiefer", "heads", "Asch") in got
    assert not any(o == "KDVZ" for _, _, o in got)
