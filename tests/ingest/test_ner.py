"""NER components on hand-written German sentences (rules only, no statistical model)."""
from __future__ import annotations

import pytest

from egovkg.ingest.nlp import make_pipeline


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline("rules")


def ents(nlp, text: str) -> set[tuple[str, str, str]]:
    return {(e.text, e.label_, e.kb_id_) for e in nlp(text).ents}


def keys(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.label_, e.kb_id_) for e in nlp(text).ents}


def test_cue_words_type_places(nlp):
    got = ents(nlp, "Im Herbst stellte die Gemeinde Laer ihren Haushalt vor, die Stadt Gütersloh folgte.")
    assert ("Gemeinde Laer", "Municipality", "Laer") in got
    assert ("Stadt Gütersloh", "Municipality", "Gütersloh") in got


def test_kreis_and_landkreis_are_districts(nlp):
    got = keys(nlp, "Der Kreis Steinfurt und der Landkreis Uelzen tauschen sich aus.")
    assert ("District", "Kreis Steinfurt") in got
    assert any(t == "District" and "Uelzen" in c for t, c in got)


def test_plural_cue_lists_give_one_entity_each(nlp):
    got = keys(nlp, "Beteiligt sind die Städte Ahaus, Borken und Velen sowie Vertreter aus den Kreisen Borken und Steinfurt.")
    for town in ("Ahaus", "Borken", "Velen"):
        assert ("Municipality", town) in got
    assert ("District", "Kreis Borken") in got
    assert ("District", "Kreis Steinfurt") in got


def test_role_word_before_name(nlp):
    got = keys(nlp, "Nach der Sitzung äußerte sich Bürgermeisterin Maria Unger zufrieden. Staatssekretär Klaus Vitt nickte.")
    assert ("Person", "Maria Unger") in got
    assert ("Person", "Klaus Vitt") in got


def test_role_word_makes_unknown_first_name_a_person(nlp):
    got = keys(nlp, "Am Montag sprach Bundesbildungsminister Cem Özdemir in Bonn.")
    assert ("Person", "Cem Özdemir") in got


def test_honorific_and_surname_resolve_to_full_name(nlp):
    got = keys(nlp, "Marcus Egelkamp leitet das Projekt. Fragen beantwortet Herr Egelkamp gern.")
    assert ("Person", "Marcus Egelkamp") in got
    assert ("Person", "Egelkamp") not in got


def test_apposition_caption(nlp):
    text = "v.l.: Peter Freitag, Leiter IT-Abteilung der Stadt Ibbenbüren; Cornelia Ebert, Erste Beigeordnete"
    got = keys(nlp, text)
    assert {("Person", "Peter Freitag"), ("Person", "Cornelia Ebert"), ("Municipality", "Ibbenbüren")} <= got


def test_role_word_followed_by_noun_is_not_a_person(nlp):
    assert not any(t == "Person" for t, _ in keys(nlp, "Gestern hat die Leiterin Bauamt das Konzept vorgestellt."))


def test_federal_ministry_inflected_and_abbreviated(nlp):
    doc = nlp("Vertreter des Bundesministeriums des Innern waren da. Das BMI zahlt die Förderung.")
    got = {(e.text, e.kb_id_) for e in doc.ents if e.label_ == "Ministry"}
    assert len({c for _, c in got}) == 1
    assert {t for t, _ in got} >= {"Bundesministeriums des Innern", "BMI"}


def test_acronym_definition_links_both_forms(nlp):
    text = ("Die Stadt wird vom Zweckverband Kommunale Rechenzentrale Mittelland (KRZM) begleitet. "
            "Später trat auch Hausen der KRZM bei.")
    doc = nlp(text)
    orgs = {(e.text, e.kb_id_) for e in doc.ents if e.label_ == "Organization"}
    assert {c for _, c in orgs} == {"KRZM"}
    assert any(t.startswith("Zweckverband Kommunale Rechenzentrale") for t, _ in orgs)
    assert sum(t == "KRZM" for t, _ in orgs) == 1 and len([e for e in doc.ents if e.text == "KRZM"]) == 2


def test_quoted_programme_after_trigger(nlp):
    got = keys(nlp, "Die Gemeinde nimmt am Förderprogramm „Smarte Dörfer Nord“ teil.")
    assert ("Programme", "Smarte Dörfer Nord") in got


