"""The explorer HTML: self-contained, every document text escaped, focus mode."""

from __future__ import annotations

import json
import re

import pytest

from kg.build import build
from kg.errors import KgError
from kg.ingest import read_document
from kg.store import open_store
from kg.viz import explorer_graph, keep_central, write_explorer

from conftest import SEEDS

HOSTILE = (
    "生态环境部印发《<script>alert(1)</script>排污许可管理办法》。\n"
    "国务院办公厅转发《<img src=x onerror=alert(2)>环境监测规定》,全年完成治理约200万户。\n"
)


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "evil.txt").write_text(HOSTILE, encoding="utf-8")
    out = folder / "out"
    build([folder / "evil.txt"], out)
    return open_store(out)


def test_explorer_is_self_contained(store, tmp_path):
    out = tmp_path / "explorer.html"
    write_explorer(store, out)
    page = out.read_text(encoding="utf-8")
    assert "vis.Network" in page
    # no resource is fetched from anywhere: no src= or href= attributes at all
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=", page, re.I)


def test_explorer_has_legend_labels_and_sources(store, tmp_path):
    out = tmp_path / "explorer.html"
    write_explorer(store, out)
    page = out.read_text(encoding="utf-8")
    for legend in ("Agency", "Campaign", "Instrument", "Quantity"):
        assert legend in page
    assert "国务院办公厅" in page and "General Office of the State Council" in page
    assert "中辦、國辦印發" in page  # a source sentence, as written in the Traditional original


def test_document_text_cannot_run_code(hostile_store, tmp_path):
    out = tmp_path / "explorer.html"
    write_explorer(hostile_store, out)
    page = out.read_text(encoding="utf-8")
    assert "排污许可管理办法" in page
    assert "<script>alert" not in page
    assert "<img" not in page
    # the hostile text is still there, as inert JSON data
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1)
    labels = {node["fullLabel"] for node in json.loads(data)["nodes"]}
    assert "<script>alert(1)</script>排污许可管理办法" in labels


def test_focus_draws_the_neighbourhood(store, tmp_path):
    out = tmp_path / "focus.html"
    note = write_explorer(store, out, focus="空气质量持续改善行动计划", depth=1)
    page = out.read_text(encoding="utf-8")
    assert "空气质量持续改善行动计划" in page
    full = explorer_graph(store).number_of_nodes()
    assert int(note.split()[0]) < full


def test_focus_on_a_campaign_does_not_go_through_documents(store, tmp_path):
    out = tmp_path / "campaign.html"
    note = write_explorer(store, out, focus="蓝天保卫战", depth=2)
    payload = payload_of(out.read_text(encoding="utf-8"))
    graph = explorer_graph(store)
    assert int(note.split()[0]) < graph.number_of_nodes() / 2
    campaign = next(n for n, d in graph.nodes(data=True) if d["label"] == "蓝天保卫战")
    outcomes = {n for n in graph.predecessors(campaign) if graph.nodes[n]["cls"] == "Quantity"}
    assert outcomes and outcomes <= {n["id"] for n in payload["nodes"]}  # its outcomes stay


def test_unknown_focus_is_a_clear_error(store, tmp_path):
    with pytest.raises(KgError, match="no node labelled"):
        write_explorer(store, tmp_path / "x.html", focus="没有这个节点")


def test_large_graphs_keep_the_most_central_nodes(store):
    graph = explorer_graph(store)
    kept, left_out = keep_central(graph, 50)
    assert kept.number_of_nodes() == 50 and left_out == graph.number_of_nodes() - 50
    degrees = dict(graph.degree())
    assert min(degrees[n] for n in kept) >= max(degrees[n] for n in graph if n not in kept)


# --- what the page carries: attributes, years, filters, lineage, layout --------------------

