"""Policy documents: a notice's number, signature, date and the document it issues or
forwards; the documents a preamble says it carries out. Every text here is written for
these tests in the form of official documents (GB/T 9704), none is taken from a corpus."""

from __future__ import annotations

import json
import re

import pytest

from kg.nlp.grammar import DATE, iso_date
from kg.policydoc import (
    attachments,
    basis,
    carried_title,
    copied_lines,
    notice_reader,
    own_number,
    read_policy,
    signature,
    title_line,
)


def spans(text: str, *names: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every occurrence of the names: what the gazetteer gives."""
    found = [(m.start(), m.end(), n) for n in names for m in re.finditer(re.escape(n), text)]
    return sorted(found)


# --- 发文字号 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "head,number",
    [
        ("某省人民政府文件\n某政发〔2024〕9号\n某省人民政府关于印发《某省臭氧污染防治方案》的通知\n各市人民政府:\n", "某政发〔2024〕9号"),
        ("某市人民政府关于印发某市噪声污染防治行动方案的通知(某府发[2023]15号)\n各区县人民政府:\n", "某府发[2023]15号"),
        ("(某发改环资(2022)3号)\n关于做好节能监察工作的通知\n各区发展改革委:\n", "某发改环资(2022)3号"),
        ("某某局关于开展专项检查的通知\n某环函〔2025〕107号\n各分局:\n", "某环函〔2025〕107号"),
        # a number after a cited title belongs to that title, not to the text citing it
        ("关于推进某项工作的实施意见\n为贯彻落实《某某指导意见》(国发〔2021〕4号),现提出如下意见。\n", None),
    ],
)
def test_own_number(head, number):
    found = own_number(head + "正文第一段。\n")
    assert (found[0] if found else None) == number


# --- 抄送: who receives a copy -------------------------------------------------------------


def test_copied_lines():
    text = ("某省林业局关于征集意见的函\n各有关单位:\n请于10日内反馈。\n某省林业局\n2029年3月1日\n"
            "抄送:某省人民政府办公厅。\n抄报机关:某省人民代表大会常务委员会\n")
    assert [text[a:b] for a, b in copied_lines(text)] == ["抄送:某省人民政府办公厅。", "抄报机关:某省人民代表大会常务委员会"]


def test_bodies_that_only_receive_a_copy_are_no_agencies(tmp_path):
    from kg.catalog import Catalog
    from kg.extract import extract
    from kg.ingest import read_document

    path = tmp_path / "notice.txt"
    path.write_text(
        "安徽省生态环境厅关于做好秸秆禁烧监管的通知\n各市生态环境局,安徽省气象局:\n"
        "为减少秸秆焚烧对空气质量的影响,我厅会同安徽省农业农村厅开展联合巡查。\n"
        "安徽省生态环境厅\n2029年5月20日\n抄送:安徽省公安厅。\n",
        encoding="utf-8",
    )
    names = [a.name for a in extract(read_document(path, Catalog())).agencies]
    # the one body the 主送 line names (the rest is a class) is told to act: it stays
    assert sorted(names) == ["安徽省农业农村厅", "安徽省气象局", "安徽省生态环境厅"]


# --- 成文日期 and 署名 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written,iso",
    [
        ("2023年11月30日", "2023-11-30"),
        ("二〇二一年十月二十四日", "2021-10-24"),
        ("二○二二年二月二十八日", "2022-02-28"),
        ("二〇一九年十二月一日", "2019-12-01"),
        ("2024 年 7 月 3 日", "2024-07-03"),
        ("2024年13月3日", None),
    ],
)
def test_dates_in_arabic_and_chinese_numerals(written, iso):
    assert iso_date(DATE.search(written)) == iso


JOINT_NOTICE = """关于印发《某流域生态保护补偿办法》的通知
某环发〔2024〕21号
各市生态环境局、财政局、水利局:
现将《某流域生态保护补偿办法》印发给你们,请认真遵照执行。
浙江省生态环境厅
浙江省财政厅 浙江省水利厅
二〇二四年五月六日
(此件公开发布)
抄送:生态环境部,财政部。
某流域生态保护补偿办法
第一条 为建立流域上下游生态保护补偿机制,根据《某省生态环境保护条例》,制定本办法。"""


def test_joint_signature_over_lines_with_a_date_in_chinese_numerals():
    agencies = spans(JOINT_NOTICE, "浙江省生态环境厅", "浙江省财政厅", "浙江省水利厅", "生态环境部", "财政部")
    issuers, date, _ = signature(JOINT_NOTICE, agencies)
    assert issuers == ("浙江省生态环境厅", "浙江省财政厅", "浙江省水利厅")  # not the 抄送 line
    assert date == "2024-05-06"


def test_a_date_under_the_title_in_brackets_dates_the_text():
    text = "中共某省委 某省人民政府关于全面推进美丽乡村建设的意见\n(2022年8月9日)\n为全面推进美丽乡村建设,现提出如下意见。"
    assert signature(text, [])[1] == "2022-08-09"


def test_a_seal_line_under_the_signature_is_skipped():
    text = "现将《某工作要点》印发给你们。\n某市节能工作领导小组办公室\n(某市发展和改革委员会代章)\n2021年6月1日"
    issuers, date, _ = signature(text, spans(text, "某市节能工作领导小组办公室", "某市发展和改革委员会"))
    assert issuers == ("某市节能工作领导小组办公室",) and date == "2021-06-01"


# --- the document a notice issues or forwards ------------------------------------------------


@pytest.mark.parametrize(
    "text,carried",
    [
        ("某省人民政府关于印发《某省土壤污染防治行动计划》的通知\n现将《某省土壤污染防治行动计划》印发给你们。",
         [("某省土壤污染防治行动计划", "Issuance")]),
        ("某市人民政府办公室关于转发《某省节水行动实施方案》的通知\n现将《某省节水行动实施方案》转发给你们。",
         [("某省节水行动实施方案", "Forwarding")]),
        # no 《》 in the title: the first sentence names it in brackets
        ("某省人民政府关于印发某省碳达峰实施方案的通知\n现将《某省碳达峰实施方案》印发给你们,请认真贯彻执行。",
         [("某省碳达峰实施方案", "Issuance")]),
        ("某县人民政府印发关于加强秸秆综合利用工作实施方案的通知\n各乡镇人民政府:\n",
         [("关于加强秸秆综合利用工作实施方案", "Issuance")]),
        ("关于印发《甲方案》和《乙办法》的通知\n", [("甲方案", "Issuance"), ("乙办法", "Issuance")]),
        # a forwarded document keeps its own issuer: the first sentence names it by its title
        ("某省人民政府办公厅转发省发展改革委关于完善某项价格机制意见的通知\n各市人民政府:\n"
         "省发展改革委《关于完善某项价格机制的意见》已经省人民政府同意,现转发给你们,请认真贯彻执行。",
         [("关于完善某项价格机制的意见", "Forwarding")]),
        ("某市生态环境局关于开展汛期环境安全检查的通知\n", []),
    ],
)
def test_carried_document(text, carried):
    title = text.split("\n")[0]
    found = notice_reader().carried(text, title_line(text, title))
    assert [(c.title, c.action) for c in found] == carried
    for c in found:
        assert text[c.start : c.end] == c.title


def test_a_title_wrapped_over_two_lines_is_found_whole():
    text = "某省人民政府办公厅关于印发某省“无废城市”\n建设实施方案的通知\n某政办发〔2020〕3号\n"
    span = title_line(text, "某省人民政府办公厅关于印发某省“无废城市”建设实施方案的通知")
    found = notice_reader().carried(text, span)
    assert [c.title for c in found] == ["某省“无废城市”建设实施方案"]


@pytest.mark.parametrize(
    "cited,title",
    [
        ("国务院关于印发某某行动方案的通知", "某某行动方案"),
        ("某部关于印发《某某技术指南》的通知", "某某技术指南"),
        ("关于发布〈某行业能效基准水平(2023年版)〉的通知", "某行业能效基准水平(2023年版)"),
        ("某省人民政府关于加快绿色转型的实施意见", "某省人民政府关于加快绿色转型的实施意见"),
        # a forwarded document is another body's: the notice that forwards it is cited
        ("某省人民政府办公厅转发某厅关于某事的意见的通知", "某省人民政府办公厅转发某厅关于某事的意见的通知"),
    ],
)
def test_a_cited_notice_stands_for_the_document_it_issues(cited, title):
    assert carried_title(cited) == title


# --- what a preamble says it carries out -----------------------------------------------------


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("为深入贯彻落实《某某指导意见》(国发〔2021〕4号)和《某省实施意见》,结合本市实际,制定本方案。",
         [("某某指导意见", "国发〔2021〕4号"), ("某省实施意见", None)]),
        ("为贯彻落实某部等部门《关于加强某项工作的意见》(某发〔2022〕11号)、省某厅《某省工作方案》"
         "(某厅发[2022]7号)精神,推动绿色发展,制定本实施方案。",
         [("关于加强某项工作的意见", "某发〔2022〕11号"), ("某省工作方案", "某厅发[2022]7号")]),
        ("为落实《某某规划》,促进经济社会发展全面绿色转型,根据《某某条例》,现提出如下意见。",
         [("某某规划", None), ("某某条例", None)]),
        ("为贯彻《甲计划》《乙方案》及我省《丙意见》,聚焦减污降碳,制定本工作计划。",
         [("甲计划", None), ("乙方案", None), ("丙意见", None)]),
        # no basis: a purpose without a title, or a title in a sentence that is no preamble
        ("为持续改善空气质量,制定本方案。", []),
        ("根据《某某名录》公布的企业,开展节能诊断。", []),
        # titles named further on in the sentence, after the basis phrase closed, are not basis
        ("为贯彻落实《甲意见》,制定本方案,并与《乙规划》做好衔接。", [("甲意见", None)]),
    ],
)
def test_basis_of_a_preamble(sentence, expected):
    found = basis(sentence, [(0, "本方案")])
    assert [(b.title, b.number) for b in found] == expected
    for b in found:
        assert sentence[b.start : b.end].startswith("《" + b.title + "》")
        assert b.subject == "本方案"


def test_the_basis_a_notice_gives_is_that_of_the_document_it_issues():
    text = (
        "关于印发《某市能效提升实施方案》的通知\n某发改〔2022〕8号\n各区县发展改革委:\n"
        "根据国家发展改革委等部门《关于严格能效约束的若干意见》(发改产业〔2021〕99号),"
        "现将《某市能效提升实施方案》印发你们,请结合职能组织实施。\n"
        "某市发展和改革委员会\n2022年3月1日\n某市能效提升实施方案\n为推动节能降碳,制定本方案。"
    )
    title = text.split("\n")[0]
    reading = read_policy(text, title_line(text, title), title, spans(text, "某市发展和改革委员会"), notice_reader())
    assert reading.number == "某发改〔2022〕8号" and reading.date == "2022-03-01"
    assert reading.issuers == ("某市发展和改革委员会",)
    assert [(b.subject, b.title, b.number) for b in reading.basis] == [
        ("某市能效提升实施方案", "关于严格能效约束的若干意见", "发改产业〔2021〕99号")
    ]


def test_an_attachment_carries_out_the_document_it_is_attached_to():
    text = (
        "某部等部门关于推进某项工作的若干意见\n正文。\n附件1\n某行业节能降碳\n行动方案(2022-2025年)\n"
        "为落实党中央决策部署,根据《关于推进某项工作的若干意见》,制定本行动方案。"
    )
    start = text.index("某行业节能降碳")
    assert attachments(text) == [(start, text.index("\n为落实"), "某行业节能降碳行动方案(2022-2025年)")]
    title = text.split("\n")[0]
    reading = read_policy(text, title_line(text, title), title, [], notice_reader())
    # it cites its parent by the short title: the parent is meant
    assert [(b.subject, b.title) for b in reading.basis] == [("某行业节能降碳行动方案(2022-2025年)", title)]


def test_an_attachment_may_be_any_kind_of_instrument():
    """附件1 / …实施指南: an attachment's title ends in the kind of any instrument (a guide, a
    technical specification, a list), not only in a kind of 公文; its title may wrap."""
    text = "某部关于推进某项工作的意见\n正文。\n附件1\n某行业节水改造\n技术指南\n为推动节水改造,制定本指南。\n附件2\n某行业重点企业名录\n"
    assert [title for _, _, title in attachments(text)] == ["某行业节水改造技术指南", "某行业重点企业名录"]


# --- through the extractor ----------------------------------------------------------------------


def test_extraction_gives_the_issuance_with_number_date_and_signers_and_based_on(tmp_path):
    from kg.catalog import Catalog
    from kg.extract import extract
    from kg.ingest import read_document

    path = tmp_path / "notice.txt"
    path.write_text(JOINT_NOTICE, encoding="utf-8")
    doc = read_document(path, Catalog())
    x = extract(doc)
    issued = [e for e in x.events if e.title == "某流域生态保护补偿办法" and e.action == "Issuance"]
    assert len(issued) == 1
    event = issued[0]
    assert (event.date, event.number, event.year) == ("2024-05-06", "某环发〔2024〕21号", 2024)
    assert set(event.agencies) == {"浙江省生态环境厅"} | ({"浙江省财政厅", "浙江省水利厅"} & set(event.agencies))
    assert [(b.subject, b.title) for b in x.based_on] == [("某流域生态保护补偿办法", "某省生态环境保护条例")]
    for b in x.based_on:
        assert doc.original[b.mention.start : b.mention.end] == b.mention.text
        assert b.mention.text.startswith("《某省生态环境保护条例》")
    gold = x.to_gold()
    assert gold["based_on"] == [{"subject": "某流域生态保护补偿办法", "title": "某省生态环境保护条例", "number": None}]


# --- a chain national → provincial → municipal, built and queried ----------------------------

CHAIN = {
    "national.txt": """国务院关于印发《某领域污染治理行动计划》的通知
