"""Every named query on the seeds, with the rows it must give; parameters and errors."""

from __future__ import annotations

import json

import pytest

from kg.errors import QueryError
from kg.querying import format_csv, format_json, format_table, named_queries, parse_named_query, run_named, run_sparql


def rows(store, name, **params) -> list[dict]:
    table = run_named(store, name, params)
    return json.loads(format_json(table))


def test_every_query_file_has_a_valid_header():
    queries = named_queries()
    assert {"documents", "mentions", "agency-instruments", "campaign-outcomes", "instruments"} <= set(queries)
    for query in queries.values():
        assert query.title and query.description and query.columns


def test_documents(store):
    got = [(r["document"], r["kind"], r["language"], r["reviews"], r["plans"]) for r in rows(store, "documents")]
    assert got == [
        ("000_6f03f2aa24c77ee1", "achievements-summary", "zh-Hans", "2024", ""),
        ("001_aa8a88324737e6f4", "speech", "zh-Hans", "2023", "2024"),
        ("002_8ae1168cbd7d920f", "conference-news", "zh-Hans", "2024", "2025"),
        ("003_e45c85666a528bad", "achievements-summary", "zh-Hant", "2021–2025", ""),
        ("004_9eff9509ef8e18f9", "provincial-work-plan", "zh-Hans", "", "2025"),
    ]
    assert all(r["facts"] > 0 for r in rows(store, "documents"))


def test_mentions_by_alias_find_traditional_and_simplified_text(store):
    got = rows(store, "mentions", label="国办")
    assert {(r["document"], r["text"]) for r in got} >= {
        ("000_6f03f2aa24c77ee1", "国办"),
        ("003_e45c85666a528bad", "國辦"),
    }
    for r in got:
        assert r["text"] in r["sentence"]


def test_mentions_of_an_instrument(store):
    got = rows(store, "mentions", label="空气质量持续改善行动计划")
    assert {r["document"] for r in got} >= {"000_6f03f2aa24c77ee1", "001_aa8a88324737e6f4"}
    assert all("空气质量持续改善行动计划" in r["sentence"] or "空氣質量持續改善行動計劃" in r["sentence"] for r in got)


def test_agency_instruments_joint_issuance(store):
    got = {(r["agency_name"], r["action"], r["instrument"], r["document"]) for r in rows(store, "agency-instruments")}
    assert {
        ("党中央", "Issuance", "关于全面推进美丽中国建设的意见", "001_aa8a88324737e6f4"),
        ("国务院", "Issuance", "关于全面推进美丽中国建设的意见", "001_aa8a88324737e6f4"),
        ("中共中央办公厅", "Issuance", "关于推进绿色低碳转型加强全国碳市场建设的意见", "003_e45c85666a528bad"),
        ("国务院办公厅", "Issuance", "关于推进绿色低碳转型加强全国碳市场建设的意见", "003_e45c85666a528bad"),
        ("国务院办公厅", "Forwarding", "关于建设美丽中国先行区的实施意见", "003_e45c85666a528bad"),
    } <= got


def test_agency_instruments_filtered_by_alias(store):
    got = rows(store, "agency-instruments", agency="国办")
    assert got and {r["agency_name"] for r in got} == {"国务院办公厅"}


def test_campaign_outcomes(store):
    got = rows(store, "campaign-outcomes", campaign="蓝天保卫战")
    assert got and {r["campaign_name"] for r in got} == {"蓝天保卫战"}
    figures = {(r["value"], r["unit"], r["document"]) for r in got}
    assert (893000000, "吨", "000_6f03f2aa24c77ee1") in figures  # 8.93亿吨粗钢产能 …超低排放改造
    assert (-34.2, "%", "000_6f03f2aa24c77ee1") in figures  # 中重度及以上污染天数同比减少34.2%
    # a variant name finds the same campaign
    assert rows(store, "campaign-outcomes", campaign="深入打好蓝天保卫战") == got


