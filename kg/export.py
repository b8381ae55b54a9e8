"""kg export and kg stats: the built store → files for other tools, and a summary of the graph.

Two kinds of export:
* the network the explorer draws (``kg.viz.explorer_graph``: documents, agencies,
  campaigns, instruments, events, quantities, indicators and their relations) as GraphML
  or GEXF, for Gephi, Cytoscape or networkx users;
* the RDF itself: N-Quads and JSON-LD keep the named graph of every document; Turtle has
  no named graphs, so it holds every triple of every graph merged (TriG keeps them).

Every export is sorted, so the same store gives the same bytes.

Stats measure centrality on the policy network without the Document nodes: every entity
is "mentioned in" its documents, so with them a document would sit at the centre of
whatever it names and the ranking would say more about document length than about who
acts on what. Components are reported with and without documents for the same reason.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.vocab import EP, ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH

NETWORK_FORMATS = ("graphml", "gexf")
RDF_FORMATS = {
    "jsonld": ox.RdfFormat.JSON_LD,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
}
FORMATS = NETWORK_FORMATS + tuple(RDF_FORMATS)
EXACT_BETWEENNESS = 2000  # above this many nodes betweenness is estimated from a sample


def _plain(value):
    """An attribute GraphML and GEXF can hold: scalars as they are, anything else as JSON
    (sets sorted), so the explorer's lists of sources and attributes travel as text."""
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def network(store: ox.Store) -> nx.MultiDiGraph:
    """The explorer's graph with plain attributes only (GraphML and GEXF take no lists),
    nodes and edges in a stable order."""
    from kg.viz import explorer_graph

    source = explorer_graph(store)
    graph = nx.MultiDiGraph()
    for node, data in sorted(source.nodes(data=True)):
        attributes = {key: _plain(value) for key, value in sorted(data.items()) if value is not None}
        attributes["source_count"] = len(data.get("sources", ()))
        years = sorted(data.get("years", ()))
        if years:  # integers, so Gephi's timeline (and any filter by year) can use them
            attributes["first_year"], attributes["last_year"] = years[0], years[-1]
        graph.add_node(node, **attributes)
    edges = sorted(source.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("label", "")))
    for s, o, data in edges:
        graph.add_edge(s, o, **{key: _plain(value) for key, value in sorted(data.items()) if value is not None})
    return graph


def _gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF with every node's years as its time interval: a dynamic graph whose start and
    end are integers (timeformat="integer", which Gephi's timeline reads; networkx would
    write "long", which GEXF does not define)."""
    timed = graph.copy()
    for _, data in timed.nodes(data=True):
        if "first_year" in data:
            data["start"], data["end"] = data["first_year"], data["last_year"]
    buffer = io.BytesIO()
    nx.write_gexf(timed, buffer, encoding="utf-8")
    return buffer.getvalue().replace(b'timeformat="long"', b'timeformat="integer"', 1)


def export_bytes(store: ox.Store, fmt: str) -> bytes:
    """The whole graph in ``fmt`` (one of FORMATS)."""
    if fmt in NETWORK_FORMATS:
        buffer = io.BytesIO()
        graph = network(store)
        if fmt == "graphml":
            nx.write_graphml(graph, buffer, encoding="utf-8")
            return buffer.getvalue()
        return _gexf(graph)
    rdf_format = RDF_FORMATS[fmt]
    quads = store.quads_for_pattern(None, None, None, None)
    if rdf_format.supports_datasets:
        items = sorted(set(quads), key=str)
    else:
        items = sorted({q.triple for q in quads}, key=str)
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return ox.serialize(items, format=rdf_format, prefixes=prefixes)


def write_export(store: ox.Store, fmt: str, out: Path) -> int:
    data = export_bytes(store, fmt)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return len(data)


# --- stats -----------------------------------------------------------------------------

_CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  GRAPH ?g { ?s a ?class }
  FILTER(STRSTARTS(STR(?class), STR(ep:)) && ?g NOT IN (%s, %s))
}
GROUP BY ?class
""" % (f"<{ONTOLOGY_GRAPH}>", f"<{REFERENCE_GRAPH}>")


