"""spaCy component ``egov_orgs``: organisations and authorities named by their form.

* legal forms after a capitalised name: "Muster Software GmbH", "Kommunale Dienste AöR",
  "Verein Digitale Dörfer e.V." -> Organization;
* authorities "Landesamt / Bundesamt / Landesbetrieb / Landesanstalt ... für X und Y" ->
  PublicAuthority;
* ministries "Ministerium / Staatsministerium / Bundesministerium für|des|der X (des Landes Y)"
  -> Ministry.
These rank below the curated gazetteer, which knows the canonical names of most of them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from egovkg.ingest import gazetteer
from egovkg.ingest.ner_base import PRIO_CUE, PRIO_HEADWORD, Candidate, TokenTable, WordClass, add_candidate, token_table
from egovkg.ingest.ner_cues import FUNCTION_WORDS
from egovkg.ingest.ner_programmes import CLOSE_QUOTES, OPEN_QUOTES

LEGAL_FORMS = frozenset({"GmbH", "gGmbH", "AG", "AöR", "eG", "SE", "KG", "mbH", "e.V.", "e. V.", "GbR", "KGaA"})
AUTHORITY_HEADS = re.compile(r"^((Landes|Bundes)(amt|betrieb|anstalt|agentur|behörde|zentrale)|Amt)(es|s)?$")
MINISTRY_HEADS = re.compile(r"^(Bundes|Staats|Landes)?[Mm]inisterium(s)?$")
GLUE = frozenset({"für", "und", "des", "der", "im", "in", "de", ","})
MAX_TOKENS = 10
# Head words of organisation names in quotes; not "rat", "tag", "bund": quoted titles of
# magazines and reports ("Städte- und Gemeinderat") use them too.
# Compounds naming an organisation when a Land follows: "Entwicklungsagentur Rheinland-Pfalz",
# "IT-Verbund Schleswig-Holstein", "Innovationszentrum Sachsen".
LAND_ORG_HEADS = ("agentur", "verbund", "zentrum", "gesellschaft", "akademie", "institut", "netzwerk",
                  "dienstleister", "rechenzentrum", "stiftung", "allianz", "genossenschaft", "verband")
QUOTED_ORG_HEADS = ("akademie", "verband", "gesellschaft", "zentrum", "agentur", "institut", "stiftung",
                    "campus", "netzwerk", "verein", "genossenschaft", "allianz")


def _capitalised(text: str) -> bool:
    return bool(text) and (text[:1].isupper() or text[:1].isdigit())


def _is_head(text: str) -> bool:
    # what the patterns may match starts so (AUTHORITY_HEADS) or has "inisterium" (MINISTRY_HEADS)
    return (text.startswith(("Landes", "Bundes", "Amt")) and AUTHORITY_HEADS.match(text) is not None) \
        or ("inisterium" in text and MINISTRY_HEADS.match(text) is not None)


def _land_org_head(text: str) -> bool:
    """A compound (not the bare head word) ending in an organisation head ("Entwicklungsagentur")."""
    return text.isalpha() and text.lower().endswith(LAND_ORG_HEADS)


@lru_cache(maxsize=65536)
def _is_land(text: str) -> bool:
    return any(e.type == "State" for e in gazetteer.lookup(text))


def _may_start(text: str) -> bool:
    """A word at which one of the recogniser's patterns may start (the tests of ``__call__``)."""
    return text in OPEN_QUOTES or text in LEGAL_FORMS or _is_head(text) or _land_org_head(text)


_STARTS = WordClass(_may_start)  # asked of all tokens at once


def _name_after(tokens: TokenTable, j: int, *, genitive: bool = True) -> int:
    """End of "für Digitales und Infrastruktur des Landes Musterland" starting at token ``j``;
    with ``genitive=False`` the name ends before "des"/"der" ("Amt für IT der Senatskanzlei")."""
    k, last_cap = j, j
    while k < tokens.n and k - j < MAX_TOKENS:
        t = tokens.text[k]
        if _capitalised(t) or t == "-":
            last_cap = k + 1
        elif t not in GLUE or "\n" in tokens.ws[k] or (not genitive and t in {"des", "der"}):
            break
        k += 1
    return last_cap


def _glued_slash(tokens: TokenTable, k: int) -> bool:
    """Token ``k`` is a "/" between two words without spaces ("VDI/VDE")."""
    return tokens.text[k] == "/" and k > 0 and not tokens.ws[k - 1] and not tokens.ws[k]


