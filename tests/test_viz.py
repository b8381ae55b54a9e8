"""The explorer HTML: self-contained, every document text escaped, focus mode."""

from __future__ import annotations

import json
import re

import pytest

from kg.build import build
from kg.errors import KgError
from kg.store import open_store
from kg.viz import explorer_graph, keep_central, write_explorer

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


def test_unknown_focus_is_a_clear_error(store, tmp_path):
    with pytest.raises(KgError, match="no node labelled"):
        write_explorer(store, tmp_path / "x.html", focus="没有这个节点")


def test_large_graphs_keep_the_most_central_nodes(store):
    graph = explorer_graph(store)
    kept, left_out = keep_central(graph, 50)
    assert kept.number_of_nodes() == 50 and left_out == graph.number_of_nodes() - 50
    degrees = dict(graph.degree())
    assert min(degrees[n] for n in kept) >= max(degrees[n] for n in graph if n not in kept)
