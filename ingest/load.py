"""Files and folders in, cleaned and dated ``Document``s out.

``load_documents`` walks the given paths (folders recursively, sorted, symlink loops safe),
reads each file (``ingest.read``), removes page noise (``ingest.clean``), splits teaser lists into
their own small documents (``ingest.teasers``) and dates everything (``ingest.dates``). A file that
cannot be used becomes a ``Skipped`` with a reason; nothing a single file does stops the run.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator, Sequence

from egovkg.ids import short_hash
from egovkg.ingest.clean import (
    clean_lines,
    is_crawl_date_line,
    join_title,
    normalize_text,
    short_title,
    split_glued_kicker,
)
from egovkg.ingest.dates import bracket_date, find_article_date
from egovkg.ingest.read import DEFAULT_MAX_BYTES, ReadError, read_file
from egovkg.ingest.teasers import Teaser, split_teasers
from egovkg.model import Document

LEAD_LINES = 3
"""The article's ``[dd.mm.yyyy]`` must open one of this many first non-empty lines after the title."""


@dataclass(frozen=True)
class Skipped:
    """A file that was not used, and why."""

    path: str
    reason: str


@dataclass
class LoadResult:
    """Documents in deterministic order (articles, each followed by its new teasers) and skips."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class Page:
    """A cleaned page: the article and the teasers found on it."""

    title: str
    text: str
    date: object
    teasers: list[Teaser]


# ----------------------------------------------------------------------------- files
def iter_files(paths: Sequence[str | Path] | str | Path) -> Iterator[Path]:
    """Every file below the given paths: recursive, sorted, each real folder visited once.

    Args:
        paths: Files and folders, in the order given. A single path is accepted too.

    Yields:
        File paths (folders are walked in sorted order; symlinked folders are followed once, so
        a symlink loop cannot hang the walk). Missing paths are yielded as given so the loader
        can report them.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen_dirs: set[tuple[int, int]] = set()

    def walk(folder: Path) -> Iterator[Path]:
        try:
            st = folder.stat()
        except OSError:
            return
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            return
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            p = Path(entry.path)
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                yield from walk(p)
            else:
                yield p

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from walk(p)
        else:
            yield p


# ----------------------------------------------------------------------------- pages
def parse_page(text: str, *, title: str | None = None, date: object = None) -> Page:
    """Clean one page's text into an article and its teasers.

    Args:
        text: Decoded text of the page.
        title: A title from metadata (HTML/PDF); else the first line is the title.
        date: A date from metadata, used when the text has no ``[dd.mm.yyyy]`` lead.

    Returns:
        The page; ``Page.text`` starts with the title line, then a blank line, then the body.
    """
    lines = normalize_text(text).split("\n")
    while lines and (not lines[0].strip() or is_crawl_date_line(lines[0])):
        lines.pop(0)
    if title and title.strip():
        title = " ".join(normalize_text(title).split())
        first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
        if first is not None and " ".join(lines[first].split()) == title:
            lines = lines[first + 1:]
    else:
        title, used = join_title(lines)
        lines = lines[used:]
    body = "\n".join(lines)
    if title:
        kicker, head = split_glued_kicker(title, body)
        title = f"{kicker}: {head}" if kicker else head

    # the dated lead: the first bracket date among the first non-empty lines
    lead_idx, seen = None, 0
    for i, ln in enumerate(lines):
        if not ln.strip() or is_crawl_date_line(ln):
            continue
        if bracket_date(ln):
            lead_idx = i
            break
        seen += 1
        if seen >= LEAD_LINES:
            break
    own_date = find_article_date(lines[: lead_idx + 1] if lead_idx is not None else [], metadata_date=date)
    if lead_idx is not None:
        lines = list(lines)
        lines[lead_idx] = bracket_date(lines[lead_idx])[1]  # type: ignore[index]
    main, teasers = split_teasers(lines, start=(lead_idx + 1) if lead_idx is not None else 0)
    cleaned = clean_lines(main)
    if own_date is None:
        own_date = find_article_date(cleaned, lead_lines=0)
    if not title:  # no headline: the text starts with its first paragraph
        title = short_title(cleaned[0]) if cleaned else ""
        text_out = "\n".join(cleaned)
    else:
        text_out = "\n\n".join(p for p in (title, "\n".join(cleaned)) if p)
    return Page(title=title, text=text_out, date=own_date, teasers=teasers)