def test_quotes_without_trigger_are_not_programmes(nlp):
    got = keys(nlp, "Der Bürgermeister nannte das Ergebnis „sehr erfreulich“ und „Ein Meilenstein“.")
    assert not any(t == "Programme" for t, _ in got)


def test_known_programme_head(nlp):
    got = keys(nlp, "Hausen wurde zur Modellkommune E-Government ernannt.")
    assert ("Programme", "Modellkommune E-Government") in got


def test_unquoted_initiative_name(nlp):
    got = keys(nlp, "Mit der Initiative Digitales Dorf Niedersachsen will das Land helfen.")
    assert ("Programme", "Digitales Dorf Niedersachsen") in got


def test_place_that_is_an_ordinary_word_needs_a_cue(nlp):
    plain = keys(nlp, "Nach dem Essen ging es weiter.")
    assert ("Municipality", "Essen") not in plain
    cued = keys(nlp, "Die Stadt Essen digitalisiert ihre Verwaltung.")
    assert ("Municipality", "Essen") in cued


def test_genitive_place_before_role_word(nlp):
    got = keys(nlp, "Gütersloher Bürger lobten es, und Meeranes Bürgermeister Lothar Ungerer auch.")
    assert ("Municipality", "Meerane") in got
    assert ("Person", "Lothar Ungerer") in got


def test_state_official_form(nlp):
    got = keys(nlp, "Der Freistaat Sachsen und das Land Brandenburg arbeiten zusammen.")
    assert ("State", "Sachsen") in got
    assert ("State", "Brandenburg") in got


def test_generic_mentions_are_not_entities(nlp):
    got = ents(nlp, "Die Kommune und das Ministerium sprachen mit dem Zweckverband über die Förderung.")
    assert got == set()


def test_place_that_is_a_common_word_needs_a_cue(nlp):
    assert ("Municipality", "Stelle") not in keys(nlp, "An dieser Stelle beginnt das Projekt.")
    assert ("Municipality", "Senden") in keys(nlp, "Die Gemeinde Senden führt die E-Akte ein.")


def test_geonames_exonym_has_its_german_name(nlp):
    got = keys(nlp, "Der Stadtrat in München beschloss die Strategie.")
    assert ("Municipality", "München") in got


def test_party_before_hyphenated_role_is_an_entity(nlp):
    got = keys(nlp, "Der CDU-Landtagsabgeordnete Wilfried Muster besuchte den Verband.")
    assert ("Organization", "CDU") in got
    assert ("Person", "Wilfried Muster") in got


def test_inflected_ministry_keeps_its_dictionary_form():
    from egovkg.ingest.extract import extract_document
    from egovkg.model import Document

    nlp = make_pipeline("rules")
    text = "Ein Foto zeigt die Außenansicht des Ministeriums des Innern und für Kommunales in Potsdam."
    ex = extract_document(nlp, Document("d", "x.txt", "T", text, None, "0" * 64))
    forms = {m.form for m in ex.mentions if m.type == "Ministry"}
    assert "Ministerium des Innern und für Kommunales" in forms


def test_hyphenated_name_after_abbreviation_stays_whole(nlp):
    doc = nlp("Begleitet wird sie vom Zweckverband Kommunale ADV-Anwendergemeinschaft Nord (KAAN).")
    orgs = [e for e in doc.ents if e.label_ == "Organization"]
    assert "Zweckverband Kommunale ADV-Anwendergemeinschaft Nord" in {e.text for e in orgs}
    assert {e.kb_id_ for e in orgs} == {"KAAN"}


def test_person_surname_beats_a_village_of_that_name(nlp):
    doc = nlp("Oberbürgermeister Holger Brandscheid (SPD) sprach. Brandscheid will digitalisieren.")
    got = {(e.text, e.label_, e.kb_id_) for e in doc.ents}
    assert ("Brandscheid", "Person", "Holger Brandscheid") in got
    assert ("SPD", "Organization", "SPD") in got


def test_place_name_with_region_is_not_one_place(nlp):
    got = keys(nlp, "Die Stadt Altena im Sauerland und Limburg an der Lahn machen mit.")
    assert ("Municipality", "Altena") in got
    assert ("Region", "Sauerland") in got


