"""The machinery that keeps the NER fast must not change what it finds: the per-document token
table, the stem norms, the place matcher and the matchers built once in ``make_pipeline``."""
from __future__ import annotations

import pytest
from spacy.matcher import PhraseMatcher

from egovkg.ingest import gazetteer, ner_gazetteer
from egovkg.ingest.ner_base import TOKENS_KEY, TokenTable, stem, token_table
from egovkg.ingest.nlp import make_pipeline

TEXT = ("Die Stadt Frankfurt am Main und „Halle (Saale)“ planen mit dem Landkreis Görlitz ein "
        "Bürgerportal.\nAm Montag   unterschrieb Ministerin Anna Beispiel-Muster den BMI-Vertrag; "
        "Kosten: 1.250.000 Euro (ca. 3 %).\n\nWeitere Infos: www.beispiel.de")


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline("rules")


def test_token_table_equals_the_spacy_tokens(nlp):
    doc = nlp.make_doc(TEXT)
    table = TokenTable(doc)
    assert table.n == len(doc)
    assert table.text == [t.text for t in doc]
    assert table.lower == [t.lower_ for t in doc]
    assert table.ws == [t.whitespace_ for t in doc]
    assert table.starts == [t.idx for t in doc]
    for i in range(len(doc) + 2):
        for j in range(i, len(doc) + 3):
            assert table.span_text(i, j) == doc[i:j].text, (i, j)
    for i in range(len(doc)):
        assert table.end_char(i + 1) == doc[i:i + 1].end_char


def test_token_table_is_made_once_and_dropped_at_the_end(nlp):
    doc = nlp.make_doc(TEXT)
    first = token_table(doc)
    assert token_table(doc) is first
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert TOKENS_KEY not in doc.user_data
    assert doc.ents  # the pipeline still found entities


def test_stem_norms_with_and_without_the_word_memo(nlp):
    memo: dict[str, int] = {}
    plain = ner_gazetteer.set_stem_norms(nlp.make_doc(TEXT))
    first = ner_gazetteer.set_stem_norms(nlp.make_doc(TEXT), memo)
    again = ner_gazetteer.set_stem_norms(nlp.make_doc(TEXT), memo)
    expected = [stem(t.text) for t in plain]
    assert [t.norm_ for t in plain] == expected
    assert [t.norm_ for t in first] == expected == [t.norm_ for t in again]
    assert memo and all(nlp.vocab.strings[h] == stem(w) for w, h in memo.items())


def test_place_matcher_finds_what_a_phrase_matcher_finds(nlp):
    """The dict matcher on token texts against spaCy's PhraseMatcher on ORTH over the same labels,
    including multi-word places and overlapping matches."""
    places = ner_gazetteer.PlaceMatcher(nlp.tokenizer)
    reference = PhraseMatcher(nlp.vocab, attr="ORTH")
    labels: dict[str, int] = {}
    for entry in gazetteer.places():
        for label in entry.labels:
            if label not in labels:
                labels[label] = len(labels)
                reference.add(str(labels[label]), [nlp.make_doc(label)])
    texts = [TEXT, "Bad Homburg vor der Höhe, Neustadt an der Weinstraße und Mülheim an der Ruhr liegen "
                   "nicht in Halle, aber Frankfurt (Oder) und Frankfurt liegen nah an Berlin."]
    for text in texts:
        doc = nlp.make_doc(text)
        want = [(int(nlp.vocab.strings[m]), s, e) for m, s, e in reference(doc)]
        got = places(token_table(doc).text)
        assert got == want
        assert any(e - s > 1 for _, s, e in got)  # multi-word names are covered
        assert all(places.table[i] in gazetteer.places() for i, _, _ in got)