国发〔2030〕5号
各省、自治区、直辖市人民政府,国务院各部委、各直属机构:
现将《某领域污染治理行动计划》印发给你们,请认真贯彻执行。
国务院
二〇三〇年三月二日
某领域污染治理行动计划
为持续改善环境质量,制定本行动计划。""",
    # cites the national plan by the notice that issued it, with its number
    "provincial.txt": """浙江省人民政府关于印发浙江省某领域污染治理实施方案的通知
浙政发〔2030〕11号
各市、县(市、区)人民政府,省政府直属各单位:
现将《浙江省某领域污染治理实施方案》印发给你们,请结合实际认真贯彻落实。
浙江省人民政府
2030年6月1日
浙江省某领域污染治理实施方案
为贯彻落实《国务院关于印发某领域污染治理行动计划的通知》(国发〔2030〕5号),结合我省实际,制定本方案。""",
    "municipal.txt": """某市某领域污染治理工作方案
为贯彻落实《浙江省某领域污染治理实施方案》(浙政发〔2030〕11号)精神,推进全市治理工作,制定本方案。
一、工作目标
到2032年,主要污染物排放总量持续下降。""",
}


# A work report that mentions the national plan and the provincial one (no 《》 chain of its own).
REPORT = """某省生态环境厅2031年工作总结
2031年,我厅认真落实《某领域污染治理行动计划》,全省重点区域细颗粒物平均浓度下降5%。
按照《浙江省某领域污染治理实施方案》要求,完成治理项目120个。
"""


@pytest.fixture(scope="module")
def chain_store(tmp_path_factory):
    from kg.build import build
    from kg.store import open_store

    folder, out = tmp_path_factory.mktemp("chain"), tmp_path_factory.mktemp("chain-out")
    for name, text in {**CHAIN, "report.txt": REPORT}.items():
        (folder / name).write_text(text, encoding="utf-8")
    build([folder], out)
    return open_store(out)


def _rows(store, name, **params):
    from kg.querying import format_json, run_named

    return json.loads(format_json(run_named(store, name, params)))


def test_based_on_chain_is_queryable(chain_store):
    rows = _rows(chain_store, "based-on")
    chain = {(r["local"], r["based_on"], r["number"], r["same_as"], r["issued"]) for r in rows}
    assert chain == {
        ("浙江省某领域污染治理实施方案", "某领域污染治理行动计划", "国发〔2030〕5号", None, "2030-03-02"),
        ("某市某领域污染治理工作方案", "浙江省某领域污染治理实施方案", "浙政发〔2030〕11号", None, "2030-06-01"),
    }


def test_document_family_from_the_national_plan(chain_store):
    rows = _rows(chain_store, "document-family", title="某领域污染治理行动计划")
    family = {(r["relation"], r["instrument"], r["how"], r["number"], r["date"], r["document"]) for r in rows}
    national, provincial, municipal = "某领域污染治理行动计划", "浙江省某领域污染治理实施方案", "某市某领域污染治理工作方案"
    assert {
        # the notice that issues it, with its number and date, and the notice's own text
        ("itself", national, "issued in", "国发〔2030〕5号", "2030-03-02", "national"),
        ("itself", "国务院关于印发《某领域污染治理行动计划》的通知", "its text", "", "", "national"),
        # the provincial plan based on it, issued by a notice of its own
        ("carries it out", provincial, "issued in", "浙政发〔2030〕11号", "2030-06-01", "provincial"),
        # the municipal plan based on the provincial one: two levels down
        ("carries it out", municipal, "its text", "", "", "municipal"),
        # the report that mentions the plan and the provincial plan
        ("itself", national, "mentioned in", "", "", "report"),
        ("carries it out", provincial, "mentioned in", "", "", "report"),
    } <= family
    assert {r["relation"] for r in rows} == {"itself", "carries it out"}


def test_document_family_from_the_municipal_plan_goes_up(chain_store):
    rows = _rows(chain_store, "document-family", title="某市某领域污染治理工作方案")
    up = {(r["instrument"], r["how"], r["document"]) for r in rows if r["relation"] == "carried out by it"}
    assert {
        ("浙江省某领域污染治理实施方案", "issued in", "provincial"),
        ("某领域污染治理行动计划", "issued in", "national"),
        ("某领域污染治理行动计划", "mentioned in", "report"),
    } <= up
    assert [(r["instrument"], r["how"]) for r in rows if r["relation"] == "itself"] == [("某市某领域污染治理工作方案", "its text")]


# --- eli:based_on by 文号: a cited title and the document of that number ----------------------

NUMBERED = {
    # the national document under its full title, with its own number
    "national.txt": """国家发展改革委等部门关于严格某类设施能效约束的若干意见
