"""Teaser lists at the end of news pages: split them off into small documents of their own.

A portal page ends with teasers to other articles, optionally opened by a marker line
("Weitere Meldungen und Beiträge aus dem Bereich: Politik"). One teaser is

    [picture caption line(s)] [kicker word]
    Ort: Überschrift
    [dd.mm.yyyy] Teasertext ... mehr...
    [picture caption line(s)]

with or without blank lines in between. The headline is the nearest non-empty line before a
``[dd.mm.yyyy]`` line. Caption lines between two teasers belong to the previous teaser when they
follow its ``mehr...`` line directly (compact layout), otherwise to the next teaser. Without a
marker line only ``[date] ... mehr...`` teasers are recognised, so an article's own dated lead
is never mistaken for one.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from egovkg.ingest.clean import (
    ends_with_more,
    is_noise_line,
    names_entity,
    normalize_text,
    patterns,
    strip_more,
    strip_trailing_kicker,
)
from egovkg.ingest.dates import bracket_date

MAX_HEADLINE = 250
MAX_TEASER_LINES = 8


@dataclass
class Teaser:
    """One teaser found on a page."""

    headline: str
    date: dt.date | None
    body: str
    captions: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Headline, blank line, teaser text, then the kept captions."""
        parts = [self.headline, self.body, *self.captions]
        return "\n\n".join(p for p in parts if p)

    @property
    def key(self) -> str:
        """Normalised content (captions excluded), identical wherever the teaser is repeated."""
        raw = f"{self.headline}\n{self.date.isoformat() if self.date else ''}\n{self.body}"
        return " ".join(normalize_text(raw).casefold().split())


def find_marker(lines: list[str], start: int = 0) -> int | None:
    """Index of the first teaser-list marker line at or after ``start``."""
    marker = patterns().teaser_marker
    for i in range(start, len(lines)):
        s = lines[i].strip()
        if s and len(s) <= 200 and marker.fullmatch(s):
            return i
    return None


def _prev_nonblank(lines: list[str], i: int, floor: int) -> int | None:
    j = i - 1
    while j > floor and not lines[j].strip():
        j -= 1
    return j if j > floor and lines[j].strip() else None


def _is_headline(line: str) -> bool:
    """A headline candidate (the caller has checked that it has no bracket date)."""
    s = line.strip()
    return bool(s) and len(s) <= MAX_HEADLINE and not is_noise_line(s)


def _caption_groups(lines: list[str], lo: int, hi: int) -> list[tuple[int, list[str]]]:
    """Blank-line separated groups of non-empty lines in ``lines[lo:hi]`` with their start index."""
    groups: list[tuple[int, list[str]]] = []
    cur: list[str] = []
    start = lo
    for k in range(lo, hi):
        s = lines[k].strip()
        if s:
            if not cur:
                start = k
            cur.append(s)
        elif cur:
            groups.append((start, cur))
            cur = []
    if cur:
        groups.append((start, cur))
    return groups


def _kept_captions(group: list[str]) -> list[str]:
    return [s for s in group if names_entity(s)]  # names_entity is false for a noise line


def split_teasers(lines: list[str], start: int = 0) -> tuple[list[str], list[Teaser]]:
    """Split a page's lines into the article's own lines and its teasers.

    Args:
        lines: Normalised lines of the page body (title already removed).
        start: Lines before this index are never part of a teaser list (e.g. the dated lead).

    Returns:
        ``(lines without the teaser block, teasers in page order)``. The block runs from the
        marker (or the first teaser) to the end of the page.
    """
    marker = find_marker(lines, start)
    floor = marker if marker is not None else start - 1
    # the lines after the floor that open with a [dd.mm.yyyy], parsed once
    dated: dict[int, tuple[dt.date, str]] = {}
    for i in range(floor + 1, len(lines)):
        line = lines[i]
        if line[:1] == "[" or line[:1].isspace():  # else it cannot open with a bracket date
            parsed = bracket_date(line)
            if parsed is not None:
                dated[i] = parsed
    found: list[tuple[int, int, int]] = []  # (headline index, date-line index, last body index)
    for d in dated:  # in line order
        h = _prev_nonblank(lines, d, floor)
        if h is None or h in dated or not _is_headline(lines[h]) or (found and h <= found[-1][2]):
            continue
        end = d
        if not ends_with_more(lines[d]):
            for k in range(d + 1, min(len(lines), d + MAX_TEASER_LINES)):
                if not lines[k].strip() or k in dated:
                    break
                if ends_with_more(lines[k]):
                    end = k
                    break
        if marker is None and not ends_with_more(lines[end]):
            continue
        found.append((h, d, end))
    if not found:
        return lines, []

    block_start = marker if marker is not None else found[0][0]
    teasers: list[Teaser] = []
    for h, d, end in found:
        date, first = dated[d]
        body = " ".join([first.strip(), *(ln.strip() for ln in lines[d + 1:end + 1])])
        teasers.append(Teaser(strip_trailing_kicker(lines[h].strip()), date, strip_more(body).strip()))

    # captions: between the previous teaser's end (or the marker) and the next headline
    bounds = [(marker if marker is not None else block_start - 1)] + [e for _, _, e in found]
    for n, (h, _, _) in enumerate(found):
        lo = bounds[n] + 1
        for g_start, group in _caption_groups(lines, lo, h):
            owner = n - 1 if (n > 0 and g_start == lo) else n
            teasers[owner].captions.extend(_kept_captions(group))
    tail_lo = found[-1][2] + 1
    for g_start, group in _caption_groups(lines, tail_lo, len(lines)):
        if g_start == tail_lo:
            teasers[-1].captions.extend(_kept_captions(group))
    return lines[:block_start], teasers