# ----------------------------------------------------------------------------- documents
def iter_documents(
    paths: Sequence[str | Path],
    on_skip: Callable[[Skipped], None] | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[tuple[int, Document]]:
    """Read, clean and date every file below ``paths``, yielding each document once it is final.

    A document's position is its index in ``load_documents(...).documents``. An article is final
    at once; so is a teaser whose text already holds captions. A teaser without captions may
    still take them from a later page that repeats it (``_add_teaser``), so it is held back
    until it has them or the input ends; the held-back teasers come last, in position order.
    Sorting the pairs by position gives exactly ``load_documents``'s list.

    Args:
        paths: Files and folders (folders recursively, sorted).
        on_skip: Called with each ``Skipped`` as soon as it happens.
        max_bytes: Files larger than this are skipped.

    Yields:
        ``(position, document)``; every position from 0 up to the number of documents once.
    """
    docs: list[Document] = []
    seen_sha: dict[str, str] = {}
    teaser_pos: dict[str, int] = {}
    held: set[int] = set()  # positions of teasers that a later page may still change

    def skip(path: Path | str, reason: str) -> None:
        if on_skip is not None:
            on_skip(Skipped(str(path), reason))

    for path in iter_files(paths):
        if not path.exists() and not path.is_symlink():
            skip(path, "not found (file vanished or path does not exist)")
            continue
        try:
            raw = read_file(path, max_bytes=max_bytes)
        except ReadError as exc:
            skip(path, str(exc))
            continue
        if raw.sha256 in seen_sha:
            skip(path, f"exact duplicate of {seen_sha[raw.sha256]}")
            continue
        seen_sha[raw.sha256] = str(path)
        try:
            page = parse_page(raw.text, title=raw.title, date=raw.date)
        except RecursionError as exc:  # defensive: a pathological page must not stop the run
            skip(path, f"could not be cleaned: {exc}")
            continue
        if not page.text.strip() or page.text.strip() == page.title.strip() and not page.teasers:
            what = {"html": "HTML page has no main text", "pdf": "PDF has no article text"}
            skip(path, what.get(raw.format, "no text left after cleaning") + " (only title/navigation)")
            continue
        doc_id = raw.sha256[:16]
        docs.append(Document(
            doc_id=doc_id, source=str(path), title=page.title, text=page.text,
            date=page.date, sha256=raw.sha256, kind="article",
        ))
        yield len(docs) - 1, docs[-1]
        for teaser in page.teasers:
            pos = _add_teaser(docs, teaser_pos, teaser, path, raw.sha256, doc_id)
            if pos is None:
                continue
            if _teaser_final(docs[pos]):
                held.discard(pos)
                yield pos, docs[pos]
            else:
                held.add(pos)
    for pos in sorted(held):
        yield pos, docs[pos]


def load_documents(
    paths: Sequence[str | Path],
    on_skip: Callable[[Skipped], None] | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> LoadResult:
    """Read, clean and date every file below ``paths``.

    Args:
        paths: Files and folders (folders recursively, sorted).
        on_skip: Called with each ``Skipped`` as soon as it happens.
        max_bytes: Files larger than this are skipped.

    Returns:
        Documents in deterministic order: each article followed by the teasers first seen on
        it. Exact duplicate files are read once; a teaser repeated on several pages is one
        document (its first source and parent are kept).
    """
    result = LoadResult()

    def skip(item: Skipped) -> None:
        result.skipped.append(item)
        if on_skip is not None:
            on_skip(item)

    placed = dict(iter_documents(paths, skip, max_bytes=max_bytes))
    result.documents = [placed[i] for i in range(len(placed))]
    return result


def _teaser_final(doc: Document) -> bool:
    """Whether a stored teaser's text can no longer change (it has captions, see below)."""
    return doc.text.count("\n\n") >= 2


def _add_teaser(
    docs: list[Document], positions: dict[str, int], teaser: Teaser,
    path: Path, sha: str, parent: str,
) -> int | None:
    """Append a teaser document, or enrich the stored one with captions it lacked.

    Returns:
        The position of the document appended or changed, None when nothing changed.
    """
    tid = short_hash("teaser", teaser.key, length=16)
    if tid in positions:
        pos = positions[tid]
        stored = docs[pos]
        if teaser.captions and teaser.text not in stored.text and not _teaser_final(stored):
            docs[pos] = replace(stored, text=teaser.text)
            return pos
        return None
    positions[tid] = len(docs)
    docs.append(Document(
        doc_id=tid, source=str(path), title=teaser.headline, text=teaser.text,
        date=teaser.date, sha256=sha, kind="teaser", parent=parent,
    ))
    return len(docs) - 1


def sha256_file(path: str | Path) -> str:
    """Hex sha256 of a file's bytes (the article ``doc_id`` is its first 16 characters)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
