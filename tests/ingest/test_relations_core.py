"""extract_facts: evidence, de-duplication, the domain/range filter and the configuration."""
from __future__ import annotations

import sys
from pathlib import Path

import json
import shutil

import pytest
sys.path.insert(0, str(Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from relations_helpers import DATE, run  # noqa: E402

from egovkg.ingest.rel_config import default_folder, fits, load_config
from egovkg.ingest.relations import extract_facts, filter_relations
from egovkg.model import PREDICATES, Evidence, Relation

M, O = "Municipality", "Organization"


def test_evidence_carries_document_sentence_offsets_role_and_date(doc_factory):
    text = "Ein Satz vorweg. Das sagte Hans Kiefer, Bürgermeister der Stadt Asch, am Montag. Noch ein Satz."
    rels, _ = run(doc_factory, text, [("Hans Kiefer", "Person", "Hans Kiefer"), ("Stadt Asch", M, "Asch")])
    assert len(rels) == 1
    ev = rels[0].evidence
    assert ev.doc_id == "doc1" and ev.date == DATE and ev.role == "Bürgermeister"
    assert ev.sentence == "Das sagte Hans Kiefer, Bürgermeister der Stadt Asch, am Montag."
    assert text[ev.start:ev.end] == ev.sentence
    assert ev.extractor.startswith("pattern:") and 0 < ev.confidence <= 1


def test_same_fact_in_two_sentences_keeps_both_evidences(doc_factory):
    text = "Die Stadt Asch ist Mitglied der IVS. Auch heute ist Asch Mitglied der IVS."
    rels, _ = run(doc_factory, text, [("Stadt Asch", M, "Asch"), ("IVS", O, "IVS"), ("Asch", M, "Asch"), ("IVS", O, "IVS")])
    member = [r for r in rels if r.predicate == "memberOf"]
    assert len(member) == 2
    assert len({r.evidence.start for r in member}) == 2


def test_every_evidence_names_both_ends(doc_factory):
    text = ("Das Innenministerium hat die Stadt Asch zur Pilotkommune Digitales Rathaus ernannt. Begleitet wird die "
            "Stadt Asch dabei vom Zweckverband IVS, dem sie angehört. Die IVS hat ihren Sitz in Colm.")
    ents = [("Innenministerium", "Ministry", "Innenministerium"), ("Stadt Asch", M, "Asch"),
            ("Digitales Rathaus", "Programme", "Digitales Rathaus"), ("Stadt Asch", M, "Asch"),
            ("Zweckverband IVS", O, "IVS"), ("IVS", O, "IVS"), ("Colm", M, "Colm")]
    doc_rels, _ = run(doc_factory, text, ents)
    surfaces = {}
    for surface, _, canonical in ents:
        surfaces.setdefault(canonical, set()).add(surface)
    assert len(doc_rels) >= 5
    for r in doc_rels:
        for end in (r.subject, r.object):
            assert any(s in r.evidence.sentence for s in surfaces[end[1]]), (r, end)


def _rel(s, p, o):
    return Relation(s, p, o, Evidence("d", "x", 0, 1, "test", 0.5))


def test_filter_drops_self_relations_and_domain_violations():
    cfg = load_config()
    rels = [
        _rel((M, "Asch"), "cooperatesWith", (M, "Asch")),
        _rel((M, "Asch"), "memberOf", ("District", "Kreis Wiesental")),
        _rel(("Person", "Eva Roth"), "heads", ("Programme", "Digitales Rathaus")),
        _rel((M, "Asch"), "heads", (O, "IVS")),
        _rel((M, "Asch"), "memberOf", (O, "IVS")),
    ]
    assert [(r.subject, r.predicate, r.object) for r in filter_relations(rels, cfg)] == [
        ((M, "Asch"), "memberOf", (O, "IVS"))]


def test_filter_keeps_one_per_triple_and_evidence():
    cfg = load_config()
    a = _rel((M, "Asch"), "memberOf", (O, "IVS"))
    b = Relation(a.subject, a.predicate, a.object, Evidence("d", "x", 0, 1, "other", 0.9))
    kept = filter_relations([a, b], cfg)
    assert len(kept) == 1 and kept[0].evidence.confidence == 0.9


@pytest.mark.parametrize("pred, s, o, ok", [
    ("memberOf", "Person", "Organization", True), ("memberOf", "Municipality", "Municipality", False),
    ("heads", "Person", "District", True), ("heads", "Organization", "District", False),
    ("runs", "State", "Programme", True), ("runs", "Municipality", "Programme", False),
    ("participatesIn", "Region", "Programme", True), ("supports", "Organization", "Municipality", True),
    ("locatedIn", "Organization", "Municipality", True), ("locatedIn", "Municipality", "Organization", False),
])
def test_domain_range_table(pred, s, o, ok):
    assert fits(load_config(), pred, s, o) is ok


def test_every_predicate_has_a_domain_entry():
    cfg = load_config()
    assert set(cfg.domain["predicates"]) == set(PREDICATES)


def test_config_with_unknown_relation_is_rejected(tmp_path):
    for f in default_folder().iterdir():
        shutil.copy(f, tmp_path / f.name)
    data = json.loads((tmp_path / "roles.json").read_text(encoding="utf-8"))
    data["roles"]["bürgermeister"]["relation"] = "leads"
    (tmp_path / "roles.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown relation"):
        load_config(str(tmp_path))


def test_roles_are_data(tmp_path, doc_factory):
    """A role word added to the data file is understood without code changes."""
    from relations_helpers import document

    text = "Es sprach Digitallotse Jan Ohl aus Colm."
    doc = doc_factory(text, [("Jan Ohl", "Person", "Jan Ohl"), ("Colm", M, "Colm")])
    assert extract_facts(doc, document(text))[0] == []
    for f in default_folder().iterdir():
        shutil.copy(f, tmp_path / f.name)
    data = json.loads((tmp_path / "roles.json").read_text(encoding="utf-8"))
    data["roles"]["digitallotse"] = {"relation": "worksFor", "role": "Digitallotse", "implies": "Municipality"}
    (tmp_path / "roles.json").write_text(json.dumps(data), encoding="utf-8")
    rels, _ = extract_facts(doc, document(text), config=load_config(str(tmp_path)))
    assert [(r.subject[1], r.predicate, r.object[1]) for r in rels] == [("Jan Ohl", "worksFor", "Colm")]


def test_doc_without_entities_gives_nothing(doc_factory):
    assert run(doc_factory, "Heute regnet es in Strömen.", []) == ([], [])


def test_evidence_of_a_generic_noun_reaches_back_to_the_name(doc_factory):
    text = "Die Stadt Asch testet den Bürgerkoffer. Dabei wurde die Kommune vom Zweckverband IVS unterstützt."
    rels, _ = run(doc_factory, text, [("Stadt Asch", M, "Asch"), ("Zweckverband IVS", O, "IVS")])
    (rel,) = [r for r in rels if r.predicate == "supports"]
    assert "Stadt Asch" in rel.evidence.sentence and "Zweckverband IVS" in rel.evidence.sentence
    assert text[rel.evidence.start:rel.evidence.end] == rel.evidence.sentence


def test_one_entity_gives_fundings_but_no_relations(doc_factory):
    """A Doc naming a single entity (here twice) skips the relation rules; its sums still count,
    and a second entity brings the relations back."""
    text = "Das Land Hessen fördert das Vorhaben mit 2 Millionen Euro. Hessen ist damit Vorreiter."
    one = [("Land Hessen", "State", "Hessen"), ("Hessen", "State", "Hessen")]
    rels, fundings = run(doc_factory, text, one)
    assert rels == []
    assert [(f.amount.value, f.funder) for f in fundings] == [(2000000, ("State", "Hessen"))]
    text = "Die Stadt Colm und die Stadt Asch arbeiten beim Breitbandausbau eng zusammen."
    rels, _ = run(doc_factory, text, [("Colm", M, "Colm"), ("Asch", M, "Asch")])
    assert [(r.predicate, {r.subject[1], r.object[1]}) for r in rels] == [("cooperatesWith", {"Asch", "Colm"})]
    rels, _ = run(doc_factory, text.replace("Asch", "Colm"), [("Colm", M, "Colm"), ("Colm", M, "Colm")])
    assert rels == []
