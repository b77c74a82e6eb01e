"""Hostile article text (markup, script, SPARQL-looking strings, control and bidi characters,
a 10,000-character name, spreadsheet formulas) is escaped or dropped in every output.

The hostile strings sit in articles that also name a real place, so they reach entity labels,
titles and evidence sentences. One build through the real CLI serves all tests.
"""
from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import DCTERMS
from typer.testing import CliRunner

from egovkg.cli import app

LONG_NAME = "Q" + "w" * 9_999
# NUL is left out: a NUL in a text file makes it "binary" and skipped (tests/ingest/test_bad_input.py)
CONTROL = "".join(chr(c) for c in range(1, 0x20) if c not in (0x09, 0x0A, 0x0D)) + "\x7f"
BIDI = "\u202e\u200f"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"

HOSTILE = (
    f"Stadt {IMG}: Portal\n\n"
    f"[03.04.2023] Die Stadt Musterhausen startet ein Bürgerportal {SCRIPT} mit 50.000 Euro. "
    f"Die Stadt {IMG} kooperiert mit der Stadt Musterhausen. "
    'Der Kreis "} ; DROP ALL ; # kooperiert mit der Gemeinde <http://evil>. '
    f"Die Stadt {LONG_NAME} arbeitet mit der Stadt Musterhausen zusammen. "
    f"Die Gemeinde Steu{CONTROL}erhausen und die Stadt {BIDI[0]}Rechtshausen{BIDI[1]} kooperieren mit "
    f"der Stadt Musterhausen {SCRIPT} {IMG} \"}} ; DROP ALL ; # <http://evil> </script><!-- ]]> &amp; \"Zitat\".\n"
)
# titles a spreadsheet would run as formulas; each article also names a real place
FORMULAS = ['=HYPERLINK("http://evil";"klick")', "+1+cmd|' /C calc'!A0", "-2+3 Portal", "@SUM(A1:A9) Bericht"]

RDF_FILES = {"graph.ttl": ox.RdfFormat.TURTLE, "graph.trig": ox.RdfFormat.TRIG, "graph.jsonld": ox.RdfFormat.JSON_LD}
OUTPUTS = (*RDF_FILES, "graph.graphml", "graph.gexf", "graph.html")
BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u200e\u200f\u2066-\u2069]")


def _build(corpus: Path, out: Path) -> Path:
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return out


