"""The interactive HTML view: one self-contained, offline file rendered from the RDF graph.

The page is rendered by pyvis with our own template (``templates/view.html``): pyvis's own
template loads Bootstrap from a CDN even with ``cdn_resources="in_line"`` (pyvis#229), puts
the heading and menu options into the page unescaped and switches tooltips to ``innerHTML``.
Node and edge lists are handed to the ``Network`` directly, because ``Network.add_edge`` scans
all edges on every call (quadratic: 16 s for 10,000 nodes).

vis-network 9.1.2 (dual-licensed Apache-2.0 / MIT, (c) Almende B.V. and visjs contributors) is
inlined from the copy that ships inside the pyvis wheel (``pyvis/lib/vis-9.1.2``); its licence
header stays in the inlined code.

Safety: article text reaches the page only as JSON inside ``<script>`` (with ``<``, ``>``,
``&``, U+2028 and U+2029 escaped) and is put into the DOM with ``textContent``; the heading
goes through Jinja's autoescaping; a Content-Security-Policy forbids loading anything.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from rdflib.namespace import DCTERMS, RDF

from egovkg.graph.io import atomic_write_text
from egovkg.graph.layout import PRECOMPUTED_MIN_NODES, apply_layout
from egovkg.graph.view import TEMPLATES, focus_node, load_style, node_types, predicate_label, select, type_style
from egovkg.namespace import EGOV

VIS_VERSION = "9.1.2"
TEMPLATE = "view.html"
STABILIZATION_BUDGET = 60_000
IMPROVED_LAYOUT_MAX = 150
"""vis-network's 'improved layout' (Kamada-Kawai seeding) is only affordable for small graphs."""

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
# Line separators end a JS line; bidi controls reorder how the page source reads: escape both.
_JSON_ESCAPES.update({c: f"\\u{ord(c):04x}" for c in "\u2028\u2029\u200e\u200f\u061c"})
_JSON_ESCAPES.update({chr(c): f"\\u{c:04x}" for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]})
_JSON_ESCAPE_CHARS = re.compile("[" + re.escape("".join(_JSON_ESCAPES)) + "]")
"""One scan for all of them: the JSON of a large graph is megabytes, 17 ``str.replace`` passes
cost more than one search that rarely finds anything."""


def script_json(value: Any) -> Markup:
    """JSON that is safe inside an HTML ``<script>`` element (no ``</script>``, no ``<!--``).

    Args:
        value: Any JSON-serialisable value; strings may hold arbitrary article text.

    Returns:
        JSON text with ``<``, ``>``, ``&``, U+2028, U+2029 and bidi controls written as ``\\uXXXX``.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(_JSON_ESCAPE_CHARS.sub(lambda m: _JSON_ESCAPES[m.group()], text))


def _inline(code: str, tag: str) -> Markup:
    """Vendored code for an inline ``<script>``/``<style>``; refuse anything that could end it early."""
    lowered = code.lower()
    if f"</{tag}" in lowered or "<!--" in lowered:
        raise ValueError(f"vendored code contains '</{tag}' or '<!--'; cannot inline it")
    return Markup(code)


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """The vis-network JavaScript and CSS shipped in the pyvis wheel."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "lib" / f"vis-{VIS_VERSION}"
    return (lib / "vis-network.min.js").read_text("utf-8"), (lib / "vis-network.css").read_text("utf-8")


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, keep_trailing_newline=True)
    env.filters["script_json"] = script_json
    env.filters["from_json"] = json.loads  # pyvis hands the options over as a JSON string
    env.filters["inline_script"] = lambda code: _inline(code, "script")
    env.filters["inline_style"] = lambda code: _inline(code, "style")
    vis_js, vis_css = _vis_assets()
    env.globals.update(vis_js=vis_js, vis_css=vis_css, vis_version=VIS_VERSION)
    return env


_DOCUMENT_FIELDS = (("title", DCTERMS.title), ("date", DCTERMS.date), ("source", DCTERMS.source))
"""What a tooltip shows of a document (terms looked up once: a namespace attribute costs microseconds)."""
_NAMED = "\x00named"
"""Key of a document's tooltip name in the ``_documents`` table (not a property name)."""


def _documents(graph: rdflib.Graph) -> dict[str, dict[str, str]]:
    """Title, date and source of every ``egov:Document`` in the graph, by IRI."""
    docs: dict[str, dict[str, str]] = {}
    for doc in graph.subjects(RDF.type, EGOV.Document):
        info = {}
        for key, pred in _DOCUMENT_FIELDS:
            value = graph.value(doc, pred)
            if value is not None:
                info[key] = str(value)
        docs[str(doc)] = info
    for iri, info in docs.items():  # each document is cited by many evidence sentences: name it once
        info[_NAMED] = _name(iri, info)
    return docs


