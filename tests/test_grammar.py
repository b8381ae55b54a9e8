"""The shared grammar of kg/nlp/grammar.py, on phrases written for these tests."""

import pytest

from kg.nlp.grammar import (
    CLAUSE_BREAK, HAN_RUN, TITLE, alternation, clause_end, clause_start, inside_title, is_han,
)


@pytest.mark.parametrize(
    "char, han",
    [("水", True), ("㐀", True), ("𠀀", True), ("A", False), ("，", False), ("《", False), ("3", False), ("", False)],
)
def test_is_han(char, han):
    assert is_han(char) is han


def test_han_run_stops_at_digits_and_punctuation():
    assert HAN_RUN.findall("河湖长制2024年全面推行，成效明显") == ["河湖长制", "年全面推行", "成效明显"]


@pytest.mark.parametrize("text, breaks", [
    ("甲乙,丙丁;戊。", 3), ("甲：乙！丙？", 3), ("甲、乙和丙及丁", 0), ("一行\n二行", 1),
])
def test_clause_breaks(text, breaks):
    assert len(CLAUSE_BREAK.findall(text)) == breaks


def test_clause_bounds():
    text = "去年完成造林任务,今年要编制湿地保护规划、推进试点;明年验收。"
    pos = text.index("湿地")
    assert text[clause_start(text, pos) : clause_end(text, pos)] == "今年要编制湿地保护规划、推进试点"


def test_clause_bounds_reach():
    text = "甲" * 50
    assert clause_start(text, 45, reach=10) == 35
    assert clause_end(text, 5, reach=10) == 15


def test_titles_and_inside_title():
    text = "依照《森林法》和《草原法(修订草案)》办理"
    assert [m.group(1) for m in TITLE.finditer(text)] == ["森林法", "草原法(修订草案)"]
    assert inside_title(text, text.index("森林") + 1)
    assert not inside_title(text, text.index("办理"))


def test_alternation_prefers_the_longest_form():
    pattern = alternation(["水利部", "水利部办公厅", "水利"])
    assert pattern.findall("水利部办公厅通知水利部和水利单位") == ["水利部办公厅", "水利部", "水利"]


def test_alternation_escapes_and_never_matches_when_empty():
    assert alternation(["PM2.5"]).search("PM205") is None
    assert alternation([]).search("任何文字") is None
