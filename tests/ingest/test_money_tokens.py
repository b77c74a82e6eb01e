"""The money parser reads only the stretches around currency, scale and size words
(``egovkg.ingest.money_tokens``); these tests check that this gives exactly what a scan of
every token gives."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from egovkg.ingest import money, money_tokens
from egovkg.ingest.money import find_amounts, format_number
from egovkg.ingest.money_tokens import SUM_REACH, tokenize, tokens_near_sums

D = Decimal
FILLER = "Die Kommune hat im Rat über das neue Portal beraten und am Ende zugestimmt ."


def _full_scan(text: str):
    toks = tokenize(text)
    return money._read_sums(text, toks, range(len(toks)))


def _assert_runs_of_full_tokens(text: str) -> None:
    """Every stretch is a run of consecutive tokens of the whole-text scan, and no sum that may
    start in it reads beyond it (qualifiers before the sum included)."""
    full = tokenize(text)
    index = {t.start: i for i, t in enumerate(full)}
    toks, starts = tokens_near_sums(text)
    breaks = []
    for k, t in enumerate(toks):
        assert full[index[t.start]] == t, (t, text)
        if k == 0 and index[t.start] > 0 or k > 0 and index[t.start] != index[toks[k - 1].start] + 1:
            breaks.append(k)  # a stretch that does not start where the text starts
    assert list(starts) == sorted(set(starts)) and all(0 <= s < len(toks) for s in starts)
    for b in breaks:
        assert all(s + SUM_REACH - 1 < b or s >= b + SUM_REACH for s in starts), (b, text)


_PIECES = ["Euro", "EUR", "€", "$", "Mio.", "Millionen", "Milliarde", "Tsd.", "TEUR", "bis", "zu",
           "zwischen", "und", "jeweils", "rund", "über", "mindestens", "knapp", "fünf", "eine", "halbe",
           "zweieinhalb", "mittleren", "zweistelligen", "Millionenbetrag", "Betrag", "Summe", "-", "–",
           ".", ",", "Einwohner", "Förderbescheid", "Höchstbetrag", "von", "einem", "Euro-Betrag",
           "Europa", "Fremdsprache", "Programm", "sechsstellige", "2014", "29.08.2014", FILLER]
_NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**9).map(lambda n: format_number(D(n))),
    st.from_regex(r"[0-9]{1,4}([.,][0-9]{1,3}){0,2}", fullmatch=True),
)


@given(st.lists(st.one_of(st.sampled_from(_PIECES), _NUMBERS), max_size=60),
       st.sampled_from([" ", "\n", "\u00a0", ""]))
@settings(max_examples=400)
def test_same_sums_as_a_scan_of_every_token(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    assert find_amounts(text) == _full_scan(text)
    _assert_runs_of_full_tokens(text)


@given(st.text(alphabet="0123456789 .,-€EeUuRrOoMmIiSsTtLlGg\n\u00a0", max_size=200))
def test_same_sums_on_character_soup(text: str) -> None:
    assert find_amounts(text) == _full_scan(text)


def test_far_apart_sums_keep_their_qualifiers() -> None:
    text = ("Der Kreis erhält jeweils bis zu 5.000 Euro. " + FILLER * 20
            + " Das Land gibt rund 2,5 Mio. Euro und zwischen 2 und 3 Millionen Euro.")
    found = find_amounts(text)
    assert [a.text for a in found] == ["jeweils bis zu 5.000 Euro", "rund 2,5 Mio. Euro",
                                       "zwischen 2 und 3 Millionen Euro"]
    assert found[0].each and found[0].max_value == D(5000)
    assert found[1].approximate and found[1].value == D(2500000)
    assert (found[2].min_value, found[2].max_value) == (D(2000000), D(3000000))
    assert found == _full_scan(text)
    toks, _ = tokens_near_sums(text)
    assert len(toks) < len(tokenize(text)) / 2  # the filler between them is never tokenised


def test_sum_reaching_far_after_its_anchor() -> None:
    # the size word is the only anchor; the compound goes on for five tokens after it
    text = "Es geht um einen mittleren zweistelligen Förder-Programm-Betrag. " + FILLER * 10
    [a] = find_amounts(text)
    assert a.text == "mittleren zweistelligen Förder-Programm-Betrag"
    assert (a.min_value, a.max_value) == (D(40), D(60))
    assert [a] == _full_scan(text)


def test_text_without_any_anchor_is_not_tokenised() -> None:
    toks, starts = tokens_near_sums(FILLER * 5 + " 8.000 Einwohner und 5 Personen.")
    assert toks == [] and list(starts) == []


def test_anchors_in_any_case_and_inside_words() -> None:
    for text, surface in [("Es gibt 5 EURO.", "5 EURO"), ("Es gibt 5 MIO. €.", "5 MIO. €"),
                          ("Ein Zweistelliger Millionenbetrag fließt.", "Zweistelliger Millionenbetrag"),
                          ("Das kostet 2,5Mio€.", "2,5Mio€")]:
        assert [a.text for a in find_amounts(text)] == [surface], text


def test_long_words_and_numbers_before_an_anchor() -> None:
    # few tokens over many characters: the stretch must still reach back far enough
    long_word = "Donaudampfschifffahrtsgesellschaft" * 3
    text = (f"{long_word} " * 10) + "Bewilligt wurden knapp über " + "1 000 000 " * 3 + "Euro."
    assert find_amounts(text) == _full_scan(text)
    text = "mindestens " + "9" * 30 + " 1.000.000 Euro"
    assert find_amounts(text) == _full_scan(text)


def test_letter_with_longer_lower_case_falls_back_to_a_full_scan() -> None:
    text = "İstanbul erhält bis zu 60.000 Euro."  # "İ".lower() has two characters
    [a] = find_amounts(text)
    assert (a.text, a.max_value) == ("bis zu 60.000 Euro", D(60000))
    assert text[a.start:a.end] == a.text


def _anchors_of_lowered_text(text: str) -> list[int]:
    """The anchors as a pattern over ``text.lower()`` finds them (what ``_anchors`` replaces)."""
    import re

    table = money_tokens._anchor_table()
    words = sorted({*table.words, *table.prefixes}, key=len, reverse=True)
    low = text.lower()
    found = [m.start() for m in re.finditer("|".join(map(re.escape, words)), low)
             if not money_tokens._LETTER.match(text, m.start())
             or (not (m.start() and money_tokens._LETTER.match(text, m.start() - 1))
                 and (money_tokens._WORD.match(text, m.start()).group().lower() in table.words
                      or money_tokens._WORD.match(text, m.start()).group().lower().startswith(table.prefixes)))]
    return sorted({*found, *(m.start() for m in re.finditer(re.escape(table.suffix), low))})


@given(st.lists(st.one_of(st.sampled_from(_PIECES + ["EUROPA", "Mrd", "eur", "DM", "Admin", "zweiSTELLIG",
                                                      "Fran\u212aen", "\u212aEUR", "Ärger", "„5 €“", "\ud800",
                                                      "$", "Tsd.-€"]),
                          st.text(max_size=8)), max_size=30),
       st.sampled_from([" ", "", "ß", "\u00a0"]))
@settings(max_examples=400)
def test_anchors_where_the_lowered_text_has_them(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    if money_tokens.LONGER_LOWER not in text:  # tokens_near_sums reads all of such a text
        assert money_tokens._anchors(text) == _anchors_of_lowered_text(text)


def test_the_characters_the_anchor_search_relies_on() -> None:
    # _anchors and tokens_near_sums rely on these facts of the Unicode tables
    longer = [chr(c) for c in range(0x110000) if len(chr(c).lower()) != 1]
    to_ascii = [chr(c) for c in range(128, 0x110000) if any(ord(x) < 128 for x in chr(c).lower())]
    assert longer == [money_tokens.LONGER_LOWER]
    assert sorted(to_ascii) == [money_tokens.LONGER_LOWER, money_tokens.KELVIN]
