"""Line-level cleaning: what goes, what stays, titles and kickers, idempotence."""
from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egovkg.ingest.clean import (
    clean_lines,
    clean_text,
    drop_repeated_lines,
    ends_with_more,
    is_noise_line,
    join_title,
    names_entity,
    normalize_text,
    patterns,
    remove_source_blocks,
    short_title,
    split_glued_kicker,
    strip_more,
    strip_trailing_kicker,
)

NOISE = [
    "Anzeige",
    " Anzeige ",
    "Druckversion",
    "PDF",
    "Link mailen",
    "Druckversion    PDF     Link mailen",
    "Drucken | Teilen",
    "Stichwörter: Politik, Musterstadt, E-Akte",
    "mehr...",
    "mehr…",
    "Suchen...",
    "Aboverwaltung",
    "Abbonement kuendigen",
    "Abonnement kündigen",
    "Aktuelle Meldungen",
    "Bildquelle: Landratsamt Beispielkreis",
    "(Bildquelle: Stadt Musterstadt)",
    "Foto: Max Knipser",
    "Fotos: Amt für Presse / Karla Bild",
    "FOTOLANDKREIS",
    "© Stadt Musterstadt",
    "https://www.musterstadt.example/portal?id=3",
    "www.kommunal-it.example",
    "rathaus_musterdorf_aussen",
    "sachsen-Wappen",
    "erika-Test-Porträt",
    "eAkte2",
    "ZV BesuchLandrat V1.0 20190312",
    "e akteKlein",
    "luftbild.jpg",
    "bericht",
    "Interview",
    "reportage",
    "Mittwoch, 5. März 2025",
]

KEPT = [
    "Die Stadt startet ein Portal (wir berichteten).",
    "v.l.: Anna Beispiel, Leiterin des Bürgeramts; Karl Probe, Bürgermeister der Stadt Musterstadt",
    "Porträt von Erika Test, Staatssekretärin im Land Beispielland",
    "Außenansicht des Landratsamts in Musterstadt, ein rotes Backsteingebäude",
    "PDF-Formulare werden bis Ende des Jahres abgeschafft.",
    "Anzeigen von Bürgern werden künftig online bearbeitet.",
    "Foto-Wettbewerb der Stadt startet im Mai.",
    "Suchen und Finden wird im neuen Portal leichter.",
    "Interview mit der Bürgermeisterin über das neue Portal",
    "Der Kreis sieht mehr Bedarf.",
    "Kreistag informiert sich über E-Akte",
    "Deckblatt KGSt",
    "OZG 2.0",
    "Am Montag, 3. März 2025 tagte der Rat.",
]


@pytest.mark.parametrize("line", NOISE)
def test_noise_lines_are_removed(line: str) -> None:
    assert is_noise_line(line)
    assert clean_text(f"Die Gemeinde plant ein Portal.\n{line}\nDer Rat stimmt zu.") == (
        "Die Gemeinde plant ein Portal.\nDer Rat stimmt zu."
    )


@pytest.mark.parametrize("line", KEPT)
def test_content_lines_are_kept(line: str) -> None:
    assert not is_noise_line(line)
    assert line in clean_text(f"Die Gemeinde plant ein Portal.\n{line}\nDer Rat stimmt zu.")


def test_normalize_text_line_endings_spaces_and_invisible_characters() -> None:
    raw = "\ufeffErste Zeile\r\nZweite\u00a0Zeile\rDritte\u200b Zeile  \nVierte\tZeile\x07"
    assert normalize_text(raw) == "Erste Zeile\nZweite Zeile\nDritte Zeile\nVierte Zeile"
    decomposed = "Bu\u0308rgeramt"  # "ü" as u + combining diaeresis
    assert normalize_text(decomposed) == "Bürgeramt"


def test_trailing_more_link_is_cut_from_text_lines() -> None:
    assert ends_with_more("Die Stadt plant viel. mehr...")
    assert strip_more("Die Stadt plant viel. mehr... mehr…") == "Die Stadt plant viel."
    assert not ends_with_more("Sie will mehr Geld.")
    assert clean_text("Die Stadt plant viel. mehr...") == "Die Stadt plant viel."


