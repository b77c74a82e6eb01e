"""Bad input never stops a run: each bad file becomes a ``Skipped`` with a clear reason."""
from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest
from ingest_pages import HTML_EMPTY, PAGE_COMPACT

import egovkg.ingest.load as load_mod
from egovkg.ingest.load import Skipped, iter_files, load_documents
from egovkg.ingest.read import ReadError, read_bytes

GOOD = "Kreis: Neue Plattform\n\n[01.02.2024] Der Kreis startet eine Plattform für alle Gemeinden.\n"


def _only_skip(tmp_path: Path, name: str, data: bytes, **kw: object) -> Skipped:
    (tmp_path / "gut.txt").write_text(GOOD, encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(data)
    seen: list[Skipped] = []
    result = load_documents([tmp_path], on_skip=seen.append, **kw)
    assert [d.title for d in result.documents] == ["Kreis: Neue Plattform"]  # the run went on
    assert result.skipped == seen and len(seen) == 1 and seen[0].path == str(bad)
    return seen[0]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("leer.txt", b"", "empty file"),
        ("nur_leerzeichen.txt", b"  \n\n\t \r\n", "empty file"),
        ("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("kaputt.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> kaputt", "broken PDF"),
        ("kein.pdf", b"Das ist gar kein PDF, sondern Text.", "broken PDF"),
        ("leer.html", HTML_EMPTY.encode(), "HTML page has no main text"),
        ("tabelle.xlsx", b"PK\x03\x04 irgendwas", "unknown file type '.xlsx'"),
        ("OHNE_ENDUNG", b"Text ohne Endung", "unknown file type '(no extension)'"),
        ("nur_rauschen.txt", "Anzeige\n\nDruckversion\nPDF\n".encode(), "no text left after cleaning"),
    ],
)
def test_bad_files_are_skipped_with_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    assert reason in _only_skip(tmp_path, name, data).reason


def test_undecodable_bytes(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(4000))
    assert "undecodable" in _only_skip(tmp_path, "zufall.txt", data).reason


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    skip = _only_skip(tmp_path, "gross.txt", PAGE_COMPACT.encode() * 10, max_bytes=5000)
    assert "too large" in skip.reason and "5,000" in skip.reason


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "gut.txt").write_text(GOOD, encoding="utf-8")
    bad = tmp_path / "gesperrt.txt"
    bad.write_text(GOOD + "x", encoding="utf-8")
    bad.chmod(0)
    try:
        result = load_documents([tmp_path])
    finally:
        bad.chmod(0o644)
    assert [s.reason for s in result.skipped] == ["unreadable: permission denied"]


def test_permission_error_becomes_a_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "gesperrt.txt"
    path.write_text(GOOD, encoding="utf-8")
    real_open = open

    def deny(file: object, *args: object, **kw: object):  # type: ignore[no-untyped-def]
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", deny)
    with pytest.raises(ReadError, match="permission denied"):
        read_bytes(path)


def test_file_vanishing_during_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    gone = tmp_path / "b_verschwindet.txt"
    gone.write_text(GOOD + "anders", encoding="utf-8")
    listed = list(iter_files([tmp_path]))
    gone.unlink()
    monkeypatch.setattr(load_mod, "iter_files", lambda paths: iter(listed))
    result = load_documents([tmp_path])
    assert len(result.documents) == 1
    assert result.skipped[0].path == str(gone) and "vanished" in result.skipped[0].reason
    with pytest.raises(ReadError, match="vanished"):
        read_bytes(gone)


def test_missing_path_argument(tmp_path: Path) -> None:
    result = load_documents([tmp_path / "gibt_es_nicht.txt"])
    assert result.documents == [] and "not found" in result.skipped[0].reason


def test_dangling_symlink(tmp_path: Path) -> None:
    os.symlink(tmp_path / "ziel_fehlt.txt", tmp_path / "link.txt")
    result = load_documents([tmp_path])
    assert result.documents == [] and "vanished" in result.skipped[0].reason


def test_twenty_megabyte_single_line(tmp_path: Path) -> None:
    sentence = "Die Gemeinde Beispielfeld digitalisiert Schritt für Schritt ihre Verwaltung. "
    path = tmp_path / "riesig.txt"
    path.write_text(sentence * (20_000_000 // len(sentence)), encoding="utf-8")
    assert path.stat().st_size > 19_000_000
    tracemalloc.start()
    t0 = time.perf_counter()
    result = load_documents([path])
    elapsed = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 30
    assert peak < 600 * 1024 * 1024
    (doc,) = result.documents
    assert doc.title == sentence.strip()
    assert len(doc.text) > 19_000_000


@pytest.mark.parametrize(
    "unit",
    ["Stichwörter: ", "mehr.. ", "[12.03.", "12. März ", "Druckversion  ", "http://", "aB", "Weitere Meldungen ",
     "(Bildquelle ", "Montag, 1. "],
)
def test_pathological_line_in_a_file(tmp_path: Path, unit: str) -> None:
    path = tmp_path / "boese.txt"
    path.write_text("Kreis: Titel\n\n" + unit * 100_000 + "\n", encoding="utf-8")
    t0 = time.perf_counter()
    result = load_documents([path])
    assert time.perf_counter() - t0 < 10
    assert len(result.documents) + len(result.skipped) == 1


def test_many_lines_of_near_matches(tmp_path: Path) -> None:
    lines = ["[01.02.2024] mehr.." if i % 2 else "Ort: Titel" for i in range(50_000)]
    path = tmp_path / "viele.txt"
    path.write_text("\n".join(["Kreis: Titel", "", "Weitere Meldungen aus dem Bereich Politik", *lines]), encoding="utf-8")
    t0 = time.perf_counter()
    load_documents([path])
    assert time.perf_counter() - t0 < 20