def _name(ref: Any, info: dict[str, str]) -> str:
    """How a document is named in a tooltip: title (or source), date, source."""
    parts = [info.get("title") or info.get("source") or str(ref)]
    parts += [info[k] for k in ("date", "source") if info.get(k) and info.get(k) != parts[0]]
    return " · ".join(parts)


def _doc_text(ref: Any, docs: dict[str, dict[str, str]]) -> str:
    info = docs.get(str(ref))
    return info[_NAMED] if info is not None else _name(ref, {})


def _strings(values: Any) -> list[str]:
    if values is None:
        return []
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        values = [values]
    return sorted({str(v) for v in values if v is not None and str(v) != ""})


def _node_item(index: int, node: Any, data: dict[str, Any], degree: int, docs: dict) -> dict[str, Any]:
    etype = data.get("type")
    style = type_style(etype)
    name = str(data.get("label") or node)
    ids = _strings(data.get("external")) + [f"AGS {a}" for a in _strings(data.get("ags"))]
    names = [name] + [a for a in _strings(data.get("altLabels")) if a != name]
    return {
        "id": index,
        "label": name,
        "group": etype or "",
        "shape": style["shape"],
        "color": style["color"],
        "value": degree,
        "info": {
            "name": name,
            "iri": str(node),
            "types": [type_style(t)["label"] + f" ({t})" for t in sorted(node_types(data))] or ["–"],
            "names": names,
            "ids": ids,
            "docs": sorted(_doc_text(d, docs) for d in _strings(data.get("documents"))),
        },
    }


def _evidence(ev: dict[str, Any], docs: dict) -> dict[str, str]:
    ref = ev.get("document")
    date = ev.get("date") or (docs.get(str(ref), {}).get("date") if ref else None)
    return {
        "text": str(ev.get("sentence") or ""),
        "source": _doc_text(ref, docs) if ref else "",
        "date": str(date) if date else "",
    }


def _edge_items(g: nx.MultiDiGraph, index: dict[Any, int], docs: dict) -> list[dict[str, Any]]:
    """One vis edge per connected pair and direction (symmetric relations: per pair)."""
    symmetric = set(load_style()["symmetric"])
    grouped: dict[tuple[int, int, bool], dict[str, dict[str, Any]]] = defaultdict(dict)
    for u, v, data in g.edges(data=True):
        pred = str(data.get("predicate", ""))
        a, b = index[u], index[v]
        sym = pred in symmetric
        if sym and a > b:
            a, b = b, a
        rel = grouped[(a, b, sym)].setdefault(
            pred, {"label": predicate_label(pred), "roles": set(), "amounts": set(), "evidence": {}, "count": 0}
        )
        rel["roles"].update(_strings(data.get("roles")))
        extra = ", ".join(str(x) for x in (data.get("programme"), data.get("date")) if x)
        rel["amounts"].update(f"{a} ({extra})" if extra else a for a in _strings(data.get("amounts")))
        evs = [_evidence(ev, docs) for ev in data.get("evidence") or () if ev.get("sentence")]
        for ev in evs:
            rel["evidence"][(ev["text"], ev["source"], ev["date"])] = ev
        rel["count"] = max(rel["count"], int(data.get("evidence_count") or 0), len(rel["evidence"]))
    names = {i: None for i in index.values()}
    for node, i in index.items():
        names[i] = str(g.nodes[node].get("label") or node)
    items = []
    for (a, b, sym), rels in sorted(grouped.items()):
        ordered = [rels[p] for p in sorted(rels)]
        width = 1 + math.log1p(sum(r["count"] for r in ordered))
        items.append({
            "id": len(items),
            "from": a,
            "to": b,
            "label": ", ".join(r["label"] for r in ordered),
            "color": load_style()["predicates"].get(sorted(rels)[0], load_style()["other_predicate"])["color"],
            "arrows": "" if sym else "to",
            "width": round(width, 2),
            "info": {
                "from": names[a],
                "to": names[b],
                "rels": [
                    {
                        "label": r["label"],
                        "roles": sorted(r["roles"]),
                        "amounts": sorted(r["amounts"]),
                        "count": r["count"],
                        "evidence": sorted(r["evidence"].values(), key=lambda e: (e["date"], e["source"], e["text"])),
                    }
                    for r in ordered
                ],
            },
        })
    return items


