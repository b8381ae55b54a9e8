"""Tables read a row at a time: an HTML grid of data is written one row a line (as a
Markdown table and a DOCX row are), and the figures of any such table take their unit,
time, role and subject from their row and their column's header. Every table here was
written for the test."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kg.ingest import _html_stream, read_document
from kg.nlp.tables import Tables, grids, is_figure


def _page(body: str) -> str:
    return f"<html><body>{body}</body></html>"


INDICATORS = """
<p>表1 “十五五”主要指标</p>
<table>
<tr><th rowspan="2">类别</th><th rowspan="2">指标</th><th rowspan="2">单位</th><th>2025年</th><th>2030年</th><th rowspan="2">属性</th></tr>
<tr><th>（基准值）</th><th>（目标值）</th></tr>
<tr><td rowspan="2">环境质量</td><td><p>地级及以上城市细颗粒物（PM2.5）浓度</p></td><td>微克/立方米</td><td>27.4</td><td>24</td><td>约束性</td></tr>
<tr><td>化学需氧量排放总量</td><td>万吨</td><td>8.6</td><td>7.9</td><td>约束性</td></tr>
<tr><td>生态保护</td><td>森林覆盖率（%）</td><td></td><td>48.2</td><td>50</td><td>预期性</td></tr>
</table>
<p>各地要对照上表逐项落实。</p>
"""


def test_an_html_grid_is_written_a_row_a_line():
    markup = _page(INDICATORS)
    text, index = _html_stream(markup)
    lines = text.split("\n")
    assert "| 类别 | 指标 | 单位 | 2025年 | 2030年 | 属性 |" in lines
    # a cell spanning rows leaves an empty cell below it, so the columns stay aligned
    assert "|  |  |  | （基准值） | （目标值） |  |" in lines
    assert "|  | 化学需氧量排放总量 | 万吨 | 8.6 | 7.9 | 约束性 |" in lines
    # every character still points into the markup, in order
    assert len(index) == len(text)
    assert all(a <= b for a, b in zip(index, index[1:]))
    k = text.index("8.6")
    assert markup[index[k] : index[k] + 3] == "8.6"


def test_a_form_and_a_layout_table_stay_one_cell_a_line():
    form = """<table>
<tr><td>索 引 号：</td><td>000014349/2031-00042</td><td>主题分类：</td><td>生态环境</td></tr>
<tr><td>发文机关：</td><td>某省人民政府</td><td>成文日期：</td><td>2031年3月2日</td></tr>
</table>"""
    text, _ = _html_stream(_page(form))
    assert text.split("\n")[:2] == ["索 引 号：", "000014349/2031-00042"]
    # the same form with its labels written without a colon
    text, _ = _html_stream(_page(form.replace("：", "")))
    assert text.split("\n")[:2] == ["索 引 号", "000014349/2031-00042"]
    layout = "<table><tr><td><p>第一段。</p><p>第二段。</p><p>第三段。</p><p>第四段。</p></td><td>侧栏</td></tr>" \
             "<tr><td>页脚</td><td>链接</td></tr></table>"
    text, _ = _html_stream(_page(layout))
    assert "|" not in text


def test_a_spanning_header_cell_covers_the_columns_it_spans():
    markup = _page("""<table>
