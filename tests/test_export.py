"""kg export (GraphML, GEXF and the RDF formats) and kg stats on the seeds."""

from __future__ import annotations

import json

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export import export_bytes, graph_stats, network

RDF = {"nquads": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD, "trig": ox.RdfFormat.TRIG}


@pytest.fixture(scope="module")
def explorer_network(store):
    return network(store)


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_formats_read_back(tmp_path, built, explorer_network, fmt, read):
    out = tmp_path / f"graph.{fmt}"
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--out", str(out), "--graph", str(built)])
    assert result.exit_code == 0, result.output
    graph = read(out)
    assert graph.number_of_nodes() == explorer_network.number_of_nodes()
    assert graph.number_of_edges() == explorer_network.number_of_edges()
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    assert "国务院办公厅" in labels
    sources = [json.loads(d["sources"]) for _, d in graph.nodes(data=True) if d.get("cls") == "Agency"]
    assert any(s and s[0]["sentence"] for s in sources)  # every fact keeps its source sentence


def test_gexf_years_are_integers_on_a_timeline(store):
    import xml.etree.ElementTree as ET

    root = ET.fromstring(export_bytes(store, "gexf"))
    ns = "{http://www.gexf.net/1.2draft}"
    graph = root.find(f"{ns}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "integer"
    types = {a.get("title"): a.get("type") for a in graph.iter(f"{ns}attribute")}
    assert types["first_year"] == types["last_year"] == "long"
    spans = [(int(n.get("start")), int(n.get("end"))) for n in graph.iter(f"{ns}node") if n.get("start")]
    assert spans and all(2000 < start <= end < 2100 for start, end in spans)


@pytest.mark.parametrize("fmt", sorted(RDF))
def test_dataset_formats_keep_every_quad_and_graph(store, fmt):
    quads = list(ox.parse(export_bytes(store, fmt), format=RDF[fmt]))
    assert len(set(quads)) == len(store)
    assert {q.graph_name for q in quads} == set(store.named_graphs())


def test_turtle_holds_every_triple_with_graphs_merged(store):
    triples = list(ox.parse(export_bytes(store, "turtle"), format=ox.RdfFormat.TURTLE))
    assert {q.triple for q in triples} == {q.triple for q in store}


def test_exports_are_deterministic(store):
    assert export_bytes(store, "graphml") == export_bytes(store, "graphml")
    assert export_bytes(store, "turtle") == export_bytes(store, "turtle")


def test_export_to_standard_output(built):
    result = CliRunner().invoke(main, ["export", "--format", "nquads", "--graph", str(built)])
    assert result.exit_code == 0
    assert result.output.startswith("<https://w3id.org/ecopolicy-kg/")


def test_stats(store, explorer_network):
    stats = graph_stats(store, top=5)
    assert stats["classes"]["Document"] == 5
    assert stats["classes"]["Mention"] > 0
    assert stats["network"]["nodes"] == explorer_network.number_of_nodes()
    assert 0 < len(stats["central_agencies"]) <= 5 and 0 < len(stats["central_instruments"]) <= 5
    degrees = [row["degree"] for row in stats["central_instruments"]]
    assert degrees == sorted(degrees, reverse=True)
    assert stats["components"]["count"] >= 1
    assert stats["components_without_documents"]["count"] >= stats["components"]["count"]


def test_stats_command(built):
    runner = CliRunner()
    text = runner.invoke(main, ["stats", "--graph", str(built), "--top", "3"])
    assert text.exit_code == 0, text.output
    assert "Most central agencies" in text.output and "Connected components" in text.output
    data = runner.invoke(main, ["stats", "--graph", str(built), "--format", "json"])
    assert json.loads(data.output)["classes"]["Document"] == 5
