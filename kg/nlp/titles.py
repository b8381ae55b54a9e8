"""Policy instruments, written in 《》 or not, with their kind read from the title's ending.

A title's kind comes from the endings listed on each InstrumentKind in the reference
data (…方案 → Plan, …条例 → AdministrativeRegulation). Two readers fill ``doc._.titles``:

* bracketed: every 《…》 whose ending names a kind. A bracketed name with another ending
  counts (kind Other) only where an action verb governs it (编制印发《应对气候变化重点任务
  (2023—2025)》): books, journals, reports and programmes are published, made or read,
  not issued or implemented (编写《…学习问答》, 来源:《党委中心组学习》).
* unbracketed: a clause is cut into the verb that leads it (研究制定, 推动, 全面落实 …) and
  the noun phrase that follows; a phrase ending in a title ending at a word boundary is a
  title, unless it is generic (整改方案, 一批改革文件, 各地的…方案, 专项行动).
  Coordinated titles are split at 、和及 when the part before ends in a title ending,
  and an elliptical part takes the shared modifier of the first
  (美丽中国建设任务清单、政策措施清单 → 美丽中国建设政策措施清单).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable

import jieba

from spacy.language import Language
from spacy.tokens import Doc

from kg.naming import QUALIFIER, instrument_key, issuer_form, split_qualifier
from kg.nlp.grammar import (
    CLAUSE_PUNCTUATION, CONJUNCTION as _CONJUNCTION, expand_shared_head, FUNCTION_WORDS, GOVERNING_VERBS, LEADING_ADVERBS, RESULTATIVES, HAN_CHARS, HAN_RUN, JOINER, LEVEL_WORDS, MODAL, OWN_ANNEX, SELF_ORGAN, part_start as _part_start, QUOTES, TITLE, TITLE_LIST_JOINERS, TITLES_AT_END, alternation,
)
from kg.nlp.tokens import doc_text, token_words
from kg.reference import reference

# Version qualifiers after the base title: (2025—2030年), (试行), (2023—2025), (征求意见稿)
# Quotes and spaces are not part of the ending a kind is read from (“十四五”规划).
_EDGE_NOISE = QUOTES + " "
# Words ending in 法 that are not a law's name: methods, manners, legality.
_NOT_LAW = {
    "方法", "办法", "做法", "想法", "说法", "看法", "写法", "用法", "手法", "算法", "技法", "疗法",
    "章法", "语法", "书法", "违法", "合法", "守法", "执法", "依法", "立法", "司法", "普法", "非法",
}
# The laws cited by a two-character name (刑法第三百三十八条, 根据宪法, 修订水法: 中华人民共和国水法):
# every other law's short name has a head of its own (环境保护法, 行政处罚法).
_SHORT_LAWS = ("宪法", "刑法", "水法")
# Words of legal theory that name a class of laws by its place or scope, never one law
# (上位法设定的许可, 特别法优于一般法, 部门法).
_LAW_CLASSES = frozenset({
    "上位法", "下位法", "特别法", "一般法", "新法", "旧法", "部门法", "实体法", "程序法", "国内法", "国际法",
    "成文法", "单行法", "专门法",
})
# The one-character words jieba may glue to a law's 法 (法自, 法将, 法于, 法已): what follows a law
# named as a clause's subject.
_AFTER_LAW = "自将于已从经由"
# A target year written after a title's ending is part of the name, not its ending
# (国家适应气候变化战略2035, 美丽中国建设规划纲要2035).
_TRAILING_YEAR = re.compile(rf"(?<=[{HAN_CHARS}])(?:19|20)[0-9]{{2}}年?$")
# 本法所附《…》: an annex of the text itself is a part of it, not a document it names.
_OWN_ANNEX = re.compile(rf"{OWN_ANNEX}$")
# Endings of publications, not instruments, for bracketed names with no kind ending.
_PUBLICATION = re.compile(r"(?:报告|读本|问答|概论|讲读|讲义|教材|手册|丛书|汇编|选编|文集|年鉴|白皮书|学习)$")

# A clause ends at these; 《…》 is cut out before the search so that a bracketed title
# also ends the noun phrase in front of it.
_CLAUSE_BREAK = re.compile(f"[{re.escape(CLAUSE_PUNCTUATION)}《》]")
# A title that starts with these names a class or one document per place or unit (自行: each
# unit's own), or one not yet named (下一阶段…排放标准: the stage after the one in force), not one
# document;
# 本/如下/以下 name the text itself (制定如下实施方案), whose events kg.nlp.events reads.
_DETERMINER = re.compile(
    r"^(?:各|一批|一系列|系列|本|如下|以下|前款|相关|有关|这些|该|其|等|若干项|多项|自行|(?:具体|相应|配套|各自)的|相应|对应|(?:地方|企业)(?=[^的]{0,8}$)|"
    r"下一阶段|新一阶段|下阶段|"
    rf"{'|'.join(LEVEL_WORDS)}|"
    r"第[一二三四五六七八九十\d]+[批轮]|\d+(?:余|多)?[项个件部类批份条])"
)
# Endings of generic names: special enforcement actions, document classes, one-per-unit lists.
_GENERIC_END = re.compile(
    r"(?:专项行动|整治行动|清理行动|提升行动|专项整治|法规规章|法律法规|部门规章|配套法规|"
    # a 标准 of charges, prices and subsidies is a rate, not a standard (污水处理收费标准)
    r"(?:收费|价格|补偿|补助|补贴|计费|赔偿)标准|"
    r"问题清单|负面清单|整改方案|责任清单)$"
)
# A title made only of these words names no topic (实施方案, 工作方案, 指导意见, 政策措施).
_GENERIC_WORDS = re.compile(
    r"实施|工作|行动|整改|整治|指导|政策|若干|专项|具体|相关|有关|总体|年度|重点|建设|任务|要点"
)
# Named national programmes end like this; other …行动 are campaigns or enforcement.
_PROGRAMME_ACTION = re.compile(r"(?:防治|治理|防控|攻坚|[三五十]年)行动$")
# The words of an alias definition around the short form itself.
_SHORT_FORM = re.compile(r"^\(|\)$|以下|下文|分别|简称|称")
# "(以下简称X)" gives an alias, not a second instrument; 《X》 written later stands for the
# full title (以下分别简称《A》《B》: one alias each for the titles before, in order). The
# document number may come first in the brackets (法释〔2031〕5号,以下称《解释》).
_ALIAS = re.compile(r"\((?:[^()]*?,)?(?:(?:以下|下文)(?:分别)?(?:简称|称)|(?:分别)?简称)[^()]*\)")
# A body of the document's own province or city, named relatively (省政府, 省委, 市生态环境局,
# 省发展改革委), standing as the actor before the verb.
_LOCAL_ACTOR = re.compile(
    rf"(?:省|市|县|区|自治区)(?:委|党委|人民政府|政府(?:办公厅)?|[{HAN_CHARS}]{{1,8}}?(?:厅|局|委员会|委|办))"
)
_ACTOR_JOIN = re.compile(JOINER + r"(?=\S)")
# Verbs by which a text applies a document that exists (依照…法的规定处罚, 适用…条例, 违反…办法,
# 列入…名录的废物): they lead a title as an action verb does. Legal texts cite laws, regulations
# and rules so, often by short name and without 《》 (依照水污染防治法).
_CITING = ("依照", "遵照", "适用", "违反", "参照", "遵守", "符合")
# …but only names of laws, regulations, rules and standards: 违反医疗废物管理规定, 遵守安全生产规定
# are the provisions of a field, and lists an item is put in (列入…名录) are mostly one per place.
_CITED_ENDINGS = ("法", "法典", "条例", "办法", "细则", "标准", "规范", "指南", "导则", "通则")
# A legislature adopts a decision by vote (表决通过…的决定): the verb leads what it adopts.
_VOTING = ("表决通过",)
# A quantity is measured against a standard or a plan's goal (超过…标准, 达到…标准, 达到“十四五”
# 规划目标): these verbs lead the name of what it is measured against.
_COMPARING = ("超过", "超出", "达到", "低于", "高于", "优于", "严于")
# Verbs that join an action verb to say how the act is done (修订完善, 制定健全, 编制调整): part
# of the verb, never of the title after it.
_COVERB = re.compile("完善|健全|优化|调整|更新")
# A document named before the body that makes it (X由生态环境部另行制定, X，由国务院…规定): the
# maker, then the making (规定 with 由 is "to be laid down by").
_MADE_BY = re.compile(
    r"[,，]?由(?P<maker>[^。;；,，:：]{2,40}?)(?:另行|共同|统一|负责|联合)?(?:制定|制订|规定|编制|拟定|拟订|发布|公布|印发)"
)
# A standard's number written before its name (GB 3095-2012 环境空气质量标准, HJ 2.2-2018): the
# code identifies the standard, the name starts after it.
_STANDARD_NUMBER = re.compile(r"[A-Z]{1,4}(?:/[A-Z])?\s*[0-9]+(?:\.[0-9]+)*(?:\s*[-—–]\s*[0-9]{2,4})?\s*")
# A time adverbial may open a clause before its verb (2034年底前发布…, 年内出台…, 适时修订…).
_WHEN = re.compile(r"\s*(?:(?:(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?|年)(?:底|末|内)?(?:前|以前|之前)|年内|适时|近期)")
# The part of a standard issued in parts, after its name with or without a space (…技术指南总则,
# …技术规范 第2部分).
_PART = r"\s*(?:总则|第[0-9一二三四五六七八九十]+部分)"
_STANDARD_PART = re.compile(rf"(?<=指南|规范|标准|导则|通则){_PART}$")
_PART_AFTER = re.compile(_PART)
# A title's article, paragraph or item cited after it (…条例第三十三条, …办法第十条第二款).
_ARTICLE_CITED = re.compile(r"第[一二三四五六七八九十百零\d]+条(?:第[一二三四五六七八九十\d]+款)?(?:第[一二三四五六七八九十\d]+项)?$")
# The disposal form of a notice (现将X印发给你们, 特将X转发): the object stands before its verb.
_DISPOSAL = re.compile("(?:现将|特将|兹将)")
# A body speaking of itself as the subject (我部, 本厅 …; grammar.SELF_ORGAN).
_SELF_SUBJECT = re.compile(f"{SELF_ORGAN}$")
# What a relative clause of making (…制定的X) follows: the verb or preposition governing X.
_RELATIVE_MAKER = re.compile("|".join((*_CITING, "按照", "根据", "依据", "对照", "执行", "落实", "实施")))
# Between a topic and the verb that acts on it: a time, its aspect or a manner (将于2033年3月1日起,
# 自公布之日起, 已于去年, 正式).
_ACTED_GAP = re.compile(
    r"(?:将|已经|已|正式|全面|同时|于|自|从|起|之日|公布|发布|印发|今年|去年|明年|[0-9]{1,4}[年月日]|底|前)*"
)
# …and what may follow that verb: the clause ends with it, or it dates what comes next (修订后,
# 实施以来); a verb with an object of its own (按照规定编制…方案) is not the topic's.
_ACTED_TAIL = re.compile(r"(?:后|以来|之后|以后)?")
# A people's congress or its standing committee makes decisions and resolutions with the force
# of law (全国人大常委会作出关于…的决定): named by 关于 + topic + 的决定/决议, unlike the decision an
# agency makes on a case (作出责令停产的决定, 作出关于对…的处罚决定).
_LEGISLATURE = r"(?:人民代表大会|人大)(?:常务委员会|常委会)?"
_LEGISLATURE_MAKES = re.compile(_LEGISLATURE + r"(?:第[一二三四五六七八九十百零\d]+次会议)?作出了?$")
_DECISION_NAME = re.compile(
    rf"(?P<maker>(?:全国|[{HAN_CHARS}]{{0,8}}?(?:省|自治区|市|县|区))?{_LEGISLATURE})?关于(?!对)[^{re.escape(CLAUSE_PUNCTUATION)}《》]{{2,40}}的(?:决定|决议)"
)
# The label of an article, paragraph or item that may open a clause (第六条, (三), 1.).
_LABEL = re.compile(r"\s*(?:第[一二三四五六七八九十百零\d]+[条款项]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、])?\s*")
# A maker that is one national body, as the subject that opens its clause (国务院…主管部门, 国家…局,
# 生态环境部), and one that is each government or place (县级以上地方人民政府, 省级…部门, 设区的市, 本行政区域): its documents are one
# per place.
_NATIONAL_MAKER = re.compile(r"国务院|国家|中共中央|党中央|中央军事委员会|全国人民代表大会|最高人民|[^省市县区]{2,10}部(?!门)")
_LOCAL_MAKER = re.compile(r"地方|县级|省级|市级|乡级|设区的市|本行政区域|各级|省、自治区、直辖市|所在地|当地|本地")
# An item is put in a list (列入, 纳入): most lists are kept one per place or unit (重点排污单位名录);
# a list named by the state (国家危险废物名录, 国家重点保护野生动物名录) is one national document.
_LISTING = ("列入", "纳入")
_NATIONAL_LIST = "国家"
# …and so is a catalogue of kinds of things (列入强制检定计量器具目录, 列入限制进出口目录, 产业结构
# 调整指导目录): the 名录 and 清单 each place keeps register its units and zones (重点排污单位名录,
# 生态环境准入清单), a 目录 lists what is made, traded or used, a unit's 目录 aside.
_CATALOGUE = re.compile("(?<!单位)(?<!企业)目录$")
# 意见 given by someone (提出…的意见, 出具…意见) is comments on a case, not a document.
_COMMENTING = ("提出", "出具", "给出", "签署", "反馈")
# Light action verbs that open a title after another verb (研究制定推进…实施方案).
_LIGHT = ("推进",)
# Verbs that take an agent before their action (会同有关部门制定, 指导地方编制).
_AGENT_TAKING = ("会同", "配合", "指导", "组织", "推动")
# A title ending followed by these is a modifier: 标准体系, 清单制度, 规划环评, 规划基本思路.
_SYSTEM_NOUN = re.compile(r"体系|制度|机制|环评|化|制(?![定订])|者|(?:基本|总体|编制)?思路")
# Short …标准/…规范 phrases name a field of standards (生态环境标准, 建筑节能标准), not one standard.
# Short …清单 phrases name a kind of list (问题清单, 审核要点清单).
_MIN_LENGTH = {"Standard": 8, "List": 7, "Law": 3}
# …unless a short standard names what it covers before the head of its type (声环境|质量标准,
# 地下水|质量标准, 海水|水质标准, 饮用水|卫生标准): a field's generic words before that head are a family
# (大气环境质量标准), which _STANDARD_CLASS tells; a short …排放标准 is mostly a series
# (机动车排放标准: one per stage).
_STANDARD_HEAD = re.compile(r"[\u4e00-\u9fff](?:质量|水质|卫生|鉴别)标准$")
# Measures are a document only under a document's name for them (政策措施, 若干举措, 22条举措).
_MEASURES = re.compile(r"(?:政策|若干|\d+条)(?:措施|举措)$")
# Adjectives that pick one document per case (具体的, 相应的 …实施方案: each unit's own).
_DETERMINER_ADJECTIVES = ("具体", "相应", "配套", "各自")
# Prepositions and governing verbs (grammar.GOVERNING_VERBS) stand before a name, never inside
# one written without 《》: 在…, 对…, 按…, 开展…, 推动…, 列入…, 申请纳入… (adverbs may: 全面实行…方案;
# 纳入 alone may: …管控纳入环评管理技术指南).
_PREPOSITIONS = ("在", "对", "按", "向", "从", "于", "把", "被", "经")
_GOVERNING = alternation({*_PREPOSITIONS, *GOVERNING_VERBS, "研制", "拟订", "拟定", "建立", "作为", "符合", "列入", "申请纳入"})
# Words that open a clause before its object, never a name: 研究 (研究|民用…清单) and the
# deictic scope of the writer (新一轮, 全市, 我省; 自治区, as an autonomous region's texts
# name their own government issuing: 落实自治区支持…的若干措施): the name is what follows them.
_LEFT_NOISE = re.compile(r"(?:研究|新一轮|全市|全省|全区|全县|我省|我市|我区|本省|本市|自治区)")
# Plans are made by every government at every level (五级三类; the 环境保护规划 of each government,
# 环境保护法 art. 13): the name of a planning system with only scope words before it is the class
# (国土空间规划, 国家产业规划, 国家环境保护规划, 全省经济社会发展中长期规划); one plan names its
# place, period or topic (浙江省国土空间规划(2021—2035年)).
_SCOPE_WORDS = "国家|地方|全国|全省|全市|全县|本省|本市|各级|省级|市级|县级|相关|有关|上级|本级"
_CLASS_PLAN = re.compile(
    rf"(?:{_SCOPE_WORDS})*(?:国土空间|国民经济和社会发展|经济社会发展|土地利用|城乡|城市|产业|专项|详细|总体|区域|"
    r"环境保护|生态环境保护)?"
    r"(?:总体|中长期|中长期发展|发展|五年)?规划"
)
# Standards are set per industry (GB 13223 for power plants, GB 4915 for cement) and per basin
# (太湖流域…排放标准): a standard for key or related industries, or for basins, in general is one
# per industry or basin, not one standard.
_SECTORS = re.compile("(?:重点|相关|有关|各)?(?:行业|领域|流域)")
# Standards are named by what they cover (声环境质量标准, 海水水质标准, 入海排污口分类技术规范);
# a tier and the generic words of the field name a family of standards (国家环境质量标准,
# 地方污染物排放标准, 水污染物排放标准, 环境噪声排放标准, 国家环境监测技术规范, 放射性污染防治
# 标准, 污染防治可行技术指南: one per medium, industry or method).
_STANDARD_CLASS = re.compile(
    rf"(?:{_SCOPE_WORDS}|行业|专用|通用|或者|或|和|及)*"
    r"(?:生态环境|环境保护|环境|质量|产品|水污染物|大气污染物|挥发性有机物|重金属|污染物|大气|水质|水|噪声|放射性|污染防治|污染控制|可行|"
    r"排放|监测|技术|强制性|推荐性|安全|卫生|、|和|及)*(?:标准|规范|指南)"
)
# The ambient quality of air, sound and soil is set by one national standard each (大气环境质量标准,
# GB 3095's first name; 声环境质量标准; 土壤环境质量标准): the medium names the one standard.
# Water has several (surface, ground, sea water), so 水环境质量标准 stays a family.
_AMBIENT_STANDARD = re.compile("(?:大气|环境空气|声|土壤)环境质量标准")


def _standard_class(name: str) -> bool:
    """Do a tier and the field's generic words name a family of standards (国家环境质量标准,
    水污染物排放标准), not one ambient standard (国家大气环境质量标准)?"""
    return bool(_STANDARD_CLASS.fullmatch(name)) and not _AMBIENT_STANDARD.fullmatch(name.removeprefix(_STANDARD_TIER))


# The tier of standards each province sets (地方…标准, 环境保护法 art. 15–16): one per province.
_LOCAL_TIER = "地方"
# A standard after 国家 is named without it (国家声环境质量标准 → 声环境质量标准): the tier is
# said by the code (GB), not by the title; lists and plans keep it (国家危险废物名录).
_STANDARD_TIER = "国家"
# A year or period says when, not what: 2025年工作要点 has no topic of its own.
_PERIOD = re.compile(r"(?:19|20)\d{2}(?:[—\-~至到](?:19|20)?\d{2,4})?年?度?")
# 其他 (other) describes what a document covers by a residual class; a proper name does not.
_RESIDUAL = re.compile("其他|其它")
# A quantifier or determiner inside names a class of documents (地方各级规划, 行业相关绿色标准).
_QUANTIFIER = re.compile("各级|各类|各项|相关|有关")
# A clause before 的 that ends in a verb of setting is relative (国家规定的排放标准): with no
# topic of its own after 的, the phrase describes whichever standard applies.
_SETTING_VERB = re.compile(r"(?:规定|确定|明确|要求|报告|公布|发布|制定)的")
# An adverb of manner modifies a verb, never a noun: a kind word right after one is the verb
# (加快规划建设…基地, 统筹规划, 有序计划): 规划, 计划 and 行动 are verbs as well as names.
_MANNER = ("加快", "统筹", "合理", "有序", "抓紧", "加紧", "积极", "大力", "切实", "认真", "稳步", "不断",
           "进一步", "全力", "着力", "坚决", "严格", "及时", "尽快", "立即", "迅速")
# 规范 before an activity is the verb or adverb "regulate(d)" (行业规范管理, 规范开展; 技术规范 stays the noun), not a
# standard's name.
_REGULATED = re.compile("管理|运行|发展|开展|经营|使用|操作|有序")
# A kind word then a noun phrase ending in a system noun is a modifier (城乡规划建设管理机制).
_SYSTEM_AFTER = re.compile(rf"[{HAN_CHARS}]{{0,6}}?(?:体系|制度|机制|时限|期限)")
# 意见 is a document as …的意见 or under a document's name for opinions (实施意见, 指导意见,
# 若干意见); after an activity (审议意见, 征求意见, 反馈意见) it is comments made on something.
_OPINION_ENDINGS = ("的意见", "实施意见", "指导意见", "若干意见")
# …的意见 without 关于 is a document where a verb phrase says what it is for (加强…建设的意见);
# after the people or bodies who give it, it is their comments (代表的意见, 社会公众的意见).
_OPINION_HOLDER = re.compile(
    r"(?:代表|公众|群众|专家|委员|人员|各方|方面|单位|部门|机关|机构|当事人|申请人|利害关系人|组织|企业|居民|村民|本人|"
    r"社会|人民|政府|其)的意见$"
)
# 规定 after a document, a permit or 的 is what that document provides (按照排污许可证规定,
# 符合标准的规定); a document named 规定 says what it is about (…管理规定, 关于…的规定).
_HOLDS_PROVISIONS = ("的", "证", "合同", "协议", "章程", "文书", "法律", "法规", "规章")
# …and so after a part of a text (第十二条规定, 第二款第一项规定) and after the body that
# provides it (国务院规定, 主管部门规定): the act of providing (中央八项规定 is a name).
_PROVIDING = re.compile(r"(?:第[一二三四五六七八九十百零\d]+[条款项]|院|部|部门|委|委员会|厅|局|政府|机关)$")
# …and so with a word picking some of them (…法的有关规定, 条例的具体规定, 本办法下列规定).
_PROVISION_SCOPE = re.compile("(?:有关|相关|具体|各项|其他|下列|上述)$")
# A field's rules are named by the field alone (档案管理规定, 安全规定); a document named 规定 has a
# topic of its own beside these words (入海排污口管理暂行规定).
_FIELD_RULES = re.compile("管理|暂行|试行")
# …and so after a light verb whose object it is (作规定, 作出规定, 另有规定, 已作规定: make or
# have provisions) or an adverb, which makes it the verb (机关依法规定的条件, 另行规定).
_LIGHT_PROVIDING = re.compile("(?:作出|做出|作|做|另有|有|依法|另行|统一|明确)$")
# The form of a document's title (公文: [issuer]关于[matter]的[genre]): a decision, reply or
# interpretation written so is that document, with or without 《》 (表决通过关于修改…的决定);
# 作出…的决定 without it is the act of deciding a case.
_ABOUT_FORM = re.compile("关于.+的(?:决定|决议|解释|批复|复函|答复|函|公告|通告)$")
# A document named 关于… says what it is about in a clause closed by 的 (关于…的规定, 关于…的通知);
# 关于 with no 的 after it is a preposition cut out of a sentence (…关于立案标准和…的规定).
_ABOUT_OPEN = re.compile("关于[^的]*$")
# 本 before the kind names the text itself (履行本办法, 按照本方案).
_SELF_NAMED = ("本", "本实施", "本工作")
# A count inside a name makes it a set (25个…工程, 三个行动计划; but 八项规定 is a name), an aspect
# particle a sentence (…提供了…指南), a disjunction a clause (…水质标准或者…不符合…标准).
_NOT_A_NAME = re.compile(r"\d+(?:余|多)?[个项件部类批座]|[两三四五六七八九十]+个|\d+(?:\.\d+)?[万亿]|了|或者|以及")
# The actor before the verb is a set of places or units: one document each (各地, 121个城市,
# 新建产业园区: each park its own plan).
_PLURAL_ACTOR = re.compile(r"各|\d+个|地方|单位|城市|企业|园区")
# An upgraded edition of a programme is named by the programme's name + 升级版
# (循环经济行动升级版): the title runs on past its ending.
_EDITION = "升级版"
# Traditional-script texts quote with 「」 where mainland texts write “”.
_QUOTE_PAIRS = (("“", "”"), ("「", "」"))
_QUOTES = re.compile(f"[{QUOTES}]")
# Words after a title that show the title is done (…方案编制。 …条例制定以及 …标准制订工作)
_AFTER_VERB_TAIL = re.compile(r"^(?:工作)?$")
# A line that is only a numbered heading: (一)…。, 一、…, 1．… — a programme named so is a
# part of the document itself (the ten 行动 of a 行动方案 are its sections), not a citation.
_HEADING_LINE = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]?)?\s*(?P<name>[^\n。]+?)[。.]?\s*$")


@dataclass(frozen=True)
class TitleMatch:
    start: int  # offsets of the title (without 《》) in Document.text
    end: int
    title: str  # as written; an elliptical part gets its shared modifier prepended
    base_title: str
    qualifier: str
    kind: str
    bracketed: bool


class TitleKinds:
    """Title ending → InstrumentKind notation, longest ending first. The endings of the
    reference data's ep:bracketedTitleSuffix (`bracketed`) name a document without 《》 only
    as a quoted proper name (落实“3+5+X”…战略): otherwise a decision or resolution is mostly
    the act of deciding (作出…的决定), 应急预案 the class every body keeps, 由…负责解释,
    会议纪要, 予以批复, 发布公告 acts and classes, 区域重大战略 a concept, 填报登记表 a form
    each case fills in."""

    def __init__(self, suffixes: dict[str, str], bracketed: Iterable[str] = ()):
        self.suffixes = sorted(suffixes.items(), key=lambda item: len(item[0]), reverse=True)
        self.endings = set(suffixes)
        self.bracketed = tuple(bracketed)
        self.pattern = alternation(suffixes)

    def kind_of(self, base_title: str) -> str | None:
        stripped = base_title.rstrip(_EDGE_NOISE).removesuffix(_EDITION)  # …行动升级版: a 行动
        stripped = _TRAILING_YEAR.sub("", stripped)  # 国家适应气候变化战略2035: a 战略
        for suffix, kind in self.suffixes:
            if stripped.endswith(suffix) and len(stripped) > len(suffix):
                return None if suffix == "法" and stripped[-2:] in _NOT_LAW else kind  # 行政执法: no law
        # a standard's title may add an element after a space (…技术指南 总则, …规范 第2部分 …)
        main = _STANDARD_PART.sub("", stripped) if _STANDARD_PART.search(stripped) else stripped.split(" ", 1)[0]
        return self.kind_of(main) if main != stripped else None


class _Words:
    """Word boundaries from the jieba tokens: a match may not cut inside a word."""

    def __init__(self, doc: Doc):
        self.starts: set[int] = set()
        self.ends: set[int] = set()
        self.long: set[int] = set()
        self.law: set[int] = set()
        for start, word in token_words(doc):  # one pass: a document has tens of thousands
            end = start + len(word)
            self.starts.add(start)
            self.ends.add(end)
            if len(word) >= 4:
                self.long.add(end)
            # jieba keeps a law's head with its 法 (保护法, 防治法): that 法 ends a title too,
            # unlike the 法 of 方法, 办法, 依法 …
            if (len(word) >= 3 and word.endswith("法") and word[-2:] not in _NOT_LAW) or word in _SHORT_LAWS:
                self.law.add(end)
            # …and may glue it to the word after instead (环境保护|法自|2015年, 保护|法将|于): a law's
            # head before a 法 joined to a preposition or an adverb
            if len(word) == 2 and word[0] == "法" and word[1] in _AFTER_LAW:
                self.law.add(start + 1)
                self.ends.add(start + 1)
                self.starts.add(start + 1)
        self.starts.add(len(doc_text(doc)))
        self.ends.add(0)

    def aligned(self, start: int, end: int) -> bool:
        return start in self.starts and end in self.ends

    def ends_word(self, start: int, end: int) -> bool:
        """A title ending ends a word and starts one, or closes a long word that jieba
        keeps whole (实施方案, 行动计划, 指导意见; but not 有计划)."""
        if end - start == 1 and end in self.law:
            return True
        return (end in self.ends and (start in self.starts or end in self.long)) or (
            start in self.starts and end - start >= 2  # 工程|建设 glued by jieba: 工程建设
        )


class UnbracketedTitles:
    """Titles written without 《》: a title ending at a word boundary, its left edge after
    the verb that leads the clause or after a conjunction."""

    def __init__(self, kinds: TitleKinds, verbs: dict[str, str], listed: re.Pattern | None = None):
        self.kinds = kinds
        self.listed = listed  # the names of national programmes (programmes.ttl)
        self.verbs = verbs
        self.lead = alternation({*LEADING_ADVERBS, *GOVERNING_VERBS, *_CITING, *_COMPARING, *_LISTING, *_VOTING, *verbs})
        self.verb_words = {*GOVERNING_VERBS, *_CITING, *_COMPARING, *_LISTING, *_VOTING, *verbs}
        self.action = alternation(verbs)
        # …清单编制的依据: the title's kind and the verb after it are a noun modifying another
        self.nominal = re.compile(f"(?:{self.action.pattern})的")
        # a document is made or issued, never named by the making (按照许可证规定|编制|…计划)
        self.making = alternation({v for v, action in verbs.items() if action in ("Drafting", "Issuance")})

    def find(self, doc: Doc, bracketed: list[TitleMatch], words: _Words) -> list[TitleMatch]:
        raw = doc_text(doc)
        text = _blank(raw, [(t.start - 1, t.end + 1) for t in bracketed] + _spans(_ALIAS, raw))
        agencies = [(s.start_char, s.end_char) for s in doc.spans.get("agency", [])]
        named = [t.base_title for t in bracketed]
        found: list[TitleMatch] = []
        duties: set[str] = set()  # titles a legal text names as a duty, not a document
        national: set[str] = set()  # …and those it says one national body makes
        start = 0
        own = doc.user_data.get("title_line") or (0, 0)
        for brk in [*_CLAUSE_BREAK.finditer(text), None]:
            end = brk.start() if brk else len(text)
            # the document's own title line names the document itself (kg.legal reads it
            # whole); a verb inside it (关于…贯彻…的实施意见) opens no title of its own
            if end - start >= 3 and not (own[0] <= start and end <= own[1]):
                articles = doc.user_data.get("articles")
                for t in self._clause(text, start, end, words, agencies, named):
                    named_so = self._named_in_law(text, start, t) if articles else None
                    if named_so is False:
                        duties.add(t.base_title)
                        continue
                    found.append(t)
                    if named_so:
                        national.add(t.base_title)
            start = brk.end() if brk else end
        # what a legal text makes a duty of each place or body (省…制定产品…限值标准) is that class
        # wherever the text names it again, whole or without its modifier (超过…限值标准); a title
        # one national body makes stays that document where a place applies it (地方…根据…规划)
        duties -= national
        return [t for t in found if not any(d.endswith(t.base_title) for d in duties)]

    def _named_in_law(self, text: str, clause: int, title: TitleMatch) -> bool | None:
        """A legal text cites what exists by its name (立法技术规范) and prescribes what is to
        be made: a document it says a body makes (主管部门制定并公布…指南, 应当编制…方案, X由…
        规定) or a plan it names is a document only where one national body makes one
        document, named as a title (国务院…主管部门编制放射性固体废物处置场所选址规划, 医疗
        废物分类目录由国务院…制定、公布). What each government, place or unit makes is a class
        (省级…制定…名录, 县级以上地方人民政府编制…规划, 依据水污染防治规划, 危险废物管理计划),
        and a description with 的 (…的划定和管理办法) names no document. None: cited, True: made
        by one national body, False: a duty."""
        by = _MADE_BY.match(text, title.end)
        made = self.making.search(text, clause, title.start)
        if not (by or made or title.kind == "Plan"):
            return None
        relative = bool(made) and made.end() == title.start - 1  # …部门制定的|X: the maker's clause
        if not (by or made) or ("的" in text[title.start - 1 : title.end] and not relative):
            return False  # 全国的|城镇排水与污水处理规划: the class, described
        if by:
            maker = by.group("maker")
        else:
            part = _part_start(text, title.start)
            maker = text[_LABEL.match(text, part).end() : made.start()]
            if relative:
                # 按照国务院…部门制定的|…指南: the maker is the subject of the relative clause
                maker = _RELATIVE_MAKER.split(maker)[-1]
        return bool(_NATIONAL_MAKER.match(maker)) and not _LOCAL_MAKER.search(maker)

    def _clause(self, text, start, end, words, agencies, named) -> list[TitleMatch]:
        if self.kinds.pattern.search(text, start, end) is None:
            return []
        listed = _CONJUNCTION.match(text, start) if text[start - 1 : start] == "》" else None
        # 《A》、B, 《A》《B》和C: the list goes on after a bracketed title; what governs it governs B
        lead = (listed.end(), False) if listed else self._lead_end(text, start, end, words, agencies)
        topic = None
        number = _STANDARD_NUMBER.match(text, _LABEL.match(text, start, end).end(), end) if lead is None else None
        if number and HAN_RUN.match(text, number.end()):
            lead = (number.end(), False)  # HJ 75 固定污染源…技术规范: a line of references names each by number
        disposal = _DISPOSAL.match(text, _LABEL.match(text, start, end).end(), end) if lead is None else None
        verb = self.action.search(text, disposal.end(), end) if disposal else None
        if verb:
            lead, end = (disposal.end(), True), verb.start()  # 现将X印发给你们: X is the verb's object
        if lead is None:
            # a subject made by a body (X由生态环境部另行制定, X，由国务院…规定): X is the document
            label = _LABEL.match(text, start, end)  # 第六条 X由…制定: the article's label is no part of X
            topic = self._made_topic(text, label.end(), end)
            if topic is None:
                topic = self._acted_topic(text, label.end(), end, words)
            if topic is None:
                # a legislature's decision named with its maker stands as a name wherever it is
                named = [m for m in _DECISION_NAME.finditer(text, start, end) if m.group("maker")]
                return [self._decision(text, *m.span(), False) for m in named]
            lead, end = (label.end(), True), topic
        head, acted = lead
        # a national programme named in the coordination (实施A行动和B工程): the others are peers
        peer = bool(self.listed and _CONJUNCTION.search(text, head, end) and self.listed.search(text, head, end))
        cited = listed or text.endswith(_CITING, 0, head)
        listing = text.endswith(_LISTING, 0, head)
        legislated = _LEGISLATURE_MAKES.search(text, max(0, head - 40), head) is not None
        found: list[TitleMatch] = []
        first = ""  # the first coordinated part lends its modifier to elliptical ones
        for part_start, part_end in self._groups(text, head, end, words):
            # …a peer names a programme only as a whole part (…工程, not …工程建设: the works built)
            whole = text[part_start:part_end].rstrip(_EDGE_NOISE).endswith(("工程", "行动"))
            match = self._title_in(text, part_start, part_end, words, named, first, acted, peer and whole)
            if match is None:
                match = self._decision(text, part_start, part_end, legislated)
            if not first and (match or _bare_noun_phrase(text[part_start:part_end])):
                # a title or a bare noun phrase lends its modifier (考核指标体系及考核办法),
                # a clause does not (报告中报告的排放量可以作为…、排放清单)
                first = text[part_start:part_end]
            if match and topic is not None and match.end != end:
                continue  # …检测报告标准|文书由…制定: the topic is not the title
            if match and cited and not (_STANDARD_PART.sub("", match.base_title).endswith(_CITED_ENDINGS)
                                        or _ABOUT_FORM.search(match.base_title)):
                continue
            if match and listing and not (match.kind == "List" and (match.title.startswith(_NATIONAL_LIST)
                                                                  or _CATALOGUE.search(match.base_title))):
                continue  # 列入重点排污单位名录: each city's list
            if match and match.kind == "Opinion" and "关于" not in match.title and text.endswith(_COMMENTING, 0, head):
                continue  # 提出处理的意见: comments
            if match:
                shared = _shared_field_head(match, words)
                found += shared if len(shared) > 1 else _shared_class_head(match)
        return found

    def _made_topic(self, text: str, start: int, end: int) -> int | None:
        """Where a topic the clause says a body makes ends (…指南|由生态环境部另行制定, …办法|，
        由国务院规定), or None; a plural maker (由各地制定) makes one document each."""
        at = text.find("由", start, end)
        by = _MADE_BY.match(text, at if at != -1 else end)
        if by is None or _PLURAL_ACTOR.search(by.group("maker")) or "的" in text[start : by.start()]:
            return None  # …的划定和管理办法，由国务院规定: a description, not a name
        return at if at != -1 else end

    def _decision(self, text: str, start: int, end: int, legislated: bool) -> TitleMatch | None:
        """A legislature's decision or resolution named by its topic (全国人大常委会作出关于加强…
        的决定) or with the legislature before it (通过了全国人大常委会关于修改…的决定): a document
        of legal force, though written without 《》."""
        named = _DECISION_NAME.fullmatch(text, start, end)
        if named is None or not (legislated or named.group("maker")):
            return None
        title = named.group()
        return TitleMatch(start, end, title, title, "", self.kinds.kind_of(title), False)

    def _acted_topic(self, text: str, start: int, end: int, words) -> int | None:
        """Where a topic ends that the clause's own verb acts on, past a time or an adverb, the
        verb closing the clause (新修订的…法|将于2033年3月1日起施行, …条例|自2031年起施行, …法|修订后,
        …办法|出台以来), or None; not a light verb (分阶段、有计划|推进: a manner)."""
        for m in self.kinds.pattern.finditer(text, start, end):
            if not words.ends_word(m.start(), m.end()):
                continue
            qualifier = QUALIFIER.match(text, m.end(), end)  # …办法(试行)|自…起施行
            stop = qualifier.end() if qualifier else m.end()
            gap = _ACTED_GAP.match(text, stop, end)
            verb = self.action.match(text, gap.end(), end)
            while verb and words.aligned(verb.start(), verb.end()):
                if verb.group() not in _LIGHT and _ACTED_TAIL.fullmatch(text, verb.end(), end):
                    return stop
                verb = self.action.match(text, verb.end(), end)  # 修订|发布
            return None  # the first ending closes the topic
        return None

    def _lead_end(self, text, start, end, words, agencies) -> tuple[int, bool] | None:
        """Where the noun phrase after the clause's leading verbs starts, and whether an
        action verb leads it; None where no verb leads a title (a subject, a description)
        or the actor is plural (121个城市…印发, 各地制定: one document per place)."""
        first = self.kinds.pattern.search(text, start, end)
        modal = None
        for m in MODAL.finditer(text, start, first.start() if first else end):
            # jieba may glue the modal to a body speaking of itself (我|部将|研究): it ends that subject
            if words.aligned(m.start(), m.end()) or (_SELF_SUBJECT.search(text, start, m.start()) and m.end() in words.starts):
                modal = m  # 国务院…主管部门应当|制定…: the subject and its modal stand before the verbs
        if modal and _PLURAL_ACTOR.search(text, start, modal.start()) and self._makes(text, modal.end(), first, end, words):
            return None  # 各地要制定…方案: one document per place (企业应当执行…标准: one standard all apply)
        pos, verb_seen, action_seen, last_good = modal.end() if modal else start, False, False, None
        when = _WHEN.match(text, pos, end)  # 2034年底前|发布…: a time stands before the verb
        if when and when.end() in words.starts:
            pos = when.end()
        while pos < end:
            agency = next((e for s, e in agencies if s == pos), None)
            if agency is None and not verb_seen:
                local = _LOCAL_ACTOR.match(text, pos, end)  # 省政府, 省委、省政府, 市生态环境局
                agency = local.end() if local and local.end() in words.ends else None
            if agency and not verb_seen:
                joined = _ACTOR_JOIN.match(text, agency, end)  # 中共中央、国务院印发
                pos = joined.end() if joined else agency
                continue
            co = _COVERB.match(text, pos, end) if action_seen else None
            if co and co.end() in words.ends and "的" not in text[co.end() : end]:
                # 修订完善|…标准: a second verb of the same act, the title follows; before a
                # clause with 的 it opens the title's content (出台|完善…制度的实施意见)
                pos = co.end()
                last_good = (pos, True)
                continue
            m = self.lead.match(text, pos, end)
            if not m:
                break
            word = m.group(0)
            if verb_seen and word not in self.verb_words:
                break  # 推动|全面实行…: an adverb after the verb opens the title
            if action_seen and word in RESULTATIVES:
                pos = m.end()  # 编制完成…: the complement closes the verb, the title follows
                last_good = (pos, True)
                continue
            if action_seen and (word not in self.verbs or word in _LIGHT):
                break  # 研究制定|加强…, 制定|推进…方案: after the action verbs the title begins
            verb_seen = verb_seen or word in self.verb_words
            action_seen = word in self.verbs
            pos = m.end()
            if word in _AGENT_TAKING and not action_seen:
                # 会同有关部门制定, 指导地方编制: hop over the agent to its action verb
                hop = self.action.search(text, pos, min(end, pos + 12))
                # …but not over an object that ends in a title's kind (推动水污染防治法修订)
                if hop and words.aligned(hop.start(), hop.end()) and not self._names_kind(text, pos, hop.start(), words):
                    if _PLURAL_ACTOR.search(text[pos : hop.start()]):
                        return None
                    pos, action_seen = hop.end(), True
            # a run of adverbs and verbs may be one jieba word (全面完成): check the edge only
            if verb_seen and (pos in words.starts or action_seen):
                last_good = (pos, action_seen)
        if last_good is not None:
            pos, action_seen = last_good
            joined = _CONJUNCTION.match(text, pos)  # 《A》颁布施行和B: B starts after 和
            return (joined.end() if joined else pos), action_seen
        # No leading verb: the phrase starts after the last verb before the first ending (not
        # one inside a verb: 表 of 表决通过).
        verbs = [(m.start(), m.end()) for m in self.lead.finditer(text, start, end)]
        first = next((k for k in self.kinds.pattern.finditer(text, start, end)
                      if not any(a <= k.start() < b for a, b in verbs)), None)
        stop = first.start() if first else end
        about = text.find("关于", start, stop)
        if about != -1 and "的" in text[about:end]:
            stop = about  # 关于修改…的决定: the verbs after 关于 are the title's matter
        last = None
        for m in self.lead.finditer(text, start, stop):
            if first and m.end() == first.start():
                continue  # a verb glued to the ending is part of the title (实施意见, 实施方案)
            # jieba may glue a citing verb to the noun after it (符合国家|规定的…): its start is enough
            glued = m.group(0) in _CITING and m.start() in words.starts
            if m.group(0) in self.verb_words and (words.aligned(m.start(), m.end()) or glued):
                last = m
        if last is None or _PLURAL_ACTOR.search(text[start : last.start()]):
            return None
        return last.end() + text.startswith("了", last.end()), last.group(0) in self.verbs  # 通过了|…

    def _makes(self, text: str, start: int, first, end: int, words) -> bool:
        """Does a verb of making or issuing stand before the first title ending (要制定…方案),
        rather than one of applying it (应当执行…标准, 要落实…计划)?"""
        stop = first.start() if first else end
        # (…部门制定的|…指南: a verb of a relative clause is not the clause's own)
        return any(words.aligned(m.start(), m.end()) and not text.startswith("的", m.end())
                   for m in self.making.finditer(text, start, stop))

    def _names_kind(self, text: str, start: int, end: int, words) -> bool:
        return any(words.ends_word(m.start(), m.end()) for m in self.kinds.pattern.finditer(text, start, end))

    def _groups(self, text, start, end, words):
        """The coordinated noun phrases from start: a conjunction ends a phrase only where
        the phrase before it is complete (ends in a title ending, or the next part repeats
        one of its words: 指标体系及考核办法) or the next part opens a quoted name."""
        part_start = pos = start
        while pos < end:
            conj = _CONJUNCTION.search(text, pos, end)
            if conj is None:
                break
            before = text[part_start : conj.start()].rstrip(_EDGE_NOISE)
            if before.count("“") > before.count("”"):
                pos = conj.end()  # inside a quoted name (“人人成园丁、处处成花园”行动)
                continue
            after = text[conj.end() : end]
            # complete: ends in a title ending, in the verb done to it (…条例制定以及…) or in a
            # class of documents of no kind (湖泊营养物基准和…排放标准, …政策和…)
            cited = _ARTICLE_CITED.search(before)  # …条例第三十三条和…办法: the article ends its title's part
            complete = (self.kinds.kind_of(before) is not None or any(before.endswith(v) for v in self.verbs)
                        or before.endswith(_CLASS_ENDS) or bool(cited and self.kinds.kind_of(before[: cited.start()])))
            if words.aligned(conj.start(), conj.end()) and (
                complete or after.startswith(("“", "「")) or _repeats_word(before, after, words, conj.end())
            ):
                yield part_start, conj.start()
                part_start = conj.end()
            pos = conj.end()
        yield part_start, end

    def _title_in(self, text, start, end, words, named, source, acted, peer=False) -> TitleMatch | None:
        """The longest title in text[start:end] that is not generic, stopping at 等 and at
        an action verb that closes the phrase (…方案编制, …条例制定)."""
        stop = text.find("等", start, end)
        if stop != -1 and not ("关于" in text[start:stop] and "的" in text[stop:end]):
            end = stop  # …等: a list ends; inside 关于…的 it is the title's matter (关于修改A法等三部法律的决定)
        start = self._left_edge(text, start, end, words)
        noise = _LEFT_NOISE.match(text, start, end)
        if noise and words.aligned(noise.start(), noise.end()):
            start = noise.end()
        number = _STANDARD_NUMBER.match(text, start, end)
        if number:
            start = number.end()  # GB 9078-1996|工业炉窑…标准
        for m in self.action.finditer(text, start, end):
            if words.aligned(m.start(), m.end()) and _AFTER_VERB_TAIL.match(text[m.end() : end]):
                end = m.start()
                break
        ends = [
            m for m in self.kinds.pattern.finditer(text, start, end)
            if words.ends_word(m.start(), m.end()) and not _SYSTEM_NOUN.match(text, m.end())
            and not _SYSTEM_AFTER.fullmatch(text, m.end(), end) and not self.nominal.match(text, m.end(), end)
            and not text.endswith(_MANNER, start, m.start())
            and not (m.group(0) == "规范" and _REGULATED.match(text, m.end()) and not text.endswith("技术", start, m.start()))
        ]
        for m in reversed(ends):
            stop = m.end()
            qualifier = QUALIFIER.match(text, stop)
            if qualifier:
                stop = qualifier.end()
            if text.startswith(_EDITION, stop):
                stop += len(_EDITION)
            part = _PART_AFTER.match(text, stop, end)
            if part and self.kinds.kind_of("_" + m.group(0)) == "Standard":
                stop = part.end()  # …技术指南总则: the part issued under the standard's name
            for opening, closing in _QUOTE_PAIRS:
                if text.count(opening, start, stop) > text.count(closing, start, stop) and text.startswith(closing, stop):
                    stop += 1  # close the quote the name opened (“五清单”)
            written = text[start:stop].strip()
            for opening, closing in _QUOTE_PAIRS:
                if written.startswith(opening) and written.endswith(closing) and written.count(opening) == 1:
                    written = written[1:-1]
            title = written if written.startswith(("“", "「")) else _expand(written, source)
            base, qual = split_qualifier(title)
            kind = self.kinds.kind_of(base)
            if kind == "Standard" and title.startswith(_STANDARD_TIER) and not _standard_class(base):
                start += len(_STANDARD_TIER)  # 国家|声环境质量标准
                title, base = title[len(_STANDARD_TIER) :], base[len(_STANDARD_TIER) :]
            if kind and self._is_named(base, kind, named, acted, peer):
                full = _full_title(base, named)
                if full:  # 出台“十四五”应对气候变化规划 … 《江苏省“十四五”应对气候变化规划》
                    return TitleMatch(start, stop, full, full, "", kind, False)
                return TitleMatch(start, stop, title, base, qual, kind, False)
        return None

    def _left_edge(self, text: str, start: int, end: int, words) -> int:
        """A name with a topic of its own starts after the relative clause before it
        (国家规定的|机动车噪声排放标准, 以…为导向的|城乡规划); where only a kind follows 的
        (…的实施意见), the clause is the title's content and stays. Outside such a clause
        a name holds no preposition and no governing verb: it starts after the last one
        (在…地区|…规划, 对|…标准, 规范化开展|温室气体清单)."""
        kind = None
        for kind in self.kinds.pattern.finditer(text, start, end):
            pass  # a 的 after the last ending closes a clause the title is in (…编制计划并报送的)
        clause = text.rfind("的", start, kind.start() if kind else end)
        if clause == -1 or "《" in text[start:clause] or "关于" in text[start:clause] or (clause + 1) not in words.starts:
            if clause != -1:
                return start  # 关于…的: the clause is what the title is about
            return self._after_governing(text, start, end, words)
        if text.endswith(_DETERMINER_ADJECTIVES, start, clause) and words.aligned(clause - 2, clause):
            return clause - 2  # 具体的|…方案: a determiner, not a clause; _DETERMINER reads it
        rest = text[clause + 1 : end]
        kind = self.kinds.pattern.search(rest)
        topic = _GENERIC_WORDS.sub("", rest[: kind.start()]) if kind else ""
        if len(topic) >= 3 and HAN_RUN.fullmatch(topic):
            return self._after_governing(text, clause + 1, end, words)
        return start

    def _after_governing(self, text: str, start: int, end: int, words) -> int:
        # the first ending that ends a word (not 规范 of 规范化开展)
        kind = next((k for k in self.kinds.pattern.finditer(text, start, end) if k.end() in words.ends), None)
        stop = kind.start() if kind else end
        for m in _GOVERNING.finditer(text, start, stop):
            # a verb glued to the ending is part of it (推广目录), a preposition never (在|规定)
            if words.aligned(m.start(), m.end()) and (m.end() != stop or m.group(0) in _PREPOSITIONS):
                start = m.end()
        last = None
        for last in self.kinds.pattern.finditer(text, start, end):
            pass  # a making verb may follow an earlier ending (许可证规定|编制|用水计划)
        stop = last.start() if last else end
        for m in self.making.finditer(text, start, stop):
            if words.aligned(m.start(), m.end()) and m.end() != stop:
                if _PLURAL_ACTOR.search(text, start, m.start()):
                    return end  # 推动113个城市印发…方案: one document per city, no name
                start = m.end()
        return start

    def _is_named(self, base: str, kind: str, named: list[str], acted: bool, peer: bool = False) -> bool:
        core = _STANDARD_PART.sub("", base.strip(_EDGE_NOISE).removesuffix(_EDITION))  # …指南|总则
        quoted = _quote_names(core)
        # a quoted proper name in it names one programme (“五美”专项行动), not a kind of drive
        generic = _GENERIC_END.search(core) and not quoted
        if len(core) > 45 or _DETERMINER.match(core) or generic or _NOT_A_NAME.search(core):
            return False
        if _CLASS_PLAN.fullmatch(core) or (kind == "Standard" and (_SECTORS.match(core) or _standard_class(core))):
            return False  # 纳入国土空间规划, 重点行业排放标准: a class of documents
        if _RESIDUAL.search(core):
            return False  # …单位和其他生产经营者名录: a name never leaves a rest class open
        if not quoted and "的" not in core and _QUANTIFIER.search(core):
            return False  # 地方各级规划, 行业相关绿色标准: a class of documents
        if _SETTING_VERB.match(core):
            return False  # 规定的…标准: the tail of a relative clause, cut from its subject
        if kind == "Standard" and core.startswith(_LOCAL_TIER):
            return False  # 地方土壤污染风险管控标准: the standards each province may set
        if kind == "Standard" and "的" in core and "关于" not in core:
            return False  # standards are named by noun compounds (…排放标准): …隔离的规范 describes one
        if _SETTING_VERB.search(core) and len(_GENERIC_WORDS.sub("", core.rsplit("的", 1)[1])) < 5:
            return False  # 国家规定的排放标准: whichever standard the state sets
        if _lists_classes(core, self.kinds):
            return False  # 减污降碳政策、标准, 产业政策、行业标准: classes listed, not names
        if core in _SHORT_LAWS:
            return True
        if core in _LAW_CLASSES:
            return False  # 上位法, 特别法: a class of laws
        if _ABOUT_OPEN.search(core):
            return False  # 最高人民检察院关于立案标准: no 的 closes what it is about
        typed = kind == "Standard" and _STANDARD_HEAD.search(core)
        if len(_QUOTES.sub("", core)) < (_MIN_LENGTH.get(kind, 5) if not (quoted or typed) else 4):
            return False
        titled = bool(_ABOUT_FORM.search(core))  # 关于…的决定: a document's title, not the act
        if kind == "Other" and not (quoted or acted or titled):
            return False
        if core.endswith(self.kinds.bracketed) and not base.lstrip().startswith(("“", "「")) and not titled:
            return False  # 作出…的决定, 会议纪要, 应急预案, 区域重大战略: an act, a class or a concept
        if core.endswith(("措施", "举措")) and not _MEASURES.search(core):
            return False
        suffix = next(s for s, k in self.kinds.suffixes if core.endswith(s))
        if suffix == "意见" and not core.endswith(_OPINION_ENDINGS):
            return False  # 审议意见, 征求意见, 技术评估意见: comments, not a document
        if suffix == "意见" and "关于" not in core and _OPINION_HOLDER.search(core):
            return False  # 征求代表的意见: comments given
        if suffix == "通知" and not core.endswith("的通知"):
            return False  # 协助执行通知, 整改通知: a notice of one case; a document is 关于…的通知
        provided = _PROVISION_SCOPE.sub("", core[:-2])  # 法的有关规定: the law's provisions
        if suffix == "规定" and "关于" not in core and (
            provided.endswith(_HOLDS_PROVISIONS) or self.kinds.kind_of(provided) or _PROVIDING.search(provided)
        ):
            return False  # 遵守排污许可证规定, 标准的规定: the provisions of a document
        if suffix == "规定" and "关于" not in core and len(_FIELD_RULES.sub("", _GENERIC_WORDS.sub("", core[:-2]))) < 3:
            return False  # 按照档案管理规定: the rules of a field, named by the field alone
        if suffix == "规定" and "关于" in core and self.kinds.kind_of(core.split("关于", 1)[0]):
            return False  # 刑法关于…罪的规定: what a law provides on a matter, not a document
        if suffix == "规定" and _LIGHT_PROVIDING.search(core[:-2]):
            return False  # …已作规定的: provisions made
        if suffix == "规定" and _PROVISION_SCOPE.search(core[:-2]):
            return False  # 国务院关于…的有关规定: some provisions on a matter, not a title
        if core[: -len(suffix)].endswith(_SELF_NAMED):
            return False  # 履行本办法: the text itself
        topic = _PERIOD.sub("", _GENERIC_WORDS.sub("", core[: -len(suffix)]))
        if len(topic) < 2 or core.startswith(("的", "和", "及", "与")):
            return False
        if core.endswith("行动"):
            # X和Y…行动 describes two pieces of work, not one programme's name
            return quoted or bool(_PROGRAMME_ACTION.search(core) and not _JOINED.search(core))
        if core.endswith("工程"):
            if "、" in core:
                return False  # a list of targets, tasks and projects, not one programme
            # a programme is named when quoted (“三北”工程), when the document names its plan, or
            # when coordinated with a national programme (实施蓝色海湾整治行动和…修复工程: like
            # joins like)
            return quoted or peer or any(t.startswith(core) for t in named)
        return True


# Bare modifiers coordinated before one head: 大气、水、土壤|污染防治法, 大气、水|污染防治行动计划.
# The head opens with the field a document of this domain is named by (污染防治, 环境保护, 资源
# 管理 …); jieba may glue the last modifier to it (土壤污染), so the head is found by these words.
_FIELD_MODIFIERS = re.compile(rf"((?:[{HAN_CHARS}]{{1,4}}{JOINER})+)([{HAN_CHARS}]+)$")
_FIELD_HEAD = re.compile("污染|环境|保护|防治|资源|管理")


def _shared_field_head(match: TitleMatch, words: _Words) -> list[TitleMatch]:
    """大气、水、土壤污染防治法 names three laws, 大气、水污染防治行动计划 two plans: each bare
    modifier (one word, no head of its own) takes the head the last one is written with
    (grammar.expand_shared_head)."""
    m = _FIELD_MODIFIERS.fullmatch(match.title) if not match.qualifier else None
    head = _FIELD_HEAD.search(m.group(2), 1) if m else None
    if head is None:
        return [match]
    spans, pos = [], match.start
    for modifier in re.split(JOINER, m.group(1))[:-1]:
        spans.append((pos, pos + len(modifier)))
        pos += len(modifier) + 1
    if not all(words.aligned(a, b) and not any(a < s < b for s in words.starts) for a, b in spans):
        return [match]  # a modifier cut inside a word, or a phrase of its own (取水许可和…): no bare modifiers
    parts = [match.title[a - match.start : b - match.start] for a, b in spans] + [m.group(2)]
    names = expand_shared_head(parts, head.start())
    spans.append((match.start + m.start(2), match.end))
    return [replace(match, start=a, end=b, title=n, base_title=n) for (a, b), n in zip(spans, names)]


# Words joining two activities inside a phrase (耕地保护和撂荒耕地治理行动).
_JOINED = re.compile(JOINER)
# What may stand between a quoted name and the kind: a generic word and two characters at
# most (“五美”专项行动, “三品一标”提升行动); more makes the quote a modifier of a
# description (“两高”行业节能技改专项行动, “双控”改造提升工程).
_AFTER_QUOTE = 2


# Words that say what tier or field a kind belongs to, not what one document is about.
_CLASS_WORDS = re.compile("行业|国家|地方|企业|政策|产业|技术")


# Document classes that may be listed with a kind (政策、标准, 法规和标准, 审批手续、行业标准,
# 环境基准和排放标准: criteria for standards, no kind of the guide).
_CLASS_ENDS = ("政策", "法规", "手续", "制度", "基准")


def _lists_classes(core: str, kinds: TitleKinds) -> bool:
    """Is the phrase a list of classes of documents (减污降碳政策、标准, 产业政策、审批手续、
    行业标准): the part before the last conjunction ends in a kind or a class of documents,
    and the last part is a kind with class words only (标准, 行业标准)?"""
    words = jieba.lcut(core)
    joins = [i for i, w in enumerate(words) if w in ("、", "和", "及", "以及")]
    if not joins:
        return False
    before, last = "".join(words[: joins[-1]]), "".join(words[joins[-1] + 1 :])
    if not (before.endswith(_CLASS_ENDS) or kinds.kind_of(before)):
        return False
    suffix = next((s for s, _ in kinds.suffixes if last.endswith(s)), None)
    if suffix is None:
        return False
    return len(_CLASS_WORDS.sub("", _GENERIC_WORDS.sub("", last[: -len(suffix)]))) < 2


def _full_title(short: str, named: list[str]) -> str | None:
    """A name written without 《》 that ends a title the document writes in 《》 with its
    place or issuer in front (…应对气候变化规划 → 江苏省“十四五”应对气候变化规划) is a
    short form of that one title."""
    fuller = {t for t in named if t.endswith(short) and len(t) > len(short)}
    return fuller.pop() if len(fuller) == 1 else None


def _quote_names(core: str) -> bool:
    """Does a quoted word name the programme (“五美”专项行动, 数字经济“一号工程”), rather than
    qualify a noun inside a description of work?"""
    marks = [i for i, c in enumerate(core) if c in "“”「」"]
    if not marks:
        return False
    if core[marks[-1]] in "“「":
        return True  # the name ends inside its quote: 数字经济“一号工程”
    tail = core[marks[-1] + 1 :]
    for suffix in ("行动", "工程", "计划", "战略"):
        if tail.endswith(suffix):
            tail = tail[: -len(suffix)]
            break
    return len(_GENERIC_WORDS.sub("", tail)) <= _AFTER_QUOTE


# Two modifiers of one class before one head: 公共建筑和居住建筑|节能设计标准.
_CLASS_PAIR = re.compile(rf"([{HAN_CHARS}]{{2,6}})[和、]([{HAN_CHARS}]+)")


def _shared_class_head(match: TitleMatch) -> list[TitleMatch]:
    """公共建筑和居住建筑节能设计标准 names two standards: the first modifier ends in the word
    (建筑) that ends the second one's modifier, and takes the head after it."""
    m = _CLASS_PAIR.fullmatch(match.title) if not match.qualifier else None
    if m is None or len(m.group(1)) < 3:
        return [match]
    first, second = m.groups()
    cut = second.find(first[-2:], 1)
    head = second[cut + 2 :] if cut != -1 else ""
    if len(head) < 4 or first.endswith(tuple(s for s in ("规划", "方案", "标准", "清单", "办法"))):
        return [match]
    split = match.start + len(first)
    return [replace(match, end=split, title=first + head, base_title=first + head),
            replace(match, start=split + 1, title=second, base_title=second)]


