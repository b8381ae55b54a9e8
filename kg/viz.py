"""kg viz: the built store → a networkx graph of what the explorer shows → kg/page.py.

The explorer draws documents, agencies, campaigns, instruments, events, figures and
indicators and the relations between them; every node carries its attributes, its source
sentences (with the mention to highlight), the documents, years and campaigns the filters
use, and its aliases for the search. A focus keeps a node's neighbourhood (an
instrument's lineage: its versions and implementations, their events, agencies and
documents); a graph past the node limit keeps its most central nodes.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.errors import KgError
from kg.page import MAX_NODES, render_graph
from kg.vocab import PREFIXES, SPARQL_PREFIXES

MAX_SOURCES = 40  # source sentences listed per node (the rest are counted)
TABLE_FILE = "explorer.json"  # every node's details, kept beside the store of a build
_SETS = ("docs", "years", "campaigns", "aliases")  # node fields that are sets (lists in the table)

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
  OPTIONAL {
    ?node a ep:Quantity ; sdmx-measure:obsValue ?figureValue .
    OPTIONAL { ?node ep:unitLabel ?figureUnit }
    OPTIONAL { ?node ep:measures/skos:prefLabel ?indicatorLabel FILTER(LANG(?indicatorLabel) = "zh") }
    OPTIONAL { ?node ep:subjectText ?figureSubject }
    # a figure is named by what it measures and its value: "PM2.5浓度 29.3微克/立方米"
    BIND(CONCAT(COALESCE(?indicatorLabel, ?figureSubject, ""), " ", STR(?figureValue), COALESCE(?figureUnit, ""))
         AS ?figureLabel)
  }
  BIND(COALESCE(?figureLabel, ?prefLabel, ?rdfsLabel, STR(?node)) AS ?label)
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
SELECT DISTINCT ?node ?p ?pzh ?pen ?value ?o WHERE {
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
SELECT ?node ?sentence ?mentionText ?document ?begin ?campaign WHERE {
  ?node prov:wasDerivedFrom ?mention .
  OPTIONAL { ?mention nif:anchorOf ?mentionText }
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
SELECT ?event ?action ?actionLabel ?year ?status ?document ?instrument
       (GROUP_CONCAT(DISTINCT STR(?agency); separator=" ") AS ?agencies) WHERE {
  ?event a ep:PolicyEvent ; ep:actionType ?a .
  ?a skos:notation ?action .
  OPTIONAL { ?a skos:prefLabel ?actionLabel FILTER(LANG(?actionLabel) = "zh") }
  OPTIONAL { ?event ep:year ?year }
  OPTIONAL { ?event ep:eventStatus/skos:notation ?status }
  OPTIONAL { ?event prov:hadPrimarySource/dct:identifier ?document }
  OPTIONAL { ?event prov:used ?instrument }
  OPTIONAL { ?event prov:wasAssociatedWith ?agency }
}
GROUP BY ?event ?action ?actionLabel ?year ?status ?document ?instrument
"""

# The figures of the indicator charts: value, unit, year and area of every quantity.
_FIGURES = SPARQL_PREFIXES + """
SELECT ?node ?value ?unit ?year ?area ?role WHERE {
  ?node a ep:Quantity ; sdmx-measure:obsValue ?value .
  OPTIONAL { ?node ep:unitLabel ?unit }
  OPTIONAL { ?node sdmx-dimension:refPeriod ?year }
  OPTIONAL { ?node ep:areaLabel ?area }
  OPTIONAL { ?node ep:role/skos:notation ?role }
}
"""

