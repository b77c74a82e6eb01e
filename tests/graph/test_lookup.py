"""Name lookup: case- and umlaut-insensitive, exact wins, ambiguity is reported, never guessed."""
from __future__ import annotations

from pathlib import Path

import pytest

from egovkg import ids
from egovkg.errors import EgovkgError
from egovkg.graph.lookup import AmbiguousName, NameIndex, find_entity, normalise
from egovkg.graph.network import open_graph

DATA = Path(__file__).resolve().parent.parent / "data" / "analysis" / "kooperation.ttl"
SUEDERHOEFT = str(ids.entity_iri("Municipality", "Süderhöft"))
KREIS = str(ids.entity_iri("District", "Kreis Süderhöft"))


@pytest.fixture(scope="module")
def index():
    return NameIndex(open_graph(DATA))


@pytest.mark.parametrize("text,expected", [
    ("Ibbenbüren", "ibbenbueren"), ("IBBENBUEREN", "ibbenbueren"), ("  Stadt  Ibbenbüren ", "stadt ibbenbueren"),
    ("Straße", "strasse"), ("Sao Tomé", "sao tome"), ("Rhein-Sieg-Kreis", "rhein sieg kreis"),
])
def test_normalise(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize("query", ["Süderhöft", "süderhöft", "SUEDERHOEFT", "suederhoeft", "stadt süderhöft",
                                   "Stadt Suederhoeft", SUEDERHOEFT])
def test_exact_names_find_the_municipality(index, query):
    assert index.find(query).iri == SUEDERHOEFT


def test_exact_match_wins_over_substring(index):
    # "Süderhöft" is also a substring of "Kreis Süderhöft": the exact label wins
    assert index.find("Kreis Süderhöft").iri == KREIS
    assert index.find("kreis suederhoeft").type == "District"


def test_alt_labels_and_prefixes(index):
    assert index.find("KDZ").label == "Zweckverband KDZ Musterland"
    assert index.find("bmi").type == "Ministry"
    assert index.find("Frau Erika Mustermann").label == "Erika Mustermann"
    assert index.find("Gemeinde Musterdorf").label == "Musterdorf"


def test_unique_substring_is_accepted(index):
    assert index.find("rechenzentrum").label == "Kommunales Rechenzentrum Nordwest"


def test_ambiguous_name_lists_candidates(index):
    with pytest.raises(AmbiguousName) as info:
        index.find("höft")
    assert {m.iri for m in info.value.candidates} == {SUEDERHOEFT, KREIS}
    message = str(info.value)
    assert "Kreis Süderhöft (District)" in message and SUEDERHOEFT in message
    assert isinstance(info.value, EgovkgError)
    with pytest.raises(AmbiguousName) as info:
        index.find("dorf")
    assert [m.label for m in info.value.candidates] == ["Musterdorf", "Ostdorf", "Westdorf"]


def test_unknown_and_empty_names(index):
    with pytest.raises(EgovkgError, match="no entity"):
        index.find("Atlantis")
    with pytest.raises(EgovkgError):
        index.find("  ")


def test_find_entity_shortcut():
    assert find_entity(open_graph(DATA), "weiler").label == "Weiler"
