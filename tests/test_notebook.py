"""The analyst notebook runs from top to bottom against the current code."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


@pytest.mark.slow
def test_explore_notebook_executes(tmp_path, monkeypatch):
    # the kernel must be this venv's python (jupyter_client maps "python" in the spec to it; the PATH
    # makes sure of it for any spec that names a bare python)
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    monkeypatch.setenv("EGOVKG_ROOT", str(NOTEBOOK.parent.parent))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", timeout=600,
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    outputs = {i: cell.get("outputs", []) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"}
    errors = [o for outs in outputs.values() for o in outs if o.get("output_type") == "error"]
    assert not errors
    text = "\n".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "")
                     for outs in outputs.values() for o in outs)
    assert "graph.html" in text and "graph.trig" in text
    assert "aLabel" in text and "amountText" in text and "personLabel" in text
    # a figure was drawn and the HTML view embedded (escaped into srcdoc)
    images = [o for outs in outputs.values() for o in outs if "image/png" in o.get("data", {})]
    assert images
    frames = [o["data"]["text/html"] for outs in outputs.values() for o in outs
              if "text/html" in o.get("data", {}) and "<iframe" in o["data"]["text/html"]]
    assert frames and "srcdoc=\"&lt;" in frames[0]
    # the notebook's results come from a real build of the example corpus
    built = [o for outs in outputs.values() for o in outs if "documents," in o.get("text", "")]
    assert built and not built[0]["text"].startswith("0 documents")
