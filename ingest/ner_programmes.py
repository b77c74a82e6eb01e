"""spaCy component ``egov_programmes``: named programmes, pilot projects and initiatives.

* a name in quotes after a trigger word: Programm, Förderprogramm, Projekt, Pilotprojekt,
  Vorhaben, Wettbewerb, Initiative, Gesamtprojekt, "OZG-Projekt" ... ("Vorhaben „Modellkommune
  E-Government“", "Pilotprojekt „Bürgerterminal ...“");
* an unquoted capitalised name after "Initiative"/"Programm"/"Förderprogramm"
  ("die Initiative Digitale Kommune Niedersachsen");
* compounds that name a campaign: "...offensive für Kommunen", "DigitalPakt ...".
Known programme names come from the curated gazetteer (``egov_gazetteer``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from egovkg.ingest import gazetteer
from egovkg.ingest.ner_base import PRIO_CUE, PRIO_HEADWORD, Candidate, TokenTable, WordClass, add_candidate, token_table
from egovkg.ingest.ner_cues import FUNCTION_WORDS

TRIGGERS = ("programm", "projekt", "vorhaben", "wettbewerb", "initiative", "modellvorhaben", "pilotvorhaben",
            "offensive", "förderprogramm", "pilotprojekt", "modellprojekt", "gesamtprojekt", "verbundprojekt")
OPEN_QUOTES = {"„", "“", '"', "»", "«", "‚"}
CLOSE_QUOTES = {"“", "”", '"', "«", "»", "‘"}
CAMPAIGN = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(offensive|pakt|fonds)$")
CAMPAIGN_ENDINGS = ("offensive", "pakt", "fonds")  # the words CAMPAIGN may match end so
NEEDS_MORE = ("fonds",)  # "Digitalfonds" alone may be any fund; with an adjective or a Land it is named
NAME_ADJECTIVE = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]{3,}(e|er|en|es|em)$")  # "Kommunaler", "Sächsische"
NUMBER = re.compile(r"^\d+(\.\d+)?$")
UNQUOTED_AFTER = {"initiative", "förderprogramm", "programm", "modellvorhaben", "pilotvorhaben", "modellprojekt",
                  "pilotprojekt", "förderprojekt"}
NAME_TRIGGERS = {"namen", "motto"}  # "unter dem Namen „Smart Country Westküste“"
GLUE = {"für", "und", "der", "des", "im", "in"}
# lower-case words inside programme names ("Programm Bezirksamt digital", „Bauantrag online Saar“)
NAME_LOWER_WORDS = frozenset({"digital", "online", "mobil", "vernetzt", "plus"})
# a pilot or model participant before a quoted name: "Pilotkommune für den „X“", "Modellregion im „Y“"
PARTICIPANT = re.compile(r"^(pilot|modell)(kommune|region|stadt|gemeinde|landkreis|kreis|behörde|amt)(n|en|s)?$")
PARTICIPANT_GLUE = {"für", "im", "beim", "in", "bei", "des", "der", "den", "dem", "das", "die"}
LAUNCH_VERBS = {"aufgelegt", "auflegen"}  # "hat den „X“ aufgelegt": one launches a programme


@lru_cache(maxsize=65536)
def _base(text: str) -> str:
    """Lower case without a genitive ending ("Modellvorhabens" -> "modellvorhaben")."""
    low = text.lower()
    for ending in ("es", "s"):
        if low.endswith(ending) and low[: -len(ending)].endswith(TRIGGERS):
            return low[: -len(ending)]
    return low


# the endings that make a word a trigger, also with a genitive ending ("Modellvorhabens"): the
# triggers that end in no other one (a word ending in "pilotprojekt" ends in "projekt")
_TRIGGER_FORMS = tuple(t + ending for ending in ("", "es", "s") for t in TRIGGERS
                       if not any(t != other and t.endswith(other) for other in TRIGGERS))


def _is_trigger(text: str) -> bool:
    """A word ending in a trigger (``_base`` of it does), or a word of ``NAME_TRIGGERS``."""
    low = text.lower()
    return low in NAME_TRIGGERS or low.endswith(_TRIGGER_FORMS)


@lru_cache(maxsize=65536)
def _unquoted_trigger(text: str) -> bool:
    """A trigger that may precede an unquoted name: the words of ``UNQUOTED_AFTER`` and compounds
    ending in "initiative" ("Förderinitiative Digitale X", "Landesinitiative Y")."""
    low = _base(text)
    return low in UNQUOTED_AFTER or (low.endswith("initiative") and len(low) > len("initiative") + 2)


def _is_campaign(text: str) -> bool:
    return text.endswith(CAMPAIGN_ENDINGS) and CAMPAIGN.match(text) is not None


def _may_start(text: str) -> bool:
    """A word at which one of the recogniser's patterns may start (the tests of ``__call__``)."""
    return text in OPEN_QUOTES or _is_trigger(text) or _is_campaign(text)


_STARTS = WordClass(_may_start)  # asked of all tokens at once


def _quoted_end(texts: list[str], start: int) -> int | None:
    """Index of the closing quote for an opening quote at ``start`` (within 15 tokens)."""
    for k in range(start + 1, min(len(texts), start + 16)):
        if texts[k] in CLOSE_QUOTES and k > start + 1:
            return k
        if texts[k] in {".", "!", "?", "\n"} or "\n" in texts[k]:
            return None
    return None


