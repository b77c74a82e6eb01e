"""Reference data of the NER stage: ministries, Länder, Kreise, organisations, programmes,
GeoNames places, role words, first names and honorifics.

The data lives in ``ontology/gazetteer/`` and is wired in through ``index.json`` (each file
and the reader that parses it). Every file is read once per process (``functools.lru_cache``)
and checked on load: an unknown type, an empty label or a canonical name used twice within a
type raises ``GazetteerError`` naming the file and line. Entries, places and the label index
of the shipped gazetteer are parsed once and then read from a prepared cache, which a change
of any file or of the parsing code replaces (``egovkg.ingest.gazetteer_cache``).

Derived surface forms (not stored in the files): inflected forms of names ("des
Bundesministeriums des Innern"), "Kreis X" <-> "Landkreis X", and a Land ministry's generic
name with its Land ("Innenministerium Nordrhein-Westfalen", "das sächsische Innenministerium");
see ``egovkg.ingest.gazetteer_forms``.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from egovkg.errors import EgovkgError
from egovkg.ingest import gazetteer_cache
from egovkg.ingest.gazetteer_forms import (
    InflectionRules, LandNames, district_forms, federal_forms, inflect, land_forms,
)
from egovkg.model import ENTITY_TYPES

GAZETTEER_DIR = Path(__file__).resolve().parent.parent / "ontology" / "gazetteer"
INDEX_FILE = "index.json"
INFLECTED_TYPES = frozenset({"Ministry", "PublicAuthority", "Organization", "District"})
RELATIONS = frozenset({"heads", "worksFor", "memberOf"})


class GazetteerError(EgovkgError):
    """A gazetteer file is broken (message names the file and line)."""


@dataclass(frozen=True)
class GazetteerEntry:
    """One named thing of the reference data.

    Attributes:
        type: Ontology class (one of ``egovkg.model.ENTITY_TYPES``).
        canonical: Nominative canonical name.
        labels: All surface forms to match (canonical, alternatives, abbreviations, inflected).
        external: GeoNames / Wikidata IRIs.
        state: Canonical name of the Land, if any.
        ags: Official key (Amtlicher Gemeindeschlüssel) where known.
    """

    type: str
    canonical: str
    labels: tuple[str, ...]
    external: tuple[str, ...] = ()
    state: str | None = None
    ags: str | None = None


@dataclass(frozen=True)
class RoleInfo:
    """What a role word says about the person and the organisation it names.

    Attributes:
        relation: ``heads``, ``worksFor`` or ``memberOf``.
        canonical: The role's canonical (masculine singular nominative) form.
        implies_type: Type of the organisation or area the role belongs to, if typical.
        implies: Canonical name of the entity the role word itself names
            ("Bundesinnenminister" -> "Bundesministerium des Innern").
    """

    relation: str
    canonical: str
    implies_type: str | None = None
    implies: str | None = None


_ARTICLE = re.compile(r"^(?:der|die|das|des|dem|den) (?=\S)")


@lru_cache(maxsize=65536)
def normalize(label: str) -> str:
    """Case-, dash-, quote- and whitespace-insensitive key of a label, without a leading article."""
    s = unicodedata.normalize("NFC", label).casefold()
    s = re.sub(r"[„“”\"'‚‘’«»]", "", s)
    s = re.sub(r"[\u2010-\u2015]", "-", s)
    s = re.sub(r"\s+", " ", s).strip()
    return _ARTICLE.sub("", s)


# -- reading files -------------------------------------------------------------------------

def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """``(line number, row)`` of a TSV file with ``#`` comments and a header line."""
    if not path.is_file():
        raise GazetteerError(f"{path}: file not found")
    out, header = [], None
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise GazetteerError(f"{path}:{no}: {len(cells)} columns, header has {len(header)}")
        out.append((no, dict(zip(header, cells + [""] * (len(header) - len(cells))))))
    return out


def _words(path: Path) -> frozenset[str]:
    if not path.is_file():
        raise GazetteerError(f"{path}: file not found")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#"))


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def _check(path: Path, no: int | str, etype: str, canonical: str, labels: list[str]) -> None:
    where = f"{path}:{no}"
    if etype not in ENTITY_TYPES:
        raise GazetteerError(f"{where}: unknown type {etype!r} (expected one of {', '.join(ENTITY_TYPES)})")
    if not canonical or any(not lab.strip() for lab in labels):
        raise GazetteerError(f"{where}: empty label")


@lru_cache(maxsize=None)
def _index(directory: Path) -> dict:
    path = directory / INDEX_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"{path}: {exc}") from exc


