"""Remote stores over the SPARQL 1.1 protocols, with the standard library's urllib only.

* ``push``: every named graph of the built store → ``PUT {endpoint}?graph=IRI`` (Graph
  Store HTTP Protocol). PUT replaces that one graph and nothing else, so pushing a
  rebuilt document leaves the other documents of the remote store as they were.
* ``select``: a SELECT or ASK query → ``POST {endpoint}`` (SPARQL 1.1 Protocol, form
  encoded) → SPARQL JSON results → the same ``Table`` the embedded store gives.

Endpoints differ only in their URLs (README: Oxigraph, Fuseki, GraphDB, Virtuoso).
A user name and password for the endpoint come from ``KG_ENDPOINT_USER`` and
``KG_ENDPOINT_PASSWORD`` (HTTP Basic or Digest, as the server asks), never from the
command line, where other users of the machine could read them.
"""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import KgError, QueryError
from kg.table import Table
from kg.vocab import PREFIXES

USER_AGENT = "ecopolicy-kg"
RESULTS_JSON = "application/sparql-results+json"


class RemoteError(KgError):
    """An endpoint that cannot be reached or refuses a request."""


def _opener(endpoint: str) -> urllib.request.OpenerDirector:
    user = os.environ.get("KG_ENDPOINT_USER")
    if not user:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, endpoint, user, os.environ.get("KG_ENDPOINT_PASSWORD", ""))
    return urllib.request.build_opener(
        urllib.request.HTTPBasicAuthHandler(passwords), urllib.request.HTTPDigestAuthHandler(passwords)
    )


def _request(request: urllib.request.Request, timeout: float) -> bytes:
    """The response body; an HTTP error becomes a RemoteError with the server's message."""
    request.add_header("User-Agent", USER_AGENT)
    try:
        with _opener(request.full_url).open(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", "replace").strip()
        message = " ".join(body.split())[:300] or error.reason
        raise RemoteError(f"{request.get_method()} {request.full_url}: HTTP {error.code}: {message}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise RemoteError(f"cannot reach {request.full_url}: {reason}") from None


# --- queries ----------------------------------------------------------------------------

def select(endpoint: str, sparql: str, name: str = "sparql", timeout: float = 60.0) -> Table:
    """Run a SELECT or ASK query on ``endpoint``; our prefixes are predeclared, as in
    ``kg.querying.run_sparql`` (a query's own PREFIX lines come later and win)."""
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    body = urllib.parse.urlencode({"query": prologue + sparql}).encode("utf-8")
    request = urllib.request.Request(endpoint, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        "Accept": RESULTS_JSON,
    })
    try:
        data = _request(request, timeout)
    except RemoteError as error:
        raise QueryError(name, str(error)) from None
    try:
        results = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as error:
        raise QueryError(name, f"{endpoint} did not answer with SPARQL JSON results: {error}") from None
    if isinstance(results, ox.QueryBoolean):
        return Table(["result"], [[ox.Literal(str(bool(results)).lower())]])
    columns = [v.value for v in results.variables]
    return Table(columns, [[solution[c] for c in columns] for solution in results])


# --- Graph Store HTTP Protocol -------------------------------------------------------------

@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0
    seconds: float = 0.0


def graph_names(store: ox.Store) -> list[ox.NamedNode]:
    return sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)


def graph_turtle(store: ox.Store, graph: ox.NamedNode) -> tuple[bytes, int]:
    """One named graph as Turtle (the format every Graph Store must accept), sorted."""
    triples = sorted((q.triple for q in store.quads_for_pattern(None, None, None, graph)), key=str)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES), len(triples)


def put_graph(endpoint: str, graph: ox.NamedNode, turtle: bytes, timeout: float = 60.0) -> None:
    """Replace one graph of the remote store (GSP ``PUT ?graph=IRI``)."""
    separator = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{separator}{urllib.parse.urlencode({'graph': graph.value})}"
    request = urllib.request.Request(url, data=turtle, method="PUT", headers={
        "Content-Type": "text/turtle; charset=utf-8",
    })
    _request(request, timeout)


def push(store: ox.Store, endpoint: str, timeout: float = 60.0, progress=None) -> PushReport:
    """Write every named graph of ``store`` (documents, reference data, ontology) to the
    Graph Store at ``endpoint``, one PUT per graph."""
    report = PushReport()
    started = time.perf_counter()
    for graph in graph_names(store):
        turtle, count = graph_turtle(store, graph)
        put_graph(endpoint, graph, turtle, timeout)
        report.graphs += 1
        report.triples += count
        if progress:
            progress(graph, count)
    report.seconds = time.perf_counter() - started
    return report


def check_default_graph(endpoint: str, name: str, timeout: float = 60.0) -> None:
    """Called when a named query found nothing: the usual cause is an endpoint whose
    default graph is not the union of its named graphs. Say so rather than print no rows."""
    probe = "ASK { ?s ?p ?o }"
    if select(endpoint, probe, name, timeout).rows[0][0].value == "true":
        return
    if select(endpoint, "ASK { GRAPH ?g { ?s ?p ?o } }", name, timeout).rows[0][0].value == "true":
        raise QueryError(name, (
            f"{endpoint} keeps the data in named graphs but queries an empty default graph; "
            "make its default graph the union of the named graphs (Oxigraph: `oxigraph serve "
            "--union-default-graph`; Fuseki: unionDefaultGraph; GraphDB and Virtuoso do so already)"
        ))
