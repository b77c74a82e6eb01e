"""Who pays and who receives: verb voice, prepositions, own money, several sums, programme context
(egovkg.ingest.rel_funding with egovkg.ingest.rel_funding_roles)."""
from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import amount, funding_rows, run  # noqa: E402

M, D, P, MIN, ST, PA = "Municipality", "District", "Programme", "Ministry", "State", "PublicAuthority"


def test_subject_of_a_giving_verb_is_the_funder(doc_factory):
    text = ("Landrätin Eva Horn sicherte dem Verbund die Hilfe des Kreises Wiesental zu. Der Kreis stellt bis zu "
            "30.000 Euro für Fortbildungen bereit.")
    ents = [("Eva Horn", "Person", "Eva Horn"), ("Kreises Wiesental", D, "Kreis Wiesental")]
    _, funds = run(doc_factory, text, ents, [amount(text, "bis zu 30.000 Euro", hi=30000)])
    assert funding_rows(funds) == {("Kreis Wiesental", None, None, None, None, Decimal(30000))}


def test_subject_after_the_verb_is_the_funder(doc_factory):
    text = "Die Stadt Asch baut ein Portal. Zusätzlich stellt das Land Hessen der Stadt 90.000 Euro zur Verfügung."
    ents = [("Stadt Asch", M, "Asch"), ("Land Hessen", ST, "Hessen")]
    _, funds = run(doc_factory, text, ents, [amount(text, "90.000 Euro", value=90000)])
    assert {(f.funder[1] if f.funder else None) for f in funds} == {"Hessen"}


def test_receiving_verb_keeps_its_subject_as_recipient(doc_factory):
    text = "Der Kreis Wiesental erhält vom Land Hessen bis zu 30.000 Euro für Fortbildungen."
    ents = [("Kreis Wiesental", D, "Kreis Wiesental"), ("Land Hessen", ST, "Hessen")]
    _, funds = run(doc_factory, text, ents, [amount(text, "bis zu 30.000 Euro", hi=30000)])
    assert funding_rows(funds) == {("Hessen", "Kreis Wiesental", None, None, None, Decimal(30000))}


def test_two_sums_in_one_sentence_go_to_their_own_recipients(doc_factory):
    text = "Asch bekommt 70.000 Euro Förderung, Colm und Dorn je 40.000 Euro."
    ents = [("Asch", M, "Asch"), ("Colm", M, "Colm"), ("Dorn", M, "Dorn")]
    amts = [amount(text, "70.000 Euro", value=70000), amount(text, "je 40.000 Euro", value=40000, each=True)]
    _, funds = run(doc_factory, text, ents, amts)
    assert funding_rows(funds) == {(None, "Asch", None, Decimal(70000), None, None),
                                   (None, "Colm", None, Decimal(40000), None, None),
                                   (None, "Dorn", None, Decimal(40000), None, None)}


def test_genitive_attribute_is_no_recipient(doc_factory):
    text = ("Die Stadt Asch erhält einen Zuschuss von 90.000 Euro für ein Portal, das alle Gemeinden des Kreises "
            "Wiesental nutzen sollen.")
    ents = [("Stadt Asch", M, "Asch"), ("Kreises Wiesental", D, "Kreis Wiesental")]
    _, funds = run(doc_factory, text, ents, [amount(text, "90.000 Euro", value=90000)])
    assert funding_rows(funds) == {(None, "Asch", None, Decimal(90000), None, None)}


def test_owner_of_the_pot_pays_not_the_body_that_manages_it(doc_factory):
    text = ("Für die neue App flossen 300.000 Euro aus dem Innovationsbudget des Normenrats, das von der Agentur "
            "Nord (AN) verwaltet wird.")
    ents = [("Normenrats", PA, "Normenrat"), ("Agentur Nord", PA, "Agentur Nord"), ("AN", PA, "Agentur Nord")]
    _, funds = run(doc_factory, text, ents, [amount(text, "300.000 Euro", value=300000)])
    assert funding_rows(funds) == {("Normenrat", None, None, Decimal(300000), None, None)}


def test_agent_of_a_funding_passive_is_still_the_funder(doc_factory):
    text = "Das Portal der Stadt Asch wird vom Land Hessen mit 80.000 Euro gefördert."
    ents = [("Stadt Asch", M, "Asch"), ("Land Hessen", ST, "Hessen")]
    _, funds = run(doc_factory, text, ents, [amount(text, "80.000 Euro", value=80000)])
    assert {(f.funder[1] if f.funder else None) for f in funds} == {"Hessen"}


def test_own_contribution_is_no_grant_of_the_previous_funder(doc_factory):
    text = ("Das Land Hessen fördert die Stadt Asch mit 200.000 Euro. Weitere 50.000 Euro bringt die Stadt aus "
            "eigenen Mitteln auf.")
    ents = [("Land Hessen", ST, "Hessen"), ("Stadt Asch", M, "Asch")]
    amts = [amount(text, "200.000 Euro", value=200000), amount(text, "50.000 Euro", value=50000)]
    _, funds = run(doc_factory, text, ents, amts)
    assert funding_rows(funds) == {("Hessen", "Asch", None, Decimal(200000), None, None)}


def test_named_partner_pays_its_own_share(doc_factory):
    text = "Die Gemeinde Colm trägt einen Eigenanteil von 20.000 Euro am Vorhaben."
    ents = [("Gemeinde Colm", M, "Colm")]
    _, funds = run(doc_factory, text, ents, [amount(text, "20.000 Euro", value=20000)])
    assert funding_rows(funds) == {("Colm", None, None, Decimal(20000), None, None)}