def _external(directory: Path, kind: str, ident: str) -> tuple[str, ...]:
    """The external IRI of ``ident`` (a Wikidata Q-id, a GeoNames id) from the index templates."""
    return (_index(directory)["external"][kind].format(id=ident),) if ident else ()


@lru_cache(maxsize=None)
def _inflection(directory: Path) -> InflectionRules:
    path = directory / _index(directory)["inflection"]["file"]
    nouns, adjs = [], []
    for no, row in _rows(path):
        forms = tuple(_split(row.get("forms", "")))
        if row.get("kind") not in {"noun", "adj"} or not row.get("ending") or not forms:
            raise GazetteerError(f"{path}:{no}: expected kind noun|adj, an ending and forms")
        (nouns if row["kind"] == "noun" else adjs).append((row["ending"].lower(), forms))
    by_len = lambda r: -len(r[0])  # noqa: E731 - longest ending first
    return InflectionRules(tuple(sorted(nouns, key=by_len)), tuple(sorted(adjs, key=by_len)))


@lru_cache(maxsize=None)
def _states(directory: Path) -> tuple[tuple[GazetteerEntry, ...], dict[str, LandNames]]:
    """Entries of ``states.tsv`` and, per Land, the names used around its ministries."""
    spec = next(f for f in _index(directory)["entities"] if f["reader"] == "states")
    path = directory / spec["file"]
    entries, lands = [], {}
    for no, row in _rows(path):
        labels = _split(row.get("labels", ""))
        _check(path, no, row.get("type", ""), row.get("canonical", ""), labels)
        external = _external(directory, "wikidata", row.get("wikidata", ""))
        entries.append(GazetteerEntry(row["type"], row["canonical"], tuple(dict.fromkeys([row["canonical"], *labels])),
                                      external, row["canonical"] if row["type"] == "State" else None,
                                      row.get("ags") or None))
        if row["type"] == "State":
            lands[row["canonical"]] = LandNames(
                row["canonical"], labels[0] if labels else "",
                tuple(lab for lab in labels if lab.isupper() and len(lab) > 2),
                tuple(_split(row.get("adjectives", ""))), row.get("city_state") == "1")
    return tuple(entries), lands


def _read_skos(directory: Path, path: Path, lands: dict[str, LandNames]) -> list[GazetteerEntry]:
    """Concepts of a SKOS Turtle file (see ``ministries.ttl`` for the modelling)."""
    from rdflib import Graph, Namespace
    from rdflib.namespace import RDF, SKOS

    from egovkg.ids import entity_iri
    from egovkg.namespace import EGOV, SCHEMA

    gaz = Namespace(_index(directory)["vocabulary"])
    try:
        g = Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several parser exception types
        raise GazetteerError(f"{path}: {exc}") from exc
    class_of = {EGOV[t]: t for t in ENTITY_TYPES}
    area_of = {entity_iri("State", name): name for name in lands}
    out = []
    for node in sorted(set(g.subjects(SKOS.prefLabel, None))):
        types = [class_of[t] for t in g.objects(node, RDF.type) if t in class_of]
        prefs = [str(x) for x in g.objects(node, SKOS.prefLabel)]
        if len(types) != 1 or len(prefs) != 1:
            raise GazetteerError(f"{path}: {node}: needs exactly one egov class and one skos:prefLabel")
        labels = [str(x) for p in (SKOS.altLabel, SKOS.hiddenLabel) for x in g.objects(node, p)]
        _check(path, node, types[0], prefs[0], labels)
        state = next((area_of[a] for a in g.objects(node, SCHEMA.areaServed) if a in area_of), None)
        generated: set[str] = set()
        for generic in sorted(str(x) for x in g.objects(node, gaz.genericName)):
            generated |= land_forms(generic, lands[state]) if state else federal_forms(generic)
        external = tuple(sorted(str(x) for x in g.objects(node, SKOS.exactMatch)))
        out.append(GazetteerEntry(types[0], prefs[0], tuple(dict.fromkeys([prefs[0], *labels, *sorted(generated)])),
                                  external, state))
    return out


def _read_table(directory: Path, path: Path) -> list[GazetteerEntry]:
    """Rows ``type, canonical, labels[, state][, wikidata]`` of a TSV file."""
    out = []
    for no, row in _rows(path):
        labels = _split(row.get("labels", ""))
        _check(path, no, row.get("type", ""), row.get("canonical", ""), labels)
        external = _external(directory, "wikidata", row.get("wikidata", ""))
        out.append(GazetteerEntry(row["type"], row["canonical"], tuple(dict.fromkeys([row["canonical"], *labels])),
                                  external, row.get("state") or None))
    return out


