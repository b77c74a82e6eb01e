"""The build split for batch jobs: ``egovkg extract`` per document, ``egovkg merge`` after,
giving the same files as one ``egovkg build``; and the benchmark script runs."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from egovkg.cli import app
from egovkg.errors import EgovkgError
from egovkg.graph import merge
from egovkg.ingest.extract import extract_all
from egovkg.ingest.load import load_documents
from egovkg.ingest.nlp import make_pipeline

from conftest import EXAMPLES, ROOT

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    result = runner.invoke(app, ["build", str(EXAMPLES), "--out", str(out), "--model", "rules", "--no-cache"])
    assert result.exit_code == 0, result.output
    return out


def test_merge_of_per_file_extractions_equals_the_build(built, tmp_path):
    files = sorted(p for p in EXAMPLES.iterdir() if p.is_file())
    assert len(files) >= 5
    for i, f in enumerate(files):  # one batch job per file, each into its own folder
        r = runner.invoke(app, ["extract", str(f), "--out", str(tmp_path / "parts" / f"job{i}"), "--model", "rules"])
        assert r.exit_code == 0, r.output
    assert list((tmp_path / "parts").rglob("*.trig"))
    r = runner.invoke(app, ["merge", str(tmp_path / "parts"), "--out", str(tmp_path / "merged")])
    assert r.exit_code == 0, r.output
    for name in ("graph.ttl", "graph.trig", "graph.jsonld"):
        assert (tmp_path / "merged" / name).read_bytes() == (built / name).read_bytes(), name


def test_per_document_trig_holds_the_named_graph_of_that_document(built, tmp_path):
    r = runner.invoke(app, ["extract", str(EXAMPLES), "--out", str(tmp_path / "x"), "--model", "rules"])
    assert r.exit_code == 0, r.output
    whole = Dataset()
    whole.parse(built / "graph.trig", format="trig")
    checked = 0
    for trig in sorted((tmp_path / "x").glob("*.trig")):
        part = Dataset()
        part.parse(trig, format="trig")
        names = {g.identifier for g in part.graphs() if len(g)}
        assert len(names) == 1
        name = names.pop()
        assert str(name).endswith(trig.stem)
        # no cross-document merge in the examples: the document's graph is the same
        if isomorphic(part.graph(name), whole.graph(name)):
            checked += 1
    assert checked >= len(list((tmp_path / "x").glob("*.trig"))) - 1


def test_json_round_trip_is_exact():
    docs = load_documents([EXAMPLES]).documents
    extractions = extract_all(make_pipeline("rules"), docs)
    assert any(ex.fundings for ex in extractions) and any(ex.relations for ex in extractions)
    for ex in extractions:
        data = json.loads(merge.dumps(ex, seq=2, pipeline="p"))
        assert data["seq"] == 2
        assert merge.extraction_from_json(data) == ex


def _write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_cross_document_typo_is_merged_only_at_merge_time(tmp_path):
    _write(tmp_path / "a", "eins.txt", "Neues Portal\n\n[04.02.2022] Bürgermeisterin Cornelia Hollenbach "
           "aus Ahaus stellte das Portal vor. Cornelia Hollenbach lobte das Team.\n")
    _write(tmp_path / "b", "zwei.txt", "Portal gestartet\n\n[05.02.2022] Das Portal ist online. "
           "Bürgermeisterin Cornelia Holenbach aus Ahaus eröffnete das Portal.\n")
    for job in ("a", "b"):
        merge.extract_files([tmp_path / job], tmp_path / "x" / job, model="rules")
    per_doc = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "x").rglob("*.trig"))
    assert "person/cornelia-holenbach" in per_doc  # the document-local view keeps the typo
    merge.merge_dirs([tmp_path / "x"], tmp_path / "m")
    ttl = (tmp_path / "m" / "graph.ttl").read_text(encoding="utf-8")
    assert "person/cornelia-hollenbach" in ttl and "person/cornelia-holenbach>" not in ttl
    assert '"Cornelia Holenbach"@de' in ttl  # kept as an alternative label


def test_merge_refuses_mixed_pipeline_versions(tmp_path):
    _write(tmp_path / "c", "eins.txt", "Portal\n\n[04.02.2022] Die Stadt Ahaus startet ein Portal.\n")
    _write(tmp_path / "c", "zwei.txt", "Portal\n\n[05.02.2022] Die Stadt Lingen startet ein Portal.\n")
    merge.extract_files([tmp_path / "c"], tmp_path / "x", model="rules", trig=False)
    first = sorted((tmp_path / "x").glob("*.json"))[0]
    data = json.loads(first.read_text(encoding="utf-8"))
    data["pipeline"] = "rules\x1fandere-version"
    first.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(EgovkgError, match="different pipeline versions"):
        merge.merge_dirs([tmp_path / "x"], tmp_path / "m")
    assert merge.merge_dirs([tmp_path / "x"], tmp_path / "m", allow_mixed=True).documents == 2


def test_merge_rejects_foreign_json(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "fremd.json").write_text('{"hallo": "Welt"}', encoding="utf-8")
    with pytest.raises(EgovkgError, match="not an egovkg extraction"):
        merge.merge_dirs([tmp_path / "x"], tmp_path / "m")
    with pytest.raises(EgovkgError, match="not a folder"):
        merge.merge_dirs([tmp_path / "fehlt"], tmp_path / "m")


def test_benchmark_script_reports_rates_and_the_tokeniser_ratio(tmp_path):
    from scaling_helpers import write_corpus

    corpus = write_corpus(tmp_path / "c", 6)
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "build.py"), str(corpus), "--json", str(tmp_path / "f.json")],
        capture_output=True, text=True, timeout=600, check=True,
    ).stdout
    assert "ratio build/tokeniser" in out
    fig = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))
    assert fig["documents"] == 6 and fig["words/s"] > 0 and fig["bare tokeniser (s)"] > 0
    stages = fig["stages (s)"]
    assert {"read+clean (forked reader)", "  read, alone, after the build", "  clean, alone, after the build",
            "import spaCy + load model (meanwhile)", "ner+relations (wall)", "graph (dataset_graphs)",
            "export:ttl"} <= set(stages)
    assert stages["read+clean (forked reader)"] > 0 and stages["  read, alone, after the build"] > 0
    assert stages["  ner (cpu, all workers)"] > 0 and stages["  relations+fundings (cpu, all workers)"] > 0
    assert fig["peak RSS main (MB)"] > 0
    assert fig["egovkg build command (s)"] > 0
    assert fig["ratio command/tokeniser"] == pytest.approx(fig["egovkg build command (s)"] / fig["bare tokeniser (s)"])


def test_benchmark_repeat_reports_medians_of_fresh_runs(tmp_path):
    """--repeat N: N runs in fresh processes; the figures are the medians of the runs listed."""
    import statistics

    from scaling_helpers import write_corpus

    corpus = write_corpus(tmp_path / "c", 4)
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "build.py"), str(corpus), "--repeat", "3",
         "--json", str(tmp_path / "f.json")],
        capture_output=True, text=True, timeout=900, check=True,
    )
    fig = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))
    walls, tokens, ratios = fig["build wall per run (s)"], fig["bare tokeniser per run (s)"], fig["ratio per run"]
    assert len(walls) == len(tokens) == len(ratios) == 3
    assert fig["build wall (s)"] == pytest.approx(statistics.median(walls), abs=0.001)
    assert fig["bare tokeniser (s)"] == pytest.approx(statistics.median(tokens), abs=0.001)
    assert fig["ratio build/tokeniser"] == pytest.approx(fig["build wall (s)"] / fig["bare tokeniser (s)"])
    assert [w / t for w, t in zip(walls, tokens)] == pytest.approx(ratios, rel=0.05)
    commands = fig["egovkg build command per run (s)"]
    assert fig["egovkg build command (s)"] == pytest.approx(statistics.median(commands), abs=0.001)
    assert [c / t for c, t in zip(commands, tokens)] == pytest.approx(fig["command ratio per run"], rel=0.05)
    assert fig["documents"] == 4 and fig["stages (s)"]["ner+relations (wall)"] > 0


def test_extraction_dump_is_deterministic_and_complete(tmp_path):
    script = ROOT / "benchmarks" / "dump_extractions.py"
    for run in ("a", "b"):
        subprocess.run([sys.executable, str(script), str(tmp_path / run), str(EXAMPLES)],
                       capture_output=True, text=True, timeout=600, check=True)
    (dump,) = (tmp_path / "a").iterdir()
    text = dump.read_text(encoding="utf-8")
    assert dump.name == "examples_corpus.txt"
    assert text == (tmp_path / "b" / dump.name).read_text(encoding="utf-8")
    kinds = {line.split(" ", 1)[0] for line in text.splitlines()}
    assert kinds == {"DOC", "M", "R", "F"}
    from egovkg.ingest.load import load_documents

    assert [ln.split()[1] for ln in text.splitlines() if ln.startswith("DOC ")] == [
        d.doc_id for d in load_documents([EXAMPLES]).documents]
