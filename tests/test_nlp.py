"""Each spaCy component on phrases from the seeds and on hard cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

# (text, canonical agencies in order of appearance)
AGENCY_CASES = [
    ("生态环境部在京召开2025年全国生态环境保护工作会议", ["生态环境部"]),
    ("中办、国办印发《关于推进绿色低碳转型加强全国碳市场建设的意见》", ["中共中央办公厅", "国务院办公厅"]),
    ("党中央、国务院印发《生态环境保护督察工作条例》", ["党中央", "国务院"]),
    ("中共中央、国务院印发《关于全面推进美丽中国建设的意见》", ["党中央", "国务院"]),
    ("生态环境部副部长在座谈会上作总结讲话", ["生态环境部"]),  # a person's title is no agency
    # a generic "ecology and environment departments" is not the ministry
    ("各级生态环境部门要加强监管", []),
    # …even where jieba cuts a known name from 门 (环境保护部|门): the field's departments
    ("县级以上地方环境保护部门对辖区内的排污单位实施监督检查", []),
    ("设区的市环境保护部门会同住房城乡建设部门划定禁燃区", []),
    ("配合中央编办印发《生态环境部权责清单》", ["中央机构编制委员会办公室"]),
]

CAMPAIGN_CASES = [
    ("深入打好蓝天保卫战、碧水保卫战、净土保卫战", ["蓝天保卫战", "碧水保卫战", "净土保卫战"]),
    ("持续深入打好污染防治攻坚战", ["污染防治攻坚战"]),
    ("扎实推进中央生态环境保护督察", ["中央生态环境保护督察"]),
]

# (text, [(title, kind)])
TITLE_CASES = [
    ("全面实施《空气质量持续改善行动计划》", [("空气质量持续改善行动计划", "Plan")]),
    ("印发《生物多样性保护重大工程实施方案(2025—2030年)》", [("生物多样性保护重大工程实施方案(2025—2030年)", "Plan")]),
    ("出台《碳排放权交易管理暂行条例》", [("碳排放权交易管理暂行条例", "AdministrativeRegulation")]),
    ("发布《入河排污口排查整治技术指南》", [("入河排污口排查整治技术指南", "Standard")]),
    ("修订《排污许可管理办法》", [("排污许可管理办法", "Rule")]),
    ("编写出版《习近平生态文明思想学习问答》", []),  # a book, not an instrument
    ("来源:2024年第2期《党委中心组学习》", []),  # a journal
]

# (text, [(title, action, agencies)])
EVENT_CASES = [
    ("全面实施《空气质量持续改善行动计划》。", [("空气质量持续改善行动计划", "Implementation", ())]),
    (
        "中办、国办印发《关于推进绿色低碳转型加强全国碳市场建设的意见》。",
        [("关于推进绿色低碳转型加强全国碳市场建设的意见", "Issuance", ("中共中央办公厅", "国务院办公厅"))],
    ),
    (
        "印发实施《生态环境分区管控管理暂行规定》。",
        [("生态环境分区管控管理暂行规定", "Issuance", ()), ("生态环境分区管控管理暂行规定", "Implementation", ())],
    ),
    ("报请国办转发《关于建设美丽中国先行区的实施意见》。", [("关于建设美丽中国先行区的实施意见", "Forwarding", ("国务院办公厅",))]),
    (
        "推动出台《关于全面推进美丽中国建设的意见》《关于加强生态环境分区管控的意见》。",
        [("关于全面推进美丽中国建设的意见", "Issuance", ()), ("关于加强生态环境分区管控的意见", "Issuance", ())],
    ),
    # a verb far from the title belongs to another object
    ("实施重点行业绩效分级,研究《某某办法》。", []),
]

# (text, [(surface text, value, unit, role, approx)])
QUANTITY_CASES = [
    ("全国PM2.5平均浓度为29.3微克/立方米", [("29.3微克/立方米", "29.3", "微克/立方米", "level", False)]),
    ("同比下降2.7%", [("同比下降2.7%", "-2.7", "%", "change", False)]),
    ("同比上升1.7个百分点", [("同比上升1.7个百分点", "1.7", "百分点", "change", False)]),
    ("好于年度目标2.9微克/立方米", [("2.9微克/立方米", "2.9", "微克/立方米", "target_gap", False)]),
    ("共受理转办群众信访举报3.9万件", [("3.9万件", "39000", "件", "level", False)]),
    ("累计完成8.93亿吨粗钢产能全流程超低排放改造", [("8.93亿吨", "893000000", "吨", "level", False)]),
    ("成交额21.9万亿元", [("21.9万亿元", "21900000000000", "元", "level", False)]),
    ("占全国粗钢总产能约80%", [("约80%", "80", "%", "share", True)]),
    ("全年完成散煤治理约200万户", [("约200万户", "2000000", "户", "level", True)]),
    ("总计达到4100万户左右", [("4100万户左右", "41000000", "户", "level", True)]),
    ("累计排查出入河排污口33万余个", [("33万余个", "330000", "个", "level", True)]),
    ("降到30微克/立方米以下", [("30微克/立方米以下", "30", "微克/立方米", "level", True)]),
    ("较2020年下降18.6%", [("较2020年下降18.6%", "-18.6", "%", "change", False)]),
    ("会同14部门联合印发", [("14", "14", "", "level", False)]),
    ("处罚金额1,234.5万元", [("1,234.5万元", "12345000", "元", "level", False)]),
    # not quantities: years, dates, periods, ordinals, codes and names, list numbering
    ("2024年全国生态环境保护工作会议于1月14日至15日召开", []),
    ("生物多样性保护重大工程实施方案(2023—2030年)", []),
    ("第29次缔约方大会即COP29在巴库举行", []),
    ("推进危废“1+6+20”重大工程", []),
    ("PM2.5浓度持续下降", []),
    ("01 蓝天保卫战加力推进", []),
    ("INES 1级事件", []),
]


def _find(nlp, text):
    return nlp(text)


@pytest.mark.parametrize(("text", "expected"), AGENCY_CASES)
def test_agencies(nlp, text, expected):
    doc = _find(nlp, text)
    assert [s.id_ for s in doc.spans["agency"]] == expected


@pytest.mark.parametrize(("text", "expected"), CAMPAIGN_CASES)
def test_campaigns(nlp, text, expected):
    doc = _find(nlp, text)
    assert [s.id_ for s in doc.spans["campaign"]] == expected


@pytest.mark.parametrize(("text", "expected"), TITLE_CASES)
def test_titles(nlp, text, expected):
    doc = _find(nlp, text)
    assert [(t.title, t.kind) for t in doc._.titles] == expected
    for t in doc._.titles:
        assert text[t.start : t.end] == t.title


def test_title_version_qualifier_kept_apart(nlp):
    (title,) = _find(nlp, "印发《生物多样性保护重大工程实施方案(2025—2030年)》")._.titles
    assert (title.base_title, title.qualifier) == ("生物多样性保护重大工程实施方案", "(2025—2030年)")


@pytest.mark.parametrize(("text", "expected"), EVENT_CASES)
def test_events(nlp, text, expected):
    doc = _find(nlp, text)
    got = [(doc._.titles[e.title_index].title, e.action, e.agencies) for e in doc._.events]
    assert got == expected


@pytest.mark.parametrize(("text", "expected"), QUANTITY_CASES)
def test_quantities(nlp, text, expected):
    doc = _find(nlp, text)
    got = [(text[q.start : q.end], q.value, q.unit, q.role, q.approx) for q in doc._.quantities]
    assert got == [(t, Decimal(v), u, r, a) for t, v, u, r, a in expected]


def test_basis_of_changes(nlp):
    doc = _find(nlp, "同比下降2.7%,较2020年下降18.6%,比上年增加95亿元")
    assert [q.basis for q in doc._.quantities] == ["yoy", "2020", "yoy"]


def test_dictionary_tags_are_the_table_jieba_posseg_loads():
    import jieba.posseg

    from kg.nlp.classifiers import dictionary_tags

    assert dictionary_tags() == jieba.posseg.dt.word_tag_tab
