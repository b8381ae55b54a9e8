"""Places: the administrative divisions with their codes, the curated regions, and the area
each figure covers (the place its sentence names, else the document's jurisdiction).
Every sentence here is written for the test, in wording of its own."""

from __future__ import annotations


import pytest

from documents import make_document
from kg.nlp.places import find_places
from kg.reference import reference


def _area(label: str):
    return reference().areas[label]


def test_divisions_carry_codes_and_parents():
    ref = reference()
    chengdu, sichuan = _area("成都市"), _area("四川省")
    assert (chengdu.notation, sichuan.notation) == ("510100", "510000")
    assert ref.area_broader[chengdu.iri] == sichuan.iri
    assert ref.area_within(_area("武侯区"), sichuan)
    assert _area("全国").notation == "CN"
    assert ref.area_within(_area("长江流域"), _area("七大流域"))


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("四川和云南两省交界处", ["四川省", "云南省"]),  # a province's short form
        ("成都的地铁站", ["成都市"]),  # a city's short form jieba knows as a place
        ("贵州省遵义市汇川区新建", ["汇川区"]),  # a place then its part: the part
        ("长江三角洲地区和珠三角的港口", ["长三角地区", "珠三角地区"]),  # region variants
        ("在京津冀及周边地区开展", ["京津冀及周边地区"]),  # longest first
        ("在中山大学举办讲座", []),  # a short form inside a longer word
        ("41个沿海城市的入海断面", []),  # 海城市 (Liaoning) cut across by 沿海
        ("确保社会长治久安", []),
        ("地级城市和县级城市", []),  # 和县 is a county, but here 和 joins two nouns
        ("城区道路改造", []),  # 城区 is a district of two cities and a common word
        ("推进碳市场建设", []),  # no place fragments
        ("全省新建", []),  # relative: only with a jurisdiction
    ],
)
def test_places_in_text(text, places):
    assert [p.area.label_zh for p in find_places(text)] == places


def test_a_relative_area_and_a_shared_name_resolve_within_the_jurisdiction():
    beijing = _area("北京市")
    names = [(p.area.label_zh, p.area.notation) for p in find_places("全市共有朝阳区等16个区", beijing)]
    assert names == [("北京市", "110000"), ("朝阳区", "110105")]
    assert find_places("朝阳区新建公园") == []  # two 朝阳区 (北京, 长春): no way to tell


# --- figures -----------------------------------------------------------------------------


_document = make_document


def _areas(text: str, **meta):
    from kg.extract import extract

    return [(q.text, q.area) for q in extract(_document(text, **meta)).quantities]


def test_a_provincial_plans_figures_get_the_province(nlp):
    text = "完成农村生活污水治理行政村300个。成都平原地区PM2.5浓度下降到33微克/立方米。"
    assert _areas(text, publisher="甘肃省生态环境厅", kind="provincial-work-plan", plans=(2025, 2025)) == [
        ("300个", "甘肃省"), ("33微克/立方米", "甘肃省"),  # 成都平原 is a plain's name, not 成都市
    ]


def test_a_national_text_gets_nationwide_unless_a_place_is_named(nlp):
    text = "全年新增造林面积400万公顷。长江流域水质优良断面比例为95.2%。"
    assert _areas(text, publisher="生态环境部", reviews=(2024, 2024)) == [
        ("400万公顷", "全国"), ("95.2%", "长江流域"),
    ]


def test_the_title_gives_a_news_articles_place(nlp):
    text = "江西湿地保护见闻\n今年新建湿地公园12个。"
    assert _areas(text, title="江西湿地保护见闻") == [("12个", "江西省")]
    text = "江西鄱阳湖候鸟越冬\n新建观鸟站6个。"  # a province, then a part of it: the part
    assert _areas(text, title="江西鄱阳湖候鸟越冬") == [("6个", "鄱阳湖")]


def test_a_local_text_without_a_named_publisher_is_its_most_named_division(nlp):
    text = (
        "市水务局2023年工作计划\n为落实《福州市河湖长制实施方案》,推进全市河湖治理,制定本计划。\n"
        "一、全市新建污水管网120公里。\n二、完成福州市闽江沿线排口整治,我市年底前完成30个。\n"
    )
    assert _areas(text, title="市水务局2023年工作计划") == [("120公里", "福州市"), ("30个", "福州市")]


def test_a_place_after_the_figure_counts_only_in_its_clause(nlp):
    text = "共有12处自然保护区位于西安市。新增湿地8处,面积居全国前列。"
    assert _areas(text, publisher="陕西省林业局", reviews=(2024, 2024)) == [("12处", "西安市"), ("8处", "陕西省")]


def test_places_listed_before_respectively_pair_with_the_values_in_order(nlp):
    text = "黄河流域、珠江流域和渤海的达标率分别为91.5%、88%和76%。"
    assert _areas(text, publisher="生态环境部") == [("91.5%", "黄河流域"), ("88%", "珠江流域"), ("76%", "渤海")]


def test_area_iri_in_rdf(nlp):
    from rdflib import Graph

    from kg.extract import extract
    from kg.rdf import document_triples
    from kg.vocab import SDMX_DIMENSION

    g = Graph()
    for triple in document_triples(extract(_document("杭州市新建绿道120公里。", reviews=(2024, 2024)))):
        g.add(triple)
    (area,) = set(g.objects(None, SDMX_DIMENSION.refArea))
    assert area == _area("杭州市").iri and str(area).endswith("/330100")


@pytest.mark.parametrize("name, expected", [
    ("绵阳市", {"市": "绵阳市", "省": "四川省"}),
    ("四川省", {"省": "四川省"}),
    ("北京市", {"市": "北京市"}),
    ("全国", {}),
])
def test_a_place_and_the_divisions_it_lies_in(name, expected):
    from kg.nlp.places import enclosing_levels

    assert enclosing_levels(name) == expected


def test_divisions_as_written():
    from kg.nlp.places import division_names

    names = division_names()
    assert names["绵阳"] == "绵阳市" and names["安新县"] == "安新县" and names["四川"] == "四川省"
    assert "城区" not in names  # a county's two-character name is a common word too
