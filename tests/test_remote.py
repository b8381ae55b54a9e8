"""kg push and kg query --endpoint against a real Oxigraph server (`oxigraph serve`, from
the `oxigraph` PyPI package) that these tests start on loopback and stop."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.querying import format_json, named_queries, run_named, run_named_remote
from kg.remote import graph_names, put_graph, select

PARAMETERISED = [
    ("documents", {}),
    ("mentions", {"label": "国办"}),
    ("mentions", {"label": "蓝天保卫战"}),
    ("agency-instruments", {"agency": "国办"}),
    ("campaign-outcomes", {"campaign": "蓝天保卫战"}),
]


def _binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """Base URL of a fresh Oxigraph server on loopback; stopped at teardown."""
    binary = _binary()
    if binary is None:
        pytest.skip("the `oxigraph` server binary is not installed (pip install oxigraph)")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--timeout-s", "20"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph serve did not start: {process.stderr.read().decode()[:500]}")
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@pytest.fixture(scope="module")
def pushed(oxigraph, built):
    result = CliRunner().invoke(main, ["push", "--endpoint", f"{oxigraph}/store", "--graph", str(built)])
    assert result.exit_code == 0, result.output
    return oxigraph


def union(base: str) -> str:
    """Oxigraph's query URL with its default graph as the union of the named graphs."""
    return f"{base}/query?union-default-graph"


def _rows(table):
    return [[str(term) if term is not None else None for term in row] for row in table.rows]


def test_push_writes_every_named_graph(pushed, store):
    names = graph_names(store)
    remote = select(f"{pushed}/query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert [row[0] for row in remote.rows] == names
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert select(f"{pushed}/query", count).rows[0][0].value == str(len(store))


@pytest.mark.parametrize("name, params", PARAMETERISED)
def test_cli_query_on_the_endpoint_gives_the_embedded_rows(pushed, built, name, params):
    args = ["query", name, "--format", "json"] + [f"--param={k}={v}" for k, v in params.items()]
    runner = CliRunner()
    local = runner.invoke(main, args + ["--graph", str(built)])
    remote = runner.invoke(main, args + ["--endpoint", union(pushed)])
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    assert remote.output == local.output
    if name in ("documents", "mentions"):
        assert local.output.strip() != "[]"


def test_every_named_query_gives_the_same_rows(pushed, store):
    for name, query in sorted(named_queries().items()):
        if any(p.required for p in query.parameters):
            continue
        assert _rows(run_named_remote(union(pushed), name, {})) == _rows(run_named(store, name, {})), name


def test_parameters_are_terms_not_query_text(pushed, store):
    hostile = '国办" } } ; DROP ALL ; SELECT * { ?s ?p "'
    assert run_named_remote(union(pushed), "mentions", {"label": hostile}).rows == []
    assert select(f"{pushed}/query", "ASK { GRAPH ?g { ?s ?p ?o } }").rows[0][0].value == "true"


def test_put_replaces_one_graph_only(pushed, built, store):
    names = graph_names(store)
    target, other = names[0], names[1]
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH %s { ?s ?p ?o } }"
    before = select(f"{pushed}/query", count % other).rows[0][0].value
    put_graph(f"{pushed}/store", target, b"<urn:x:s> <urn:x:p> <urn:x:o> .\n")
    assert select(f"{pushed}/query", count % target).rows[0][0].value == "1"
    assert select(f"{pushed}/query", count % other).rows[0][0].value == before
    # pushing again restores it: a push is idempotent
    result = CliRunner().invoke(main, ["push", "--endpoint", f"{pushed}/store", "--graph", str(built)])
    assert result.exit_code == 0, result.output
    local = sum(1 for _ in store.quads_for_pattern(None, None, None, target))
    assert select(f"{pushed}/query", count % target).rows[0][0].value == str(local)


def test_an_endpoint_without_a_union_default_graph_is_explained(pushed):
    result = CliRunner().invoke(main, ["query", "documents", "--endpoint", f"{pushed}/query"])
    assert result.exit_code == 4
    assert "union-default-graph" in result.output


def test_an_unreachable_endpoint_fails_with_one_line(built):
    url = f"http://127.0.0.1:{_free_port()}"
    runner = CliRunner()
    result = runner.invoke(main, ["query", "documents", "--endpoint", f"{url}/query"])
    assert result.exit_code == 4 and "cannot reach" in result.output
    result = runner.invoke(main, ["push", "--endpoint", f"{url}/store", "--graph", str(built)])
    assert result.exit_code == 1 and "cannot reach" in result.output


def test_json_output_is_the_same_type_as_the_embedded_one(pushed, store):
    remote = run_named_remote(union(pushed), "documents", {})
    assert format_json(remote) == format_json(run_named(store, "documents", {}))
    assert all(isinstance(t, (ox.Literal, ox.NamedNode)) or t is None for row in remote.rows for t in row)