def test_source_block_with_urls_goes_but_other_headings_stay() -> None:
    lines = [
        "Der Vertrag ist unterschrieben.", "", "Quellen/Verweise:", "",
        "https://www.land.example/a.pdf", "", "http://www.kreis.example", "",
        "Kreistag informiert sich", "Links:", "Die Stadt verlinkt ihre Dienste.",
    ]
    out = clean_lines(remove_source_blocks(lines))
    assert "Quellen/Verweise:" not in out
    assert not any("http" in ln for ln in out)
    assert "Kreistag informiert sich" in out
    assert "Links:" in out  # not followed by links: an ordinary line
    assert clean_lines(["Text.", "Quellen:"]) == ["Text."]


def test_alt_text_repeated_by_the_next_line_is_dropped() -> None:
    lines = [
        "Musterstadt: Ein Portal für alle Anliegen.", "",
        "Musterstadt: Ein Portal für alle Anliegen.",
        "Der Landkreis ist der erste von vier Modellkreisen",
        "Der Landkreis ist der erste von vier Modellkreisen, die das Land fördert.",
        "Kurz.", "Kurz.",  # too short to be an alt text: kept
    ]
    out = drop_repeated_lines(lines)
    assert out.count("Musterstadt: Ein Portal für alle Anliegen.") == 1
    assert "Der Landkreis ist der erste von vier Modellkreisen" not in out
    assert out.count("Kurz.") == 2


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        ("MusterstadtNeues Bürgerportal gestartet", "Die Stadt Musterstadt ...", ("Musterstadt", "Neues Bürgerportal gestartet")),
        ("Ober-RheintalDigitale Region für das Land", "", ("Ober-Rheintal", "Digitale Region für das Land")),
        ("WaldheimBürgerkoffer im Einsatz", "", ("Waldheim", "Bürgerkoffer im Einsatz")),
        ("DigitalPakt Schule: Zweite Runde beginnt", "", (None, "DigitalPakt Schule: Zweite Runde beginnt")),
        ("ZukunftsWerk startet in Beispielstadt", "Das ZukunftsWerk ist ein Labor.", (None, "ZukunftsWerk startet in Beispielstadt")),
        ("eAkte kommt in alle Ämter", "", (None, "eAkte kommt in alle Ämter")),
        ("Musterstadt: Neues Portal", "", (None, "Musterstadt: Neues Portal")),
        ("AbCd ist kein Ort", "", (None, "AbCd ist kein Ort")),
        ("Die Stadt plant ein Portal", "", (None, "Die Stadt plant ein Portal")),
        ("Smart RegionsNeue Wege für das Land", "", ("Smart Regions", "Neue Wege für das Land")),
        ("Kreis BeispielDigitale Akte", "Der Kreis Beispiel ...", ("Kreis Beispiel", "Digitale Akte")),
        ("Das neue BayernPortal ist online", "", (None, "Das neue BayernPortal ist online")),
        ("Start für ServicePortal", "", (None, "Start für ServicePortal")),
        ("MusterstadtPortal", "", (None, "MusterstadtPortal")),  # nothing would remain as a title
        ("Eins Zwei Drei VierFünf sechs", "", (None, "Eins Zwei Drei VierFünf sechs")),  # kicker too long
    ],
)
def test_split_glued_kicker(title: str, body: str, expected: tuple[str | None, str]) -> None:
    assert split_glued_kicker(title, body) == expected


def test_camel_case_words_come_from_the_data_file() -> None:
    assert "DigitalPakt" in patterns().camel_words
    assert "bericht" in patterns().kicker_words