def _ranked(policy: nx.Graph, full: nx.Graph, cls: str, degree: dict, betweenness: dict, top: int) -> list[dict]:
    """The ``top`` nodes of ``cls`` by degree centrality, then betweenness; nodes with no
    link at all are not "central" and are left out."""
    nodes = [n for n, d in policy.nodes(data=True) if d["cls"] == cls and policy.degree(n)]
    nodes.sort(key=lambda n: (-degree[n], -betweenness[n], policy.nodes[n]["label"]))
    return [
        {
            "label": policy.nodes[n]["label"],
            "en": policy.nodes[n].get("en", ""),
            "links": policy.degree(n),
            "degree": round(degree[n], 4),
            "betweenness": round(betweenness[n], 4),
            "documents": sum(1 for m in full[n] if full.nodes[m]["cls"] == "Document"),
            "iri": n,
        }
        for n in nodes[:top]
    ]


def _components(graph: nx.Graph) -> dict:
    sizes = sorted((len(c) for c in nx.connected_components(graph)), reverse=True)
    return {"count": len(sizes), "largest": sizes[:5], "isolated": sizes.count(1)}


def graph_stats(store: ox.Store, top: int = 10) -> dict:
    """Counts by class, the most central agencies and instruments, connected components."""
    counts = {
        row["class"].value.rsplit("#", 1)[-1]: int(row["n"].value)
        for row in store.query(_CLASS_COUNTS, prefixes={"ep": str(EP._NS)})
    }
    full = network(store)
    undirected = nx.Graph(full.to_undirected())
    policy = undirected.subgraph(n for n, d in undirected.nodes(data=True) if d["cls"] != "Document").copy()
    degree = nx.degree_centrality(policy) if len(policy) > 1 else dict.fromkeys(policy, 0.0)
    k = None if len(policy) <= EXACT_BETWEENNESS else EXACT_BETWEENNESS // 4
    betweenness = nx.betweenness_centrality(policy, k=k, seed=0)
    return {
        "quads": len(store),
        "named_graphs": sum(1 for _ in store.named_graphs()),
        "classes": dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
        "network": {
            "nodes": full.number_of_nodes(),
            "edges": full.number_of_edges(),
            "by_class": dict(sorted(Counter(d["cls"] for _, d in full.nodes(data=True)).items())),
        },
        "central_agencies": _ranked(policy, undirected, "Agency", degree, betweenness, top),
        "central_instruments": _ranked(policy, undirected, "PolicyInstrument", degree, betweenness, top),
        "components": _components(undirected),
        "components_without_documents": _components(policy),
        "betweenness": "exact" if k is None else f"estimated from {k} sampled nodes",
    }


def format_stats(stats: dict) -> str:
    lines = [f"{stats['quads']} quads in {stats['named_graphs']} named graphs", "", "Instances by class "
             "(document graphs):"]
    lines += [f"  {cls:<20} {n:>7}" for cls, n in stats["classes"].items()]
    net = stats["network"]
    lines += ["", f"Network (as the explorer draws it): {net['nodes']} nodes, {net['edges']} edges"]
    lines += [f"  {cls:<20} {n:>7}" for cls, n in net["by_class"].items()]
    for key, title in (("central_agencies", "agencies"), ("central_instruments", "instruments")):
        lines += ["", f"Most central {title} (degree centrality, then betweenness, documents left out):"]
        if not stats[key]:
            lines.append("  (none is linked to anything but its documents)")
        for i, row in enumerate(stats[key], start=1):
            name = row["label"] + (f" ({row['en']})" if row["en"] else "")
            lines.append(
                f"  {i:>2}. {name}: {row['links']} links, degree {row['degree']:.3f}, "
                f"betweenness {row['betweenness']:.3f}, in {row['documents']} document(s)"
            )
    for key, title in (("components", "with documents"), ("components_without_documents", "without documents")):
        c = stats[key]
        lines.append(
            ("" if key == "components_without_documents" else "\n") + f"Connected components {title}: "
            f"{c['count']} (largest {', '.join(map(str, c['largest']))}; {c['isolated']} isolated nodes)"
        )
    lines.append(f"Betweenness: {stats['betweenness']}.")
    return "\n".join(lines)
