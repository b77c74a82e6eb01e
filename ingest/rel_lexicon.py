"""Role words: which post a (compound, inflected) word names, and party prefixes.

The own list (``ontology/relations/roles.json``) is tried first, as a whole word or the last
part of a compound ("Digitalministerin" -> minister, prefix "digital"); the shared gazetteer
(``ontology/gazetteer/roles.tsv`` via ``egovkg.ingest.gazetteer.roles``) fills in the rest.
"""
from __future__ import annotations

import re
from dataclasses import replace

from egovkg.ingest.rel_config import RelConfig, RoleInfo

_KEYS: dict[int, tuple[str, ...]] = {}
_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_DATE = re.compile(r"(?:dem\s+)?(?:(?:\d{1,2}\.\s*)?(?:" + _MONTHS + r")(?:\s+\d{4})?|\d{4})\s+")


def _sorted_keys(table: dict[str, RoleInfo]) -> tuple[str, ...]:
    keys = _KEYS.get(id(table))
    if keys is None:
        keys = _KEYS[id(table)] = tuple(sorted(table, key=len, reverse=True))
    return keys


def _match(table: dict[str, RoleInfo], cands: list[str]) -> tuple[RoleInfo, str] | None:
    for c in cands:
        if c in table:
            return table[c], ""
    for c in cands:
        for k in _sorted_keys(table):
            if len(c) > len(k) and c.endswith(k) and (c[-len(k) - 1].isalpha() or c[-len(k) - 1] == "-"):
                return table[k], c[: -len(k)].rstrip("-")
    return None


def lookup_role(cfg: RelConfig, word: str) -> tuple[RoleInfo, str] | None:
    """The post a (possibly compound, inflected) word names, with the compound's prefix.

    The own word list (``ontology/relations/roles.json``) is tried first, as a whole word
    or the last part of a compound; the shared gazetteer (``roles.tsv``) fills in what the
    word implies and the words the own list lacks.

    Args:
        cfg: Relation configuration.
        word: One token, e.g. "Digitalministerin", "Landes-CIO", "Beigeordneter".

    Returns:
        ``(RoleInfo, prefix)`` (prefix "digital" for "Digitalministerin"), or None.
    """
    w = word.lower().strip(".,;:")
    if not w or not word.rsplit("-", 1)[-1][:1].isupper():  # "krz-Geschäftsführerin" is a post
        return None
    stop = cfg.role_lists.get("stoplist", [])
    if any(w.endswith(s) for s in stop):
        return None
    cands = [w]
    if w.endswith("innen"):
        cands.append(w[:-5])
    if w.endswith("in"):
        cands.append(w[:-2])
    if w[-1:] in ("r", "n", "s"):
        cands.append(w[:-1])
    own = _match(cfg.roles, cands)
    ext = cfg.ext_roles.get(w)
    if own is not None:
        info, prefix = own
        if ext is not None and info.relation == ext.relation:
            info = replace(info, implies=info.implies or ext.implies,
                           implies_entity=ext.implies_entity)
        return info, prefix
    return _match(cfg.ext_roles, cands)


def party_prefix(cfg: RelConfig, word: str) -> str | None:
    if "-" not in word:
        return None
    head = word.split("-", 1)[0]
    for p in cfg.role_lists.get("parties", []):
        if p.lower() == head.lower():
            return p
    return None


def skip_date(text: str) -> int:
    """Length of a date opening ``text`` ("dem 1. April ", "Mai 2023 ", "2021 "), else 0."""
    m = _DATE.match(text)
    return m.end() if m else 0


def board_seat(cfg: RelConfig, found: tuple[RoleInfo, str] | None,
               following: list[str]) -> tuple[RoleInfo, str] | None:
    """"Mitglied des Vorstands": a seat on a body's governing board is a post (worksFor), not
    a membership of the body; ``following`` are the lower-case words after the post word."""
    boards = cfg.role_lists.get("governing_boards", [])
    if found is None or found[0].relation != "memberOf" or len(following) < 2:
        return found
    if following[0] in ("des", "der", "im") and following[1] in boards:
        return RoleInfo("worksFor", f"{found[0].role} des Vorstands"
                        if following[1].startswith("vorstand") else found[0].role), found[1]
    return found