def test_curated_matcher_finds_what_a_phrase_matcher_with_a_key_per_label_finds(nlp):
    """The single-key matcher gives the matches, and their order, of a phrase matcher with one
    key per label (``str(index)``) and the labels as Docs; also where several labels share
    their stems ("Deutscher Landkreistag", "Deutschen Landkreistages")."""
    matcher = ner_gazetteer._curated_matcher(nlp.vocab, nlp.tokenizer)
    reference = PhraseMatcher(nlp.vocab, attr="NORM")
    for idx, row in enumerate(matcher.table):
        pattern = nlp.make_doc(" ".join(row.words))
        ner_gazetteer.set_stem_norms(pattern)
        reference.add(str(idx), [pattern])
    shared = [labels for labels in matcher.by_stems.values() if len(labels) > 1]
    assert len(shared) > 100
    names = [" ".join(matcher.table[labels[-1]].words) for labels in shared[::5]]
    texts = ["Das Bundesministerium des Innern und für Heimat, der Deutsche Landkreistag und das "
             "Sächsische Staatsministerium des Innern sowie der Landkreis Görlitz und Vitako trafen sich.",
             ", und ".join(names) + " sowie " + " und ".join(reversed(names))]
    for text in texts:
        doc = ner_gazetteer.set_stem_norms(nlp.make_doc(text))
        want = [(int(nlp.vocab.strings[key]), start, end) for key, start, end in reference(doc)]
        got = matcher(doc, [t.norm for t in doc])
        assert len(got) >= 4
        assert got == want
    assert sum(len(matcher.by_stems[tuple(t.norm for t in doc[s:e])]) > 1 for _, s, e in got) > 50


def test_matchers_are_built_in_make_pipeline_not_per_document(monkeypatch):
    nlp = make_pipeline("rules")
    before = (ner_gazetteer._curated_matcher.cache_info().misses, ner_gazetteer._place_matcher.cache_info().misses)

    def no_new_matcher(*args, **kwargs):
        raise AssertionError("a matcher was built while processing a document")

    monkeypatch.setattr(ner_gazetteer, "PhraseMatcher", no_new_matcher)
    monkeypatch.setattr(ner_gazetteer, "CuratedMatcher", no_new_matcher)
    monkeypatch.setattr(ner_gazetteer, "PlaceMatcher", no_new_matcher)
    monkeypatch.setattr(ner_gazetteer, "_label_words", no_new_matcher)
    docs = list(nlp.pipe(["Die Stadt Görlitz und das Bundesministerium des Innern.", "Ein Text aus Bonn."]))
    assert ("Municipality", "Görlitz") in {(e.label_, e.kb_id_) for e in docs[0].ents}
    assert ("Municipality", "Bonn") in {(e.label_, e.kb_id_) for e in docs[1].ents}
    after = (ner_gazetteer._curated_matcher.cache_info().misses, ner_gazetteer._place_matcher.cache_info().misses)
    assert after == before


def test_label_tokens_keep_the_tokenizer_rules(monkeypatch):
    """Tokenising the labels (prepared cache off) resets the tokenizer's chunk cache by setting
    its rules again: the rules are the same afterwards and texts tokenise as before."""
    monkeypatch.setenv("EGOVKG_CACHE_DIR", "")
    nlp = make_pipeline("rules")
    rules = dict(nlp.tokenizer.rules)
    ner_gazetteer._label_words.cache_clear()
    words = ner_gazetteer._label_words(nlp.tokenizer)
    assert words["Frankfurt am Main"] == ("Frankfurt", "am", "Main")
    assert dict(nlp.tokenizer.rules) == rules
    assert [t.text for t in nlp.make_doc("Komm.ONE und BMI-Staatssekretär")] == \
        ["Komm.ONE", "und", "BMI", "-", "Staatssekretär"]


def test_no_two_place_labels_tokenise_alike(nlp):
    """The place matcher's order equals the phrase matcher's only while labels have distinct tokens."""
    words = ner_gazetteer._label_words(nlp.tokenizer)
    labels = {label for entry in gazetteer.places() for label in entry.labels}
    tokens = [words[label] for label in labels]
    assert len(set(tokens)) == len(tokens)


