"""kg viz: the built store → a networkx graph → one self-contained HTML explorer.

The page inlines vis-network (the library pyvis ships) and carries the graph as JSON in
a non-executable <script type="application/json"> block; every piece of document text
reaches the page only as JSON data and is put on screen with textContent, never as HTML,
so a document containing <script> or onerror= cannot run code in the page.

Layout: a small graph is laid out by the browser's physics, which stops once it settles;
a larger one (physics on 5,000 nodes never settles) gets coordinates computed here and
physics off; the focus on an instrument gets a timeline layout (its events left to right
in time order, agencies below, documents further down, related instruments above).
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
from kg.layout import event_order, spread_layout, timeline_layout
from kg.vocab import PREFIXES, SPARQL_PREFIXES

MAX_NODES = 5000  # above this the explorer keeps the most central nodes
PHYSICS_LIMIT = 600  # above this the layout is computed here and physics is off
MAX_SOURCES = 40  # source sentences listed per node (the rest are counted)
EDGE_LABEL_LIMIT = 2000  # above this many edges, edges carry no label (drawing cost)

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

# Names of the standard properties shown as attributes (ep: properties are named by the
# ontology's own labels, read from the store).
STANDARD_LABELS = {
    "sdmx-measure:obsValue": "数值 value",
    "sdmx-dimension:refPeriod": "年份 year",
    "sdmx-attribute:unitMeasure": "计量单位 unit",
    "dct:identifier": "编号 identifier",
    "dct:issued": "日期 issued",
    "dct:language": "文字 script",
    "dct:publisher": "发布者 publisher",
    "dct:source": "网址 source",
    "prov:used": "政策工具 instrument",
    "prov:wasAssociatedWith": "机构 agency",
    "skos:altLabel": "别名 alias",
    "skos:broader": "上位 broader",
    "skos:narrower": "下位 narrower",
    "skos:related": "相关 related",
    "skos:notation": "代码 notation",
    "skos:definition": "定义 definition",
    "org:subOrganizationOf": "上级 parent organisation",
    "org:classification": "类别 classification",
}

# Attributes come in this order in the side panel (figures first), the rest after them.
ATTRIBUTE_ORDER = (
    "sdmx-measure:obsValue", "ep:unitLabel", "sdmx-dimension:refPeriod", "ep:year", "ep:role",
    "ep:actionType", "ep:eventStatus", "prov:used", "prov:wasAssociatedWith", "ep:subjectText",
    "ep:areaLabel", "ep:basis", "ep:approximate", "ep:measures", "ep:campaign", "ep:instrumentKind",
    "ep:baseTitle", "ep:versionQualifier", "dct:issued", "dct:publisher", "ep:documentKind",
)


_NODES = SPARQL_PREFIXES + """
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

# (subject, relation label, object) for every edge the explorer draws. Relations between
# two instruments (versions, implementations, replacements) are drawn whatever property
# carries them, named by the property's labels in the ontology.
_EDGES = SPARQL_PREFIXES + """
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
  } UNION {
    ?s a ep:PolicyInstrument ; ?p ?o . ?o a ep:PolicyInstrument .
    FILTER(?s != ?o)
    OPTIONAL { ?p rdfs:label ?pzh FILTER(LANG(?pzh) = "zh") }
    OPTIONAL { ?p rdfs:label ?pen FILTER(LANG(?pen) = "en") }
    BIND(COALESCE(CONCAT(?pzh, " ", ?pen), ?pzh, REPLACE(STR(?p), "^.*[/#]", "")) AS ?relation)
  }
}
"""

