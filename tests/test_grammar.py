"""The shared grammar of kg/nlp/grammar.py, on phrases written for these tests."""

import re

import pytest

from kg.nlp.grammar import (
    CLAUSE_BREAK, HAN_RUN, TITLE, WordPattern, alternation, alternatives, clause_end, clause_start, inside_title,
    is_han, part_start, sentence_end,
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


def test_sentence_part_bounds():
    # a part of a sentence runs past commas to 。 or ; (a sentence past ; too), and stops at a line end
    text = "去年完成造林任务,今年要编制湿地保护规划;明年验收,后年评估。\n下一段"
    pos = text.index("验收")
    assert text[part_start(text, pos) : pos] == "明年"
    assert text[: sentence_end(text, 0)] == "去年完成造林任务,今年要编制湿地保护规划;明年验收,后年评估"
    assert text[sentence_end(text, 0)] == "。"
    assert part_start(text, text.index("下一段") + 1) == text.index("下一段")
    assert sentence_end("没有句号的一行", 2) == len("没有句号的一行")
    assert part_start("甲" * 50, 45, reach=10) == 35


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


def _flat(words):
    """The plain alternation, longest first: what a trie pattern must match the same as."""
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


WORDS = ["江", "江北", "江北区", "江北新区", "北京", "北京市", "京津冀", "京津冀及周边地区", "河北", "河北省", "A.1"]
TEXTS = [
    "江北新区与江北区的企业到北京市和河北省学习京津冀及周边地区的做法",
    "京津冀及周边城市，江水北流，北京、河北江北",
    "A.1号与A-1号，江北新",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_trie_patterns_match_as_the_flat_alternation(text):
    flat, trie, walked = _flat(WORDS), re.compile(alternatives(WORDS)), WordPattern(WORDS)
    expected = [m.span() for m in flat.finditer(text)]
    assert [m.span() for m in trie.finditer(text)] == expected
    assert [m.span() for m in walked.finditer(text)] == expected
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            want = flat.match(text, start, end)
            got = walked.match(text, start, end)
            assert (got and (got.span(), got.group(0), got[0])) == (want and (want.span(), want.group(0), want[0]))
            want, got = flat.search(text, start, end), walked.search(text, start, end)
            assert (got and got.span()) == (want and want.span())
            assert [m.span() for m in walked.finditer(text, start, end)] == [m.span() for m in flat.finditer(text, start, end)]


def test_trie_pattern_backtracks_to_shorter_words_in_a_longer_expression():
    # the longest word first, then the shorter ones, as in the flat list
    pattern = re.compile(f"(?:{alternatives(['环境', '环境保护', '环境保护部'])})工作")
    assert pattern.match("环境保护部工作").group(0) == "环境保护部工作"
    assert pattern.match("环境保护工作").group(0) == "环境保护工作"
    assert pattern.match("环境工作").group(0) == "环境工作"
    assert WordPattern([]).search("任何文字") is None
    assert WordPattern(["环境"]).pattern == alternatives(["环境"])