@pytest.fixture(scope="module")
def benign(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("benign")
    (root / "korpus").mkdir()
    (root / "korpus" / "gut.txt").write_text(
        "Land: Portal\n\n[03.04.2023] Die Gemeinde Lotte und die Stadt Rechtshausen kooperieren mit der "
        "Stadt Musterhausen.\n", encoding="utf-8")
    return _build(root / "korpus", root / "out")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    corpus, out = root / "korpus", root / "out"
    corpus.mkdir()
    (corpus / "boese.txt").write_text(HOSTILE, encoding="utf-8")
    for i, title in enumerate(FORMULAS):
        (corpus / f"formel{i}.txt").write_text(
            f"{title}\n\n[0{i + 1}.05.2023] Die Gemeinde Lotte digitalisiert ihre Verwaltung Nummer {i}.\n",
            encoding="utf-8")
    return _build(corpus, out)


def _quads(path: Path) -> list[ox.Quad]:
    return list(ox.parse(path=str(path), format=RDF_FILES[path.name]))


def _literals(path: Path) -> set[str]:
    return {q.object.value for q in _quads(path) if isinstance(q.object, ox.Literal)}


@pytest.mark.parametrize("name", list(RDF_FILES))
def test_rdf_outputs_parse_and_keep_the_text_as_data(built: Path, name: str) -> None:
    quads = _quads(built / name)
    literals = _literals(built / name)
    # the hostile text is there, as literal data (this test is not vacuous) ...
    assert f"Stadt {IMG}: Portal" in literals
    assert any(SCRIPT in lit for lit in literals)
    assert any('"} ; DROP ALL ; #' in lit and "<http://evil>" in lit for lit in literals)
    # ... and never became structure: no IRI or graph name from article text
    iris = {t.value for q in quads for t in (q.subject, q.predicate, q.object, q.graph_name)
            if isinstance(t, ox.NamedNode)}
    assert not any("evil" in iri or "<" in iri or " " in iri for iri in iris)
    # N-Quads of the same data round-trip too
    nq = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert len(set(ox.parse(nq, format=ox.RdfFormat.N_QUADS))) == len(set(quads))


def test_control_and_bidi_characters_are_dropped_everywhere(built: Path) -> None:
    for name in OUTPUTS:
        text = (built / name).read_text(encoding="utf-8")
        assert not BAD_CHARS.search(text), (name, BAD_CHARS.search(text))
    literals = _literals(built / "graph.ttl")
    assert any("Steuerhausen" in lit for lit in literals)  # dropped, not the whole sentence lost
    assert any("Rechtshausen" in lit for lit in literals)


def test_very_long_name_does_not_break_outputs(built: Path) -> None:
    labels = _literals(built / "graph.ttl")
    assert any(LONG_NAME[:500] in lit for lit in labels)  # it went through, as data


@pytest.mark.parametrize("name", ["graph.graphml", "graph.gexf"])
def test_xml_outputs_parse_and_return_the_text_unchanged(built: Path, name: str) -> None:
    root = ET.parse(built / name).getroot()
    values = {el.text for el in root.iter() if el.text} | {v for el in root.iter() for v in el.attrib.values()}
    assert any(IMG in v for v in values)  # escaped in the file, the same text after parsing
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert not {"img", "script"} & tags


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(path: Path) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.tags


def test_html_shows_hostile_text_as_text(built: Path, benign: Path) -> None:
    page = (built / "graph.html").read_text(encoding="utf-8")
    tags = _tags(built / "graph.html")
    assert not [t for t, _ in tags if t in ("img", "iframe", "object", "embed")]
    assert not [(t, a) for t, a in tags if any(k.startswith("on") for k in a)]  # no event handlers at all
    assert all("src" not in a for t, a in tags if t == "script")  # nothing loaded, everything inline
    # exactly the template's elements: article text opened none and closed none early
    kinds = ("script", "style", "meta", "link", "a", "form", "input", "base")
    assert [t for t, _ in tags if t in kinds] == [t for t, _ in _tags(benign / "graph.html") if t in kinds]
    assert "<script>alert" not in page and "onerror=alert(1)>" not in page
    assert "</script><!--" not in page
    # the text is in the page, escaped inside the JSON data
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_query_csv_neutralises_formula_cells(built: Path) -> None:
    query = f"SELECT ?t WHERE {{ ?d <{DCTERMS.title}> ?t }} ORDER BY ?t"
    result = CliRunner().invoke(app, ["query", str(built / "graph.ttl"), query, "--format", "csv"])
    assert result.exit_code == 0, result.output
    cells = [row[0] for row in _csv_rows(result.stdout)[1:]]
    starts = [c for c in cells if c[:1] in "'=+-@"]
    assert len(starts) >= len(FORMULAS), cells  # the formula titles reached the CSV ...
    assert all(c.startswith("'") for c in starts), starts  # ... neutralised


def test_network_csvs_neutralise_formula_cells(built: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["network", str(built / "graph.ttl"), "--out", str(tmp_path)])
    if result.exit_code != 0 and "No such command" in result.output:
        pytest.skip("no network command")
    assert result.exit_code == 0, result.output + repr(result.exception)
    csvs = sorted(tmp_path.glob("*.csv"))
    assert csvs
    for path in csvs:
        for row in _csv_rows(path.read_text(encoding="utf-8")):
            for cell in row:
                assert not cell.startswith(("=", "+", "@")) and not re.match(r"-[^\d]", cell), (path.name, cell)