def synthetic_graph(n: int = 5000, documents: int = 40, seed: int = 3):
    """A graph shaped like a big build (documents as hubs, a third of the nodes linked to
    another), for the layout and the browser tests."""
    import random

    import networkx as nx

    from kg.viz import explorer_node

    rnd = random.Random(seed)
    graph = nx.MultiDiGraph()
    docs = [f"urn:doc:{i}" for i in range(documents)]
    for i, doc in enumerate(docs):
        graph.add_node(doc, **explorer_node("Document", f"文件{i}", docs={doc}, years={2000 + i % 26}))
    classes = ["Agency", "Campaign", "PolicyInstrument", "PolicyEvent", "Quantity", "Indicator"]
    for i in range(n - documents):
        node, doc = f"urn:node:{i}", rnd.choice(docs)
        graph.add_node(node, **explorer_node(classes[i % 6], f"节点{i}", docs={doc}, sources=[
            {"document": doc, "year": 2020, "sentence": f"第{i}句。"}]))
        graph.add_edge(node, doc, label="见于 reported in")
        if i > 10 and rnd.random() < 0.3:
            graph.add_edge(node, f"urn:node:{rnd.randrange(i)}", label="related")
    return graph


def payload_of(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(block)


@pytest.fixture(scope="module")
def seeds_payload(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("viz") / "explorer.html"
    write_explorer(store, out)
    return payload_of(out.read_text(encoding="utf-8"))


def _node(payload: dict, label: str) -> dict:
    return next(n for n in payload["nodes"] if n["fullLabel"] == label)


def test_side_panel_data_has_attributes_years_and_sourced_sentences(seeds_payload):
    quantity = next(n for n in seeds_payload["nodes"] if n["cls"] == "Quantity" and n["fullLabel"].endswith("3033条"))
    assert quantity["fullLabel"] == "地级及以上城市黑臭水体基本消除 3033条"  # a figure says what it counts
    attrs = {pair[0]: pair[1] for pair in quantity["attrs"]}
    assert attrs["数值 value"] == "3033" and attrs["年份 year"] == "2024"
    assert any(name.endswith("unit label") and value == "条" for name, value in quantity["attrs"])
    assert quantity["years"] == [2024]
    source = quantity["sources"][0]
    assert {k: source[k] for k in ("document", "year", "mention")} == {
        "document": "000_6f03f2aa24c77ee1", "year": 2025, "mention": "3033条"}
    # the sentence shown is the document's own sentence around the mention, whole
    text = read_document(SEEDS / "000_6f03f2aa24c77ee1.txt").text
    sentence = text[text.index("3033条"):].split("。")[0] + "。"
    assert source["sentence"] == sentence and sentence.startswith("3033条")
    agency = _node(seeds_payload, "国务院办公厅")
    assert ["别名 alias", "国办"] in agency["attrs"] and "国办" in agency["aliases"]
    assert {s["document"] for s in agency["sources"]} == set(agency["docs"])
    # an attribute naming another node shown carries its id: the panel makes it a link
    parent = next(pair for pair in agency["attrs"] if pair[1] == "国务院")
    assert _node(seeds_payload, "国务院")["id"] == parent[2]


def test_a_sentence_is_listed_once_per_node(seeds_payload):
    for node in seeds_payload["nodes"]:
        keys = [(s["document"], s["sentence"]) for s in node["sources"]]
        assert len(keys) == len(set(keys)), node["fullLabel"]


def test_an_indicator_carries_its_values_by_year_and_area(seeds_payload):
    series = [n["series"] for n in seeds_payload["nodes"] if n["cls"] == "Indicator" and n.get("series")]
    assert series
    point = series[0][0]
    assert set(point) == {"id", "value", "unit", "year", "area", "role"}
    figures = {n["id"]: n for n in seeds_payload["nodes"] if n["cls"] == "Quantity"}
    assert all(figures[p["id"]]["figure"]["value"] == p["value"] for s in series for p in s)


def test_status_has_one_wording_in_both_languages(seeds_payload):
    assert seeds_payload["statuses"] == {"planned": {"zh": "计划", "en": "planned"},
                                         "reported": {"zh": "已完成", "en": "reported"}}


def test_traditional_spellings_map_to_the_labels_characters(seeds_payload):
    mapping = seeds_payload["traditional"]
    query = "".join(mapping.get(ch, ch) for ch in "生態環境部")
    assert query == "生态环境部"
    assert set(mapping.values()) <= {ch for n in seeds_payload["nodes"] for ch in n["fullLabel"] + "".join(n["aliases"])}


def test_traditional_map_lines_up_phrase_conversions():
    from kg.search import traditional_map

    mapping = traditional_map(["细颗粒物浓度", "发展改革委"])
    assert mapping["細"] == "细" and mapping["顆"] == "颗" and mapping["發"] == "发"
    assert traditional_map(["PM2.5"]) == {}


def test_hubs_are_documents_campaigns_and_the_most_linked(seeds_payload):
    hubs = {n["cls"] for n in seeds_payload["nodes"] if "hub" in n}
    assert hubs <= {"Document", "Campaign", "PolicyInstrument", "Agency"}
    assert all("hub" in n for n in seeds_payload["nodes"] if n["cls"] in ("Document", "Campaign"))
    ranks = sorted(n["hub"] for n in seeds_payload["nodes"] if "hub" in n)
    assert ranks == list(range(len(ranks)))  # one rank each: the order labels are drawn in


def test_filters_know_campaigns_documents_and_years(seeds_payload):
    campaigns = {c["label"]: c["id"] for c in seeds_payload["campaigns"]}
    assert {"蓝天保卫战", "碧水保卫战", "净土保卫战"} <= set(campaigns)
    assert len(seeds_payload["documents"]) == 5
    assert seeds_payload["documents"]["002_8ae1168cbd7d920f"]["year"] == 2025
    first, last = seeds_payload["years"]
    assert first <= 2023 and last >= 2026
    water = [n for n in seeds_payload["nodes"] if campaigns["碧水保卫战"] in n["campaigns"]]
    assert any(n["fullLabel"].endswith(" 3033条") for n in water)
    assert all(n["years"] for n in seeds_payload["nodes"] if n["cls"] in ("Quantity", "PolicyEvent", "Document"))


def test_instrument_carries_its_timeline_in_time_order(seeds_payload):
    plan = _node(seeds_payload, "空气质量持续改善行动计划")
    steps = [(e["year"], e["action"], e["document"]) for e in plan["timeline"]]
    assert steps[0] == (2023, "Issuance", "001_aa8a88324737e6f4")
    assert (2024, "Implementation", "000_6f03f2aa24c77ee1") in steps
    assert [y for y, _, _ in steps] == sorted(y for y, _, _ in steps)


def test_focus_on_an_instrument_draws_its_lineage_on_a_timeline(store, tmp_path):
    out = tmp_path / "lineage.html"
    write_explorer(store, out, focus="生态环境保护督察工作条例", depth=2)
    payload = payload_of(out.read_text(encoding="utf-8"))
    assert payload["layout"] == "lineage"
    classes = {n["cls"] for n in payload["nodes"]}
    assert classes <= {"PolicyInstrument", "PolicyEvent", "Agency", "Document"}
    events = sorted((n for n in payload["nodes"] if n["cls"] == "PolicyEvent"), key=lambda n: n["x"])
    years = [n["years"][0] for n in events]
    assert years == sorted(years) and len(set(years)) >= 2  # left to right in time order
    issued = next(n["event"] for n in events if n["event"]["action"] == "Issuance")
    labels = {n["id"]: n["fullLabel"] for n in payload["nodes"]}
    assert {labels[a] for a in issued["agencies"]} == {"党中央", "国务院"}
    assert {"党中央", "国务院"} <= {n["fullLabel"] for n in payload["nodes"] if n["cls"] == "Agency"}
    assert [a["year"] for a in payload["axis"]] == sorted(set(years))


def test_positions_are_computed_once_and_the_same_for_the_same_graph(tmp_path):
    from kg.viz import render_graph

    pages = []
    for name in ("a.html", "b.html"):
        render_graph(synthetic_graph(n=800, documents=10), tmp_path / name)
        pages.append(payload_of((tmp_path / name).read_text(encoding="utf-8")))
    first, second = ([(n["id"], n["x"], n["y"]) for n in p["nodes"]] for p in pages)
    assert first == second
    assert pages[0]["layout"] == "overview"
    out = tmp_path / "big.html"
    note = render_graph(synthetic_graph(), out)
    payload = payload_of(out.read_text(encoding="utf-8"))
    assert note.startswith("5000 nodes")
    points = [(n["x"], n["y"]) for n in payload["nodes"]]
    assert len(points) == 5000 and len(set(points)) > 4900  # every node placed, hardly any on another


def test_figures_are_placed_by_their_indicator_not_their_document(seeds_payload):
    import math

    nodes = {n["id"]: n for n in seeds_payload["nodes"]}
    nearer = total = 0
    for edge in seeds_payload["edges"]:
        figure, indicator = nodes[edge["from"]], nodes[edge["to"]]
        if figure["cls"] != "Quantity" or indicator["cls"] != "Indicator":
            continue
        document = next(nodes[e["to"]] for e in seeds_payload["edges"]
                        if e["from"] == figure["id"] and nodes[e["to"]]["cls"] == "Document")
        distance = lambda a, b: math.hypot(a["x"] - b["x"], a["y"] - b["y"])  # noqa: E731
        total += 1
        nearer += distance(figure, indicator) < distance(figure, document)
    assert total and nearer / total > 0.8


def test_timeline_option_opens_the_page_on_a_nodes_timeline(store, tmp_path):
    out = tmp_path / "timeline.html"
    write_explorer(store, out, timeline="空气质量持续改善行动计划")
    payload = payload_of(out.read_text(encoding="utf-8"))
    plan = _node(payload, "空气质量持续改善行动计划")
    assert payload["start"] == {"view": "timeline", "node": plan["id"]}


def test_above_the_limit_the_page_says_what_was_left_out(tmp_path):
    from kg.viz import render_graph

    out = tmp_path / "cut.html"
    note = render_graph(synthetic_graph(n=600, documents=10), out, max_nodes=200)
    assert note.startswith("200 nodes") and "400 less central nodes left out (limit 200)" in note
    assert "400 less central nodes left out" in out.read_text(encoding="utf-8")


def test_page_script_never_writes_html():
    from kg import resources

    template = resources.template_file("explorer.html").read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", template)


def test_viz_command_writes_the_page(built, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    out = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["viz", "--graph", str(built), "--out", str(out), "--max-nodes", "100"])
    assert result.exit_code == 0, result.output
    assert "100 nodes" in result.output and "left out (limit 100)" in result.output
    assert out.stat().st_size > 100_000


# --- the explorer table: a big graph's views read no store ---------------------------------

def test_the_first_overview_keeps_a_table_that_later_views_read(store, tmp_path):
    import pyoxigraph as ox

    from kg.viz import TABLE_FILE

    table = tmp_path / TABLE_FILE
    write_explorer(store, tmp_path / "from-store.html", max_nodes=60)
    write_explorer(store, tmp_path / "first.html", max_nodes=60, table=table)
    assert table.is_file()
    # an empty store: the page can only come from the table
    write_explorer(ox.Store(), tmp_path / "later.html", max_nodes=60, table=table)
    page = (tmp_path / "from-store.html").read_text(encoding="utf-8")
    assert (tmp_path / "first.html").read_text(encoding="utf-8") == page
    assert (tmp_path / "later.html").read_text(encoding="utf-8") == page


def test_the_table_keeps_the_nodes_keep_central_keeps(store):
    from kg.viz import central_nodes, explorer_table, table_graph

    table = explorer_table(store)
    graph = table_graph(table)
    for limit in (1, 25, 200):
        assert central_nodes(table, limit) == set(keep_central(graph, limit)[0])


def test_a_focus_on_the_table_finds_its_node_in_the_whole_graph(store, tmp_path):
    from kg.viz import TABLE_FILE, explorer_table, save_table

    table = tmp_path / TABLE_FILE
    assert save_table(explorer_table(store), table)
    note = write_explorer(store, tmp_path / "a.html", focus="蓝天保卫战", depth=2)
    assert write_explorer(store, tmp_path / "b.html", focus="蓝天保卫战", depth=2, table=table) == note