def test_join_title_two_lines_and_leading_noise() -> None:
    assert join_title(["Anzeige", "", "Nordkreis/Südstadt:", "Gemeinsame Plattform", "", "Text"]) == (
        "Nordkreis/Südstadt: Gemeinsame Plattform", 4)
    assert join_title(["Ein Titel", "", "Text"]) == ("Ein Titel", 1)
    # a location kicker on its own line without colon
    assert join_title(["Beispielfeld", "Bauanträge bald digital", "", "Text."]) == (
        "Beispielfeld: Bauanträge bald digital", 2)
    # ... but never glued to a lead sentence or a dated line
    assert join_title(["Beispielfeld", "Die Stadt plant ein Portal."]) == ("Beispielfeld", 1)
    assert join_title(["Beispielfeld", "[01.02.2024] Die Stadt plant."]) == ("Beispielfeld", 1)
    assert join_title(["Pressemitteilung", "", "Beispielfeld wird Modellkommune", "", "Text."]) == (
        "Beispielfeld wird Modellkommune", 3)
    assert join_title(["", ""]) == ("", 2)
    long_line = "Die Stadt plant viel. " * 30
    assert join_title([long_line]) == ("", 0)


def test_short_title_from_a_paragraph() -> None:
    para = "Die Stadt Musterstadt startet ein Portal. Danach folgt viel mehr Text " * 5
    assert short_title(para) == "Die Stadt Musterstadt startet ein Portal."
    assert short_title("Wort " * 100).endswith("…")
    assert len(short_title("Wort " * 100)) <= 151


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Datenschutz: Alles im Griff Bericht", "Datenschutz: Alles im Griff"),
        ("Ostland: Zu Gast bei Freunden Interview", "Ostland: Zu Gast bei Freunden"),
        ("Rechnungshof: Neuer Bericht", "Rechnungshof: Neuer Bericht"),
        ("Landtag legt jährlichen Bericht", "Landtag legt jährlichen Bericht"),
        ("Kreis: Der Bericht", "Kreis: Der Bericht"),
    ],
)
def test_strip_trailing_kicker(headline: str, expected: str) -> None:
    assert strip_trailing_kicker(headline) == expected


@pytest.mark.parametrize(
    ("caption", "keep"),
    [
        ("Porträt von Erika Test, Staatssekretärin im Ministerium des Innern", True),
        ("Hessens Digitalministerin und Vertreter der Kommunen mit der Urkunde", True),
        ("Außenansicht des Ministeriums für Digitales in Musterstadt", True),
        ("Porträtfoto von Dr. Hans Probe.", True),
        ("Melitta Beispiel", True),
        ("Luftaufnahme einer kleinen Stadt im Nebel.", True),  # "Stadt" is an institution word
        ("Ein Aktenschrank aus grauem Metall.", False),
        ("Vektorgrafik eines Netzwerks.", False),
        ("bayern-Flaggen", False),
    ],
)
def test_names_entity(caption: str, keep: bool) -> None:
    assert names_entity(caption) is keep


LINES = st.sampled_from(NOISE + KEPT + ["", "", "Quellen/Verweise:", "Die Stadt plant viel. mehr..."])


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=25))
def test_clean_is_idempotent_on_page_like_text(lines: list[str]) -> None:
    once = clean_text("\n".join(lines))
    assert clean_text(once) == once
    assert not any(is_noise_line(ln) for ln in once.split("\n"))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_clean_never_raises_and_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    split_glued_kicker(text, text)
    join_title(text.split("\n"))


@pytest.mark.parametrize(
    "unit",
    ["Stichwörter: ", "mehr.. ", "Druckversion  ", "http://", "aB", "Foto ", "FOTO A", "(Bildquelle ", "v1.0 ", "ab_"],
)
def test_pathological_near_matches_are_linear(unit: str) -> None:
    line = unit * 100_000
    t0 = time.perf_counter()
    clean_text(line)
    clean_text("\n".join([unit * 50] * 2000))
    split_glued_kicker(line, line)
    strip_more(line)
    assert time.perf_counter() - t0 < 10.0