def stabilization_iterations(n_nodes: int) -> int:
    """Physics steps before the layout is frozen: a fixed work budget of node-steps.

    One step costs about 25 microseconds per node in headless Chromium without a GPU (measured:
    2,000 nodes, 50 ms per step), so 60,000 node-steps keep opening a 2,000-node page near 3 s.
    """
    return max(30, min(400, STABILIZATION_BUDGET // max(1, n_nodes)))


def vis_options(n_nodes: int) -> dict[str, Any]:
    """vis-network options: bounded stabilisation, then the layout is frozen (see the template);
    large views come with precomputed positions (``graph/layout.py``) and no physics."""
    large = n_nodes > 500
    precomputed = n_nodes >= PRECOMPUTED_MIN_NODES
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= IMPROVED_LAYOUT_MAX},
        "nodes": {
            "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
            "scaling": {"min": 8, "max": 40, "label": {"enabled": True, "min": 12, "max": 26, "drawThreshold": 7}},
        },
        "edges": {
            "font": {"size": 10, "align": "middle", "color": "#555555", "strokeWidth": 3},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "color": {"inherit": False, "opacity": 0.7},
            "scaling": {"label": {"drawThreshold": 8}},
        },
        "physics": {
            "enabled": not precomputed,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110, "avoidOverlap": 0.4},
            "stabilization": {"enabled": True, "iterations": stabilization_iterations(n_nodes),
                              "updateInterval": 25, "fit": True},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": True,
        },
    }


def render_html(
    graph: rdflib.Graph,
    *,
    title: str = "egovkg",
    focus: str | None = None,
    depth: int = 2,
    types: set[str] | None = None,
    view: nx.MultiDiGraph | None = None,
) -> str:
    """The HTML page of ``graph`` (or of the selected part of it) as a string.

    Args:
        graph: The RDF graph (an rdflib ``Graph`` or ``Dataset``).
        title: Page heading (escaped).
        focus: Show only the ego network of the entity with this name.
        depth: Radius of the ego network.
        types: Show only entities of these types.
        view: ``to_networkx(graph)`` when the caller has it already (it is not changed).
    """
    from pyvis.network import Network

    from egovkg.graph.nxview import to_networkx

    full = view if view is not None else to_networkx(graph)
    center = focus_node(graph, focus) if focus else None
    g = select(full, center=center, depth=depth, types=types)
    docs = _documents(graph)
    order = sorted(g.nodes, key=lambda n: (str(g.nodes[n].get("label") or n), str(n)))
    index = {n: i for i, n in enumerate(order)}
    degree = dict(g.degree())
    net = Network(height="100%", width="100%", directed=True, heading=title, cdn_resources="in_line")
    net.set_template_dir(str(TEMPLATES) + "/", TEMPLATE)
    net.templateEnv = _environment()
    net.nodes = [_node_item(index[n], n, g.nodes[n], degree[n], docs) for n in order]
    net.edges = _edge_items(g, index, docs)
    if len(order) >= PRECOMPUTED_MIN_NODES:
        apply_layout(net.nodes, order, g)
    net.options = vis_options(len(order))
    counts = Counter(n["group"] for n in net.nodes)
    legend = [
        {"type": t, "label": type_style(t)["label"], "color": type_style(t)["color"], "count": counts[t]}
        for t in [*load_style()["types"], *sorted(set(counts) - set(load_style()["types"]))]
        if counts.get(t)
    ]
    focus_id = index.get(center) if center is not None else None
    net.templateEnv.globals["meta"] = {"legend": legend, "focus": focus_id}
    return net.generate_html(name="view.html")


def write_html(
    graph: rdflib.Graph,
    path: Path,
    *,
    title: str = "egovkg",
    focus: str | None = None,
    depth: int = 2,
    types: set[str] | None = None,
    view: nx.MultiDiGraph | None = None,
) -> Path:
    """Write the interactive view of ``graph`` to ``path`` (atomically; works offline).

    Args:
        graph: The RDF graph.
        path: The ``.html`` file to write.
        title: Page heading.
        focus: Show only the ego network of the entity with this name (case- and
            umlaut-insensitive; an ambiguous name raises ``egovkg.graph.lookup.AmbiguousName``).
        depth: Radius of the ego network.
        types: Show only entities of these types (``Municipality``, ``Organization`` ...).
        view: ``to_networkx(graph)`` when the caller has it already.

    Returns:
        ``path``.

    Raises:
        EgovkgError: Unknown or ambiguous focus, unknown type names.
    """
    page = render_html(graph, title=title, focus=focus, depth=depth, types=types, view=view)
    return atomic_write_text(Path(path), page)
