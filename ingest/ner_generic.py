"""Generic mentions for ``egov_finalize``: "der Freistaat", "das Ministerium", "die Staatskanzlei".

After the named entities of a Doc are chosen, a bare noun after a determiner stands for the one
entity of its kind the document names (:func:`resolve_generic`); a Land body ("das
Innenministerium") stands for the body of the Land the document is mostly about.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from egovkg.ingest import gazetteer
from egovkg.ingest.ner_base import BY_START as _BY_START, ORG_LIKE, Candidate, TokenTable, WordClass


GENERIC_NOUNS: dict[str, tuple[str, ...]] = {
    # bare noun after a determiner -> the types it may stand for
    "freistaat": ("State",), "ministerium": ("Ministry",), "zweckverband": ("Organization",),
    "landkreis": ("District",), "kreis": ("District",), "land": ("State",), "landes": ("State",),
}
COUNTRYSIDE = frozenset({"auf", "aufs"})  # "auf dem Land" is the countryside, not the Land
DETERMINERS = frozenset("der die das des dem den vom zum beim im".split())


LAND_BODIES = ("ministerium", "staatskanzlei", "senatskanzlei")
# asked of all tokens at once
_DETERMINERS = WordClass(DETERMINERS.__contains__, lower=True)
_GENERIC_WORDS = WordClass(lambda text: text.lower() in GENERIC_NOUNS
                           or (text[:1].isupper() and text.lower().endswith(LAND_BODIES)))


@lru_cache(maxsize=65536)
def _adjective_land(text: str) -> str | None:
    """The Land a lower-case word names as an adjective ("sächsischen" -> "Sachsen"), if any."""
    low = text.lower()
    if not low[:1].isalpha() or text[:1].isupper():
        return None
    for stem, land in gazetteer.state_adjectives().items():
        if low.startswith(stem):
            return land
    return None


def _main_land(tokens: TokenTable, chosen: list[Candidate]) -> str | None:
    """The Land the document names most often, by name or adjective ("schleswig-holsteinischen");
    None on a tie or when none is named."""
    counts = Counter(c.canonical for c in chosen if c.label == "State")
    counts.update(land for land in map(_adjective_land, tokens.text) if land is not None)
    counts = counts.most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return None
    return counts[0][0]


@lru_cache(maxsize=65536)
def _is_land_body(low: str) -> bool:
    return low.endswith(LAND_BODIES)


def _land_body(tokens: TokenTable, i: int, state: str | None) -> Candidate | None:
    """"die Staatskanzlei", "das Innenministerium": the body of the Land the document is about."""
    word = tokens.text[i]
    if state is None or not word.lower().endswith(LAND_BODIES):
        return None
    for form in (word, word[:-1] if word.endswith("s") else word):
        hits = {(e.type, e.canonical) for e in gazetteer.lookup(f"{form} {state}") if e.type in ORG_LIKE}
        if len(hits) == 1:
            etype, canonical = hits.pop()
            return Candidate(i, i + 1, etype, canonical, 0, "coref:land-body")
    return None


def _generic_positions(tokens: TokenTable) -> list[int]:
    """Tokens after a determiner that may be a generic mention: a capitalised Land body word or
    a word of ``GENERIC_NOUNS`` (the words ``_resolve_generic`` acts on)."""
    if tokens.n < 2:
        return []
    after = _DETERMINERS.mask(tokens)[:-1] & _GENERIC_WORDS.mask(tokens)[1:]
    return (after.nonzero()[0] + 1).tolist()


def resolve_generic(tokens: TokenTable, chosen: list[Candidate]) -> list[Candidate]:
    """"der Freistaat", "das Ministerium": the one named entity of that kind in the document."""
    texts, lower = tokens.text, tokens.lower
    # both kinds of generic mention follow a determiner
    positions = _generic_positions(tokens)
    if not positions:
        return sorted(chosen, key=_BY_START)
    taken = {k for c in chosen for k in range(c.start, c.end)}
    state: str | None = None  # the document's Land, found when a Land body needs it
    state_known = False
    extra = []
    nested: set[tuple[str, str]] | None = None  # Länder inside longer names, found on first use
    for i in positions:
        if i not in taken and texts[i][:1].isupper() and _is_land_body(lower[i]):
            if not state_known:
                state, state_known = _main_land(tokens, chosen), True
            body = _land_body(tokens, i, state)
            if body is not None:
                extra.append(body)
                continue
        types = GENERIC_NOUNS.get(lower[i])
        if not types or i in taken:
            continue
        if i + 1 < tokens.n and texts[i + 1][:1].isupper() and (types != ("State",) or _is_state_word(texts[i + 1])):
            continue  # "der Zweckverband KISA" is a name, not a generic mention
        named = {(c.label, c.canonical) for c in chosen if c.label in types}
        if types == ("State",):
            if i >= 2 and lower[i - 2] in COUNTRYSIDE:
                continue
            if nested is None:
                nested = _nested_states(tokens, chosen)
            named = named | nested  # a second Land named inside a longer name makes "das Land" open
        if lower[i] == "freistaat":
            named = {k for k in named if any(lab.startswith("Freistaat") for e in gazetteer.lookup(k[1])
                                             for lab in e.labels)}
        if len(named) == 1:
            label, canonical = named.pop()
            extra.append(Candidate(i, i + 1, label, canonical, 0, "coref:generic"))
    return sorted(chosen + extra, key=_BY_START)


def _nested_states(tokens: TokenTable, chosen: list[Candidate]) -> set[tuple[str, str]]:
    """Länder named only inside longer names ("Kommunaler Digitalfonds NRW", "Ministerium ... des
    Landes Nordrhein-Westfalen"), as (type, canonical) keys."""
    found = set()
    for c in chosen:
        if c.label in ORG_LIKE:
            for k in range(c.start, c.end):
                if tokens.text[k][:1].isupper() and _is_state_word(tokens.text[k]):
                    found.update(("State", e.canonical) for e in gazetteer.lookup(tokens.text[k]) if e.type == "State")
    return found


@lru_cache(maxsize=65536)
def _is_state_word(text: str) -> bool:
    return any(e.type == "State" for e in gazetteer.lookup(text))
