"""Teaser lists: found in every layout, separated from the article, captions kept or dropped."""
from __future__ import annotations

import datetime as dt

from ingest_pages import PAGE_COMPACT, PAGE_NO_MARKER, PAGE_SPACED

from egovkg.ingest.clean import normalize_text
from egovkg.ingest.teasers import Teaser, find_marker, split_teasers


def _split(page: str, start: int = 0) -> tuple[list[str], list[Teaser]]:
    return split_teasers(normalize_text(page).split("\n"), start=start)


def test_spaced_layout_captions_before_headlines() -> None:
    main, teasers = _split(PAGE_SPACED, start=5)
    assert [t.headline for t in teasers] == [
        "Musterdorf: Digitale Akte eingeführt",
        "Beispielland: Neue Landes-CIO ernannt",
        "Digitalisierung: Ein Blick nach vorn",
    ]
    assert [t.date for t in teasers] == [dt.date(2025, 2, 3), dt.date(2025, 1, 28), dt.date(2025, 1, 20)]
    assert teasers[0].body.startswith("Die Gemeinde Musterdorf führt")
    assert not teasers[0].body.endswith("mehr...")
    # the portrait caption names a person and a ministry: kept with the teaser it precedes
    assert teasers[1].captions == ["Porträt von Erika Test, Staatssekretärin im Ministerium des Innern"]
    # an image slug and a lone kicker word are never captions
    assert teasers[0].captions == []
    assert "reportage" not in teasers[2].text
    # the block is gone from the article
    joined = "\n".join(main)
    assert "Musterdorf" not in joined and "Weitere Meldungen" not in joined
    assert "Zweckverband Kommunale Datenverarbeitung Nord" in joined


def test_compact_layout_captions_after_teasers_and_glued_kicker_word() -> None:
    main, teasers = _split(PAGE_COMPACT, start=4)
    assert [t.headline for t in teasers] == [
        "Ostland: Gesetz zur Digitalisierung beschlossen",
        "Datenschutz: Alles im Griff",
    ]
    assert [t.date for t in teasers] == [dt.date(2024, 4, 18), dt.date(2024, 4, 9)]
    # caption directly after a teaser's "mehr..." belongs to that teaser
    assert teasers[0].captions == ["Ministerin Petra Muster stellt das neue Gesetz in der Staatskanzlei vor."]
    assert teasers[1].captions == []  # "Ein Aktenschrank ..." names nobody
    assert not any("Suchen" in t.text or "Aboverwaltung" in t.text for t in teasers)
    assert all("Ostland" not in ln for ln in main)


def test_teaser_text_is_headline_blank_line_body_then_captions() -> None:
    _, teasers = _split(PAGE_COMPACT, start=4)
    first = teasers[0]
    assert first.text == (
        "Ostland: Gesetz zur Digitalisierung beschlossen\n\n"
        "Das Kabinett in Ostland hat ein Gesetz zur Digitalisierung der Verwaltung beschlossen.\n\n"
        "Ministerin Petra Muster stellt das neue Gesetz in der Staatskanzlei vor."
    )


def test_without_marker_only_more_teasers_count() -> None:
    main, teasers = _split(PAGE_NO_MARKER)
    assert [t.headline for t in teasers] == ["Musterdorf: Digitale Akte eingeführt", "Hafenstadt: Neuer Chatbot im Rathaus"]
    assert any("Bürgermeisterin Jana Beispiel" in ln for ln in main)
    # a dated line that is not followed by "mehr..." is article text, not a teaser
    page = "Titel\nZwischenzeile\n[01.02.2025] Die Stadt plant ein Portal.\nWeiterer Text."
    main, teasers = _split(page)
    assert teasers == [] and len(main) == 4


def test_lead_before_start_is_never_a_teaser() -> None:
    page = "Kreis: Start frei\n[03.02.2025] Der Kreis startet. mehr...\nText."
    assert _split(page, start=2)[1] == []
    assert len(_split(page, start=0)[1]) == 1


def test_teaser_key_ignores_captions_and_layout() -> None:
    _, spaced = _split(PAGE_SPACED, start=5)
    _, bare = _split(PAGE_NO_MARKER)
    assert spaced[0].key == bare[0].key
    other = Teaser(spaced[0].headline, dt.date(2025, 2, 4), spaced[0].body)
    assert other.key != spaced[0].key  # another date is another teaser


def test_marker_variants() -> None:
    lines = ["Text", "Weitere Meldungen und Beiträge aus dem Bereich Politik"]
    assert find_marker(lines) == 1
    assert find_marker(["Weitere Meldungen und Beiträge aus dem Bereich: Digitales"]) == 0
    assert find_marker(["Weitere Artikel zum Thema"]) == 0
    assert find_marker(["Weitere Meldungen folgen, sagte der Sprecher, sobald der Rat getagt hat und alle "
                        "Unterlagen geprüft sind, was aber noch einige Wochen dauern kann und vielleicht "
                        "auch länger, je nachdem wie schnell die Verwaltung arbeitet."]) is None
    assert find_marker(["Die Stadt plant weitere Meldungen."]) is None


def test_multi_line_teaser_body_until_more() -> None:
    page = (
        "Weitere Meldungen und Beiträge aus dem Bereich Politik\n"
        "Nordstadt: Neues Rechenzentrum\n"
        "[05.05.2024] Die Nordstadt baut ein Rechenzentrum.\n"
        "Es soll 2026 fertig sein. mehr...\n"
    )
    _, teasers = _split(page)
    assert len(teasers) == 1
    assert teasers[0].body == "Die Nordstadt baut ein Rechenzentrum. Es soll 2026 fertig sein."
