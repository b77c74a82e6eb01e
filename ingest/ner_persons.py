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
from spacy.tokens import Doc

from egovkg.ingest import gazetteer
from egovkg.ingest.ner_base import (
    PRIO_CUE, PRIO_PERSON, Candidate, TokenTable, WordClass, add_candidate, token_table,
)

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
    "beamte", "beamter", "beamtin",
)
# lower-case words ending like a finite verb that are none ("als Leiterin seit Mai")
NOT_VERBS = frozenset("mit seit nicht jetzt erst fast meist zuletzt zunächst selbst bisher oft".split())
# a capitalised adjective after a role word begins a unit's name, not a person's
# ("Fachdienstleiterin Zentrale Dienste", "Leiter Allgemeine Verwaltung")
ADJECTIVE_ENDINGS = ("ale", "alen", "ine", "inen", "ische", "ischen", "liche", "lichen", "ige", "igen", "elle",
                     "ellen", "ive", "iven", "ere", "eren", "ene", "enen", "ende", "enden")


_NAME_INITIALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ")  # the first letters NAME_RE allows


def is_name(text: str) -> bool:
    """A capitalised word that may be part of a person's name ("Müller", "Hans-Peter")."""
    return text[:1] in _NAME_INITIALS and NAME_RE.match(text) is not None and text not in NOT_SURNAMES


NOUN_ENDINGS = ("ung", "amt", "heit", "keit", "schaft", "tion", "ium", "ment", "tät", "rat", "tag", "stelle",
                "bereich", "abteilung", "team", "büro")


def _lone_surname(doc: Doc, tokens: TokenTable, i: int) -> bool:
    """A single capitalised word after a role/honorific is a surname, not a noun ("Leiterin Bauamt")."""
    if tokens.lower[i].endswith(NOUN_ENDINGS):
        return False
    if i + 1 >= tokens.n:
        return True
    return not tokens.text[i + 1][:1].isupper() or doc[i + 1].is_punct


@lru_cache(maxsize=65536)
def is_role_word(text: str) -> bool:
    """True for role words and compounds of them ("Digitalministerin", "Landes-CIO")."""
    low = text.lower()
    if text in {"CIO", "CDO", "MdL", "MdB"} or low in gazetteer.roles():
        return True
    return low.endswith(ROLE_SUFFIXES)


def _post_then_verb(tokens: TokenTable, i: int) -> bool:
    """A post introduced by "Als" and a verb before a name: "Als Kämmerin verantwortet Ilka Muster".

    Only a full name (first name and surname) is taken after such a post.
    """
    verb = tokens.text[i - 1] if i >= 3 else ""
    return i >= 3 and tokens.lower[i - 3] == "als" and is_role_word(tokens.text[i - 2]) \
        and verb.isalpha() and verb.islower() and verb.endswith(("t", "te")) and verb not in NOT_VERBS


BYLINE_NOUNS = frozenset({"interview", "gespräch", "fragen", "text", "protokoll"})
BYLINE_VERBS = frozenset({"führte", "führten", "stellte", "stellten", "notierte", "notierten", "protokollierte"})


POST_CUES = BYLINE_VERBS | {"als"}


def _byline(tokens: TokenTable, i: int) -> bool:
    """An interview byline before a name: "Das Interview führte Ilka Muster", "Die Fragen stellte ...";
    also the second name of "... führten Ilka Muster und Jan Beispiel"."""
    if i >= 2 and tokens.lower[i - 1] in BYLINE_VERBS and tokens.lower[i - 2] in BYLINE_NOUNS:
        return True
    return i >= 5 and tokens.lower[i - 1] == "und" and tokens.lower[i - 4] in BYLINE_VERBS \
        and tokens.lower[i - 5] in BYLINE_NOUNS


@lru_cache(maxsize=65536)
def is_first_name(text: str) -> bool:
    """A known first name, or a hyphenated one starting with a known one ("Hans-Peter")."""
    names = gazetteer.first_names()
    return text in names or ("-" in text and text.partition("-")[0] in names)


