"""kg serve answers a real SPARQL client (SPARQLWrapper) over loopback: every result
format, GET and POST, CONSTRUCT, Update refused, row and time limits, the explorer."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.querying import run_sparql
from kg.serve import GRAPH_TYPES, RESULT_TYPES, Settings, make_server, negotiate

TIMEOUT = 1.5  # the server's time limit per query in these tests
MAX_ROWS = 300
DOCUMENTS = "SELECT ?doc ?id WHERE { ?doc a ep:Document ; dct:identifier ?id } ORDER BY ?id"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

NEGOTIATION = [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/csv", "text/csv"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/*", "text/xml"),
    ("text/*;q=0.9, text/tab-separated-values", "text/tab-separated-values"),
    ("application/json;q=0, text/csv;q=0.1", "text/csv"),
    ("image/png", None),
]


@pytest.fixture(scope="module")
def server(built):
    srv = make_server(built, "127.0.0.1", 0, Settings(max_rows=MAX_ROWS, timeout=TIMEOUT, workers=2))
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(5)


def client(server, query: str, fmt=JSON, method=None) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.url, returnFormat=fmt)
    sparql.setTimeout(10)
    sparql.setQuery(query)
    if method:
        sparql.setMethod(POST)
        sparql.setRequestMethod(method)
    return sparql


def http(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode("utf-8")


@pytest.mark.parametrize("accept, expected", NEGOTIATION)
def test_negotiation(accept, expected):
    chosen = negotiate(accept, RESULT_TYPES)
    assert (chosen[0] if chosen else None) == expected


def test_graph_negotiation_defaults_to_turtle():
    assert negotiate("*/*", GRAPH_TYPES)[0] == "text/turtle"
    assert negotiate("application/ld+json", GRAPH_TYPES)[0] == "application/ld+json"


def test_listens_on_loopback_only_by_default(server):
    assert server.server_address[0] == "127.0.0.1"


def test_select_json_by_get_matches_the_embedded_store(server, store):
    expected = [row[1].value for row in run_sparql(store, DOCUMENTS).rows]
    results = client(server, DOCUMENTS).queryAndConvert()
    assert [b["id"]["value"] for b in results["results"]["bindings"]] == expected
    assert results["head"]["vars"] == ["doc", "id"]
    assert len(expected) >= 5


@pytest.mark.parametrize("method", [POSTDIRECTLY, "urlencoded"])
def test_select_by_post(server, store, method):
    expected = [row[1].value for row in run_sparql(store, DOCUMENTS).rows]
    results = client(server, DOCUMENTS, method=method).queryAndConvert()
    assert [b["id"]["value"] for b in results["results"]["bindings"]] == expected


@pytest.mark.parametrize("fmt", [XML, CSV, TSV])
def test_select_in_every_result_format(server, store, fmt):
    expected = [row[1].value for row in run_sparql(store, DOCUMENTS).rows]
    result = client(server, DOCUMENTS, fmt).query()
    text = result.convert()
    if fmt == XML:
        values = [n.firstChild.data for n in text.getElementsByTagName("literal")]
    else:
        text = text.decode("utf-8") if isinstance(text, bytes) else text
        lines = text.strip().splitlines()[1:]
        sep = "," if fmt == CSV else "\t"
        values = [line.split(sep)[1].strip('"') for line in lines]
    assert values == expected


def test_ask(server):
    assert client(server, "ASK { ?s a ep:Agency }").queryAndConvert()["boolean"] is True
    assert client(server, "ASK { ?s a ep:NoSuchThing }").queryAndConvert()["boolean"] is False


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own JSON-LD parser
@pytest.mark.parametrize("fmt, rdflib_format", [(TURTLE, "turtle"), (JSONLD, "json-ld"), (N3, "turtle")])
def test_construct_as_turtle_and_json_ld(server, store, fmt, rdflib_format):
    query = "CONSTRUCT { ?doc dct:identifier ?id } WHERE { ?doc a ep:Document ; dct:identifier ?id }"
    data = client(server, query, fmt).query().response.read()
    graph = Graph().parse(data=data, format=rdflib_format)
    assert sorted(str(o) for o in graph.objects()) == sorted(r[1].value for r in run_sparql(store, DOCUMENTS).rows)


def test_construct_as_n_triples(server):
    query = "CONSTRUCT { ?doc a ep:Document } WHERE { ?doc a ep:Document }"
    url = server.url + "?" + urllib.parse.urlencode({"query": query})
    status, content_type, body = http(url, headers={"Accept": "application/n-triples"})
    assert status == 200 and content_type.startswith("application/n-triples")
    assert len(Graph().parse(data=body, format="nt")) >= 5


@pytest.mark.parametrize("how", ["query", "update", "body"])
def test_update_is_refused(server, how):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    if how == "query":
        status, _, body = http(server.url + "?" + urllib.parse.urlencode({"query": "PREFIX x: <urn:x#>\n" + update}))
    elif how == "update":
        status, _, body = http(server.url, urllib.parse.urlencode({"update": update}).encode(),
                               {"Content-Type": "application/x-www-form-urlencoded"})
    else:
        status, _, body = http(server.url, update.encode(), {"Content-Type": "application/sparql-update"})
    assert status == 403 and "read-only" in body
    assert client(server, "ASK { <urn:a> <urn:b> <urn:c> }").queryAndConvert()["boolean"] is False


def test_malformed_query_is_a_bad_request(server):
    with pytest.raises(QueryBadFormed, match="Malformed query"):
        client(server, "SELECT WHERE {").query()


def test_a_result_above_the_row_limit_is_refused_not_truncated(server):
    with pytest.raises(QueryBadFormed, match=f"more than {MAX_ROWS} rows"):
        client(server, "SELECT * WHERE { ?s ?p ?o }").query()
    rows = client(server, f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}").queryAndConvert()
    assert len(rows["results"]["bindings"]) == MAX_ROWS


def test_a_runaway_query_is_stopped_and_the_server_keeps_answering(server):
    outcome = {}

    def runaway():
        url = server.url + "?" + urllib.parse.urlencode({"query": RUNAWAY})
        started = time.perf_counter()
        outcome["status"], _, outcome["body"] = http(url)
        outcome["seconds"] = time.perf_counter() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.2)
    started = time.perf_counter()  # the other worker answers while the runaway runs
    assert client(server, "ASK { ?s a ep:Document }").queryAndConvert()["boolean"] is True
    assert time.perf_counter() - started < 1.0
    thread.join(15)
    assert outcome["status"] == 503 and "time limit" in outcome["body"]
    assert outcome["seconds"] < TIMEOUT + 5
    # the killed worker was replaced: both workers answer again
    for _ in range(3):
        assert client(server, "ASK { ?s a ep:Document }").queryAndConvert()["boolean"] is True


def test_not_acceptable_and_unknown_paths(server):
    url = server.url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    assert http(url, headers={"Accept": "image/png"})[0] == 406
    assert http(server.url.replace("/sparql", "/nothing"))[0] == 404
    assert http(server.url, b"query", {"Content-Type": "text/plain"})[0] == 415


def test_serves_the_explorer(server):
    status, content_type, body = http(server.url.rsplit("/", 1)[0] + "/")
    assert status == 200 and content_type.startswith("text/html")
    assert "<html" in body.lower() and "vis" in body


def test_a_format_parameter_wins_over_accept(server):
    url = server.url + "?" + urllib.parse.urlencode({"query": DOCUMENTS, "format": "csv"})
    status, content_type, _ = http(url, headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and content_type.startswith("text/csv")
    construct = "CONSTRUCT { ?d a ep:Document } WHERE { ?d a ep:Document }"
    url = server.url + "?" + urllib.parse.urlencode({"query": construct, "format": "json"})
    status, content_type, _ = http(url, headers={"Accept": "application/ld+json"})
    assert status == 200 and content_type.startswith("application/ld+json")
