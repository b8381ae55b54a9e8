"""Events a document reports on itself: 制定本方案 (Drafting), 现印发给你们 (Issuance),
请认真贯彻执行 (Implementation asked of the readers: planned), 本办法自…起施行
(Implementation), and a legal text's history (公布, 修正, 施行). Every text here is
written for these tests in the form of official documents; none is taken from a corpus."""

from __future__ import annotations

import pytest

from kg.nlp.events import self_events

# (sentence, [(action, status, formula as written)])
FORMULA_CASES = [
    ("为加快推进秸秆综合利用,结合本市实际,制定本方案。", [("Drafting", "reported", "制定本方案")]),
    ("为规范排污权有偿使用,特制定本实施办法。", [("Drafting", "reported", "制定本实施办法")]),
    ("经研究,制定如下工作方案:", [("Drafting", "reported", "制定如下工作方案")]),
    ("现制定2031年农村环境整治工作要点如下:", [("Drafting", "reported", "现制定2031年农村环境整治工作要点如下")]),
    ("现将《某县土壤修复三年行动计划》印发给你们,请认真组织实施。",
     [("Implementation", "planned", "请认真组织实施")]),
    ("现印发给你们,请各单位结合实际抓好贯彻落实。",
     [("Issuance", "reported", "现印发给你们"), ("Implementation", "planned", "请各单位结合实际抓好贯彻落实")]),
    ("现予公布,自2031年5月1日起施行。",
     [("Issuance", "reported", "现予公布"), ("Implementation", "reported", "自2031年5月1日起施行")]),
    ("本细则自印发之日起实施。", [("Implementation", "reported", "本细则自印发之日起实施")]),
    ("本细则自2032年1月1日起试行。", [("Implementation", "reported", "本细则自2032年1月1日起试行")]),
    # the implementation a document asks of its readers or assigns to a body, without 请
    ("各地区各部门要结合本地实际认真贯彻落实本意见。", [("Implementation", "planned", "贯彻落实本意见")]),
    ("市县生态环境部门要严格执行本办法。", [("Implementation", "planned", "执行本办法")]),
    ("本规划由省林业局会同有关部门组织实施。",
     [("Implementation", "planned", "本规划由省林业局会同有关部门组织实施")]),
    ("本办法由市生态环境局负责解释。", []),
    # in force once approved (报…批准后施行, 经…审议通过后实施), or assigned after the approval
    ("本细则报县人民政府批准后施行。", [("Implementation", "reported", "本细则报县人民政府批准后施行")]),
    ("本规定经市人民政府常务会议审议通过后实施。",
     [("Implementation", "reported", "本规定经市人民政府常务会议审议通过后实施")]),
    ("本规划报省人民政府批准后由省水利厅组织实施。",
     [("Implementation", "planned", "本规划报省人民政府批准后由省水利厅组织实施")]),
    ("各县方案报市人民政府批准后施行。", []),
    ("实施本办法所需经费列入部门预算。", []),
    # the names a text gives itself by its genre: a judicial interpretation, minutes, a reply
    ("为正确审理某某纠纷案件,结合审判实际,制定本解释。", [("Drafting", "reported", "制定本解释")]),
    ("本纪要自印发之日起施行。", [("Implementation", "reported", "本纪要自印发之日起施行")]),
    ("本批复自2031年5月1日起施行。", [("Implementation", "reported", "本批复自2031年5月1日起施行")]),
    ("本解释由最高人民法院负责解释。", []),
    # the evaluation a document asks of itself: a task it sets
    ("国家林草局会同有关部门适时对本规划实施情况开展中期评估。",
     [("Evaluation", "planned", "本规划实施情况开展中期评估")]),
    ("每两年对本方案执行效果进行评估。", [("Evaluation", "planned", "本方案执行效果进行评估")]),
    ("2034年对本行动计划实施情况开展总结评估。", [("Evaluation", "planned", "本行动计划实施情况开展总结评估")]),
    ("评估本地区水资源承载能力。", []),
    # the revision a document foresees for itself
    ("我局将根据实施情况适时修订本办法。", [("Revision", "planned", "修订本办法")]),
    ("实践中可根据需要修改完善本指南。", [("Revision", "planned", "修改完善本指南")]),
    # not the document itself: another place's plan, a report asked for, a date a measure starts
    ("指导各县科学制定本地区节水行动方案。", []),
    ("请于每季度末报送工作落实情况。", []),
    ("自2030年起实施新的收费标准。", []),
    ("实现发布数据的统一管理。", []),
    ("现提出如下意见:", []),  # 提出 is no drafting verb of the guide
]