def _is_cue_before(text: str) -> bool:
    """A role word or an honorific, which may come before a name."""
    return is_role_word(text) or text in gazetteer.honorifics()


# the word tests of ``PersonRecognizer``, asked of all tokens at once
_NAMES = WordClass(is_name)
_FIRST_NAMES = WordClass(is_first_name)
_CUES_BEFORE = WordClass(_is_cue_before)
_POST_CUES = WordClass(POST_CUES.__contains__, lower=True)


def _post_positions(tokens: TokenTable) -> set[int]:
    """Tokens where a post or a byline may introduce a name: three after "als" ("Als Kämmerin
    verantwortet Ilka ..."), one and four after a byline verb (``_post_then_verb``, ``_byline``)."""
    lower = tokens.lower
    found = set()
    for k in _POST_CUES.positions(tokens):
        found.update((k + 3,) if lower[k] == "als" else (k + 1, k + 4))
    return found


def _name_positions(tokens: TokenTable, posts: set[int]) -> list[int]:
    """The name words (``is_name``) with a sign of a person: a known first name, a role word or
    honorific before it, or a post or byline position (``posts``); the others start no person."""
    signs = _FIRST_NAMES.mask(tokens)
    signs[1:] |= _CUES_BEFORE.mask(tokens)[:-1]
    signs[[k for k in posts if k < tokens.n]] = True
    return (_NAMES.mask(tokens) & signs).nonzero()[0].tolist()


class PersonRecognizer:
    """Adds person candidates; canonical names carry no title or honorific."""

    def __call__(self, doc: Doc) -> Doc:
        tokens = token_table(doc)
        texts = tokens.text
        posts = _post_positions(tokens)
        resume = 0  # tokens before this one belong to a person already found
        for i in _name_positions(tokens, posts):
            if i < resume:
                continue
            text = texts[i]
            cue_before = i > 0 and _is_cue_before(texts[i - 1])
            known_first = is_first_name(text)
            post_verb = False
            if not (known_first or cue_before):
                post_verb = _post_then_verb(tokens, i) or _byline(tokens, i)
            # "Als Geschäftsführer leitet Hanne Beispiel ...", "Das Interview führte ...": full names only
            cue_before = cue_before or post_verb
            if cue_before and not known_first and tokens.lower[i].endswith(ADJECTIVE_ENDINGS):
                continue
            if known_first or cue_before:
                end = self._surname_end(texts, i + 1)
                unit = cue_before and not known_first and tokens.lower[end - 1].endswith(NOUN_ENDINGS)
                if end > i + 1 and not unit:  # "Leiter Allgemeine Verwaltung" names a unit
                    prio = PRIO_CUE if cue_before else PRIO_PERSON
                    add_candidate(doc, Candidate(i, end, "Person", tokens.span_text(i, end), prio,
                                                 "pattern:person-name"))
                    resume = end
                    continue
                if cue_before and not known_first and not post_verb and _lone_surname(doc, tokens, i):
                    # "Minister Pinkwart", "Herr Egelkamp": a surname alone
                    add_candidate(doc, Candidate(i, i + 1, "Person", text, PRIO_CUE, "pattern:role-surname"))
        return doc

    @staticmethod
    def _surname_end(texts: list[str], j: int) -> int:
        """End of the surname part starting at token ``j`` (== j when there is none)."""
        k, n = j, len(texts)
        # particles: "von der Leyen"
        while k < n and texts[k] in {"von", "van", "de", "der", "zu", "vom"} and k + 1 < n \
                and texts[k + 1][:1].isupper() and k > j - 1:
            if k == j and texts[k] == "der":
                break
            k += 1
        if k < n and is_name(texts[k]):
            return k + 1
        return j


@Language.factory("egov_persons")
def make_persons(nlp: Language, name: str) -> PersonRecognizer:
    """Factory of the person recogniser (first names and role words from ``ontology/gazetteer``)."""
    return PersonRecognizer()
