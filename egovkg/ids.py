"""Deterministic identifiers: the same entity gets the same IRI on every run and machine."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import URIRef

ID_BASE = "https://w3id.org/egovkg/id/"

# Folder of each entity class below ID_BASE (ONTOLOGY.md: "a slug of its canonical name under its type").
TYPE_PATHS: dict[str, str] = {
    "Municipality": "municipality",
    "District": "district",
    "Region": "region",
    "State": "state",
    "Country": "country",
    "Ministry": "ministry",
    "PublicAuthority": "authority",
    "Organization": "organization",
    "Person": "person",
    "Programme": "programme",
}

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def slugify(text: str, max_len: int = 80) -> str:
    """Lower-case ASCII slug with German transliteration ("Ibbenbüren" -> "ibbenbueren").

    Args:
        text: Any label.
        max_len: Longer slugs are cut and given a short hash so they stay unique.

    Returns:
        A non-empty slug of ``[a-z0-9-]``.
    """
    s = unicodedata.normalize("NFC", text).translate(_TRANSLIT)
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if not s:
        return "x" + short_hash(text)
    if len(s) > max_len:
        s = s[: max_len - 9].rstrip("-") + "-" + short_hash(text)
    return s


def short_hash(*parts: object, length: int = 8) -> str:
    """A stable hex digest of the parts (not Python's salted ``hash``)."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


def entity_iri(entity_type: str, canonical: str) -> URIRef:
    """IRI of a canonical entity, e.g. ``id:municipality/ibbenbueren``."""
    return URIRef(f"{ID_BASE}{TYPE_PATHS[entity_type]}/{slugify(canonical)}")


@lru_cache(maxsize=1 << 16)
def document_iri(doc_id: str) -> URIRef:
    """IRI of an ingested document (``doc_id`` is already a stable hash); cached, since a
    graph names each document in every triple that comes from it."""
    return URIRef(f"{ID_BASE}document/{doc_id}")


def funding_iri(*parts: object) -> URIRef:
    """IRI of one flow of money, a hash of what identifies it."""
    return URIRef(f"{ID_BASE}funding/{short_hash(*parts, length=16)}")


def evidence_iri(*parts: object) -> URIRef:
    """IRI of one Evidence node, a hash of what identifies it."""
    return URIRef(f"{ID_BASE}evidence/{short_hash(*parts, length=16)}")
