"""Membership, cooperation, programmes, support and location patterns."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import triples  # noqa: E402

M, D, O, P, MIN, ST = "Municipality", "District", "Organization", "Programme", "Ministry", "State"


# --- membership ---------------------------------------------------------------------------

def test_relative_clause_dem_sie_angehoert(doc_factory):
    text = "Unterstützt wird die Gemeinde Falkenried dabei vom Zweckverband Rechenzentrum Nord (RZN), dem sie angehört."
    ents = [("Gemeinde Falkenried", M, "Falkenried"), ("Zweckverband Rechenzentrum Nord", O, "RZN"), ("RZN", O, "RZN")]
    got = triples(doc_factory, text, ents)
    assert ("Falkenried", "memberOf", "RZN") in got
    assert ("RZN", "supports", "Falkenried") in got


def test_mitglied_der(doc_factory):
    text = "Die Stadt Falkenried ist seit vielen Jahren Mitglied der RZN."
    got = triples(doc_factory, text, [("Stadt Falkenried", M, "Falkenried"), ("RZN", O, "RZN")])
    assert got == {("Falkenried", "memberOf", "RZN")}


def test_relative_list_welche_ebenfalls_mitglied(doc_factory):
    text = ("Außerdem will Falkenried mit den Nachbarorten Asch, Birkhain und Colm kooperieren, welche ebenfalls "
            "Mitglied der RZN sind.")
    ents = [("Falkenried", M, "Falkenried"), ("Asch", M, "Asch"), ("Birkhain", M, "Birkhain"), ("Colm", M, "Colm"),
            ("RZN", O, "RZN")]
    got = triples(doc_factory, text, ents)
    for town in ("Asch", "Birkhain", "Colm"):
        assert (town, "memberOf", "RZN") in got
        assert ("Falkenried", "cooperatesWith", town) in got
    assert ("Falkenried", "memberOf", "RZN") not in got


def test_join_tritt_bei(doc_factory):
    text = "Zum Jahresbeginn tritt die Gemeinde Falkenried dem Zweckverband RZN bei."
    got = triples(doc_factory, text, [("Gemeinde Falkenried", M, "Falkenried"), ("Zweckverband RZN", O, "RZN")])
    assert got == {("Falkenried", "memberOf", "RZN")}


def test_exit_gives_no_membership(doc_factory):
    for text in ("Die Stadt Falkenried kündigt ihre Mitgliedschaft in der RZN.",
                 "Zum Jahresende tritt die Stadt Falkenried aus der RZN aus.",
                 "Die Stadt Falkenried ist nicht mehr Mitglied der RZN."):
        got = triples(doc_factory, text, [("Stadt Falkenried", M, "Falkenried"), ("RZN", O, "RZN")])
        assert not any(p == "memberOf" for _, p, _ in got), text


def test_member_of_requires_organization(doc_factory):
    text = "Die Stadt Falkenried ist Mitglied im Landkreis Wiesental."
    got = triples(doc_factory, text, [("Stadt Falkenried", M, "Falkenried"), ("Landkreis Wiesental", D, "Landkreis Wiesental")])
    assert not any(p == "memberOf" for _, p, _ in got)


# --- cooperation --------------------------------------------------------------------------

def test_cooperation_list_with_articles_and_adjectives(doc_factory):
    text = ("Dabei arbeitet die Stadt Falkenried eng mit dem Kreis Wiesental, der kreisangehörigen Stadt Asch "
            "sowie der Bezirksregierung Nordheim zusammen.")
    ents = [("Stadt Falkenried", M, "Falkenried"), ("Kreis Wiesental", D, "Kreis Wiesental"), ("Stadt Asch", M, "Asch"),
            ("Bezirksregierung Nordheim", "PublicAuthority", "Bezirksregierung Nordheim")]
    got = triples(doc_factory, text, ents)
    assert got == {("Falkenried", "cooperatesWith", "Kreis Wiesental"), ("Falkenried", "cooperatesWith", "Asch"),
                   ("Falkenried", "cooperatesWith", "Bezirksregierung Nordheim")}


def test_verwaltungsgemeinschaft(doc_factory):
    text = "Die Stadt Falkenried bildet mit der Gemeinde Asch eine Verwaltungsgemeinschaft."
    got = triples(doc_factory, text, [("Stadt Falkenried", M, "Falkenried"), ("Gemeinde Asch", M, "Asch")])
    assert got == {("Falkenried", "cooperatesWith", "Asch")}


def test_mit_without_cooperation_cue_is_not_cooperation(doc_factory):
    text = "Die Stadt Falkenried telefonierte gestern mit der Gemeinde Asch."
    got = triples(doc_factory, text, [("Stadt Falkenried", M, "Falkenried"), ("Gemeinde Asch", M, "Asch")])
    assert got == set()


def test_cooperation_between_people_is_dropped(doc_factory):
    text = "Hans Kiefer arbeitet eng mit Petra Sommer zusammen."
    got = triples(doc_factory, text, [("Hans Kiefer", "Person", "Hans Kiefer"), ("Petra Sommer", "Person", "Petra Sommer")])
    assert got == set()


# --- programmes ---------------------------------------------------------------------------

def test_ministry_names_city_model_municipality(doc_factory):
    text = "Das Innenministerium (IM) hat die Stadt Falkenried zur Pilotkommune Digitales Rathaus ernannt."
    ents = [("Innenministerium", MIN, "Innenministerium"), ("IM", MIN, "Innenministerium"),
            ("Stadt Falkenried", M, "Falkenried"), ("Pilotkommune Digitales Rathaus", P, "Digitales Rathaus")]
    got = triples(doc_factory, text, ents)
    assert ("Falkenried", "participatesIn", "Digitales Rathaus") in got
    assert ("Innenministerium", "runs", "Digitales Rathaus") in got
    assert ("Innenministerium", "participatesIn", "Digitales Rathaus") not in got


def test_leitkommune_without_named_programme_uses_the_documents_programme(doc_factory):
    text = ("Das Land plant die Digitale Pilotregion Süd. Hier übernimmt die Stadt Asch die Rolle als Leitkommune und "
            "arbeitet eng mit dem Kreis Wiesental zusammen.")
    ents = [("Digitale Pilotregion Süd", P, "Digitale Pilotregion Süd"), ("Stadt Asch", M, "Asch"),
            ("Kreis Wiesental", D, "Kreis Wiesental")]
    got = triples(doc_factory, text, ents)
    assert ("Asch", "participatesIn", "Digitale Pilotregion Süd") in got
    assert ("Kreis Wiesental", "participatesIn", "Digitale Pilotregion Süd") not in got
    assert ("Asch", "cooperatesWith", "Kreis Wiesental") in got


def test_one_of_the_model_regions(doc_factory):
    text = "Das Land startet das Programm Smarte Orte. Eine dieser Modellregionen ist die Region Oberau."
    ents = [("Smarte Orte", P, "Smarte Orte"), ("Region Oberau", "Region", "Oberau")]
    got = triples(doc_factory, text, ents)
    assert ("Oberau", "participatesIn", "Smarte Orte") in got


def test_joined_pilot_project(doc_factory):
    text = "In Thüringen hat sich mit der Stadt Asch eine weitere Kommune dem Pilotprojekt „Mobiles Amt“ angeschlossen."
    ents = [("Thüringen", ST, "Thüringen"), ("Stadt Asch", M, "Asch"), ("Mobiles Amt", P, "Mobiles Amt")]
    got = triples(doc_factory, text, ents)
    assert ("Asch", "participatesIn", "Mobiles Amt") in got
    assert ("Asch", "locatedIn", "Thüringen") in got


def test_selected_by_list(doc_factory):
    text = "Die Städte Asch und Colm sowie der Kreis Wiesental wurden für das Vorhaben „Digitales Rathaus“ ausgewählt."
    ents = [("Asch", M, "Asch"), ("Colm", M, "Colm"), ("Kreis Wiesental", D, "Kreis Wiesental"),
            ("Digitales Rathaus", P, "Digitales Rathaus")]
    got = triples(doc_factory, text, ents)
    assert {(x, "participatesIn", "Digitales Rathaus") for x in ("Asch", "Colm", "Kreis Wiesental")} <= got


def test_land_starts_programme(doc_factory):
    text = "Das Land Thüringen startet das Förderprogramm Digitale Dörfer."
    got = triples(doc_factory, text, [("Land Thüringen", ST, "Thüringen"), ("Digitale Dörfer", P, "Digitale Dörfer")])
    assert got == {("Thüringen", "runs", "Digitale Dörfer")}


def test_project_initiated_by_the_land(doc_factory):
    text = ("Thüringen: Hilfe für Dörfer\n\nDie Initiative Digitale Dörfer berät Gemeinden. "
            "Das vom Land initiierte Projekt läuft bis 2027.")
    ents = [("Thüringen", ST, "Thüringen"), ("Initiative Digitale Dörfer", P, "Digitale Dörfer")]
    got = triples(doc_factory, text, ents)
    assert ("Thüringen", "runs", "Digitale Dörfer") in got


def test_project_funded_by_federal_ministry(doc_factory):
    text = "Das vom Bundesfinanzministerium geförderte Projekt „Amt mobil“ soll ausgeweitet werden."
    ents = [("Bundesfinanzministerium", MIN, "Bundesministerium der Finanzen"), ("Amt mobil", P, "Amt mobil")]
    got = triples(doc_factory, text, ents)
    assert got == {("Bundesministerium der Finanzen", "funds", "Amt mobil")}


def test_programme_of_the_federation_and_relative_clause(doc_factory):
    text = "Das Vorhaben „Amt mobil“ des Landes Thüringen, in dem das Finanzministerium neue Wege geht, endet bald."
    ents = [("Amt mobil", P, "Amt mobil"), ("Landes Thüringen", ST, "Thüringen"),
            ("Finanzministerium", MIN, "Finanzministerium")]
    got = triples(doc_factory, text, ents)
    assert ("Thüringen", "runs", "Amt mobil") in got
    assert ("Finanzministerium", "runs", "Amt mobil") in got


# --- support ------------------------------------------------------------------------------

def test_passive_support_with_generic_noun(doc_factory):
    text = "Die Stadt Asch testet den Bürgerkoffer. Bei der Umsetzung des Projekts wurde die Kommune vom Zweckverband IVS unterstützt."
    got = triples(doc_factory, text, [("Stadt Asch", M, "Asch"), ("Zweckverband IVS", O, "IVS")])
    assert got == {("IVS", "supports", "Asch")}


def test_active_support_and_locative_is_not_patient(doc_factory):
    text = "Die IVS berät die Gemeinde Colm bei der Einführung in der Stadtverwaltung Asch."
    got = triples(doc_factory, text, [("IVS", O, "IVS"), ("Gemeinde Colm", M, "Colm"), ("Stadtverwaltung Asch", M, "Asch")])
    assert got == {("IVS", "supports", "Colm")}


def test_support_by_generic_agents_gives_nothing(doc_factory):
    text = "Das Projekt wurde unterstützt durch neun weitere Kommunen aus den Kreisen Wiesental und Oberau."
    ents = [("Wiesental", D, "Kreis Wiesental"), ("Oberau", D, "Kreis Oberau")]
    got = triples(doc_factory, text, ents)
    assert got == set()


def test_coordinates_project_activities(doc_factory):
    text = ("Asch wurde für das Programm „Digitales Rathaus“ ausgewählt. Die IVS mit Sitz in Colm koordinierte die "
            "Projektaktivitäten.")
    ents = [("Asch", M, "Asch"), ("Digitales Rathaus", P, "Digitales Rathaus"), ("IVS", O, "IVS"), ("Colm", M, "Colm")]
    got = triples(doc_factory, text, ents)
    assert ("IVS", "supports", "Digitales Rathaus") in got
    assert ("IVS", "locatedIn", "Colm") in got
    assert ("IVS", "supports", "Colm") not in got


# --- location -----------------------------------------------------------------------------

def test_seat(doc_factory):
    text = "Gegründet wurde die IVS 1990 in Oberau und hat heute ihren Sitz in Colm."
    got = triples(doc_factory, text, [("IVS", O, "IVS"), ("Oberau", M, "Oberau"), ("Colm", M, "Colm")])
    assert ("IVS", "locatedIn", "Colm") in got
    assert ("IVS", "locatedIn", "Oberau") not in got


def test_municipality_in_district(doc_factory):
    text = "Die Gemeinde Colm im Landkreis Wiesental testet das Verfahren."
    got = triples(doc_factory, text, [("Gemeinde Colm", M, "Colm"), ("Landkreis Wiesental", D, "Landkreis Wiesental")])
    assert got == {("Colm", "locatedIn", "Landkreis Wiesental")}


def test_ministry_in_capital_but_not_event_place(doc_factory):
    text = "Ein Blick auf das Gebäude des Finanzministeriums in Erfurt. Die Tagung fand beim Innenministerium in Berlin statt."
    ents = [("Finanzministeriums", MIN, "Finanzministerium"), ("Erfurt", M, "Erfurt"),
            ("Innenministerium", MIN, "Innenministerium"), ("Berlin", M, "Berlin")]
    got = triples(doc_factory, text, ents)
    assert got == {("Finanzministerium", "locatedIn", "Erfurt")}


def test_generic_noun_resolves_to_the_articles_main_town(doc_factory):
    text = ("Die Stadt Asch testet das Terminal. Asch bildet mit der Gemeinde Colm einen Verbund. Das hilft auch in "
            "der Gemeinde Colm. Bei der Umsetzung wurde die Kommune vom Zweckverband IVS unterstützt.")
    ents = [("Stadt Asch", M, "Asch"), ("Asch", M, "Asch"), ("Gemeinde Colm", M, "Colm"), ("Gemeinde Colm", M, "Colm"),
            ("Zweckverband IVS", O, "IVS")]
    got = triples(doc_factory, text, ents)
    assert ("IVS", "supports", "Asch") in got and ("IVS", "supports", "Colm") not in got


def test_financial_support_is_funding(doc_factory):
    text = "Das Vorhaben „Amt mobil“ läuft. Bis 2026 wird das Projekt finanziell durch das Innenministerium unterstützt."
    got = triples(doc_factory, text, [("Amt mobil", P, "Amt mobil"), ("Innenministerium", MIN, "Innenministerium")])
    assert got == {("Innenministerium", "funds", "Amt mobil")}


def test_selecting_agent_needs_the_programme_named_in_the_sentence(doc_factory):
    text = ("Asch wurde zur Pilotkommune Digitales Rathaus ernannt. Schon früher war Asch vom Verkehrsministerium als "
            "Modellstadt ausgewählt worden.")
    ents = [("Asch", M, "Asch"), ("Pilotkommune Digitales Rathaus", P, "Digitales Rathaus"), ("Asch", M, "Asch"),
            ("Verkehrsministerium", MIN, "Verkehrsministerium")]
    got = triples(doc_factory, text, ents)
    assert ("Asch", "participatesIn", "Digitales Rathaus") in got
    assert ("Verkehrsministerium", "runs", "Digitales Rathaus") not in got


def test_generic_nouns_for_union_and_land(doc_factory):
    text = ("Der Zweckverband RZN bekommt Zuwachs: Die Gemeinde Colm tritt dem Verband zum Jahresbeginn bei. "
            "Auch die Stadt Asch im Landkreis Wiesental setzt auf den Zweckverband, dem sie angehört.")
    ents = [("Zweckverband RZN", O, "RZN"), ("Gemeinde Colm", M, "Colm"), ("Stadt Asch", M, "Asch"),
            ("Landkreis Wiesental", D, "Landkreis Wiesental")]
    got = triples(doc_factory, text, ents)
    assert {("Colm", "memberOf", "RZN"), ("Asch", "memberOf", "RZN")} <= got
    assert ("Landkreis Wiesental", "memberOf", "RZN") not in got


def test_land_launches_and_pays_out_of_programme(doc_factory):
    text = ("Das Land Thüringen unterstützt den Ausbau aus dem Förderprogramm „Digitale Dörfer“. "
            "Das Land hat das Förderprogramm „Digitale Dörfer“ im Frühjahr aufgelegt.")
    ents = [("Land Thüringen", ST, "Thüringen"), ("Digitale Dörfer", P, "Digitale Dörfer"),
            ("Digitale Dörfer", P, "Digitale Dörfer")]
    got = triples(doc_factory, text, ents)
    assert {("Thüringen", "funds", "Digitale Dörfer"), ("Thüringen", "runs", "Digitale Dörfer")} <= got


def test_generic_city_cooperates_and_lies_in(doc_factory):
    text = ("Die Stadt Asch ist Vorreiter. Asch liegt im Landkreis Wiesental. Vor Ort arbeitet die Stadt mit "
            "der Gemeinde Colm zusammen.")
    ents = [("Stadt Asch", M, "Asch"), ("Asch", M, "Asch"), ("Landkreis Wiesental", D, "Landkreis Wiesental"),
            ("Gemeinde Colm", M, "Colm")]
    got = triples(doc_factory, text, ents)
    assert {("Asch", "locatedIn", "Landkreis Wiesental"), ("Asch", "cooperatesWith", "Colm")} <= got


def test_dateline_place_does_not_take_part(doc_factory):
    text = "Erfurt, 14. Mai 2021 – Die Stadt Asch wurde im Wettbewerb „Digitales Dorf“ ausgewählt."
    ents = [("Erfurt", M, "Erfurt"), ("Stadt Asch", M, "Asch"), ("Digitales Dorf", P, "Digitales Dorf")]
    got = triples(doc_factory, text, ents)
    assert got == {("Asch", "participatesIn", "Digitales Dorf")}


def test_genitive_attribute_is_not_supported(doc_factory):
    text = "Der Landkreistag unterstützt den Vorschlag des Normenkontrollrats."
    got = triples(doc_factory, text, [("Landkreistag", O, "Deutscher Landkreistag"),
                                      ("Normenkontrollrats", "PublicAuthority", "Nationaler Normenkontrollrat")])
    assert got == set()


def test_fronted_gemeinsam_mit_list_then_generic_subject(doc_factory):
    text = ("Der Landkreis Wiesengrund bekommt Geld. Gemeinsam mit dem Amt Au, dem Amt Bex und der Stadt Talheim "
            "wird der Kreis die E-Akte einführen.")
    ents = [("Landkreis Wiesengrund", D, "LK Wiesengrund"), ("Amt Au", M, "Au"), ("Amt Bex", M, "Bex"),
            ("Stadt Talheim", M, "Talheim")]
    got = triples(doc_factory, text, ents)
    for town in ("Au", "Bex", "Talheim"):
        assert ("LK Wiesengrund", "cooperatesWith", town) in got


def test_fronted_gemeinsam_mit_named_subject(doc_factory):
    text = "Gemeinsam mit der Stadt Talheim baut die Nordrechen GmbH ein Portal."
    ents = [("Stadt Talheim", M, "Talheim"), ("Nordrechen GmbH", O, "Nordrechen")]
    assert ("Nordrechen", "cooperatesWith", "Talheim") in triples(doc_factory, text, ents)


def test_fronted_gemeinsam_mit_without_subject_noun_gives_nothing(doc_factory):
    text = "Gemeinsam mit der Stadt Talheim wird heute gefeiert."
    got = triples(doc_factory, text, [("Stadt Talheim", M, "Talheim")])
    assert not any(p == "cooperatesWith" for _, p, _ in got)


def test_mit_truncated_compound_before_partner(doc_factory):
    text = "Der Landkreis Wiesengrund startet. Der Kreis arbeitet eng mit der Universitäts- und Hansestadt Talheim zusammen."
    ents = [("Landkreis Wiesengrund", D, "LK Wiesengrund"), ("Hansestadt Talheim", M, "Talheim")]
    assert ("LK Wiesengrund", "cooperatesWith", "Talheim") in triples(doc_factory, text, ents)


def test_fronted_gemeinsam_mit_compound_of_generic_noun_is_no_subject(doc_factory):
    text = ("Der Landkreis Wiesengrund ist dabei. Gemeinsam mit dem Gemeindebund Nordland fordert der Landkreistag "
            "mehr Geld.")
    ents = [("Landkreis Wiesengrund", D, "LK Wiesengrund"), ("Gemeindebund Nordland", O, "Gemeindebund Nordland")]
    assert ("Gemeindebund Nordland", "cooperatesWith", "LK Wiesengrund") not in triples(doc_factory, text, ents)
    assert ("LK Wiesengrund", "cooperatesWith", "Gemeindebund Nordland") not in triples(doc_factory, text, ents)


def test_verwaltungsvereinbarung_mit_is_cooperation(doc_factory):
    text = "Im Mai hat die Nordrechen GmbH eine Verwaltungsvereinbarung mit dem Datenhaus Süd unterzeichnet."
    ents = [("Nordrechen GmbH", O, "Nordrechen"), ("Datenhaus Süd", O, "Datenhaus")]
    got = triples(doc_factory, text, ents)
    assert ("Datenhaus", "cooperatesWith", "Nordrechen") in got or ("Nordrechen", "cooperatesWith", "Datenhaus") in got


def test_vereinbarung_without_partner_is_no_cooperation(doc_factory):
    text = "Die Nordrechen GmbH hat eine Verwaltungsvereinbarung über das Rechenzentrum veröffentlicht."
    got = triples(doc_factory, text, [("Nordrechen GmbH", O, "Nordrechen")])
    assert not any(p == "cooperatesWith" for _, p, _ in got)