def test_inflected_land_genitive(nlp):
    assert ("State", "Niedersachsen") in keys(nlp, "Die Städte im Nordwesten Niedersachsens sind dabei.")


def test_multiword_place_starting_with_a_stopword(nlp):
    got = keys(nlp, "Gefördert werden Wetzlar und Bad Homburg vor der Höhe.")
    assert ("Municipality", "Bad Homburg vor der Höhe") in got


def test_bare_district_name_that_is_no_town(nlp):
    got = keys(nlp, "Eine Stadt aus der Wesermarsch geht eigene Wege.")
    assert ("District", "Landkreis Wesermarsch") in got
    assert ("District", "Kreis Steinfurt") not in keys(nlp, "Die Stadt Steinfurt feiert.")


def test_generic_mention_resolves_to_the_named_one(nlp):
    doc = nlp("Der Freistaat Sachsen fördert das Projekt. Der Freistaat setzt dabei auf Kooperation.")
    assert [e.kb_id_ for e in doc.ents if e.label_ == "State"] == ["Sachsen", "Sachsen"]


def test_generic_mention_stays_unresolved_when_ambiguous(nlp):
    doc = nlp("Das Land Hessen und der Freistaat Bayern reden. Das Ministerium schweigt.")
    assert not any(e.text == "Ministerium" for e in doc.ents)


def test_amt_and_verbandsgemeinde_cues(nlp):
    got = keys(nlp, "Beteiligt sind das Amt Nordheide und die Verbandsgemeinden Westerstein und Talbach (Lahn).")
    assert ("Municipality", "Nordheide") in got
    assert ("Municipality", "Westerstein") in got
    assert ("Municipality", "Talbach (Lahn)") in got


def test_two_word_acronym_definition(nlp):
    doc = nlp("Betreut wird das von der Kommunale Datenzentrale Nordland GmbH (KDZ Nordland). Die KDZ Nordland wächst.")
    assert {e.kb_id_ for e in doc.ents if e.label_ == "Organization"} == {"KDZ Nordland"}
    assert sum(e.text == "KDZ Nordland" for e in doc.ents) == 2


def test_programme_named_after_unter_dem_namen(nlp):
    got = keys(nlp, "Unter dem Namen „Smarte Küste Nord“ arbeiten zwei Kreise zusammen.")
    assert ("Programme", "Smarte Küste Nord") in got


def test_camel_case_words_are_not_programmes(nlp):
    assert not any(t == "Programme" for t, _ in keys(nlp, "Die Stadt nutzt die App KommunalCloud seit Mai."))


def test_short_programme_name_joins_the_longer_one(nlp):
    doc = nlp("Kern ist das Projekt „Teileoffensive Nordland“. Die Teileoffensive läuft bis 2026.")
    assert {e.kb_id_ for e in doc.ents if e.label_ == "Programme"} == {"Teileoffensive Nordland"}


def test_same_ministry_name_in_two_laender_follows_the_land_in_the_text(nlp):
    doc = nlp("In Rheinland-Pfalz fördert das Ministerium des Innern und für Sport die Dörfer.")
    ministries = {e.kb_id_ for e in doc.ents if e.label_ == "Ministry"}
    assert len(ministries) == 1 and "Rheinland-Pfalz" in ministries.pop()


def test_kreis_name_alone_is_a_district_not_a_region(nlp):
    assert ("District", "Kreis Dithmarschen") in keys(nlp, "Nordfriesland und Dithmarschen arbeiten zusammen.")


def test_dotted_organisation_name_is_one_token_and_no_sentence_end(nlp):
    doc = nlp("Begleitet wird die Stadt von Komm.ONE, dem IT-Dienstleister mit Sitz in Stuttgart.")
    assert len(list(doc.sents)) == 1
    assert any(e.text == "Komm.ONE" and e.label_ == "Organization" for e in doc.ents)


def test_abbreviations_match_with_their_exact_case(nlp):
    doc = nlp("Das Hessische Ministerium für Digitalisierung und Innovation (HMDI) fördert das. Das HMDI zahlt.")
    ministries = {e.kb_id_ for e in doc.ents if e.label_ == "Ministry"}
    assert len(ministries) == 1 and "Digitalisierung" in ministries.pop()


def test_programme_after_a_genitive_trigger(nlp):
    got = keys(nlp, "Die Stadt ist Teil des Modellvorhabens Digitale Akte Thüringen und spart Zeit.")
    assert ("Programme", "Digitale Akte Thüringen") in got


