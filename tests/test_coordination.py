"""Shared heads, left boundaries and self-references, on phrases written for these tests."""

import pytest

from kg.nlp.grammar import expand_shared_head
from kg.nlp.pipeline import make_nlp


def titles(text: str) -> list[str]:
    return [t.title for t in make_nlp()(text)._.titles]


def campaigns(text: str) -> list[str]:
    doc = make_nlp()(text)
    return [s.id_ for s in doc.spans["campaign"]]


@pytest.mark.parametrize("parts, head_start, expected", [
    (["甲", "乙", "丙保卫战"], 1, ["甲保卫战", "乙保卫战", "丙保卫战"]),
    (["固体", "土壤污染防治法"], 2, ["固体污染防治法", "土壤污染防治法"]),
    (["完整名称保卫战", "丙保卫战"], 1, ["完整名称保卫战", "丙保卫战"]),  # already whole
    (["甲", "乙"], 0, ["甲", "乙"]),  # no head
])
def test_expand_shared_head(parts, head_start, expected):
    assert expand_shared_head(parts, head_start) == expected


@pytest.mark.parametrize("text, expected", [
    ("全市上下合力打赢碧水、净土保卫战", ["碧水保卫战", "净土保卫战"]),
    ("今年继续打好蓝天、碧水和净土保卫战", ["蓝天保卫战", "碧水保卫战", "净土保卫战"]),
    # a modifier that makes no known name is left alone
    ("组织夏季、冬季蓝天保卫战专项检查", ["蓝天保卫战"]),
    # quoted names coordinated before one head; a space the typesetting left before it
    ("全面推进“无废城市”和“无废园区”建设", ["无废城市建设"]),
    ("积极推进“无废城市” 建设", ["无废城市建设"]),
    # a level word is a modifier of its own: 中央 shares the head with 省级
    ("问题线索移交中央和省级生态环境保护督察", ["中央生态环境保护督察"]),
    # a level's own inspection is not the central campaign
    ("配合开展市级生态环境保护督察", []),
])
def test_campaigns_share_their_head(text, expected):
    assert campaigns(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a relative clause before a named standard or plan is not part of its name
    ("严格执行省里确定的农村生活污水排放标准。", ["农村生活污水排放标准"]),
    ("编制以流域统筹为导向的岸线利用规划。", ["岸线利用规划"]),
    # 关于…的 and a bare kind after 的: the clause is the title's content
    ("研究起草关于加快湿地修复的指导意见。", ["关于加快湿地修复的指导意见"]),
    ("出台推进秸秆综合利用的实施意见。", ["推进秸秆综合利用的实施意见"]),
])
def test_left_boundary(text, expected):
    assert titles(text) == expected


@pytest.mark.parametrize("text", [
    "本办法自公布之日起施行。",
    "依照前款规定执行。",
    # a pilot is a phase of work, not part of a document's name
    "开展湖泊生态缓冲带试点。",
])
def test_no_title(text):
    assert titles(text) == []


def test_an_elliptical_title_replaces_the_last_word_before_the_shared_ending():
    assert titles("编制完成湿地保护修复任务清单、资金保障清单。") == [
        "湿地保护修复任务清单", "湿地保护修复资金保障清单"]


