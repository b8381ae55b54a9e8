"""The server store: a Virtuoso of our own (Debian's virtuoso-opensource, `make virtuoso`)
on free loopback ports with its own database folder, loaded by `kg push --bulk`, answers
every named query with the rows the embedded store gives: on the seeds, and on the statute
book of ../shared (the legal queries: histories, citations, article links, in force on a date;
skipped without ../shared)."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.querying import named_queries, run_named, run_named_remote
from kg.store import open_store

XSD = "http://www.w3.org/2001/XMLSchema#"
pytestmark = pytest.mark.skipif(shutil.which("virtuoso-t") is None,
                                reason="virtuoso-opensource is not installed (make virtuoso installs it)")

# values that give rows on the seeds; a query is also run with its required parameters only
PARAMS = {"agency": "国务院", "campaign": "蓝天保卫战", "indicator": "PM2.5", "area": "全国", "role": "level",
          "title": "空气质量持续改善行动计划", "label": "蓝天保卫战", "kind": "Plan", "date": "2025-01-01"}


# values that give rows on the statute book; the legal queries must give rows there
LAW_PARAMS = {**PARAMS, "title": "中华人民共和国水污染防治法", "date": "2020-01-01"}
LEGAL = ("article-links", "based-on", "cited-by", "in-force", "law-history")


def _loaded(built, folder):
    """A Virtuoso of its own in ``folder`` holding the build ``built`` (`kg push --bulk`)."""
    from kg import virtuoso

    running = virtuoso.start(folder)
    try:
        result = CliRunner().invoke(main, ["push", "--bulk", "--isql", running.isql, "--load-dir",
                                           str(running.load_dir), "--graph", str(built)])
        assert result.exit_code == 0, result.output
        assert "Bulk-loaded" in result.output
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def server(built, tmp_path_factory):
    yield from _loaded(built, tmp_path_factory.mktemp("virtuoso"))


@pytest.fixture(scope="module")
def law_server(built_laws, tmp_path_factory):
    yield from _loaded(built_laws, tmp_path_factory.mktemp("virtuoso-laws"))


NUMBERS = {XSD + name for name in ("decimal", "integer", "double", "float")}


def rows(table) -> list[tuple]:
    """Rows as comparable tuples of RDF values: Virtuoso writes false as "0"^^xsd:boolean
    (another lexical form of the same value), and GROUP_CONCAT's order is not defined by
    SPARQL, so the lists it makes are compared as sets of their items."""
    def cell(term):
        if isinstance(term, ox.Literal):
            datatype = None if term.language else term.datatype.value
            if datatype == XSD + "boolean":
                return (term.value in ("true", "1"), None, datatype)
            if datatype in NUMBERS:
                return (Decimal(term.value).normalize(), None, "number")
            parts = sorted(term.value.replace("、", " ").split(" "))
            return (" ".join(parts), term.language, datatype)
        return None if term is None else term.value
    return sorted((tuple(cell(t) for t in row) for row in table.rows), key=repr)


def cases(values=PARAMS):
    for name, query in sorted(named_queries().items()):
        required = {p.name: values.get(p.name, "") for p in query.parameters if p.required}
        given = {p.name: values[p.name] for p in query.parameters if p.name in values}
        yield pytest.param(name, required, id=f"{name}-required")
        if given != required:
            yield pytest.param(name, given, id=f"{name}-all")


@pytest.mark.parametrize(("name", "params"), list(cases()))
def test_every_named_query_gives_the_same_rows_on_virtuoso(server, built, name, params):
    embedded = run_named(open_store(built), name, params)
    remote = run_named_remote(server.sparql, name, params)
    assert remote.columns == embedded.columns
    assert rows(remote) == rows(embedded)


@pytest.mark.parametrize(("name", "params"), list(cases(LAW_PARAMS)))
def test_every_named_query_gives_the_same_rows_on_virtuoso_on_the_statute_book(law_server, built_laws, name, params):
    embedded = run_named(open_store(built_laws), name, params)
    remote = run_named_remote(law_server.sparql, name, params)
    assert embedded.rows or name not in LEGAL  # a legal query is compared on rows, never on nothing
    assert remote.columns == embedded.columns
    assert rows(remote) == rows(embedded)


def test_the_bulk_load_holds_every_quad_of_the_build(server, built):
    from kg.remote import select

    expected = sum(1 for _ in open(built / "graph.nq", encoding="utf-8"))
    counted = select(server.sparql, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                     "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/ecopolicy-kg/')) }")
    assert int(counted.rows[0][0].value) == expected


def test_push_bulk_without_a_load_folder_is_refused(built):
    result = CliRunner().invoke(main, ["push", "--bulk", "--graph", str(built)])
    assert result.exit_code != 0 and "--load-dir" in result.output