def test_generic_land_body_resolves_to_the_land_in_the_text(nlp):
    doc = nlp("In Schleswig-Holstein ist Minister Jan Muster zuständig, der zugleich die Staatskanzlei leitet.")
    bodies = [e for e in doc.ents if e.text == "Staatskanzlei"]
    assert bodies and "Schleswig-Holstein" in bodies[0].kb_id_


def test_quoted_name_that_starts_with_its_trigger(nlp):
    got = keys(nlp, "Die Stadt wird Pilotkommune des „Modellvorhabens Digitale Akte Thüringen“ im Land.")
    assert ("Programme", "Modellvorhaben Digitale Akte Thüringen") in got


def test_longer_campaign_name_is_not_the_curated_short_form(nlp):
    got = keys(nlp, "Land und Kommunen haben den „Digitalpakt Verwaltung Nordland“ unterzeichnet.")
    assert ("Programme", "Digitalpakt Verwaltung Nordland") in got
    assert ("Programme", "DigitalPakt Schule") in keys(nlp, "Der DigitalPakt Schule 2.0 kommt.")


def test_legal_form_names_an_organisation(nlp):
    got = keys(nlp, "Die Muster Software GmbH liefert die Lösung an die Stadt Hausen.")
    assert ("Organization", "Muster Software GmbH") in got


def test_authority_and_ministry_by_head_word(nlp):
    got = keys(nlp, "Das Landesamt für Geodaten und Vermessung prüft. Vertreter des Landesbetriebs Daten und Technik kamen.")
    assert ("PublicAuthority", "Landesamt für Geodaten und Vermessung") in got
    assert ("PublicAuthority", "Landesbetrieb Daten und Technik") in got
    assert not any(t == "Ministry" for t, _ in keys(nlp, "Das Ministerium hat es geprüft."))


def test_plural_cue_needs_known_names(nlp):
    got = keys(nlp, "Fünf Kommunen erhalten als erste Kommunen Geld aus dem Programm.")
    assert not any(c == "Geld" for _, c in got)
    assert ("Municipality", "Cottbus") in keys(nlp, "Gefördert werden die Städte Cottbus und Eberswalde.")


def test_names_with_sankt_prefix(nlp):
    got = keys(nlp, "Die Gemeinde Tholey im Landkreis St. Wendel und die Kreisstadt St. Wendel prüfen das.")
    assert ("Municipality", "Sankt Wendel") in got  # GeoNames' name of "St. Wendel"
    assert any(t == "District" and "St. Wendel" in c for t, c in got)


def test_known_abbreviation_defined_by_a_long_name(nlp):
    doc = nlp("Gewählt hat die Versammlung des Zweckverbands Elektronische Verwaltung in Mecklenburg-Vorpommern (eGo-MV).")
    assert len({e.kb_id_ for e in doc.ents if e.label_ == "Organization"}) == 1


def test_authority_and_quoted_organisation(nlp):
    got = keys(nlp, "Das Amt für IT und Digitalisierung prüft. Sie haben die „Kommunale Lernakademie Bayern“ gegründet.")
    assert ("PublicAuthority", "Amt für IT und Digitalisierung") in got
    assert ("Organization", "Kommunale Lernakademie Bayern") in got
    assert ("Municipality", "Hausen") in keys(nlp, "Die Stadt Hausen (NRW) macht mit.")


def test_quoted_titles_are_not_organisations(nlp):
    got = keys(nlp, "Der Verband berichtet in der Zeitschrift „Städte- und Gemeinderat“ über das Pilotprojekt „Digitaler Bauantrag Nord“.")
    assert not any(t in {"Organization", "PublicAuthority"} for t, _ in got)
    assert ("Programme", "Digitaler Bauantrag Nord") in got


def test_bare_abbreviation_after_its_full_name(nlp):
    doc = nlp("Der Kreis tritt dem Zweckverband KDZ Musterstadt bei. Mit dem KDZ arbeitet auch die Stadt Hausen.")
    orgs = [e for e in doc.ents if e.label_ == "Organization"]
    assert [e.text for e in orgs] == ["Zweckverband KDZ Musterstadt", "KDZ"]
    assert len({e.kb_id_ for e in orgs}) == 1
