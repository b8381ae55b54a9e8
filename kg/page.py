"""The explorer page: the graph kg.viz reads → the JSON the page carries → one HTML file.

Every position is computed here, seeded (kg/layout.py), so the same graph gives the same
picture and the browser never runs a physics simulation: the page opens at once and a
node hidden by a filter comes back where it was. The page's script (templates/
explorer.html) draws the graph view with vis-network (the copy pyvis ships) and the
timeline view with plain DOM elements; it puts document text on screen with textContent
only.
"""

from __future__ import annotations

import html
import json
import re
import importlib.util
from pathlib import Path

import networkx as nx

from kg import resources
from kg.layout import event_order, spread_layout, timeline_layout
from kg.search import traditional_map

MAX_NODES = 5000  # above this the explorer keeps the most central nodes
HUB_LABELS = 30  # instruments and agencies whose labels are drawn at every zoom (with all
# documents and campaigns): the most linked ones
SHORT_LABEL = 18  # characters of a label drawn on the canvas (the panel has it whole)

# class → (legend label, colour, shown in the first view); the order is the legend's order.
CLASSES = {
    "Document": ("文件 Document", "#8c8c8c", True),
    "Agency": ("机构 Agency", "#d9534f", True),
    "Campaign": ("行动 Campaign", "#5cb85c", True),
    "PolicyInstrument": ("政策工具 Instrument", "#428bca", True),
    "PolicyEvent": ("事件 Event", "#f0ad4e", False),
    "Quantity": ("数据 Quantity", "#9b59b6", False),
    "Indicator": ("指标 Indicator", "#1abc9c", False),
}
# planned/reported in both languages when the graph has no reference data (a synthetic graph)
STATUSES = {"planned": {"zh": "计划", "en": "planned"}, "reported": {"zh": "已完成", "en": "reported"}}


def _short_label(label: str) -> str:
    return label if len(label) <= SHORT_LABEL else label[:SHORT_LABEL - 1] + "…"