def _with_forms(entry: GazetteerEntry, rules: InflectionRules) -> GazetteerEntry:
    """The entry with derived district and inflected forms added to its labels."""
    labels = list(entry.labels)
    if entry.type == "District":
        labels += sorted(district_forms(entry.canonical))
    if entry.type in INFLECTED_TYPES:
        labels += [v for lab in list(labels) if not lab.isupper() for v in sorted(inflect(lab, rules))]
    return GazetteerEntry(entry.type, entry.canonical, tuple(dict.fromkeys(labels)), entry.external,
                          entry.state, entry.ags)


# -- public API ----------------------------------------------------------------------------

def load_entries(directory: Path = GAZETTEER_DIR) -> tuple[GazetteerEntry, ...]:
    """All curated entries of the gazetteer in ``directory`` (see ``entries``)."""
    return _prepared()[0] if directory == GAZETTEER_DIR else _parse_entries(directory)


def load_places(directory: Path = GAZETTEER_DIR) -> tuple[GazetteerEntry, ...]:
    """GeoNames populated places of ``places_de.tsv`` (type ``Municipality``)."""
    return _prepared()[1] if directory == GAZETTEER_DIR else _parse_places(directory)


def label_index(directory: Path = GAZETTEER_DIR) -> dict[str, tuple[GazetteerEntry, ...]]:
    """Normalised label -> entries (curated entries first, then places)."""
    return _prepared()[2] if directory == GAZETTEER_DIR else _label_index(directory)


def source_key(directory: Path = GAZETTEER_DIR) -> str:
    """Fingerprint of the gazetteer's data files and of the code that parses them.

    The code is read from the module files, without importing rdflib (which only parsing
    needs: a build with a warm cache never imports it for the NER)."""
    import importlib.metadata
    import importlib.util

    modules = (__name__, "egovkg.ingest.gazetteer_forms", "egovkg.ids", "egovkg.model", "egovkg.namespace")
    code = [Path(importlib.util.find_spec(name).origin).read_bytes() for name in modules]
    files = [p for p in directory.iterdir() if p.is_file() and not p.name.startswith(".")]
    return gazetteer_cache.files_fingerprint(files, [*code, importlib.metadata.version("rdflib")])


@lru_cache(maxsize=None)
def _prepared() -> tuple[tuple[GazetteerEntry, ...], tuple[GazetteerEntry, ...], dict]:
    """Entries, places and label index of the shipped gazetteer, from the prepared cache
    (``egovkg.ingest.gazetteer_cache``) or parsed and then cached."""
    def build() -> tuple:
        return _parse_entries(GAZETTEER_DIR), _parse_places(GAZETTEER_DIR), _label_index(GAZETTEER_DIR)

    return gazetteer_cache.load_or_build("gazetteer", source_key(GAZETTEER_DIR), build)


@lru_cache(maxsize=None)
def _parse_entries(directory: Path) -> tuple[GazetteerEntry, ...]:
    rules = _inflection(directory)
    states, lands = _states(directory)
    seen: dict[tuple[str, str], str] = {}
    out: list[GazetteerEntry] = []
    for spec in _index(directory)["entities"]:
        path = directory / spec["file"]
        reader = spec["reader"]
        if reader == "states":
            batch = list(states)
        elif reader == "skos":
            batch = _read_skos(directory, path, lands)
        elif reader == "table":
            batch = _read_table(directory, path)
        else:
            raise GazetteerError(f"{directory / INDEX_FILE}: unknown reader {reader!r} for {spec['file']}")
        for entry in batch:
            key = (entry.type, entry.canonical)
            if key in seen:
                raise GazetteerError(f"{path}: duplicate {entry.type} {entry.canonical!r} (also in {seen[key]})")
            seen[key] = spec["file"]
            out.append(_with_forms(entry, rules))
    return tuple(_with_bare_district_names(out, directory))


def _with_bare_district_names(entries: list[GazetteerEntry], directory: Path) -> list[GazetteerEntry]:
    """"Wesermarsch" for "Landkreis Wesermarsch", unless the bare name is also a place or a
    region ("Steinfurt" is a town as well as "Kreis Steinfurt")."""
    taken = {lab for e in _parse_places(directory) for lab in e.labels}
    taken |= {lab for e in entries if e.type != "District" for lab in e.labels}
    out = []
    for e in entries:
        if e.type == "District":
            bare = e.canonical.split(" ", 1)[1] if e.canonical.startswith(("Landkreis ", "Kreis ")) else ""
            if bare and bare not in taken and bare[:1].isupper():
                e = GazetteerEntry(e.type, e.canonical, (*e.labels, bare), e.external, e.state, e.ags)
        out.append(e)
    return out