class ProgrammeRecognizer:
    """Adds programme candidates."""

    def __call__(self, doc: Doc) -> Doc:
        tokens = token_table(doc)
        texts = tokens.text
        for i in _STARTS.positions(tokens):
            text = texts[i]
            if _is_trigger(text) and self._after_trigger(doc, tokens, i):
                continue
            if _is_campaign(text):
                self._campaign(doc, tokens, i)
            elif text in OPEN_QUOTES:
                self._quoted_by_context(doc, tokens, i)
        return doc

    def _quoted_by_context(self, doc: Doc, tokens: TokenTable, i: int) -> None:
        """A quoted title-case name after a pilot participant ("Pilotkommune für den „X“") or
        before a launch verb ("hat den „X“ aufgelegt")."""
        texts, lower = tokens.text, tokens.lower
        end = _quoted_end(texts, i)
        if end is None or end - i > 9 or not (texts[i + 1][:1].isupper() or texts[i + 1][:1].isdigit()):
            return
        words = texts[i + 1:end]
        if not all(w[:1].isupper() or w[:1].isdigit() or w in GLUE or w in NAME_LOWER_WORDS or w == "-"
                   for w in words):
            return  # quoted speech
        k = i - 1
        while k >= 0 and i - k <= 3 and lower[k] in PARTICIPANT_GLUE:
            k -= 1
        after = lower[end + 1] if end + 1 < tokens.n else ""
        if (k >= 0 and k < i - 1 and PARTICIPANT.match(lower[k])) or after in LAUNCH_VERBS:
            add_candidate(doc, Candidate(i + 1, end, "Programme", tokens.span_text(i + 1, end), PRIO_CUE,
                                         "pattern:quoted-programme"))

    def _after_trigger(self, doc: Doc, tokens: TokenTable, i: int) -> bool:
        """Programme named after a trigger word; True when one was found."""
        texts, n = tokens.text, tokens.n
        j = i + 1
        while j < n and j - i <= 3 and tokens.lower[j] in {"des", "der", "dem", "den", "die", "das"}:
            j += 1  # "Förderprogramm des Bundes „X“" is out of reach; articles are skipped
        if j < n and texts[j] in OPEN_QUOTES:
            end = _quoted_end(texts, j)
            if end is not None:
                name = tokens.span_text(j + 1, end)
                if name[:1].isupper() or name[:1].isdigit():
                    add_candidate(doc, Candidate(j + 1, end, "Programme", name, PRIO_CUE, "pattern:quoted-programme"))
                    return True
            return False
        if _unquoted_trigger(texts[i]) and j < n and texts[j][:1].isupper():
            if i > 0 and texts[i - 1] in OPEN_QUOTES:
                # „Modellvorhabens Registermodernisierung Thüringen“: the trigger is part of the name
                end = _quoted_end(texts, i - 1)
                if end is not None:
                    name = " ".join([_base(texts[i]).capitalize(), tokens.span_text(i + 1, end)])
                    add_candidate(doc, Candidate(i, end, "Programme", name, PRIO_CUE, "pattern:quoted-programme"))
                    return True
            k = j
            while k < n and k - j < 6 and (texts[k][:1].isupper() or texts[k][:1].isdigit()
                                           or (k > j and texts[k] in NAME_LOWER_WORDS)):
                k += 1
                if k - j >= 2 and gazetteer.lookup(texts[k - 1]):
                    break  # "Initiative Digitale Kommune Niedersachsen Verwaltungen": the name ends at the Land
            if k - j >= 2:
                add_candidate(doc, Candidate(j, k, "Programme", tokens.span_text(j, k), PRIO_CUE,
                                             "pattern:named-initiative"))
                return True
        return False

    def _campaign(self, doc: Doc, tokens: TokenTable, i: int) -> None:
        texts, n = tokens.text, tokens.n
        start = i
        if i > 0 and NAME_ADJECTIVE.match(texts[i - 1]) and texts[i - 1] not in FUNCTION_WORDS \
                and not gazetteer.lookup(texts[i - 1]):
            start = i - 1  # "Kommunaler Digitalfonds NRW", "Sächsische Digitaloffensive"
        k = i + 1
        if k + 1 < n and tokens.lower[k] == "für" and texts[k + 1][:1].isupper():
            k += 2
        while k < n and k - i < 4 and (texts[k][:1].isupper() or NUMBER.match(texts[k])) \
                and texts[k] not in {"Der", "Die", "Das"}:
            k += 1
        if k - start < 2 and texts[i].endswith(NEEDS_MORE):
            return
        # a longer name outranks a curated short form it starts with ("Digitalpakt Kommunalverwaltung X")
        prio = PRIO_CUE if k - start >= 2 else PRIO_HEADWORD
        add_candidate(doc, Candidate(start, k, "Programme", tokens.span_text(start, k), prio, "pattern:campaign-name"))


@Language.factory("egov_programmes")
def make_programmes(nlp: Language, name: str) -> ProgrammeRecognizer:
    """Factory of the programme recogniser."""
    return ProgrammeRecognizer()
