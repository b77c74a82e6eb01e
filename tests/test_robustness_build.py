"""End to end: a build over a folder full of bad input finishes, names every skipped file with
its reason, keeps all good content and stays within the memory of a normal build.

The ingest-level behaviour of each bad file is tested in ``tests/ingest/test_bad_input.py``;
here the real CLI runs (``CliRunner`` on ``egovkg.cli.app`` and the installed ``egovkg``
script in a subprocess).

Unreadable files: tests run as root, where ``chmod 000`` does not stop a read. The in-process
test therefore patches ``open`` to raise ``PermissionError`` for one path, and makes a second
file vanish between listing and reading by wrapping ``egovkg.ingest.load.iter_files``; the
subprocess test uses a dangling symlink (a listed entry whose file is gone).
"""
from __future__ import annotations

import builtins
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import DCTERMS, SKOS
from typer.testing import CliRunner

import egovkg.ingest.load as load_mod
from egovkg.cli import app

ROOT = Path(__file__).resolve().parent.parent
EGOVKG = ROOT / ".venv" / "bin" / "egovkg"
RSS_LIMIT_KB = 1_500_000  # 1.5 GB: generous; a normal build of a few files needs ~250 MB

# file name -> bytes; together they must give LABELS and TITLES
GOOD: dict[str, bytes] = {
    "gut.txt": ("Digitales Rathaus: Neues Portal\n\n[03.04.2023] Die Stadt Musterhausen startet ein "
                "Bürgerportal. Bürgermeisterin Erika Beispiel stellte es am Montag vor.\n").encode(),
    "cp1252.txt": ("Kreis: Förderung für Gemeinden\n\n[05.06.2022] Der Kreis Steinfurt unterstützt die "
                   "Gemeinde Lotte bei der Digitalisierung – „schnell und günstig“.\n").encode("cp1252"),
    "latin1.txt": ("Land: Große Pläne\n\n[07.08.2021] Das Land Nordrhein-Westfalen fördert die Stadt "
                   "Ahaus. Die Bürger freuen sich über kürzere Wege.\n").encode("latin-1"),
    "zeilenenden.txt": (b"Land: Zeilen\r\n\r\n[01.02.2020] Die Stadt Meerane\r digitalisiert\n ihre "
                        b"Verwaltung.\r\nDer Kreis Zwickau hilft dabei.\n"),
    "seite.html": ("<html><head><title>Stadt Düren startet App</title><style>body{color:red}</style>"
                   "<script>var s = 'Die Stadt Bösingen'; alert(1)</script></head><body><article>"
                   "<h1>Stadt Düren startet App</h1><p>[09.10.2023] Die Stadt Düren bietet eine neue App "
                   "an. Der Kreis Düren unterstützt das Projekt mit eigenem Personal.</p>"
                   "<script>document.write('Gemeinde Skriptdorf')</script></article></body></html>").encode(),
    "ordner mit leerzeichen/Über Gemeinde ä.txt": (
        "Gemeinde: Neues\n\n[11.12.2019] Die Gemeinde Wettringen führt die E-Akte ein.\n").encode(),
}
LABELS = {"Musterhausen", "Lotte", "Ahaus", "Meerane", "Düren", "Wettringen"}
TITLES = {"Kreis: Förderung für Gemeinden", "Land: Große Pläne"}  # decoded, not mojibake

BAD: dict[str, tuple[bytes, str]] = {
    "leer.txt": (b"", "empty file"),
    "bild.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary"),
    "kaputt.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> kaputt", "broken PDF"),
}


def make_corpus(root: Path) -> None:
    """Good files, bad files, a dangling symlink and a symlink loop under ``root``."""
    for name, data in {**GOOD, **{n: d for n, (d, _) in BAD.items()}}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    os.symlink(root / "gibt_es_nicht.txt", root / "verwaist.txt")
    os.symlink("..", root / "ordner mit leerzeichen" / "schleife")


def twenty_megabytes(path: Path) -> Path:
    sentence = "Die Gemeinde Beispielfeld digitalisiert Schritt für Schritt ihre Verwaltung. "
    path.write_text(sentence * (20_000_000 // len(sentence)), encoding="utf-8")
    return path


def labels_and_titles(ttl: Path) -> tuple[set[str], set[str]]:
    pref, title = ox.NamedNode(str(SKOS.prefLabel)), ox.NamedNode(str(DCTERMS.title))
    quads = list(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
    return ({q.object.value for q in quads if q.predicate == pref},
            {q.object.value for q in quads if q.predicate == title})


def skip_lines(stderr: str, path: Path) -> list[str]:
    return [ln for ln in stderr.splitlines() if str(path) in ln]


# ------------------------------------------------------------------------------ in process
def test_cli_build_skips_bad_files_names_them_and_keeps_good_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, out = tmp_path / "korpus", tmp_path / "out"
    corpus.mkdir()
    make_corpus(corpus)
    vanishing = corpus / "verschwindet.txt"
    vanishing.write_text("Kreis: Weg\n\n[01.01.2024] Die Stadt Verschwindibus ist gleich weg.\n", encoding="utf-8")
    locked = corpus / "gesperrt.txt"
    locked.write_text("Kreis: Zu\n\n[01.01.2024] Die Stadt Gesperrtheim bleibt zu.\n", encoding="utf-8")

    real_iter, real_open = load_mod.iter_files, builtins.open

    def list_then_lose_one(paths):  # type: ignore[no-untyped-def]
        listed = list(real_iter(paths))
        vanishing.unlink()  # gone between listing and reading
        return iter(listed)

    def deny(file, *args, **kw):  # type: ignore[no-untyped-def]
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kw)

    monkeypatch.setattr(load_mod, "iter_files", list_then_lose_one)
    monkeypatch.setattr(builtins, "open", deny)
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(out)])
    monkeypatch.undo()

    assert result.exit_code == 0, result.output + repr(result.exception)
    expected = {corpus / n: reason for n, (_, reason) in BAD.items()}
    expected |= {corpus / "verwaist.txt": "vanished", vanishing: "vanished", locked: "permission denied"}
    summary = result.stderr.split("file(s) skipped:")[-1]
    assert f"{len(expected)} file(s) skipped:" in result.stderr
    for path, reason in expected.items():
        lines = skip_lines(result.stderr, path)
        assert len(lines) == 2, (path, result.stderr)  # live, and again in the summary
        assert all(reason in ln for ln in lines), (path, lines)
        assert str(path) in summary
    # nothing good was skipped, the loop was not followed twice, nothing of the scripts was read
    for name in GOOD:
        assert not skip_lines(result.stderr, corpus / name)
    labels, titles = labels_and_titles(out / "graph.ttl")
    assert LABELS <= labels, LABELS - labels
    assert TITLES <= titles
    assert not {"Verschwindibus", "Gesperrtheim", "Bösingen", "Skriptdorf"} & labels
    assert "6 documents" in result.stdout
    for name in ("graph.ttl", "graph.trig", "graph.jsonld", "graph.graphml", "graph.gexf", "graph.html"):
        assert (out / name).stat().st_size > 0


