"""Folders in, documents out: order, ids, duplicates, teasers, dates, the seed corpus."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_pages import PAGE_COMPACT, PAGE_FALLBACK_DATE, PAGE_NO_MARKER, PAGE_SPACED

from egovkg.ids import short_hash
from egovkg.ingest.load import iter_documents, iter_files, load_documents, parse_page

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "korpus"
    (root / "b unterordner").mkdir(parents=True)
    (root / "a_ordner").mkdir()
    (root / "a_ordner" / "01 Seite mit Lücken.txt").write_text(PAGE_SPACED, encoding="utf-8")
    (root / "b unterordner" / "02_kompakt.txt").write_text(PAGE_COMPACT, encoding="utf-8")
    (root / "c_ohne_marker.txt").write_text(PAGE_NO_MARKER, encoding="utf-8")
    (root / "d_fallback.txt").write_text(PAGE_FALLBACK_DATE, encoding="utf-8")
    return root


def test_iter_files_recursive_sorted_with_spaces_and_umlauts(corpus: Path) -> None:
    names = [p.relative_to(corpus).as_posix() for p in iter_files([corpus])]
    assert names == [
        "a_ordner/01 Seite mit Lücken.txt",
        "b unterordner/02_kompakt.txt",
        "c_ohne_marker.txt",
        "d_fallback.txt",
    ]
    assert list(iter_files(str(corpus))) == list(iter_files([corpus]))


def test_symlink_loop_does_not_hang(corpus: Path) -> None:
    os.symlink(corpus, corpus / "a_ordner" / "schleife")
    os.symlink(corpus / "a_ordner", corpus / "b unterordner" / "zurück")
    files = list(iter_files([corpus]))
    assert len(files) == len({f.resolve() for f in files}) == 4
    assert len(load_documents([corpus]).skipped) == 0


def test_articles_teasers_dates_and_titles(corpus: Path) -> None:
    docs = load_documents([corpus]).documents
    articles = [d for d in docs if d.kind == "article"]
    assert [(d.title, d.date) for d in articles] == [
        ("Musterstadt: Neues Bürgerportal gestartet", dt.date(2021, 5, 12)),
        ("Nordkreis/Südstadt: Gemeinsame Plattform für E-Akten", dt.date(2016, 3, 7)),
        ("Waldheim: Bürgerkoffer im Einsatz", None),
        ("„Digitales Amt“ abgeschlossen – Netzwerk bleibt bestehen", dt.date(2019, 6, 14)),
    ]
    teasers = [d for d in docs if d.kind == "teaser"]
    assert [(d.title, d.date) for d in teasers] == [
        ("Musterdorf: Digitale Akte eingeführt", dt.date(2025, 2, 3)),
        ("Beispielland: Neue Landes-CIO ernannt", dt.date(2025, 1, 28)),
        ("Digitalisierung: Ein Blick nach vorn", dt.date(2025, 1, 20)),
        ("Ostland: Gesetz zur Digitalisierung beschlossen", dt.date(2024, 4, 18)),
        ("Datenschutz: Alles im Griff", dt.date(2024, 4, 9)),
        ("Hafenstadt: Neuer Chatbot im Rathaus", dt.date(2025, 2, 1)),
    ]


def test_article_text_starts_with_title_and_is_clean(corpus: Path) -> None:
    docs = {d.title: d for d in load_documents([corpus]).documents}
    first = docs["Musterstadt: Neues Bürgerportal gestartet"]
    assert first.text.startswith("Musterstadt: Neues Bürgerportal gestartet\n\nDie Stadt Musterstadt hat")
    for gone in ("Montag, 3. März 2025", "[12.05.2021]", "Bildquelle", "Stichwörter", "Anzeige",
                 "Weitere Meldungen", "Musterdorf", "rathaus_musterdorf"):
        assert gone not in first.text
    assert first.text.count("Musterstadt: Ein Portal für alle Anliegen.") == 1
    assert "v.l.: Anna Beispiel, Leiterin des Bürgeramts" in first.text
    assert "(wir berichteten)" in first.text
    fallback = docs["„Digitales Amt“ abgeschlossen – Netzwerk bleibt bestehen"]
    for gone in ("FOTOLANDKREIS", "Quellen/Verweise", "http", "V1.0", "eAkte2"):
        assert gone not in fallback.text
    assert "Kreistag informiert sich über E-Akte" in fallback.text


def test_ids_parents_and_repeated_teasers_stored_once(corpus: Path) -> None:
    docs = load_documents([corpus]).documents
    by_title = {d.title: d for d in docs}
    page = corpus / "a_ordner" / "01 Seite mit Lücken.txt"
    sha = hashlib.sha256(page.read_bytes()).hexdigest()
    article = by_title["Musterstadt: Neues Bürgerportal gestartet"]
    assert article.doc_id == sha[:16] and article.sha256 == sha and article.parent is None
    repeated = [d for d in docs if d.title == "Musterdorf: Digitale Akte eingeführt"]
    assert len(repeated) == 1  # on the first and the third page, stored once
    teaser = repeated[0]
    assert teaser.parent == article.doc_id and teaser.source == str(page)
    assert len(teaser.doc_id) == 16 and teaser.doc_id != article.doc_id
    assert teaser.doc_id == short_hash("teaser", _key_of(teaser.title, teaser.date, teaser.text), length=16)
    assert teaser.text.startswith("Musterdorf: Digitale Akte eingeführt\n\nDie Gemeinde Musterdorf")
    assert len({d.doc_id for d in docs}) == len(docs)


def _key_of(headline: str, date: dt.date, text: str) -> str:
    body = text.split("\n\n")[1]
    return " ".join(f"{headline}\n{date.isoformat()}\n{body}".casefold().split())


def test_teaser_caption_kept_when_it_names_someone(corpus: Path) -> None:
    by_title = {d.title: d for d in load_documents([corpus]).documents}
    cio = by_title["Beispielland: Neue Landes-CIO ernannt"]
    assert cio.text.endswith("Porträt von Erika Test, Staatssekretärin im Ministerium des Innern")
    assert "Luftaufnahme" in by_title["Digitalisierung: Ein Blick nach vorn"].text  # names "Stadt"
    assert "Aktenschrank" not in by_title["Datenschutz: Alles im Griff"].text


def _repeated_teaser_pages(folder: Path) -> None:
    """Two listing pages with the same teaser: bare on page 1, with a caption on page 2."""
    bare = "Kreis A: Titel\n\n[01.01.2024] Text.\n\nWeitere Meldungen und Beiträge aus dem Bereich Politik\n" \
           "Hafenstadt: Neuer Chatbot im Rathaus\n[01.02.2025] Die Hafenstadt beantwortet Fragen nun auch per Chatbot. mehr...\n"
    rich = "Kreis B: Titel\n\n[02.01.2024] Anderer Text.\n\nWeitere Meldungen und Beiträge aus dem Bereich Politik\n\n" \
           "Porträt von Bürgermeister Ole Hafen\n\nHafenstadt: Neuer Chatbot im Rathaus\n\n" \
           "[01.02.2025] Die Hafenstadt beantwortet Fragen nun auch per Chatbot. mehr...\n"
    (folder / "1.txt").write_text(bare, encoding="utf-8")
    (folder / "2.txt").write_text(rich, encoding="utf-8")


def test_later_caption_enriches_a_repeated_teaser(tmp_path: Path) -> None:
    _repeated_teaser_pages(tmp_path)
    teasers = [d for d in load_documents([tmp_path]).documents if d.kind == "teaser"]
    assert len(teasers) == 1
    assert teasers[0].source.endswith("1.txt")
    assert teasers[0].text.endswith("Porträt von Bürgermeister Ole Hafen")


def _streamed(paths: list[Path]) -> tuple[list[tuple[int, object]], list[object]]:
    skipped: list[object] = []
    return list(iter_documents(paths, on_skip=skipped.append)), skipped


def test_streamed_documents_sorted_by_position_are_load_documents(corpus: Path) -> None:
    (corpus / "zz_kopie.txt").write_bytes((corpus / "c_ohne_marker.txt").read_bytes())
    (corpus / "leer.txt").write_text("  \n", encoding="utf-8")
    pairs, skipped = _streamed([corpus])
    loaded = load_documents([corpus])
    assert sorted(p for p, _ in pairs) == list(range(len(loaded.documents)))
    assert [d for _, d in sorted(pairs, key=lambda pair: pair[0])] == loaded.documents
    assert skipped == loaded.skipped and len(skipped) == 2


def test_streaming_yields_articles_at_once_and_holds_back_open_teasers(tmp_path: Path) -> None:
    # the teaser on page 1 has no caption yet: page 2 repeats it with one, so it must not be
    # given out before page 2 has been read, and then with the caption
    _repeated_teaser_pages(tmp_path)
    stream = iter_documents([tmp_path])
    first = next(stream)
    assert first[0] == 0 and first[1].title == "Kreis A: Titel"
    second = next(stream)  # the next thing given out is page 2's article, not the teaser
    assert second[0] == 2 and second[1].title == "Kreis B: Titel"
    position, teaser = next(stream)
    assert position == 1 and teaser.kind == "teaser"
    assert teaser.text.endswith("Porträt von Bürgermeister Ole Hafen")
    assert next(stream, None) is None
    assert [first[1], teaser, second[1]] == load_documents([tmp_path]).documents


def test_streaming_the_seed_corpus_gives_the_same_documents() -> None:
    pairs, skipped = _streamed([SEEDS])
    loaded = load_documents([SEEDS])
    assert [d for _, d in sorted(pairs, key=lambda pair: pair[0])] == loaded.documents
    assert skipped == loaded.skipped


def test_exact_duplicates_processed_once(corpus: Path) -> None:
    dup = corpus / "zz_kopie.txt"
    dup.write_bytes((corpus / "c_ohne_marker.txt").read_bytes())
    skipped = []
    result = load_documents([corpus], on_skip=skipped.append)
    assert sum(d.title == "Waldheim: Bürgerkoffer im Einsatz" for d in result.documents) == 1
    assert skipped == result.skipped
    assert [s.path for s in skipped] == [str(dup)]
    assert "duplicate" in skipped[0].reason


def test_output_is_deterministic(corpus: Path) -> None:
    first = load_documents([corpus]).documents
    second = load_documents([corpus / "d_fallback.txt", corpus]).documents
    assert first == load_documents([corpus]).documents
    assert {d.doc_id for d in second} == {d.doc_id for d in first}
    assert second[0].title.startswith("„Digitales Amt“")  # given order first, then the folder sorted


def test_parse_page_is_pure() -> None:
    assert parse_page(PAGE_COMPACT) == parse_page(PAGE_COMPACT)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not present")
def test_seed_corpus_dates_and_teaser_counts() -> None:
    result = load_documents([SEEDS])
    assert result.skipped == []
    articles = [d for d in result.documents if d.kind == "article"]
    teasers = [d for d in result.documents if d.kind == "teaser"]
    assert [d.date for d in articles] == [
        dt.date(2014, 8, 29), dt.date(2017, 10, 16), dt.date(2016, 9, 22), dt.date(2013, 12, 16), None,
    ]
    assert len(teasers) == len({d.doc_id for d in teasers}) == 25
    assert all(t.date is not None and t.date.year >= 2024 for t in teasers)
    assert all(":" in t.title and "mehr..." not in t.text for t in teasers)
    assert not any(a.text.count("[") and "mehr..." in a.text for a in articles)


def test_page_starting_with_its_dated_lead_has_no_fake_title() -> None:
    page = parse_page("[05.06.2022] Die Gemeinde Beispielfeld eröffnet ein Bürgerbüro. Es hat täglich geöffnet.")
    assert page.date == dt.date(2022, 6, 5)
    assert page.title == "Die Gemeinde Beispielfeld eröffnet ein Bürgerbüro."
    assert "[05.06.2022]" not in page.title + page.text


PAGE_LINES = st.sampled_from(
    [line for page in (PAGE_SPACED, PAGE_COMPACT, PAGE_NO_MARKER, PAGE_FALLBACK_DATE) for line in page.split("\n")]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PAGE_LINES, max_size=40))
def test_parse_page_never_raises_on_shuffled_page_lines(lines: list[str]) -> None:
    page = parse_page("\n".join(lines))
    assert page.text == "" or page.text.startswith(page.title.rstrip("…")[:20])
    for teaser in page.teasers:
        assert teaser.headline and "mehr..." not in teaser.body


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parse_page_never_raises_on_any_text(text: str) -> None:
    parse_page(text)