# zh and en words of the event statuses (planned 计划, reported 已完成), one wording everywhere.
_STATUSES = SPARQL_PREFIXES + """
SELECT ?status ?zh ?en WHERE {
  ?s a ep:EventStatus ; skos:notation ?status ; skos:prefLabel ?zh, ?en .
  FILTER(LANG(?zh) = "zh" && LANG(?en) = "en")
}
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


_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def _short(iri: str) -> str:
    for prefix, namespace in _LONGEST_FIRST:
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _year_of(text: str) -> int | None:
    m = re.match(r"(\d{4})", text or "")
    return int(m.group(1)) if m else None


def explorer_node(cls: str, label: str, **data) -> dict:
    node = {"cls": cls, "label": label, "en": "", "detail": "", "attrs": [], "sources": [],
            "more": 0, "docs": set(), "years": set(), "campaigns": set(), "event": None,
            "aliases": set(), "figure": None}
    node.update(data)
    return node


def explorer_graph(store: ox.Store, reduce=None) -> nx.MultiDiGraph:
    """The nodes and relations the explorer shows, with their labels, attributes, sources,
    and the documents, years and campaigns the filters use.

    ``reduce`` (graph → smaller graph) runs on the bare structure, before the details of
    each node are read: on a million quads the details of nodes that are then left out
    cost most of the time."""
    graph = _structure(store)
    if reduce is not None:
        total = graph.number_of_nodes()
        graph = reduce(graph)
        graph.graph["reduced"] = graph.number_of_nodes() < total
    _add_details(store, graph)
    return finish(graph)


def _structure(store: ox.Store) -> nx.MultiDiGraph:
    """The nodes (class, label, detail) and the edges, without the details of each node."""
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
    return graph


def _add_details(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    """Attributes, sources, events and figures of the nodes of ``graph``, as read: links to
    other nodes are kept whether or not those are drawn (``finish`` drops the others)."""
    _add_attributes(store, graph)
    graph.graph["documents"] = _add_sources(store, graph)
    _add_events(store, graph)
    _add_figures(store, graph)
    graph.graph["statuses"] = {row["status"].value: {"zh": row["zh"].value, "en": row["en"].value}
                               for row in _select(store, _STATUSES)}


def finish(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The details of the drawn nodes as the page reads them: attributes sorted, links
    only to drawn nodes, filters spread from the nodes around."""
    for _, data in graph.nodes(data=True):
        # [name, value] or [name, value, id of the node it names] (a link in the panel)
        items = {(rank, name, value, target if target in graph else "") for rank, name, value, target in data["attrs"]}
        data["attrs"] = [[name, value] + ([target] if target else []) for _, name, value, target in sorted(items)]
        for key in ("docs", "years", "campaigns"):
            data[key] = set(data[key])  # a reduced graph shares these with the graph it came from
        if data["event"]:
            data["event"] = data["event"] | {"agencies": [a for a in data["event"]["agencies"] if a in graph]}
    _spread_filters(graph, graph.graph["documents"])
    return graph


def _add_attributes(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    names: dict[tuple, str] = {}
    for row in _select(store, _ATTRIBUTES, _details_of(graph, "node")):
        node = row["node"].value
        if node not in graph:
            continue
        p = row["p"].value
        prefixed = _short(p)
        key = (p, _value(row["pzh"]), _value(row["pen"]))
        if key not in names:
            if row["pzh"] is not None:
                names[key] = row["pzh"].value + (" " + row["pen"].value if row["pen"] is not None else "")
            else:
                names[key] = STANDARD_LABELS.get(prefixed, prefixed)
        value = row["value"].value
        o = row["o"]
        target = o.value if isinstance(o, ox.NamedNode) else ""
        data = graph.nodes[node]
        data["attrs"].append((_attribute_rank(prefixed), names[key], _short(value) if value.startswith("http") else value, target))
        if prefixed == "skos:altLabel":
            data["aliases"].add(value)
        elif prefixed == "ep:baseTitle":  # versions of one instrument share a row of the timeline
            data["base"] = value
        if p.endswith(("#year", "#refPeriod")):
            year = _year_of(value)
            if year:
                data["years"].add(year)


_RANKS = {prefixed: rank for rank, prefixed in enumerate(ATTRIBUTE_ORDER)}


def _attribute_rank(prefixed: str) -> int:
    return _RANKS.get(prefixed, len(ATTRIBUTE_ORDER))


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
    seen: set[tuple[str, str, str]] = set()
    for row in _select(store, _SOURCES, _details_of(graph, "node")):
        node = row["node"].value
        if node not in graph:
            continue
        data = graph.nodes[node]
        document = row["document"].value
        data["docs"].add(document)
        if row["campaign"] is not None:
            data["campaigns"].add(row["campaign"].value)
        # one sentence once, however many times it names the node
        key = (node, document, row["sentence"].value)
        if key in seen:
            continue
        seen.add(key)
        if len(data["sources"]) < MAX_SOURCES:
            year = documents.get(document, {}).get("year")
            data["sources"].append({"document": document, "year": year, "sentence": row["sentence"].value,
                                    "mention": _value(row["mentionText"])})
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
            "agencies": _value(row["agencies"]).split(),
            "document": _value(row["document"]),
            "instrument": _value(row["instrument"]),
        }


