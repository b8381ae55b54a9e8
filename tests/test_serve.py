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


@pytest.mark.parametrize("comment", ["# documents with their identifiers", "# add, load or copy nothing\n# drop"])
def test_a_comment_with_an_update_word_is_no_update(server, comment):
    status, _, body = http(server.url + "?" + urllib.parse.urlencode({"query": comment + "\n" + DOCUMENTS}))
    assert status == 200, body


def test_update_after_comments_is_still_refused(server):
    query = "# a comment\nPREFIX x: <urn:x#>\n# another\nDELETE WHERE { ?s ?p ?o }"
    assert http(server.url + "?" + urllib.parse.urlencode({"query": query}))[0] == 403


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
    status, content_type, body = http(server.url.rsplit("/", 1)[0] + "/explorer.html")
    assert status == 200 and content_type.startswith("text/html")
    assert "<html" in body.lower() and "vis" in body


def test_root_is_a_query_editor_with_the_named_queries(server):
    status, content_type, body = http(server.url.rsplit("/", 1)[0] + "/")
    assert status == 200 and content_type.startswith("text/html")
    assert 'href="explorer.html"' in body and 'href="sparql"' in body
    assert "instrument-lineage" in body and "空气质量持续改善行动计划" in body  # the example's parameter bound
    assert "<script src" not in body  # nothing fetched from outside


def test_the_endpoint_without_a_query_helps(server):
    status, content_type, body = http(server.url, headers={"Accept": "text/html,application/xhtml+xml"})
    assert status == 200 and content_type.startswith("text/html") and "<textarea" in body  # a browser: the editor
    status, _, body = http(server.url)
    assert status == 400 and "query=" in body and "editor" in body and len(body) < 300


def test_an_unknown_prefix_is_named_in_plain_words(server):
    status, _, body = http(server.url, data=urllib.parse.urlencode({"query": "SELECT * { ?s a ep2:Agency }"}).encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and body.startswith("Unknown prefix ep2: (line 1, column")
    assert "\\u{" not in body and len(body) < 400
    status, _, body = http(server.url + "?" + urllib.parse.urlencode({"query": "SELECT * { ?s a ep:Agency "}))
    assert status == 400 and body.startswith("Malformed query (line 1") and len(body) < 300


@pytest.mark.parametrize("text, expected", [
    ("PREFIX ex: <http://x/> SELECT * { ?s a ex:A, ep9:B }", ["ep9"]),
    ('SELECT * { ?s <http://a/b:c> "ep9:x" . ?s a bad:X } # zz:y', ["bad"]),
    ("SELECT * { ?s a skos:Concept ; foo:bar ?o . ?o a foo:Baz }", ["foo"]),
])
def test_syntax_message_names_only_undeclared_prefixes(text, expected):
    from kg.serve import syntax_message

    message = syntax_message(text, "error at 1:20: expected one of Prefix not found, ['%']")
    assert message.startswith("Unknown prefix " + ", ".join(p + ":" for p in expected) + " (line 1, column 20)")


def test_cors_headers_and_preflight(built):
    srv = make_server(built, "127.0.0.1", 0, Settings(workers=1), cors=True)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        request = urllib.request.Request(srv.url, method="OPTIONS", headers={
            "Origin": "http://example.org", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 204
            assert response.headers["Access-Control-Allow-Origin"] == "*"
            assert "POST" in response.headers["Access-Control-Allow-Methods"]
            assert "Content-Type" in response.headers["Access-Control-Allow-Headers"]
        url = srv.url + "?" + urllib.parse.urlencode({"query": DOCUMENTS})
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Origin": "http://example.org"}),
                                    timeout=10) as response:
            assert response.headers["Access-Control-Allow-Origin"] == "*"
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)


def test_without_cors_no_origin_is_allowed(server):
    with urllib.request.urlopen(server.url + "?" + urllib.parse.urlencode({"query": DOCUMENTS}), timeout=10) as response:
        assert response.headers["Access-Control-Allow-Origin"] is None


def test_a_new_build_is_served_without_a_restart(tmp_path):
    from kg.build import build

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("生态环境部印发《城市噪声监测办法》。\n", encoding="utf-8")
    out = tmp_path / "out"
    build([folder], out)
    srv = make_server(out, "127.0.0.1", 0, Settings(workers=1))
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    base = srv.url.rsplit("/", 1)[0]
    count = srv.url + "?" + urllib.parse.urlencode({"query": DOCUMENTS, "format": "csv"})
    try:
        assert http(count)[2].count("\n") == 2  # header and one document
        assert "城市噪声监测办法" in http(base + "/explorer.html")[2]
        (folder / "b.txt").write_text("国务院办公厅转发《农村饮水安全评估规程》。\n", encoding="utf-8")
        build([folder], out)
        assert http(count)[2].count("\n") == 3
        assert "农村饮水安全评估规程" in http(base + "/explorer.html")[2]
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)


def test_a_format_parameter_wins_over_accept(server):
    url = server.url + "?" + urllib.parse.urlencode({"query": DOCUMENTS, "format": "csv"})
    status, content_type, _ = http(url, headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and content_type.startswith("text/csv")
    construct = "CONSTRUCT { ?d a ep:Document } WHERE { ?d a ep:Document }"
    url = server.url + "?" + urllib.parse.urlencode({"query": construct, "format": "json"})
    status, content_type, _ = http(url, headers={"Accept": "application/ld+json"})
    assert status == 200 and content_type.startswith("application/ld+json")