def _repeats_word(before: str, after: str, words: _Words, at: int) -> bool:
    """指标体系及考核办法: the part after opens with a word (2+ characters) of the part before."""
    for size in range(min(4, len(after)), 1, -1):
        if at in words.starts and HAN_RUN.fullmatch(after[:size]) and after[:size] in before:
            return True
    return False


def _bare_noun_phrase(phrase: str) -> bool:
    return not any(w in FUNCTION_WORDS or not HAN_RUN.fullmatch(w) for w in jieba.lcut(phrase))


def _expand(part: str, first: str) -> str:
    """An elliptical coordinated title takes the modifier it shares with the first title:
    (核算标准编制工作指引, 产品碳足迹核算通则) → 产品碳足迹核算标准编制工作指引;
    (政策措施清单, 美丽中国建设任务清单) → 美丽中国建设政策措施清单;
    (监测技术指南, 协同控制可行技术指南) → 协同控制监测技术指南."""
    if not first or not part or (part.endswith("法") and part[-2:] not in _NOT_LAW):
        return part  # a law is named whole in a list (大气污染防治法和水污染防治法)
    for size in range(min(4, len(part)), 1, -1):
        at = first.find(part[:size])
        if at > 0:
            return first[:at] + part
    # the head both end with (清单, 技术指南), cut where a word of the first title starts
    bounds, at = set(), 0
    for word in jieba.lcut(first):
        bounds.add(at)
        at += len(word)
    shared = 0
    while shared < min(len(first), len(part)) - 1 and first[-1 - shared] == part[-1 - shared]:
        shared += 1
    while shared and len(first) - shared not in bounds:
        shared -= 1
    if shared < 2 or len(part) - shared > 4 or len(first) - shared <= 4:
        return part
    # the part's own word replaces the first title's last word before the shared head
    # (美丽中国建设|任务|清单 + 政策措施清单); the modifier before that word is shared
    kept = jieba.lcut(first[: len(first) - shared])[:-1]
    return "".join(kept) + part if kept else part


