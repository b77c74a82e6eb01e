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
from egovkg.ingest.ner_base import PRIO_ACRONYM, Candidate, TokenTable, add_candidate, candidates, occurrences, token_table

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


def _initial_fits(long_form: str, abbr: str) -> bool:
    """Whether the abbreviation starts with the initial of some word of the long form
    ("Föderale IT-Kooperation" / "FITKO"; not "Schleswig-Holstein" / "ITVSH")."""
    initials = {w[0].upper() for w in re.split(r"[\s\-–/]+", long_form) if w[:1].isalnum()}
    return abbr[:1].upper() in initials


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
        tokens = token_table(doc)
        texts, n = tokens.text, tokens.n
        ending_at: dict[int, list[Candidate]] | None = None  # candidates by end, made on first use
        for i in occurrences(texts, ("(",)):
            if i == 0:
                continue
            j = i + 1
            if j + 2 < n and tokens.lower[j] == "kurz" and texts[j + 1] == ":":
                j += 2
            if j + 1 >= n or not _is_abbr(texts[j]):
                continue
            width = 1 if texts[j + 1] == ")" else 2  # "(KIV Thüringen)"
            if width == 2 and not (j + 2 < n and texts[j + 2] == ")" and texts[j + 1][:1].isupper()):
                continue
            abbr = tokens.span_text(j, j + width)
            known = {e.type for e in gazetteer.lookup(abbr) if abbr in e.labels}
            # the long form: the candidate ending right before "(", else capitalised run with lower-case glue
            if ending_at is None:
                ending_at = {}
                for c in candidates(doc):
                    ending_at.setdefault(c.end, []).append(c)
            long_c = max((c for c in ending_at.get(i, ()) if c.label != "Person"),
                         key=lambda c: (c.priority, c.end - c.start), default=None)
            if long_c is not None and known and not _compatible(long_c.label, known):
                continue  # a known name in brackets ("Stadt Musterhausen (NRW)") is no definition
            if long_c is not None and not _initial_fits(tokens.span_text(long_c.start, long_c.end), abbr):
                long_c = None  # "IT-Verbund Schleswig-Holstein (ITVSH)": the Land is only the end of the name
            if long_c is not None:
                # curated names keep their canonical form; others are known by their acronym
                curated = long_c.extractor.startswith("gazetteer") or long_c.label not in ORG_LIKE
                canonical = long_c.canonical if curated else abbr  # places keep their names ("Land X (XY)")
                pairs.append((long_c.start, long_c.end, j))
                add_candidate(doc, Candidate(long_c.start, long_c.end, long_c.label, canonical, PRIO_ACRONYM,
                                             "pattern:acronym", long_c.external))
                self._all_mentions(doc, texts, abbr, long_c.label, canonical, long_c.external)
                continue
            start = self._long_start(tokens, i, texts[j])
            if start is None:
                continue
            etype = head_type(texts[start:i])
            if etype is None or (known and not _compatible(etype, known)):
                continue
            canonical = abbr
            pairs.append((start, i, j))
            add_candidate(doc, Candidate(start, i, etype, canonical, PRIO_ACRONYM, "pattern:acronym"))
            self._all_mentions(doc, texts, canonical, etype, canonical, ())
        doc.user_data[ACRONYMS_KEY] = pairs
        return doc

    @staticmethod
    def _all_mentions(doc: Doc, texts: list[str], abbr: str, etype: str, canonical: str,
                      external: tuple[str, ...]) -> None:
        """Every use of the defined acronym in the document refers to the same entity."""
        words = abbr.split()
        width = len(words)
        for k in occurrences(texts, words[:1]):
            if k + width <= len(texts) and texts[k:k + width] == words:
                add_candidate(doc, Candidate(k, k + width, etype, canonical, PRIO_ACRONYM, "pattern:acronym",
                                             external))

    @staticmethod
    def _long_start(tokens: TokenTable, paren: int, abbr: str) -> int | None:
        """Walk left over capitalised words (and lower-case glue like "für", "und") up to 10 tokens."""
        texts, lower = tokens.text, tokens.lower
        k = paren
        while k > 0 and paren - k < 10:
            if texts[k - 1][:1].isupper() or (lower[k - 1] in {"für", "und", "der", "des", "in", "-"}
                                              and k - 1 > 0 and paren - k > 0):
                k -= 1
                if lower[k].startswith("zweckverband"):
                    break  # the name starts at its head word ("Zweckverband X in Y (ABBR)")
            else:
                break
        while k < paren and not texts[k][:1].isupper():
            k += 1
        if k >= paren:
            return None
        initials = "".join(w[0] for w in tokens.span_text(k, paren).replace("-", " ").split() if w[:1].isupper())
        if not set(abbr.upper()[:1]) <= set(initials.upper()):
            return None
        return k


@Language.factory("egov_acronyms")
def make_acronyms(nlp: Language, name: str) -> AcronymRecognizer:
    """Factory of the acronym-definition recogniser."""
    return AcronymRecognizer()
