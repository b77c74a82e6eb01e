"""The per-Doc tables of ``egovkg.ingest.rel_base.Context``: they must say exactly what the
spaCy Tokens and ``Doc.sents`` say, since the rules read only the tables."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import spacy
sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import document  # noqa: E402

from egovkg.ingest.rel_base import MAX_SENT_TOKENS, Context, within
from egovkg.ingest.rel_config import load_config

TEXT = ("Die Stadt Colm und der Landkreis Ufersee arbeiten mit der KDVZ-Tochter „Netz 21“ zusammen.\n\n"
        "\n   \n"
        "Oberbürgermeisterin Eva Brandt (SPD) sagte am 3. Mai 2024: Wir sind dabei!  Das Programm "
        "Arbeit mit Daten läuft bis 2026 – die Kommune zahlt 5.000 Euro.")
ENTS = [("Colm", "Municipality", "Colm"), ("Landkreis Ufersee", "District", "Landkreis Ufersee"),
        ("KDVZ", "Organization", "KDVZ"), ("Eva Brandt", "Person", "Eva Brandt"),
        ("Arbeit mit Daten", "Programme", "Arbeit mit Daten")]


def context(doc) -> Context:
    return Context(doc, document(doc.text), load_config())


def reference_sentences(doc) -> list[tuple[int, int, int, int]]:
    """What Context.sents held when it was built from ``Doc.sents`` Spans."""
    out = []
    for s in doc.sents:
        if not s.text.strip():
            continue
        for i in range(s.start, s.end, MAX_SENT_TOKENS):
            piece = doc[i:min(i + MAX_SENT_TOKENS, s.end)]
            if piece.text.strip():
                out.append((piece.start, piece.end, piece.start_char, piece.end_char))
    return out


def test_token_tables_say_what_the_tokens_say(doc_factory):
    doc = doc_factory(TEXT, ENTS)
    ctx = context(doc)
    assert ctx.text == doc.text
    assert ctx.words == [t.text for t in doc]
    assert ctx.low == [t.lower_ for t in doc]
    assert ctx.alpha == [t.is_alpha for t in doc]
    assert ctx.space == [t.whitespace_ for t in doc]
    assert ctx.idx == [t.idx for t in doc]
    assert ctx.cap == [t.text[:1].isupper() for t in doc]
    assert [ctx.is_word(t.i) for t in doc] == [t.is_alpha and t.text[:1].islower() for t in doc]
    assert [(e.start, e.end, e.text, e.kb, e.label) for e in ctx.ents] == \
        [(e.start, e.end, e.text, e.kb_id_, e.label_) for e in doc.ents]


def test_sentences_skip_blank_lines_and_match_doc_sents(doc_factory):
    doc = doc_factory(TEXT, ENTS)
    blank = next(t.i for t in doc if t.is_space)
    doc[blank + 1].is_sent_start = True  # the blank lines become a "sentence" of their own
    assert any(not s.text.strip() for s in doc.sents)
    ctx = context(doc)
    assert [tuple(s) for s in ctx.sents] == reference_sentences(doc)
    assert len(ctx.sents) == 3  # the whitespace-only "sentence" between the paragraphs is gone
    for si, s in enumerate(ctx.sents):
        assert all(ctx.tok_sent[t] == si for t in range(s.start, s.end))


def test_a_page_without_full_stops_is_cut_into_pieces(doc_factory):
    text = " ".join(["Colm", "und"] * 400) + " Bonn"
    doc = doc_factory(text, [("Colm", "Municipality", "Colm")])
    ctx = context(doc)
    assert [tuple(s) for s in ctx.sents] == reference_sentences(doc)
    assert [s.end - s.start for s in ctx.sents] == [MAX_SENT_TOKENS, MAX_SENT_TOKENS, 801 - 2 * MAX_SENT_TOKENS]


def test_a_custom_sentence_hook_is_followed(doc_factory):
    doc = doc_factory("Die Stadt Colm tritt bei. Bonn auch.", [("Colm", "Municipality", "Colm")])
    doc.user_hooks["sents"] = lambda d: iter([d[0:2], d[2:len(d)]])
    assert [(s.start, s.end) for s in context(doc).sents] == [(0, 2), (2, len(doc))]


def test_a_doc_without_sentence_boundaries_fails_as_doc_sents_does():
    doc = spacy.blank("de")("Die Stadt Colm tritt dem Verband bei")
    with pytest.raises(ValueError):
        list(doc.sents)
    with pytest.raises(ValueError):
        context(doc)


def test_cue_words_are_found_outside_entities_in_text_order(doc_factory):
    doc = doc_factory(TEXT, ENTS)
    ctx = context(doc)
    mit = [t.i for t in doc if t.lower_ == "mit"]
    assert len(mit) == 2 and ctx.tok_ent[mit[1]] >= 0  # the second one is inside the programme's name
    assert ctx.find(frozenset({"mit"})) == mit[:1]
    assert ctx.find(frozenset({"mit"}), outside_ents=False) == mit
    both = ctx.find(frozenset({"mit", "dabei", "zahlt"}))
    assert both == sorted(both) and [ctx.low[t] for t in both] == ["mit", "dabei", "zahlt"]
    assert ctx.sentences_with(both) == [0, 1, 2]
    a, b = ctx.sent_range(1)
    assert [ctx.low[t] for t in within(both, a, b)] == ["dabei"]
    assert [ctx.low[t] for t in ctx.find_where("test-prefix", lambda w: w.startswith("arbeit"))] == ["arbeiten"]


def test_affixed_words_are_found_as_a_test_of_each_word_finds_them(doc_factory):
    doc = doc_factory(TEXT, ENTS)
    cases = [(("arbeit", "zu"), (), frozenset()), ((), ("en", "er"), frozenset()),
             (("da",), ("t",), frozenset({"mit", "kommune", "nirgends"})), ((), (), frozenset({"stadt"})),
             ((), ("-tochter",), frozenset())]
    for prefixes, suffixes, words in cases * 2:  # the second time from the per-configuration memo
        ctx = context(doc)
        found = ctx.find_affixed(prefixes, suffixes, words)
        assert found == ctx.find_where(f"test-affixed {prefixes} {suffixes} {sorted(words)}",
                                       lambda w: w.startswith(prefixes) or w.endswith(suffixes) or w in words)
        assert found == [t for t, w in enumerate(ctx.low) if ctx.tok_ent[t] < 0
                         and (w.startswith(prefixes) or w.endswith(suffixes) or w in words)]


def test_cue_words_asked_for_late_are_found(doc_factory):
    """Context.find intersects with the Doc's share of all cue words asked for so far: a word set
    first asked for after that share was computed (here or in another Doc) must still be found."""
    doc = doc_factory(TEXT, ENTS)
    ctx = context(doc)
    assert ctx.find(frozenset({"mit"})) == [next(t.i for t in doc if t.lower_ == "mit")]
    late = frozenset({"sagte", "läuft", "kein-wort-des-textes"})  # never asked for before this test
    assert [ctx.low[t] for t in ctx.find(late)] == ["sagte", "läuft"]
    other = context(doc_factory("Die Stadt Colm sagte zu, das Programm läuft.", [("Colm", "Municipality", "Colm")]))
    assert [other.low[t] for t in other.find(late)] == ["sagte", "läuft"]
    assert other.find(frozenset({"zahlt"})) == [] and other.find(frozenset({"kein-wort-des-textes"})) == []
    first = context(doc)  # a new Context of the first Doc: the registered sets count from the start
    assert [first.low[t] for t in first.find(late)] == ["sagte", "läuft"]


def test_word_index_lists_all_tokens_of_each_word_in_order(doc_factory):
    """The word -> tokens index is filled in one pass for the generic nouns and registered cue
    words of the Doc, and for any other word when first asked for: either way a word must get
    all its tokens, in Doc order (and a word the Doc lacks none)."""
    text = "Die Stadt Colm zahlt, die Stadt Bonn zahlt nicht; die Kommune zahlt später, sagt die Stadt."
    doc = doc_factory(text, [("Colm", "Municipality", "Colm"), ("Bonn", "Municipality", "Bonn")])
    ctx = context(doc)
    assert ctx.find(frozenset({"zahlt", "sagt"})) == [t.i for t in doc if t.lower_ in ("zahlt", "sagt")]
    for w in sorted(set(ctx.low)):
        assert ctx._by_low[w] == [t.i for t in doc if t.lower_ == w], w
    assert ctx._by_low["kein-wort-des-textes"] == []
    assert [t for t in ctx.generic_nouns if ctx.words[t] == "Stadt"] == [t.i for t in doc if t.text == "Stadt"]


def test_clauses_are_cut_at_breakers_and_list_free_commas(doc_factory):
    text = "Der Kreis Ufersee baut aus; die Stadt Colm, die mitmacht, zahlt: Eva Brandt bestätigt es."
    doc = doc_factory(text, [("Kreis Ufersee", "District", "Kreis Ufersee"), ("Colm", "Municipality", "Colm"),
                             ("Eva Brandt", "Person", "Eva Brandt")])
    ctx = context(doc)
    at = {t.text: t.i for t in doc}
    words = lambda ab: [ctx.words[t] for t in range(*ab)]  # noqa: E731
    assert words(ctx.clause_of(at["baut"])) == ["Der", "Kreis", "Ufersee", "baut", "aus"]
    assert words(ctx.clause_of(at["mitmacht"])) == ["die", "mitmacht"]
    assert words(ctx.clause_of(at["zahlt"])) == ["zahlt"]
    assert words(ctx.clause_of(at["bestätigt"])) == ["Eva", "Brandt", "bestätigt", "es", "."]
    # a cut at the token itself does not count: the clause reaches to the cuts on either side
    assert words(ctx.clause_of(at[";"])) == ["Der", "Kreis", "Ufersee", "baut", "aus", ";", "die", "Stadt", "Colm"]
    assert ctx.clause_of(at["baut"]) == ctx.clause_of(at["Der"])  # asked again: the same boundaries


def test_generic_nouns_outside_entities_only(doc_factory):
    doc = doc_factory(TEXT, ENTS)
    ctx = context(doc)
    stadt, kommune = (next(t.i for t in doc if t.text == w) for w in ("Stadt", "Kommune"))
    assert ctx.anaphor_types(stadt) == ["Municipality"]
    assert "Municipality" in ctx.anaphor_types(kommune)
    assert stadt in ctx.generic_nouns and kommune in ctx.generic_nouns
    landkreis = next(t.i for t in doc if t.text == "Landkreis")  # part of the name "Landkreis Ufersee"
    assert ctx.anaphor_types(landkreis) == [] and landkreis not in ctx.generic_nouns
    ctx.anaphor_types(stadt).append("Person")  # callers get their own list
    assert ctx.anaphor_types(stadt) == ["Municipality"]


def test_sentences_of_a_parsed_doc_follow_the_parse():
    words = ["Colm", "tritt", "bei", ".", "Bonn", "folgt", "."]
    doc = spacy.tokens.Doc(spacy.blank("de").vocab, words=words, heads=[1, 1, 1, 1, 5, 5, 5],
                           deps=["sb", "ROOT", "svp", "punct", "sb", "ROOT", "punct"])
    assert doc.has_annotation("DEP") and [(s.start, s.end) for s in doc.sents] == [(0, 4), (4, 7)]
    assert [tuple(s) for s in context(doc).sents] == reference_sentences(doc)
