"""spaCy component ``egov_model_types``: the statistical NER's spans as typed candidates.

With ``de_core_news_lg`` (or any pipeline with an ``ner``), PER/LOC/ORG/MISC spans are
candidates: PER -> Person; LOC and ORG are typed through the gazetteers or their head words;
MISC only when quoted (a programme). Our rule-based recognisers outrank them on overlaps.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from egovkg.ingest import gazetteer
from egovkg.ingest.ner_acronyms import head_type
from egovkg.ingest.ner_base import PRIO_MODEL, Candidate, add_candidate
from egovkg.ingest.ner_gazetteer import place_index

PERSON_LABELS = {"PER", "PERSON"}
PLACE_LABELS = {"LOC", "GPE"}
ORG_LABELS = {"ORG"}


def type_span(label: str, text: str) -> tuple[str, str, tuple[str, ...]] | None:
    """(type, canonical, external ids) for a statistical span, or None to drop it."""
    if label in PERSON_LABELS:
        words = text.split()
        return ("Person", " ".join(w for w in words if w not in gazetteer.honorifics()), ()) if words else None
    for entry in gazetteer.lookup(text):
        return entry.type, entry.canonical, entry.external
    if label in PLACE_LABELS:
        places = place_index().get(text)
        if places:
            return "Municipality", places[0].canonical, places[0].external
        return None
    if label in ORG_LABELS:
        etype = head_type(text.split()) or "Organization"
        return etype, text, ()
    return None


class ModelTyper:
    """Turns ``doc.ents`` of a statistical NER into candidates."""

    def __call__(self, doc: Doc) -> Doc:
        for ent in doc.ents:
            typed = type_span(ent.label_, ent.text)
            if typed is not None:
                etype, canonical, external = typed
                add_candidate(doc, Candidate(ent.start, ent.end, etype, canonical, PRIO_MODEL,
                                             f"model:{ent.label_}", external))
        return doc


@Language.factory("egov_model_types")
def make_model_types(nlp: Language, name: str) -> ModelTyper:
    """Factory of the statistical-span typer."""
    return ModelTyper()