<tr><th>指标</th><th>单位</th><th colspan="2">目标值</th></tr>
<tr><th></th><th></th><th>2027年</th><th>2030年</th></tr>
<tr><td>新能源汽车保有量</td><td>万辆</td><td>40</td><td>65</td></tr>
</table>""")
    text, _ = _html_stream(markup)
    grid = grids(text)[0]
    assert grid.header_rows == 2
    assert grid.headers == ("指标", "单位", "目标值2027年", "目标值2030年")


@pytest.mark.parametrize(
    ("cell", "figure"),
    [("27.4", True), ("-3.5", True), ("85%", True), ("1,250", True), ("2030", False), ("—", False),
     ("约束性", False), ("2030年", False), ("第3项", False)],
)
def test_what_a_cell_of_figures_holds(cell, figure):
    assert is_figure(cell) is figure


@pytest.mark.parametrize(
    ("table", "figure", "unit", "label", "header"),
    [
        # a unit column
        ("| 指标 | 单位 | 2030年 |\n| 再生水利用率 | % | 30 |", "30", "%", "再生水利用率", "2030年"),
        # a unit in the label's bracket, the label column found by its header
        ("| 序号 | 指标名称 | 2029年实际 |\n| 1 | 秸秆综合利用率（%） | 93.5 |", "93.5", "%", "秸秆综合利用率", "2029年实际"),
        # a unit in the column's bracket, no label header: the words before the figure
        ("| 污染物 | 排放量（万吨） |\n| 二氧化硫 | 3.2 |", "3.2", "万吨", "二氧化硫", "排放量（万吨）"),
        # a bracket giving the basis beside the unit
        ("| 地区 | PM2.5浓度下降（较2030年，%） |\n| 甲县 | 6.5 |", "6.5", "%", "甲县", "PM2.5浓度下降（较2030年，%）"),
        # a unit column named for what is counted in it (计税单位, 计价单位)
        ("| 品目 | 计税单位 | 税额 |\n| 煤矸石 | 元/吨 | 5 |", "5", "元/吨", "煤矸石", "税额"),
        # the unit of the whole table, noted above it
        ("（单位：亿元）\n| 项目 | 2030年 |\n| 节能环保产业产值 | 1200 |", "1200", "亿元", "节能环保产业产值", "2030年"),
    ],
)
def test_a_figure_cell_reads_its_row_and_column(table, figure, unit, label, header):
    tables = Tables(table)
    grid, r, c = tables.at(table.rindex(figure))
    assert grid.unit(r, c, lambda u: u in ("%", "万吨", "亿元", "元/吨")) == unit
    assert grid.label(r, with_unit=False) == label
    assert grid.header(c) == header


def test_a_column_of_responsible_bodies_is_no_unit_column():
    table = "| 任务 | 责任单位 | 2032年 |\n| 新建监测站 | 市生态环境局 | 12 |"
    grid, r, c = Tables(table).at(table.rindex("12"))
    assert grid.unit(r, c) == ""


def test_running_text_and_header_cells_are_no_table_body():
    text = "| 指标 | 2030年 |\n| 优良水体比例 | 90% |\n到2030年，优良水体比例达到90%。"
    tables = Tables(text)
    assert tables.at(text.index("2030年")) is None  # the header
    assert tables.at(text.rindex("90%")) is None  # the sentence after the table
    assert tables.at(text.index("90%")) is not None


# A province's plan page with its indicator table, as a government site prints it; the
# figures are illustrative. (table, [(value, unit, role, year, subject)])
PLAN_PAGE = """<html><head><title>某省“十五五”生态环境保护规划</title></head><body>
<h1>江西省“十五五”生态环境保护规划</h1>
<p>发布日期：2026年3月18日</p>
<p>一、主要目标</p>
<p>到2030年，全省生态环境质量持续改善。主要指标见表1。</p>
{table}
</body></html>"""


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (INDICATORS, [
            ("27.4", "微克/立方米", "level", 2025, "地级及以上城市细颗粒物(PM2.5)浓度"),
            ("24", "微克/立方米", "target", 2030, "地级及以上城市细颗粒物(PM2.5)浓度"),
            ("86000", "吨", "level", 2025, "化学需氧量排放总量"),
            ("79000", "吨", "target", 2030, "化学需氧量排放总量"),
            ("48.2", "%", "level", 2025, "森林覆盖率"),
            ("50", "%", "target", 2030, "森林覆盖率"),
        ]),
        # years written bare in the header
        ("""<table><tr><th>指标</th><th>单位</th><th>2025</th><th>2030</th></tr>
<tr><td>城市生活垃圾资源化利用率</td><td>%</td><td>70</td><td>80</td></tr></table>""", [
            ("70", "%", "level", 2025, "城市生活垃圾资源化利用率"),
            ("80", "%", "target", 2030, "城市生活垃圾资源化利用率"),
        ]),
        # a column of changes against a base, falling: negative, with its basis
        ("""<table><tr><td>指标</td><td>2030年比2025年下降（%）</td></tr>
