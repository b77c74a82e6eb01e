"""Line-level cleaning of scraped German news pages.

What is removed: navigation, advertising and subscription lines, keyword lines
("Stichwörter: ..."), picture credits, image file names and slugs, lone kicker words, bare URL
lines and "Quellen/Verweise:" link blocks, the crawl-date line, and picture alt texts that merely
repeat the next line. What is kept: every sentence, and descriptive captions (they name people,
roles and institutions). The patterns are data in ``ontology/cleaning/``.

Every check on a single line is bounded: lines longer than ``MAX_NOISE_LINE`` characters are
never noise, so a 20 MB single-line file costs one linear pass.
"""
from __future__ import annotations

import re
import unicodedata

from egovkg.ingest.clean_rules import Patterns, patterns  # noqa: F401  (Patterns re-exported)
from egovkg.ingest.dates import bracket_date, is_crawl_date_line

MAX_NOISE_LINE = 400
"""Lines longer than this are running text, never navigation noise."""
MAX_TITLE = 300
"""A first line longer than this is a paragraph, not a headline."""
MAX_KICKER_WORDS = 3
"""A kicker glued to a title (``Smart CitiesDigitale ...``) has at most this many words."""

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad"
                         # bidi marks, embeddings, overrides and isolates: they can reorder
                         # what a label shows (Trojan-Source) and mean nothing here
                         "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                         "\u2066\u2067\u2068\u2069]")
"""Invisible characters, removed (a regex: ``str.translate`` with a dict is 5x slower)."""
_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_PUNCT_RUN = 20
"""Longer runs of punctuation are cut to this length: spaCy's tokenizer splits such a run one
character at a time with a suffix search over the rest (quadratic: 10,000 '(' take 20 s)."""
_PUNCT_RUN = re.compile(r"[^\w\s]{%d,}" % (MAX_PUNCT_RUN + 1))
_PUNCT_BYTES = bytes(
    0x78 if b >= 0x80 or re.fullmatch(r"[^\w\s]", chr(b)) else 0x20 for b in range(256))
"""A ``bytes.translate`` table: ``x`` for each UTF-8 byte that can belong to a ``[^\\w\\s]``
character (ASCII punctuation and controls, every byte of a non-ASCII character), else a space."""
_ODD_CHARACTER = re.compile("[%s%s%s]" % (
    _ZERO_WIDTH.pattern[1:-1], _SPACES.pattern[1:-1], _CONTROL.pattern[1:-1]))
"""Any character that one of the three substitutions above would touch; none of them is
printable (``str.isprintable``), which is a faster test than searching for them."""
_URL_LINE = re.compile(r"[(<]?(?:https?://|www\.)[^\s]{1,2000}[)>]?[.,;]?", re.IGNORECASE)
_SEGMENT_SPLIT = re.compile(r" {2,}|\s*[|•·]\s*")
_SENTENCE_END = ".!?:;\"“”)»"
_CAMEL_HUMP = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")
_VERSION = re.compile(r"(?:^|\s)[Vv]\d+(?:\.\d+)+(?:\s|$)")
_STAMP = re.compile(r"(?<!\d)(?:19|20)\d{6}(?!\d)")
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|tiff?|bmp)$", re.IGNORECASE)
_ENDS_MEHR = re.compile(r"\s*\bmehr ?(?:\.{2,}|…)\s*$", re.IGNORECASE)
_MORE_REVERSED = re.compile(r"(?:\s*(?:…|\.{2,}) ?rhem(?!\w))+\s*", re.IGNORECASE)
_GLUE = re.compile(r"[a-zäöüß][A-ZÄÖÜ][a-zäöüß]")
_KICKER_LINE = re.compile(r"[A-ZÄÖÜ][\w.-]{1,30}(?:[ /][A-ZÄÖÜ][\w.-]{1,30}){0,2}")
_NAME_TOKEN = re.compile(r"(?:Dr\.|Prof\.|[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*)")


