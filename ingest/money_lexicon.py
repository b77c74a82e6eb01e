"""The German money vocabulary (``ontology/money.json``), loaded and checked once.

``lexicon()`` turns the JSON file into lookup tables and two compiled patterns for
``egovkg.ingest.money``: ``compound`` reads a size compound ("millioneneurobetrag" after
hyphens are removed) and ``money_noun`` a noun that makes a scale compound money
("Programm" in "5-Millionen-Programm"). All numbers are ``Decimal``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Qualifier:
    """A word group before a sum ("bis zu") and what it means for the sum."""

    words: tuple[str, ...]
    bound: str | None
    approximate: bool
    each: bool
    not_after: tuple[str, ...]
    only_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """Lookup tables built from ``money.json`` (keys lower case, numbers ``Decimal``)."""

    currencies: dict[str, str]
    names: dict[str, str]
    prefix: frozenset[str]
    scaled: dict[str, tuple[str, Decimal]]
    scales: dict[str, Decimal]
    singular: frozenset[str]
    abbreviations: frozenset[str]
    articles: frozenset[str]
    fractions: dict[str, Decimal]
    number_words: dict[str, Decimal]
    half_suffix: str
    qualifiers: tuple[Qualifier, ...]
    qualifiers_by_last: dict[str, tuple[Qualifier, ...]]  # by last word, in ``qualifiers`` order
    modifiers: dict[str, tuple[Decimal, Decimal]]
    default: tuple[Decimal, Decimal]
    bare: tuple[Decimal, Decimal]
    digit_suffix: str
    endings: tuple[str, ...]
    compound_scales: dict[str, Decimal]
    vague_nouns: frozenset[str]
    not_in_compound: tuple[str, ...]
    compound: re.Pattern[str]
    money_noun: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def raw_vocabulary() -> dict[str, Any]:
    """The parsed ``ontology/money.json`` (shared; do not mutate)."""
    return json.loads(resources.files("egovkg.ontology").joinpath("money.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Lookup tables from ``ontology/money.json`` (built once)."""
    raw = raw_vocabulary()
    vague = raw["vague"]

    def pair(p: list[str]) -> tuple[Decimal, Decimal]:
        return Decimal(p[0]), Decimal(p[1])

    quals = tuple(sorted(
        (Qualifier(tuple(q["phrase"].lower().split()), q.get("bound"), bool(q.get("approximate")),
                    bool(q.get("each")), tuple(q.get("not_after", ())),
                    tuple(q.get("only_after", ()))) for q in raw["qualifiers"]),
        key=lambda q: -len(q.words)))
    for q in quals:
        if q.bound not in (None, "min", "max"):
            raise ValueError(f"money.json: bad bound {q.bound!r} for {q.words}")
    by_last: dict[str, list[Qualifier]] = {}
    for q in quals:
        by_last.setdefault(q.words[-1], []).append(q)
    nouns = list(vague["nouns"]) + list(raw["money_nouns"])
    endings = f"(?:{_alternation(raw['noun_endings'])})"
    compound = re.compile(
        f"(?P<scale>{_alternation(list(vague['compound_scales']))})?(?P<cur>euro)?"
        f"(?P<mid>[^\\W\\d_]{{0,30}}?)(?P<noun>{_alternation(nouns)}){endings}")
    return Lexicon(
        currencies=dict(raw["currencies"]), names=dict(raw["currency_names"]),
        prefix=frozenset(raw["currency_prefix"]),
        scaled={k: (v[0], Decimal(v[1])) for k, v in raw["currency_scaled"].items()},
        scales={k: Decimal(v) for k, v in raw["scales"].items()},
        singular=frozenset(raw["singular_scales"]), abbreviations=frozenset(raw["abbreviations"]),
        articles=frozenset(raw["articles"]),
        fractions={k: Decimal(v) for k, v in raw["fraction_words"].items()},
        number_words={k: Decimal(v) for k, v in raw["number_words"].items()},
        half_suffix=raw["half_suffix"], qualifiers=quals,
        qualifiers_by_last={w: tuple(qs) for w, qs in by_last.items()},
        modifiers={k: pair(v) for k, v in vague["modifiers"].items()},
        default=pair(vague["default"]), bare=pair(vague["bare"]),
        digit_suffix=vague["digit_suffix"], endings=tuple(vague["endings"]),
        compound_scales={k: Decimal(v) for k, v in vague["compound_scales"].items()},
        vague_nouns=frozenset(vague["nouns"]), not_in_compound=tuple(vague["not_in_compound"]),
        compound=compound, money_noun=re.compile(f"(?:{_alternation(nouns)}){endings}$"))