@pytest.mark.parametrize("text, expected", [
    # two laws named whole are two laws, never one joined name
    ("认真执行大气污染防治法和水污染防治法。", ["大气污染防治法", "水污染防治法"]),
    ("推动海洋环境保护法、固体废物污染环境防治法修订。", ["海洋环境保护法", "固体废物污染环境防治法"]),
    # bare modifiers share the head of the last law, also where jieba glues the last
    # modifier to it (土壤污染|防治法)
    ("宣传贯彻大气、水、土壤污染防治法。", ["大气污染防治法", "水污染防治法", "土壤污染防治法"]),
    ("加快推动大气、水污染防治法修订。", ["大气污染防治法", "水污染防治法"]),
    ("认真执行噪声和放射性污染防治法。", ["噪声污染防治法", "放射性污染防治法"]),
    # a list of elliptical plans still takes the shared modifier
    ("编制完成河口保护修复任务清单、资金保障清单。", ["河口保护修复任务清单", "河口保护修复资金保障清单"]),
])
def test_laws_in_coordination(text, expected):
    assert titles(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a quoted word names the drive only when the kind follows it closely
    ("组织实施“千企”提升行动。", ["“千企”提升行动"]),
    ("组织实施“千企”节能改造提升行动。", []),
    ("组织实施“双高”企业清洁生产审核专项行动。", []),
    ("开展“零碳”园区改造提升工程试点。", []),
    # an unlisted drive joining two activities describes work, not a programme
    ("持续开展河道保洁和垃圾治理行动。", []),
    ("持续开展农村垃圾治理行动。", ["农村垃圾治理行动"]),
])
def test_unlisted_drives(text, expected):
    assert titles(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a verb, a preposition or the writer's own scope before a name is not part of it
    ("启动研究钢铁企业超低排放评估清单。", ["钢铁企业超低排放评估清单"]),
    ("组织拟订湿地保护修复规划。", ["湿地保护修复规划"]),
    ("组织研制产品碳足迹核算通则。", ["产品碳足迹核算通则"]),
    ("研究制定新一轮湿地保护中长期规划。", ["湿地保护中长期规划"]),
    ("编制全省充电设施布局规划。", ["充电设施布局规划"]),
    ("认真落实自治区加快边境口岸建设的若干措施。", ["加快边境口岸建设的若干措施"]),
    ("推动企业排放在规定期限内达标。", []),
    # a kind word that modifies a system noun further on is no name
    ("推动建立以节约集约为导向的国土规划实施监督机制。", []),
])
def test_left_edge_of_a_name(text, expected):
    assert titles(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the writer's own or a class of bodies' documents: one per place, no proper name
    ("研究制订我省实施计划。", []),
    ("完善地方排放限值标准。", []),
    ("研究修订地方人民政府耕地保护目标责任考核办法。", ["地方人民政府耕地保护目标责任考核办法"]),
    # quantifiers and determiners inside name a class of documents
    ("鼓励制定行业相关节水标准。", []),
    ("统筹编制地方各级规划。", []),
    # a relative clause of setting before a bare kind: whichever standard applies
    ("严格执行国家确定的排放标准。", []),
    ("严格执行市里确定的城镇污水处理厂排放标准。", ["城镇污水处理厂排放标准"]),
    # classes of documents listed: not names
    ("加强节水政策、标准衔接。", []),
    ("严格落实产业政策、行业标准要求。", []),
    # an activity pair inside a name stays (…溯源和整治计划), as does 碳中和
    ("制定耕地重金属污染溯源和整治计划。", ["耕地重金属污染溯源和整治计划"]),
    ("编制碳达峰、碳中和技术路线图。", ["碳达峰、碳中和技术路线图"]),
])
def test_generic_documents(text, expected):
    assert titles(text) == expected


def test_a_short_form_of_a_title_named_in_full_is_that_title():
    doc = make_nlp()("(二)出台“十四五”湿地保护规划。修改完善《某省“十四五”湿地保护规划》,按程序印发。")
    assert [(t.title, t.bracketed) for t in doc._.titles] == [
        ("某省“十四五”湿地保护规划", False), ("某省“十四五”湿地保护规划", True)]


@pytest.mark.parametrize("text, expected", [
    # a 标准 of charges or subsidies is a rate
    ("合理制定垃圾处理收费标准。", []),
    ("适时调整生态公益林补偿标准。", []),
    ("制定垃圾焚烧厂烟气排放标准。", ["垃圾焚烧厂烟气排放标准"]),
    # one document per enterprise: no proper name
    ("重点企业要制定实施企业节水行动方案。", []),
    ("研究制定企业环境信息依法披露管理办法。", ["企业环境信息依法披露管理办法"]),
])
def test_rates_and_one_per_enterprise(text, expected):
    assert titles(text) == expected


@pytest.mark.parametrize("text, expected", [
    # two modifiers of one class share the head written once
    ("修订既有建筑和新建建筑节能改造技术标准。", ["既有建筑节能改造技术标准", "新建建筑节能改造技术标准"]),
    # a 、 inside a quoted name does not split it
    ("实施“山有绿、水长清”行动。", ["“山有绿、水长清”行动"]),
    # a strategy written without 《》 is a name only when it opens with its quoted name
    ("落实“1+2+N”沿江区域协同发展战略。", ["“1+2+N”沿江区域协同发展战略"]),
    # one document per enterprise
    ("指导重点排污企业制定深度治理方案。", []),
])
def test_shared_heads_and_quoted_names(text, expected):
    assert titles(text) == expected