# ----------------------------------------------------------------------------- keyword pre-test
CAPTIONS = [
    "Oberbürgermeisterin Erika Beispiel im Gespräch",
    "BUNDESMINISTERIN für Digitales beim Termin",
    "v. l.: Anna Muster und Bernd Probe",
    "V.R.: Die Gäste des Abends",
    "Die Stadtverwaltung von Musterhausen",
    "Blick in die Kreisverwaltung",
    "Verwaltungsgebäude am Markt",  # 'verwaltung' without a trailing word boundary
    "Ein sonniger Tag am See",
    "Prof. Dr. Karl Beispiel",
    "Der CIO des Landes",
    "Sozialcioffi auf dem Podium",  # 'cio' inside a word: pre-test passes, \\b fails
    "Geſchäftsführer Max Probe",  # long s
    "MİNİSTER auf Reisen",  # dotted capital I
    "LANDRATSAMT",
    "",
]


@pytest.mark.parametrize("caption", CAPTIONS)
def test_caption_keyword_pretest_gives_the_patterns_answer(caption: str) -> None:
    keywords = patterns().caption_keywords
    assert keywords.search(caption) == (keywords.pattern.search(caption) is not None)


@settings(max_examples=400, deadline=None)
@given(
    word=st.sampled_from(["minister", "Stadt", "KREIS", "landrat", "cio", "präsident", "dr.", "v. l.", "verwaltung"]),
    pos=st.integers(0, 9),
    other=st.sampled_from(["ſ", "İ", "ı", "K", "ẞ", "µ", "Σ", "S", "I", "ä", "x", " ", "e\u0301"]),
    before=st.sampled_from(["", " ", "Die ", "Ober", "Σ"]),
    after=st.sampled_from(["", " ", "in", "s Amt", "µ"]),
)
def test_caption_keyword_pretest_agrees_on_generated_text(
    word: str, pos: int, other: str, before: str, after: str
) -> None:
    # one letter of a keyword replaced by a case variant, an exotic character or another letter
    i = pos % len(word)
    text = before + word[:i] + other + word[i + 1:] + after
    keywords = patterns().caption_keywords
    assert keywords.search(text) == (keywords.pattern.search(text) is not None)


def test_case_safe_characters_compare_like_str_lower() -> None:
    # the pre-test's premise: between ASCII and CASE_SAFE characters, re's case-insensitive
    # match is exactly equality of str.lower(), and str.lower() keeps one character
    from egovkg.ingest.clean_rules import CASE_SAFE

    safe = [chr(c) for c in range(128)] + list(CASE_SAFE)
    for a in safe:
        assert len(a.lower()) == 1
        pat = re.compile(re.escape(a), re.IGNORECASE)
        for b in safe:
            assert (pat.fullmatch(b) is not None) == (a.lower() == b.lower()), (a, b)


# ----------------------------------------------------------------------------- normalising pre-tests
def test_every_character_normalize_text_removes_or_replaces_is_unprintable() -> None:
    # normalize_text skips its three substitutions for a text whose lines are printable
    from egovkg.ingest.clean import _ODD_CHARACTER

    odd = [chr(c) for c in range(0x110000) if _ODD_CHARACTER.match(chr(c))]
    assert len(odd) > 40
    assert not any(c.isprintable() for c in odd)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["(", "-", "!", "„", "“", "…", "§", "€", "\u2013", "\ud800", "\x07", "a", "ä", " ", "_", "1", "\u0416"]),
    min_size=0, max_size=60))
def test_punctuation_run_pretest_never_misses_a_run(chars: list[str]) -> None:
    from egovkg.ingest.clean import _PUNCT_RUN, _may_have_punct_run

    text = "".join(chars)
    if _PUNCT_RUN.search(text):
        assert _may_have_punct_run(text)


@pytest.mark.parametrize("run", ["(" * 30, "„“" * 15, "…" * 25, "\ud800" * 25, "§€" * 12 + "-"])
def test_long_punctuation_runs_are_cut_in_any_script(run: str) -> None:
    out = normalize_text(f"Vorher {run} nachher")
    assert out == f"Vorher {run[:20]} nachher"
