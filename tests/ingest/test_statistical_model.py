"""The statistical path: a tiny NER trained here, saved, and used through ``--model PATH``."""
from __future__ import annotations

import random

import pytest
import spacy
from spacy.training import Example

from egovkg.errors import ModelNotInstalled
from egovkg.ingest.nlp import describe_model, make_pipeline

TRAIN = [
    ("Gestern sprach Zorbax Quintel im Rathaus.", [(15, 29, "PER")]),
    ("Zorbax Quintel lobte die neue Software.", [(0, 14, "PER")]),
    ("Die Rede hielt Zorbax Quintel selbst.", [(15, 29, "PER")]),
    ("Am Abend kam Zorbax Quintel nicht mehr.", [(13, 27, "PER")]),
    ("Der Bericht wurde im Rathaus verlesen.", []),
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A blank German NER overfit on a made-up name in ~30 updates, saved to disk."""
    random.seed(0)
    nlp = spacy.blank("de")
    ner = nlp.add_pipe("ner")
    ner.add_label("PER")
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in TRAIN]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.0)
    path = tmp_path_factory.mktemp("model") / "tiny_de_ner"
    nlp.to_disk(path)
    return path


def test_tiny_model_entities_become_people(tiny_model):
    nlp = make_pipeline(str(tiny_model))
    assert "egov_model_types" in nlp.pipe_names
    doc = nlp("Auf der Tagung sprach Zorbax Quintel über Verwaltung.")
    assert ("Person", "Zorbax Quintel") in {(e.label_, e.kb_id_) for e in doc.ents}
    assert str(tiny_model) in describe_model(nlp)


def test_rules_only_does_not_know_the_made_up_name():
    doc = make_pipeline("rules")("Auf der Tagung sprach Zorbax Quintel über Verwaltung.")
    assert ("Person", "Zorbax Quintel") not in {(e.label_, e.kb_id_) for e in doc.ents}


def test_build_with_model_path_uses_its_entities(tiny_model, tmp_path):
    from egovkg.pipeline import build_corpus

    (tmp_path / "a.txt").write_text(
        "Tagung in Hausen\n\n[03.05.2021] Auf der Tagung sprach Zorbax Quintel über Verwaltung.\n", encoding="utf-8")
    corpus = build_corpus([tmp_path / "a.txt"], model=str(tiny_model))
    assert ("Person", "Zorbax Quintel") in corpus.entities


def test_named_model_that_is_not_installed_is_a_clear_error():
    with pytest.raises(ModelNotInstalled, match="python -m spacy download de_nonexistent_model"):
        make_pipeline("de_nonexistent_model")


@pytest.mark.skipif(not spacy.util.is_package("de_core_news_lg"), reason="de_core_news_lg not installed")
def test_auto_uses_de_core_news_lg_when_installed():
    nlp = make_pipeline("auto")
    assert "de_core_news_lg" in describe_model(nlp)
    assert "parser" in nlp.pipe_names


@pytest.mark.skipif(spacy.util.is_package("de_core_news_lg"), reason="de_core_news_lg is installed")
def test_auto_falls_back_to_rules_and_says_so():
    assert "rules only" in describe_model(make_pipeline("auto"))