# ----------------------------------------------------------------------------- normalising
def normalize_text(text: str) -> str:
    """Unicode NFC, ``\\n`` line endings, plain spaces, no zero-width or control characters.

    Args:
        text: Decoded text with any line endings (``\\r\\n``, ``\\r``, mixed).

    Returns:
        The text with each line's trailing spaces stripped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    odd = not text.replace("\n", " ").isprintable() and _ODD_CHARACTER.search(text) is not None
    if odd:
        text = _ZERO_WIDTH.sub("", text)
    if not unicodedata.is_normalized("NFC", text):  # composing may create a special space
        text, odd = unicodedata.normalize("NFC", text), True
    if odd:
        text = _CONTROL.sub("", _SPACES.sub(" ", text))
    if _may_have_punct_run(text):
        text = _PUNCT_RUN.sub(lambda m: m.group()[:MAX_PUNCT_RUN], text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _may_have_punct_run(text: str) -> bool:
    """False when ``text`` surely has no ``_PUNCT_RUN``, in a fraction of a regex scan's time.

    Each character of such a run becomes at least one ``x`` byte in the translated UTF-8 text
    (lone surrogates too, by ``surrogatepass``), so the run leaves a row of ``x``; German text
    has none (only a row of ten or more non-ASCII characters could make one).
    """
    marks = text.encode("utf-8", "surrogatepass").translate(_PUNCT_BYTES)
    return b"x" * (MAX_PUNCT_RUN + 1) in marks


# ----------------------------------------------------------------------------- line checks
def _short(line: str) -> str | None:
    s = line.strip()
    return s if s and len(s) <= MAX_NOISE_LINE else None


def is_url_line(line: str) -> bool:
    """A line that is only a URL (``http://www.example.de``)."""
    s = _short(line)
    return bool(s and _URL_LINE.fullmatch(s))


def is_nav_line(line: str) -> bool:
    """Navigation, advertising, subscription, keyword or picture-credit line."""
    s = _short(line)
    return bool(s) and _is_nav(s)  # type: ignore[arg-type]


def _is_nav(s: str) -> bool:
    """``is_nav_line`` of a stripped, non-empty line of at most ``MAX_NOISE_LINE`` characters."""
    noise = patterns().noise
    if noise.fullmatch(s):
        return True
    if "  " not in s and "|" not in s and "•" not in s and "·" not in s:
        return False  # nothing that _SEGMENT_SPLIT could split at
    segments = [seg for seg in _SEGMENT_SPLIT.split(s) if seg]
    return len(segments) > 1 and all(noise.fullmatch(seg) for seg in segments)


def is_kicker_line(line: str) -> bool:
    """A lone category word such as ``bericht`` or ``Interview``."""
    s = _short(line)
    return bool(s and s.casefold() in patterns().kicker_words)


def is_slug_line(line: str) -> bool:
    """An image file name or slug rather than text.

    Examples: ``rathaus_aussen_2019``, ``hessen-Wappen``, ``eAkte3``, ``foto.jpg``,
    ``ZV BesuchLandrat V1.0 20190312``, ``e akteKlein``.
    """
    s = _short(line)
    return bool(s) and _is_slug(s)  # type: ignore[arg-type]


def _is_slug(s: str) -> bool:
    """``is_slug_line`` of a stripped, non-empty line of at most ``MAX_NOISE_LINE`` characters."""
    if s[-1] in _SENTENCE_END:
        return False
    tokens = s.split()
    if _IMAGE_FILE.search(s) and len(tokens) <= 3:
        return True
    if len(tokens) == 1:
        if "_" in s:
            return True
        if s[0].islower() and any(c.isalpha() for c in s) and not s.startswith(("http", "www.")):
            return True
        if s[-1].isdigit() and any(c.isalpha() for c in s) and _CAMEL_HUMP.search(s):
            return True
        return False
    if len(tokens) <= 5 and (_VERSION.search(s) or _STAMP.search(s)) and any(_CAMEL_HUMP.search(t) for t in tokens):
        return True
    if len(tokens) <= 3 and s[0].islower() and any(_CAMEL_HUMP.search(t) or t[-1].isdigit() for t in tokens):
        return True
    return False


def is_noise_line(line: str) -> bool:
    """True when a line carries no article content (see the module docstring).

    Every check is false for an empty line or one longer than ``MAX_NOISE_LINE``; the line is
    stripped once and the cheap checks run first.
    """
    s = line.strip()
    if not s or len(s) > MAX_NOISE_LINE:
        return False
    rules = patterns()
    return (
        (len(s) <= rules.kicker_max_len and s.casefold() in rules.kicker_words)
        or _is_slug(s) or bool(_URL_LINE.fullmatch(s)) or is_crawl_date_line(s) or _is_nav(s)
    )


def ends_with_more(line: str) -> bool:
    """True for a teaser line ending in ``mehr...`` / ``mehr…``."""
    tail = line[-40:]
    return (".." in tail or "…" in tail) and _ENDS_MEHR.search(tail) is not None


def _strip_more(line: str) -> str:
    """``strip_more`` of a line for which ``ends_with_more`` holds."""
    m = _MORE_REVERSED.match(line[::-1])  # one anchored match on the reversed line
    return line[: len(line) - m.end()].rstrip() if m else line


def strip_more(line: str) -> str:
    """The line without trailing ``mehr...`` links (linear even for ``mehr.. mehr.. ...``)."""
    return _strip_more(line) if ends_with_more(line) else line


def names_entity(caption: str) -> bool:
    """Whether a picture caption names people, roles or institutions (so it is worth keeping).

    A caption qualifies when it contains a role/institution keyword (``ontology/cleaning/
    caption_keywords.txt``) or is nothing but a name of two to four capitalised words
    (``Melitta Beispiel``).
    """
    s = _short(caption)
    if not s or is_noise_line(s):
        return False
    if patterns().caption_keywords.search(s):
        return True
    tokens = s.rstrip(".").split()
    return 2 <= len(tokens) <= 4 and all(_NAME_TOKEN.fullmatch(t) for t in tokens)


_DETERMINERS = frozenset(
    "der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner "
    "sein seine seinen ihr ihre ihren unser unsere unseren dieser diese diesen diesem jeder jede".split()
)
_PRONOUNS = frozenset("alles nichts etwas uns mehr viel wenig".split())
_ADJ_ENDINGS = ("e", "en", "em", "er", "es")


def strip_trailing_kicker(headline: str) -> str:
    """Remove a kicker word glued to the end of a headline (``Alles im Griff Bericht``).

    The last word goes when it is a capitalised kicker word (``kicker_words.txt``), at least two
    words precede it after the ``Ort:`` part, and the word before it is not an article or an
    inflected adjective that would govern it (``Neuer Bericht``, ``den jährlichen Bericht``).
    """
    tokens = headline.split()
    if len(tokens) < 3:
        return headline
    last, prev = tokens[-1], tokens[-2]
    if not (last[0].isupper() and last.casefold() in patterns().kicker_words):
        return headline
    after_colon = headline.rsplit(":", 1)[-1].split()
    if len(after_colon) < 3:
        return headline
    low = prev.casefold()
    if low in _DETERMINERS:
        return headline
    if prev[0].islower() and low.endswith(_ADJ_ENDINGS) and low not in _PRONOUNS:
        return headline
    return " ".join(tokens[:-1])


# ----------------------------------------------------------------------------- titles
def short_title(paragraph: str, limit: int = 150) -> str:
    """A title made from a paragraph: its first sentence, cut at a word boundary."""
    head = paragraph[: limit * 2]
    m = re.search(r"[.!?](?:\s|$)", head)
    if m and m.end() <= limit + 1:
        return head[: m.end()].strip()
    cut = head[:limit]
    if len(head) > limit and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.strip() + ("…" if len(paragraph) > len(cut) else "")


def split_glued_kicker(title: str, body: str = "") -> tuple[str | None, str]:
    """Split a location kicker glued to a title: ``MusterstadtNeues Portal`` -> ``Musterstadt``.

    A token among the first ``MAX_KICKER_WORDS`` is split at a lower-case/upper-case join
    (``Smart CitiesDigitale Zwillinge`` -> ``Smart Cities``) when every word before it is
    capitalised, the token is not a known camel-case word (``ontology/cleaning/camel_words.txt``),
    both parts are at least three letters long, a title of at least two words remains, and the
    glued token does not occur in ``body`` (a real camel-case name such as ``DigitalPakt`` recurs
    in the text, a glued kicker does not). Titles that already have an ``Ort:`` part are kept.

    Args:
        title: The first line of a page.
        body: The rest of the page, used to recognise real camel-case names.

    Returns:
        ``(kicker or None, title without the kicker)``.
    """
    s = " ".join(title.split())
    tokens = s.split(" ")
    if not s or len(s) > MAX_TITLE:
        return None, s
    for k, token in enumerate(tokens[:MAX_KICKER_WORDS]):
        if ":" in token or not token[:1].isupper():
            return None, s
        m = _GLUE.search(token)
        if m is None:
            continue
        if token.strip(".,;!?") in patterns().camel_words:
            return None, s
        left, right = token[: m.start() + 1], token[m.start() + 1:]
        rest = [right, *tokens[k + 1:]]
        if len(left) < 3 or len(right) < 3 or len(rest) < 2:
            return None, s
        if body and re.search(rf"(?<!\w){re.escape(token)}", body[:200_000]):
            return None, s
        return " ".join([*tokens[:k], left]), " ".join(rest)
    return None, s


def join_title(lines: list[str]) -> tuple[str, int]:
    """The title at the top of ``lines`` and how many lines it used.

    Noise lines before it are skipped. A location kicker on its own line is joined with the
    short headline line right after it: ``Stadt A/Stadt B:`` + ``Titel`` -> ``Stadt A/Stadt B:
    Titel``; ``Musterstadt`` (one to three capitalised words) + ``Titel`` -> ``Musterstadt:
    Titel``. A first line longer than
    ``MAX_TITLE`` is not a title: ``("", index of that line)`` is returned.
    """
    i = 0
    while i < len(lines) and (not lines[i].strip() or is_noise_line(lines[i])):
        i += 1
    if i >= len(lines):
        return "", len(lines)
    title = lines[i].strip()
    if len(title) > MAX_TITLE or bracket_date(title) is not None:  # a paragraph, not a headline
        return "", i
    used = i + 1
    nxt = lines[used].strip() if used < len(lines) else ""
    if nxt and len(nxt) <= 120 and bracket_date(nxt) is None and not is_noise_line(nxt):
        if title.endswith(":") and len(title) <= 120:
            return f"{title} {nxt}", used + 1
        if _KICKER_LINE.fullmatch(title) and nxt[-1] not in ".;,":
            return f"{title}: {nxt}", used + 1
    return title, used


# ----------------------------------------------------------------------------- bodies
def remove_source_blocks(lines: list[str]) -> list[str]:
    """Drop ``Quellen/Verweise:`` headings that introduce URL lines (or end the text).

    The URL lines themselves are noise and go with ``is_noise_line``.
    """
    header = patterns().source_header
    out: list[str] = []
    for i, line in enumerate(lines):
        s = _short(line)
        if s and header.fullmatch(s):
            j = i + 1
            while j < len(lines) and (
                not lines[j].strip()
                or (is_noise_line(lines[j]) and not is_url_line(lines[j]))
                or header.fullmatch(lines[j].strip()[:MAX_NOISE_LINE + 1])
            ):
                j += 1
            if j == len(lines) or is_url_line(lines[j]):
                continue
        out.append(line)
    return out


def drop_repeated_lines(lines: list[str], min_len: int = 15) -> list[str]:
    """Drop a line that the next kept non-empty line repeats or begins with (a picture alt text).

    Decided from the end backwards against the lines that are kept, so it is idempotent.
    """
    kept: list[str] = []
    nxt = ""
    for line in reversed(lines):
        s = line.strip()
        if s:
            if len(s) >= min_len and nxt.startswith(s):
                continue
            nxt = s
        kept.append(line)
    kept.reverse()
    return kept


def collapse_blank_lines(lines: list[str]) -> list[str]:
    """At most one blank line in a row, none at the start or end."""
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1]:
                out.append("")
        else:
            out.append(line.strip())
    while out and not out[-1]:
        out.pop()
    return out


def clean_lines(lines: list[str]) -> list[str]:
    """Clean the body lines of an article (idempotent).

    Args:
        lines: Normalised lines (see ``normalize_text``) without the title.

    Returns:
        The lines without noise, with single blank lines between paragraphs.
    """
    kept: list[str] = []
    for ln in lines:
        if ends_with_more(ln):
            ln = _strip_more(ln)
            if not ln.strip():  # nothing but a "mehr..." link
                continue
        kept.append(ln)
    lines = remove_source_blocks(kept)
    lines = [ln for ln in lines if not is_noise_line(ln)]
    lines = drop_repeated_lines(lines)
    return collapse_blank_lines(lines)


def clean_text(text: str) -> str:
    """``clean_lines`` of a whole text; cleaning a cleaned text changes nothing."""
    return "\n".join(clean_lines(normalize_text(text).split("\n")))
