"""``egov_sentences`` sets the sentence starts spaCy's sentencizer followed by a line-break rule
would set, on every token (True or False, never unset)."""
from __future__ import annotations

import pytest
import spacy

from egovkg.ingest.nlp import make_pipeline

TEXTS = [
    "",
    "Ein Satz ohne Ende",
    "Die Stadt Beispielhausen startet ein Portal. Der Kreis hilft mit!",
    "Wirklich?! Ja … das stimmt. „Wir sind bereit.“ Sagt die Amtsleiterin.",
    "Überschrift\nErster Absatz beginnt hier.\n\nZweiter Absatz (mit Klammer.) endet.\n",
    "Kosten: 1.250.000 Euro (ca. 3 %). Mehr unter www.beispiel.de.\n- Punkt eins\n- Punkt zwei",
    "...",
    ". . .\n\n!",
    "Frage? \n Antwort.  Zwei Leerzeichen.",
]


def expected_starts(text: str) -> list[bool | None]:
    """The specification: spaCy's sentencizer, then a token after a line break starts a sentence."""
    nlp = spacy.blank("de")
    doc = nlp.add_pipe("sentencizer")(make_pipeline("rules").make_doc(text))
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return [t.is_sent_start for t in doc]


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline("rules")


def test_rules_pipeline_splits_sentences_in_one_component(nlp):
    assert "egov_sentences" in nlp.pipe_names
    assert "sentencizer" not in nlp.pipe_names and "egov_lines" not in nlp.pipe_names


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_starts_equal_sentencizer_plus_line_breaks(nlp, text):
    doc = nlp.get_pipe("egov_sentences")(nlp.make_doc(text))
    got = [t.is_sent_start for t in doc]
    assert got == expected_starts(text)
    assert None not in got


def test_sentences_of_a_processed_doc(nlp):
    doc = nlp("Titel der Meldung\nDie Gemeinde Musterdorf digitalisiert. Das Land fördert es.")
    assert [s.text for s in doc.sents] == ["Titel der Meldung\n", "Die Gemeinde Musterdorf digitalisiert.",
                                          "Das Land fördert es."]


def test_base_with_own_sentencizer_gets_only_the_line_rule(tmp_path):
    base = spacy.blank("de")
    base.add_pipe("sentencizer", config={"punct_chars": ["|"]})
    base.to_disk(tmp_path / "base")
    nlp = make_pipeline(str(tmp_path / "base"))
    assert nlp.pipe_names[:2] == ["sentencizer", "egov_lines"]
    doc = nlp("Eins. Zwei | drei\nvier")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Eins", "drei", "vier"]  # its own punctuation, no split after "."