def _hubs(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Nodes labelled at every zoom, by rank (the page draws the labels in this order and
    leaves out one that would cover a label already drawn): campaigns, documents, then the
    most linked instruments and agencies."""
    order = {"Campaign": 0, "Document": 1}
    fixed = sorted((n for n, d in graph.nodes(data=True) if d["cls"] in order),
                   key=lambda n: (order[graph.nodes[n]["cls"]], -graph.degree(n), n))
    linked = sorted((n for n, d in graph.nodes(data=True) if d["cls"] in ("PolicyInstrument", "Agency")),
                    key=lambda n: (-graph.degree(n), n))[:HUB_LABELS]
    return {n: rank for rank, n in enumerate(fixed + linked)}


def _node_item(graph: nx.MultiDiGraph, node: str, data: dict, english: dict[str, str]) -> dict:
    item = {
        "id": node,
        "label": _short_label(data["label"]),
        "fullLabel": data["label"],
        "en": data.get("en") or english.get(node, ""),
        "cls": data["cls"],
        "detail": data.get("detail", ""),
        "attrs": data.get("attrs", []),
        "aliases": sorted(data.get("aliases", ())),
        "sources": data.get("sources", []),
        "more": data.get("more", 0),
        "docs": sorted(data.get("docs", ())),
        "years": sorted(data.get("years", ())),
        "campaigns": sorted(c for c in data.get("campaigns", ()) if c in graph),
        "color": CLASSES.get(data["cls"], ("", "#cccccc"))[1],
    }
    if data.get("base"):
        item["base"] = data["base"]
    if data.get("event"):
        item["event"] = data["event"]
    if data.get("figure"):
        item["figure"] = data["figure"]
    if data["cls"] == "PolicyInstrument":
        item["timeline"] = _timeline(graph, node)
    if data["cls"] == "Indicator":
        item["series"] = _series(graph, node)
    return item


def _payload(graph: nx.MultiDiGraph, english: dict[str, str], positions: dict,
             traditional: dict[str, str] | None = None) -> dict:
    hubs = _hubs(graph)
    nodes = []
    for node, data in sorted(graph.nodes(data=True)):
        item = _node_item(graph, node, data, english)
        if node in hubs:
            item["hub"] = hubs[node]
        if node in positions:
            item["x"], item["y"] = round(positions[node][0], 1), round(positions[node][1], 1)
        nodes.append(item)
    edges = [
        {"from": s, "to": o, "label": data["label"]}
        for s, o, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"]))
    ]
    documents = graph.graph.get("documents", {})
    campaigns = sorted(
        ({"id": n, "label": d["label"]} for n, d in graph.nodes(data=True) if d["cls"] == "Campaign"),
        key=lambda c: c["label"],
    )
    years = sorted({y for n in nodes for y in n["years"]})
    texts = [n["fullLabel"] for n in nodes] + [a for n in nodes for a in n["aliases"]]
    if traditional is None:
        traditional = traditional_map(texts)
    else:  # the map of a larger graph, cut to the characters shown
        shown = {ch for text in texts for ch in text}
        traditional = {t: s for t, s in traditional.items() if s in shown}
    cited = {d for n in nodes for d in n["docs"]}
    return {
        "nodes": nodes,
        "edges": edges,
        "documents": {k: v for k, v in sorted(documents.items()) if k in cited},
        "campaigns": campaigns,
        "years": [years[0], years[-1]] if years else [],
        "statuses": graph.graph.get("statuses") or STATUSES,
        "traditional": traditional,
    }


def _timeline(graph: nx.MultiDiGraph, instrument: str) -> list[dict]:
    """The events acting on an instrument, in time order."""
    events = [graph.nodes[e]["event"] for e in graph.predecessors(instrument) if graph.nodes[e].get("event")]
    return sorted(events, key=event_order)


def _series(graph: nx.MultiDiGraph, indicator: str) -> list[dict]:
    """The figures of an indicator, by year and area: the points of its chart."""
    points = []
    for quantity in graph.predecessors(indicator):
        figure = graph.nodes[quantity].get("figure")
        if figure:
            points.append(figure | {"id": quantity})
    return sorted(points, key=lambda p: (p["year"] is None, p["year"] or 0, p["area"], p["id"]))


def _vis_asset(name: str) -> str:
    # pyvis's folder, found without importing pyvis (its import pulls in IPython: 0.2 s)
    folder = Path(importlib.util.find_spec("pyvis").submodule_search_locations[0])
    return (folder / "templates" / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def script_json(value) -> str:
    """JSON safe inside <script>: no "<" at all, so no </script> or <!-- can end it."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def render_html(payload: dict, title: str, note: str) -> str:
    legend = [{"cls": c, "label": label, "color": colour, "shown": shown}
              for c, (label, colour, shown) in CLASSES.items()]
    values = {
        "TITLE": html.escape(title),
        "NOTE": html.escape(note),
        "VIS_CSS": _vis_asset("vis-network.css"),
        "LEGEND": script_json(legend),
        "DATA": script_json(payload),
        "VIS_JS": _vis_asset("vis-network.min.js"),
    }
    template = resources.template_file("explorer.html").read_text(encoding="utf-8")
    # one pass, so text inside the data can never be taken for a placeholder
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: values[m.group(1)], template)


def render_graph(graph: nx.MultiDiGraph, out: Path, title: str = "ecopolicy-kg explorer",
                 max_nodes: int = MAX_NODES, focus: str | None = None, start: dict | None = None,
                 english: dict[str, str] | None = None, traditional: dict[str, str] | None = None) -> str:
    """Write the explorer page of ``graph``; returns the one-line summary. ``start`` is the
    state the page opens in when its URL names none (e.g. the timeline of one node).
    ``english`` (node → English name) and ``traditional`` (the character map of a larger
    graph, kg/search.py) are read from the reference data and OpenCC when not given."""
    from kg.reference import reference
    from kg.viz import keep_central

    graph, left_out = keep_central(graph, max_nodes)
    left_out += graph.graph.get("left_out", 0)  # nodes an earlier keep_central dropped
    note = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    if left_out:
        note += f"; {left_out} less central nodes left out (limit {max_nodes})"
    axis: list[dict] = []
    if focus in graph and graph.nodes[focus]["cls"] == "PolicyInstrument":
        positions, axis = timeline_layout(graph, focus)
        layout = "lineage"
    else:
        positions, layout = spread_layout(graph), "overview"
    if english is None:
        english = {str(k): v for k, v in reference().english.items()}
    payload = _payload(graph, english, positions, traditional)
    focus = focus if focus in graph else None
    # a focus opens selected; a page that names no state opens on the overview
    payload.update(layout=layout, axis=axis, focus=focus, start=start or ({"node": focus} if focus else {}))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(payload, title, note), encoding="utf-8")
    return note
