"""Consistency checks: implied previous-year values and conflicts beyond rounding."""

from __future__ import annotations

from decimal import Decimal

from kg.consistency import Figure, find_conflicts, implied_previous


def figure(value, text, role="level", unit="微克/立方米", year=2024, document="a", basis="", sentence="s",
           area="全国", approx=False) -> Figure:
    return Figure(
        iri=f"urn:{document}:{text}:{year}", indicator="urn:pm25", area=area, year=year, value=Decimal(value),
        unit=unit, role=role, basis=basis, approx=approx, text=text, sentence=sentence, document=document,
    )


def test_half_unit_follows_the_written_digits():
    assert figure("29.3", "29.3微克/立方米").half_unit == Decimal("0.05")
    assert figure("30", "30微克/立方米").half_unit == Decimal("0.5")
    assert figure("39000", "3.9万件", unit="件").half_unit == Decimal("500")
    assert figure("-2.7", "同比下降2.7%", role="change", unit="%").half_unit == Decimal("0.05")


def test_level_and_change_imply_the_previous_year():
    level = figure("29.3", "29.3微克/立方米")
    change = figure("-2.7", "同比下降2.7%", role="change", unit="%", basis="yoy")
    previous, tolerance = implied_previous(level, change)
    assert previous == Decimal("30.11")
    assert Decimal("0.05") < tolerance < Decimal("0.2")
    ratio = figure("87.2", "87.2%", unit="%")
    points = figure("1.7", "同比上升1.7个百分点", role="change", unit="百分点", basis="yoy")
    assert implied_previous(ratio, points)[0] == Decimal("85.50")
    # a change against another baseline implies nothing about last year
    assert implied_previous(level, figure("-18.6", "较2020年下降18.6%", role="change", unit="%", basis="2020")) is None


def test_levels_within_rounding_agree():
    conflicts, _ = find_conflicts([figure("29.3", "29.3微克/立方米", document="a"), figure("29", "29微克/立方米", document="b")])
    assert conflicts == []


def test_levels_beyond_rounding_conflict():
    conflicts, _ = find_conflicts([figure("29.3", "29.3微克/立方米", document="a"), figure("31.0", "31.0微克/立方米", document="b")])
    assert [c.kind for c in conflicts] == ["levels disagree"]


def test_a_change_that_contradicts_the_series():
    figures = [
        figure("29.3", "29.3微克/立方米", document="review-2024", sentence="x"),
        figure("-2.7", "同比下降2.7%", role="change", unit="%", basis="yoy", document="review-2024", sentence="x"),
        figure("32", "32微克/立方米", year=2023, document="review-2023"),
    ]
    conflicts, implied = find_conflicts(figures)
    assert [c.kind for c in conflicts] == ["change contradicts series"]
    assert implied[0][1] == Decimal("30.11")
    consistent = figures[:2] + [figure("30", "30微克/立方米", year=2023, document="review-2023")]
    assert find_conflicts(consistent)[0] == []


def test_approximate_bounds_are_not_compared():
    conflicts, _ = find_conflicts([
        figure("30", "30微克/立方米以下", document="a", approx=True),
        figure("29.3", "29.3微克/立方米", document="b"),
    ])
    assert conflicts == []


def test_the_seeds_graph_records_implied_values_and_no_false_conflict(store):
    from kg.querying import format_json, run_named, run_sparql

    rows = run_sparql(store, """SELECT ?text ?previous WHERE {
        ?q ep:impliedPreviousValue ?previous ; ep:hasMention/nif:anchorOf ?text ;
           prov:hadPrimarySource/dct:identifier "000_6f03f2aa24c77ee1" }""").rows
    implied = {r[0].value: Decimal(r[1].value) for r in rows}
    assert implied["同比下降2.7%"] == Decimal("30.11")  # 29.3 down 2.7%: about 30.1 in 2023
    # 001 gives 30 for 2023, within rounding of 30.11: the series is consistent
    assert format_json(run_named(store, "consistency", {})) == "[]"


def test_a_documents_figures_are_read_as_beside_every_shipped_graph():
    """kg.docrun reads a document's figures from a store of its graph and the shipped
    descriptions of what it names: the same as from a store of every shipped graph."""
    import pyoxigraph as ox

    from kg.consistency import read_figures
    from kg.docrun import make_run
    from kg.extract import extract
    from kg.store import load_shipped_graphs
    from tests.documents import make_document

    text = "2024年，全国PM2.5平均浓度为29.3微克/立方米，同比下降3.2%。全省森林覆盖率达到45.2%。"
    run = make_run(extract(make_document(text, published="2025-01-20")), "key")
    store = ox.Store()
    load_shipped_graphs(store)
    store.load(run.quads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    assert run.figures and run.figures == tuple(read_figures(store))
