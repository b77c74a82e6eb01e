"""Posts named before the person: "beim" bodies, generic nouns, short genitive names,
"Dessen Präsident", compound posts with a hyphenated body name (rel_post_forms, rel_owner)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import triples  # noqa: E402

M, D, O, MIN, PER = "Municipality", "District", "Organization", "Ministry", "Person"


def test_post_beim_ministry_before_the_name(doc_factory):
    text = "Die Parlamentarische Staatssekretärin beim BMWX, Hanna Ostrow, stellte die Zahlen vor."
    got = triples(doc_factory, text, [("BMWX", MIN, "BMWX"), ("Hanna Ostrow", PER, "Hanna Ostrow")])
    assert ("Hanna Ostrow", "worksFor", "BMWX") in got


def test_post_of_generic_noun_before_the_name(doc_factory):
    text = ("Der Landkreis Wiesengrund gibt 20.000 Euro dazu. Das Projekt leitet der Digitalisierungsbeauftragte "
            "des Kreises, Malte Sievers.")
    ents = [("Landkreis Wiesengrund", D, "LK Wiesengrund"), ("Malte Sievers", PER, "Malte Sievers")]
    assert ("Malte Sievers", "worksFor", "LK Wiesengrund") in triples(doc_factory, text, ents)


def test_generic_noun_without_such_entity_gives_nothing(doc_factory):
    text = "Die Nordrechen GmbH liefert. Das Projekt leitet der Beauftragte des Kreises, Malte Sievers."
    ents = [("Nordrechen GmbH", O, "Nordrechen"), ("Malte Sievers", PER, "Malte Sievers")]
    got = triples(doc_factory, text, ents)
    assert not any(s == "Malte Sievers" for s, _, _ in got)


def test_short_genitive_name_of_a_named_body(doc_factory):
    text = ("Wir sprechen oft mit dem Landkreistag Nordmark. Der Präsident des Landkreistags, Jörn Hallig, "
            "sitzt im Beirat.")
    ents = [("Landkreistag Nordmark", O, "Landkreistag Nordmark"), ("Jörn Hallig", PER, "Jörn Hallig")]
    assert ("Jörn Hallig", "heads", "Landkreistag Nordmark") in triples(doc_factory, text, ents)


def test_short_genitive_name_with_two_candidates_is_ambiguous(doc_factory):
    text = ("Der Landkreistag Nordmark und der Landkreistag Südmark tagen. Der Präsident des Landkreistags, "
            "Jörn Hallig, eröffnet.")
    ents = [("Landkreistag Nordmark", O, "Landkreistag Nordmark"), ("Landkreistag Südmark", O, "Landkreistag Südmark"),
            ("Jörn Hallig", PER, "Jörn Hallig")]
    got = triples(doc_factory, text, ents)
    assert ("Jörn Hallig", "heads", "Landkreistag Nordmark") not in got
    assert ("Jörn Hallig", "heads", "Landkreistag Südmark") not in got


def test_dessen_praesident_heads_the_subject_before(doc_factory):
    text = ("Der Gemeindebund Nordland lobt den Plan. Dessen Präsidentin Edda Rall (SPD), Bürgermeisterin der "
            "Stadt Talheim, fordert mehr Geld.")
    ents = [("Gemeindebund Nordland", O, "Gemeindebund Nordland"), ("Edda Rall", PER, "Edda Rall"),
            ("SPD", O, "SPD"), ("Stadt Talheim", M, "Talheim")]
    got = triples(doc_factory, text, ents)
    assert ("Edda Rall", "heads", "Gemeindebund Nordland") in got
    assert ("Edda Rall", "heads", "Talheim") in got


def test_deren_after_comma_is_the_body_before(doc_factory):
    text = "Das Geld geht an die Nordrechen GmbH, deren Geschäftsführer Ole Wiese den Antrag stellte."
    ents = [("Nordrechen GmbH", O, "Nordrechen"), ("Ole Wiese", PER, "Ole Wiese")]
    assert ("Ole Wiese", "heads", "Nordrechen") in triples(doc_factory, text, ents)


def test_dessen_inside_a_sentence_is_no_owner(doc_factory):
    from egovkg.ingest.rel_base import Context
    from egovkg.ingest.rel_config import load_config
    from egovkg.ingest.rel_post_forms import possessive_owner
    from relations_helpers import document

    text = "Der Gemeindebund Nordland lobt den Plan und dessen Präsident Ole Wiese lobt mit."
    ents = [("Gemeindebund Nordland", O, "Gemeindebund Nordland"), ("Ole Wiese", PER, "Ole Wiese")]
    ctx = Context(doc_factory(text, ents), document(text), load_config())
    assert possessive_owner(ctx, ctx.low.index("dessen")) is None
    assert possessive_owner(ctx, ctx.low.index("plan")) is None


def test_compound_post_with_hyphenated_body_name(doc_factory):
    text = "Der Zweckverband Nord-IT (Nord-IT) hilft. Nord-IT-Geschäftsführerin Vera Lind sagte Hilfe zu."
    ents = [("Zweckverband Nord-IT", O, "Nord-IT"), ("Nord-IT", O, "Nord-IT"), ("Vera Lind", PER, "Vera Lind")]
    assert ("Vera Lind", "heads", "Nord-IT") in triples(doc_factory, text, ents)