@pytest.mark.parametrize(("text", "expected"), FORMULA_CASES)
def test_formulae_of_a_document_about_itself(text, expected):
    found = self_events().find(text)
    assert [(e.action, e.status, text[e.start : e.end]) for e in found] == expected


NOTICE = """某省生态环境厅关于印发某省噪声污染治理实施方案的通知
某环发〔2031〕8号
各设区市生态环境局:
现将《某省噪声污染治理实施方案》印发给你们,请结合实际认真贯彻执行。
某省生态环境厅
2031年3月9日
某省噪声污染治理实施方案
为持续改善声环境质量,结合我省实际,制定本实施方案。
一、工作目标
到2033年,全省功能区声环境质量夜间达标率达到85%。"""

PLAN = """某市湿地保护修复行动方案
为加强湿地保护,依据有关规定,制定本方案。
一、主要任务
(一)加强湿地监测。建立湿地监测网络。"""

RULE = """某市扬尘污染防治办法
(2030年4月2日某市人民政府令第12号公布 根据2032年6月1日某市人民政府令第20号修正)
第一条 为防治扬尘污染,根据有关法律法规,结合本市实际,制定本办法。
第二条 本市行政区域内扬尘污染防治,适用本办法。
第三条 本办法自2030年5月1日起施行。"""


def _events(tmp_path, name: str, text: str):
    from kg.catalog import Catalog
    from kg.extract import extract
    from kg.ingest import read_document

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    x = extract(read_document(path, Catalog()))
    return x, {(e.title, e.action): e for e in x.events}


def test_a_notice_reports_drafting_issuance_and_asks_for_implementation_of_what_it_carries(tmp_path):
    x, events = _events(tmp_path, "notice.txt", NOTICE)
    plan = "某省噪声污染治理实施方案"
    assert {a for t, a in events if t == plan} == {"Issuance", "Drafting", "Implementation"}
    assert events[(plan, "Implementation")].status == "planned"  # asked of the readers, not done
    assert events[(plan, "Drafting")].status == "reported"
    assert [i.title for i in x.instruments].count(plan) == 1


def test_a_plan_without_a_notice_drafts_itself(tmp_path):
    x, events = _events(tmp_path, "plan.txt", PLAN)
    assert ("某市湿地保护修复行动方案", "Drafting") in events
    assert "某市湿地保护修复行动方案" in [i.title for i in x.instruments]


def test_a_rule_reports_its_history_as_events_on_itself(tmp_path):
    x, events = _events(tmp_path, "rule.txt", RULE)
    own = {a: e for (t, a), e in events.items() if t == "某市扬尘污染防治办法"}
    assert set(own) == {"Drafting", "Issuance", "Revision", "Implementation"}
    assert (own["Issuance"].year, own["Revision"].year) == (2030, 2032)
    assert "某市扬尘污染防治办法" in [i.title for i in x.instruments]


def test_a_news_report_has_no_events_of_its_own(tmp_path):
    report = "某市召开生态环境保护大会\n会议要求,请各区结合实际认真贯彻落实。\n会议指出,要持续推进污染防治。"
    x, events = _events(tmp_path, "news.txt", report)
    assert not [t for t, _ in events if t.startswith("某市召开")]


DECREE = """某省人民政府令
第45号

《某省秸秆露天焚烧防控办法》已经2031年4月8日省人民政府第20次常务会议通过，现予公布，自2031年7月1日起施行。

省长　某某
2031年4月20日

某省秸秆露天焚烧防控办法

第一条　为了防控秸秆露天焚烧，结合本省实际，制定本办法。
第二条　本办法自2031年7月1日起施行。"""


def test_a_decree_reports_the_events_of_the_text_it_makes_public(tmp_path):
    """A text printed under its decree (某省人民政府令 / 第45号 / 《X》…现予公布): the document
    is X, not the decree, and X is what 现予公布, 制定本办法 and 自…起施行 act on."""
    x, events = _events(tmp_path, "decree.txt", DECREE)
    own = {a for t, a in events if t == "某省秸秆露天焚烧防控办法"}
    assert own == {"Issuance", "Drafting", "Implementation"}
    assert not [t for t, _ in events if t.endswith("令")]


PAGE = """索 引 号:
000014349/2031-00042
主题分类:
资源环境/水利
发文机关:
国务院办公厅
成文日期:
2031年5月6日
标  题:
国务院办公厅关于印发《某某湖泊生态修复行动计划》的通知
发文字号:
国办发〔2031〕9号
各省、自治区、直辖市人民政府,国务院各部委、各直属机构:
现将《某某湖泊生态修复行动计划》印发给你们,请认真贯彻执行。
国务院办公厅
2031年5月6日
某某湖泊生态修复行动计划
为加快湖泊生态修复,制定本行动计划。"""


