"""The spaCy pipeline: a base (``de_core_news_lg`` when installed, else blank German) plus our
components, one per module:

``egov_sentences`` (spaCy's sentencizer plus line breaks; only without a parser; ``egov_lines``
after a base's own sentencizer) -> ``egov_model_types`` (only with a statistical NER) ->
``egov_gazetteer`` -> ``egov_persons`` -> ``egov_cues`` -> ``egov_orgs`` -> ``egov_programmes`` ->
``egov_acronyms`` -> ``egov_finalize``.
"""
from __future__ import annotations

import gc
from pathlib import Path

import spacy
from spacy.lang.de import German
from spacy.language import Language

from egovkg.errors import ModelNotInstalled

# Importing the modules registers their factories.
from egovkg.ingest import ner_acronyms, ner_cues, ner_finalize, ner_gazetteer, ner_model  # noqa: F401
from egovkg.ingest import ner_orgs, ner_persons, ner_programmes, ner_sentences  # noqa: F401

DEFAULT_MODEL = "de_core_news_lg"
INSTALL_HINT = "python -m spacy download {name}"
OUR_COMPONENTS = ("egov_gazetteer", "egov_persons", "egov_cues", "egov_orgs", "egov_programmes", "egov_acronyms",
                  "egov_finalize")


ABBREVIATION_HYPHEN = r"(?<=[A-ZÄÖÜ]{2})-(?=[A-ZÄÖÜ][a-zäöüß]{2,})"
"""Split "CDU-Landtagsabgeordneter", "BMI-Staatssekretär": the abbreviation is an entity of its own."""


def _load_base(model: str) -> tuple[Language, str]:
    if model == "rules":
        return _blank_german(), "rules"
    if model == "auto":
        if spacy.util.is_package(DEFAULT_MODEL):
            return spacy.load(DEFAULT_MODEL, exclude=["lemmatizer"]), DEFAULT_MODEL
        return _blank_german(), "rules"
    path = Path(model)
    if path.exists():
        return spacy.load(path), str(path)
    if spacy.util.is_package(model):
        return spacy.load(model), model
    raise ModelNotInstalled(
        f"spaCy model {model!r} is not installed and is not a pipeline folder. "
        f"Install it with: {INSTALL_HINT.format(name=model)} (or use --model rules)"
    )


def _split_abbreviation_compounds(nlp: Language) -> None:
    if not isinstance(nlp, _RulesGerman):  # a blank base has the rule from the start
        infixes = list(nlp.Defaults.infixes) + [ABBREVIATION_HYPHEN]
        nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


class _RulesGerman(German):
    """``spacy.blank("de")`` whose tokenizer has ``ABBREVIATION_HYPHEN`` among its infixes from
    the start: replacing the infix rule afterwards compiled the long infix pattern twice and
    reloaded the tokenizer's special cases (a tenth of building the pipeline)."""

    class Defaults(German.Defaults):
        infixes = [*German.Defaults.infixes, ABBREVIATION_HYPHEN]


def _blank_german() -> Language:
    """What ``spacy.blank("de")`` makes, as a ``_RulesGerman``."""
    return _RulesGerman.from_config({}, vocab=True, meta={})


def _keep_dotted_names(nlp: Language) -> None:
    """Names with a period inside ("Komm.ONE") stay one token, so no sentence ends inside them."""
    from egovkg.ingest import gazetteer

    for entry in gazetteer.entries():
        for label in entry.labels:
            for word in label.split():
                if "." in word.strip(".") and word[:1].isalpha():
                    nlp.tokenizer.add_special_case(word, [{"ORTH": word}])


def make_pipeline(model: str = "auto") -> Language:
    """The NER pipeline.

    Args:
        model: ``auto`` (de_core_news_lg if installed, else rules only), ``rules``, an installed
            spaCy package name, or the folder of a saved pipeline.

    Raises:
        ModelNotInstalled: a named model that is neither installed nor a folder.

    Python's cycle collector is off while the pipeline is built: the gazetteer data, matchers
    and tokenizer rules are a few hundred thousand objects that live as long as the process,
    and the collector would rescan all of them several times while they are made (a third of
    the construction time). At the end they are frozen (``gc.freeze``): later collections in
    this process, and in workers forked from it, never scan them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        nlp = _build(model)
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return nlp


def _build(model: str) -> Language:
    nlp, used = _load_base(model)
    _split_abbreviation_compounds(nlp)
    _keep_dotted_names(nlp)
    has_parser = "parser" in nlp.pipe_names or "senter" in nlp.pipe_names
    if not has_parser:
        # line breaks end sentences too; one pass does both unless the base has a sentencizer
        nlp.add_pipe("egov_lines" if "sentencizer" in nlp.pipe_names else "egov_sentences")
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("egov_model_types")
    for name in OUR_COMPONENTS:
        nlp.add_pipe(name)
    nlp.get_pipe("egov_gazetteer").prepare()  # matchers are built once, here, not on the first text
    nlp.meta["egovkg_base"] = used
    return nlp


def describe_model(nlp: Language) -> str:
    """One line saying which base the pipeline uses."""
    base = nlp.meta.get("egovkg_base", "rules")
    if base == "rules":
        return "rules only (spaCy blank 'de' + egovkg gazetteers and patterns; de_core_news_lg not installed)"
    return f"{base} ({nlp.meta.get('name', '?')} {nlp.meta.get('version', '')}) + egovkg gazetteers and patterns"
