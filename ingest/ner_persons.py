"""spaCy component ``egov_persons``: named people.

Three signals, all without a statistical model:
* a known first name followed by a capitalised surname ("Cornelia Ebert",
  "Maximilian-Bernhard Scholten", "Ursula von der Leyen");
* a role word or honorific before capitalised names ("Staatssekretär Klaus Vitt",
  "Bundesbildungsminister Cem Özdemir", "Minister Pinkwart", "Herr Egelkamp");
* a surname alone is resolved to the full name later (``egov_finalize``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from egovkg.ingest import gazetteer
from egovkg.ingest.ner_base import PRIO_CUE, PRIO_PERSON, Candidate, add_candidate

NAME_RE = re.compile(r"^[A-ZÄÖÜ][a-zäöüßéèáàíóúçñšžćłńśźżğış]+(?:-[A-ZÄÖÜ][a-zäöüßéèáàíóúçñšžćłńśźżğış]+)*$")
PARTICLES = frozenset({"von", "van", "de", "der", "zu", "vom", "von der", "van der"})
NOT_SURNAMES = frozenset(
    "Der Die Das Den Dem Des Ein Eine Und Oder Sowie Mit Von Für Im In Am An Auf Aus Bei Nach Zum Zur "
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember "
    "Montag Dienstag Mittwoch Donnerstag Samstag Sonntag Stadt Gemeinde Kreis Landkreis Land Bund "
    "Staatssekretär Staatssekretärin Bürgermeister Bürgermeisterin Minister Ministerin".split()
)
ROLE_SUFFIXES = (
    "minister", "ministerin", "bürgermeister", "bürgermeisterin", "präsident", "präsidentin",
    "sekretär", "sekretärin", "landrat", "landrätin", "direktor", "direktorin", "senator", "senatorin",
    "geschäftsführer", "geschäftsführerin", "vorsitzende", "vorsitzender", "beigeordnete", "beigeordneter",
    "leiter", "leiterin", "vorsteher", "vorsteherin", "abgeordnete", "abgeordneter", "staatsrat", "staatsrätin",
    "kämmerer", "kämmerin", "referent", "referentin", "sprecher", "sprecherin", "-cio", "-cdo",
)


def _is_name(tok: Token) -> bool:
    return bool(NAME_RE.match(tok.text)) and tok.text not in NOT_SURNAMES


NOUN_ENDINGS = ("ung", "amt", "heit", "keit", "schaft", "tion", "ium", "ment", "tät", "rat", "tag", "stelle",
                "bereich", "abteilung", "team", "büro")


def _lone_surname(doc: Doc, i: int) -> bool:
    """A single capitalised word after a role/honorific is a surname, not a noun ("Leiterin Bauamt")."""
    low = doc[i].lower_
    if any(low.endswith(e) for e in NOUN_ENDINGS):
        return False
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is None or not nxt.text[:1].isupper() or nxt.is_punct


@lru_cache(maxsize=65536)
def is_role_word(text: str) -> bool:
    """True for role words and compounds of them ("Digitalministerin", "Landes-CIO")."""
    low = text.lower()
    if text in {"CIO", "CDO", "MdL", "MdB"} or low in gazetteer.roles():
        return True
    return any(low.endswith(s) for s in ROLE_SUFFIXES)


def _first_name(text: str, names: frozenset[str]) -> bool:
    return text in names or text.split("-")[0] in names


class PersonRecognizer:
    """Adds person candidates; canonical names carry no title or honorific."""

    def __call__(self, doc: Doc) -> Doc:
        names = gazetteer.first_names()
        honor = gazetteer.honorifics()
        n = len(doc)
        i = 0
        while i < n:
            tok = doc[i]
            cue_before = i > 0 and (is_role_word(doc[i - 1].text) or doc[i - 1].text in honor)
            if _is_name(tok) and (_first_name(tok.text, names) or cue_before):
                end = self._surname_end(doc, i + 1)
                if end > i + 1:
                    prio = PRIO_CUE if cue_before else PRIO_PERSON
                    span = doc[i:end]
                    add_candidate(doc, Candidate(i, end, "Person", span.text, prio, "pattern:person-name"))
                    i = end
                    continue
                if cue_before and not _first_name(tok.text, names) and _lone_surname(doc, i):
                    # "Minister Pinkwart", "Herr Egelkamp": a surname alone
                    add_candidate(doc, Candidate(i, i + 1, "Person", tok.text, PRIO_CUE, "pattern:role-surname"))
            i += 1
        return doc

    @staticmethod
    def _surname_end(doc: Doc, j: int) -> int:
        """End of the surname part starting at token ``j`` (== j when there is none)."""
        k = j
        # particles: "von der Leyen"
        while k < len(doc) and doc[k].text in {"von", "van", "de", "der", "zu", "vom"} and k + 1 < len(doc) \
                and doc[k + 1].text[:1].isupper() and k > j - 1:
            if k == j and doc[k].text == "der":
                break
            k += 1
        if k < len(doc) and _is_name(doc[k]):
            return k + 1
        return j


@Language.factory("egov_persons")
def make_persons(nlp: Language, name: str) -> PersonRecognizer:
    """Factory of the person recogniser (first names and role words from ``ontology/gazetteer``)."""
    return PersonRecognizer()
