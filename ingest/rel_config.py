"""Configuration of the relation extractors: the word lists of ``ontology/relations``.

:func:`load_config` reads ``roles.json``, ``triggers.json``, ``domain_range.json``,
``funding.json`` and ``deps.jsonl`` once per folder and checks them; :func:`fits` applies
the domain/range table to a candidate relation.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

CONFIG_FILES = ("roles.json", "triggers.json", "domain_range.json", "funding.json")
T = TypeVar("T")


@dataclass(frozen=True)
class RoleInfo:
    """What a post word means: ``relation`` is heads, worksFor, memberOf or none."""

    relation: str
    role: str
    implies: str | None = None
    heads_types: tuple[str, ...] = ()
    implies_entity: str | None = None  # canonical name the word itself names ("Bundesinnenminister")


@dataclass(frozen=True)
class RelConfig:
    """All word lists of the relation extractors, loaded from ``ontology/relations``."""

    roles: dict[str, RoleInfo]
    ext_roles: dict[str, RoleInfo]
    role_lists: dict[str, Any]
    triggers: dict[str, Any]
    domain: dict[str, Any]
    funding: dict[str, Any]
    folder: str = ""
    dep_patterns: tuple[dict, ...] = field(default_factory=tuple)
    memos: dict[str, dict] = field(default_factory=dict, compare=False, repr=False)
    """The memo tables of :func:`memo`: they live and die with this configuration."""

    def words(self, *path: str) -> frozenset[str]:
        """A trigger word list by its path in ``triggers.json`` as a set."""
        node: Any = self.triggers
        for p in path:
            node = node[p]
        return frozenset(node)


def default_folder() -> Path:
    """``ontology/relations`` inside the installed package."""
    return Path(str(resources.files("egovkg.ontology").joinpath("relations")))


def _external_roles() -> dict[str, RoleInfo]:
    """Role words of the shared gazetteer (``ontology/gazetteer/roles.tsv``) when available."""
    try:
        from egovkg.ingest import gazetteer  # type: ignore[attr-defined]
    except ImportError:
        return {}
    getter = getattr(gazetteer, "roles", None)
    if getter is None:
        return {}
    out: dict[str, RoleInfo] = {}
    try:
        for word, info in getter().items():
            rel = getattr(info, "relation", None)
            if rel not in ("heads", "worksFor", "memberOf"):
                continue
            role = getattr(info, "canonical", None) or word
            implies = getattr(info, "implies_type", None) or None
            out[word.lower()] = RoleInfo(rel, str(role), implies,
                                         (implies,) if rel == "heads" and implies else (),
                                         getattr(info, "implies", None) or None)
    except Exception:  # a broken optional source must not stop extraction
        return {}
    return out


@lru_cache(maxsize=4)
def load_config(folder: str | None = None) -> RelConfig:
    """Load and check the relation word lists.

    Args:
        folder: Folder with ``roles.json``, ``triggers.json``, ``domain_range.json``,
            ``funding.json`` and ``deps.jsonl``; default ``ontology/relations``.

    Returns:
        The configuration. Roles of the shared gazetteer (``egovkg.ingest.gazetteer.roles``)
        are kept beside this folder's own, which are looked up first (they carry
        ``heads_types`` and the ``none`` posts).

    Raises:
        ValueError: A file misses a required section or names an unknown relation.
    """
    base = Path(folder) if folder else default_folder()
    data = {}
    for name in CONFIG_FILES:
        with open(base / name, encoding="utf-8") as fh:
            data[name] = json.load(fh)
    role_data = data["roles.json"]
    own: dict[str, RoleInfo] = {}
    for word, info in role_data["roles"].items():
        if info["relation"] not in ("heads", "worksFor", "memberOf", "none"):
            raise ValueError(f"roles.json: {word!r} has unknown relation {info['relation']!r}")
        own[word.lower()] = RoleInfo(info["relation"], info["role"], info.get("implies"),
                                     tuple(info.get("heads_types", ())))
    domain = data["domain_range.json"]
    for pred in ("memberOf", "heads", "worksFor", "funds", "runs", "participatesIn",
                 "supports", "cooperatesWith", "locatedIn"):
        if pred not in domain["predicates"]:
            raise ValueError(f"domain_range.json: no entry for {pred}")
    deps: list[dict] = []
    dep_file = base / "deps.jsonl"
    if dep_file.exists():
        with open(dep_file, encoding="utf-8") as fh:
            deps = [json.loads(line) for line in fh if line.strip() and not line.startswith("//")]
    return RelConfig(own, _external_roles(), role_data, data["triggers.json"], domain, data["funding.json"],
                     str(base), tuple(deps))


def memo(cfg: RelConfig, name: str) -> dict:
    """A per-configuration memo table ``name`` for pure word-level functions (a word -> its
    class), kept on the configuration itself (``RelConfig.memos``)."""
    tables = cfg.memos
    table = tables.get(name)
    if table is None:
        table = tables[name] = {}
    return table


def built_once(cfg: RelConfig, name: str, build: Callable[[RelConfig], T]) -> T:
    """``build(cfg)``, made once per configuration: the word sets an extractor reads of
    ``triggers.json`` on every Doc."""
    table = memo(cfg, "built_once")
    found = table.get(name)
    if found is None:
        found = table[name] = build(cfg)
    return found


def allowed_types(cfg: RelConfig, names: Iterable[str]) -> frozenset[str]:
    """Expand the group names of ``domain_range.json`` ("area", "body") into entity types."""
    groups = cfg.domain.get("groups", {})
    out: set[str] = set()
    for n in names:
        out.update(groups.get(n, [n]))
    return frozenset(out)


def fits(cfg: RelConfig, predicate: str, s_type: str, o_type: str) -> bool:
    """Whether ``(s_type) predicate (o_type)`` respects the domain/range table."""
    table = memo(cfg, "fits")
    key = (predicate, s_type, o_type)
    ok = table.get(key)
    if ok is None:
        spec = cfg.domain["predicates"].get(predicate)
        ok = table[key] = spec is not None and s_type in allowed_types(cfg, spec["subject"]) \
            and o_type in allowed_types(cfg, spec["object"])
    return ok



def sentence_adverbs(cfg: RelConfig) -> frozenset[str]:
    """Words capitalised only at the start of a sentence ("Auch", "Zudem"): never the head noun
    a genitive attribute hangs off (``triggers.sentence_adverbs``), built once per configuration."""
    known = memo(cfg, "sentence_adverbs")
    words = known.get("")
    if words is None:
        words = known[""] = frozenset(cfg.triggers.get("sentence_adverbs", []))
    return words