def test_strict_exits_non_zero_but_a_clean_folder_passes(tmp_path: Path) -> None:
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    make_corpus(corpus)
    bad = CliRunner().invoke(app, ["build", str(corpus), "--out", str(tmp_path / "a"), "--strict"])
    assert bad.exit_code != 0 and "--strict" in str(bad.exception)
    good_only = tmp_path / "gut"
    good_only.mkdir()
    (good_only / "gut.txt").write_bytes(GOOD["gut.txt"])
    ok = CliRunner().invoke(app, ["build", str(good_only), "--out", str(tmp_path / "b"), "--strict"])
    assert ok.exit_code == 0, ok.output


# ------------------------------------------------------------------------------ subprocess
def _measured_build(args: list[str]) -> tuple[subprocess.CompletedProcess, int]:
    """Run ``egovkg`` via a tiny parent that reports the peak RSS (kB) of its only child, so
    earlier children of the test process do not count."""
    code = (
        "import json, resource, subprocess, sys\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps({'rc': p.returncode, 'out': p.stdout, 'err': p.stderr, 'rss': rss}))\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(EGOVKG), *args], capture_output=True, text=True,
                         timeout=600, check=True)
    data = json.loads(run.stdout)
    return subprocess.CompletedProcess(args, data["rc"], data["out"], data["err"]), data["rss"]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_subprocess_build_with_a_20_mb_file_stays_within_normal_memory(
    tmp_path: Path, record_property: pytest.RecordProperty
) -> None:
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    make_corpus(corpus)
    normal, rss_normal = _measured_build(["build", str(corpus), "--out", str(tmp_path / "normal")])
    assert normal.returncode == 0, normal.stderr
    big = twenty_megabytes(corpus / "riesig eine zeile.txt")
    with_big, rss_big = _measured_build(["build", str(corpus), "--out", str(tmp_path / "gross")])
    record_property("peak_rss_kb_normal", rss_normal)
    record_property("peak_rss_kb_with_20mb", rss_big)
    print(f"peak RSS: normal build {rss_normal / 1024:.0f} MB, with a 20 MB one-line file {rss_big / 1024:.0f} MB")
    assert with_big.returncode == 0, with_big.stderr
    assert "Traceback" not in with_big.stderr
    assert rss_normal < RSS_LIMIT_KB and rss_big < RSS_LIMIT_KB
    lines = skip_lines(with_big.stderr, big)
    assert len(lines) == 2 and all("too long" in ln for ln in lines)
    for name, (_, reason) in BAD.items():
        assert any(reason in ln for ln in skip_lines(with_big.stderr, corpus / name))
    labels, _ = labels_and_titles(tmp_path / "gross" / "graph.ttl")
    assert LABELS <= labels and "Beispielfeld" not in labels
    assert labels == labels_and_titles(tmp_path / "normal" / "graph.ttl")[0]

    strict, _ = _measured_build(["build", str(corpus), "--out", str(tmp_path / "strikt"), "--strict"])
    assert strict.returncode == 2 and "--strict" in strict.stderr and "Traceback" not in strict.stderr


# ------------------------------------------------------------------------------ pathological text
PATHOLOGICAL = {
    "stadt": "Stadt ",
    "anfuehrung": "„",
    "klammer": "(",
    "herr": "Herr ",
    "punkte": "1.1.",
    "buergermeister": "Bürgermeister Hans Muster, ",
    "betrag": "bis zu 1.000 Euro ",
    "foerderung": "Förderung von 5 Millionen Euro durch das Land Sachsen für die Stadt Ahaus, ",
    "kommune": "die Kommune ",
    "klammerdatum": "[01.02.2023] ",
}


@pytest.mark.timeout(300)
@pytest.mark.parametrize("unit", list(PATHOLOGICAL.values()), ids=list(PATHOLOGICAL))
def test_pathological_line_through_the_whole_build(tmp_path: Path, unit: str) -> None:
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    body = unit * (200_000 // len(unit))
    (corpus / "boese.txt").write_text(
        f"Land: Prüfung\n\n[03.04.2023] Die Stadt Musterhausen startet ein Portal.\n\n{body}\n\n"
        "Die Gemeinde Lotte macht auch mit.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output + repr(result.exception)
    labels, _ = labels_and_titles(tmp_path / "out" / "graph.ttl")
    assert {"Musterhausen", "Lotte"} <= labels
