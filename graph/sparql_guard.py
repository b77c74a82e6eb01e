"""Checks a SPARQL request before it reaches the store: read-only, no SERVICE, bounded size.

pyoxigraph has no public parser that reports the query form, so the checks run on a small
tokenizer that skips string literals, IRIs and comments: a keyword inside ``"..."``,
``<...>`` or after ``#`` never counts, nor does a variable (``?insert``) or a prefixed name
(``ex:delete``, ``service:x``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

UPDATE_KEYWORDS: frozenset[str] = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD"}
)
"""Keywords of SPARQL 1.1 Update operations; none of them is a keyword of the query grammar."""

QUERY_FORMS: frozenset[str] = frozenset({"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"})

_TOKEN = re.compile(
    r"""
    (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    |(?P<iri><[^<>"{}|^`\\\s]*>)
    |(?P<comment>\#[^\n]*)
    |(?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
    |(?P<word>[A-Za-z_\u00c0-\uffff][A-Za-z0-9_\-.\u00b7\u00c0-\uffff]*(?::[^\s{}()\[\],;]*)?
              |:[^\s{}()\[\],;]*)
    |(?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape_codepoints(query: str) -> str:
    """Apply SPARQL's ``\\uXXXX``/``\\UXXXXXXXX`` escapes, which parsers resolve before tokenising
    (so ``\\u0053ERVICE`` is ``SERVICE``)."""

    def repl(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _CODEPOINT.sub(repl, query)


class QueryRefused(ValueError):
    """A request the endpoint does not run; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class QueryInfo:
    """What the guard learned about a query."""

    form: str  # SELECT, CONSTRUCT, ASK or DESCRIBE


def keywords(query: str) -> list[str]:
    """The bare keywords of a query, upper-cased, in order (no strings, IRIs, comments, names).

    Args:
        query: SPARQL text.

    Returns:
        Words that are neither variables nor prefixed names, e.g. ``["PREFIX", "SELECT", ...]``
        (a ``PREFIX ex: <...>`` declaration yields ``PREFIX``; ``ex:`` is a prefixed name).
    """
    out: list[str] = []
    for m in _TOKEN.finditer(unescape_codepoints(query)):
        word = m.group("word")
        if word and ":" not in word:
            out.append(word.upper())
    return out


def check_query(query: str, *, max_bytes: int) -> QueryInfo:
    """Refuse what a read-only public endpoint must not run.

    Args:
        query: SPARQL text as received.
        max_bytes: Largest accepted query (UTF-8 bytes).

    Returns:
        The query form.

    Raises:
        QueryRefused: too large (413), empty, an Update operation, or a ``SERVICE`` clause
            (400/403): federated queries would let any client make the server fetch any URL,
            loopback included.
    """
    size = len(query.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise QueryRefused(f"query is {size} bytes; the limit is {max_bytes}", 413)
    words = keywords(query)
    if not words:
        raise QueryRefused("empty query")
    updates = [w for w in words if w in UPDATE_KEYWORDS]
    if updates:
        raise QueryRefused(f"SPARQL Update ({updates[0]}) is not allowed: this endpoint is read-only", 403)
    form = next((w for w in words if w in QUERY_FORMS), None)
    if "SERVICE" in words:
        raise QueryRefused("SERVICE (federated query) is not allowed on this endpoint", 403)
    if form is None:
        raise QueryRefused("not a SPARQL query: expected SELECT, CONSTRUCT, ASK or DESCRIBE")
    return QueryInfo(form=form)
