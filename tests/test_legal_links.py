"""Links inside a legal text (本法第十条, 第三条第二款, 前款, 前两款, 本条第一款, ranges and
lists) on articles written for these tests, and the article-links query on a built graph."""

from __future__ import annotations

import json

import pytest

from kg.legal.links import find_links
from kg.legal.structure import find_parts

# A rule written for these tests: article 3 has three paragraphs, the others one.
ARTICLES = [
    ["为了规范某类设施的巡查,制定本办法。"],
    ["本办法所称某类设施,是指用于监测水位的设施。"],
    ["设施管理单位应当按月巡查。", "巡查记录应当保存三年。", "前两款规定的巡查,可以委托第三方实施。"],
    ["违反本办法第三条规定的,由主管部门责令改正。"],
    ["有前条规定情形的,处一千元以下罚款。"],
    ["本办法自2031年1月1日起施行。"],
]
NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八"]


def rule(*extra: list[str]) -> str:
    """The rule above with more articles after it, as plain text."""
    lines = ["某类设施巡查办法"]
    for n, paragraphs in enumerate(ARTICLES + list(extra)):
        lines.append(f"第{NUMBERS[n]}条 {paragraphs[0]}")
        lines += paragraphs[1:]
    return "\n".join(lines) + "\n"


def links_of(text: str) -> set[tuple[str, str]]:
    parts = find_parts(text)

    def label(i: int) -> str:
        part = parts[i]
        return parts[part.parent].label + part.label if part.kind == "款" else part.label

    return {(label(k.source), label(k.target)) for k in find_links(text, parts)}


BASE = {
    ("第三条第三款", "第三条第一款"), ("第三条第三款", "第三条第二款"),  # 前两款
    ("第四条", "第三条"),  # 违反本办法第三条
    ("第五条", "第四条"),  # 前条
}

# (a seventh article, or a seventh and an eighth, → links they add to BASE)
EXTRA = [
    # 第N条第N款 with the text named as 本办法, and a bare one: both point inside
    ([["依照本办法第三条第二款保存的记录,适用第二条的规定。"]],
     {("第七条", "第三条第二款"), ("第七条", "第二条")}),
    # a range of articles, and a list joined by 、 and 和
    ([["违反第二条至第四条规定的,依照第五条、第六条和第一条处理。"]],
     {("第七条", n) for n in ("第二条", "第三条", "第四条", "第五条", "第六条", "第一条")}),
    # a paragraph list after an article: 第三条第一款、第二款 (both of article 3)
    ([["违反本办法第三条第一款、第二款规定的,处罚款。"]],
     {("第七条", "第三条第一款"), ("第七条", "第三条第二款")}),
    # a range from a paragraph to an article's end
    ([["依照第三条第二款至第四条的规定。"]],
     {("第七条", "第三条第二款"), ("第七条", "第三条第三款"), ("第七条", "第四条")}),
    # 前款 in a second paragraph, 本条第一款 in a third
    ([["设施应当定期检修。", "前款规定的检修,由管理单位组织。", "本条第一款所称检修,不含日常维护。"]],
     {("第七条第二款", "第七条第一款"), ("第七条第三款", "第七条第一款")}),
    # an item of a paragraph points at the paragraph (items are no parts of their own)
    ([["依照本办法第三条第一款第(二)项的规定。"]], {("第七条", "第三条第一款")}),
    # the text named with its form: 本实施办法, 本暂行规定
    ([["违反本实施办法第二条的,依照本暂行规定第三条处理。"]], {("第七条", "第二条"), ("第七条", "第三条")}),
    # another text's articles, named by its title or its name, are citations, not links
    ([["依照《中华人民共和国某某法》第三条、第四条处罚;本单位人员违反刑法第二条的,依法追究责任。"]], set()),
    ([["违反该条例第三条规定的,依照其规定处理。"]], set()),
    # 本条例 is no 本条; 当前条件, 基本条件 are no 前条, 本条; 前款 in a first paragraph has nothing before it
    ([["在当前条件下具备基本条件的,依照前款规定处理。"]], set()),
    # an article the text does not have (a quotation of another version) gives no link
    ([["原第九十条规定的期限继续适用。"]], set()),
    # an article referring to the next one, and 前条 from the last
    ([["依照第八条的规定处理。"], ["违反前条规定的,依照本办法第七条处理。"]],
     {("第七条", "第八条"), ("第八条", "第七条")}),
]


def test_links_of_the_base_rule():
    assert links_of(rule()) == BASE


@pytest.mark.parametrize(("extra", "added"), EXTRA)
def test_links(extra, added):
    assert links_of(rule(*extra)) - BASE == added


def test_a_numbered_article_heading_is_no_link_to_itself():
    text = "某办法\n第一条 本办法适用于某类设施。\n第二条 本条所称设施,是指某类设施。\n"
    assert links_of(text) == set()


@pytest.fixture(scope="module")
def rule_store(tmp_path_factory):
    from kg.build import build
    from kg.store import open_store

    folder, out = tmp_path_factory.mktemp("rule"), tmp_path_factory.mktemp("rule-out")
    (folder / "rule.txt").write_text(rule([["违反第二条至第三条第一款规定的,依照前条处理。"]]), encoding="utf-8")
    build([folder], out)
    return open_store(out)


def _rows(store, **params):
    from kg.querying import format_json, run_named

    return json.loads(format_json(run_named(store, "article-links", params)))


def test_article_links_answers_which_parts_refer_to_an_article(rule_store):
    rows = _rows(rule_store, title="某类设施巡查办法", article="第三条")
    assert [(r["cited"], r["citing"], r["written"]) for r in rows] == [
        ("第三条", "第四条", "本办法第三条"),
        ("第三条第一款", "第三条第三款", "前两款"),
        ("第三条第一款", "第七条", "第二条至第三条第一款"),
        ("第三条第二款", "第三条第三款", "前两款"),
    ]
    assert {r["document"] for r in rows} == {"rule"}


def test_article_links_of_a_whole_text(rule_store):
    rows = _rows(rule_store, title="某类设施巡查办法")
    assert {(r["citing"], r["cited"]) for r in rows} == BASE | {
        ("第七条", "第二条"), ("第七条", "第三条第一款"), ("第七条", "第六条"),
    }