def _aliases(text: str, definition: tuple[int, int], before: list[TitleMatch]) -> dict[str, TitleMatch]:
    """(以下简称《A》) after one title, (以下分别简称《A》《B》) after two: each short form
    stands for the title it follows, in order."""
    a, b = definition
    short = [m.group(1).strip() for m in TITLE.finditer(text, a, b)]
    named = [t for t in before if t.end < a][-len(short):] if short else []
    return dict(zip(short, named)) if len(named) == len(short) else {}


def _issuer_form(title: str, before: list[TitleMatch]) -> TitleMatch | None:
    earlier = issuer_form(title, [t.title for t in before])
    return next((t for t in before if t.title == earlier), None) if earlier else None


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start), min(len(chars), end)):
            chars[i] = "《" if i == start else "》" if i == end - 1 else "_"
    return "".join(chars)


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


class Programmes:
    """Named national programmes written without 《》 (programmes.ttl: 绿色制造工程, 大规模国土
    绿化行动, 主体功能区战略): a listed name counts wherever the text names it as a whole word,
    unless it opens a longer title (…行动方案) or the document uses it as its own heading."""

    def __init__(self, names: dict[str, str], kinds: TitleKinds):
        self.names = names
        self.pattern = alternation(names)
        self.kinds = kinds

    def find(self, text: str, words: _Words) -> list[TitleMatch]:
        own = self._headings(text)
        found = []
        for m in self.pattern.finditer(text):
            name, start, end = m.group(0), m.start(), m.end()
            if name in own or not (start in words.starts or not HAN_RUN.match(text, start - 1)):
                continue
            if self.kinds.pattern.match(text, end) or _SYSTEM_NOUN.match(text, end):
                continue  # 绿色制造工程实施方案, 绿色制造工程体系: the name is a modifier
            if QUALIFIER.match(text, end):
                continue  # …行动计划(2033—2037年): a new edition named with its period, read as a title
            base, qualifier = split_qualifier(name)
            found.append(TitleMatch(start, end, name, base, qualifier, self.names[name], False))
        return found

    def _headings(self, text: str) -> set[str]:
        own = set()
        for line in text.split("\n"):
            heading = _HEADING_LINE.match(line) if len(line) < 40 else None
            if heading and heading.group("name") in self.names:
                own.add(heading.group("name"))
        return own


