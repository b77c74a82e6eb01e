"""A static picture of the graph for printed reports (SVG or PNG, matplotlib Agg).

Node labels are drawn as real text (SVG ``<text>`` elements, not outlines) with mathtext
parsing switched off, so a name containing ``$`` is printed as it is written.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib

from egovkg.errors import EgovkgError
from egovkg.graph.io import atomic_write_bytes
from egovkg.graph.view import focus_node, layout, load_style, predicate_label, select, type_style

FORMATS = ("svg", "png")
MAX_EDGE_LABELS = 80
"""Above this many edges the relation labels would cover the picture; they are left out."""


def _figure_size(n: int) -> tuple[float, float]:
    side = min(24.0, max(8.0, 2.2 * n ** 0.5))
    return side, side * 0.75


def draw(g: nx.MultiDiGraph, *, title: str = "egovkg", fmt: str = "svg") -> bytes:
    """Render ``g`` (the NetworkX view, or a selection of it) as SVG or PNG bytes.

    Raises:
        EgovkgError: Unknown format or too many nodes for a readable picture.
    """
    if fmt not in FORMATS:
        raise EgovkgError(f"unknown picture format {fmt!r}; use one of {', '.join(FORMATS)}")
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    pos = layout(g)
    degree = dict(g.degree())
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "egovkg", "font.family": "DejaVu Sans"}):
        fig = Figure(figsize=_figure_size(len(pos)), layout="constrained")
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_title(title, parse_math=False, fontsize=14)
        pairs: dict[tuple[Any, Any], list[str]] = {}
        for u, v, data in g.edges(data=True):
            if u == v:
                continue
            pairs.setdefault((u, v), [])
            label = predicate_label(str(data.get("predicate", "")))
            if label not in pairs[(u, v)]:
                pairs[(u, v)].append(label)
        for (u, v), labels in sorted(pairs.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
            (x0, y0), (x1, y1) = pos[u], pos[v]
            ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=1,
                        arrowprops={"arrowstyle": "-|>", "color": "#888888", "lw": 0.8, "shrinkA": 7, "shrinkB": 7})
            if len(pairs) <= MAX_EDGE_LABELS:
                ax.text((x0 + x1) / 2, (y0 + y1) / 2, ", ".join(labels), fontsize=6, color="#555555",
                        ha="center", va="center", parse_math=False, zorder=2,
                        bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
        seen: dict[str, dict[str, str]] = {}
        for node in sorted(pos, key=str):
            data = g.nodes[node]
            etype = str(data.get("type") or "")
            style = type_style(etype)
            seen[etype] = style
            x, y = pos[node]
            ax.scatter([x], [y], s=60 + 40 * degree.get(node, 0) ** 0.8, c=style["color"], marker=style["marker"],
                       edgecolors="#333333", linewidths=0.5, zorder=3)
            ax.annotate(str(data.get("label") or node), (x, y), xytext=(0, -9), textcoords="offset points",
                        fontsize=8, ha="center", va="top", parse_math=False, zorder=4)
        order = list(load_style()["types"])
        handles = [
            Line2D([], [], linestyle="", marker=s["marker"], markersize=8, markerfacecolor=s["color"],
                   markeredgecolor="#333333", label=s["label"])
            for t, s in sorted(seen.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
        ]
        if handles:
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=True, title="Typ")
        ax.margins(0.08)
        buf = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {}
        fig.savefig(buf, format=fmt, dpi=150, metadata=metadata)
    return buf.getvalue()


def write_picture(
    graph: rdflib.Graph,
    path: str | Path,
    *,
    fmt: str | None = None,
    title: str = "egovkg",
    focus: str | None = None,
    depth: int = 2,
    types: set[str] | None = None,
) -> Path:
    """Write a static picture of ``graph`` (or of the selected part of it), atomically.

    Args:
        graph: The RDF graph.
        path: The output file.
        fmt: ``svg`` or ``png``; default: the suffix of ``path``.
        title: Title above the picture.
        focus, depth, types: As for :func:`egovkg.graph.html.write_html`.

    Returns:
        ``path``.
    """
    from egovkg.graph.nxview import to_networkx

    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    full = to_networkx(graph)
    center = focus_node(graph, focus) if focus else None
    g = select(full, center=center, depth=depth, types=types)
    return atomic_write_bytes(path, draw(g, title=title, fmt=fmt))
