"""kg viz: the built store → a networkx graph → one self-contained HTML explorer.

The page inlines vis-network (the library pyvis ships) and carries the graph as JSON in
a non-executable <script type="application/json"> block; every piece of document text
reaches the page only as JSON data and is put on screen with textContent, never as HTML,
so a document containing <script> or onerror= cannot run code in the page.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources as importlib_resources
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg import resources
from kg.errors import KgError
from kg.vocab import PREFIXES

MAX_NODES = 1500  # above this the explorer keeps the most central nodes
MAX_SOURCES = 6  # source sentences listed per node

# class → (legend label, colour); the order is the legend's order.
CLASSES = {
    "Document": ("文件 Document", "#8c8c8c"),
    "Agency": ("机构 Agency", "#d9534f"),
    "Campaign": ("行动 Campaign", "#5cb85c"),
    "PolicyInstrument": ("政策工具 Instrument", "#428bca"),
    "PolicyEvent": ("事件 Event", "#f0ad4e"),
    "Quantity": ("数据 Quantity", "#9b59b6"),
    "Indicator": ("指标 Indicator", "#1abc9c"),
}

_PREFIX_BLOCK = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())

_NODES = _PREFIX_BLOCK + """
SELECT ?node ?class ?label ?en ?detail WHERE {
  VALUES ?class { ep:Document ep:Agency ep:Campaign ep:PolicyInstrument ep:PolicyEvent ep:Quantity ep:Indicator }
  ?node a ?class .
  FILTER(?class IN (ep:Document, ep:PolicyEvent) || EXISTS { ?node prov:wasDerivedFrom ?m }
         || EXISTS { ?q ep:measures ?node })
  OPTIONAL { ?node rdfs:label ?rdfsLabel FILTER(LANG(?rdfsLabel) = "zh") }
  OPTIONAL { ?node skos:prefLabel ?prefLabel FILTER(LANG(?prefLabel) = "zh") }
  BIND(COALESCE(?prefLabel, ?rdfsLabel, STR(?node)) AS ?label)
  OPTIONAL { ?node skos:prefLabel ?en FILTER(LANG(?en) = "en") }
  OPTIONAL {
    ?node sdmx-measure:obsValue ?value ; ep:unitLabel ?unit ; ep:role/skos:notation ?role .
    OPTIONAL { ?node sdmx-dimension:refPeriod ?year }
    OPTIONAL { ?node ep:subjectText ?subject }
    BIND(CONCAT(COALESCE(?subject, ""), " ", STR(?value), " ", ?unit, " (", ?role,
                IF(BOUND(?year), CONCAT(", ", STR(?year)), ""), ")") AS ?quantityDetail)
  }
  OPTIONAL {
    ?node ep:actionType/skos:prefLabel ?actionLabel FILTER(LANG(?actionLabel) = "zh")
    OPTIONAL { ?node ep:year ?eventYear }
    OPTIONAL { ?node ep:eventStatus/skos:notation ?status }
    BIND(CONCAT(?actionLabel, IF(BOUND(?eventYear), CONCAT(" ", STR(?eventYear)), ""),
                IF(BOUND(?status), CONCAT(" (", ?status, ")"), "")) AS ?eventDetail)
  }
  OPTIONAL { ?node ep:instrumentKind/skos:notation ?kind }
  OPTIONAL { ?node dct:issued ?issued }
  BIND(COALESCE(?quantityDetail, ?eventDetail, ?kind, STR(?issued), "") AS ?detail)
}
"""

# (subject, relation label, object) for every edge the explorer draws.
_EDGES = _PREFIX_BLOCK + """
SELECT DISTINCT ?s ?relation ?o WHERE {
  {
    ?s a ep:PolicyEvent ; prov:used ?o ; ep:actionType/skos:prefLabel ?relation FILTER(LANG(?relation) = "zh")
  } UNION {
    ?s a ep:PolicyEvent ; prov:wasAssociatedWith ?o BIND("执行机构 by" AS ?relation)
  } UNION {
    ?s a ep:PolicyEvent ; prov:hadPrimarySource ?o BIND("见于 reported in" AS ?relation)
  } UNION {
    VALUES ?class { ep:Agency ep:Campaign ep:PolicyInstrument }
    ?s a ?class ; prov:hadPrimarySource ?o BIND("提及于 mentioned in" AS ?relation)
  } UNION {
    ?s a ep:Quantity ; ep:campaign ?o BIND("成效 outcome of" AS ?relation)
  } UNION {
    ?s a ep:Quantity ; ep:measures ?o BIND("指标 measures" AS ?relation)
  } UNION {
    ?s a ep:Quantity ; prov:hadPrimarySource ?o BIND("见于 reported in" AS ?relation)
  } UNION {
    ?s a ep:Campaign ; skos:broader ?o ; prov:wasDerivedFrom ?m1 . ?o prov:wasDerivedFrom ?m2 .
    BIND("上位 broader" AS ?relation)
  }
}
"""

_SOURCES = _PREFIX_BLOCK + """
SELECT ?node ?sentence ?document ?begin WHERE {
  ?node prov:wasDerivedFrom ?mention .
  ?mention nif:sentence/nif:anchorOf ?sentence ;
           nif:beginIndex ?begin ;
           nif:referenceContext/dct:identifier ?document .
}
ORDER BY ?node ?document ?begin
"""


def _select(store: ox.Store, query: str):
    return store.query(query, use_default_graph_as_union=True)


def explorer_graph(store: ox.Store) -> nx.MultiDiGraph:
    """The nodes and relations the explorer shows, with their labels and sources."""
    graph = nx.MultiDiGraph()
    for row in _select(store, _NODES):
        node = row["node"].value
        if node in graph:
            continue
        graph.add_node(
            node,
            cls=row["class"].value.rsplit("#", 1)[-1],
            label=row["label"].value,
            en=row["en"].value if row["en"] else "",
            detail=row["detail"].value if row["detail"] else "",
            sources=[],
        )
    for row in _select(store, _EDGES):
        s, o = row["s"].value, row["o"].value
        if s in graph and o in graph:
            graph.add_edge(s, o, label=row["relation"].value)
    for row in _select(store, _SOURCES):
        node = row["node"].value
        if node in graph:
            sources = graph.nodes[node]["sources"]
            if len(sources) < MAX_SOURCES:
                sources.append({"document": row["document"].value, "sentence": row["sentence"].value})
    return graph


def find_focus(graph: nx.MultiDiGraph, focus: str) -> str:
    exact = [n for n, d in graph.nodes(data=True) if focus in (d["label"], d["en"])]
    partial = [n for n, d in graph.nodes(data=True) if focus in d["label"] or (d["en"] and focus in d["en"])]
    candidates = exact or sorted(partial, key=lambda n: len(graph.nodes[n]["label"]))
    if not candidates:
        raise KgError(f"no node labelled {focus!r} in the graph (try `kg query instruments`)")
    return candidates[0]


def neighbourhood(graph: nx.MultiDiGraph, centre: str, depth: int) -> nx.MultiDiGraph:
    reach = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, cutoff=depth)
    return graph.subgraph(reach).copy()


def keep_central(graph: nx.MultiDiGraph, limit: int) -> tuple[nx.MultiDiGraph, int]:
    """The ``limit`` most central nodes (degree centrality) and how many were left out."""
    if graph.number_of_nodes() <= limit:
        return graph, 0
    centrality = nx.degree_centrality(graph)
    kept = sorted(graph, key=lambda n: (-centrality[n], n))[:limit]
    return graph.subgraph(kept).copy(), graph.number_of_nodes() - limit


def _payload(graph: nx.MultiDiGraph, english: dict[str, str]) -> dict:
    nodes = []
    for node, data in sorted(graph.nodes(data=True)):
        label = data["label"]
        en = data["en"] or english.get(node, "")
        colour = CLASSES.get(data["cls"], ("", "#cccccc"))[1]
        nodes.append({
            "id": node,
            "label": label if len(label) <= 18 else label[:17] + "…",
            "fullLabel": label,
            "en": en,
            "cls": data["cls"],
            "detail": data["detail"],
            "sources": data["sources"],
            "color": colour,
        })
    edges = [
        {"from": s, "to": o, "label": data["label"], "arrows": "to"}
        for s, o, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"]))
    ]
    return {"nodes": nodes, "edges": edges}


def _vis_asset(name: str) -> str:
    return importlib_resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2", name).read_text(
        encoding="utf-8"
    )


def _script_json(value) -> str:
    """JSON safe inside <script>: no "<" at all, so no </script> or <!-- can end it."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def render_html(payload: dict, title: str, note: str) -> str:
    data = _script_json(payload)
    legend = _script_json([{"cls": c, "label": l, "color": col} for c, (l, col) in CLASSES.items()])
    values = {
        "TITLE": html.escape(title),
        "NOTE": html.escape(note),
        "VIS_CSS": _vis_asset("vis-network.css"),
        "LEGEND": legend,
        "DATA": data,
        "VIS_JS": _vis_asset("vis-network.min.js"),
    }
    template = resources.template_file("explorer.html").read_text(encoding="utf-8")
    # one pass, so text inside the data can never be taken for a placeholder
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: values[m.group(1)], template)


def write_explorer(store: ox.Store, out: Path, focus: str | None = None, depth: int = 2,
                   max_nodes: int = MAX_NODES) -> str:
    from kg.reference import reference

    graph = explorer_graph(store)
    title = "ecopolicy-kg explorer"
    if focus:
        centre = find_focus(graph, focus)
        graph = neighbourhood(graph, centre, depth)
        title += f" — {graph.nodes[centre]['label']} (depth {depth})"
    graph, left_out = keep_central(graph, max_nodes)
    note = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    if left_out:
        note += f"; {left_out} less central nodes left out (limit {max_nodes})"
    english = {str(k): v for k, v in reference().english.items()}
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(_payload(graph, english), title, note), encoding="utf-8")
    return note