def _merge(titles: list[TitleMatch], programmes: list[TitleMatch]) -> list[TitleMatch]:
    """A listed programme stands unless a title found otherwise runs past it (绿色制造工程
    实施指南); where both end together the listed name is the name (实施|绿色制造工程)."""
    kept = [t for t in titles if not any(p.start < t.end and t.start < p.end and t.end == p.end and not t.bracketed for p in programmes)]
    return kept + [p for p in programmes if not any(t.start < p.end and p.start < t.end for t in kept)]


class TitleComponent:
    """Writes ``doc._.titles``: the instruments named in the text, in order."""

    def __init__(self, kinds: TitleKinds, verbs: dict[str, str], programmes: dict[str, str]):
        self.kinds = kinds
        self.unbracketed = UnbracketedTitles(kinds, verbs, alternation(programmes) if programmes else None)
        self.programmes = Programmes(programmes, kinds)
        self.action = self.unbracketed.action
        if not Doc.has_extension("titles"):
            Doc.set_extension("titles", default=None)

    def __call__(self, doc: Doc) -> Doc:
        bracketed: list[TitleMatch] = []
        text = doc_text(doc)
        aliases: dict[str, TitleMatch] = {}  # short form → the title it stands for
        defining = [(d.start(), d.end()) for d in _ALIAS.finditer(text)]
        annex_end = -1  # the end of the last 《》 the text names as its own annex
        for m in TITLE.finditer(text):
            title = m.group(1).strip()
            listed = annex_end >= 0 and text[annex_end : m.start()] in TITLE_LIST_JOINERS
            if listed or _OWN_ANNEX.search(text, max(0, m.start() - 8), m.start()):
                annex_end = m.end()  # 本法所附《甲表》、《乙表》: parts of the text itself
                continue
            if not 2 <= len(m.group(1)) <= 120:
                continue
            definition = next(((a, b) for a, b in defining if a <= m.start() < b), None)
            if definition:  # (以下简称《方案》): an alias of the title(s) right before it
                aliases.update(_aliases(text, definition, bracketed))
                continue
            full = aliases.get(title) or self._anaphor(title, bracketed) or _issuer_form(title, bracketed)
            if full:  # 《方案》, 《条例》: the title the text named in full
                bracketed.append(replace(full, start=m.start(1), end=m.end(1)))
                continue
            base, qualifier = split_qualifier(title)
            kind = self.kinds.kind_of(base)
            if kind is None and self._governed(text, m.start()) and not _PUBLICATION.search(base):
                kind = "Other"
            if kind is None:
                continue
            bracketed.append(TitleMatch(m.start(1), m.end(1), title, base, qualifier, kind, True))
        words = _Words(doc)
        titles = bracketed + self.unbracketed.find(doc, bracketed, words)
        listed = self.programmes.find(_blank(text, [(t.start - 1, t.end + 1) for t in bracketed]), words)
        titles = _merge(titles, listed)
        titles += self._plain_aliases(text, titles, words)
        doc._.titles = sorted(titles, key=lambda t: t.start)
        return doc

    def _plain_aliases(self, text: str, titles: list[TitleMatch], words: _Words) -> list[TitleMatch]:
        """(以下简称京津冀重大专项) after a title: the short form written later, as a whole
        word outside the titles found, is that title. A bare kind (以下简称条例, 规划) is
        only taken in 《》 (_anaphor): 规划, 行动 are verbs too."""
        found: list[TitleMatch] = []
        taken = [(t.start, t.end) for t in titles]
        for definition in _ALIAS.finditer(text):
            short = _SHORT_FORM.sub("", definition.group(0)).strip(_EDGE_NOISE)
            full = next((t for t in reversed(titles) if t.end <= definition.start() <= t.end + 1), None)
            if full is None or "《" in short or len(short) < 3 or short in self.kinds.endings or not HAN_RUN.fullmatch(short):
                continue
            for m in re.finditer(re.escape(short), text[definition.end() :]):
                a, b = definition.end() + m.start(), definition.end() + m.end()
                if words.aligned(a, b) and not any(x < b and a < y for x, y in taken):
                    found.append(replace(full, start=a, end=b))
        return found

    def _anaphor(self, title: str, before: list[TitleMatch]) -> TitleMatch | None:
        """《条例》, 《意见》: a kind alone stands for the last title of that kind named."""
        if title not in self.kinds.endings:
            return None
        return next((t for t in reversed(before) if t.base_title.endswith(title)), None)

    def _governed(self, text: str, bracket: int) -> bool:
        """Does an action verb stand right before this 《 (past other 《…》 of a list)?"""
        before = TITLES_AT_END.sub("", text[max(0, bracket - 200) : bracket])
        return any(before.endswith(v) for v in self.unbracketed.verbs)


@Language.factory("ep_titles")
def make_title_component(nlp: Language, name: str):
    ref = reference()
    return TitleComponent(TitleKinds(ref.title_suffixes, ref.bracketed_suffixes), ref.trigger_verbs, ref.programmes)
