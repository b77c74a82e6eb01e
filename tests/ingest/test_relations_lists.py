"""Lists of participants, members and partners (egovkg.ingest.rel_patterns): every member of
a coordinated list gets the fact; negated, exit and later-named cases give none."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import triples  # noqa: E402

M, D, O, P, ST, PA = "Municipality", "District", "Organization", "Programme", "State", "PublicAuthority"


# --- participation ------------------------------------------------------------------------

def test_list_joins_initiative_named_sentences_before(doc_factory):
    text = ("Unter dem Titel „Digitales Moorland“ starten zwei Kreise ein Bündnis. Es gibt ein Büro. Man plant viel. "
            "Acht Leute arbeiten dort. Geld kommt später. Als Erste haben sich die Gemeinde Asch, das Amt Colm und "
            "die Stadt Birkhain der Initiative angeschlossen. Ganz anders sind die Smarten Dörfer, an denen viele "
            "Kommunen teilnehmen.")
    ents = [("Digitales Moorland", P, "Digitales Moorland"), ("Gemeinde Asch", M, "Asch"), ("Amt Colm", M, "Colm"),
            ("Stadt Birkhain", M, "Birkhain"), ("Smarten Dörfer", P, "Smarte Dörfer")]
    got = triples(doc_factory, text, ents)
    for town in ("Asch", "Colm", "Birkhain"):
        assert (town, "participatesIn", "Digitales Moorland") in got
        assert (town, "participatesIn", "Smarte Dörfer") not in got


def test_programme_named_only_later_is_not_the_antecedent(doc_factory):
    text = ("Die Gemeinde Asch und die Stadt Colm haben den Dienst als Pilotkommunen erprobt. Später kam Geld aus "
            "dem Programm „Digitale Wege“.")
    ents = [("Gemeinde Asch", M, "Asch"), ("Stadt Colm", M, "Colm"), ("Digitale Wege", P, "Digitale Wege")]
    got = triples(doc_factory, text, ents)
    assert not any(p == "participatesIn" for _, p, _ in got)


def test_bodies_that_take_part_with_beteiligen(doc_factory):
    text = ("Das Projekt „Offene Schnittstelle“ beginnt im Mai. Zum Start beteiligen sich drei Dienstleister: die "
            "KDVZ, die IVS sowie die Regio IT.")
    ents = [("Offene Schnittstelle", P, "Offene Schnittstelle"), ("KDVZ", O, "KDVZ"), ("IVS", O, "IVS"),
            ("Regio IT", O, "Regio IT")]
    got = triples(doc_factory, text, ents)
    assert {(o, "participatesIn", "Offene Schnittstelle") for o in ("KDVZ", "IVS", "Regio IT")} <= got


def test_signatories_take_part(doc_factory):
    text = ("Das Land Hessen und die Verbände haben das „Bündnis Digitale Kommune“ geschlossen. Neben dem Städtetag "
            "zählen der Landkreistag und der Gemeindebund zu den Unterzeichnern.")
    ents = [("Land Hessen", ST, "Hessen"), ("Bündnis Digitale Kommune", P, "Bündnis Digitale Kommune"),
            ("Städtetag", O, "Städtetag"), ("Landkreistag", O, "Landkreistag"), ("Gemeindebund", O, "Gemeindebund")]
    got = triples(doc_factory, text, ents)
    assert {(o, "participatesIn", "Bündnis Digitale Kommune") for o in ("Städtetag", "Landkreistag", "Gemeindebund")} <= got


def test_towns_that_joined_the_programme(doc_factory):
    text = ("Das Projekt „Dorfnetz“ wächst: Im Juni sind die Verbandsgemeinden Asch und Colm im Kreis Tannau der "
            "Plattform beigetreten.")
    ents = [("Dorfnetz", P, "Dorfnetz"), ("Asch", M, "Asch"), ("Colm", M, "Colm"), ("Kreis Tannau", D, "Kreis Tannau")]
    got = triples(doc_factory, text, ents)
    assert {("Asch", "participatesIn", "Dorfnetz"), ("Colm", "participatesIn", "Dorfnetz")} <= got
    assert ("Kreis Tannau", "participatesIn", "Dorfnetz") not in got


def test_joining_a_body_is_membership_not_participation(doc_factory):
    text = "Im Rahmen des Projekts „Dorfnetz“ ist die Gemeinde Asch dem Zweckverband KDVZ beigetreten."
    ents = [("Dorfnetz", P, "Dorfnetz"), ("Gemeinde Asch", M, "Asch"), ("Zweckverband KDVZ", O, "KDVZ")]
    got = triples(doc_factory, text, ents)
    assert ("Asch", "memberOf", "KDVZ") in got
    assert ("KDVZ", "participatesIn", "Dorfnetz") not in got


def test_not_part_of_gives_no_participation(doc_factory):
    text = "Die Stadt Asch ist nicht Teil des Projekts „Dorfnetz“, will aber mit dem Kreis Tannau kooperieren."
    ents = [("Stadt Asch", M, "Asch"), ("Dorfnetz", P, "Dorfnetz"), ("Kreis Tannau", D, "Kreis Tannau")]
    got = triples(doc_factory, text, ents)
    assert ("Asch", "participatesIn", "Dorfnetz") not in got
    text2 = "Die Stadt Asch nimmt am Projekt „Dorfnetz“ teil."
    assert triples(doc_factory, text2, ents[:2]) == {("Asch", "participatesIn", "Dorfnetz")}


# --- cooperation --------------------------------------------------------------------------

def test_coordinated_subject_agrees_on_cooperation(doc_factory):
    for text in ("KDVZ und IVS vereinbaren eine engere Zusammenarbeit beim Betrieb der Rechenzentren.",
                 "Der Kreis Hohenwald und der Kreis Tannau bündeln ihre Kräfte: Sie planen ein Portal."):
        names = ("KDVZ", "IVS") if text.startswith("KDVZ") else ("Kreis Hohenwald", "Kreis Tannau")
        kind = O if text.startswith("KDVZ") else D
        got = triples(doc_factory, text, [(n, kind, n) for n in names])
        assert got == {(names[0], "cooperatesWith", names[1])}, text


def test_mutual_cue_needs_a_coordinated_subject(doc_factory):
    text = "Die Kooperation des Kreises Hohenwald wird gelobt, sagt die Stadt Asch."
    got = triples(doc_factory, text, [("Kreises Hohenwald", D, "Kreis Hohenwald"), ("Stadt Asch", M, "Asch")])
    assert not any(p == "cooperatesWith" for _, p, _ in got)
    text2 = "Über die Zusammenarbeit von Asch und Colm berichtet die Zeitung."
    got2 = triples(doc_factory, text2, [("Asch", M, "Asch"), ("Colm", M, "Colm")])
    assert not any(p == "cooperatesWith" for _, p, _ in got2)


# --- membership ---------------------------------------------------------------------------

def test_sowohl_als_auch_members(doc_factory):
    text = "Sowohl die KDVZ als auch die IVS sind Mitglied im Dachverband RZN."
    got = triples(doc_factory, text, [("KDVZ", O, "KDVZ"), ("IVS", O, "IVS"), ("Dachverband RZN", O, "RZN")])
    assert got >= {("KDVZ", "memberOf", "RZN"), ("IVS", "memberOf", "RZN")}


def test_members_listed_after_compound_with_abbreviations(doc_factory):
    text = ("Der Verband RZN wächst. Mit dabei sind vier RZN-Mitglieder: die Kommunale Datenzentrale Nord (KDN), "
            "die IVS, Regio IT sowie die Lindenauer KDVZ.")
    ents = [("Verband RZN", O, "RZN"), ("Kommunale Datenzentrale Nord", O, "KDN"), ("KDN", O, "KDN"),
            ("IVS", O, "IVS"), ("Regio IT", O, "Regio IT"), ("KDVZ", O, "KDVZ")]
    got = triples(doc_factory, text, ents)
    assert {(o, "memberOf", "RZN") for o in ("KDN", "IVS", "Regio IT", "KDVZ")} <= got


def test_members_after_an_exit_mentioned_as_time(doc_factory):
    text = "Dem Zweckverband RZN gehören nach dem Austritt der Stadt Asch noch der Kreis Tannau und die Stadt Colm an."
    ents = [("Zweckverband RZN", O, "RZN"), ("Stadt Asch", M, "Asch"), ("Kreis Tannau", D, "Kreis Tannau"),
            ("Stadt Colm", M, "Colm")]
    got = triples(doc_factory, text, ents)
    assert {("Kreis Tannau", "memberOf", "RZN"), ("Colm", "memberOf", "RZN")} <= got
    exit_text = "Die Stadt Asch ist aus dem Zweckverband RZN ausgetreten, gehört aber dem Kreis Tannau an."
    got2 = triples(doc_factory, exit_text, ents[:3][::-1][1:] + [("Kreis Tannau", D, "Kreis Tannau")])
    assert not any(p == "memberOf" for _, p, _ in got2)


def test_place_of_a_member_does_not_end_or_join_the_list(doc_factory):
    text = "Zum Start beteiligen sich zwei RZN-Mitglieder: die KDVZ aus Colm sowie die IVS. Der Verband RZN freut sich."
    got = triples(doc_factory, text, [("KDVZ", O, "KDVZ"), ("Colm", M, "Colm"), ("IVS", O, "IVS"),
                                      ("Verband RZN", O, "RZN")])
    assert {("KDVZ", "memberOf", "RZN"), ("IVS", "memberOf", "RZN")} <= got
    assert ("Colm", "memberOf", "RZN") not in got


def test_town_that_is_there_from_a_district(doc_factory):
    text = ("Als Erste haben sich die Gemeinde Asch und die Stadt Colm der Initiative „Moorland digital“ "
            "angeschlossen. Aus dem Kreis Tannau ist zum Start die Stadt Birkhain dabei.")
    ents = [("Gemeinde Asch", M, "Asch"), ("Stadt Colm", M, "Colm"), ("Moorland digital", P, "Moorland digital"),
            ("Kreis Tannau", D, "Kreis Tannau"), ("Stadt Birkhain", M, "Birkhain")]
    got = triples(doc_factory, text, ents)
    assert {("Birkhain", "participatesIn", "Moorland digital"), ("Birkhain", "locatedIn", "Kreis Tannau")} <= got
    assert ("Kreis Tannau", "participatesIn", "Moorland digital") not in got


def test_dabei_as_adverb_is_no_participation(doc_factory):
    text = ("Das Projekt „Moorland digital“ startet. Die Stadt Birkhain ist dabei, ein Portal zu bauen. Dabei hilft "
            "die Stadt Colm.")
    ents = [("Moorland digital", P, "Moorland digital"), ("Stadt Birkhain", M, "Birkhain"), ("Stadt Colm", M, "Colm")]
    got = triples(doc_factory, text, ents)
    assert not any(p == "participatesIn" for _, p, _ in got)
    text2 = "Aus Sachsen kam viel Lob für die Stadt Colm."
    assert triples(doc_factory, text2, [("Sachsen", "State", "Sachsen"), ("Stadt Colm", M, "Colm")]) == set()


def test_partner_of_the_town(doc_factory):
    text = "Die Stadt Asch wechselt. Neuer Partner der Stadt im Kreis Tannau ist die KDVZ mit Sitz in Colm."
    ents = [("Stadt Asch", M, "Asch"), ("Kreis Tannau", D, "Kreis Tannau"), ("KDVZ", O, "KDVZ"), ("Colm", M, "Colm")]
    got = triples(doc_factory, text, ents)
    assert ("KDVZ", "cooperatesWith", "Asch") in got
    assert not {("Kreis Tannau", "cooperatesWith", "Asch"), ("Colm", "cooperatesWith", "Asch")} & got


def test_partner_of_a_programme_or_without_owner_is_no_cooperation(doc_factory):
    text = "Technischer Partner ist die KDVZ. Die Stadt Asch ist Partner des Projekts Dorfnetz."
    ents = [("KDVZ", O, "KDVZ"), ("Stadt Asch", M, "Asch"), ("Dorfnetz", P, "Dorfnetz")]
    got = triples(doc_factory, text, ents)
    assert not any(p == "cooperatesWith" for _, p, _ in got)
