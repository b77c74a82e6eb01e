"""The prepared gazetteer cache: written once, read back instead of parsing, replaced when a
data file changes, never an error when broken or turned off."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from egovkg.ingest import gazetteer, gazetteer_cache

PROBE = """
import hashlib, json, sys
from egovkg.ingest import gazetteer, gazetteer_cache
if sys.argv[1] == "no-parsing":
    def boom(*args, **kwargs):
        raise AssertionError("parsed or tokenised although the prepared cache exists")
    gazetteer._parse_entries = gazetteer._parse_places = gazetteer._label_index = boom
    load = gazetteer_cache.load_or_build
    gazetteer_cache.load_or_build = lambda name, key, build: load(name, key, boom)
from egovkg.ingest.nlp import make_pipeline
nlp = make_pipeline("rules")
doc = nlp("Die Stadt Frankfurt am Main und das Bundesministerium des Innern und für Heimat.")
rdflib = "rdflib" in sys.modules
from egovkg.ingest import ner_gazetteer
curated = ner_gazetteer._curated_matcher(nlp.vocab, nlp.tokenizer)
places = ner_gazetteer._place_matcher(nlp.tokenizer)
data = repr((gazetteer.entries(), gazetteer.places(), sorted(gazetteer.label_index().items()),
             curated.table, list(curated.by_stems.items()), places.table, list(places.by_first.items())))
print(json.dumps({"data": hashlib.sha256(data.encode()).hexdigest(),
                  "ents": [(e.text, e.label_, e.kb_id_) for e in doc.ents], "rdflib": rdflib}))
"""


def _probe(cache: str, mode: str = "") -> dict:
    env = {**os.environ, gazetteer_cache.CACHE_ENV: cache}
    out = subprocess.run([sys.executable, "-c", PROBE, mode], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_second_run_reads_the_prepared_cache_instead_of_parsing(tmp_path: Path):
    first = _probe(str(tmp_path))
    files = sorted(p.name.split("-")[0] for p in tmp_path.glob("*.pickle"))
    assert files == ["gazetteer", "labels", "matchers"]
    second = _probe(str(tmp_path), "no-parsing")  # fails if anything is parsed or tokenised again
    uncached = _probe("")
    assert first.pop("rdflib") and uncached.pop("rdflib")  # parsing the SKOS file needs rdflib
    assert not second.pop("rdflib")  # the cached pipeline does not import it
    assert first == second == uncached
    assert ["Stadt Frankfurt am Main", "Municipality", "Frankfurt am Main"] in first["ents"]


def test_no_parsing_probe_fails_without_a_cache(tmp_path: Path):
    with pytest.raises(subprocess.CalledProcessError):
        _probe(str(tmp_path / "empty"), "no-parsing")


def test_source_key_follows_the_files(tmp_path: Path):
    copy = tmp_path / "gazetteer"
    shutil.copytree(gazetteer.GAZETTEER_DIR, copy)
    assert gazetteer.source_key(copy) == gazetteer.source_key(gazetteer.GAZETTEER_DIR)
    path = copy / "organizations.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "Organization\tMusterverbund Nord\t\t\t\n", encoding="utf-8")
    assert gazetteer.source_key(copy) != gazetteer.source_key(gazetteer.GAZETTEER_DIR)


def test_load_or_build_stores_reuses_and_replaces(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(gazetteer_cache.CACHE_ENV, str(tmp_path))
    calls: list[str] = []

    def build(value: str):
        def run() -> dict:
            calls.append(value)
            return {"wert": value}
        return run

    assert gazetteer_cache.load_or_build("probe", "k1", build("a")) == {"wert": "a"}
    assert gazetteer_cache.load_or_build("probe", "k1", build("b")) == {"wert": "a"}  # from the file
    assert calls == ["a"]
    assert gazetteer_cache.load_or_build("probe", "k2", build("c")) == {"wert": "c"}
    assert [p.name for p in tmp_path.glob("probe-*.pickle")] == ["probe-k2.pickle"]  # stale one removed
    (tmp_path / "probe-k2.pickle").write_bytes(b"kaputt")
    assert gazetteer_cache.load_or_build("probe", "k2", build("d")) == {"wert": "d"}  # broken file rebuilt
    assert not list(tmp_path.glob("*.tmp"))


def test_cache_turned_off_builds_every_time(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(gazetteer_cache.CACHE_ENV, "")
    assert gazetteer_cache.cache_dir() is None
    calls = []
    for _ in range(2):
        gazetteer_cache.load_or_build("probe", "k", lambda: calls.append(1) or 1)
    assert len(calls) == 2


def test_unwritable_cache_folder_is_no_error(tmp_path: Path, monkeypatch):
    blocker = tmp_path / "datei"
    blocker.write_text("kein Ordner", encoding="utf-8")
    monkeypatch.setenv(gazetteer_cache.CACHE_ENV, str(blocker / "cache"))
    assert gazetteer_cache.load_or_build("probe", "k", lambda: 42) == 42


def test_build_errors_are_not_cached(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(gazetteer_cache.CACHE_ENV, str(tmp_path))

    def broken():
        raise gazetteer.GazetteerError("kaputte Datei")

    with pytest.raises(gazetteer.GazetteerError):
        gazetteer_cache.load_or_build("probe", "k", broken)
    assert not list(tmp_path.iterdir())


def test_matcher_tables_key_follows_tokenizer_and_code(tmp_path: Path, monkeypatch):
    """The cached matcher tables derive from the label words (gazetteer, tokenizer) and from the
    code of ner_gazetteer and ner_base: a change of any gives a new key."""
    from egovkg.ingest import ner_base, ner_gazetteer
    from egovkg.ingest.nlp import make_pipeline

    nlp = make_pipeline("rules")
    key = ner_gazetteer._matcher_tables_key(nlp.tokenizer)
    assert ner_gazetteer._matcher_tables_key(make_pipeline("rules").tokenizer) == key
    other = make_pipeline("rules")
    other.tokenizer.add_special_case("Muster.Amt", [{"ORTH": "Muster.Amt"}])
    assert ner_gazetteer._matcher_tables_key(other.tokenizer) != key
    for module in (ner_gazetteer, ner_base):
        copy = tmp_path / Path(module.__file__).name
        copy.write_bytes(Path(module.__file__).read_bytes() + b"\n# changed\n")
        with monkeypatch.context() as patch:
            patch.setattr(module, "__file__", str(copy))
            assert ner_gazetteer._matcher_tables_key(nlp.tokenizer) != key
    assert ner_gazetteer._matcher_tables_key(nlp.tokenizer) == key
