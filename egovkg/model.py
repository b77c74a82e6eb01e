"""Domain objects shared by ingest and graph.

The pipeline passes these plain, picklable dataclasses between stages:

* ``Document``: one cleaned, dated text (an article, or a teaser split off a page).
* ``Mention``: one typed entity mention in a document, with the canonical name it resolves to
  inside that document (``key``).
* ``Relation`` / ``Funding``: facts between entity keys, each with its ``Evidence``.
* ``Extraction``: everything one document says; the unit of caching and parallel work.
* ``Entity``: a canonical entity after corpus-level merging.

Entity keys are ``(type, canonical name)`` pairs; corpus-level resolution maps them to
``Entity`` objects whose IRIs are stable (``egovkg.ids``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import MISSING, dataclass, field, fields
from decimal import Decimal
from typing import TypeVar

ENTITY_TYPES: tuple[str, ...] = (
    "Municipality", "District", "Region", "State", "Country",
    "Ministry", "PublicAuthority", "Organization", "Person", "Programme",
)
PREDICATES: tuple[str, ...] = (
    "memberOf", "heads", "worksFor", "funds", "runs",
    "participatesIn", "supports", "cooperatesWith", "locatedIn",
)
SYMMETRIC_PREDICATES: frozenset[str] = frozenset({"cooperatesWith"})

EntityKey = tuple[str, str]
"""``(entity type, canonical name)``, e.g. ``("Municipality", "Ibbenbüren")``."""

_C = TypeVar("_C", bound=type)


def _dict_init(cls: _C) -> _C:
    """Give the frozen dataclass ``cls`` an ``__init__`` that stores the fields straight into
    the instance dict, in field order, instead of one ``object.__setattr__`` call per field
    (the generated one of a frozen dataclass; these classes are made per mention and fact).
    Same parameters and defaults, same instance dict: equality, hash, repr and pickles are
    those of the dataclass."""
    params, stores, defaults = [], [], {}
    for f in fields(cls):
        if f.default is not MISSING:
            defaults[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        else:
            params.append(f.name)
        stores.append(f"    d[{f.name!r}] = {f.name}\n")
    source = f"def __init__(self, {', '.join(params)}):\n    d = self.__dict__\n{''.join(stores)}"
    exec(source, defaults)  # as dataclasses makes its __init__
    init = defaults["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = cls.__init__.__annotations__
    cls.__init__ = init
    return cls


@dataclass(frozen=True)
class Document:
    """One cleaned, dated text.

    Attributes:
        doc_id: Stable id (hash of source sha256 and, for teasers, their content).
        source: File path or URL it came from.
        title: Headline.
        text: Cleaned text; all character offsets refer to it.
        date: The article's own date, if found.
        sha256: Hex sha256 of the raw bytes of the source file.
        kind: ``"article"`` or ``"teaser"``.
        parent: ``doc_id`` of the page a teaser was found on.
    """

    doc_id: str
    source: str
    title: str
    text: str
    date: dt.date | None
    sha256: str
    kind: str = "article"
    parent: str | None = None


@_dict_init
@dataclass(frozen=True)
class Mention:
    """A typed entity mention: ``text[start:end]`` of a document."""

    start: int
    end: int
    text: str
    type: str
    canonical: str
    extractor: str = "rule"
    external: tuple[str, ...] = ()  # owl:sameAs / skos:exactMatch IRIs (GeoNames, Wikidata)
    ags: str | None = None  # official municipality key
    form: str | None = None  # dictionary form of an inflected surface ("Bundesministerium des Innern")

    @property
    def key(self) -> EntityKey:
        return (self.type, self.canonical)


@_dict_init
@dataclass(frozen=True)
class Evidence:
    """Why one fact is in the graph: the sentence it came from and who found it."""

    doc_id: str
    sentence: str
    start: int  # offsets of the sentence in the cleaned document text
    end: int
    extractor: str
    confidence: float
    role: str | None = None
    date: dt.date | None = None


@_dict_init
@dataclass(frozen=True)
class Relation:
    """A direct triple between two entities (predicate is one of ``PREDICATES``)."""

    subject: EntityKey
    predicate: str
    object: EntityKey
    evidence: Evidence


@dataclass(frozen=True)
class Amount:
    """A sum of money as written ("bis zu 60.000 Euro" -> max_value 60000)."""

    text: str
    start: int
    end: int
    value: Decimal | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    currency: str = "EUR"
    approximate: bool = False
    each: bool = False  # "jeweils": one such sum per recipient


@_dict_init
@dataclass(frozen=True)
class Funding:
    """One flow of money (``egov:Funding``)."""

    amount: Amount
    evidence: Evidence
    funder: EntityKey | None = None
    recipient: EntityKey | None = None
    programme: EntityKey | None = None


@dataclass
class Extraction:
    """Everything one document says; picklable so it can be cached and built in parallel."""

    document: Document
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    fundings: list[Funding] = field(default_factory=list)


@dataclass
class Entity:
    """A canonical entity after corpus-level merging."""

    type: str  # primary type; decides the IRI folder
    pref_label: str
    types: set[str] = field(default_factory=set)
    alt_labels: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)  # doc_ids
    external: set[str] = field(default_factory=set)
    ags: str | None = None

    @property
    def key(self) -> EntityKey:
        return (self.type, self.pref_label)


@dataclass
class Corpus:
    """The whole build after corpus-level entity resolution: what the graph is made of.

    All entity keys in ``relations``, ``fundings`` and ``mentions`` are keys of ``entities``.
    """

    documents: list[Document] = field(default_factory=list)
    entities: dict[EntityKey, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    fundings: list[Funding] = field(default_factory=list)
    mentions: list[tuple[str, EntityKey, str]] = field(default_factory=list)
    """``(doc_id, entity key, surface form)`` for every mention."""
