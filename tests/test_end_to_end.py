"""End-to-end checks on real builds (the example corpus, and the seeds when ../shared is
present): SHACL conformance, every RDF file parsed by an independent parser (Oxigraph), the
HTML loads nothing from the network, and the NetworkX view agrees with the RDF graph."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph

from conftest import EXAMPLES, ROOT, SEEDS

CORPORA = [pytest.param(EXAMPLES, id="examples"),
           pytest.param(SEEDS, id="seeds", marks=pytest.mark.skipif(not SEEDS.exists(), reason="no ../shared/seeds"))]


@pytest.fixture(scope="module", params=CORPORA)
def built(request, tmp_path_factory) -> Path:
    from egovkg.pipeline import build

    out = tmp_path_factory.mktemp(request.node.callspec.id if hasattr(request.node, "callspec") else "build")
    build([request.param], out, model="rules", cache_dir=None)
    return out


def test_shacl_shapes_validate_the_build(built):
    from pyshacl import validate

    data = Graph().parse(built / "graph.ttl")
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    conforms, _, text = validate(data, shacl_graph=shapes, ont_graph=None, inference="none")
    assert conforms, text[:3000]


@pytest.mark.parametrize("name,fmt", [("graph.ttl", pyoxigraph.RdfFormat.TURTLE),
                                      ("graph.trig", pyoxigraph.RdfFormat.TRIG),
                                      ("graph.jsonld", pyoxigraph.RdfFormat.JSON_LD)])
def test_oxigraph_parses_every_rdf_file(built, name, fmt):
    quads = list(pyoxigraph.parse(path=str(built / name), format=fmt))
    assert len(quads) > 100


def test_html_is_self_contained(built):
    html = (built / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    assert "@import" not in html


def test_networkx_view_is_derived_from_rdf(built):
    from egovkg.graph.io import load_graph
    from egovkg.graph.nxview import to_networkx
    from egovkg.namespace import EGOV

    graph = load_graph(built / "graph.ttl")
    view = to_networkx(graph)
    rdf_edges = {(str(s), str(o)) for p in ("memberOf", "heads", "worksFor", "runs", "participatesIn", "supports",
                                            "cooperatesWith", "locatedIn") for s, o in graph.subject_objects(EGOV[p])}
    nx_edges = {(str(u), str(v)) for u, v in view.edges()}
    assert rdf_edges <= nx_edges


def test_every_relation_the_extractor_may_write_conforms_to_the_shapes():
    """The extractor's domain/range table (ontology/relations/domain_range.json) and the SHACL
    shapes agree: every type pair the extractor allows validates."""
    import datetime as dt
    import json

    from pyshacl import validate

    from egovkg.graph.rdf import build_dataset
    from egovkg.model import Corpus, Document, Entity, Evidence, Relation

    table = json.loads((ROOT / "ontology" / "relations" / "domain_range.json").read_text(encoding="utf-8"))
    groups = table["groups"]

    def expand(types):
        return sorted({t for x in types for t in groups.get(x, [x])})

    doc = Document("d1", "a.txt", "Titel", "Satz.", dt.date(2024, 1, 1), "0" * 64)
    corpus = Corpus(documents=[doc])
    for p, ends in table["predicates"].items():
        for s_type in expand(ends["subject"]):
            for o_type in expand(ends["object"]):
                s = Entity(s_type, f"S {s_type} {p} {o_type}", {s_type}, documents={"d1"})
                o = Entity(o_type, f"O {s_type} {p} {o_type}", {o_type}, documents={"d1"})
                corpus.entities[s.key] = s
                corpus.entities[o.key] = o
                corpus.mentions += [("d1", s.key, s.pref_label), ("d1", o.key, o.pref_label)]
                corpus.relations.append(Relation(s.key, p, o.key, Evidence("d1", "Satz.", 0, 5, "test", 0.9)))
    data = Graph()
    for quad in build_dataset(corpus).quads():
        data.add(quad[:3])
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    conforms, _, text = validate(data, shacl_graph=shapes, inference="none")
    assert conforms, text[:3000]
