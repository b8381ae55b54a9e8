"""Coordinates for the explorer when the browser's physics cannot do the job.

A graph of thousands of nodes never settles under vis-network's physics, so its layout is
computed here (networkx's spring layout for the hubs, the rest placed round them) and the
page draws it with physics off; the focus on an instrument gets a timeline layout instead.
"""

from __future__ import annotations

import math
from collections import Counter, deque

import networkx as nx
import numpy as np

# the order events of one year are drawn in: a plan is drafted before it is issued
ACTION_ORDER = ("Drafting", "Revision", "Issuance", "Forwarding", "Implementation", "Evaluation")
HUB_COUNT = 120  # nodes laid out by the force model; the rest go round them

_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_SPACING = 20.0  # pixels between satellites round one node


def _place_around(simple: nx.Graph, pos: dict[str, tuple[float, float]], last: frozenset = frozenset()) -> None:
    """Breadth first from the placed nodes: every other node goes on a spiral round its
    placed neighbour; a part with no placed node starts from a slot in rows below. The
    nodes in ``last`` (documents) take only what no other placed node took."""
    degree = dict(simple.degree())
    ring: Counter = Counter()

    def grow(start: list[str]) -> None:
        frontier = deque(start)
        while frontier:
            parent = frontier.popleft()
            px, py = pos[parent]
            for child in sorted(simple[parent], key=lambda n: (-degree[n], n)):
                if child in pos:
                    continue
                k = ring[parent]
                ring[parent] += 1
                radius = _SPACING * (2 + math.sqrt(k) * 1.6)
                angle = k * _GOLDEN_ANGLE
                pos[child] = (px + radius * math.cos(angle), py + radius * math.sin(angle))
                frontier.append(child)

    grow(sorted(pos, key=lambda n: (n in last, -degree[n], n)))
    rest = sorted((n for n in simple if n not in pos), key=lambda n: (-degree[n], n))
    if not rest:
        return
    bottom = max((y for _, y in pos.values()), default=0.0) + 150
    left = min((x for x, _ in pos.values()), default=0.0)
    per_row = max(10, int(math.sqrt(len(rest)) * 2))
    slot = 0
    for node in rest:
        if node in pos:
            continue
        pos[node] = (left + (slot % per_row) * 60, bottom + (slot // per_row) * 60)
        slot += 1
        grow([node])


# the classes of the overview: laid out by the force model; events and figures go round them
CORE_CLASSES = ("Document", "Campaign", "PolicyInstrument", "Agency", "Indicator")
DOCUMENT_PULL = 0.15  # weight of a link through a document: it names everything, so a full
# pull would make one dense cluster per document; a light one keeps the topics together


def spread_layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Coordinates for the whole graph, the same for the same graph (seeded). The most
    connected overview nodes (documents, campaigns, instruments, agencies, indicators) of
    the largest part are laid out by a force model (networkx's Fruchterman–Reingold on at
    most HUB_COUNT nodes: its dense solver needs numpy only, not scipy), two of them pulled
    together by every node they share, lightly when the link is a document; the rest go
    round their neighbours, so a figure sits by its indicator and an event by its instrument."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from(graph.edges())
    if not simple:
        return {}
    degree = dict(simple.degree())
    largest = max(nx.connected_components(simple), key=lambda c: (len(c), min(c)))
    ranked = sorted(largest, key=lambda n: (graph.nodes[n]["cls"] not in CORE_CLASSES, -degree[n], n))
    hubs = set(ranked[:HUB_COUNT])
    skeleton = nx.Graph()
    skeleton.add_nodes_from(sorted(hubs))
    for node in sorted(largest):
        near = sorted(n for n in simple[node] if n in hubs)
        if node in hubs:
            near.append(node)
        pull = DOCUMENT_PULL if graph.nodes[node]["cls"] == "Document" else 1.0
        for i, a in enumerate(near):
            for b in near[i + 1:]:
                weight = pull * (DOCUMENT_PULL if "Document" in (graph.nodes[a]["cls"], graph.nodes[b]["cls"]) else 1.0)
                total = skeleton.get_edge_data(a, b, {"weight": 0})["weight"] + weight
                skeleton.add_edge(a, b, weight=total)
    if len(skeleton) > 1:
        core = nx.spring_layout(skeleton, seed=7, iterations=100, method="force", weight="weight")
    else:
        core = {next(iter(hubs)): (0.0, 0.0)}
    disc = {n: _SPACING * (3 + 1.6 * math.sqrt(degree[n])) for n in core}
    scale = 2.0 * math.sqrt(sum(r * r for r in disc.values()))
    pos = _separate({n: (float(x) * scale, float(y) * scale) for n, (x, y) in core.items()}, disc)
    documents = frozenset(n for n, d in graph.nodes(data=True) if d["cls"] == "Document")
    _place_around(simple, pos, documents)
    return pos


def _separate(pos: dict[str, tuple[float, float]], disc: dict[str, float]) -> dict:
    """Push apart the hubs whose discs of satellites would overlap, pair by pair in a
    fixed order. numpy finds the next overlapping pair of a row (most pairs are apart:
    checking each in Python took a second for 120 hubs); each push is computed as before,
    with math.hypot, so the coordinates do not depend on numpy's rounding."""
    names = sorted(pos)
    xs = np.array([pos[n][0] for n in names], dtype=float)
    ys = np.array([pos[n][1] for n in names], dtype=float)
    rs = np.array([disc[n] for n in names], dtype=float)
    slack = 1e-6 * (1.0 + float(rs.max(initial=0.0)))  # numpy's gaps may differ from math.hypot's in the last bits
    for _ in range(100):
        moved = False
        for i in range(len(names)):
            j = i + 1
            while j < len(names):
                near = np.hypot(xs[j:] - xs[i], ys[j:] - ys[i]) < rs[j:] + rs[i] + slack
                hits = np.flatnonzero(near)
                if not hits.size:
                    break
                j += int(hits[0])
                dx, dy = float(xs[j] - xs[i]), float(ys[j] - ys[i])
                gap, need = math.hypot(dx, dy), float(rs[i] + rs[j])
                if gap < need:
                    if gap < 1e-6:  # same spot: part along a fixed direction
                        dx, dy, gap = math.cos(i + j), math.sin(i + j), 1.0
                    push = (need - gap) / 2 / gap
                    xs[i] = float(xs[i]) - dx * push
                    ys[i] = float(ys[i]) - dy * push
                    xs[j] = float(xs[j]) + dx * push
                    ys[j] = float(ys[j]) + dy * push
                    moved = True
                j += 1
        if not moved:
            break
    return {n: (float(xs[k]), float(ys[k])) for k, n in enumerate(names)}


def timeline_layout(graph: nx.MultiDiGraph, centre: str) -> tuple[dict, list[dict]]:
    """Events left to right in time order (one column per year), the instrument above,
    the instruments linked to it beside it, agencies below their events, documents below
    those; returns the coordinates and the year axis."""
    events = sorted((d["event"] for _, d in graph.nodes(data=True) if d["event"]), key=event_order)
    pos: dict[str, tuple[float, float]] = {}
    axis: list[dict] = []
    x = 0.0
    previous_year = object()
    for event in events:
        if event["year"] != previous_year:
            x += 90 if axis else 0
            axis.append({"year": event["year"], "x": x})
            previous_year = event["year"]
        pos[event["id"]] = (x, 0.0)
        x += 150
    width = max(x - 150, 0)
    pos[centre] = (width / 2, -260)
    others = sorted(n for n, d in graph.nodes(data=True) if d["cls"] == "PolicyInstrument" and n != centre)
    for i, node in enumerate(others):
        side = -1 if i % 2 == 0 else 1
        pos[node] = (width / 2 + side * (260 + 220 * (i // 2)), -200)
    undirected = graph.to_undirected(as_view=True)
    for cls, row in (("Agency", 230), ("Document", 420)):
        members = [n for n, d in graph.nodes(data=True) if d["cls"] == cls and n not in pos]
        wanted = {}
        for node in members:
            xs = [pos[e["id"]][0] for e in events if e["id"] in undirected[node]]
            wanted[node] = sum(xs) / len(xs) if xs else width / 2
        placed_x: list[float] = []
        for node in sorted(members, key=lambda n: (wanted[n], n)):
            at = max([wanted[node]] + [p + 140 for p in placed_x[-1:]])
            placed_x.append(at)
            pos[node] = (at, float(row))
    _place_around(nx.Graph(undirected), pos)
    return pos, [a for a in axis if a["year"] is not None]


# --- the page --------------------------------------------------------------------------



def event_order(event: dict) -> tuple:
    """Sort key of an event: by year (unknown last), then by the order of actions."""
    action = ACTION_ORDER.index(event["action"]) if event["action"] in ACTION_ORDER else len(ACTION_ORDER)
    return (event["year"] is None, event["year"] or 0, action, event["document"], event["id"])
