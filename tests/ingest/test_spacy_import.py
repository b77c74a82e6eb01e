"""spaCy imported without its command-line package (``egovkg.ingest.spacy_import``).

Each check runs in a fresh interpreter: in the test process spaCy is imported already.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import spacy

from egovkg.ingest.spacy_import import import_spacy


def _run(code: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_spacy_works_without_the_cli_package_and_the_cli_comes_back_on_demand():
    out = _run("""
        import json, sys
        from egovkg.ingest.spacy_import import import_spacy
        spacy = import_spacy()
        state = {"cli_loaded": "spacy.cli" in sys.modules, "cli_attr": hasattr(spacy, "cli")}
        state["tokens"] = [t.text for t in spacy.blank("de")("Die Stadt Ibbenbüren tritt bei.")]
        state["info_keys"] = sorted(spacy.info(silent=True))  # the real command, imported now
        import spacy.cli
        state["download"] = spacy.cli.download.__module__
        print(json.dumps(state))
    """)
    assert out["cli_loaded"] is False and out["cli_attr"] is False
    assert out["tokens"] == ["Die", "Stadt", "Ibbenbüren", "tritt", "bei", "."]
    assert "pipelines" in out["info_keys"] and "spacy_version" in out["info_keys"]
    assert out["download"] == "spacy.cli.download"


def test_falls_back_to_the_ordinary_import_when_spacy_needs_more_of_its_cli():
    # Placeholders without ``info``: spaCy's ``from .cli.info import info`` fails, as it would
    # for a spaCy version that imports more of spacy.cli at import time.
    out = _run("""
        import json, sys
        from types import ModuleType
        from egovkg.ingest import spacy_import
        spacy_import._placeholders = lambda: {"spacy.cli": ModuleType("spacy.cli"),
                                              "spacy.cli.info": ModuleType("spacy.cli.info")}
        spacy = spacy_import.import_spacy()
        print(json.dumps({"info": spacy.info.__module__, "cli_loaded": "spacy.cli" in sys.modules,
                          "tokens": len(spacy.blank("de")("Ein Satz."))}))
    """)
    assert out == {"info": "spacy.cli.info", "cli_loaded": True, "tokens": 3}


def test_the_build_imports_spacy_without_its_cli(tmp_path: Path):
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Modellkommune Ahaus\n\nDas Bundesministerium des Innern fördert die Stadt Ahaus mit bis zu "
        "60.000 Euro. Die Stadt ist Mitglied im Zweckverband KAAW. Bürgermeisterin Karola Voß "
        "begrüßt die Förderung und kündigt neue Online-Dienste für die Bürgerinnen und Bürger an.\n",
        encoding="utf-8")
    out = _run(f"""
        import json, sys
        from egovkg.pipeline import build
        report = build([{str(corpus)!r}], {str(tmp_path / "out")!r}, model="rules", workers=1)
        print(json.dumps({{"cli_loaded": "spacy.cli" in sys.modules, "documents": report.documents,
                          "skipped": [s.reason for s in report.skipped]}}))
    """)
    assert out == {"cli_loaded": False, "documents": 1, "skipped": []}


def test_an_imported_spacy_is_returned_as_it_is():
    assert import_spacy() is spacy
    assert sys.modules["spacy"] is spacy