def test_a_government_page_names_its_notice_in_its_table(tmp_path):
    """A saved government page opens with a table of its metadata, one cell a line (索引号,
    标题, 发文字号): the notice's title is the value of 标题, and what the notice carries is
    what 制定本行动计划 and 请认真贯彻执行 act on, not the notice."""
    x, events = _events(tmp_path, "page.txt", PAGE)
    plan = "某某湖泊生态修复行动计划"
    assert {a for t, a in events if t == plan} == {"Issuance", "Drafting", "Implementation"}
    assert not [t for t, _ in events if t.endswith("通知")]


REPLY = """国务院关于某某湖流域综合规划（2031—2045年）的批复
国函〔2031〕80号
甲省人民政府，水利部：
你们《关于报请审批某某湖流域综合规划的请示》收悉。现批复如下：
一、原则同意《某某湖流域综合规划（2031—2045年）》，请认真组织实施。
国务院
2031年8月9日"""

TWO = """某部关于印发《某某湿地监测技术指南》和《某某湿地评价技术指南》的通知
某发〔2031〕3号
各省、自治区、直辖市有关部门：
我部组织制定了《某某湿地监测技术指南》和《某某湿地评价技术指南》，现印发给你们，请遵照执行。
某部
2031年3月3日"""


def test_a_reply_asks_the_implementation_of_what_it_approves(tmp_path):
    """国务院关于X规划的批复: its 请认真组织实施 asks it of X, not of the reply."""
    _, events = _events(tmp_path, "reply.txt", REPLY)
    assert ("某某湖流域综合规划(2031—2045年)", "Implementation") in events
    assert not [t for t, _ in events if t.endswith("批复")]


def test_a_notice_issuing_two_documents_asks_both_to_be_carried_out(tmp_path):
    """现印发给你们，请遵照执行 in a notice that issues two guides: each is issued and asked to
    be carried out; 制定了 reports their drafting as done."""
    _, events = _events(tmp_path, "two.txt", TWO)
    for title in ("某某湿地监测技术指南", "某某湿地评价技术指南"):
        assert {a for t, a in events if t == title} == {"Issuance", "Implementation", "Drafting"}
        assert events[(title, "Drafting")].status == "reported"
        assert events[(title, "Implementation")].status == "planned"


STATE_DECREE = """中华人民共和国国务院令
第815号

《湖泊生态修复条例》已经2032年3月4日国务院第70次常务会议通过，现予公布，自2032年7月1日起施行。

总理　某某某
2032年3月20日

湖泊生态修复条例

第一条　为了修复湖泊生态，制定本条例。
第二条　湖泊修复坚持保护优先、自然恢复为主。
第三条　本条例自2032年7月1日起施行。"""


def test_the_actors_of_what_a_document_says_of_itself(tmp_path):
    """A decree's 现予公布 is the issuance by the body its head names (国务院令: 国务院; its
    signer is a person); a formula's other actors are those its clause names before it."""
    _, events = _events(tmp_path, "decree.txt", STATE_DECREE)
    assert events[("湖泊生态修复条例", "Issuance")].agencies == ("国务院",)
    _, events = _events(tmp_path, "plan.txt", PLAN + "\n三、保障措施\n国家发展改革委会同有关部门对本方案实施情况开展评估。")
    assert events[("某市湿地保护修复行动方案", "Evaluation")].agencies == ("国家发展和改革委员会",)
    # …or after 由, the body it assigns the act to; a body that only approves does not act
    _, events = _events(tmp_path, "plan.txt", PLAN + "\n三、保障措施\n本方案报市人民政府批准后由水利部组织实施。")
    assert events[("某市湿地保护修复行动方案", "Implementation")].agencies == ("水利部",)


AMENDED = """某某河道管理条例
（2030年3月1日中华人民共和国国务院令第801号公布　根据2032年6月1日《国务院关于修改和废止部分行政法规的决定》修订）
第一条　为了加强河道管理，制定本条例。
第二条　本条例自2030年5月1日起施行。"""


def test_a_revision_through_a_decision_is_by_the_body_its_title_names(tmp_path):
    """根据《国务院关于修改…的决定》修订: the decision's title names who revised the text."""
    _, events = _events(tmp_path, "amended.txt", AMENDED)
    assert events[("某某河道管理条例", "Revision")].agencies == ("国务院",)
    assert events[("某某河道管理条例", "Issuance")].agencies == ("国务院",)
