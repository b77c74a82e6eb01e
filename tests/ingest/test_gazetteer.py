"""Tests of the gazetteer loader and its data (ontology/gazetteer)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from egovkg.ids import entity_iri
from egovkg.ingest import gazetteer
from egovkg.ingest.gazetteer import GazetteerError, load_entries, lookup
from egovkg.ingest.gazetteer_build import build_rows, place_labels, restore_umlauts
from egovkg.ingest.gazetteer_forms import InflectionRules, inflect
from egovkg.model import ENTITY_TYPES


def _types(label: str) -> set[tuple[str, str]]:
    return {(e.type, e.canonical) for e in lookup(label)}


def test_everything_loads_with_expected_sizes():
    entries = gazetteer.entries()
    by_type: dict[str, int] = {}
    for e in entries:
        by_type[e.type] = by_type.get(e.type, 0) + 1
    assert by_type["Region"] > 50
    assert by_type["State"] == 16 and by_type["Country"] == 1
    assert by_type["District"] == 294
    assert by_type["Ministry"] > 150
    assert len(gazetteer.places()) > 10000
    assert len(gazetteer.first_names()) > 1500
    assert "Frau" in gazetteer.honorifics() and "Dr." in gazetteer.honorifics()


def test_every_type_is_an_ontology_class():
    for e in (*gazetteer.entries(), *gazetteer.places()):
        assert e.type in ENTITY_TYPES, e
        assert e.canonical in e.labels
        assert all(label.strip() for label in e.labels)
    for info in gazetteer.roles().values():
        assert info.implies_type is None or info.implies_type in ENTITY_TYPES


def test_every_state_reference_is_a_land():
    lands = {e.canonical for e in gazetteer.entries() if e.type == "State"}
    for e in (*gazetteer.entries(), *gazetteer.places()):
        if e.type != "Country":
            assert e.state is None or e.state in lands, e


def test_federal_ministry_by_abbreviation_short_form_and_genitive():
    bmi = ("Ministry", "Bundesministerium des Innern")
    assert bmi in _types("BMI")
    assert bmi in _types("Bundesinnenministerium")
    assert bmi in _types("des Bundesministeriums des Innern")
    assert bmi in _types("Bundesministerium des Innern, für Bau und Heimat")
    assert ("Ministry", "Bundesministerium für Digitales und Verkehr") in _types("BMVI")


def test_land_ministry_official_generic_and_adjective_forms():
    nrw = [e for e in lookup("Wirtschaftsministerium Nordrhein-Westfalen") if e.type == "Ministry"]
    assert len(nrw) == 1 and nrw[0].state == "Nordrhein-Westfalen"
    assert nrw[0] in lookup("MWIDE")
    saxon = lookup("das sächsische Justizministerium")
    assert saxon and all(e.state == "Sachsen" for e in saxon)
    assert saxon[0] in lookup("Staatsministerium der Justiz und für Europa")
    assert any(e.state == "Brandenburg" for e in lookup("Ministerium des Innern und für Kommunales"))


def test_ministry_subjects_are_the_graph_iris():
    from rdflib import Graph
    from rdflib.namespace import SKOS

    g = Graph().parse(gazetteer.GAZETTEER_DIR / "ministries.ttl")
    loaded = {(e.type, e.canonical) for e in gazetteer.entries()}
    for node, label in g.subject_objects(SKOS.prefLabel):
        etype = next(t for t, c in loaded if c == str(label))
        assert node == entity_iri(etype, str(label))


def test_districts_in_both_spellings_and_genitive():
    assert ("District", "Kreis Steinfurt") in _types("Landkreis Steinfurt")
    assert ("District", "Landkreis Cochem-Zell") in _types("Kreis Cochem-Zell")
    assert ("District", "Rhein-Sieg-Kreis") in _types("des Rhein-Sieg-Kreises")
    assert ("District", "Märkischer Kreis") in _types("Märkischen Kreises")
    assert ("District", "Region Hannover") in _types("Region Hannover")
    assert ("District", "Städteregion Aachen") in _types("StädteRegion Aachen")


def test_city_state_has_both_types():
    for city in ("Hamburg", "Berlin"):
        types = {e.type for e in lookup(city)}
        assert {"State", "Municipality"} <= types
    assert ("State", "Hamburg") in _types("Freie und Hansestadt Hamburg")
    assert ("Country", "Deutschland") in _types("der Bund")


def test_place_by_alternatename_with_umlaut_and_geonames_iri():
    hits = [e for e in lookup("Ibbenbueren") if e.type == "Municipality"]
    assert [e.canonical for e in hits] == ["Ibbenbüren"]
    assert hits[0].external[0].startswith("https://sws.geonames.org/")
    assert hits[0].state == "Nordrhein-Westfalen"
    assert hits[0] in lookup("Ibbenbüren")
    # an official name spelled with "oe" keeps it
    assert "Moers" in {e.canonical for e in lookup("Moers")}


def test_stopwords_are_places_that_are_words():
    stop = gazetteer.place_stopwords()
    assert {"Essen", "Lotte", "Recke", "Senden", "Waren"} <= stop
    assert "Ibbenbüren" not in stop and "Laer" not in stop
    assert any(e.type == "Municipality" for e in lookup("Lotte"))


def test_roles_relations():
    roles = gazetteer.roles()
    assert roles["verbandsvorsteherin"].relation == "heads"
    assert roles["erste beigeordnete"].relation == "worksFor"
    assert roles["stellvertretende vorsitzende"].relation == "worksFor"
    assert roles["landrätin"].implies_type == "District"
    assert roles["bundesinnenminister"].implies == "Bundesministerium des Innern"
    assert roles["mdl"].relation == "memberOf"
    # a role's implied entity must exist
    canon = {e.canonical for e in gazetteer.entries()}
    assert all(r.implies in canon for r in roles.values() if r.implies)


def test_state_adjectives():
    adj = gazetteer.state_adjectives()
    assert adj["sächsisch"] == "Sachsen"
    assert adj["nordrhein-westfälisch"] == "Nordrhein-Westfalen"
    assert len(set(adj.values())) == 16


def test_organisations_and_parties():
    assert ("Organization", "Vitako") in _types("Vitako")
    assert ("PublicAuthority", "Föderale IT-Kooperation") in _types("FITKO")
    assert ("PublicAuthority", "Bundeskanzleramt") in _types("Bundeskanzleramt")
    assert ("Organization", "Bündnis 90/Die Grünen") in _types("Grünen")
    assert ("Organization", "Deutscher Städtetag") in _types("des Deutschen Städtetages")


def test_regions_are_wired_in():
    assert ("Region", "Münsterland") in _types("Münsterland")


def test_inflection_rules():
    rules = InflectionRules(nouns=(("ministerium", ("s",)),), adjectives=(("isches", ("ische", "ischen")),))
    forms = inflect("Sächsisches Staatsministerium des Innern", rules)
    assert "Sächsischen Staatsministeriums des Innern" in forms
    assert "Sächsische Staatsministerium des Innern" in forms
    assert inflect("Senatskanzlei Berlin", rules) == set()


def test_places_build_restores_umlauts_and_filters_alternates():
    alts = ["Muenster", "Münster", "Minster", "MUN", "Монастир", "Münster (Westf.)"]
    assert restore_umlauts("Muenster", alts) == "Münster"
    assert restore_umlauts("Moers", ["Mörs"], keep=frozenset({"Moers"})) == "Moers"
    labels = place_labels("Frankfurt am Main", "Frankfurt am Main",
                          ["Frankfurt", "Frankfurt nad Mohanem", "FRA", "Frankfurt a. M."])
    assert "Frankfurt" in labels and "Frankfurt nad Mohanem" not in labels and "FRA" not in labels
    rows = build_rows([{"geonameid": 1, "name": "Ibbenbueren", "countrycode": "DE", "admin1code": "07",
                        "population": 5, "alternatenames": ["Ibbenbüren"]},
                       {"geonameid": 2, "name": "Paris", "countrycode": "FR", "admin1code": "11"}],
                      {"07": "Nordrhein-Westfalen"})
    assert rows == [("1", "Ibbenbueren", "Ibbenbüren", "Nordrhein-Westfalen", "5", "Ibbenbueren|Ibbenbüren")]


@pytest.fixture
def gaz_copy(tmp_path: Path) -> Path:
    target = tmp_path / "gazetteer"
    shutil.copytree(gazetteer.GAZETTEER_DIR, target)
    return target


def _append(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return len((text + line).splitlines())


def test_validation_unknown_type(gaz_copy: Path):
    no = _append(gaz_copy / "districts.tsv", "Kreis\tKreis Nirgendwo\t\tSachsen")
    with pytest.raises(GazetteerError, match=rf"districts\.tsv:{no}: unknown type 'Kreis'"):
        load_entries(gaz_copy)


def test_validation_duplicate_canonical(gaz_copy: Path):
    _append(gaz_copy / "organizations.tsv", "Organization\tVitako\tVitako-Doppel\t\t")
    with pytest.raises(GazetteerError, match=r"organizations\.tsv: duplicate Organization 'Vitako'"):
        load_entries(gaz_copy)


def test_validation_empty_label(gaz_copy: Path):
    no = _append(gaz_copy / "programmes.tsv", "Programme\t\tirgendwas\t")
    with pytest.raises(GazetteerError, match=rf"programmes\.tsv:{no}: empty label"):
        load_entries(gaz_copy)


def test_validation_bad_role(gaz_copy: Path):
    no = _append(gaz_copy / "roles.tsv", "Chefin\tChef\tleads\t\t")
    with pytest.raises(GazetteerError, match=rf"roles\.tsv:{no}"):
        gazetteer.load_roles(gaz_copy)


def test_municipal_it_providers_with_their_short_forms():
    assert _types("ITVSH") == {("Organization", "IT-Verbund Schleswig-Holstein")}
    assert _types("KIV Thüringen") == {("Organization", "Kommunale Informationsverarbeitung Thüringen")}
    assert _types("KDRS") == {("Organization", "Komm.ONE")}
    # citkomm is its own provider, not a former name of Südwestfalen-IT
    assert _types("citkomm") == {("Organization", "citkomm")}
    assert ("Organization", "Südwestfalen-IT") not in _types("Citkomm")
