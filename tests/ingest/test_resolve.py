"""Corpus-level entity resolution."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from egovkg.ids import entity_iri
from egovkg.ingest.resolve import one_edit_apart, qualified_base, resolve
from egovkg.model import Document, Evidence, Extraction, Mention, Relation


def _doc(i: int) -> Document:
    return Document(f"d{i}", f"f{i}.txt", "T", "text", dt.date(2020, 1, 1), "0" * 64)


def _ex(i: int, mentions: list[tuple[str, str, str]], relations=()) -> Extraction:
    ms = [Mention(0, len(s), s, t, c) for s, t, c in mentions]
    return Extraction(_doc(i), ms, list(relations))


def test_person_typo_across_documents_is_one_entity():
    corpus = resolve([
        _ex(1, [("Wilfried Grunendahl", "Person", "Wilfried Grunendahl")]),
        _ex(2, [("Wilfried Grunendahl", "Person", "Wilfried Grunendahl")]),
        _ex(3, [("Wilfried Grundendahl", "Person", "Wilfried Grundendahl")]),
    ])
    people = [e for e in corpus.entities.values() if e.type == "Person"]
    assert len(people) == 1
    assert people[0].pref_label == "Wilfried Grunendahl"
    assert "Wilfried Grundendahl" in people[0].alt_labels
    assert people[0].documents == {"d1", "d2", "d3"}


def test_typo_merge_never_crosses_types():
    corpus = resolve([
        _ex(1, [("Peter Hausmann", "Person", "Peter Hausmann")]),
        _ex(2, [("Peter Hausmanns", "Organization", "Peter Hausmanns")]),
    ])
    assert len(corpus.entities) == 2


def test_different_first_names_are_different_people():
    corpus = resolve([_ex(1, [("Anna Berger", "Person", "Anna Berger")]),
                      _ex(2, [("Jonas Berger", "Person", "Jonas Berger")])])
    assert len(corpus.entities) == 2


def test_city_state_is_one_entity_with_both_types():
    corpus = resolve([_ex(1, [("Hamburg", "State", "Hamburg")]), _ex(2, [("Hamburg", "Municipality", "Hamburg")])])
    (entity,) = corpus.entities.values()
    assert entity.types == {"State", "Municipality"}


def test_organisation_types_unify_by_trusted_mention():
    a = Extraction(_doc(1), [Mention(0, 4, "KISA", "Organization", "KISA", "gazetteer:organization")])
    b = Extraction(_doc(2), [Mention(0, 4, "KISA", "PublicAuthority", "KISA", "pattern:acronym")])
    corpus = resolve([a, b])
    (entity,) = corpus.entities.values()
    assert entity.type == "Organization"


def test_lone_surname_joins_the_unique_full_name():
    corpus = resolve([_ex(1, [("Anna Berger", "Person", "Anna Berger")]), _ex(2, [("Berger", "Person", "Berger")])])
    assert list(corpus.entities) == [("Person", "Anna Berger")]


def test_relations_are_mapped_and_self_loops_dropped():
    ev = Evidence("d1", "Satz.", 0, 5, "test", 0.9)
    ex = _ex(1, [("Stadt Hausen", "Municipality", "Hausen"), ("KDZ", "Organization", "KDZ")],
             [Relation(("Municipality", "Hausen"), "memberOf", ("Organization", "KDZ"), ev),
              Relation(("Person", "Berger"), "heads", ("Person", "Anna Berger"), ev)])
    ex.mentions.append(Mention(0, 11, "Anna Berger", "Person", "Anna Berger"))
    corpus = resolve([ex])
    assert [(r.subject, r.predicate, r.object) for r in corpus.relations] == [
        (("Municipality", "Hausen"), "memberOf", ("Organization", "KDZ"))]


def test_one_edit_apart():
    assert one_edit_apart("Grunendahl", "Grundendahl")
    assert one_edit_apart("Meier", "Maier")
    assert not one_edit_apart("Meier", "Meier")
    assert not one_edit_apart("Meier", "Mayer")


names = st.lists(st.tuples(st.sampled_from(["Person", "Municipality", "Organization"]),
                           st.text(alphabet="abcdefghijklmnopqrsäöüß ABCDEFG", min_size=2, max_size=15)),
                 min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(names, st.randoms())
def test_iris_are_stable_across_runs_and_input_order(items, rnd):
    """The same entities get the same IRIs whatever the order of documents."""
    items = [(t, n.strip() or "x") for t, n in items]
    exs = [_ex(i, [(n, t, n)]) for i, (t, n) in enumerate(items)]
    first = {entity_iri(e.type, e.pref_label) for e in resolve(exs).entities.values()}
    shuffled = exs[:]
    rnd.shuffle(shuffled)
    second = {entity_iri(e.type, e.pref_label) for e in resolve(shuffled).entities.values()}
    assert first == second


def test_place_with_and_without_its_qualifier_is_one_entity():
    corpus = resolve([_ex(1, [("Offenbach am Main", "Municipality", "Offenbach am Main")]),
                      _ex(2, [("Offenbach", "Municipality", "Offenbach")]),
                      _ex(3, [("Halle (Saale)", "Municipality", "Halle (Saale)"), ("Halle", "Municipality", "Halle")])])
    assert len(corpus.entities) == 2
    labels = [{e.pref_label, *e.alt_labels} for e in corpus.entities.values()]
    assert {"Offenbach am Main", "Offenbach"} in labels and {"Halle (Saale)", "Halle"} in labels


def test_bare_place_with_two_qualified_namesakes_stays_apart():
    corpus = resolve([_ex(1, [("Frankfurt am Main", "Municipality", "Frankfurt am Main")]),
                      _ex(2, [("Frankfurt (Oder)", "Municipality", "Frankfurt (Oder)")]),
                      _ex(3, [("Frankfurt", "Municipality", "Frankfurt")])])
    assert len(corpus.entities) == 3


def test_qualifier_merge_needs_the_same_type():
    corpus = resolve([_ex(1, [("Weil am Rhein", "Municipality", "Weil am Rhein")]),
                      _ex(2, [("Weil", "Person", "Weil")])])
    assert len(corpus.entities) == 2


def test_qualified_base():
    assert qualified_base("Neustadt an der Weinstraße") == "Neustadt"
    assert qualified_base("Frankfurt/Oder") == "Frankfurt"
    assert qualified_base("Bad Homburg vor der Höhe") == "Bad Homburg"
    assert qualified_base("Sankt Augustin") is None
    assert qualified_base("Altena") is None


def test_programme_names_differing_in_inflection_are_one_entity():
    corpus = resolve([_ex(1, [("Sächsischer Innovationsfonds", "Programme", "Sächsischer Innovationsfonds"),
                              ("Sächsischen Innovationsfonds", "Programme", "Sächsischen Innovationsfonds")]),
                      _ex(2, [("Sächsische Innovationsfonds", "Programme", "Sächsische Innovationsfonds")]),
                      _ex(3, [("Sächsische Digitalagentur", "Organization", "Sächsische Digitalagentur"),
                              ("Hessische Digitalagentur", "Organization", "Hessische Digitalagentur")])])
    assert len(corpus.entities) == 3