def test_instruments_by_kind(store):
    got = rows(store, "instruments", kind="AdministrativeRegulation")
    assert {"碳排放权交易管理暂行条例", "生态环境保护督察工作条例"} <= {r["instrument"] for r in got}
    assert {r["kind_name"] for r in got} == {"AdministrativeRegulation"}


def test_parameters_are_bound_as_terms_not_pasted(store):
    hostile = '蓝天" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #'
    assert rows(store, "mentions", label=hostile) == []


def test_unknown_query_lists_the_named_queries(store):
    with pytest.raises(QueryError, match="documents"):
        run_named(store, "no-such-query", {})


def test_unknown_parameter_lists_the_parameters(store):
    with pytest.raises(QueryError, match="label="):
        run_named(store, "mentions", {"lable": "国办"})


def test_missing_required_parameter(store):
    with pytest.raises(QueryError, match="missing parameter label"):
        run_named(store, "mentions", {})


def test_malformed_sparql(store):
    with pytest.raises(QueryError, match="malformed SPARQL"):
        run_sparql(store, "SELECT * WHERE { ?s ?p }")


def test_bad_header_names_the_file():
    with pytest.raises(QueryError, match=r"queries/broken\.rq"):
        parse_named_query("broken", "#+ title: t\n#+ description: d\n#+ param x: float — no such type\n#+ columns: a\nSELECT ?a {}")
    with pytest.raises(QueryError, match="columns"):
        parse_named_query("broken", "#+ title: t\n#+ description: d\nSELECT ?a {}")


def test_output_formats(store):
    table = run_named(store, "documents", {})
    assert format_table(table).splitlines()[0].split()[:2] == ["document", "title"]
    assert format_csv(table).splitlines()[0].startswith("document,title,kind")
    assert len(json.loads(format_json(table))) == 5


def test_indicator_series_gives_one_national_figure_per_year(store):
    got = [(r["year"], r["value"], r["unit"], r["document"]) for r in rows(store, "indicator-series", indicator="PM2.5", area="全国")]
    assert got == [
        ("2023", 30, "微克/立方米", "001_aa8a88324737e6f4"),
        ("2024", 29.3, "微克/立方米", "000_6f03f2aa24c77ee1"),
    ]
    # every role: the change and the gap to the target are there too
    roles = {r["role_name"] for r in rows(store, "indicator-series", indicator="PM2.5", area="全国", role="all")}
    assert {"level", "change", "target_gap"} <= roles


def test_indicator_series_keeps_a_figure_against_another_base(tmp_path):
    """A bound is left out only where the sentence gives the exact figure of the same role
    against the same basis; a change against another year stays, with its basis."""
    from kg.build import build
    from kg.store import open_store

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "review.txt").write_text(
        "某市2024年生态环境状况\n2024年,全市PM2.5平均浓度为28微克/立方米,同比下降5%,较2015年下降超过40%。\n",
        encoding="utf-8",
    )
    build([folder], tmp_path / "out")
    got = {
        (r["role_name"], r["value"], r["basis"], r["approx"])
        for r in rows(open_store(tmp_path / "out"), "indicator-series", indicator="PM2.5", role="all")
    }
    assert got == {("level", 28, "", False), ("change", -5, "yoy", False), ("change", -40, "2015", True)}


# --- a name parameter: one index lookup per form of the name -----------------------------

NAME_QUERY = """#+ title: Named
#+ description: the nodes with a label that is the name
#+ param name: name optional — a name
#+ columns: node
SELECT DISTINCT ?name ?node WHERE { ?node <http://www.w3.org/2004/02/skos/core#prefLabel> ?name_forms }
ORDER BY ?node
"""


def test_a_name_is_bound_in_each_form_a_label_takes():
    import pyoxigraph as ox

    query = parse_named_query("named", NAME_QUERY)
    forms = query.bindings({"name": '国"办'})[ox.Variable("name_forms")]
    assert forms == (ox.Literal('国"办', language="zh"), ox.Literal('国"办', language="en"), ox.Literal('国"办'))
    assert query.bindings({})[ox.Variable("name_forms")] == (None,)  # UNDEF: any label