class OrganisationRecognizer:
    """Adds head-word candidates for organisations, authorities and ministries."""

    def __call__(self, doc: Doc) -> Doc:
        tokens = token_table(doc)
        texts = tokens.text
        for i in _STARTS.positions(tokens):
            text = texts[i]
            if text in OPEN_QUOTES:
                self._quoted(doc, tokens, i)
            if text in LEGAL_FORMS and i > 0:
                self._legal_form(doc, tokens, i)
            elif _is_head(text):
                self._head(doc, tokens, i)
            elif _land_org_head(text) and i + 1 < tokens.n and _is_land(tokens.text[i + 1]):
                self._land_org(doc, tokens, i)
        return doc

    def _land_org(self, doc: Doc, tokens: TokenTable, i: int) -> None:
        """"Entwicklungsagentur Rheinland-Pfalz": an organisation compound followed by a Land."""
        texts, start = tokens.text, i
        if i >= 2 and texts[i - 1] == "-" and not tokens.ws[i - 2] and not tokens.ws[i - 1] and texts[i - 2].isupper():
            start = i - 2  # "IT-Verbund" is split after the abbreviation
        elif not texts[i][:1].isupper() or texts[i].lower() in LAND_ORG_HEADS:
            return  # "der Verbund Bayern" may be any union in Bavaria
        add_candidate(doc, Candidate(start, i + 2, "Organization", tokens.span_text(start, i + 2), PRIO_CUE,
                                     "pattern:land-organisation"))

    def _quoted(self, doc: Doc, tokens: TokenTable, i: int) -> None:
        """„Kommunale Digitalakademie Bayern“: a short title-case name in quotes whose head word
        names an organisation. Speech in quotes has lower-case words and is left alone."""
        texts = tokens.text
        k = i + 1
        while k < tokens.n and k - i <= 7 and texts[k] not in CLOSE_QUOTES:
            k += 1
        if k >= tokens.n or texts[k] not in CLOSE_QUOTES or k - i < 3:
            return
        words = texts[i + 1:k]
        if not all(_capitalised(w) or w in GLUE or w == "-" for w in words):
            return
        if any(w.lower().endswith(QUOTED_ORG_HEADS) for w in words[-3:]):
            add_candidate(doc, Candidate(i + 1, k, "Organization", " ".join(words), PRIO_CUE,
                                         "pattern:quoted-organisation"))

    def _legal_form(self, doc: Doc, tokens: TokenTable, i: int) -> None:
        texts = tokens.text
        k = i
        while k > 0 and i - k < 7 and (_capitalised(texts[k - 1]) or texts[k - 1] in {"-", "&", "und", "+"}
                                         or _glued_slash(tokens, k - 1)):
            k -= 1  # "VDI/VDE Innovation + Technik GmbH": "+" and a glued "/" join name parts
        while k < i and (not texts[k][:1].isupper() or texts[k] in FUNCTION_WORDS):
            k += 1
        if k < i and not any(t in {"©", "Copyright"} for t in texts[max(0, k - 3):k]):  # no publisher imprint
            text = tokens.span_text(k, i + 1)
            add_candidate(doc, Candidate(k, i + 1, "Organization", text, PRIO_HEADWORD, "pattern:legal-form"))

    def _head(self, doc: Doc, tokens: TokenTable, i: int) -> None:
        texts = tokens.text
        if i + 1 >= tokens.n:
            return
        joined = texts[i + 1] in {"für", "des", "der"}
        if texts[i].startswith("Amt") and texts[i + 1] != "für":
            return  # "Amt Eiderstedt" is a municipality (egov_cues); "Amt für IT" an authority
        if not joined and not (AUTHORITY_HEADS.match(texts[i]) and _capitalised(texts[i + 1])):
            return  # "Landesbetrieb Information und Technik", but not "Ministerium Ende"
        start = i + 2 if joined else i + 1
        end = _name_after(tokens, start, genitive=bool(MINISTRY_HEADS.match(texts[i])))
        if end <= start:
            return
        etype = "Ministry" if MINISTRY_HEADS.match(texts[i]) else "PublicAuthority"
        head = texts[i]
        nominative = head[:-1] if head.endswith("s") and not head.endswith("ss") and len(head) > 6 and \
            (head[:-1].endswith(("amt", "betrieb", "ministerium"))) else head
        if head.endswith("es") and head[:-2].endswith(("amt", "betrieb")):
            nominative = head[:-2]
        canonical = " ".join([nominative, tokens.span_text(i + 1, end)])  # "Landesbetriebs X" -> "Landesbetrieb X"
        add_candidate(doc, Candidate(i, end, etype, canonical, PRIO_HEADWORD, "pattern:authority-head", form=canonical))


@Language.factory("egov_orgs")
def make_orgs(nlp: Language, name: str) -> OrganisationRecognizer:
    """Factory of the head-word organisation recogniser."""
    return OrganisationRecognizer()
