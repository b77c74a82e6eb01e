"""The interactive HTML view: self-contained, offline, escaped, derived from the RDF graph."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal
from rdflib.namespace import SKOS

from egovkg.errors import EgovkgError
from egovkg.graph.html import render_html, script_json, write_html
from egovkg.graph.io import load_graph
from egovkg.graph.lookup import AmbiguousName
from egovkg.ids import entity_iri

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "view_sample.ttl"
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "\u202eStadtwerke\u202c",
]


class _Tags(HTMLParser):
    """Collects tags with their attributes and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    return p


def _data(html: str, name: str):
    match = re.search(rf"const {name} = (.*?);\n", html)
    assert match, name
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def graph():
    return load_graph(SAMPLE)


@pytest.fixture(scope="module")
def page(graph) -> str:
    return render_html(graph, title='Bericht <b>"Nord"</b> & Süd')


def test_written_atomically_and_offline(graph, tmp_path):
    out = write_html(graph, tmp_path / "view.html")
    assert out == tmp_path / "view.html"
    assert [p.name for p in tmp_path.iterdir()] == ["view.html"]  # no temp file left behind
    parsed = _parse(out.read_text("utf-8"))
    for tag, attrs in parsed.tags:
        for key in ("src", "href"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, attrs)
        assert not (tag == "link" and attrs.get("rel") == "stylesheet"), attrs
    assert any("vis.Network" in s for s in parsed.scripts)
    assert any("vis-network" in s and "9.1.2" in s for s in parsed.scripts)  # inlined with licence header


def test_no_cdn_or_bootstrap(page):
    assert "bootstrap" not in page.lower()
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_hostile_text_never_raw(page):
    for text in HOSTILE:
        assert text not in page
    assert "onerror=alert(1)>" not in page
    # exactly two </script> end tags: vis-network and our code; nothing injected
    assert page.count("</script>") == 2
    parsed = _parse(page)
    assert len(parsed.scripts) == 2
    # the title is escaped in <title> and <h1>
    assert "Bericht &lt;b&gt;&#34;Nord&#34;&lt;/b&gt; &amp; Süd" in page
    assert "<b>" not in page.split("<body>")[1].split("<script>")[0]


def test_hostile_text_roundtrips_as_data(page):
    nodes = _data(page, "NODES")
    person = next(n for n in nodes if n["group"] == "Person")
    assert person["label"] == "<img src=x onerror=alert(1)>"
    assert "\u202eStadtwerke\u202c" in person["info"]["names"]
    edges = _data(page, "EDGES")
    sentences = [ev["text"] for e in edges for r in e["info"]["rels"] for ev in r["evidence"]]
    assert any(s.startswith("</script><script>alert(1)</script>") for s in sentences)


def test_script_json_escapes_breakouts():
    raw = "</script><!-- & \u2028\u2029 \u202e\u2067 >"
    text = str(script_json({"x": raw}))
    for bad in ("<", ">", "&", "\u2028", "\u2029", "\u202e", "\u2067"):
        assert bad not in text
    assert json.loads(text) == {"x": raw}


_DANGEROUS = "<>&\u2028\u2029\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_DANGEROUS + "ab ü\"\\/!-\n"), max_size=40))
def test_script_json_escapes_every_dangerous_character_and_round_trips(raw):
    text = str(script_json({"satz": raw, "liste": [raw, raw[::-1]]}))
    assert not set(_DANGEROUS) & set(text)
    assert json.loads(text) == {"satz": raw, "liste": [raw, raw[::-1]]}


