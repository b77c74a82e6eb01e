"""Reading one file into raw text: ``.txt`` (any common encoding), ``.html``/``.htm``, ``.pdf``.

``read_file`` never lets a library exception escape: every problem becomes a ``ReadError``
whose message says, in plain words, why the file was skipped.
"""
from __future__ import annotations

import hashlib
import io
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from egovkg.ingest.dates import parse_iso_date

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PDF_SUFFIXES = frozenset({".pdf"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_BINARY_SNIFF = 8192


class ReadError(Exception):
    """A file cannot be turned into text; the message is the reason shown to the user."""


@dataclass(frozen=True)
class RawText:
    """What a file holds before cleaning."""

    text: str
    sha256: str
    title: str | None = None
    date: object = None  # a date or ISO string from metadata
    encoding: str | None = None
    format: str = "text"  # "text", "html" or "pdf"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text bytes: BOM, then strict UTF-8, then charset-normalizer's best guess.

    Args:
        data: The raw bytes of a text file.

    Returns:
        ``(text, encoding name)``.

    Raises:
        ReadError: For binary data (NUL bytes without a UTF-16/32 BOM) or undecodable bytes.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError as exc:
                raise ReadError(f"undecodable: bytes do not match the {enc} byte-order mark ({exc.reason})") from exc
    if b"\x00" in data[:_BINARY_SNIFF] or b"\x00" in data[-_BINARY_SNIFF:]:
        raise ReadError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    legacy = _german_legacy(data)
    if legacy is not None:
        return legacy, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError("undecodable: no text encoding fits these bytes")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ReadError(f"undecodable as {best.encoding}: {exc}") from exc
    if _control_ratio(text) > 0.05:
        raise ReadError("binary file (mostly control characters), not text")
    return text, best.encoding


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_GERMAN_EXTRA = frozenset("äöüÄÖÜß„“”‚‘’–—€…«»§°²³µ·éèêàâçëïîôûÉÈÀ\u00a0")


def _german_legacy(data: bytes) -> str | None:
    """Windows-1252 (a superset of Latin-1 for text) when its non-ASCII letters look German.

    Short German files are too small for statistical detection (``Größe`` in cp1252 is also
    valid Mac-Iceland); a German text decoded as cp1252 yields umlauts and German quotes.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    extra = _NON_ASCII.findall(text, 0, 1_000_000)
    if not extra:
        return text
    good = sum(c in _GERMAN_EXTRA for c in extra)
    return text if good / len(extra) >= 0.9 else None


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or 0x7F <= ord(c) < 0xA0)
    return bad / len(sample)


def read_html(data: bytes) -> tuple[str, str | None, object]:
    """Main text, title and date of an HTML page with trafilatura (scripts/styles never kept).

    Raises:
        ReadError: When the page has no main text.
    """
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        html, _ = decode_bytes(data)
    except ReadError:
        html = data.decode("utf-8", errors="replace")
    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True,
            favor_recall=True,
        )
        if result is not None and not isinstance(result, dict):
            result = result.as_dict()
    except Exception as exc:  # trafilatura/lxml raise many kinds; the file is skipped, the run goes on
        raise ReadError(f"HTML could not be parsed: {type(exc).__name__}: {exc}") from exc
    if not result or not (result.get("text") or "").strip():
        raise ReadError("HTML page has no main text")
    return result["text"], (result.get("title") or None), result.get("date")


def read_pdf(data: bytes) -> tuple[str, str | None]:
    """Text and title of a PDF with pypdf.

    Raises:
        ReadError: For a broken or encrypted PDF, or one without a text layer.
    """
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("PDF is encrypted")
        pages = [(page.extract_text() or "") for page in reader.pages]
        meta = reader.metadata
        title = str(meta.title).strip() if meta is not None and meta.title else None
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many kinds on broken files
        raise ReadError(f"broken PDF: {type(exc).__name__}: {exc}") from exc
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise ReadError("PDF has no text layer (scanned images?)")
    return text, title


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The raw bytes of a file, with every OS problem turned into a ``ReadError``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(f"file too large ({size:,} bytes > limit {max_bytes:,})")
        with open(path, "rb") as fh:
            # read what stat promised plus one byte (a buffer of max_bytes would cost a large
            # allocation per file), then the rest up to the limit if the file has grown
            data = fh.read(size + 1)
            if len(data) > size:
                data += fh.read(max_bytes + 1 - len(data))
    except FileNotFoundError as exc:
        raise ReadError("file vanished before it could be read") from exc
    except PermissionError as exc:
        raise ReadError("unreadable: permission denied") from exc
    except IsADirectoryError as exc:
        raise ReadError("is a directory, not a file") from exc
    except OSError as exc:
        raise ReadError(f"unreadable: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise ReadError(f"file too large (> limit {max_bytes:,} bytes)")
    if not data.strip():
        raise ReadError("empty file")
    return data


def read_file(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    """Read one file into text plus the metadata its format offers.

    Args:
        path: A ``.txt``, ``.html``/``.htm`` or ``.pdf`` file.
        max_bytes: Larger files are refused.

    Returns:
        The raw text (not yet cleaned), its sha256 and any title/date metadata.

    Raises:
        ReadError: With the reason the file is skipped.
    """
    if not isinstance(path, Path):
        path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(f"unknown file type {suffix or '(no extension)'!r}; expected .txt, .html, .htm or .pdf")
    data = read_bytes(path, max_bytes)
    sha = hashlib.sha256(data).hexdigest()
    if suffix in PDF_SUFFIXES:
        text, title = read_pdf(data)
        return RawText(text, sha, title=title, format="pdf")
    if suffix in HTML_SUFFIXES:
        text, title, date = read_html(data)
        return RawText(text, sha, title=title, date=parse_iso_date(date), format="html")
    text, enc = decode_bytes(data)
    if not text.strip():
        raise ReadError("empty file (only whitespace)")
    return RawText(text, sha, encoding=enc)