发改产业〔2031〕14号
各省、自治区、直辖市人民政府:
为推动某类设施节能降碳,现提出以下意见。
一、总体要求
到2035年,某类设施能效达到标杆水平的比例超过30%。
国家发展改革委
工业和信息化部
2031年10月18日""",
    # cites it by a shorter title with its number, and a second document the build lacks
    "provincial.txt": """某省某类设施能效约束实施方案
为贯彻落实《关于严格某类设施能效约束的若干意见》(发改产业〔2031〕14号)和《某类设施能效基准水平(2031年版)》(发改产业〔2031〕16号),结合我省实际,制定本方案。
一、工作目标
到2033年,全省某类设施能效达到基准水平。""",
}


@pytest.fixture(scope="module")
def numbered_store(tmp_path_factory):
    from kg.build import build
    from kg.store import open_store

    folder, out = tmp_path_factory.mktemp("numbered"), tmp_path_factory.mktemp("numbered-out")
    for name, text in NUMBERED.items():
        (folder / name).write_text(text, encoding="utf-8")
    build([folder], out)
    return open_store(out)


def test_based_on_meets_the_document_of_the_number_it_gives(numbered_store):
    rows = _rows(numbered_store, "based-on")
    assert {(r["based_on"], r["number"], r["same_as"], r["issued"]) for r in rows} == {
        # in the build under another title: the same document by its number, with its date
        ("关于严格某类设施能效约束的若干意见", "发改产业〔2031〕14号",
         "国家发展改革委等部门关于严格某类设施能效约束的若干意见", "2031-10-18"),
        # not in the build: a placeholder that keeps the number
        ("某类设施能效基准水平(2031年版)", "发改产业〔2031〕16号", None, None),
    }


def test_a_document_not_in_the_build_is_a_placeholder_with_its_number(numbered_store):
    from kg.querying import run_sparql

    ask = """PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX dct: <http://purl.org/dc/terms/>
    SELECT ?plan WHERE { ?plan eli:based_on ?t . ?t dct:title "某类设施能效基准水平(2031年版)"@zh ;
      eli:id_local "发改产业〔2031〕16号" . FILTER NOT EXISTS { ?doc eli:realizes ?t } }"""
    assert len(run_sparql(numbered_store, ask).rows) == 1


def test_document_family_follows_the_number(numbered_store):
    rows = _rows(numbered_store, "document-family", title="国家发展改革委等部门关于严格某类设施能效约束的若干意见")
    assert ("carries it out", "某省某类设施能效约束实施方案", "its text", "provincial") in {
        (r["relation"], r["instrument"], r["how"], r["document"]) for r in rows
    }


def test_issuers_are_those_the_title_names_and_those_that_sign():
    text = (
        "某市发展和改革委员会关于印发某市节能工作要点的通知\n某发改〔2021〕7号\n各区人民政府:\n"
        "《某市节能工作要点》已经市节能工作领导小组同意,现印发给你们。\n"
        "某市节能工作领导小组办公室\n(某市发展和改革委员会代章)\n2021年5月6日"
    )
    title = text.split("\n")[0]
    agencies = spans(text, "某市发展和改革委员会", "某市节能工作领导小组办公室")
    reading = read_policy(text, title_line(text, title), title, agencies, notice_reader())
    assert reading.issuers == ("某市发展和改革委员会", "某市节能工作领导小组办公室")


def test_a_plan_citing_numbered_documents_has_no_number_of_its_own(tmp_path):
    from kg.catalog import Catalog
    from kg.extract import extract
    from kg.ingest import read_document

    path = tmp_path / "plan.txt"
    path.write_text(
        "某市绿色低碳发展行动方案\n为贯彻落实《某某指导意见》(国发〔2031〕4号),结合本市实际,制定本方案。\n"
        "一、总体要求\n到2035年,绿色低碳发展水平明显提升。",
        encoding="utf-8",
    )
    x = extract(read_document(path, Catalog()))
    assert x.legal is not None and x.legal.number is None
    assert [(b.subject, b.title, b.number) for b in x.based_on] == [("某市绿色低碳发展行动方案", "某某指导意见", "国发〔2031〕4号")]