def test_tooltip_content_and_style(page):
    nodes = {n["label"]: n for n in _data(page, "NODES")}
    ibb = nodes["Ibbenbüren"]
    assert ibb["shape"] == "dot" and ibb["info"]["types"] == ["Kommune (Municipality)"]
    assert "Stadt Ibbenbüren" in ibb["info"]["names"]
    assert "AGS 05566028" in ibb["info"]["ids"]
    assert any("Förderbescheid für das Münsterland" in d and "2015-03-02" in d for d in ibb["info"]["docs"])
    # size by degree: the hub is bigger than a leaf
    assert ibb["value"] > nodes["Ahaus"]["value"]
    assert nodes["Bundesministerium des Innern"]["color"] != ibb["color"]
    edges = _data(page, "EDGES")
    labels = {r["label"] for e in edges for r in e["info"]["rels"]}
    assert {"Mitglied von", "leitet", "arbeitet für", "fördert", "betreibt", "nimmt teil an",
            "unterstützt", "kooperiert mit", "liegt in"} <= labels
    heads = next(r for e in edges for r in e["info"]["rels"] if r["label"] == "leitet")
    assert heads["roles"] == ["Verbandsvorsteherin"]
    assert heads["evidence"][0]["date"] == "2014-08-29"
    assert "artikel-a.txt" in heads["evidence"][0]["source"]
    funds = [r for e in edges for r in e["info"]["rels"] if r["label"] == "fördert" and r["amounts"]]
    assert funds and "bis zu 60.000 Euro" in funds[0]["amounts"][0]
    # cooperatesWith in both directions is one undirected edge
    coop = [e for e in edges if any(r["label"] == "kooperiert mit" for r in e["info"]["rels"])]
    assert len(coop) == 1 and coop[0]["arrows"] == ""


def test_legend_search_and_filter_present(page):
    meta = _data(page, "META")
    assert {"Kommune", "Person", "Programm"} <= {t["label"] for t in meta["legend"]}
    assert sum(t["count"] for t in meta["legend"]) == len(_data(page, "NODES"))
    assert 'id="search"' in page and 'id="legend"' in page


def test_physics_is_bounded_then_frozen(page):
    options = _data(page, "OPTIONS")
    assert options["physics"]["stabilization"]["iterations"] <= 1000
    assert "stabilizationIterationsDone" in page and "physics: false" in page and "__egovkgReady" in page


def test_focus_depth_and_types(graph):
    ego = _data(render_html(graph, focus="IBBENBUEREN", depth=1), "NODES")
    names = {n["label"] for n in ego}
    assert "Ibbenbüren" in names and "Kreis Steinfurt" in names
    assert "Nordrhein-Westfalen" not in names and "Neustadt" not in names
    deeper = {n["label"] for n in _data(render_html(graph, focus="ibbenbüren", depth=2), "NODES")}
    assert "Nordrhein-Westfalen" in deeper
    meta = _data(render_html(graph, focus="Ibbenbüren", depth=1), "META")
    assert ego[meta["focus"]]["label"] == "Ibbenbüren"
    only = _data(render_html(graph, types={"Municipality", "Person"}), "NODES")
    assert {n["group"] for n in only} == {"Municipality", "Person"}


def test_focus_errors(graph):
    with pytest.raises(AmbiguousName) as info:
        render_html(graph, focus="Neustadt")
    assert len(info.value.candidates) == 2
    with pytest.raises(EgovkgError):
        render_html(graph, focus="Atlantis")
    with pytest.raises(EgovkgError):
        render_html(graph, types={"Planet"})


def test_view_follows_the_rdf(graph):
    """A label changed in RDF shows in the page: the view is derived, not cached."""
    g = load_graph(SAMPLE)
    iri = entity_iri("Municipality", "Ahaus")
    g.remove((iri, SKOS.prefLabel, None))
    g.add((iri, SKOS.prefLabel, Literal("Ahaus (Westf.)", lang="de")))
    labels = {n["label"] for n in _data(render_html(g), "NODES")}
    assert "Ahaus (Westf.)" in labels and "Ahaus" not in labels


def test_deterministic(graph):
    assert render_html(graph) == render_html(graph)


def test_large_views_get_a_precomputed_layout_without_physics():
    import networkx as nx

    from egovkg.graph.html import vis_options
    from egovkg.graph.layout import PRECOMPUTED_MIN_NODES, community_layout

    assert vis_options(PRECOMPUTED_MIN_NODES)["physics"]["enabled"] is False
    assert vis_options(50)["physics"]["enabled"] is True
    g = nx.disjoint_union_all([nx.complete_graph(6) for _ in range(40)] + [nx.empty_graph(30)])
    order = sorted(g.nodes)
    pos = community_layout(g, order)
    assert pos == community_layout(g, order)  # deterministic
    assert len({(round(x), round(y)) for x, y in pos.values()}) == g.number_of_nodes()  # no two on one spot
    # members of one clique stay closer to each other than to the next clique
    def dist(a, b):
        return ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5
    assert max(dist(0, k) for k in range(1, 6)) < min(dist(0, k) for k in range(6, 12))
