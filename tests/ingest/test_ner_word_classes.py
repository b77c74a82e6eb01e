"""Word classes (``ner_base.WordClass``) and ``occurrences``: the per-document position lists
the recognisers start from must be exactly what a test of every token would give."""
from __future__ import annotations

import pytest

from egovkg.ingest import ner_base, ner_cues, ner_persons
from egovkg.ingest.ner_base import TokenTable, WordClass, occurrences
from egovkg.ingest.nlp import make_pipeline

TEXTS = [
    "Staatssekretärin Dr. Jana Probe und Herr Kunze eröffneten in der Stadt Beispielhausen das Portal.\n"
    "Als Kämmerin verantwortet Ilka Muster den Haushalt; Meerbachs Bürgermeister lobte die Kreisen.",
    "Das Interview führte Tom Leser. Die Gemeinde Nordfeld, der Landkreis Südheide und die Stadt "
    "Ostburg (Land) arbeiten zusammen: „Digitale Dörfer“ heißt das Projekt.",
    "Den Städten und Gemeinden Alpha, Beta und Gamma half das Ministerium für Inneres des Landes.",
]


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline("rules")


def _tests():
    return [ner_persons.is_name, lambda w: "\n" in w, lambda w: w.lower() in {"der", "die", "das"},
            lambda w: w[:1].isupper() and len(w) > 5]


def test_positions_are_the_tokens_that_pass(nlp):
    classes = [(test, WordClass(test)) for test in _tests()]
    found = [0] * len(classes)
    for text in TEXTS * 2:
        table = TokenTable(nlp.make_doc(text))
        for k, (test, word_class) in enumerate(classes):
            expected = [i for i, t in enumerate(table.text) if test(t)]
            found[k] += len(expected)
            assert word_class.positions(table) == expected
            assert word_class.mask(table).tolist() == [bool(test(t)) for t in table.text]
    assert all(found)  # every test finds something in these texts


def test_positions_survive_an_emptied_word_memo(nlp, monkeypatch):
    """A table made before the memo was emptied (its word ids now name other words, or none) is
    read with its words' new ids."""
    test = ner_persons.is_name
    word_class = WordClass(test)
    first = TokenTable(nlp.make_doc(TEXTS[0]))
    assert word_class.positions(first) == [i for i, t in enumerate(first.text) if test(t)]
    monkeypatch.setattr(ner_base, "MAX_WORDS", 3)
    for k in range(3):  # new words empty the memo and are numbered first
        TokenTable(nlp.make_doc(f"Die Stadt Neuort{k}x und Frau Probe{k}y trafen Herrn Leser{k}z."))
    assert ner_base._generation != first.generation
    assert word_class.positions(first) == [i for i, t in enumerate(first.text) if test(t)]
    assert len(ner_base._IDS) == len(ner_base._WORDS) == len(ner_base._LOWERS)


def test_occurrences_finds_every_use_in_order():
    texts = ["a", "b", "(", "a", "c", "(", "(", "b"]
    for words in (["a"], ["("], ["a", "b"], {"b", "c", "("}, ["x"], [], ["b", "x", "a"]):
        assert occurrences(texts, words) == [i for i, t in enumerate(texts) if t in set(words)]


def test_person_and_cue_starts_equal_the_tests_of_every_token(nlp):
    """The narrowed start lists hold every token at which the recognisers' loops could act."""
    honorifics = ner_persons.gazetteer.honorifics()
    seen_posts: set[int] = set()
    for text in TEXTS:
        table = TokenTable(nlp.make_doc(text))
        texts = table.text
        posts = ner_persons._post_positions(table)
        seen_posts |= posts
        expected = [i for i, t in enumerate(texts) if ner_persons.is_name(t) and (
            ner_persons.is_first_name(t) or i in posts
            or (i > 0 and (ner_persons.is_role_word(texts[i - 1]) or texts[i - 1] in honorifics)))]
        assert ner_persons._name_positions(table, posts) == expected
        kinds = [ner_cues._cue_kind(t) for t in texts]
        expected = [i for i in range(len(texts) - 1) if kinds[i] in (ner_cues.SINGLE, ner_cues.PLURAL)
                    or (kinds[i] == ner_cues.GENITIVE and ner_persons.is_role_word(texts[i + 1]))]
        assert expected
        assert ner_cues._cue_positions(table) == expected
    assert seen_posts  # "Als ...", "Das Interview führte ..."


def test_generic_mention_positions_equal_the_tests_of_every_token(nlp):
    from egovkg.ingest import ner_generic as fin

    text = ("Der Freistaat und das Land förderten die Staatskanzlei, das Innenministerium und den Kreis; "
            "auf dem Land half die staatskanzlei nicht, der Zweckverband schon.")
    table = TokenTable(nlp.make_doc(text))
    texts, lower = table.text, table.lower
    expected = [i + 1 for i in range(len(texts) - 1) if lower[i] in fin.DETERMINERS and (
        lower[i + 1] in fin.GENERIC_NOUNS or (texts[i + 1][:1].isupper() and lower[i + 1].endswith(fin.LAND_BODIES)))]
    assert len(expected) == 7
    assert fin._generic_positions(table) == expected