<tr><td>单位地区生产总值二氧化碳排放</td><td>17</td></tr>
<tr><td>单位地区生产总值能耗</td><td>13.5</td></tr></table>""", [
            ("-17", "%", "target", 2030, "单位地区生产总值二氧化碳排放"),
            ("-13.5", "%", "target", 2030, "单位地区生产总值能耗"),
        ]),
    ],
)
def test_a_plan_page_table_gives_each_figure_its_row_and_column(tmp_path: Path, table, expected):
    found = [
        (q.value, q.unit, q.role, q.year, q.subject)
        for q in _figures(tmp_path / "plan.html", PLAN_PAGE.format(table=table))
        if q.mention is not None and "|" in q.evidence
    ]
    assert found == [(Decimal(v), u, r, y, s) for v, u, r, y, s in expected]


def _figures(path: Path, text: str):
    """The quantities extracted from ``text`` saved as ``path``."""
    from kg.extract import extract

    path.write_text(text, encoding="utf-8")
    return extract(read_document(path)).quantities


def test_a_task_table_gives_each_figure_its_row_deadline(tmp_path: Path):
    """A table of tasks (序号 | 任务 | 目标 | 完成时限 | 责任单位): a figure with its unit in its
    cell takes the task as subject and the row's deadline as its year, a goal of the plan."""
    text = (
        "# 某县2033年水污染防治工作方案\n\n为改善水环境质量,制定本方案。\n\n"
        "| 序号 | 重点任务 | 目标 | 完成时限 | 责任单位 |\n| --- | --- | --- | --- | --- |\n"
        "| 1 | 整治农村黑臭水体 | 14条 | 2033年底前 | 县农业农村局 |\n"
        "| 2 | 城镇污水集中收集率 | 75% | 2034年6月底前 | 县住建局 |\n"
    )
    found = [(q.value, q.unit, q.role, q.year, q.subject) for q in _figures(tmp_path / "tasks.md", text)]
    assert found == [
        (Decimal(14), "条", "target", 2033, "整治农村黑臭水体"),
        (Decimal(75), "%", "target", 2034, "城镇污水集中收集率"),
    ]


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # the unit in the header's bracket with its multiplier, a share column (占比)
        ("| 能源品种 | 消费量（万吨标准煤） | 占比（%） |\n| 天然气 | 450 | 12.6 |\n| 一次电力 | 820 | 23.1 |\n",
         [("450", "4500000", "吨标准煤", "level"), ("12.6", "12.6", "%", "share"),
          ("820", "8200000", "吨标准煤", "level"), ("23.1", "23.1", "%", "share")]),
        # a column of changes against the year before, signed as written
        ("| 指标 | 数值 | 同比增减（%） |\n| 工业固体废物产生量（万吨） | 36.4 | -2.5 |\n",
         [("36.4", "364000", "吨", "level"), ("-2.5", "-2.5", "%", "change")]),
    ],
)
def test_the_finder_reads_a_figure_cell_by_its_column(nlp, table, expected):
    found = [(table[q.start : q.end], q.value, q.unit, q.role) for q in nlp(table)._.quantities]
    assert found == [(t, Decimal(v), u, r) for t, v, u, r in expected]


def test_a_table_of_places_gives_each_figure_its_place_and_its_column_measure(tmp_path: Path):
    text = (
        "# 2032年湖州市生态环境状况公报\n\n表2 2032年各区县地表水水质\n\n"
        "| 区县 | Ⅲ类以上断面比例（%） | 总磷浓度（毫克/升） |\n| --- | --- | --- |\n"
        "| 安吉县 | 100 | 0.05 |\n| 长兴县 | 94.4 | 0.08 |\n"
    )
    found = [(q.value, q.unit, q.area, q.subject, q.year) for q in _figures(tmp_path / "bulletin.md", text)]
    assert found == [
        (Decimal(100), "%", "安吉县", "Ⅲ类以上断面比例", 2032),
        (Decimal("0.05"), "毫克/升", "安吉县", "总磷浓度", 2032),
        (Decimal("94.4"), "%", "长兴县", "Ⅲ类以上断面比例", 2032),
        (Decimal("0.08"), "毫克/升", "长兴县", "总磷浓度", 2032),
    ]
