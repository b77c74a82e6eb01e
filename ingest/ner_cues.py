"""spaCy component ``egov_cues``: entities announced by a cue word.

* "Stadt X", "Gemeinde X", "Stadtverwaltung X", "kreisfreie Stadt X" -> Municipality X
* "Kreis X", "Landkreis X" -> District; plural lists "den Kreisen A und B",
  "den Städten und Gemeinden A, B, C und D" -> one entity per list member
* "Land X", "Freistaat X" -> State (when X is a Land), "Region X" -> Region
* "Zweckverband X" -> Organization X, "Bezirksregierung X" -> PublicAuthority
* genitive place before a role word: "Meeranes Bürgermeister" -> Municipality Meerane
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from egovkg.ingest import gazetteer
from egovkg.ingest.ner_base import (
    PRIO_CUE, Candidate, TokenTable, WordClass, add_candidate, norm_label, token_table,
)
from egovkg.ingest.ner_gazetteer import place_index
from egovkg.ingest.ner_persons import is_role_word

NAME_TOKEN = re.compile(r"^[A-ZÄÖÜ][\w\-äöüß.]*$")
FUNCTION_WORDS = frozenset(
    "Der Die Das Den Dem Des Ein Eine Einer Und Oder Sowie Mit Von Für Im In Am An Auf Aus Bei Nach "
    "Zum Zur Sie Er Es Wir Ihr Diese Dieser Dieses Hier Dort Damit Dabei Auch Noch "
    # determiners and possessives: "der Kreis Ihrer Mitglieder" is a circle, not a district
    "Einem Einen Eines Kein Keine Keiner Diesen Diesem Jene Jener Jenen Jeder Jede Jedes Jeden Jedem "
    "Welche Welcher Welchen Dessen Deren Ihre Ihrer Ihren Ihrem Ihres Seine Seiner Seinen Seinem Seines "
    "Unsere Unserer Unseren Unserem Unseres Meine Meiner Meinen Meinem Deine Deiner Euer Eure Eurer".split()
)
CONNECTORS = frozenset({",", "und", "sowie", "oder"})
# cue word (lower-case) -> (type, folded into canonical?)
SINGLE_CUES: dict[str, tuple[str, str]] = {
    "stadt": ("Municipality", ""), "gemeinde": ("Municipality", ""), "markt": ("Municipality", ""),
    "stadtverwaltung": ("Municipality", ""), "hansestadt": ("Municipality", ""),
    "landeshauptstadt": ("Municipality", ""), "kreisstadt": ("Municipality", ""),
    "samtgemeinde": ("Municipality", ""), "verbandsgemeinde": ("Municipality", ""), "amt": ("Municipality", ""),
    "amtes": ("Municipality", ""), "amts": ("Municipality", ""),
    "ortsgemeinde": ("Municipality", ""), "marktgemeinde": ("Municipality", ""),
    "kreis": ("District", "Kreis "), "landkreis": ("District", "Landkreis "),
    "region": ("Region", ""), "land": ("State", ""), "freistaat": ("State", ""), "bundesland": ("State", ""),
    "zweckverband": ("Organization", ""), "zweckverbandes": ("Organization", ""),
    "zweckverbands": ("Organization", ""), "bezirksregierung": ("PublicAuthority", "Bezirksregierung "),
}
PLURAL_CUES: dict[str, tuple[str, str]] = {
    "städte": ("Municipality", ""), "städten": ("Municipality", ""), "gemeinden": ("Municipality", ""),
    "kommunen": ("Municipality", ""), "kreise": ("District", "Kreis "), "kreisen": ("District", "Kreis "),
    "verbandsgemeinden": ("Municipality", ""), "samtgemeinden": ("Municipality", ""), "ämter": ("Municipality", ""),
    "ämtern": ("Municipality", ""), "ortsgemeinden": ("Municipality", ""),
    "landkreise": ("District", "Landkreis "), "landkreisen": ("District", "Landkreis "),
    "länder": ("State", ""), "ländern": ("State", ""),
}
MAX_NAME_TOKENS = 5
PLACE_TYPES = frozenset({"Municipality", "District", "Region", "State"})
LOOSE_PLURALS = frozenset({"kommunen"})  # often followed by a noun, not by names
NAME_PREFIXES = frozenset({"St.", "Sankt", "Bad", "Neu", "Alt", "Groß", "Klein", "Hohen"})
ADJECTIVE_ENDINGS = ("er", "es", "e")  # "Dänischer Wohld", "Mittleres Nordfriesland", "Hohe Börde"


@lru_cache(maxsize=65536)
def _name_adjective(text: str) -> bool:
    """A capitalised adjective that begins a two-word place name ("Amt Hüttener Berge",
    "Landkreis Sächsische Schweiz-Osterzgebirge"): an adjective ending, and not a place or
    curated name of its own ("Stadt Münster" is the whole name)."""
    return len(text) >= 4 and text.isalpha() and text.endswith(ADJECTIVE_ENDINGS) and _name_word(text) \
        and not place_index().get(text) and not gazetteer.lookup(text)


@lru_cache(maxsize=65536)
def _name_word(text: str) -> bool:
    """A word that may be (part of) a proper name after a cue word."""
    return bool(NAME_TOKEN.match(text)) and text not in FUNCTION_WORDS and not is_role_word(text)


def _name_end(tokens: TokenTable, i: int, etype: str) -> int:
    """End of a proper name starting at token ``i`` ("Halle (Saale)", "Frankfurt am Main")."""
    texts, n = tokens.text, tokens.n
    k = i
    limit = 1 if etype in {"Municipality", "District", "State", "Region"} else MAX_NAME_TOKENS
    if k + 1 < n and texts[k] in NAME_PREFIXES and NAME_TOKEN.match(texts[k + 1]):
        limit += 1  # "St. Wendel", "Bad Homburg"
    elif limit == 1 and k + 1 < n and _name_adjective(texts[k]) and _name_word(texts[k + 1]):
        limit += 1  # "Amt Dänischer Wohld"
    while k < n and k - i < limit and _name_word(texts[k]):
        k += 1
        # "ADV-Anwendergemeinschaft" is split by the tokenizer; a glued hyphen continues the word
        if k + 1 < n and texts[k] == "-" and not tokens.ws[k - 1] and not tokens.ws[k]:
            k += 1
            limit += 2
    if k == i + 1 and etype == "Municipality" and k + 1 < n and texts[k] == "/" and not tokens.ws[k - 1] \
            and not tokens.ws[k] and NAME_TOKEN.match(texts[k + 1]) and texts[k + 1] not in FUNCTION_WORDS:
        return k + 2  # "Stadt Wittstock/Dosse", "Boizenburg/Elbe": a river or area after a slash
    if k > i and etype in {"Municipality", "District"} and k + 2 < n:
        # "Frankfurt am Main", "Halle (Saale)", "Limburg an der Lahn": only when the longer
        # name is a known place ("Altena im Sauerland" is a town in a region)
        for extra in ((2, 3, 4) if texts[k] in {"am", "an", "ob", "("} else ()):
            longer = tokens.span_text(i, k + extra)
            if k + extra <= n and place_index().get(longer):
                return k + extra
        # "Kirchen (Sieg)": a river or area in brackets belongs to the name
        if texts[k] == "(" and NAME_TOKEN.match(texts[k + 1]) and texts[k + 2] == ")" \
                and not texts[k + 1].isupper() \
                and all(e.type in PLACE_TYPES - {"State"} for e in gazetteer.lookup(texts[k + 1])):
            return k + 3
    return k


def _state_canonical(name: str) -> str | None:
    for entry in gazetteer.lookup(name):
        if entry.type == "State":
            return entry.canonical
    return None


def _canonical(etype: str, prefix: str, name: str) -> str | None:
    if etype == "Municipality" and "/" in name:
        base = name.split("/")[0]  # "Wittstock/Dosse" is the GeoNames place "Wittstock"
        if not place_index().get(name) and len({e.canonical for e in place_index().get(base, ())}) == 1:
            return place_index()[base][0].canonical
    if etype == "State":
        return _state_canonical(name)
    if etype == "District":
        for entry in gazetteer.lookup(prefix + name) + gazetteer.lookup("Landkreis " + name) + \
                gazetteer.lookup("Kreis " + name):
            if entry.type == "District":
                return entry.canonical
    return prefix + name


SINGLE, PLURAL, GENITIVE = 1, 2, 3


@lru_cache(maxsize=65536)
def _cue_kind(text: str) -> int:
    """What a word may start: a single-name cue ("Stadt"), a list cue ("Kreisen"), a genitive
    place before a role word ("Meeranes"), or nothing (0)."""
    low = text.lower()
    if low in SINGLE_CUES and text[:1].isupper():
        return SINGLE
    if low in PLURAL_CUES:
        return PLURAL
    if text.endswith("s") and len(text) > 3:
        return GENITIVE
    return 0


# the word tests of ``CueRecognizer``, asked of all tokens at once
_LIST_OR_SINGLE_CUES = WordClass(lambda text: _cue_kind(text) in (SINGLE, PLURAL))
_GENITIVES = WordClass(lambda text: _cue_kind(text) == GENITIVE)
_ROLE_WORDS = WordClass(is_role_word)


def _cue_positions(tokens: TokenTable) -> list[int]:
    """Tokens before the last that start a cue pattern: a single-name or list cue, or a
    genitive-like word before a role word."""
    if tokens.n < 2:
        return []
    starts = _LIST_OR_SINGLE_CUES.mask(tokens)[:-1] | (_GENITIVES.mask(tokens)[:-1] & _ROLE_WORDS.mask(tokens)[1:])
    return starts.nonzero()[0].tolist()


class CueRecognizer:
    """Adds candidates announced by cue words."""

    def __call__(self, doc: Doc) -> Doc:
        tokens = token_table(doc)
        texts, lower = tokens.text, tokens.lower
        for i in _cue_positions(tokens):
            kind = _cue_kind(texts[i])
            if kind == SINGLE:
                self._single(doc, tokens, i, *SINGLE_CUES[lower[i]])
            elif kind == PLURAL:
                self._plural(doc, tokens, i, *PLURAL_CUES[lower[i]])
            elif is_role_word(texts[i + 1]):
                self._genitive_place(doc, texts, i)
        return doc

    def _single(self, doc: Doc, tokens: TokenTable, i: int, etype: str, prefix: str) -> None:
        j = i + 1
        end = _name_end(tokens, j, etype)
        if end == j:
            return
        if tokens.lower[i].startswith("amt") and end + 1 < tokens.n and tokens.text[end] == "und" \
                and tokens.text[end + 1] == "Gemeinden" and (end + 2 >= tokens.n or (
                    tokens.lower[end + 2] not in {"der", "des"} and not NAME_TOKEN.match(tokens.text[end + 2]))):
            end += 2  # "Amt Gransee und Gemeinden" is the name of one Amt
            prefix = "Amt "
        name = tokens.span_text(j, end)
        if any(e.type != etype for e in gazetteer.lookup(tokens.span_text(i, end))):
            return  # a curated name of another type ("Region Hannover" is a district)
        if etype == "Organization" and name.isupper() is False and end - j == 1 and len(name) > 12:
            return  # "Zweckverband Kommunalverwaltung"-like generic nouns
        canonical = _canonical(etype, prefix, name)
        if canonical is None:
            return
        whole = place_index().get(tokens.span_text(i, end)) if etype == "Municipality" else None
        if whole and len({e.canonical for e in whole}) == 1:
            canonical = whole[0].canonical  # "Markt Indersdorf", "Stadt Wehlen" are the names themselves
        start = i if etype in {"Municipality", "District", "PublicAuthority", "State", "Region"} else j
        if etype == "Organization":
            start = i  # keep "Zweckverband X" as surface form; canonical is X
        add_candidate(doc, Candidate(start, end, etype, canonical, PRIO_CUE, f"pattern:cue-{tokens.lower[i]}"))

    def _plural(self, doc: Doc, tokens: TokenTable, i: int, etype: str, prefix: str) -> None:
        texts, n = tokens.text, tokens.n
        j = i + 1
        # "Städten und Gemeinden A, B": skip a second cue joined by "und"
        if j + 1 < n and texts[j] == "und" and tokens.lower[j + 1] in PLURAL_CUES:
            j += 2
        members: list[tuple[int, int]] = []
        while j < n:
            end = _name_end(tokens, j, etype)
            if end == j:
                break
            members.append((j, end))
            j = end
            if j < n and texts[j] in CONNECTORS:
                j += 1
                if j < n and texts[j] in {"und", "sowie"}:
                    j += 1
            else:
                break
        if tokens.lower[i] in LOOSE_PLURALS and not all(
                gazetteer.lookup(tokens.span_text(s, e)) or place_index().get(tokens.span_text(s, e))
                for s, e in members):
            return  # "erhalten Kommunen Geld": after a loose word only known places count
        for s, e in members:
            name = tokens.span_text(s, e)
            hits = {h.type for h in gazetteer.lookup(name)}
            if hits - PLACE_TYPES - {etype} or (hits & {"State", "Country"} and etype not in hits):
                continue  # "Kommunen Baden-Württemberg": a Land, not a member of the list
            canonical = _canonical(etype, prefix, name)
            if canonical:
                add_candidate(doc, Candidate(s, e, etype, canonical, PRIO_CUE, "pattern:cue-list"))

    def _genitive_place(self, doc: Doc, texts: list[str], i: int) -> None:
        base = texts[i][:-1]
        for entry in gazetteer.lookup(base):
            if entry.type in {"Municipality", "State", "District"}:
                add_candidate(doc, Candidate(i, i + 1, entry.type, entry.canonical, PRIO_CUE,
                                             "pattern:genitive-place", entry.external))
                return
        for entry in place_index().get(base, []):
            add_candidate(doc, Candidate(i, i + 1, "Municipality", entry.canonical, PRIO_CUE,
                                         "pattern:genitive-place", entry.external))
            return


@Language.factory("egov_cues")
def make_cues(nlp: Language, name: str) -> CueRecognizer:
    """Factory of the cue-word recogniser."""
    return CueRecognizer()


__all__ = ["CueRecognizer", "make_cues", "norm_label"]