def _case_agrees_spec(span_words: list[str], label_words: tuple[str, ...]) -> bool:
    """Capitalised label words need capitalised text words; abbreviations must match exactly."""
    for got, want in zip(span_words, label_words):
        if want[:1].isupper() and not got[:1].isupper():
            return False
        if ner_gazetteer.is_abbreviation(want) and got != want:
            return False
    return True


def test_precomputed_case_checks_agree_with_the_rule(nlp):
    table = ner_gazetteer._curated_matcher(nlp.vocab, nlp.tokenizer).table
    rows = [row for row in table if len(row.words) > 1][:300] + \
        [row for row in table if any(ner_gazetteer.is_abbreviation(w) for w in row.words)][:300]
    outcomes = set()
    for row in rows:
        for variant in (list(row.words), [w.lower() for w in row.words], [w.upper() for w in row.words],
                        [w.capitalize() for w in row.words]):
            texts = ["vorher", *variant, "nachher"]
            got = row.case_agrees(texts, 1)
            assert got == _case_agrees_spec(variant, row.words), (row.label, variant)
            outcomes.add(got)
        assert row.rank == row.entry.labels.index(row.label)
    assert outcomes == {True, False}


def test_token_table_word_memo_cleared_or_full_gives_the_same_table(nlp, monkeypatch):
    from egovkg.ingest import ner_base

    monkeypatch.setattr(ner_base, "MAX_WORDS", 5)  # the memo is emptied again and again
    texts = [TEXT, "Die Gemeinde Beispielfeld und der Kreis Musterland.", TEXT.upper()]
    for text in texts * 2:
        doc = nlp.make_doc(text)
        table = TokenTable(doc)
        assert table.text == [t.text for t in doc]
        assert table.lower == [t.lower_ for t in doc]
    most_words = max(len({t.orth for t in nlp.make_doc(text)}) for text in texts)
    assert len(ner_base._IDS) == len(ner_base._WORDS) <= 5 + most_words  # the limit holds (plus one document's words)


def test_token_table_word_ids_with_colliding_cache_slots(nlp, monkeypatch):
    """With four cache slots nearly every word shares its slot with others: the ids still name
    each token's word, in every Doc and again after the memo was emptied."""
    from egovkg.ingest import ner_base

    monkeypatch.setattr(ner_base, "_SLOT_MASK", 3)
    texts = [TEXT, "Die Gemeinde Beispielfeld und der Kreis Musterland.", TEXT.upper(), TEXT]
    for limit in (ner_base.MAX_WORDS, 5):
        monkeypatch.setattr(ner_base, "MAX_WORDS", limit)
        for text in texts * 2:
            doc = nlp.make_doc(text)
            table = TokenTable(doc)
            assert table.text == [t.text for t in doc]
            assert table.lower == [t.lower_ for t in doc]
            assert [ner_base._WORDS[i] for i in table.ids] == table.text
            assert table.ws == [t.whitespace_ for t in doc] and table.starts == [t.idx for t in doc]


def test_rules_base_equals_blank_german_with_the_abbreviation_infix():
    """The rules base is built with the abbreviation rule among its infixes; its tokenizer,
    vocab and config equal ``spacy.blank("de")`` with the rule set afterwards."""
    import spacy

    from egovkg.ingest import nlp as nlp_module

    reference = spacy.blank("de")
    infixes = [*reference.Defaults.infixes, nlp_module.ABBREVIATION_HYPHEN]
    reference.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    base, used = nlp_module._load_base("rules")
    nlp_module._split_abbreviation_compounds(base)
    assert used == "rules" and base.lang == "de"
    assert base.tokenizer.to_bytes() == reference.tokenizer.to_bytes()
    assert base.vocab.to_bytes() == reference.vocab.to_bytes()
    assert base.config.to_str() == reference.config.to_str()
    assert [t.text for t in base.make_doc("Der CDU-Landtagsabgeordnete und die E-Akte")] == \
        ["Der", "CDU", "-", "Landtagsabgeordnete", "und", "die", "E-Akte"]
