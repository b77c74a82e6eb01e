"""Tests for the German money parser (``egovkg.ingest.money``)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egovkg.ingest.money import find_amounts, format_amount, format_number, parse_amount, parse_number
from egovkg.model import Amount

D = Decimal
M = D(10) ** 6
MRD = D(10) ** 9


def _one(text: str) -> Amount:
    found = find_amounts(text)
    assert len(found) == 1, [a.text for a in found]
    return found[0]


# --- exact sums -------------------------------------------------------------------------

@pytest.mark.parametrize("text, surface, value", [
    ("Der Landkreis bekommt 60.000 Euro für das Bürgerportal.", "60.000 Euro", D(60000)),
    ("Insgesamt fließen 1.500.000 € in die Schuldigitalisierung.", "1.500.000 €", D(1500000)),
    ("Das Ministerium stellt 1,5 Millionen Euro bereit.", "1,5 Millionen Euro", D(1500000)),
    ("Der Haushalt sieht 2,5 Mio. Euro für Breitband vor.", "2,5 Mio. Euro", D(2500000)),
    ("Die Initiative wird mit 17 Millionen Euro ausgestattet.", "17 Millionen Euro", 17 * M),
    ("Der Bund investiert 3 Mrd. Euro in die Verwaltung.", "3 Mrd. Euro", 3 * MRD),
    ("Die Gemeinde erhält 250 Tsd. Euro vom Land.", "250 Tsd. Euro", D(250000)),
    ("Bewilligt wurden EUR 60.000 für die E-Akte.", "EUR 60.000", D(60000)),
    ("Die Rechnung lautet auf 60.000,50 Euro.", "60.000,50 Euro", D("60000.50")),
    ("Das Projekt kostet € 2 Mio. und läuft drei Jahre.", "€ 2 Mio.", 2 * M),
    ("Für das Portal gibt es 5 Millionen Euro.", "5 Millionen Euro", 5 * M),
    ("Eine 17-Millionen-Euro-Förderung startet im Herbst.", "17-Millionen-Euro", 17 * M),
    ("Das neue 5-Millionen-Programm richtet sich an Kreise.", "5-Millionen-Programm", 5 * M),
    ("Die Stadt zahlt 60.000,- Euro an den Dienstleister.", "60.000,- Euro", D(60000)),
    ("Das Budget beträgt 250 TEUR pro Jahr.", "250 TEUR", D(250000)),
    ("Das kostet 120 000 Euro.", "120 000 Euro", D(120000)),
    ("Es wurden 2,5Mio€ bewilligt.", "2,5Mio€", D(2500000)),
    ("Der Zuschuss beträgt 7.500 EUR.", "7.500 EUR", D(7500)),
    ("Geplant sind Mittel von 1,234 Mrd. Euro.", "1,234 Mrd. Euro", D(1234000000)),
])
def test_exact_sums(text: str, surface: str, value: Decimal) -> None:
    a = _one(text)
    assert a.text == surface
    assert text[a.start:a.end] == surface
    assert a.value == value
    assert (a.min_value, a.max_value, a.approximate, a.each) == (None, None, False, False)
    assert a.currency == "EUR"


@pytest.mark.parametrize("text, value", [
    ("Der Bund investiert fünf Milliarden Euro.", 5 * MRD),
    ("Sie bekommt eine Million Euro.", M),
    ("Dafür sind zwei Millionen Euro eingeplant.", 2 * M),
    ("Zehn Millionen Euro gehen an die Kommunen.", 10 * M),
    ("Der Verein erhielt hundert Euro.", D(100)),
    ("Jede Schule erhält zwölf Euro pro Kind.", D(12)),
    ("Es fließen zweieinhalb Millionen Euro.", D(2500000)),
    ("Es fließen anderthalb Millionen Euro.", D(1500000)),
    ("Es fließen eineinhalb Millionen Euro.", D(1500000)),
    ("Das Land gibt eine halbe Million Euro.", D(500000)),
    ("Das Land gibt einer Milliarde Euro den Vorzug.", MRD),
    ("Die Stadt bekommt fünfzigtausend Euro.", D(50000)),
    ("Es geht um dreihundertfünfzig Tausend Euro.", D(350000)),
    ("Ein Zwei-Millionen-Euro-Paket wurde geschnürt.", 2 * M),
])
def test_number_words(text: str, value: Decimal) -> None:
    assert _one(text).value == value


def test_decimal_exactness() -> None:
    a = _one("Das Land gibt 1,5 Millionen Euro.")
    assert isinstance(a.value, Decimal)
    assert a.value == Decimal("1500000")
    assert str(a.value) == "1500000"  # plain notation, not 1.5E+6
    assert str(_one("Es sind 0,1 Mio. Euro.").value) == "100000"
    assert _one("Es sind 1,000001 Mio. Euro.").value == Decimal("1000001")


# --- qualifiers --------------------------------------------------------------------------

@pytest.mark.parametrize("text, surface, field, approximate", [
    ("Die Kommune erhält eine Förderung von bis zu 60.000 Euro.", "bis zu 60.000 Euro", "max_value", False),
    ("Gefördert werden maximal 80.000 Euro je Vorhaben.", "maximal 80.000 Euro", "max_value", False),
    ("Der Zuschuss beträgt höchstens 5.000 Euro.", "höchstens 5.000 Euro", "max_value", False),
    ("Es gibt weniger als 3 Mio. Euro.", "weniger als 3 Mio. Euro", "max_value", False),
    ("Das Budget liegt knapp unter 2 Mio. Euro.", "knapp unter 2 Mio. Euro", "max_value", True),
    ("Das Land zahlt mindestens 7.000 Euro.", "mindestens 7.000 Euro", "min_value", False),
    ("Die Stadt investiert über 8 Millionen Euro.", "über 8 Millionen Euro", "min_value", False),
    ("Der Kreis gibt mehr als 9.000 Euro aus.", "mehr als 9.000 Euro", "min_value", False),
    ("Die Kosten liegen bei gut 10 Millionen Euro.", "gut 10 Millionen Euro", "min_value", True),
    ("Sie liegen knapp über 11.000 Euro.", "knapp über 11.000 Euro", "min_value", True),
    ("Es fließen rund 1 Mio. Euro.", "rund 1 Mio. Euro", "value", True),
    ("Es fließen etwa 2 Mio. Euro.", "etwa 2 Mio. Euro", "value", True),
    ("Es fließen circa 3 Mio. Euro.", "circa 3 Mio. Euro", "value", True),
    ("Es fließen ca. 4 Mio. Euro.", "ca. 4 Mio. Euro", "value", True),
    ("Es fließen knapp 5 Mio. Euro.", "knapp 5 Mio. Euro", "value", True),
    ("Es fließen fast 6 Mio. Euro.", "fast 6 Mio. Euro", "value", True),
    ("Es fließen ungefähr 7 Mio. Euro.", "ungefähr 7 Mio. Euro", "value", True),
    ("Rund 8 Mio. Euro fließen.", "Rund 8 Mio. Euro", "value", True),
])
def test_qualifiers(text: str, surface: str, field: str, approximate: bool) -> None:
    a = _one(text)
    assert a.text == surface
    fields = {"value": a.value, "min_value": a.min_value, "max_value": a.max_value}
    assert fields.pop(field) is not None
    assert set(fields.values()) == {None}
    assert a.approximate is approximate


def test_each_and_stacked_qualifiers() -> None:
    a = _one("Die drei Städte werden mit jeweils 100.000 Euro unterstützt.")
    assert (a.text, a.value, a.each) == ("jeweils 100.000 Euro", D(100000), True)
    b = _one("Die Modellkommunen erhalten jeweils bis zu 60.000 Euro.")
    assert (b.max_value, b.value, b.each) == (D(60000), None, True)
    c = _one("Die Schulen bekommen je rund 20.000 Euro.")
    assert (c.value, c.each, c.approximate) == (D(20000), True, True)
    assert not _one("Die Stadt erhält 100.000 Euro.").each


def test_notice_over_a_sum_is_exact() -> None:
    a = _one("Die Ministerin überreichte einen Förderbescheid über 1,2 Millionen Euro.")
    assert (a.text, a.value, a.min_value) == ("1,2 Millionen Euro", D(1200000), None)


# --- ranges and vague sizes --------------------------------------------------------------

@pytest.mark.parametrize("text, low, high", [
    ("Die Kosten liegen zwischen 2 und 3 Millionen Euro.", 2 * M, 3 * M),
    ("Gefördert werden Vorhaben von 5.000 bis zu 60.000 Euro.", D(5000), D(60000)),
    ("Der Bedarf wird auf 10-15 Mio. € geschätzt.", 10 * M, 15 * M),
    ("Die Spanne reicht zwischen 500.000 und 1 Million Euro.", D(500000), M),
    ("Geplant sind 2 bis 2,5 Milliarden Euro.", 2 * MRD, D("2.5") * MRD),
])
def test_ranges(text: str, low: Decimal, high: Decimal) -> None:
    a = _one(text)
    assert (a.min_value, a.max_value, a.value) == (low, high, None)


@pytest.mark.parametrize("phrase, low, high", [
    ("mittleren zweistelligen Millionenbetrag", 40 * M, 60 * M),
    ("niedrigen zweistelligen Millionenbetrag", 10 * M, 40 * M),
    ("hohen zweistelligen Millionenbetrag", 60 * M, 100 * M),
    ("einstelligen Millionenbetrag", M, 10 * M),
    ("dreistelligen Millionenbetrag", 100 * M, 1000 * M),
    ("sechsstelligen Betrag", D(100000), D(1000000)),
    ("niedrigen einstelligen Milliardenbetrag", MRD, 4 * MRD),
    ("zweistelligen Millionen-Euro-Betrag", 10 * M, 100 * M),
    ("siebenstelligen Euro-Betrag", M, 10 * M),
    ("oberen sechsstelligen Bereich", None, None),  # "Bereich" alone is not money
    ("Millionenbetrag", M, MRD),
])
def test_vague_sizes(phrase: str, low: Decimal | None, high: Decimal | None) -> None:
    text = f"Das Land fördert das Netz mit einem {phrase} über fünf Jahre."
    found = find_amounts(text)
    if low is None:
        assert found == []
        return
    assert len(found) == 1
    a = found[0]
    assert a.text == phrase
    assert (a.min_value, a.max_value, a.value, a.approximate) == (low, high, None, True)


def test_vague_size_variants() -> None:
    assert _one("Eine Summe in sechsstelliger Höhe ist vorgesehen.").min_value == D(100000)
    assert _one("Es geht um eine fünfstellige Summe.").max_value == D(100000)
    assert _one("Kosten im unteren zweistelligen Millionenbereich.").max_value == 40 * M
    capped = _one("Das Land gibt bis zu einem zweistelligen Millionenbetrag.")
    assert capped.text == "bis zu einem zweistelligen Millionenbetrag"
    assert (capped.min_value, capped.max_value, capped.approximate) == (None, 100 * M, True)
    bare = _one("Die Stadt erhält eine Millionen-Euro-Förderung.")
    assert (bare.text, bare.min_value) == ("Millionen-Euro-Förderung", M)


# --- not money ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Die Gemeinde hat 8.000 Einwohner.",
    "Beteiligt sind 70 Kommunen aus dem ganzen Land.",
    "Zum Workshop kamen 140 Teilnehmer.",
    "Das Rechenzentrum erstellt 8.000 Gehaltsabrechnungen im Monat.",
    "Das Projekt begann im Jahr 2014.",
    "Der Vertrag wurde am 29.08.2014 unterzeichnet.",
    "Die Quote stieg um 12,5 Prozent auf 40 %.",
    "Das Portal bietet inzwischen 575 Verwaltungsleistungen an.",
    "Die Region zählt 5 Millionen Einwohner.",
    "Das Land gibt dafür 5 Millionen aus.",
    "Die Europäische Union und der Euroraum profitieren.",
    "Die Fußball-Euro 2024 fand in Deutschland statt.",
    "Die Zahl wuchs im zweistelligen Prozentbereich.",
    "Berlin ist eine Millionenstadt.",
    "Die Sitzung beginnt um 10.30 Uhr mit Version 3.2.1.",
    "Mehrere Städte, darunter eine mit 120 000 Einwohnern, machen mit.",
    "Millionen Menschen nutzen den Dienst.",
])
def test_not_money(text: str) -> None:
    assert find_amounts(text) == []


def test_population_next_to_money() -> None:
    text = "Die Stadt mit 52.000 Einwohnern erhält 60.000 Euro; 2014 waren es 40.000 Euro."
    found = find_amounts(text)
    assert [a.text for a in found] == ["60.000 Euro", "40.000 Euro"]
    assert [a.value for a in found] == [D(60000), D(40000)]


def test_several_sums_in_order() -> None:
    text = ("Der Bund gibt 3 Mrd. Euro, das Land bis zu 40 Mio. Euro und die Stadt "
            "einen sechsstelligen Betrag; insgesamt sind es rund fünf Milliarden Euro.")
    found = find_amounts(text)
    assert [a.text for a in found] == [
        "3 Mrd. Euro", "bis zu 40 Mio. Euro", "sechsstelligen Betrag", "rund fünf Milliarden Euro"]
    assert [a.start for a in found] == sorted(a.start for a in found)
    assert all(text[a.start:a.end] == a.text for a in found)


def test_parse_amount() -> None:
    a = parse_amount("bis zu 60.000 Euro")
    assert a is not None and (a.max_value, a.start, a.end) == (D(60000), 0, 18)
    assert parse_amount("8.000 Einwohner") is None
    assert parse_amount("") is None


def test_other_currencies() -> None:
    assert (_one("Die Firma erhielt 3 Millionen USD.").currency) == "USD"
    assert (_one("Die Firma erhielt 3 Millionen Franken.").currency) == "CHF"


# --- formatting ---------------------------------------------------------------------------

@pytest.mark.parametrize("amount, text", [
    (Amount("", 0, 0, max_value=D(60000)), "bis zu 60.000 Euro"),
    (Amount("", 0, 0, value=D(1500000)), "1,5 Millionen Euro"),
    (Amount("", 0, 0, value=D(5) * MRD), "5 Milliarden Euro"),
    (Amount("", 0, 0, value=M), "1 Million Euro"),
    (Amount("", 0, 0, value=D("60000.5")), "60.000,50 Euro"),
    (Amount("", 0, 0, value=D(100000), each=True), "jeweils 100.000 Euro"),
    (Amount("", 0, 0, min_value=40 * M, max_value=60 * M, approximate=True), "etwa 40 bis 60 Millionen Euro"),
    (Amount("", 0, 0, min_value=D(5000), max_value=M), "zwischen 5.000 Euro und 1 Million Euro"),
    (Amount("", 0, 0, min_value=D(7000)), "mindestens 7.000 Euro"),
])
def test_format_amount(amount: Amount, text: str) -> None:
    assert format_amount(amount) == text


def test_format_amount_needs_a_value() -> None:
    with pytest.raises(ValueError):
        format_amount(Amount("", 0, 0))


@pytest.mark.parametrize("number, text", [
    (D(0), "0"), (D(999), "999"), (D(1000), "1.000"), (D("1234567.89"), "1.234.567,89"),
    (D("0.5"), "0,5"), (D("-2500"), "-2.500"), (D("1E+3"), "1.000"),
])
def test_format_number(number: Decimal, text: str) -> None:
    assert format_number(number) == text


def test_parse_number() -> None:
    assert parse_number("1.500.000,50") == D("1500000.5")
    assert parse_number("60 000") == D(60000)
    assert parse_number("29.08.2014") is None
    assert parse_number("1.5") is None
    assert parse_number("Euro") is None


# --- properties ---------------------------------------------------------------------------

def _check_invariants(text: str, found: list[Amount]) -> None:
    prev_end = 0
    for a in found:
        assert prev_end <= a.start < a.end <= len(text)
        assert text[a.start:a.end] == a.text
        assert any(v is not None for v in (a.value, a.min_value, a.max_value))
        if a.min_value is not None and a.max_value is not None:
            assert a.min_value <= a.max_value
        prev_end = a.end


@given(st.text())
def test_find_amounts_never_raises(text: str) -> None:
    _check_invariants(text, find_amounts(text))


_WORDS = ["Euro", "EUR", "€", "Mio.", "Millionen", "Milliarde", "Tsd.", "bis", "zu", "zwischen", "und",
          "jeweils", "rund", "über", "fünf", "eine", "halbe", "zweieinhalb", "mittleren", "zweistelligen",
          "Millionenbetrag", "Betrag", "-", "–", ".", ",", "Einwohner", "Kommune", "2014", "ca", "knapp",
          "sechsstelligen", "Summe", "Förderbescheid", "einem", "Euro-Betrag", "TEUR", "$"]
_NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(lambda n: format_number(D(n))),
    st.decimals(min_value=0, max_value=10**6, places=2).map(format_number),
    st.from_regex(r"[0-9]{1,5}([.,][0-9]{1,4}){0,3}", fullmatch=True),
)


@given(st.lists(st.one_of(st.sampled_from(_WORDS), _NUMBERS), max_size=25), st.sampled_from([" ", "", "\n"]))
def test_find_amounts_on_german_word_salad(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    _check_invariants(text, find_amounts(text))


_MONEY = st.decimals(min_value=D("0.01"), max_value=D(10) ** 13, places=2, allow_nan=False)
_SCALED = st.builds(lambda n, e: D(n).scaleb(e), st.integers(1, 999_999), st.sampled_from([0, 3, 4, 6, 7, 9]))
_VALUES = st.one_of(_MONEY, _SCALED)


@st.composite
def _amounts(draw: st.DrawFn) -> Amount:
    shape = draw(st.sampled_from(["value", "min", "max", "range"]))
    v, w = draw(_VALUES), draw(_VALUES)
    fields: dict = {"value": v} if shape == "value" else {
        "min": {"min_value": v}, "max": {"max_value": v},
        "range": {"min_value": min(v, w), "max_value": max(v, w)}}[shape]
    return Amount("", 0, 0, **fields, approximate=draw(st.booleans()), each=draw(st.booleans()),
                  currency=draw(st.sampled_from(["EUR", "EUR", "USD"])))


@given(_amounts())
@settings(max_examples=300)
def test_format_parse_round_trip(a: Amount) -> None:
    text = format_amount(a)
    b = parse_amount(text)
    assert b is not None, text
    assert b.text == text  # the whole canonical text is one amount
    assert (b.value, b.min_value, b.max_value) == (a.value, a.min_value, a.max_value), text
    assert (b.each, b.approximate, b.currency) == (a.each, a.approximate, a.currency), text


@given(st.one_of(st.integers(min_value=0, max_value=10**20).map(D),
                 st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False)))
def test_german_number_round_trip(d: Decimal) -> None:
    text = format_number(d)
    assert parse_number(text) == d
    found = find_amounts(f"Das Land zahlt {text} Euro.")
    assert len(found) == 1 and found[0].value == d


@pytest.mark.parametrize("pathological", [
    "1." * 100_000,
    "1" * 200_000 + " Euro",
    "123.456" * 30_000 + " Euro",
    "1-" * 100_000 + "Millionen Euro",
    "1 bis 2 " * 25_000 + "Euro",
    "bis zu " * 30_000 + "5 Euro",
    "zweistelligen-" * 15_000 + "Millionenbetrag",
    "€" * 200_000,
    "ein" * 70_000 + " Million Euro",
])
def test_long_lines_complete(pathological: str) -> None:
    found = find_amounts(pathological)  # linear work: completes, never hangs
    _check_invariants(pathological, found)
    assert all(len(a.text) < 200 for a in found)


# --- vocabulary consistency ---------------------------------------------------------------

def _qualifier_cases() -> list[tuple[str, str, str | None, bool, bool]]:
    from egovkg.ingest.money_lexicon import raw_vocabulary

    return [(q.get("only_after", ["dafür"])[0].capitalize(), q["phrase"].replace(" .", "."), q.get("bound"),
             bool(q.get("approximate")), bool(q.get("each"))) for q in raw_vocabulary()["qualifiers"]]


@pytest.mark.parametrize("before, phrase, bound, approximate, each", _qualifier_cases())
def test_every_qualifier_in_the_vocabulary_is_read(before: str, phrase: str, bound: str | None,
                                                   approximate: bool, each: bool) -> None:
    text = f"Die Kommune bekommt {before} {phrase} 5.000 Euro."
    a = _one(text)
    assert a.text == f"{phrase} 5.000 Euro"
    expected = {"min": "min_value", "max": "max_value", None: "value"}[bound]
    assert getattr(a, expected) == D(5000)
    assert (a.approximate, a.each) == (approximate, each)


def test_cap_and_floor_nouns() -> None:
    a = _one("Der Förderhöchstbetrag von 50.000 Euro gilt für alle Kreise.")
    assert (a.text, a.max_value, a.value) == ("von 50.000 Euro", D(50000), None)
    assert _one("Ein Mindestbetrag von 5.000 Euro ist nötig.").min_value == D(5000)
    assert _one("Eine Förderung von 60.000 Euro.").value == D(60000)
    assert _one("Der Bescheid über 60.000 Euro kam.").value == D(60000)


def test_more_surface_forms() -> None:
    assert _one("Eine Förderung in Höhe von 60.000 Euro.").text == "60.000 Euro"
    assert _one("Eine Förderung in Millionenhöhe.").min_value == M
    a = _one("Gefördert wird bis zu EUR 60.000 je Vorhaben.")
    assert (a.text, a.max_value) == ("bis zu EUR 60.000", D(60000))
    assert _one("Die Stadt erhält 5\u00a0Mio.\u00a0Euro.").value == 5 * M
    assert _one("Es gibt 60\u202f000 Euro.").value == D(60000)
    assert _one("Ein 60.000-Euro-Zuschuss geht an die Stadt.").text == "60.000-Euro"
    assert find_amounts("Das 60.000-Einwohner-Städtchen und die 5-Millionen-Einwohner-Region.") == []


@pytest.mark.parametrize("text, exact", [
    ("Das Land bewilligte eine Förderung über 80.000 Euro.", True),
    ("Der Kreis erhält einen Zuschuss über 2 Mio. Euro.", True),
    ("Die Kosten belaufen sich auf über 2 Mio. Euro.", False),
    ("Das Land investiert über 80.000 Euro.", False),
])
def test_ueber_after_a_grant_noun_is_exact(text: str, exact: bool) -> None:
    a = _one(text)
    assert (a.value is not None) is exact
    assert (a.min_value is not None) is (not exact)
