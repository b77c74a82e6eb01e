"""German dates in scraped news pages: the article's own date, never the crawl date.

Conventions handled:

* ``[29.08.2014]`` / ``[9.4.2024]``: the news-portal convention that opens a lead paragraph or
  a teaser; the first such date after the title is the article's date.
* ``Donnerstag, 27. Februar 2025`` alone on a line at the top of a page: the day the page was
  crawled. It is removed by the cleaner and is never taken as the article date.
* ``22. September 2016``, ``am 3. März 2015``, ``29.08.2014``: dates in running text, used as a
  fallback when a page has neither a bracket date nor HTML metadata.

All regular expressions here are linear (no nested quantifiers), so a 20 MB single-line text
costs one pass.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Iterator

MONTHS: dict[str, int] = {
    "januar": 1, "jänner": 1, "jan": 1,
    "februar": 2, "feber": 2, "feb": 2,
    "märz": 3, "maerz": 3, "mär": 3, "mrz": 3,
    "april": 4, "apr": 4,
    "mai": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}
WEEKDAYS: tuple[str, ...] = (
    "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonnabend", "Sonntag",
)
MIN_YEAR, MAX_YEAR = 1949, 2100

# Longest alternatives first so "Januar" wins over "Jan".
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
# One alternation behind a digit lookahead, so a single fast left-to-right pass finds the
# earliest date of any form (the "not preceded by a digit" check is done in Python).
_ANY_DATE = re.compile(
    rf"(?=\d)(?:"
    rf"(?P<td>\d{{1,2}})\.[ \t\u00a0]?(?P<tm>{_MONTH_ALT})\.?[ \t\u00a0]+(?P<ty>\d{{4}})"
    rf"|(?P<nd>\d{{1,2}})\.(?P<nm>\d{{1,2}})\.(?P<ny>\d{{4}})"
    rf"|(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})"
    rf")(?!\d)",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_BRACKET_DATE = re.compile(r"\s*\[[ \t]*(\d{1,2})\.(\d{1,2})\.(\d{4})[ \t]*\][ \t]*")
"""Matched at the start of a line: ``\\s*`` skips what ``str.lstrip()`` would (the same
characters), without copying the line."""
_CRAWL_LINE = re.compile(
    rf"(?:{'|'.join(WEEKDAYS)}),?[ \t]+(\d{{1,2}})\.[ \t]?({_MONTH_ALT})\.?[ \t]+(\d{{4}})",
    re.IGNORECASE,
)
_MAX_CRAWL_LINE = 60


def make_date(year: int | str, month: int | str, day: int | str) -> dt.date | None:
    """A ``date`` if the parts form a valid calendar date in a plausible range, else None."""
    try:
        y, m, d = int(year), int(month), int(day)
    except (TypeError, ValueError):
        return None
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> Iterator[tuple[dt.date, int, int]]:
    """All valid dates in ``text`` in order of appearance.

    Args:
        text: Any text.

    Yields:
        ``(date, start, end)`` with character offsets into ``text``.
    """
    for m in _ANY_DATE.finditer(text):
        if m.start() and (text[m.start() - 1].isdigit() or (m.group("iy") is None and text[m.start() - 1] == ".")):
            continue
        if m.group("td"):
            d = make_date(m.group("ty"), MONTHS[m.group("tm").casefold()], m.group("td"))
        elif m.group("nd"):
            d = make_date(m.group("ny"), m.group("nm"), m.group("nd"))
        else:
            d = make_date(m.group("iy"), m.group("im"), m.group("id"))
        if d:
            yield d, m.start(), m.end()


def parse_german_date(text: str) -> dt.date | None:
    """The first German date written in ``text``.

    Understands ``22. September 2016``, ``am 3. März 2015``, ``3. Sept. 2015``, ``29.08.2014``,
    ``[9.4.2024]`` and ISO ``2014-08-29``. Impossible dates (``31.02.2014``) are ignored.

    Args:
        text: Any text (never raises).

    Returns:
        The date, or None when there is none.
    """
    if not isinstance(text, str):
        return None
    for d, _, _ in find_dates(text):
        return d
    return None


def bracket_date(line: str) -> tuple[dt.date, str] | None:
    """Parse a line opening with the portal's ``[dd.mm.yyyy]`` convention.

    Args:
        line: One line of text.

    Returns:
        ``(date, rest of the line)`` or None when the line does not start with a valid one.
    """
    m = _BRACKET_DATE.match(line)
    if not m:
        return None
    d = make_date(m.group(3), m.group(2), m.group(1))
    if d is None:
        return None
    return d, line[m.end():]


def is_crawl_date_line(line: str) -> bool:
    """True for a line that is only a weekday and a date (``Donnerstag, 27. Februar 2025``).

    Such a line is what the crawler printed at the top of a page, not the article's date.
    """
    s = line.strip()
    if not s or len(s) > _MAX_CRAWL_LINE:
        return False
    m = _CRAWL_LINE.fullmatch(s)
    return bool(m and make_date(m.group(3), MONTHS[m.group(2).casefold()], m.group(1)))


def parse_iso_date(value: object) -> dt.date | None:
    """A date from metadata (``2014-08-29``, ``2014-08-29T10:00:00``, a ``date``), else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    m = _ISO_DATE.search(value[:40])
    return make_date(m.group(1), m.group(2), m.group(3)) if m else None


def find_article_date(
    lines: Iterable[str], *, metadata_date: object = None, lead_lines: int = 3
) -> dt.date | None:
    """The article's own date.

    Rules, in order:

    1. a ``[dd.mm.yyyy]`` opening one of the first ``lead_lines`` non-empty lines after the title;
    2. the date from HTML/PDF metadata;
    3. the first German date written anywhere in the text (crawl-date lines are skipped).

    Args:
        lines: The lines after the title (cleaned or not).
        metadata_date: A date or ISO string from the document's metadata.
        lead_lines: How many non-empty lines may precede the bracket date.

    Returns:
        The date, or None when no rule finds one.
    """
    lines = list(lines)
    seen = 0
    for line in lines if lead_lines > 0 else ():
        if not line.strip() or is_crawl_date_line(line):
            continue
        hit = bracket_date(line)
        if hit:
            return hit[0]
        seen += 1
        if seen >= lead_lines:
            break
    meta = parse_iso_date(metadata_date)
    if meta:
        return meta
    for line in lines:
        if is_crawl_date_line(line):
            continue
        d = parse_german_date(line)
        if d:
            return d
    return None
