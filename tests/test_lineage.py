"""Policy lineage across documents: identity of titles, versions, local implementations,
timelines, co-issuers and promises, on the seeds."""

from __future__ import annotations

import json

import pytest

from kg.naming import instrument_key, national_instrument, split_qualifier
from kg.querying import format_json, run_named

SUFFIXES = ["计划", "方案", "意见", "规划", "行动", "条例"]

# (title as written, identity key)
KEY_CASES = [
    ("《空气质量持续改善行动计划》", "空气质量持续改善行动计划"),
    ("关于全面推进美丽中国建设的意见", "全面推进美丽中国建设的意见"),
    ("《关于发挥绿色金融作用 服务美丽中国建设的意见》", "发挥绿色金融作用服务美丽中国建设的意见"),
    ("“十四五”规划", "十四五规划"),
    ("《中华人民共和国噪声污染防治法》", "噪声污染防治法"),
    ("关于修改<中华人民共和国森林法>的决定", "修改中华人民共和国森林法的决定"),
    ("实施〈湿地保护法〉办法", "实施湿地保护法办法"),
    # joint issuers written with 、, a space or nothing before 关于
    ("中共中央、国务院关于加快某项转型的意见", "中共中央国务院关于加快某项转型的意见"),
    ("中共中央 国务院关于加快某项转型的意见", "中共中央国务院关于加快某项转型的意见"),
    ("某部、某委关于推进某项工作的通知", "某部某委关于推进某项工作的通知"),
    # a 、 after 关于 belongs to the matter, not to the issuers
    ("关于推进水、气、土协同治理的意见", "推进水、气、土协同治理的意见"),
    ("生物多样性保护重大工程实施方案（2025—2030年）", "生物多样性保护重大工程实施方案(2025—2030年)"),
]

# (local title, (national title, place) or None)
LOCAL_CASES = [
    ("国家地下水污染防治行动计划云南省实施方案", ("地下水污染防治行动计划", "云南省")),
    ("空气质量持续改善行动计划北京市实施方案", ("空气质量持续改善行动计划", "北京市")),
    ("关于全面推进美丽中国建设的意见广西壮族自治区实施意见", ("全面推进美丽中国建设的意见", "广西壮族自治区")),
    ("美丽四川建设战略规划纲要", None),
    ("四川省生态环境厅2025年工作安排", None),
]


@pytest.mark.parametrize(("title", "key"), KEY_CASES)
def test_one_identity_for_one_title(title, key):
    assert instrument_key(title) == key


def test_version_qualifiers_are_kept_apart():
    assert split_qualifier("中央生态环境保护督察工作规划(2023—2027年)") == ("中央生态环境保护督察工作规划", "(2023—2027年)")
    assert split_qualifier("某省河湖长制工作考核办法(试行)") == ("某省河湖长制工作考核办法", "(试行)")
    assert split_qualifier("排污许可管理办法") == ("排污许可管理办法", "")


@pytest.mark.parametrize(("title", "expected"), LOCAL_CASES)
def test_local_plans_point_to_the_national_instrument(title, expected):
    assert national_instrument(title, SUFFIXES) == expected


def rows(store, name, **params):
    return json.loads(format_json(run_named(store, name, params)))


def test_lineage_of_the_air_quality_action_plan(store):
    got = [(r["year"], r["action"], r["status"], r["document"]) for r in rows(store, "instrument-lineage", title="空气质量持续改善行动计划")]
    # issued (2023, in the 2024 speech); to be carried out (2024 plan, same speech);
    # fully implemented (2024, in the review of 2024)
    assert ("2023", "Issuance", "reported", "001_aa8a88324737e6f4") in got
    assert ("2024", "Implementation", "planned", "001_aa8a88324737e6f4") in got
    assert ("2024", "Implementation", "reported", "000_6f03f2aa24c77ee1") in got
    assert [r[0] for r in got] == sorted(r[0] for r in got)


def test_versions_share_a_base_title(store):
    got = {(r["base_title"], r["version"]) for r in rows(store, "instrument-versions", title="生物多样性保护重大工程实施方案")}
    assert got == {("生物多样性保护重大工程实施方案", "(2023—2030年)"), ("生物多样性保护重大工程实施方案", "(2025—2030年)")}


def test_provincial_implementation(store):
    got = {(r["national"], r["local"]) for r in rows(store, "provincial-implementations")}
    # seed 004 carries a national soil plan out in Sichuan (the rule itself: LOCAL_CASES)
    assert any(national == "土壤污染源头防控行动计划" and local.endswith("四川省工作方案") for national, local in got)


def test_co_issuers(store):
    got = {(r["agency_1"], r["agency_2"], r["instrument"]) for r in rows(store, "co-issuers")}
    assert ("党中央", "国务院", "关于全面推进美丽中国建设的意见") in got
    assert ("中共中央办公厅", "国务院办公厅", "关于推进绿色低碳转型加强全国碳市场建设的意见") in got
    only = rows(store, "co-issuers", agency="中办")
    assert only and all("中共中央办公厅" in (r["agency_1"], r["agency_2"]) for r in only)


def test_promises_link_a_plan_to_its_later_report(store):
    got = rows(store, "promises", title="空气质量持续改善行动计划")
    assert [(r["action"], r["planned_in"], r["outcome"], r["done_in"]) for r in got] == [
        ("Implementation", "001_aa8a88324737e6f4", "done", "000_6f03f2aa24c77ee1")
    ]
    outcomes = {r["outcome"] for r in rows(store, "promises")}
    assert outcomes == {"done", "not yet reported"}


def test_one_instrument_across_scripts_and_brackets(store):
    # drafted (研究制定, no 《》) in the review of 2024, issued by 党中央、国务院 in the
    # Traditional-script review of 2025: one instrument, one timeline
    got = rows(store, "instrument-lineage", title="生态环境保护督察工作条例")
    assert [(r["year"], r["action"], r["document"]) for r in got] == [
        ("2024", "Drafting", "000_6f03f2aa24c77ee1"),
        ("2025", "Issuance", "003_e45c85666a528bad"),
    ]
    assert set(got[1]["agencies"].split("、")) == {"党中央", "国务院"}


def test_replacements_are_read_and_queried(tmp_path):
    from kg.build import build
    from kg.store import open_store

    (tmp_path / "plan.txt").write_text(
        "2024年工作总结\n生态环境部印发《排污许可管理办法》,《排污许可管理办法》替代《排污许可管理办法(试行)》。\n"
        "国务院将《大气污染防治行动计划》修订为《空气质量持续改善行动计划》。\n",
        encoding="utf-8",
    )
    build([tmp_path / "plan.txt"], tmp_path / "out")
    got = {(r["instrument"], r["replaces"]) for r in rows(open_store(tmp_path / "out"), "replacements")}
    assert got == {
        ("排污许可管理办法", "排污许可管理办法(试行)"),
        ("空气质量持续改善行动计划", "大气污染防治行动计划"),
    }