# Every property of a shown node that is worth reading in the side panel.
_ATTRIBUTES = SPARQL_PREFIXES + """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?node ?p ?pzh ?pen ?value WHERE {
  VALUES ?class { ep:Document ep:Agency ep:Campaign ep:PolicyInstrument ep:PolicyEvent ep:Quantity ep:Indicator }
  ?node a ?class ; ?p ?o .
  FILTER(?p NOT IN (rdf:type, rdfs:label, skos:prefLabel, dct:title, ep:hasMention, prov:wasDerivedFrom,
                    prov:hadPrimarySource, ep:contentHash, ep:fileName, ep:evidence, skos:inScheme,
                    skos:topConceptOf, skos:note, skos:scopeNote, sdmx-attribute:unitMeasure))
  OPTIONAL { ?p rdfs:label ?pzh FILTER(LANG(?pzh) = "zh") }
  OPTIONAL { ?p rdfs:label ?pen FILTER(LANG(?pen) = "en") }
  OPTIONAL { ?o skos:prefLabel ?ozh FILTER(LANG(?ozh) = "zh") }
  OPTIONAL { ?o rdfs:label ?orl FILTER(LANG(?orl) = "zh") }
  OPTIONAL { ?o skos:notation ?onot }
  BIND(IF(isLiteral(?o), STR(?o), COALESCE(?ozh, ?orl, STR(?onot), STR(?o))) AS ?value)
}
"""

_SOURCES = SPARQL_PREFIXES + """
SELECT ?node ?sentence ?document ?begin ?campaign WHERE {
  ?node prov:wasDerivedFrom ?mention .
  ?mention nif:sentence ?s ;
           nif:beginIndex ?begin ;
           nif:referenceContext/dct:identifier ?document .
  ?s nif:anchorOf ?sentence .
  OPTIONAL { ?s ep:inSection/ep:headingCampaign ?campaign }
}
ORDER BY ?node ?document ?begin
"""

_DOCUMENTS = SPARQL_PREFIXES + """
SELECT ?node ?id ?title ?issued ?reviewsTo ?plansFrom WHERE {
  ?node a ep:Document ; dct:identifier ?id .
  OPTIONAL { ?node dct:title ?title }
  OPTIONAL { ?node dct:issued ?issued }
  OPTIONAL { ?node ep:reviewsTo ?reviewsTo }
  OPTIONAL { ?node ep:plansFrom ?plansFrom }
}
"""

_EVENTS = SPARQL_PREFIXES + """
SELECT ?event ?action ?actionLabel ?year ?status ?document
       (GROUP_CONCAT(DISTINCT ?agencyLabel; separator="、") AS ?agencies) WHERE {
  ?event a ep:PolicyEvent ; ep:actionType ?a .
  ?a skos:notation ?action .
  OPTIONAL { ?a skos:prefLabel ?actionLabel FILTER(LANG(?actionLabel) = "zh") }
  OPTIONAL { ?event ep:year ?year }
  OPTIONAL { ?event ep:eventStatus/skos:notation ?status }
  OPTIONAL { ?event prov:hadPrimarySource/dct:identifier ?document }
  OPTIONAL { ?event prov:wasAssociatedWith/skos:prefLabel ?agencyLabel FILTER(LANG(?agencyLabel) = "zh") }
}
GROUP BY ?event ?action ?actionLabel ?year ?status ?document
"""


def _select(store: ox.Store, query: str, only: tuple[str, list[str]] | None = None):
    """Run a query; ``only`` = (variable, IRIs) restricts it to those nodes with a VALUES
    block (the IRIs come from the store itself, never from user input)."""
    if only is not None:
        variable, nodes = only
        values = f"VALUES ?{variable} {{ " + " ".join(str(ox.NamedNode(n)) for n in nodes) + " }"
        query = re.sub(r"WHERE\s*\{", lambda m: m.group(0) + "\n  " + values, query, count=1)
    return store.query(query, use_default_graph_as_union=True)


DETAILS_BY_VALUES = 1000  # up to this many kept nodes, details are read for them alone


def _details_of(graph: nx.MultiDiGraph, variable: str):
    """The restriction for detail queries: the kept nodes when the graph was reduced to a
    few (a focus); none otherwise (measured: a VALUES block of 5,000 IRIs makes Oxigraph
    slower than reading every node's details and skipping the rest)."""
    if graph.graph.get("reduced") and graph.number_of_nodes() <= DETAILS_BY_VALUES:
        return (variable, sorted(graph))
    return None


def _value(term) -> str:
    return term.value if term is not None else ""