def test_programme_from_an_earlier_sentence_of_the_paragraph(doc_factory):
    text = ("Der Wettbewerb „Dorf digital“ ist mit 100.000 Euro dotiert. Die beste Idee erhält 40.000 Euro. "
            "Zusätzlich stellt das Land bis zu 250.000 Euro für die Umsetzung bereit.")
    ents = [("Dorf digital", P, "Dorf digital")]
    _, funds = run(doc_factory, text, ents, [amount(text, "bis zu 250.000 Euro", hi=250000)])
    assert funding_rows(funds) == {(None, None, "Dorf digital", None, None, Decimal(250000))}


def test_no_programme_across_a_paragraph_break(doc_factory):
    text = ("Der Wettbewerb „Dorf digital“ ist mit 100.000 Euro dotiert. Die beste Idee erhält 40.000 Euro.\n\n"
            "Zusätzlich stellt das Land bis zu 250.000 Euro für Schulen bereit.")
    ents = [("Dorf digital", P, "Dorf digital")]
    _, funds = run(doc_factory, text, ents, [amount(text, "bis zu 250.000 Euro", hi=250000)])
    assert funds == []


def test_programme_named_after_the_sum_and_share_is_no_runs(doc_factory):
    text = ("Für das Projekt „Akte online“ wurden Asch und Colm ausgewählt.\n\nAußerdem beteiligt sich das Land "
            "Hessen mit 80.000 Euro an dem Projekt.")
    ents = [("Akte online", P, "Akte online"), ("Asch", M, "Asch"), ("Colm", M, "Colm"),
            ("Land Hessen", ST, "Hessen")]
    rels, funds = run(doc_factory, text, ents, [amount(text, "80.000 Euro", value=80000)])
    assert funding_rows(funds) == {("Hessen", None, "Akte online", Decimal(80000), None, None)}
    # a Land that only contributes to someone else's project is not taken to run it
    assert not any(r.predicate == "runs" for r in rels)


def test_planned_sum_is_a_funding(doc_factory):
    text = ("Das Projekt „Akte online“ läuft seit Mai. Das Innenministerium hat dafür mindestens zwei Millionen "
            "Euro eingeplant.")
    ents = [("Akte online", P, "Akte online"), ("Innenministerium", MIN, "Innenministerium")]
    amts = [amount(text, "mindestens zwei Millionen Euro", lo=2_000_000)]
    _, funds = run(doc_factory, text, ents, amts)
    assert funding_rows(funds) == {("Innenministerium", None, "Akte online", None, Decimal(2_000_000), None)}


def test_a_need_borrows_no_programme(doc_factory):
    text = ("Der Wettbewerb „Dorf digital“ ist mit 100.000 Euro dotiert. Der Verband schätzt den "
            "Investitionsbedarf der Dörfer auf 2 Millionen Euro.")
    ents = [("Dorf digital", P, "Dorf digital")]
    _, funds = run(doc_factory, text, ents, [amount(text, "2 Millionen Euro", value=2_000_000)])
    assert funds == []


def test_equipped_programme_and_dateline_city_is_no_recipient(doc_factory):
    text = ("Kassel, 4. April 2025 – Das Ministerium für Digitales hat den Fonds „Rathaus online“ aufgelegt. "
            "Der Fonds ist mit 3 Millionen Euro ausgestattet.")
    ents = [("Kassel", M, "Kassel"), ("Ministerium für Digitales", MIN, "Ministerium für Digitales"),
            ("Rathaus online", P, "Rathaus online")]
    _, funds = run(doc_factory, text, ents, [amount(text, "3 Millionen Euro", value=3_000_000)])
    assert funding_rows(funds) == {("Ministerium für Digitales", None, "Rathaus online", Decimal(3_000_000), None,
                                    None)}


def test_money_of_the_federation_and_a_kreis_funding_a_gemeinde(doc_factory):
    text = ("Aus Mitteln des Bundes kommen für die Stadt Asch weitere 500.000 Euro hinzu. Der Kreis Wiesental "
            "fördert die Gemeinde Colm mit 10.000 Euro.")
    ents = [("Bundes", "Country", "Deutschland"), ("Stadt Asch", M, "Asch"), ("Kreis Wiesental", D, "Kreis Wiesental"),
            ("Gemeinde Colm", M, "Colm")]
    amts = [amount(text, "500.000 Euro", value=500000), amount(text, "10.000 Euro", value=10000)]
    _, funds = run(doc_factory, text, ents, amts)
    assert funding_rows(funds) == {("Deutschland", "Asch", None, Decimal(500000), None, None),
                                   ("Kreis Wiesental", "Colm", None, Decimal(10000), None, None)}


def test_sums_that_stand_ready_but_not_what_was_already_there(doc_factory):
    text = "Für das Vorhaben „Akte online“ stehen insgesamt 900.000 Euro bereit."
    ents = [("Akte online", P, "Akte online")]
    _, funds = run(doc_factory, text, ents, [amount(text, "900.000 Euro", value=900000)])
    assert funding_rows(funds) == {(None, None, "Akte online", Decimal(900000), None, None)}
    text = "Das Vorhaben „Akte online“ hat bereits 900.000 Euro gekostet."
    _, funds = run(doc_factory, text, ents, [amount(text, "900.000 Euro", value=900000)])
    assert funds == []
