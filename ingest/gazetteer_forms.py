"""Surface forms the gazetteer derives from its data instead of storing them.

* ``inflect``: genitive/dative and weak-adjective forms of a name, driven by the rules in
  ``ontology/gazetteer/inflection.tsv`` ("Deutscher Städtetag" -> "Deutschen Städtetages").
* ``district_forms``: "Kreis X" <-> "Landkreis X".
* ``land_forms``: a ministry's generic name combined with its Land ("Innenministerium
  Nordrhein-Westfalen", "das sächsische Innenministerium", "NRW-Innenministerium").
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class InflectionRules:
    """Head-noun genitive suffixes and adjective replacements (longest ending first)."""

    nouns: tuple[tuple[str, tuple[str, ...]], ...] = ()
    adjectives: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class LandNames:
    """How a Land is named around a ministry's generic name."""

    canonical: str
    official: str = ""  # "Freistaat Sachsen", "Land Brandenburg"
    abbreviations: tuple[str, ...] = ()  # "NRW"
    adjectives: tuple[str, ...] = field(default_factory=tuple)  # "sächsisch", "thüringer"
    city_state: bool = False  # Berlin, Hamburg, Bremen: a Land that is also a city


def _adjective(word: str, rules: InflectionRules) -> tuple[str, ...] | None:
    low = word.lower()
    for ending, forms in rules.adjectives:
        if low.endswith(ending) and len(low) > len(ending):
            stem = word[: len(word) - len(ending)]
            return tuple(stem + f for f in forms)
    return None


def _noun(word: str, rules: InflectionRules) -> tuple[str, ...] | None:
    low = word.lower()
    for ending, suffixes in rules.nouns:
        if low.endswith(ending):
            return tuple(word + s for s in suffixes)
    return None


def inflect(label: str, rules: InflectionRules) -> set[str]:
    """Inflected variants of a name (without the name itself).

    Leading adjectives (and coordinations like "Städte- und") are skipped; the first other
    word is the head. Forms: weak nominative ("Sächsische Staatsministerium"), genitive
    ("Sächsischen Staatsministeriums") and dative ("Sächsischen Staatsministerium").

    Args:
        label: A nominative name.
        rules: The inflection rules.

    Returns:
        The variants that differ from ``label``.
    """
    words = label.split(" ")
    adj: dict[int, tuple[str, ...]] = {}
    head = None
    for i, w in enumerate(words[:5]):
        if w.endswith("-") or w == "und":
            continue
        forms = _adjective(w, rules) if i + 1 < len(words) and words[i + 1][:1].isupper() else None
        if forms and _noun(w, rules) is None:
            adj[i] = forms
            continue
        head = i
        break
    if head is None:
        return set()
    genitives = _noun(words[head], rules) or (words[head],)

    def build(adj_form: int, head_word: str) -> str:
        out = list(words)
        for i, forms in adj.items():
            out[i] = forms[min(adj_form, len(forms) - 1)]
        out[head] = head_word
        return " ".join(out)

    variants = set()
    if adj:
        variants.add(build(0, words[head]))   # "das Sächsische Staatsministerium"
        variants.add(build(99, words[head]))  # "dem Sächsischen Staatsministerium"
    for g in genitives:
        variants.add(build(99, g) if adj else build(0, g))
    variants.discard(label)
    return variants


def district_forms(canonical: str) -> set[str]:
    """"Kreis X" for "Landkreis X" and back."""
    if canonical.startswith("Landkreis "):
        return {"Kreis " + canonical[len("Landkreis "):]}
    if canonical.startswith("Kreis "):
        return {"Landkreis " + canonical[len("Kreis "):]}
    return set()


def _adjective_forms(stem: str) -> list[str]:
    """"sächsisch" -> sächsische/sächsisches/sächsischen; "thüringer" -> "Thüringer"."""
    if stem.endswith("sch"):
        return [stem + e for e in ("e", "es", "en", "er")]
    return [stem[:1].upper() + stem[1:]]


def land_forms(generic: str, land: LandNames) -> set[str]:
    """A ministry's generic name ("Innenministerium") combined with its Land's names.

    Args:
        generic: The generic word, as in ``gaz:genericName``.
        land: The Land's names (``LandNames``).

    Returns:
        "Innenministerium Sachsen", "Innenministerium des Freistaates Sachsen", "sächsisches
        Innenministerium", "Sachsen-Innenministerium", "NRW-Innenministerium", ...
    """
    name = land.canonical
    forms = {f"{generic} {name}"}
    if land.official.startswith("Freistaat"):
        forms |= {f"{generic} des Freistaates {name}", f"{generic} des Freistaats {name}"}
    elif land.official.startswith("Land "):
        forms.add(f"{generic} des Landes {name}")
    for abbr in land.abbreviations:
        forms |= {f"{abbr}-{generic}", f"{generic} {abbr}"}
    forms.add(f"{name}-{generic}" if "-" not in name else "")
    for stem in land.adjectives:
        forms |= {f"{a} {generic}" for a in _adjective_forms(stem)}
    forms.discard("")
    return forms


def federal_forms(generic: str) -> set[str]:
    """Generic names of a federal ministry: "Innenministerium des Bundes", "Bundes-Innenministerium"."""
    return {f"{generic} des Bundes", f"Bundes-{generic}"}
