"""Reading files: encodings, byte-order marks, line endings, HTML and PDF."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from ingest_pages import HTML_PAGE, make_pdf

from egovkg.ingest.load import load_documents, parse_page
from egovkg.ingest.read import ReadError, decode_bytes, read_file

GERMAN = "Größere Förderung für Bürgerämter – die Straße „Am Rathaus“ kostet 5 € mehr.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "latin-1", "utf-8-sig", "utf-16", "utf-32"])
def test_text_in_common_encodings_is_decoded(tmp_path: Path, encoding: str) -> None:
    text = GERMAN if encoding not in ("latin-1",) else GERMAN.replace("–", "-").replace("„", '"').replace("“", '"').replace("€", "EUR")
    path = tmp_path / "meldung.txt"
    path.write_bytes(text.encode(encoding))
    raw = read_file(path)
    assert raw.text.lstrip("\ufeff") == text
    assert raw.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_short_windows_1252_text_is_not_misread(tmp_path: Path) -> None:
    # too short for statistics: must still come out as German, not Mac-Icelandic
    text, enc = decode_bytes("Bürgerämter in Düsseldorf".encode("cp1252"))
    assert text == "Bürgerämter in Düsseldorf" and enc == "cp1252"


def test_other_single_byte_encoding_falls_back_to_detection() -> None:
    text = "Привет, это проверка кодировки для длинного текста без немецких букв."
    assert decode_bytes(text.encode("cp1251"))[0] == text


def test_bom_is_not_part_of_the_title(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffKreis: Neue Plattform\n\nDer Kreis startet eine Plattform.".encode("utf-8"))
    doc = load_documents([path]).documents[0]
    assert doc.title == "Kreis: Neue Plattform"
    assert doc.text.startswith("Kreis: Neue Plattform\n\n")


def test_mixed_line_endings_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "zeilen.txt"
    path.write_bytes(b"Kreis: Titel\r\n\r\nErste Zeile.\rZweite Zeile.\nDritte Zeile.\r\n")
    doc = load_documents([path]).documents[0]
    assert "\r" not in doc.text
    assert doc.text == "Kreis: Titel\n\nErste Zeile.\nZweite Zeile.\nDritte Zeile."


def test_html_main_text_title_and_date_without_scripts(tmp_path: Path) -> None:
    path = tmp_path / "seite.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    raw = read_file(path)
    assert raw.format == "html"
    assert raw.title == "Musterstadt: Neues Bürgerportal freigeschaltet"
    assert str(raw.date) == "2021-05-12"
    assert "Zweckverband Kommunale Datenverarbeitung Nord" in raw.text
    for leaked in ("Skriptinhalt", "Noch ein Skript", "color: red", "Stilinhalt", "var geheim"):
        assert leaked not in raw.text
    doc = load_documents([path]).documents[0]
    assert doc.title == "Musterstadt: Neues Bürgerportal freigeschaltet"
    assert doc.text.count("Musterstadt: Neues Bürgerportal freigeschaltet") == 1  # title line not doubled
    assert str(doc.date) == "2021-05-12"


def test_htm_suffix_and_bracket_date_beats_html_metadata(tmp_path: Path) -> None:
    page = HTML_PAGE.replace("<p>Die Stadt Musterstadt", "<p>[04.03.2020] Die Stadt Musterstadt")
    path = tmp_path / "seite.HTM"
    path.write_text(page, encoding="utf-8")
    doc = load_documents([path]).documents[0]
    assert str(doc.date) == "2020-03-04"
    assert "[04.03.2020]" not in doc.text


def test_pdf_text_and_title(tmp_path: Path) -> None:
    lines = [
        "Nordkreis: Neue Plattform (Test)",
        "[7.3.2016] Der Nordkreis führt die elektronische Akte ein.",
        "Bürgermeisterin Jana Beispiel freut sich über 80.000 Euro vom Land.",
    ]
    path = tmp_path / "bericht.pdf"
    path.write_bytes(make_pdf(lines, title=lines[0]))
    raw = read_file(path)
    assert raw.format == "pdf" and raw.title == lines[0]
    doc = load_documents([path]).documents[0]
    assert doc.title == lines[0]
    assert str(doc.date) == "2016-03-07"
    assert "Jana Beispiel" in doc.text and "80.000 Euro" in doc.text


def test_pdf_without_title_metadata_uses_first_line(tmp_path: Path) -> None:
    path = tmp_path / "ohne_titel.pdf"
    path.write_bytes(make_pdf(["Südstadt: Chatbot im Rathaus", "Die Südstadt beantwortet Fragen per Chatbot."]))
    doc = load_documents([path]).documents[0]
    assert doc.title == "Südstadt: Chatbot im Rathaus"


def test_unknown_suffix_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "notiz.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(ReadError, match="unknown file type '.docx'"):
        read_file(path)


def test_page_without_title_line_gets_a_short_title() -> None:
    para = "Die Gemeinde Beispieldorf hat ihre Verwaltung digitalisiert. " * 10
    page = parse_page(para)
    assert page.title == "Die Gemeinde Beispieldorf hat ihre Verwaltung digitalisiert."
    assert page.text.startswith(page.title)  # the paragraph itself, not a duplicated title line
    assert page.text.count("Beispieldorf") == 10


def test_file_that_grew_after_stat_is_read_whole_and_still_limited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # read_bytes reads the size stat reported plus one byte; a file that has grown since must
    # still be read to its end, and refused once it passes the limit
    path = tmp_path / "wachsend.txt"
    text = "Landkreis: Neues Portal\n\nDer Landkreis schaltet sein Bürgerportal frei.\n" * 40
    path.write_text(text, encoding="utf-8")
    real_stat = Path.stat

    def stale_stat(self: Path, **kwargs: object) -> object:
        st = real_stat(self, **kwargs)
        if self.name != path.name:
            return st
        values = list(st)
        values[6] = 10  # st_size as it was before the file grew
        return type(st)(values)

    monkeypatch.setattr(Path, "stat", stale_stat)
    assert read_file(path).text == text
    with pytest.raises(ReadError, match=r"file too large \(> limit 100 bytes\)"):
        read_file(path, max_bytes=100)
