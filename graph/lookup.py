"""Finding an entity of the built graph by name, as an analyst types it.

Names are matched against every label of an entity (``skos:prefLabel``, ``skos:altLabel``,
``rdfs:label``), case- and umlaut-insensitively: "ibbenbueren", "IBBENBÜREN" and
"Ibbenbüren" are the same name, and "stadt ibbenbüren" finds Ibbenbüren when no label says
"Stadt Ibbenbüren" (leading words from ``ontology/lookup/name_prefixes.txt`` are dropped).

Order: an exact normalised label match wins (a preferred label before an alternative one);
otherwise the entities whose labels contain the name. When more than one entity remains, the
lookup does not guess: it raises :class:`AmbiguousName` listing the candidates.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from egovkg.errors import EgovkgError
from egovkg.model import ENTITY_TYPES
from egovkg.namespace import EGOV

PREFIX_FILE = Path(__file__).resolve().parent.parent / "ontology" / "lookup" / "name_prefixes.txt"
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})


def normalise(name: str) -> str:
    """Case-, umlaut-, accent- and punctuation-insensitive form of a name.

    ``"Stadt Ibbenbüren"`` -> ``"stadt ibbenbueren"``; ``"IBBENBUEREN"`` -> ``"ibbenbueren"``.
    """
    s = unicodedata.normalize("NFKC", name).casefold().translate(_TRANSLIT)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


@lru_cache(maxsize=1)
def name_prefixes() -> tuple[str, ...]:
    """Normalised leading words that may be dropped from a query, longest first."""
    try:
        lines = PREFIX_FILE.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EgovkgError(f"cannot read {PREFIX_FILE}: {exc}") from None
    words = {normalise(line) for line in lines if line.strip() and not line.lstrip().startswith("#")}
    return tuple(sorted(words - {""}, key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Match:
    """One entity a name may mean."""

    iri: str
    label: str
    type: str

    def describe(self) -> str:
        return f"{self.label} ({self.type}) <{self.iri}>"


class AmbiguousName(EgovkgError):
    """A name that fits more than one entity; ``candidates`` lists them."""

    def __init__(self, name: str, candidates: list[Match], limit: int = 20) -> None:
        self.candidates = candidates
        shown = "\n".join(f"  - {m.describe()}" for m in candidates[:limit])
        more = f"\n  ... and {len(candidates) - limit} more" if len(candidates) > limit else ""
        super().__init__(f'"{name}" is ambiguous; {len(candidates)} candidates:\n{shown}{more}\n'
                         "Use a longer name or the IRI.")


class NameIndex:
    """All labels of the entities in a graph, ready for lookups.

    Args:
        graph: The built RDF graph (an rdflib ``Graph`` or ``Dataset`` with a union default graph).
    """

    def __init__(self, graph: Graph) -> None:
        classes = {EGOV[t]: t for t in ENTITY_TYPES}
        types: dict[URIRef, list[str]] = {}
        for cls, name in classes.items():
            for s in graph.subjects(RDF.type, cls):
                if isinstance(s, URIRef):
                    types.setdefault(s, []).append(name)
        self.entities: dict[str, Match] = {}
        self._pref: dict[str, set[str]] = {}
        self._alt: dict[str, set[str]] = {}
        for iri in sorted(types, key=str):
            prefs = sorted(str(o) for o in graph.objects(iri, SKOS.prefLabel))
            alts = {str(o) for p in (SKOS.altLabel, RDFS.label) for o in graph.objects(iri, p)}
            label = prefs[0] if prefs else str(iri).rsplit("/", 1)[-1]
            self.entities[str(iri)] = Match(str(iri), label, sorted(types[iri])[0])
            for text in prefs:
                self._pref.setdefault(normalise(text), set()).add(str(iri))
            for text in alts - set(prefs):
                self._alt.setdefault(normalise(text), set()).add(str(iri))

    def _matches(self, iris: set[str]) -> list[Match]:
        return sorted((self.entities[i] for i in iris), key=lambda m: (m.label, m.type, m.iri))

    def candidates(self, name: str) -> list[Match]:
        """Every entity the name may mean, best tier only (exact before substring)."""
        if name in self.entities:  # an IRI
            return [self.entities[name]]
        key = normalise(name)
        if not key:
            return []
        tries = [key] + [key[len(p) + 1:] for p in name_prefixes() if key.startswith(p + " ")]
        for k in tries:
            for table in (self._pref, self._alt):
                if k and k in table:
                    return self._matches(table[k])
        found: set[str] = set()
        for k in (t for t in tries if t):
            for table in (self._pref, self._alt):
                for label, iris in table.items():
                    if k in label:
                        found |= iris
            if found:
                break
        return self._matches(found)

    def find(self, name: str) -> Match:
        """The one entity a name means.

        Raises:
            EgovkgError: No entity has a matching label.
            AmbiguousName: Several entities match equally well (the error lists them).
        """
        found = self.candidates(name)
        if not found:
            raise EgovkgError(f'no entity named "{name}" in the graph')
        if len(found) > 1:
            raise AmbiguousName(name, found)
        return found[0]


def find_entity(graph: Graph, name: str) -> Match:
    """Shortcut for ``NameIndex(graph).find(name)``."""
    return NameIndex(graph).find(name)
