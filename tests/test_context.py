"""Time without a catalog: the document's own date, the period it reviews and plans, and the
year and period of each statement, relative words resolved against the document's date.
Every sentence here is written for the test, in wording of its own."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kg.catalog import Catalog, infer_metadata
from documents import make_document
from kg.nlp import timex

ANCHORS = timex.Anchors(now=2026, last=2025)  # a text dated 2026 that reports on 2025


@pytest.mark.parametrize(
    ("before", "year", "period"),
    [
        ("2023年,全省新建污水管网", 2023, None),
        ("去年全区完成造林", 2025, None),
        ("前年以来,全市累计", 2025, (2024, 2025)),  # since a relative year
        ("今年一季度,全市优良天数", 2026, None),
        ("截至目前,已建成充电桩", 2026, None),
        ("近五年来,累计关停小锅炉", 2025, (2021, 2025)),
        ("过去三年,新增湿地公园", 2025, (2023, 2025)),
        ("“十三五”期间,全省淘汰黄标车", 2020, (2016, 2020)),
        ("十四五以来,全县累计治理", 2025, (2021, 2025)),
        ("“十四五”末,森林覆盖率", 2025, None),
        ("2019年以来,全市累计投入", 2025, (2019, 2025)),
        ("自2022年起,共削减", 2025, (2022, 2025)),
        ("2021—2024年,累计改造", 2024, (2021, 2024)),
        ("比上年", None, None),  # a comparison basis is not the statement's own time
        ("与去年同期相比", None, None),
        ("较2020年", None, None),
        ("2024年全市PM2.5浓度较2020年", 2024, None),  # the basis is skipped, the year before kept
        ("依据《2022—2025年治理方案》,完成", None, None),  # a year inside a title
        # a plan's name qualifying a noun dates nothing; at the head of a clause it does
        ("着手谋划“十五五”水生态保护,新建", None, None),
        ("验收“十三五”期间12个示范工程", None, None),
        ("“十三五”,全市新建", 2020, (2016, 2020)),
        ("开展流域水质变化(2016—2020年)回顾评估,新建", None, None),  # a bracketed time qualifies its noun
    ],
)
def test_time_of_a_statement(before, year, period):
    ref = timex.figure_time(before, ANCHORS)
    if year is None:
        assert ref is None
    else:
        assert (ref.year, ref.period) == (year, period)


def test_relative_words_need_a_date():
    assert timex.figure_time("去年全区完成造林", timex.Anchors(now=None, last=None)) is None


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("二〇二五年十二月三十日", ["2025-12-30"]),
        ("二○二一年十月八日", ["2021-10-08"]),
        ("发布时间:2024-03-05 09:30", ["2024-03-05"]),
        ("2023年6月1日起施行", ["2023-06-01"]),
        ("2023年13月40日", []),  # no such date
        ("编号2023.06.01.7", []),  # part of a longer number
    ],
)
def test_dates(text, dates):
    assert [d for _, _, d in timex.parse_dates(text)] == dates


@pytest.mark.parametrize(("numeral", "value"), [("五", 5), ("十", 10), ("十二", 12), ("三十一", 31), ("二〇二六", 2026), ("七十", 70), ("三个", None)])
def test_chinese_numerals(numeral, value):
    assert timex.cn_number(numeral) == value


# --- the document's own date and period, without a catalog --------------------------------


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("湖畔新绿\n《光明日报》(2025年09月12日第 05 版)\n正文第一段。", "2025-09-12"),
        ("某市水务局通知\n发布日期:2024年7月3日\n正文。", "2024-07-03"),
        ("关于做好秸秆禁烧工作的通知\n各县区:\n请认真落实。\n某市人民政府\n二〇二三年四月十日", "2023-04-10"),
        ("关于做好秸秆禁烧工作的通知\n各县区:\n请认真落实。\n某市人民政府\n(2022年11月2日)", "2022-11-02"),
        # without a dateline or a signature, the first date of the opening lines is the best guess
        ("湖区治理见闻\n2019年5月4日,第一批候鸟回到湖区。", "2019-05-04"),
        # …but a date a clause sets as a start or a deadline is no date of the document
        ("湿地保护办法\n第一条 为保护湿地,制定本办法。\n第二十条 本办法自2028年3月1日起施行。", None),
        ("秸秆综合利用通知\n各乡镇须于2027年10月15日前报送方案。\n2027年9月2日,县政府召开调度会。", "2027-09-02"),
        ("水质月报\n截至2026年6月底,全县断面达标。", None),
    ],
)
def test_document_date(text, published):
    assert infer_metadata(text, {}).published == published


@pytest.mark.parametrize(
    ("title", "published", "reviews", "plans"),
    [
        ("2026年湖南省政府工作报告", None, (2025, 2025), (2026, 2026)),
        ("政府工作报告", "2025-01-20", (2024, 2024), (2025, 2025)),
        ("某市生态环境局2024年工作总结", None, (2024, 2024), None),
        ("2023年某省生态环境状况公报", None, (2023, 2023), None),
        ("某县2025年大气污染防治工作要点", None, None, (2025, 2025)),
        ("某省2023年工作总结和2024年工作安排", None, (2023, 2023), (2024, 2024)),
        ("某市固体废物污染防治行动方案(2023—2027年)", None, None, (2023, 2027)),
        ("某省“十四五”土壤污染防治规划", None, None, (2021, 2025)),
        ("某市2030年前碳达峰实施方案", "2022-08-01", None, (2022, 2030)),
        ("春天的河", None, None, None),
    ],
)
def test_genre_periods(title, published, reviews, plans):
    captured = {"title": title} | ({"published": published} if published else {})
    meta = infer_metadata(f"{title}\n正文。", captured)
    assert (meta.reviews, meta.plans) == (reviews, plans)


@pytest.mark.parametrize(
    "text",
    [
        # the information table of a government page: the label in one cell, the title in the next
        "索 引 号:\n000013001/2031-00042\n发文机关:\n某省人民政府\n标  题:\n某省人民政府关于加强湿地保护的通知\n正文。",
        # or in the same cell
        "索引号:000013001/2031-00042\n标题:某省人民政府关于加强湿地保护的通知\n正文。",
    ],
)
def test_the_title_of_a_government_pages_information_table(text):
    assert infer_metadata(text, {}).title == "某省人民政府关于加强湿地保护的通知"


def test_a_file_without_catalog_gets_its_date(tmp_path: Path):
    from kg.ingest import read_document

    path = tmp_path / "notice.txt"
    path.write_text("关于加强河湖巡查的通知\n各乡镇:\n请按要求开展巡查。\n某县水利局\n二〇二四年三月十八日\n", encoding="utf-8")
    assert read_document(path, Catalog()).metadata.published == "2024-03-18"


# --- statements in a document ------------------------------------------------------------


_document = make_document


def _quantities(text: str, **meta):
    from kg.extract import extract

    return extract(_document(text, **meta)).quantities


def test_a_relative_year_resolves_against_the_date(nlp):
    qs = _quantities("去年全区新增绿地120公顷。今年计划再建8个口袋公园。", published="2026-03-02")
    assert [(q.value, q.year, q.role) for q in qs] == [(Decimal(120), 2025, "level"), (Decimal(8), 2026, "target")]


def test_undated_figures_of_a_dated_text_are_for_the_last_full_year(nlp):
    (q,) = _quantities("全市建成生态缓冲带46公里。", published="2026-05-20")
    assert (q.year, q.role) == (2025, "level")


def test_a_cumulative_figure_carries_its_period(nlp):
    from kg.extract import extract

    text = "“十四五”以来,全省累计淘汰燃煤小锅炉1200台。"
    extraction = extract(_document(text, published="2026-01-10"))
    (q,) = extraction.quantities
    assert (q.year, q.period) == (2025, (2021, 2025))
    (gold,) = extraction.to_gold()["quantities"]
    assert (gold["year"], gold["period"]) == (2025, "2021-2025")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sum with no time of its own covers the period its paragraph set, where the year
        # the paragraph last named falls in it
        ("“十四五”期间,全市环境质量明显改善。2025年,优良天数比例为88%。全市累计关停化工企业46家。",
         [(2025, None), (2025, (2021, 2025))]),
        # a figure that is no sum keeps the year
        ("“十四五”期间,全市环境质量明显改善。2025年,优良天数比例为88%。全市建成区绿化覆盖率为43%。",
         [(2025, None), (2025, None)]),
        # a year outside the period: the sum is of that year
        ("“十三五”期间,全市环境质量明显改善。2023年,优良天数比例为88%。全市累计关停化工企业46家。",
         [(2023, None), (2023, None)]),
    ],
)
def test_a_sum_covers_the_period_of_its_paragraph(nlp, text, expected):
    qs = _quantities(text, published="2026-03-01")
    assert [(q.year, q.period) for q in qs] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the rest of the current year is ahead of a text dated in it: 下半年, 到年底, 年内
        ("上半年,全区新增绿地80公顷。下半年,全区将再建成污水处理厂2座。",
         [(Decimal(80), "level", 2031), (Decimal(2), "target", 2031)]),
        ("到年底,全区新能源公交车占比将达到95%。", [(Decimal(95), "target", 2031)]),
        # a forecast (预计) sets no result either
        ("预计全年可完成矿山修复300公顷。", [(Decimal(300), "target", 2031)]),
    ],
)
def test_the_rest_of_the_current_year_is_ahead(nlp, text, expected):
    qs = _quantities(text, published="2031-07-10")
    assert [(q.value, q.role, q.year) for q in qs] == expected


@pytest.mark.parametrize(
    ("meta", "year"),
    [
        # a part of a year with no year written is of the year the text is dated
        ({"published": "2031-08-02"}, 2031),
        # or of the year it reviews, where it says which
        ({"published": "2032-04-20", "reviews": (2031, 2031)}, 2031),
    ],
)
def test_a_part_of_a_year_is_of_the_year_spoken_of(nlp, meta, year):
    (q,) = _quantities("前三季度,全市空气质量优良天数比例为86.5%。", **meta)
    assert q.year == year
    (q,) = _quantities("3—7月,全市空气质量优良天数比例为86.5%。", **meta)  # a range of months
    assert q.year == year


def test_a_notice_signed_by_a_local_body_covers_its_place(nlp):
    """A title that names its issuer only 市生态环境局 leaves the place to the signature above
    the date; a notice with headings of goals and tasks sets goals, for the year it is dated."""
    text = (
        "市生态环境局关于开展秋冬季大气污染综合治理的通知\n各县(市、区)生态环境分局:\n"
        "一、工作目标\n10月至12月,全市重污染天数控制在5天以内。\n二、主要任务\n全市完成80台燃煤锅炉淘汰。\n"
        "德阳市生态环境局\n2031年9月12日\n"
    )
    qs = _quantities(text, title="市生态环境局关于开展秋冬季大气污染综合治理的通知", published="2031-09-12")
    assert [(q.value, q.role, q.year, q.area) for q in qs] == [
        (Decimal(5), "target", 2031, "德阳市"), (Decimal(80), "target", 2031, "德阳市")
    ]


@pytest.mark.parametrize(
    ("heading", "planned"),
    [("三、主要目标", True), ("二、任务", True), ("(一)行动目标", True), ("四、保障措施", True),
     ("五、组织实施", True), ("一、主要目标完成情况", False), ("(三)强化保障措施", False)],
)
def test_a_heading_naming_goals_or_tasks_plans(nlp, heading, planned):
    (q,) = _quantities(f"{heading}\n全市新建口袋公园24个。\n", published="2031-04-01")
    assert (q.role == "target") is planned


@pytest.mark.parametrize(
    ("paragraph", "planned"),
    [
        ("全市已建成公共充电桩300个。为加快推广应用，制定本实施意见。", False),  # the preamble
        ("各区县新建公共充电桩500个，并制定本地区年度推进方案。", True),  # each body's own document
        ("市级各部门新建公共充电桩60个，制定本部门实施方案。", True),
    ],
)
def test_a_paragraph_that_ends_in_making_this_text_is_its_preamble(nlp, paragraph, planned):
    title = "市人民政府关于推进充电设施建设的实施意见"
    (q,) = _quantities(f"{title}\n{paragraph}\n", title=title, published="2031-04-01")
    assert (q.role == "target") is planned


def test_a_heading_with_a_later_year_heads_the_plan(nlp):
    text = "一、过去一年工作回顾\n全年完成河道清淤85公里。\n二、2026年主要目标\n新增污水处理能力6万吨。\n"
    qs = _quantities(text, reviews=(2025, 2025))
    assert [(q.role, q.year) for q in qs] == [("level", 2025), ("target", 2026)]


def test_a_heading_gives_its_period(nlp):
    text = "一、五年来的主要成效\n(一)生态保护\n建成自然保护地32处。\n"
    (q,) = _quantities(text, reviews=(2021, 2025), published="2026-01-15")
    assert (q.year, q.period) == (2025, (2021, 2025))


def test_period_in_rdf(nlp):
    from rdflib import Graph
    from rdflib.namespace import TIME


    from kg.extract import extract
    from kg.rdf import document_triples
    from kg.vocab import ID

    g = Graph()
    for triple in document_triples(extract(_document("近三年,全县新建人工湿地14处。", published="2025-02-01"))):
        g.add(triple)
    (interval,) = set(g.objects(None, TIME.hasTime))
    assert interval == ID["period/2022-2024"]
    assert {str(g.value(g.value(interval, e), TIME.inXSDgYear)) for e in (TIME.hasBeginning, TIME.hasEnd)} == {"2022", "2024"}


def test_a_laws_figures_are_standing_rules(nlp):
    text = (
        "第一条 为了保护湿地,制定本条例。\n第二条 申请人应当在15日内补正材料。\n"
        "第三条 违反本条例的,处2万元以上10万元以下的罚款。\n"
    )
    qs = _quantities(text, published="2023-06-01")
    assert qs and all(q.year is None for q in qs)


def test_a_paragraphs_opening_time_covers_its_sentences(nlp):
    text = "到2027年,全市主要河流水质稳定达标。城市绿化覆盖率达到45%。\n2026年,完成改造50个。\n"
    qs = _quantities(text, reviews=(2025, 2025))
    assert [(q.value, q.year, q.role) for q in qs] == [(Decimal(45), 2027, "target"), (Decimal(50), 2026, "target")]


def test_a_goal_is_for_the_end_of_its_period(nlp):
    qs = _quantities("“十五五”期间,全县计划新建污水处理厂4座。", published="2026-02-01")
    assert [(q.role, q.year, q.period) for q in qs] == [("target", 2030, None)]


@pytest.mark.parametrize(
    ("annex", "year"),
    [
        # an attached plan's undated task is for the year its own goals are set for
        ("附件\n农村水系综合整治行动方案\n到2034年,整治农村河塘800处。新建生态护岸60公里。\n", 2034),
        # an attached plan that projects to no year plans to the end of its title's period
        ("附件\n城市河湖清淤行动方案(2031—2033年)\n新建生态护岸60公里。\n", 2033),
    ],
)
def test_an_attached_plan_sets_its_own_horizon(nlp, annex, year):
    text = (
        "关于加强河湖生态保护的意见\n到2032年,全国河湖生态流量达标率达到90%。到2035年,河湖生态全面恢复,"
        "生态流量达标率达到95%。\n各地区要新建监测站点200个。\n" + annex
    )
    qs = _quantities(text, title="关于加强河湖生态保护的意见", published="2031-03-01")
    # the opinion sets goals for two years: its undated task has none; the annex's has its own
    assert [(q.value, q.year) for q in qs if q.value in (200, 60)] == [(Decimal(200), None), (Decimal(60), year)]


# --- the time and role of figures in texts that set goals (issue 9 items 1 and 6) --------


def _years(text: str, **meta):
    return [(q.value, q.role, q.year) for q in _quantities(text, **meta)]


def test_a_later_time_in_a_paragraph_switches_the_year(nlp):
    text = (
        "到2026年,全县污水集中收集率达到70%。农村卫生厕所普及率达到92%。"
        "到2029年,污水集中收集率提高到85%。建成区绿地率达到41%。\n"
    )
    assert [y for _v, _r, y in _years(text, reviews=(2025, 2025))] == [2026, 2026, 2029, 2029]


def test_a_later_plan_end_in_a_paragraph_switches_the_year(nlp):
    text = "到2027年,湿地保护率达到58%。到“十五五”末,湿地保护率稳定在60%以上。河湖生态流量达标率保持95%。\n"
    assert [y for _v, _r, y in _years(text, reviews=(2025, 2025))] == [2027, 2030, 2030]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2026年和2029年,全区新能源公交车占比分别达到60%和85%。", [(60, 2026), (85, 2029)]),
        ("2027年、2030年,再生水利用率分别提高到30%、40%以上。", [(30, 2027), (40, 2030)]),
        ("到“十四五”末和“十五五”末,城镇污水处理率分别达到95%、98%。", [(95, 2025), (98, 2030)]),
        # one time only: 分别 spreads subjects, the year stays
        ("到2028年,化肥、农药利用率分别达到45%和46%。", [(45, 2028), (46, 2028)]),
    ],
)
def test_respective_years_pair_with_values_in_order(nlp, text, expected):
    assert [(v, y) for v, _r, y in _years(text, reviews=(2025, 2025))] == [(Decimal(v), y) for v, y in expected]


@pytest.mark.parametrize(
    "text",
    [
        "到2027年,可再生能源发电量占比提高到40%以上。",
        "到2028年,县域新能源汽车在新车销量中占比达到50%。",
    ],
)
def test_a_share_set_as_a_goal_is_a_target(nlp, text):
    assert [r for _v, r, _y in _years(text, reviews=(2025, 2025))] == ["target"]


def test_a_year_after_the_texts_date_is_a_goal(nlp):
    # no period known: the date alone says 2026 is ahead
    qs = _years("2026年,全市光伏装机规模达到200万千瓦。", published="2023-04-02", title="春季工作动态")
    assert qs == [(Decimal(2000000), "target", 2026)]


OPINION = "某市人民政府关于推进农村人居环境提升的实施意见"


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        # an opinion with one horizon: its undated tasks are goals for it
        ("一、主要目标\n到2027年,农村生活污水治理率达到55%。\n二、重点任务\n新建乡镇污水处理站30座。\n",
         OPINION, [(55, "target", 2027), (30, "target", 2027)]),
        # a vision far ahead does not make a second horizon
        ("到2027年,治理率达到55%。到2027年,建成示范村200个。到2035年,全面建成美丽乡村。\n新建污水处理站30座。\n",
         OPINION, [(55, "target", 2027), (200, "target", 2027), (30, "target", 2027)]),
        # a vision in words (no figure) beside the goals with figures is no second horizon
        ("到2027年,农村生活污水治理率达到55%。到2035年,农村人居环境根本改善。\n新建乡镇污水处理站30座。\n",
         OPINION, [(55, "target", 2027), (30, "target", 2027)]),
        # a task's deadline (2026年底前) dates its task and is no second horizon
        ("到2027年,农村生活污水治理率达到55%。\n2026年底前完成排查300个。\n新建乡镇污水处理站30座。\n",
         OPINION, [(55, "target", 2027), (300, "target", 2026), (30, "target", 2027)]),
        # goals for two horizons: an undated task has no year
        ("到2027年,治理率达到55%。到2030年,治理率达到70%。\n选择12个县开展整县推进试点。\n",
         "某省农村污水治理行动方案", [(55, "target", 2027), (70, "target", 2030), (12, "target", None)]),
        # no horizon at all: a goal of the text, for no year
        ("鼓励各县建设垃圾分类示范片区10个。\n", "关于加强垃圾分类工作的指导意见", [(10, "target", None)]),
        # the background part of a plan reports
        ("一、发展基础\n全市现有燃煤锅炉120台。\n二、主要目标\n到2027年,淘汰燃煤锅炉80台。\n",
         "某市清洁取暖实施方案", [(120, "level", 2022), (80, "target", 2027)]),
        # a heading that commands (夯实…基础, 巩固…成效) heads tasks, whatever noun it ends in
        ("一、面临的形势\n全市监测站点46个。\n二、夯实监测工作基础\n县级监测站标准化率95%。\n"
         "三、巩固大气治理成效\n园区整治10个。\n",
         "某市生态环境监测能力建设方案", [(46, "level", 2022), (95, "target", None), (10, "target", None)]),
    ],
)
def test_undated_figures_of_an_opinion_or_plan(nlp, text, title, expected):
    got = _years(text, title=title, published="2023-03-01")
    assert got == [(Decimal(v), r, y) for v, r, y in expected]


def test_a_rules_relative_years_are_not_dates(nlp):
    text = (
        "第一条 为了规范排放配额管理,制定本办法。\n第二条 配额分配由主管部门负责。\n"
        "第三条 企业抵消量不得超过上年度实际排放量的8%。\n"
    )
    (q,) = _quantities(text, published="2019-05-01")
    assert q.year is None


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("力争2030年前实现碳达峰", [2030]),
        ("到“十五五”末,基本建成", [2030]),
        ("到2027年,建成;到2035年,全面建成", [2027, 2035]),
        ("2020年前三季度,全市", []),  # part of a year, not a deadline
        ("依据《2030年前碳达峰行动方案》", []),  # inside a title
    ],
)
def test_projections(text, years):
    assert timex.prospective_years(text) == years


def _areas(text: str, **meta):
    return [(q.value, q.area) for q in _quantities(text, **meta)]


@pytest.mark.parametrize(
    ("text", "title", "area"),
    [
        # a reply of a national body to a province: the addressee line is not the issuer
        ("浙江省生态环境厅：\n你厅来函收悉。日处理量50吨以上的设施应当每月检测1次。\n",
         "生态环境部办公厅关于污泥处置设施检测频次问题的复函", "全国"),
        ("浙江省生态环境厅：\n你厅来函收悉。日处理量50吨以上的设施应当每月检测1次。\n",
         "关于污泥处置设施检测频次问题的复函", "全国"),
        # a local body's title still names its own area
        ("各市生态环境局：\n日处理量50吨以上的设施应当每月检测1次。\n",
         "浙江省生态环境厅关于污泥处置设施检测频次问题的通知", "浙江省"),
    ],
)
def test_the_jurisdiction_is_the_issuers_not_the_addressees(nlp, text, title, area):
    assert {a for _v, a in _areas(text, title=title, published="2031-02-01")} == {area}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the places of a list closed by its count were counted; the figures after it are
        # the document's (a national review)
        ("督察组对山西、湖南等4个省开展督察,受理群众举报2.1万件。",
         [(Decimal(4), "全国"), (Decimal(21000), "全国")]),
        # a place alone before a count of its parts is the whole: its figures are its own
        ("湖南省14个市州优良天数比例为88%。", [(Decimal(14), "湖南省"), (Decimal(88), "湖南省")]),
    ],
)
def test_places_counted_in_a_list_are_not_the_area_after_it(nlp, text, expected):
    assert _areas(text, title="某年度全国生态环境工作总结", published="2031-02-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the field a text ranks itself in is not where its figures are
        ("全市生态环境质量保持全国一流,城市空气质量优良天数比例达到96.5%。", [(Decimal("96.5"), "南宁市")]),
        ("全市碳市场成交额居全国前列,累计成交2.1亿元。", [(Decimal(210000000), "南宁市")]),
        # a place that measures its own figure keeps it
        ("全市PM2.5浓度为28微克/立方米,全国PM2.5浓度为30微克/立方米。", [(Decimal(28), "南宁市"), (Decimal(30), "全国")]),
    ],
)
def test_a_place_a_text_ranks_itself_in_is_not_the_figures(nlp, text, expected):
    assert _areas(text, title="南宁市生态环境局2030年工作总结", published="2031-02-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a result of a plan period still running is for the year reviewed, over the years so far
        ("“十四五”时期,全省35个县纳入试点范围。", [(Decimal(35), 2022, (2021, 2022))]),
        # a period that ended is kept whole
        ("“十三五”时期,全省建成污水管网800公里。", [(Decimal(800), 2020, (2016, 2020))]),
    ],
)
def test_a_review_reports_nothing_of_a_year_after_it(nlp, text, expected):
    qs = _quantities(text, title="某省2022年生态环境工作总结", reviews=(2022, 2022), published="2023-01-20")
    assert [(q.value, q.year, q.period) for q in qs] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the venue of an event is not the area of the figures after it
        ("主场活动在湖北省武汉市举办,线上参与人数超过8000万人次。", [(Decimal(80000000), "全国")]),
        # and so is the place of the event an adverbial names (在…召开的…上)
        ("在湖北省武汉市举行的年度论坛上,各方签约项目45个。", [(Decimal(45), "全国")]),
        # a place that is the subject of its clause keeps its figures
        ("湖北省武汉市全年新增绿地320公顷。", [(Decimal(320), "武汉市")]),
        # figures inside the venue's own clause are the venue's
        ("会议在武汉市召开,武汉市代表介绍新建公园15个。", [(Decimal(15), "武汉市")]),
    ],
)
def test_the_venue_of_an_event_is_not_the_area_of_later_figures(nlp, text, expected):
    assert _areas(text, title="某年度全国生态环境工作总结", published="2031-02-01") == expected
