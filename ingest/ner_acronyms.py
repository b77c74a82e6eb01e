"""spaCy component ``egov_acronyms``: acronym definitions "Long Name (ABBR)" and
"Long Name (kurz: ABBR)".

The definition ties the two forms together inside the document: ``egov_finalize`` gives every
mention of either form one canonical name. A long form that no other recogniser typed becomes
an organisation when its last word is an organisation head word ("...gemeinschaft",
"...verband", "Amt") and a ministry or authority by its head word.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from egovkg.ingest import gazetteer
from egovkg.ingest.ner_base import PRIO_ACRONYM, Candidate, add_candidate, candidates

ABBR = re.compile(r"^[A-Za-zÄÖÜ][A-Za-zÄÖÜäöü0-9\-]{1,11}$")  # "KAAW", "eGo-MV", "SMJus"
ACRONYMS_KEY = "egov_acronyms"
HEAD_TYPES: tuple[tuple[str, str], ...] = (
    ("ministerium", "Ministry"),
    ("amt", "PublicAuthority"), ("behörde", "PublicAuthority"), ("regierung", "PublicAuthority"),
    ("rat", "PublicAuthority"), ("agentur", "Organization"), ("anstalt", "Organization"),
    ("verband", "Organization"), ("gemeinschaft", "Organization"), ("gesellschaft", "Organization"),
    ("zentrum", "Organization"), ("dienstleister", "Organization"), ("institut", "Organization"),
    ("campus", "Organization"), ("akademie", "Organization"),
    ("stiftung", "Organization"), ("verein", "Organization"), ("tag", "Organization"),
    ("bund", "Organization"), ("gmbh", "Organization"), ("ag", "Organization"), ("aör", "Organization"),
    ("kommission", "PublicAuthority"), ("konferenz", "PublicAuthority"), ("netzwerk", "Organization"),
    ("landesbetrieb", "PublicAuthority"), ("eigenbetrieb", "PublicAuthority"), ("unternehmen", "Organization"),
    ("initiative", "Programme"), ("programm", "Programme"),
)


ORG_LIKE = frozenset({"Ministry", "PublicAuthority", "Organization", "Programme"})


def _compatible(etype: str, known: set[str]) -> bool:
    """Whether a long form of type ``etype`` may define an abbreviation known with ``known`` types."""
    return etype in known or (etype in ORG_LIKE and bool(known & ORG_LIKE))


def _is_abbr(text: str) -> bool:
    return bool(ABBR.match(text)) and sum(c.isupper() for c in text) >= 2


def head_type(words: list[str]) -> str | None:
    """Ontology type implied by the head words of a name, e.g. "...gemeinschaft West" -> Organization."""
    for w in [*reversed(words[-3:]), *words[:1]]:  # the head is last ("...verband") or first ("Landesbetrieb ...")
        low = w.lower()
        if low.endswith(("verbands", "verbandes")):
            low = low.rstrip("es") if low.endswith("verbandes") else low[:-1]
        for suffix, etype in HEAD_TYPES:
            if low.endswith(suffix):
                return etype
    return None


class AcronymRecognizer:
    """Records "Long (ABBR)" pairs and adds candidates for both forms."""

    def __call__(self, doc: Doc) -> Doc:
        pairs: list[tuple[int, int, int]] = []  # (long start, long end, abbr index)
        cands = candidates(doc)
        for i, tok in enumerate(doc):
            if tok.text != "(" or i == 0:
                continue
            j = i + 1
            if j + 2 < len(doc) and doc[j].lower_ == "kurz" and doc[j + 1].text == ":":
                j += 2
            if j + 1 >= len(doc) or not _is_abbr(doc[j].text):
                continue
            width = 1 if doc[j + 1].text == ")" else 2  # "(KIV Thüringen)"
            if width == 2 and not (j + 2 < len(doc) and doc[j + 2].text == ")" and doc[j + 1].text[:1].isupper()):
                continue
            abbr_span = doc[j:j + width]
            known = {e.type for e in gazetteer.lookup(abbr_span.text) if abbr_span.text in e.labels}
            # the long form: the candidate ending right before "(", else capitalised run with lower-case glue
            long_c = max((c for c in cands if c.end == i and c.label != "Person"),
                         key=lambda c: (c.priority, c.end - c.start), default=None)
            if long_c is not None and known and not _compatible(long_c.label, known):
                continue  # a known name in brackets ("Stadt Musterhausen (NRW)") is no definition
            if long_c is not None:
                # curated names keep their canonical form; others are known by their acronym
                curated = long_c.extractor.startswith("gazetteer")
                canonical = long_c.canonical if curated else abbr_span.text
                pairs.append((long_c.start, long_c.end, j))
                add_candidate(doc, Candidate(long_c.start, long_c.end, long_c.label, canonical, PRIO_ACRONYM,
                                             "pattern:acronym", long_c.external))
                self._all_mentions(doc, abbr_span.text, long_c.label, canonical, long_c.external)
                continue
            start = self._long_start(doc, i, doc[j].text)
            if start is None:
                continue
            words = [t.text for t in doc[start:i]]
            etype = head_type(words)
            if etype is None or (known and not _compatible(etype, known)):
                continue
            canonical = abbr_span.text
            pairs.append((start, i, j))
            add_candidate(doc, Candidate(start, i, etype, canonical, PRIO_ACRONYM, "pattern:acronym"))
            self._all_mentions(doc, canonical, etype, canonical, ())
        doc.user_data[ACRONYMS_KEY] = pairs
        return doc

    @staticmethod
    def _all_mentions(doc: Doc, abbr: str, etype: str, canonical: str, external: tuple[str, ...]) -> None:
        """Every use of the defined acronym in the document refers to the same entity."""
        words = abbr.split()
        for k in range(len(doc) - len(words) + 1):
            if [t.text for t in doc[k:k + len(words)]] == words:
                add_candidate(doc, Candidate(k, k + len(words), etype, canonical, PRIO_ACRONYM, "pattern:acronym",
                                             external))

    @staticmethod
    def _long_start(doc: Doc, paren: int, abbr: str) -> int | None:
        """Walk left over capitalised words (and lower-case glue like "für", "und") up to 10 tokens."""
        k = paren
        while k > 0 and paren - k < 10:
            t = doc[k - 1]
            if t.text[:1].isupper() or (t.lower_ in {"für", "und", "der", "des", "in", "-"} and k - 1 > 0 and paren - k > 0):
                k -= 1
                if t.lower_.startswith("zweckverband"):
                    break  # the name starts at its head word ("Zweckverband X in Y (ABBR)")
            else:
                break
        while k < paren and not doc[k].text[:1].isupper():
            k += 1
        if k >= paren:
            return None
        initials = "".join(w[0] for w in doc[k:paren].text.replace("-", " ").split() if w[:1].isupper())
        if not set(abbr.upper()[:1]) <= set(initials.upper()):
            return None
        return k


@Language.factory("egov_acronyms")
def make_acronyms(nlp: Language, name: str) -> AcronymRecognizer:
    """Factory of the acronym-definition recogniser."""
    return AcronymRecognizer()
