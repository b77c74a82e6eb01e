"""Shared fixtures. Docs are built by hand: no statistical model is needed."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT.parent / "shared" / "eval" / "seeds.gold.json"


def make_doc(text: str, ents: list[tuple[str, str, str]] | None = None):
    """A spaCy ``Doc`` of ``text`` (blank German + sentencizer) with hand-set entities.

    Args:
        text: German text.
        ents: ``(surface, type, canonical)``; each surface's first unused occurrence becomes an
            entity with ``label_`` = type and ``kb_id_`` = canonical.
    """
    import spacy
    from spacy.tokens import Span

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    spans, taken = [], set()
    for surface, etype, canonical in ents or []:
        pos = text.find(surface)
        while pos >= 0 and any(pos < e and s < pos + len(surface) for s, e in taken):
            pos = text.find(surface, pos + 1)
        if pos < 0:
            raise ValueError(f"{surface!r} not in text")
        span = doc.char_span(pos, pos + len(surface), label=etype, kb_id=canonical, alignment_mode="expand")
        spans.append(span)
        taken.add((pos, pos + len(surface)))
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc


@pytest.fixture
def doc_factory():
    """``doc_factory(text, [(surface, type, canonical), ...])`` -> Doc."""
    return make_doc