@lru_cache(maxsize=None)
def _parse_places(directory: Path) -> tuple[GazetteerEntry, ...]:
    path = directory / _index(directory)["places"]["file"]
    out = []
    for no, row in _rows(path):
        labels = _split(row.get("labels", ""))
        if not row.get("canonical") or not row.get("geonameid", "").isdigit():
            raise GazetteerError(f"{path}:{no}: a place needs a canonical name and a numeric geonameid")
        labels = [row["canonical"], *labels]
        # "St. Ingbert" is written far more often than GeoNames' "Sankt Ingbert"
        labels += ["St. " + lab[6:] for lab in labels if lab.startswith("Sankt ")]
        out.append(GazetteerEntry("Municipality", row["canonical"], tuple(dict.fromkeys(labels)),
                                  _external(directory, "geonames", row["geonameid"]), row.get("state") or None))
    return tuple(out)


def entries() -> list[GazetteerEntry]:
    """Ministries, Länder, the country, Kreise, organisations and programmes (not places)."""
    return list(load_entries())


def places() -> list[GazetteerEntry]:
    """German populated places from GeoNames (type ``Municipality``)."""
    return list(load_places())


@lru_cache(maxsize=None)
def _word_file(key: str, directory: Path = GAZETTEER_DIR) -> frozenset[str]:
    return _words(directory / _index(directory)[key]["file"])


@lru_cache(maxsize=None)
def city_states(directory: Path = GAZETTEER_DIR) -> frozenset[str]:
    """Länder that are also cities (the ``city_state`` column of ``states.tsv``)."""
    return frozenset(name for name, land in _states(directory)[1].items() if land.city_state)


@lru_cache(maxsize=None)
def place_stopwords() -> frozenset[str]:
    """Place names that are ordinary words or ambiguous here ("Essen", "Lotte"): match only with a cue."""
    return _word_file("place_stopwords") | _word_file("place_common_words")


def first_names() -> frozenset[str]:
    """German and common international first names."""
    return _word_file("first_names")


def honorifics() -> frozenset[str]:
    """Titles and forms of address to strip from person names ("Frau", "Dr.", "Prof.")."""
    return _word_file("honorifics")


@lru_cache(maxsize=None)
def load_roles(directory: Path = GAZETTEER_DIR) -> dict[str, RoleInfo]:
    """Role words of ``roles.tsv`` by lower-case surface form."""
    path = directory / _index(directory)["roles"]["file"]
    out: dict[str, RoleInfo] = {}
    for no, row in _rows(path):
        rel, implies_type = row.get("relation", ""), row.get("implies_type") or None
        if rel not in RELATIONS or not row.get("canonical") or not row.get("form"):
            raise GazetteerError(f"{path}:{no}: needs a form, a canonical role and relation in {sorted(RELATIONS)}")
        if implies_type is not None and implies_type not in ENTITY_TYPES:
            raise GazetteerError(f"{path}:{no}: unknown type {implies_type!r}")
        out[row["form"].lower()] = RoleInfo(rel, row["canonical"], implies_type, row.get("implies") or None)
    return out


def roles() -> dict[str, RoleInfo]:
    """Role words by lower-case surface form ("verbandsvorsteherin" -> heads)."""
    return load_roles()


@lru_cache(maxsize=None)
def _state_adjectives(directory: Path = GAZETTEER_DIR) -> dict[str, str]:
    _, lands = _states(directory)
    return {stem: land.canonical for land in lands.values() for stem in land.adjectives}


def state_adjectives() -> dict[str, str]:
    """Adjective stem -> Land ("sächsisch" -> "Sachsen"); a mention is the stem + any ending."""
    return dict(_state_adjectives())


@lru_cache(maxsize=None)
def _label_index(directory: Path) -> dict[str, tuple[GazetteerEntry, ...]]:
    index: dict[str, list[GazetteerEntry]] = {}
    for entry in (*_parse_entries(directory), *_parse_places(directory)):
        for label in entry.labels:
            bucket = index.setdefault(normalize(label), [])
            if entry not in bucket:
                bucket.append(entry)
    return {k: tuple(v) for k, v in index.items()}


def lookup(label: str) -> list[GazetteerEntry]:
    """Entries (curated and places) one of whose labels equals ``label`` after ``normalize``."""
    return list(_prepared()[2].get(normalize(label), ()))