@pytest.mark.parametrize(("given", "found"), [
    ({"name": "生态环境部"}, ["urn:a"]),
    ({"name": "Ministry of Ecology and Environment"}, ["urn:a"]),
    ({"name": "环境部"}, []),  # a name, not part of one
    ({}, ["urn:a", "urn:b"]),  # no name: every labelled node
])
def test_a_name_finds_its_node_in_either_language(given, found):
    import pyoxigraph as ox

    from kg.querying import Table, _header_columns, with_values

    store = ox.Store()
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    store.add(ox.Quad(ox.NamedNode("urn:a"), label, ox.Literal("生态环境部", language="zh")))
    store.add(ox.Quad(ox.NamedNode("urn:a"), label, ox.Literal("Ministry of Ecology and Environment", language="en")))
    store.add(ox.Quad(ox.NamedNode("urn:b"), label, ox.Literal("水利部", language="zh")))
    query = parse_named_query("named", NAME_QUERY)
    table = _header_columns(query, run_sparql(store, with_values(query.sparql, query.bindings(given))))
    assert isinstance(table, Table) and [row[0].value for row in table.rows] == found


# --- a title parameter: a law found with or without the state's name before its title ----

TITLE_QUERY = """#+ title: Titled
#+ description: the laws by their title, with their aliases as a list
#+ param title: title — a law's title
#+ columns: node, aliases
#+ lists: aliases
SELECT ?title ?node ?aliases WHERE {
  { SELECT DISTINCT ?title ?node WHERE { ?node <http://purl.org/dc/terms/title> ?title_forms } }
  { SELECT ?node (GROUP_CONCAT(DISTINCT STR(?alias); separator="\\t") AS ?aliases) WHERE {
      ?node <http://www.w3.org/2004/02/skos/core#altLabel> ?alias } GROUP BY ?node }
}
"""


def _titled_store():
    import pyoxigraph as ox

    store = ox.Store()
    title = ox.NamedNode("http://purl.org/dc/terms/title")
    alias = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
    store.add(ox.Quad(ox.NamedNode("urn:lake"), title, ox.Literal("中华人民共和国湖泊保护法", language="zh")))
    store.add(ox.Quad(ox.NamedNode("urn:river"), title, ox.Literal("河道管理条例")))
    for node, name in (("urn:lake", "湖泊法"), ("urn:lake", "湖泊保护法"), ("urn:river", "河道条例")):
        store.add(ox.Quad(ox.NamedNode(node), alias, ox.Literal(name, language="zh")))
    return store


@pytest.mark.parametrize(("title", "found"), [
    ("湖泊保护法", "urn:lake"),  # the short title finds the law under its full one
    ("中华人民共和国湖泊保护法", "urn:lake"),
    ("中华人民共和国河道管理条例", "urn:river"),  # and the full one a text titled without it
    ("湖泊", None),  # a title, not part of one
])
def test_a_title_finds_its_law_with_or_without_the_state_name(title, found):
    from kg.querying import _header_columns, with_values

    query = parse_named_query("titled", TITLE_QUERY)
    sparql = with_values(query.sparql, query.bindings({"title": title}))
    # the forms are bound only in the sub-select that reads them: elsewhere they would
    # multiply the rows
    assert sparql.count("?title_forms {") == 1
    table = _header_columns(query, run_sparql(_titled_store(), sparql))
    assert [row[0].value for row in table.rows] == ([found] if found else [])


def test_a_list_column_is_joined_the_chinese_way():
    from kg.querying import _header_columns, with_values

    query = parse_named_query("titled", TITLE_QUERY)
    sparql = with_values(query.sparql, query.bindings({"title": "湖泊保护法"}))
    table = _header_columns(query, run_sparql(_titled_store(), sparql))
    assert sorted(table.rows[0][1].value.split("、")) == ["湖泊保护法", "湖泊法"]


def test_a_list_that_is_no_column_is_refused():
    with pytest.raises(QueryError, match="lists"):
        parse_named_query("titled", TITLE_QUERY.replace("#+ lists: aliases", "#+ lists: names"))