def _short(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _year_of(text: str) -> int | None:
    m = re.match(r"(\d{4})", text or "")
    return int(m.group(1)) if m else None


def explorer_node(cls: str, label: str, **data) -> dict:
    node = {"cls": cls, "label": label, "en": "", "detail": "", "attrs": [], "sources": [],
            "more": 0, "docs": set(), "years": set(), "campaigns": set(), "event": None}
    node.update(data)
    return node


def explorer_graph(store: ox.Store, reduce=None) -> nx.MultiDiGraph:
    """The nodes and relations the explorer shows, with their labels, attributes, sources,
    and the documents, years and campaigns the filters use.

    ``reduce`` (graph → smaller graph) runs on the bare structure, before the details of
    each node are read: on a million quads the details of nodes that are then left out
    cost most of the time."""
    graph = nx.MultiDiGraph()
    for row in _select(store, _NODES):
        node = row["node"].value
        if node in graph:
            continue
        graph.add_node(node, **explorer_node(
            row["class"].value.rsplit("#", 1)[-1], row["label"].value,
            en=_value(row["en"]), detail=_value(row["detail"]),
        ))
    for row in _select(store, _EDGES):
        s, o = row["s"].value, row["o"].value
        if s in graph and o in graph:
            graph.add_edge(s, o, label=row["relation"].value)
    if reduce is not None:
        total = graph.number_of_nodes()
        graph = reduce(graph)
        graph.graph["reduced"] = graph.number_of_nodes() < total
    _add_attributes(store, graph)
    documents = _add_sources(store, graph)
    _add_events(store, graph)
    _spread_filters(graph, documents)
    graph.graph["documents"] = documents
    return graph


def _add_attributes(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    for row in _select(store, _ATTRIBUTES, _details_of(graph, "node")):
        node = row["node"].value
        if node not in graph:
            continue
        prefixed = _short(row["p"].value)
        if row["pzh"] is not None:
            name = row["pzh"].value + (" " + row["pen"].value if row["pen"] is not None else "")
        else:
            name = STANDARD_LABELS.get(prefixed, prefixed)
        value = row["value"].value
        item = (_attribute_rank(prefixed), name, _short(value) if value.startswith("http") else value)
        attrs = graph.nodes[node]["attrs"]
        if item not in attrs:
            attrs.append(item)
        if row["p"].value.endswith(("#year", "#refPeriod")):
            year = _year_of(row["value"].value)
            if year:
                graph.nodes[node]["years"].add(year)
    for _, data in graph.nodes(data=True):
        data["attrs"] = [[name, value] for _, name, value in sorted(data["attrs"])]


def _attribute_rank(prefixed: str) -> int:
    return ATTRIBUTE_ORDER.index(prefixed) if prefixed in ATTRIBUTE_ORDER else len(ATTRIBUTE_ORDER)


def _add_sources(store: ox.Store, graph: nx.MultiDiGraph) -> dict[str, dict]:
    """Source sentences of every node; returns the documents by identifier."""
    documents: dict[str, dict] = {}
    for row in _select(store, _DOCUMENTS):
        year = _year_of(_value(row["issued"])) or _year_of(_value(row["plansFrom"])) or _year_of(
            _value(row["reviewsTo"]))
        documents[row["id"].value] = {"title": _value(row["title"]), "year": year}
        node = row["node"].value
        if node in graph:
            graph.nodes[node]["docs"].add(row["id"].value)
            if year:
                graph.nodes[node]["years"].add(year)
    seen: set[tuple[str, str, int]] = set()
    for row in _select(store, _SOURCES, _details_of(graph, "node")):
        node = row["node"].value
        if node not in graph:
            continue
        data = graph.nodes[node]
        document = row["document"].value
        data["docs"].add(document)
        if row["campaign"] is not None:
            data["campaigns"].add(row["campaign"].value)
        key = (node, document, int(row["begin"].value))
        if key in seen:
            continue
        seen.add(key)
        if len(data["sources"]) < MAX_SOURCES:
            year = documents.get(document, {}).get("year")
            data["sources"].append({"document": document, "year": year, "sentence": row["sentence"].value})
        else:
            data["more"] += 1
    return documents


def _add_events(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    for row in _select(store, _EVENTS, _details_of(graph, "event")):
        node = row["event"].value
        if node not in graph:
            continue
        year = _year_of(_value(row["year"]))
        graph.nodes[node]["event"] = {
            "id": node,
            "action": row["action"].value,
            "actionLabel": _value(row["actionLabel"]) or row["action"].value,
            "year": year,
            "status": _value(row["status"]),
            "agencies": _value(row["agencies"]),
            "document": _value(row["document"]),
        }


def _spread_filters(graph: nx.MultiDiGraph, documents: dict[str, dict]) -> None:
    """Nodes that are not read from a sentence take their documents, years and campaigns
    from the nodes around them: an instrument the years of its events, an indicator those
    of its figures, a document the campaigns it speaks of."""
    for node, data in graph.nodes(data=True):
        if not data["years"]:
            data["years"].update(documents[d]["year"] for d in data["docs"] if documents.get(d, {}).get("year"))
        if data["cls"] == "Campaign":
            data["campaigns"].add(node)
    for s, o in graph.edges():
        source, target = graph.nodes[s], graph.nodes[o]
        if source["cls"] == "Quantity" and target["cls"] == "Campaign":
            source["campaigns"].add(o)
        if source["cls"] == "PolicyEvent" and target["cls"] == "PolicyInstrument":
            target["years"].update(source["years"])
    for s, o in graph.edges():
        source, target = graph.nodes[s], graph.nodes[o]
        if target["cls"] == "Indicator":
            target["docs"].update(source["docs"])
            target["years"].update(source["years"])
            target["campaigns"].update(source["campaigns"])
        if target["cls"] == "Document":
            target["campaigns"].update(source["campaigns"])


# --- choosing what to draw -------------------------------------------------------------

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


def lineage(graph: nx.MultiDiGraph, centre: str, depth: int) -> nx.MultiDiGraph:
    """An instrument's lineage: the instruments linked to it (versions, implementations)
    up to ``depth`` links away, and for each its events, their agencies and documents, and
    the documents that mention it."""
    undirected = graph.to_undirected(as_view=True)
    instruments = {centre}
    frontier = {centre}
    for _ in range(depth):
        frontier = {
            other for node in frontier for other in undirected[node]
            if graph.nodes[other]["cls"] == "PolicyInstrument" and other not in instruments
        }
        instruments |= frontier
    keep = set(instruments)
    for instrument in instruments:
        for neighbour in undirected[instrument]:
            cls = graph.nodes[neighbour]["cls"]
            if cls == "Document":
                keep.add(neighbour)
            elif cls == "PolicyEvent":
                keep.add(neighbour)
                keep.update(n for n in undirected[neighbour] if graph.nodes[n]["cls"] in ("Agency", "Document"))
    return graph.subgraph(keep).copy()


def keep_central(graph: nx.MultiDiGraph, limit: int) -> tuple[nx.MultiDiGraph, int]:
    """The ``limit`` most central nodes (degree centrality) and how many were left out."""
    if graph.number_of_nodes() <= limit:
        return graph, 0
    centrality = nx.degree_centrality(graph)
    kept = sorted(graph, key=lambda n: (-centrality[n], n))[:limit]
    return graph.subgraph(kept).copy(), graph.number_of_nodes() - limit


# --- layout ----------------------------------------------------------------------------

def _payload(graph: nx.MultiDiGraph, english: dict[str, str], positions: dict | None = None) -> dict:
    nodes = []
    for node, data in sorted(graph.nodes(data=True)):
        label = data["label"]
        en = data.get("en") or english.get(node, "")
        colour = CLASSES.get(data["cls"], ("", "#cccccc"))[1]
        item = {
            "id": node,
            "label": label if len(label) <= 18 else label[:17] + "…",
            "fullLabel": label,
            "en": en,
            "cls": data["cls"],
            "detail": data.get("detail", ""),
            "attrs": data.get("attrs", []),
            "sources": data.get("sources", []),
            "more": data.get("more", 0),
            "docs": sorted(data.get("docs", ())),
            "years": sorted(data.get("years", ())),
            "campaigns": sorted(c for c in data.get("campaigns", ()) if c in graph),
            "color": colour,
        }
        if data["cls"] == "PolicyInstrument":
            item["timeline"] = _timeline(graph, node)
        if positions and node in positions:
            item["x"], item["y"] = round(positions[node][0], 1), round(positions[node][1], 1)
        nodes.append(item)
    with_labels = graph.number_of_edges() <= EDGE_LABEL_LIMIT
    edges = [
        {"from": s, "to": o, "label": data["label"] if with_labels else ""}
        for s, o, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"]))
    ]
    documents = graph.graph.get("documents", {})
    campaigns = sorted(
        ({"id": n, "label": d["label"]} for n, d in graph.nodes(data=True) if d["cls"] == "Campaign"),
        key=lambda c: c["label"],
    )
    years = sorted({y for n in nodes for y in n["years"]})
    return {
        "nodes": nodes,
        "edges": edges,
        "documents": {k: v for k, v in sorted(documents.items()) if any(k in n["docs"] for n in nodes)},
        "campaigns": campaigns,
        "years": [years[0], years[-1]] if years else [],
    }


def _timeline(graph: nx.MultiDiGraph, instrument: str) -> list[dict]:
    """The events acting on an instrument, in time order."""
    events = [graph.nodes[e]["event"] for e in graph.predecessors(instrument) if graph.nodes[e].get("event")]
    return sorted(events, key=event_order)


def _event_instrument(graph: nx.MultiDiGraph, event: str) -> str:
    for target in graph.successors(event):
        if graph.nodes[target]["cls"] == "PolicyInstrument":
            return graph.nodes[target]["label"]
    return ""


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


def render_graph(graph: nx.MultiDiGraph, out: Path, title: str = "ecopolicy-kg explorer",
                 max_nodes: int = MAX_NODES, focus: str | None = None) -> str:
    """Write the explorer page of ``graph``; returns the one-line summary."""
    from kg.reference import reference

    graph, left_out = keep_central(graph, max_nodes)
    left_out += graph.graph.get("left_out", 0)  # nodes an earlier keep_central dropped
    note = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    if left_out:
        note += f"; {left_out} less central nodes left out (limit {max_nodes})"
    axis: list[dict] = []
    if focus in graph and graph.nodes[focus]["cls"] == "PolicyInstrument":
        positions, axis = timeline_layout(graph, focus)
        layout = "timeline"
    elif graph.number_of_nodes() > PHYSICS_LIMIT:
        positions, layout = spread_layout(graph), "fixed"
    else:
        positions, layout = None, "physics"
    english = {str(k): v for k, v in reference().english.items()}
    payload = _payload(graph, english, positions)
    payload.update(layout=layout, axis=axis, focus=focus if focus in graph else None)
    if layout == "timeline":
        payload["timeline"] = sorted(
            (d["event"] | {"instrument": _event_instrument(graph, n)} for n, d in graph.nodes(data=True)
             if d.get("event")),
            key=event_order,
        )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(payload, title, note), encoding="utf-8")
    return note


def write_explorer(store: ox.Store, out: Path, focus: str | None = None, depth: int = 2,
                   max_nodes: int = MAX_NODES) -> str:
    title = "ecopolicy-kg explorer"
    chosen: dict[str, str] = {}

    def reduce(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
        if focus:
            centre = chosen["centre"] = find_focus(graph, focus)
            if graph.nodes[centre]["cls"] == "PolicyInstrument":
                graph = lineage(graph, centre, depth)
            else:
                graph = neighbourhood(graph, centre, depth)
        kept, left_out = keep_central(graph, max_nodes)
        kept.graph["left_out"] = left_out
        return kept

    graph = explorer_graph(store, reduce)
    centre = chosen.get("centre")
    if centre:
        title += f" — {graph.nodes[centre]['label']} (depth {depth})"
    return render_graph(graph, out, title, max_nodes, centre)
