"""write_all: every file written, atomically, deterministically, and parseable."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import networkx as nx
import numpy as np
import pyoxigraph as ox
import pytest
import sys  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

sys.path.insert(0, str(_Path(__file__).resolve().parent))  # helpers beside the tests (importlib mode)
from conftest_helpers import HOSTILE, sample_corpus, tricky_corpus
from rdflib import Literal

from egovkg import ids
from egovkg.graph import export
from egovkg.graph.export import sorted_quads, union_triples, write_all
from egovkg.graph.oxi import TermConverter
from egovkg.graph.rdf import build_dataset, dataset_quads
from egovkg.namespace import PREFIXES

HERE = Path(__file__).resolve().parent
NAMES = ["graph.ttl", "graph.trig", "graph.jsonld", "graph.graphml", "graph.gexf", "graph.html"]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("exports")
    timings: dict[str, float] = {}
    files = write_all(build_dataset(sample_corpus()), d, timings=timings)
    return d, files, timings


def test_all_files_written_and_timed(out):
    d, files, timings = out
    names = [p.name for p in files]
    expected = NAMES if _html_available() else NAMES[:-1]
    assert names == expected
    for p in files:
        assert p.parent == d and p.stat().st_size > 0
    for key in ("export:ttl", "export:trig", "export:jsonld", "export:graphml", "export:gexf"):
        assert timings[key] >= 0
    assert not [p for p in d.iterdir() if p.name.startswith(".")], "temporary files left behind"


def _html_available() -> bool:
    try:
        import egovkg.graph.html  # noqa: F401
    except ModuleNotFoundError:
        return False
    return True


def _ox_set(path: Path, fmt: ox.RdfFormat) -> set:
    return set(ox.parse(path=str(path), format=fmt))


def test_turtle_holds_the_union_and_trig_the_named_graphs(out):
    d, _files, _t = out
    ds = build_dataset(sample_corpus())
    conv = TermConverter()
    union = {ox.Triple(conv.to_ox(s), conv.to_ox(p), conv.to_ox(o)) for s, p, o in union_triples(sorted_quads(ds))}
    ttl = {q.triple for q in _ox_set(d / "graph.ttl", ox.RdfFormat.TURTLE)}
    assert ttl == union
    jsonld = {q.triple for q in _ox_set(d / "graph.jsonld", ox.RdfFormat.JSON_LD)}
    assert jsonld == union
    trig = _ox_set(d / "graph.trig", ox.RdfFormat.TRIG)
    graphs = {q.graph_name.value for q in trig}
    assert graphs == {str(ids.document_iri("d1")), str(ids.document_iri("d2"))}
    assert len(trig) == len(sorted_quads(ds)) > len(union)


def test_prefixes_bound_and_resource_iris_written_in_full(out):
    d, _files, _t = out
    text = (d / "graph.ttl").read_text(encoding="utf-8")
    for prefix, iri in PREFIXES.items():
        assert f"@prefix {prefix}: <{iri}> ." in text
    assert "egov:memberOf" in text and "skos:prefLabel" in text
    assert "<https://w3id.org/egovkg/id/municipality/lindenbrueck>" in text
    assert "id:municipality" not in text
    trig = (d / "graph.trig").read_text(encoding="utf-8")
    assert "@prefix egov: <https://w3id.org/egovkg/ontology#> ." in trig


def test_graphml_and_gexf_load_with_networkx(out):
    d, _files, _t = out
    gml = nx.read_graphml(d / "graph.graphml", force_multigraph=True)
    lind = str(ids.entity_iri("Municipality", "Lindenbrück"))
    assert gml.nodes[lind]["label"] == "Lindenbrück"
    assert "Stadt Lindenbrück" in gml.nodes[lind]["altLabels"]
    kestner = str(ids.entity_iri("Person", "Hannelore Kestner"))
    edge = gml.get_edge_data(kestner, lind)
    assert any(e["predicate"] == "heads" and e["roles"] == "Bürgermeisterin" for e in edge.values())
    gexf = nx.read_gexf(d / "graph.gexf")
    assert lind in gexf.nodes and gexf.number_of_nodes() == gml.number_of_nodes()


BUILD_SCRIPT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {here!r})
    from pathlib import Path
    from conftest_helpers import sample_corpus, tricky_corpus
    from egovkg.graph.export import write_all
    from egovkg.graph.rdf import build_dataset
    corpus = sample_corpus()
    extra = tricky_corpus()
    corpus.documents += extra.documents
    corpus.entities.update(extra.entities)
    corpus.relations += extra.relations
    corpus.fundings += extra.fundings
    corpus.mentions += extra.mentions
    write_all(build_dataset(corpus), Path(sys.argv[1]))
    """
)