def _add_figures(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    """Value, unit, year and area of every figure: the points of its indicator's chart."""
    for row in _select(store, _FIGURES, _details_of(graph, "node")):
        node = row["node"].value
        if node in graph:
            graph.nodes[node]["figure"] = {
                "value": row["value"].value, "unit": _value(row["unit"]), "year": _year_of(_value(row["year"])),
                "area": _value(row["area"]), "role": _value(row["role"]),
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
    """The nodes within ``depth`` links of ``centre``. A document is reached but not gone
    through (unless it is the centre): it names everything in it, so going through
    documents brought in nearly the whole graph (蓝天保卫战 at depth 2: 551 of 568 nodes)."""
    undirected = graph.to_undirected(as_view=True)
    reach, frontier = {centre}, {centre}
    for _ in range(depth):
        frontier = {other for node in frontier if node == centre or graph.nodes[node]["cls"] != "Document"
                    for other in undirected[node]} - reach
        reach |= frontier
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


# --- the table kg build writes -----------------------------------------------------------

def explorer_table(store: ox.Store) -> dict:
    """Every node the explorer may draw, with its details, its relations, the English names
    of the reference data and the Traditional characters of the labels: all a view needs,
    read from the store once per build (the first overview writes it beside the store),
    so that later views of a big graph read no store (seconds on a million quads; the
    table, a fraction of one)."""
    from kg.reference import reference
    from kg.search import traditional_map

    graph = _structure(store)
    _add_details(store, graph)
    english = {str(k): v for k, v in reference().english.items()}
    nodes = {n: {k: sorted(v) if k in _SETS else v for k, v in d.items()} for n, d in graph.nodes(data=True)}
    return {
        "nodes": nodes,
        "edges": [[s, o, d["label"]] for s, o, d in graph.edges(data=True)],
        "documents": graph.graph["documents"],
        "statuses": graph.graph["statuses"],
        "english": {n: english[n] for n in nodes if n in english},
        "traditional": traditional_map(_texts(nodes.values())),
    }


def save_table(table: dict, path: Path) -> bool:
    """Write the table atomically; False when the folder cannot be written (a build
    folder of someone else's): the view goes on without keeping it."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        partial.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)
        return False
    return True


def _texts(nodes) -> list[str]:
    """The texts the page's search matches: labels and aliases."""
    nodes = list(nodes)
    return [d["label"] for d in nodes] + [a for d in nodes for a in d["aliases"]]


def table_beside(store_dir: Path) -> Path:
    """The explorer table of the build whose store is ``store_dir`` (its links resolved)."""
    return Path(store_dir).resolve().parent / TABLE_FILE


def read_table(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def table_graph(table: dict, keep: set[str] | None = None) -> nx.MultiDiGraph:
    """The graph of the table: every node, or only those in ``keep``."""
    graph = nx.MultiDiGraph(documents=table["documents"], statuses=table["statuses"])
    for node, data in table["nodes"].items():
        if keep is None or node in keep:
            data = {k: set(v) if k in _SETS else v for k, v in data.items()}
            data["attrs"] = [tuple(a) for a in data["attrs"]]
            graph.add_node(node, **data)
    graph.add_edges_from((s, o, {"label": label}) for s, o, label in table["edges"] if s in graph and o in graph)
    return graph


def central_nodes(table: dict, limit: int) -> set[str]:
    """The ``limit`` nodes of the table with most relations (keep_central's choice, made
    on the table's edge list without building a graph)."""
    degree = Counter({n: 0 for n in table["nodes"]})
    for s, o, _ in table["edges"]:
        degree[s] += 1
        degree[o] += 1
    return set(sorted(degree, key=lambda n: (-degree[n], n))[:limit])


def write_explorer(store: ox.Store, out: Path, focus: str | None = None, depth: int = 2,
                   max_nodes: int = MAX_NODES, timeline: str | None = None, table: Path | None = None) -> str:
    """Write the explorer; ``focus`` draws only a node's neighbourhood, ``timeline`` opens
    the page on the timeline of the node with that label. ``table`` (explorer.json
    beside the build's store) is read instead of the store when it exists, and written
    by an overview when it does not."""
    title = "ecopolicy-kg explorer"
    chosen: dict[str, str] = {}

    def reduce(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
        if timeline:
            chosen["timeline"] = find_focus(graph, timeline)
        if focus:
            centre = chosen["centre"] = find_focus(graph, focus)
            if graph.nodes[centre]["cls"] == "PolicyInstrument":
                graph = lineage(graph, centre, depth)
            else:
                graph = neighbourhood(graph, centre, depth)
        kept, left_out = keep_central(graph, max_nodes)
        if chosen.get("timeline") not in kept:
            chosen.pop("timeline", None)  # a page opens on a timeline it carries, or not at all
        kept.graph["left_out"] = kept.graph.get("left_out", 0) + left_out
        return kept

    english = traditional = None
    found = None
    if table is not None and Path(table).is_file():
        found = read_table(table)
    elif table is not None and store is not None and not focus and not timeline:
        found = explorer_table(store)  # the first overview of this build keeps the table
        save_table(found, Path(table))
    if found is not None:
        # the overview keeps the most linked nodes before any graph is built; a focus
        # or a timeline looks for its node in the whole graph
        keep = None if focus or timeline else central_nodes(found, max_nodes)
        graph = table_graph(found, keep)
        graph.graph["left_out"] = len(found["nodes"]) - graph.number_of_nodes()
        graph = finish(reduce(graph))
        english, traditional = found["english"], found["traditional"]
    else:
        graph = explorer_graph(store, reduce)
    centre = chosen.get("centre")
    if centre:
        title += f" — {graph.nodes[centre]['label']} (depth {depth})"
    start = {"view": "timeline", "node": chosen["timeline"]} if chosen.get("timeline") else None
    return render_graph(graph, out, title, max_nodes, centre, start, english=english, traditional=traditional)
