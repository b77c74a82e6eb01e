"""German date parsing and the article-date rules."""
from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egovkg.ingest.dates import (
    bracket_date,
    find_article_date,
    find_dates,
    is_crawl_date_line,
    parse_german_date,
    parse_iso_date,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Rat tagte am 3. März 2015 im Rathaus.", D(2015, 3, 3)),
        ("Am 22. September 2016 wurde das Vorhaben beendet.", D(2016, 9, 22)),
        ("Frist: 1. Mai 2020", D(2020, 5, 1)),
        ("seit dem 3. Sept. 2015", D(2015, 9, 3)),
        ("Stand 5. Maerz 2019", D(2019, 3, 5)),
        ("im Jänner: 7. Jänner 2021", D(2021, 1, 7)),
        ("[9.4.2024] Kurzmeldung", D(2024, 4, 9)),
        ("Beschluss vom 29.08.2014", D(2014, 8, 29)),
        ("veröffentlicht 2014-08-29T10:00", D(2014, 8, 29)),
        ("erst 31.02.2014, dann 1.3.2014", D(2014, 3, 1)),  # impossible date skipped
    ],
)
def test_parse_german_date_finds_first_valid_date(text: str, expected: dt.date) -> None:
    assert parse_german_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Keine Angabe zum Datum.",
        "im August 2014",  # month and year only: not a day
        "3. Mainz 2015",  # a city, not the month Mai
        "Telefon 12.34.5678",
        "am 1.1.1800",  # out of the plausible range
        "Version 1.2.3.4 2020",
        "",
    ],
)
def test_parse_german_date_rejects_non_dates(text: str) -> None:
    assert parse_german_date(text) is None


def test_find_dates_offsets_point_at_the_date() -> None:
    text = "Vom 4. Mai 2018 bis 30.06.2019 lief die Testphase."
    found = list(find_dates(text))
    assert [d for d, _, _ in found] == [D(2018, 5, 4), D(2019, 6, 30)]
    assert [text[s:e] for _, s, e in found] == ["4. Mai 2018", "30.06.2019"]


def test_bracket_date_only_at_line_start() -> None:
    assert bracket_date("[29.08.2014] Die Gemeinde startet.") == (D(2014, 8, 29), "Die Gemeinde startet.")
    assert bracket_date("  [9.4.2024]Text") == (D(2024, 4, 9), "Text")
    assert bracket_date("Text [29.08.2014]") is None
    assert bracket_date("[32.01.2014] ungültig") is None
    assert bracket_date("[Anzeige]") is None


def test_crawl_date_line_is_only_a_weekday_date_line() -> None:
    assert is_crawl_date_line("Donnerstag, 27. Februar 2025")
    assert is_crawl_date_line("  Sonnabend, 1. März 2025 ")
    assert not is_crawl_date_line("Am Donnerstag, 27. Februar 2025 tagte der Rat.")
    assert not is_crawl_date_line("Donnerstag, 31. Februar 2025")
    assert not is_crawl_date_line("27. Februar 2025")


def test_article_date_prefers_the_bracket_lead() -> None:
    lines = ["", "[16.12.2013] Der Kreis erhält den Zuschlag.", "Am 3. März 2015 folgte mehr."]
    assert find_article_date(lines, metadata_date="2020-01-01") == D(2013, 12, 16)


def test_crawl_date_is_never_the_article_date() -> None:
    lines = ["Donnerstag, 27. Februar 2025", "", "Die Stadt plant ein Portal."]
    assert find_article_date(lines) is None
    lines.append("Der Rat beschloss es am 5. Mai 2019.")
    assert find_article_date(lines) == D(2019, 5, 5)


def test_metadata_date_beats_the_text_fallback() -> None:
    lines = ["Die Stadt feierte am 5. Mai 2019."]
    assert find_article_date(lines, metadata_date="2019-06-01T08:00:00") == D(2019, 6, 1)
    assert find_article_date(lines, metadata_date=D(2018, 1, 2)) == D(2018, 1, 2)
    assert find_article_date(lines, metadata_date="kaputt") == D(2019, 5, 5)


def test_bracket_date_deep_in_the_text_is_not_the_lead() -> None:
    lines = ["Erster Absatz.", "Zweiter Absatz.", "Dritter Absatz.", "[01.02.2025] Ein Teaser. mehr..."]
    assert find_article_date(lines) == D(2025, 2, 1)  # only via the text fallback ...
    assert find_article_date(lines, metadata_date="2010-10-10") == D(2010, 10, 10)  # ... which metadata beats


def test_parse_iso_date_variants() -> None:
    assert parse_iso_date("2021-07-08") == D(2021, 7, 8)
    assert parse_iso_date(dt.datetime(2021, 7, 8, 12, 0)) == D(2021, 7, 8)
    assert parse_iso_date(None) is None
    assert parse_iso_date(20210708) is None


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_german_date_never_raises(text: str) -> None:
    d = parse_german_date(text)
    assert d is None or 1949 <= d.year <= 2100


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(1950, 1, 1), max_value=D(2099, 12, 31)), st.sampled_from(["num", "text", "iso"]))
def test_written_dates_round_trip(date: dt.date, form: str) -> None:
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
              "September", "Oktober", "November", "Dezember"]
    written = {
        "num": f"{date.day}.{date.month}.{date.year}",
        "text": f"{date.day}. {months[date.month - 1]} {date.year}",
        "iso": date.isoformat(),
    }[form]
    assert parse_german_date(f"Die Sitzung fand am {written} statt.") == date


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=10), st.one_of(st.none(), st.text(max_size=30)))
def test_find_article_date_never_raises(lines: list[str], meta: str | None) -> None:
    find_article_date(lines, metadata_date=meta)


@pytest.mark.parametrize("unit", ["[12.03.", "12. März ", "1.1.", "2014-08-", "Donnerstag, 1. "])
def test_pathological_near_matches_are_linear(unit: str) -> None:
    text = unit * 100_000
    t0 = time.perf_counter()
    parse_german_date(text)
    list(find_dates(text))
    assert time.perf_counter() - t0 < 10.0