def test_same_input_gives_byte_identical_turtle_and_trig(tmp_path):
    """Two builds in separate processes with different hash seeds write the same bytes."""
    outs = []
    for seed in ("1", "4242"):
        target = tmp_path / f"run{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", BUILD_SCRIPT.format(here=str(HERE)), str(target)],
                       check=True, env=env, capture_output=True)
        outs.append(target)
    for name in ("graph.ttl", "graph.trig", "graph.jsonld", "graph.graphml", "graph.gexf"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_hostile_literals_round_trip_through_every_rdf_file(tmp_path):
    write_all(build_dataset(tricky_corpus()), tmp_path)
    sentence = HOSTILE.replace("\x01", "").replace("\x7f", "")
    for name, fmt in (("graph.ttl", ox.RdfFormat.TURTLE), ("graph.trig", ox.RdfFormat.TRIG),
                      ("graph.jsonld", ox.RdfFormat.JSON_LD)):
        values = {q.object.value for q in ox.parse(path=str(tmp_path / name), format=fmt)
                  if isinstance(q.object, ox.Literal)}
        assert sentence in values, name
        assert 'Zweckverband "IT\\Süd" <script>' in values, name
    gml = nx.read_graphml(tmp_path / "graph.graphml", force_multigraph=True)
    labels = {data["label"] for _n, data in gml.nodes(data=True)}
    assert "Quirlstadt \u200f<b>" in labels
    assert Literal(sentence)  # the literal itself is fine for rdflib too


def test_interrupted_export_leaves_previous_files_intact(tmp_path, monkeypatch):
    write_all(build_dataset(sample_corpus()), tmp_path)
    before = {n: (tmp_path / n).read_bytes() for n in ("graph.ttl", "graph.trig")}

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(export.rdf_text, "trig", boom)
    with pytest.raises(KeyboardInterrupt):
        write_all(build_dataset(tricky_corpus()), tmp_path)
    assert (tmp_path / "graph.trig").read_bytes() == before["graph.trig"]
    assert (tmp_path / "graph.ttl").read_bytes() != before["graph.ttl"]  # written before the failure
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_missing_html_module_is_skipped_with_warning(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "egovkg.graph.html":
            raise ModuleNotFoundError("No module named 'egovkg.graph.html'", name="egovkg.graph.html")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.warns(RuntimeWarning, match="graph.html skipped"):
        files = write_all(build_dataset(sample_corpus()), tmp_path)
    assert "graph.html" not in [p.name for p in files]
    assert not (tmp_path / "graph.html").exists()


def test_rdf_files_written_by_a_forked_process_are_the_same_bytes(tmp_path):
    """Large builds write the RDF files in a forked process meanwhile: same files either way."""
    quads = dataset_quads(sample_corpus()) + dataset_quads(tricky_corpus())
    serial, forked = tmp_path / "serial", tmp_path / "forked"
    t_serial: dict[str, float] = {}
    t_forked: dict[str, float] = {}
    written = export.write_quads(quads, serial, t_serial, parallel=False)
    assert export.write_quads(quads, forked, t_forked, parallel=True) == [forked / p.name for p in written]
    for p in written:
        assert (forked / p.name).read_bytes() == p.read_bytes(), p.name
    assert set(t_serial) == set(t_forked) >= {"export:ttl", "export:trig", "export:jsonld", "export:html"}
    assert not [p for p in forked.iterdir() if p.name.startswith(".")]


def test_forked_writer_failure_reaches_the_caller(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("Datenträger voll")

    monkeypatch.setattr(export.rdf_text, "jsonld", broken)  # inherited by the forked process
    with pytest.raises(OSError, match="Datenträger voll"):
        export.write_quads(dataset_quads(sample_corpus()), tmp_path, parallel=True)
    assert not (tmp_path / "graph.jsonld").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_parallel_export_is_chosen_by_size_and_cores(monkeypatch):
    from egovkg import workers
    from egovkg.graph.oxi import RankedQuads

    small = RankedQuads.of(dataset_quads(sample_corpus()))
    big = RankedQuads([None], [(0, 0, 0, 0)] * export.PARALLEL_MIN_QUADS, [])
    monkeypatch.setattr(workers, "default_workers", lambda: 2)
    assert not export._use_fork(small, None) and export._use_fork(big, None)
    monkeypatch.setattr(workers, "default_workers", lambda: 1)
    assert not export._use_fork(big, None)
    assert export._use_fork(small, True) and not export._use_fork(big, False)


def test_triples_by_graph_rank_and_write_like_the_same_quads(tmp_path):
    """The build hands ``write_quads`` each graph's triples (``dataset_graphs``), not one tuple
    per quad: ranks, order and files are those of the quads."""
    from egovkg.graph.oxi import RankedQuads
    from egovkg.graph.rdf import dataset_graphs

    from egovkg.model import Entity

    orphaned = sample_corpus()  # an entity no document speaks about goes to the default graph
    lonely = Entity(type="Organization", pref_label="Zweckverband ohne Erwähnung")
    orphaned.entities[lonely.key] = lonely
    for corpus in (sample_corpus(), tricky_corpus(), orphaned):
        graphs = dataset_graphs(corpus)
        quads = dataset_quads(corpus)
        assert sorted(graphs, key=lambda g: (g is not None, str(g))) == list(graphs)
        assert len(quads) == sum(map(len, graphs.values())) and {q[3] for q in quads} == set(graphs)
        by_graphs, by_quads = RankedQuads.of(graphs), RankedQuads.of(quads)
        assert by_graphs.terms == by_quads.terms
        assert by_graphs.quads.tolist() == by_quads.quads.tolist()
        assert by_graphs.triples.tolist() == by_quads.triples.tolist()
        assert by_graphs.terms[:2] == [None, by_quads.terms[1]] and len(set(by_graphs.terms)) == len(by_graphs.terms)
    assert list(dataset_graphs(orphaned))[0] is None and None not in dataset_graphs(sample_corpus())
    a, b = tmp_path / "a", tmp_path / "b"
    written = export.write_quads(dataset_graphs(tricky_corpus()), a, parallel=False)
    export.write_quads(dataset_quads(tricky_corpus()), b, parallel=False)
    for p in written:
        assert (b / p.name).read_bytes() == p.read_bytes(), p.name


def test_ranked_quads_hold_integer_arrays_whatever_rows_they_are_given():
    from egovkg.graph.oxi import RankedQuads

    ranked = RankedQuads.of(dataset_quads(sample_corpus()))
    assert ranked.quads.dtype == ranked.triples.dtype == np.int64
    assert ranked.quads.shape[1:] == (4,) and ranked.triples.shape[1:] == (3,)
    again = RankedQuads(ranked.terms, ranked.quads, ranked.triples)
    assert again.quads is ranked.quads and again.triples is ranked.triples  # taken as they are
    from_lists = RankedQuads(ranked.terms, ranked.quads.tolist(), [tuple(r) for r in ranked.triples.tolist()])
    assert np.array_equal(from_lists.quads, ranked.quads) and np.array_equal(from_lists.triples, ranked.triples)
    assert from_lists.rdflib_quads() == ranked.rdflib_quads() and len(ranked.rdflib_triples()) == len(ranked.triples)


def _varied_graphs() -> list[nx.MultiDiGraph]:
    """Graphs with markup, quotes, whitespace, non-BMP and right-to-left text, a lone surrogate
    (encoded as a character reference), and str, int, float and bool attributes."""
    from egovkg.graph.nxview import flatten, to_networkx
    from egovkg.graph.oxi import RankedQuads
    from egovkg.graph.triple_index import TripleIndex

    text = HOSTILE.replace("\x01", "").replace("\x7f", "") + " \r\n\tÄ€😀 \ud800 ]]> \"'"
    empty = nx.MultiDiGraph()
    g = nx.MultiDiGraph()
    g.add_node("https://w3id.org/x/a?b=1&c=<2>", label=text, weight=3, score=0.25, flag=True)
    g.add_node(f"n {text}", label="", weight=-1, score=1e-9, flag=False)
    g.add_edge("https://w3id.org/x/a?b=1&c=<2>", f"n {text}", key="funds", predicate="funds", note=text, count=2)
    g.add_edge("https://w3id.org/x/a?b=1&c=<2>", f"n {text}", key=f"urn:{text}", predicate="x", note="", count=0)
    g.add_edge(f"n {text}", f"n {text}", key="self", predicate="y", note="ä" * 300, count=10**12)
    ranked = RankedQuads.of(dataset_quads(tricky_corpus()) + dataset_quads(sample_corpus()))
    real = flatten(to_networkx(TripleIndex.from_ids(ranked.terms, ranked.triples)))  # what the build writes
    return [empty, g, real]


def test_gexf_bytes_equal_networkx_write_gexf_without_the_date():
    import io
    import re

    for g in _varied_graphs():
        buf = io.BytesIO()
        nx.write_gexf(g, buf, encoding="utf-8", prettyprint=True)
        want = re.sub(rb' lastmodifieddate="[^"]*"', b"", buf.getvalue(), count=1)
        assert export._gexf(g) == want
