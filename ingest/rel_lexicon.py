"""Role words: which post a (compound, inflected) word names, and party prefixes.

The own list (``ontology/relations/roles.json``) is tried first, as a whole word or the last
part of a compound ("Digitalministerin" -> minister, prefix "digital"); the shared gazetteer
(``ontology/gazetteer/roles.tsv`` via ``egovkg.ingest.gazetteer.roles``) fills in the rest.
"""
from __future__ import annotations

import re
from dataclasses import replace

from typing import TYPE_CHECKING

from egovkg.ingest.rel_config import RelConfig, RoleInfo, memo

if TYPE_CHECKING:
    from egovkg.ingest.rel_base import Ent

_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_DATE = re.compile(r"(?:dem\s+)?(?:(?:\d{1,2}\.\s*)?(?:" + _MONTHS + r")(?:\s+\d{4})?|\d{4})\s+")


def _match(table: dict[str, RoleInfo], lengths: tuple[int, ...], cands: list[str]) -> tuple[RoleInfo, str] | None:
    """The entry of ``table`` a candidate form names: whole word, else the longest key ending
    the compound (``lengths``: the lengths of ``table``'s keys, longest first; a compound has
    one ending of each length, so each length is one lookup)."""
    for c in cands:
        if c in table:
            return table[c], ""
    for c in cands:
        for n in lengths:
            if len(c) > n:
                k = c[len(c) - n:]
                if k in table and (c[-n - 1].isalpha() or c[-n - 1] == "-"):
                    return table[k], c[:-n].rstrip("-")
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
    known = memo(cfg, "lookup_role")  # a pure function of the word: each word is looked up once
    if word not in known:
        known[word] = _lookup_role(cfg, word)
    return known[word]


def _lookup_role(cfg: RelConfig, word: str) -> tuple[RoleInfo, str] | None:
    keys = memo(cfg, "role_key_lengths")
    if not keys:
        keys["own"] = tuple(sorted({len(k) for k in cfg.roles}, reverse=True))
        keys["ext"] = tuple(sorted({len(k) for k in cfg.ext_roles}, reverse=True))
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
    own = _match(cfg.roles, keys["own"], cands)
    ext = cfg.ext_roles.get(w)
    if own is not None:
        info, prefix = own
        if ext is not None and info.relation == ext.relation:
            info = replace(info, implies=info.implies or ext.implies,
                           implies_entity=ext.implies_entity)
        return info, prefix
    return _match(cfg.ext_roles, keys["ext"], cands)


def party_prefix(cfg: RelConfig, word: str) -> str | None:
    """The party a compound names by its first part ("CDU-Landtagsabgeordneter" -> "CDU")."""
    if "-" not in word:
        return None
    head = word.split("-", 1)[0].lower()
    parties = memo(cfg, "parties")
    if not parties:
        for p in reversed(cfg.role_lists.get("parties", [])):
            parties[p.lower()] = p  # the first spelling of the list wins
    return parties.get(head)


def role_words(cfg: RelConfig) -> tuple[frozenset[str], ...]:
    """``(deputy, former, titles, fillers, parties)`` of ``roles.json`` as sets (parties in
    lower case), built once per configuration."""
    known = memo(cfg, "role_words")
    if "sets" not in known:
        lists = cfg.role_lists
        known["sets"] = (*(frozenset(lists.get(k, [])) for k in ("deputy", "former", "titles", "fillers")),
                         frozenset(p.lower() for p in lists.get("parties", [])))
    return known["sets"]


def opener_patterns(cfg: RelConfig) -> tuple[list[str], re.Pattern]:
    """The words that open a post after a name ("ist", "als", "seit"), longest first, and one
    pattern compiled once per configuration: an opener between whitespace, each opener its own
    group, tried in that order (``m.lastindex - 1`` is the index of the one that matched)."""
    known = memo(cfg, "openers")
    if "patterns" not in known:
        openers = sorted(cfg.role_lists.get("openers", []), key=len, reverse=True)
        rx = re.compile(r"\s+(?:" + "|".join(f"({re.escape(op)})" for op in openers) + r")\s+")
        known["patterns"] = (openers, rx)
    return known["patterns"]


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


def names_party(cfg: RelConfig, e: Ent) -> bool:
    """Whether an entity's canonical name or its text is a party (``roles.json``'s list)."""
    parties = role_words(cfg)[4]
    return e.kb.lower() in parties or e.text.lower() in parties
