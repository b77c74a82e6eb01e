"""Ego network, type filter, layout and the static picture."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from egovkg.errors import EgovkgError
from egovkg.graph.io import load_graph
from egovkg.graph.nxview import to_networkx
from egovkg.graph.picture import draw, write_picture
from egovkg.graph.view import MAX_STATIC_NODES, check_types, focus_node, layout, predicate_label, select

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "view_sample.ttl"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def graph():
    return load_graph(SAMPLE)


@pytest.fixture(scope="module")
def nxg(graph):
    return to_networkx(graph)


def _labels(g):
    return {d["label"] for _, d in g.nodes(data=True)}


def test_ego_network_depth(graph, nxg):
    center = focus_node(graph, "Stadt Ibbenbüren")
    assert nxg.nodes[center]["label"] == "Ibbenbüren"
    assert _labels(select(nxg, center=center, depth=0)) == {"Ibbenbüren"}
    one = _labels(select(nxg, center=center, depth=1))
    assert {"Ahaus", "Kreis Steinfurt", "Kommunale ADV-Anwendergemeinschaft West"} <= one
    assert "Nordrhein-Westfalen" not in one and "Neustadt" not in one
    assert "Nordrhein-Westfalen" in _labels(select(nxg, center=center, depth=2))


def test_type_filter_keeps_center(graph, nxg):
    center = focus_node(graph, "KAAW")
    g = select(nxg, center=center, depth=1, types={"Person"})
    types = {d["type"] for _, d in g.nodes(data=True)}
    assert types == {"Person", "Organization"}  # the center stays although it is an Organization
    only = select(nxg, types={"Municipality"})
    assert sorted(d["predicate"] for _, _, d in only.edges(data=True)) == ["cooperatesWith"] * 2  # Ibbenbüren <-> Ahaus


def test_select_copies_and_validates(nxg):
    before = nxg.number_of_nodes()
    select(nxg, types={"Person"}).add_node("extra")
    assert nxg.number_of_nodes() == before
    with pytest.raises(EgovkgError):
        check_types(["Municipality", "Stadt"])
    with pytest.raises(EgovkgError):
        select(nxg, center="https://example.org/none")
    with pytest.raises(EgovkgError):
        select(nxg, center=next(iter(nxg)), depth=-1)


def test_predicate_labels_german():
    assert predicate_label("memberOf") == "Mitglied von"
    assert predicate_label("locatedIn") == "liegt in"
    assert predicate_label("somethingNew") == "somethingNew"


def test_layout_deterministic_and_bounded():
    g = nx.MultiDiGraph(nx.path_graph(30))
    assert layout(g) == layout(g)
    big = nx.MultiDiGraph(nx.empty_graph(MAX_STATIC_NODES + 1))
    with pytest.raises(EgovkgError):
        layout(big)


def test_svg_is_xml_with_text_labels(graph, tmp_path):
    out = write_picture(graph, tmp_path / "bild.svg", title="Kooperation $x$ <Test>")
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    texts = {"".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")}
    assert {"Ibbenbüren", "Modellkommune E-Government", "<img src=x onerror=alert(1)>"} <= texts
    assert "Kooperation $x$ <Test>" in texts  # no mathtext, escaped as XML
    assert {"Kommune", "Programm"} <= texts  # legend
    assert "Mitglied von" in texts  # relation labels
    assert [p.name for p in tmp_path.iterdir()] == ["bild.svg"]


def test_png_magic_and_focus(graph, tmp_path):
    out = write_picture(graph, tmp_path / "bild.png", focus="ibbenbueren", depth=1, types={"Municipality"})
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_svg_is_deterministic(nxg):
    assert draw(nxg, fmt="svg") == draw(nxg, fmt="svg")
    with pytest.raises(EgovkgError):
        draw(nxg, fmt="gif")


def test_picture_same_across_processes(tmp_path):
    """String hashing is salted per process; the picture must not depend on it."""
    import os
    import subprocess
    import sys

    code = ("import sys; from egovkg.graph.io import load_graph; from egovkg.graph.picture import write_picture; "
            "write_picture(load_graph(sys.argv[1]), sys.argv[2], focus='Ibbenbüren', depth=2)")
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"bild{seed}.svg"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(SAMPLE), str(out)], check=True, env=env, timeout=120)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
