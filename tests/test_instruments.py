"""Policy instruments written with and without 《》, and the events reported on them.

Phrases in our own wording, in the register of the seeds and of official texts, and hard cases.
"""

from __future__ import annotations

import pytest

# (text, [(title, kind, bracketed)])
INSTRUMENT_CASES = [
    # unbracketed titles after their verb
    ("研究制定自然保护地监督管理工作条例。", [("自然保护地监督管理工作条例", "AdministrativeRegulation", False)]),
    ("研究制定加快建设全国用能权交易市场的意见,", [("加快建设全国用能权交易市场的意见", "Opinion", False)]),
    ("出台进一步健全沙尘天气预警机制的指导意见,", [("进一步健全沙尘天气预警机制的指导意见", "Opinion", False)]),
    ("推动全面推行环境信息依法披露实施方案等一批配套文件出台。", [("全面推行环境信息依法披露实施方案", "Plan", False)]),
    ("持续实施噪声污染防治行动,", [("噪声污染防治行动", "Plan", False)]),
    ("制定持续深化落实基层减负工作方案。", [("持续深化落实基层减负工作方案", "Plan", False)]),
    ("出台林草部门进一步支持乡村振兴发展的15条措施文件。", [("林草部门进一步支持乡村振兴发展的15条措施", "Opinion", False)]),
    ("全力配合推进生态环境法典编纂,", [("生态环境法典", "Law", False)]),
    ("加强荒漠化防治和“三北”工程生态监督。", [("“三北”工程", "Plan", False)]),
    ("研究启动机动车“国七”排放标准制订工作。", [("机动车“国七”排放标准", "Standard", False)]),
    ("启动实施长江流域水生态修复国家科技重大专项(以下简称长江重大专项),",
     [("长江流域水生态修复国家科技重大专项", "Other", False)]),
    # coordinated lists; elliptical parts take the shared modifier
    ("编制发布产品碳足迹核算通则、核算标准编制工作指引,",
     [("产品碳足迹核算通则", "Standard", False), ("产品碳足迹核算标准编制工作指引", "Standard", False)]),
    ("制定落实美丽中国建设任务清单、政策措施清单和责任分工清单,",
     [("美丽中国建设任务清单", "List", False), ("美丽中国建设政策措施清单", "List", False),
      ("美丽中国建设责任分工清单", "List", False)]),
    ("研究制定美丽乡村建设成效评价指标体系及评价办法。", [("美丽乡村建设成效评价办法", "Rule", False)]),
    ("推动长江保护法、取水许可和水资源费征收管理条例等法律法规制修订,",
     [("长江保护法", "Law", False), ("取水许可和水资源费征收管理条例", "AdministrativeRegulation", False)]),
    # bare modifiers before one head of the field name one document each; a modifier with a
    # head of its own (取水许可和…) or a count of documents (三个…) does not
    ("持续实施水、土壤污染防治行动计划,", [("水污染防治行动计划", "Plan", False), ("土壤污染防治行动计划", "Plan", False)]),
    ("组织编制海洋和大气环境保护规划。", [("海洋环境保护规划", "Plan", False), ("大气环境保护规划", "Plan", False)]),
    ("贯彻落实水、大气污染防治两个行动计划。", []),
    # a 、 inside a title joins nouns, not titles
    ("形成碳市场覆盖水泥、钢铁、铝冶炼行业工作方案。", [("碳市场覆盖水泥、钢铁、铝冶炼行业工作方案", "Plan", False)]),
    ("发布2021、2022年度全国用能权交易钢铁行业配额总量和分配方案,",
     [("2021、2022年度全国用能权交易钢铁行业配额总量和分配方案", "Plan", False)]),
    # bracketed: kinds of international texts, unknown endings governed by a verb
    ("圆满完成《生物多样性公约》第十五次缔约方大会主席国使命", [("生物多样性公约", "Other", True)]),
    ("编制印发《应对气候变化重点任务(2023—2025)》《甲烷排放控制行动方案》。",
     [("应对气候变化重点任务(2023—2025)", "Other", True), ("甲烷排放控制行动方案", "Plan", True)]),
    # Traditional text after conversion (出臺 → 出台)
    ("中辦、國辦印發《關於推進綠色低碳轉型加強全國碳市場建設的意見》。",
     [("关于推进绿色低碳转型加强全国碳市场建设的意见", "Opinion", True)]),
    # a leading 关于 is kept as written
    ("编制关于深化全国排污权交易试点工作的指导意见,", [("关于深化全国排污权交易试点工作的指导意见", "Opinion", False)]),
    # version qualifier after an unbracketed title
    ("印发实施美丽河湖保护与建设行动方案(2025—2027年)。", [("美丽河湖保护与建设行动方案(2025—2027年)", "Plan", False)]),
    # not instruments: books, reports, TV programmes, generic and plural phrases
    ("编写《习近平生态文明思想学习问答》《习近平生态文明思想概论》等重要理论读物", []),
    ("发布《2025年黄岩岛海域生态环境状况调查评估报告》。", []),
    ("联合制作大型专题节目《习近平生态文明思想系列讲读》,", []),
    ("督促各地制定整改方案,", []),
    ("制定印发指导意见,", []),
    ("121个城市印发“无废城市”建设实施方案。", []),
    ("指导各地制定修订本行政区域湿地保护修复战略与行动计划,", []),
    ("组织开展海洋垃圾清理专项行动,", []),
    ("累计完成46项生态环境标准制修订。", []),
    ("协同推进流域重大战略生态环境治理,", []),
    ("健全生态环境分区管控制度,完善重污染天气应对机制。", []),
    ("我们必须采取坚决有力措施。", []),
    ("持续实施应对气候变化行动", []),
    # phrases of the written test documents (tests/data/written): a law's 法 glued to its head by jieba, a year
    # after a title's ending, a relative actor before the verb, an outline of a plan
    ("全国人大常委会审议通过青藏高原生态保护法,自2023年9月1日起施行。", [("青藏高原生态保护法", "Law", False)]),
    ("严格落实土壤污染防治法和固体废物污染环境防治法,",
     [("土壤污染防治法", "Law", False), ("固体废物污染环境防治法", "Law", False)]),
    ("研究制定新方法,坚持依法治污。", []),
    ("发布《国家适应气候变化战略2035》。", [("国家适应气候变化战略2035", "Strategy", True)]),
    ("省政府出台完善生态保护补偿制度的实施意见。", [("完善生态保护补偿制度的实施意见", "Opinion", False)]),
    ("省委、省政府印发美丽广东建设规划纲要。", [("美丽广东建设规划纲要", "Plan", False)]),
    ("研究编制河北省生态环境保护“十五五”规划基本思路。", []),
    # short law names in a list (jieba keeps a law's head with its 法); a quoted name makes a drive
    # one programme; an upgraded edition keeps 升级版; 如下 names the text itself
    ("推动森林法、草原法、湿地保护法等制定修订,",
     [("森林法", "Law", False), ("草原法", "Law", False), ("湿地保护法", "Law", False)]),
    ("深入实施“千村示范”专项行动,", [("“千村示范”专项行动", "Plan", False)]),
    ("实施海洋经济“十百千”提升行动升级版。", [("海洋经济“十百千”提升行动升级版", "Plan", False)]),
    ("组织开展大气污染专项行动,", []),
    ("经研究,制定如下实施意见:", []),
    # a short form defined in brackets, or a kind alone after the full title, is that title
    ("省政府印发《某省秸秆禁烧管理办法》(以下简称《办法》),各地要严格执行《办法》。",
     [("某省秸秆禁烧管理办法", "Rule", True), ("某省秸秆禁烧管理办法", "Rule", True)]),
    ("依据《某某条例》和《某某实施细则》(以下分别简称《条例》《细则》),修订《细则》。",
     [("某某条例", "AdministrativeRegulation", True), ("某某实施细则", "Rule", True), ("某某实施细则", "Rule", True)]),
    ("开展《某省湿地保护条例》立法调研,推进《条例》研究制定。",
     [("某省湿地保护条例", "AdministrativeRegulation", True), ("某省湿地保护条例", "AdministrativeRegulation", True)]),
    ("依照《某高级人民法院关于审理湿地案件适用法律若干问题的解释》(某法释〔2031〕5号,以下称《湿地解释》),用好《湿地解释》。",
     [("某高级人民法院关于审理湿地案件适用法律若干问题的解释", "Other", True)] * 2),
    # 意见 as comments, 本 + kind as the text itself, a figure, a preposition or a governing verb
    # inside the phrase: no name; a verb glued to the ending stays (推广目录)
    ("会议听取了代表的审议意见,", []),
    ("起草单位认真研究各方反馈意见,", []),
    ("各单位应当按照本实施方案要求执行,", []),
    ("督促排放量超过5万吨的企业执行行业标准,", []),
    ("在重点流域开展水生态考核规划,", [("水生态考核规划", "Plan", False)]),
    ("研究制定绿色低碳产品推广目录,", [("绿色低碳产品推广目录", "List", False)]),
    # catalogues, agreements and roadmaps are documents too
    ("全面落实沪苏浙皖生态补偿合作协议,", [("沪苏浙皖生态补偿合作协议", "Other", False)]),
    ("加快编制长江口湿地保护修复路线图。", [("长江口湿地保护修复路线图", "Other", False)]),
    # decisions and resolutions: documents in 《》, the act of deciding without
    ("认真学习《中共某省委关于推进绿色转型若干问题的决定》,",
     [("中共某省委关于推进绿色转型若干问题的决定", "Other", True)]),
    ("依照《某市人大常委会关于加强饮用水源保护的决议》,", [("某市人大常委会关于加强饮用水源保护的决议", "Other", True)]),
    ("执法机关依法作出责令停止建设的决定。", []),
    # …unless written in a title's form (关于…的决定): the decision itself
    ("常委会会议表决通过关于修改部分地方性法规的决定。", [("关于修改部分地方性法规的决定", "Other", False)]),
    ("省人大常委会作出关于加强湿地保护的决议。", [("关于加强湿地保护的决议", "Other", False)]),
    ("依照最高人民法院关于审理海洋污染案件若干问题的解释处理。",
     [("最高人民法院关于审理海洋污染案件若干问题的解释", "Other", False)]),
    # …but what a law provides on a matter is its provisions: the law is cited
    ("依照森林法关于采伐许可、林地保护等的规定处理。", [("森林法", "Law", False)]),
    ("会议还表决通过了省人大常委会关于修改湿地保护条例等四部法规的决定。",
     [("省人大常委会关于修改湿地保护条例等四部法规的决定", "Other", False)]),
    # a listed programme's name with a period after it is a new edition's title (现将X印发:
    # the object before its verb); a heavy metal's emission standards are a family
    ("现将大气污染防治行动计划(2036—2040年)印发给你们。",
     [("大气污染防治行动计划(2036—2040年)", "Plan", False)]),
    ("现将海洋垃圾清理工作方案转发给你们,请遵照执行。", [("海洋垃圾清理工作方案", "Plan", False)]),
    ("严格执行重金属污染物排放标准。", []),
    # the Water Law is cited by its two characters
    ("加快修订水法和河道管理条例。", [("水法", "Law", False), ("河道管理条例", "AdministrativeRegulation", False)]),
    # 规定 after a permit, a document or 的 is what it provides; …管理规定 and 关于…的规定 are documents
    ("企业应当遵守取水许可证规定,按期报告。", []),
    ("依照地方水质标准的规定,确定监测频次。", []),
    ("省政府出台湿地生态补偿管理规定。", [("湿地生态补偿管理规定", "Rule", False)]),
    ("研究起草关于加强危险废物跨省转移管理的规定。", [("关于加强危险废物跨省转移管理的规定", "Rule", False)]),
    # a making verb inside the phrase opens the object: no name (…许可证规定|编制|用水计划), each
    # unit's own plan (自行…方案), and one document per city when the actor before it is plural
    ("(三)未按照取水许可证规定编制用水计划并报送的;", []),
    ("未按照许可证规定制定自行监测方案的;", []),
    ("推动56个县和3个园区印发“无废城市”建设实施方案。", []),
    # …清单编制的依据: the kind and its verb modify another noun; a clause lends no modifier
    ("年度执行报告中填报的排放量可以作为环境统计、污染源排放清单编制的依据。", []),
    # a residual class (其他) describes what a list covers; a name does not
    ("研究制定规模养殖场和其他养殖经营主体备案名录。", []),
    ("制定农药生产企业和其他经营单位备案名录。", []),
    # an elliptical part replaces the first title's word before the head they share
    ("制定农业面源污染防治可行技术指南、监测技术指南。",
     [("农业面源污染防治可行技术指南", "Standard", False), ("农业面源污染防治监测技术指南", "Standard", False)]),
    # a planning system or a per-industry standard with only scope words is a class; a place,
    # a period or one industry names one document
    ("做好与国土空间规划的衔接。", []),
    ("项目审批要符合国家产业规划和产业政策。", []),
    ("研究编制浙江省国土空间规划(2021—2035年)。", [("浙江省国土空间规划(2021—2035年)", "Plan", False)]),
    ("研究制定重点行业挥发性有机物排放标准。", []),
    ("研究制定水泥行业大气污染物排放标准。", [("水泥行业大气污染物排放标准", "Standard", False)]),
    # an adverb of manner makes 规划 a verb; 规范 before an activity is "regulate"
    ("支持在沿海滩涂、盐碱地区加快规划建设大型光伏基地。", []),
    ("加强再生资源回收行业规范管理。", []),
    ("制定危险废物贮存污染控制技术规范。", [("危险废物贮存污染控制技术规范", "Standard", False)]),
    # 规范化 is no ending: the governing verb after it opens the object
    ("指导地方常态化、规范化开展温室气体清单编制。", []),
    # a list issued in batches keeps its batch as a qualifier; a notice cited with and without
    # its issuers is one notice, named as first written
    ("将达标企业纳入《某省节水型企业名录(第二批)》。", [("某省节水型企业名录(第二批)", "List", True)]),
    ("贯彻《关于印发某某方案的通知》,严格落实《某部等部门关于印发某某方案的通知》。",
     [("关于印发某某方案的通知", "Notice", True), ("关于印发某某方案的通知", "Notice", True)]),
    ("对照《甲部关于印发某某方案的通知》和《乙部关于印发某某方案的通知》。",
     [("甲部关于印发某某方案的通知", "Notice", True), ("乙部关于印发某某方案的通知", "Notice", True)]),
    # annual work plans and emergency plans are plans; an emergency plan without 《》 is the class
    # every body keeps, and a year is no topic
    ("现将《某市2024年大气污染防治工作要点》印发给你们,请认真贯彻执行。",
     [("某市2024年大气污染防治工作要点", "Plan", True)]),
    ("印发《某市2023年生态环境保护重点工作安排》。", [("某市2023年生态环境保护重点工作安排", "Plan", True)]),
    ("修订《某省突发环境事件应急预案》。", [("某省突发环境事件应急预案", "Plan", True)]),
    ("各地要完善重污染天气应急预案。", []),
    ("研究制定2025年工作要点。", []),
    ("研究编制2021—2025年生态环境监测规划。", [("2021—2025年生态环境监测规划", "Plan", False)]),
    # 具体的, 相应的 pick each unit's own document, not one named document
    ("根据总体实施方案制定具体的节能降碳技术改造实施方案。", []),
    ("市生态环境局制定相应的农村污水治理实施方案。", []),
    # a list named by the state is one national document; other lists an item is put in are
    # kept one per place or unit
    ("经鉴定属于危险废物的,应当列入国家危险废物名录。", [("国家危险废物名录", "List", False)]),
    ("符合条件的物种纳入国家重点保护野生植物名录。", [("国家重点保护野生植物名录", "List", False)]),
    ("排放量大的企业纳入土壤污染重点监管单位名录。", []),
    # a standard's title may add an element after a space (总则, 第2部分 …)
    ("按照《某类排污单位自行监测技术指南 总则》确定监测频次。",
     [("某类排污单位自行监测技术指南 总则", "Standard", True)]),
    # 申请纳入 and 列入 govern the list an item goes into: the name starts after them
    ("新建企业经评估后按程序申请纳入市级节水名录。", []),
    ("将其列入重点排污单位名录。", []),
    # interpretations, meeting summaries, replies and announcements: in 《》 they are documents
    # (Other) wherever they are cited; without 《》 the word is the act or the class
    ("依照《某高级人民法院关于审理湿地破坏案件适用法律若干问题的解释》处理。",
     [("某高级人民法院关于审理湿地破坏案件适用法律若干问题的解释", "Other", True)]),
    ("参照《关于固体废物跨区域倾倒案件办理工作座谈会纪要》执行。",
     [("关于固体废物跨区域倾倒案件办理工作座谈会纪要", "Other", True)]),
    ("根据《某部关于排污费征收有关问题的复函》和《某省人民政府关于湿地名录的批复》,",
     [("某部关于排污费征收有关问题的复函", "Other", True), ("某省人民政府关于湿地名录的批复", "Other", True)]),
    ("按照《关于发布某类产品污染物限值的公告》要求,", [("关于发布某类产品污染物限值的公告", "Other", True)]),
    ("本条例由省生态环境厅负责解释。", []),
    ("会议形成会议纪要并予以批复。", []),
    # legal texts apply laws, regulations and rules by name, often short and without 《》, after
    # 依照, 适用, 违反, 参照 …; the list goes on after a bracketed title; 法的有关规定 and 第N条规定
    # are provisions, and 违反…规定, 遵守…规定 the rules of a field
    ("依照森林防火法的有关规定给予处分。", [("森林防火法", "Law", False)]),
    ("违反湿地名录管理办法,擅自占用湿地的,", [("湿地名录管理办法", "Rule", False)]),
    ("本条例未作规定的,适用《中华人民共和国草原法》、森林法等法律的规定。",
     [("中华人民共和国草原法", "Law", True), ("森林法", "Law", False)]),
    ("依据《中华人民共和国海岛保护法》和海域使用管理条例,制定本细则。",
     [("中华人民共和国海岛保护法", "Law", True), ("海域使用管理条例", "AdministrativeRegulation", False)]),
    ("参照土壤、固体废物污染防治法的规定处理。",
     [("土壤污染防治法", "Law", False), ("固体废物污染防治法", "Law", False)]),
    ("违反本条例第十二条规定的,责令改正。", []),
    ("运输单位应当遵守危险货物运输规定。", []),
    # a standard is named by what it covers; a tier and the generic words of the field name a
    # family of standards, and 国家 before one standard's name is its tier
    # words of legal theory name classes of laws; comments given by people; 关于 left open
    # by 的; provisions made (作出规定); the rules of a field named by the field alone
    ("规章不得违反上位法的规定。", []),
    ("起草办法时应当听取基层群众和专家的意见。", []),
    ("研究制定加强湿地保护修复工作的意见。", [("加强湿地保护修复工作的意见", "Opinion", False)]),
    ("移送时参照乙院关于起诉标准审查。", []),
    ("海洋工程排污另有规定的,从其规定。", []),
    ("国家发布的涂料工业排放标准中对VOCs无组织排放控制已作规定的,按该标准执行。",
     [("涂料工业排放标准", "Standard", False)]),
    ("原始记录按照财务管理规定保存。", []),
    ("按照海水浴场管理暂行规定开放。", [("海水浴场管理暂行规定", "Rule", False)]),
    # a body speaking of itself before its modal (jieba glues 部将), a time before the verb
    ("我部将组织起草土壤污染状况调查技术导则。", [("土壤污染状况调查技术导则", "Standard", False)]),
    ("本厅将研究制定湿地生态补水技术规范。", [("湿地生态补水技术规范", "Standard", False)]),
    ("2035年6月底前发布优先控制化学品名录。", [("优先控制化学品名录", "List", False)]),
    ("年内出台海岛生态修复管理办法。", [("海岛生态修复管理办法", "Rule", False)]),
    # an article cited after a title ends that title's part of a list; a standard issued in
    # parts keeps its part (总则); 执法 is no law's ending; 规定 after an adverb is the verb
    ("依照海岛保护法第二十条第二款和海域使用金征收办法处理。",
     [("海岛保护法", "Law", False), ("海域使用金征收办法", "Rule", False)]),
    ("采样应当符合土壤环境监测技术指南总则和有关规定。", [("土壤环境监测技术指南总则", "Standard", False)]),
    ("按照海洋行政执法与刑事司法衔接办法移送。", [("海洋行政执法与刑事司法衔接办法", "Rule", False)]),
    ("应当符合行政机关依法规定的条件。", []),
    # a line of normative references names each standard by its number
    ("HJ 91 地表水和污水监测技术规范", [("地表水和污水监测技术规范", "Standard", False)]),
    ("GB 3838—2002 地表水环境质量标准", [("地表水环境质量标准", "Standard", False)]),
    # a standard's number before its name identifies it; 专用 and 通用 name a class
    ("燃气轮机执行GB 13223-2011 火电厂大气污染物排放标准。", [("火电厂大气污染物排放标准", "Standard", False)]),
    ("贮存过程执行专用国家环境保护标准。", []),
    ("排放应当达到地方或者国家确定的水污染物排放标准。", []),
    ("按照国家环境监测技术规范开展监测。", []),
    ("执行国家室内空气质量标准。", [("室内空气质量标准", "Standard", False)]),
    # the two codes cited by a two-character name; 无法, 设法 are no laws
    ("依照刑法第三百三十九条的规定追究责任。", [("刑法", "Law", False)]),
    ("根据宪法和有关法律,制定本条例。", [("宪法", "Law", False)]),
    ("当事人确实无法提供证明材料的,依照本办法处理。", []),
    # standards listed by their generic words, or cut from the subject of 规定的, are a family
    ("填埋场所应当符合国家规定的环境保护、安全标准。", []),
    # 规定 after the body that provides it or after a part of a text is the act of providing;
    # a notice of one case, a disjunction, a standard described with 的: no names
    ("排污费的征收范围依照国务院规定执行。", []),
    ("违反前条第二款第三项规定的,处以罚款。", []),
    ("拒不执行人民法院的停止侵害、协助执行通知的,", []),
    ("按照法律文书规定的期限履行。", []),
    # 或者 joins two clauses, each naming a standard by the water it covers; classes stay none
    ("出水水质不符合地表水水质标准或者不符合灌溉用水水质标准的,",
     [("地表水水质标准", "Standard", False), ("灌溉用水水质标准", "Standard", False)]),
    ("出水水质不符合地方标准或者不符合行业标准的,", []),
    ("搬运作业应当遵守装卸、堆放的规范。", []),
    # the ambient quality of air, sound and soil has one national standard each; water several
    ("执行大气环境质量标准。", [("大气环境质量标准", "Standard", False)]),
    ("尚未达到国家大气环境质量标准的城市,应当编制达标规划。", [("大气环境质量标准", "Standard", False)]),
    ("国务院生态环境主管部门制定国家水环境质量标准。", []),
    # units and places that apply a standard or a plan apply the one document (各地要制定…方案
    # stays one per place); 相应 picks each case's own; a pollutant's emission standards are a
    # family (one per industry)
    ("排污单位应当执行污水综合排放标准。", [("污水综合排放标准", "Standard", False)]),
    ("各县要认真落实农村人居环境整治提升五年行动。", [("农村人居环境整治提升五年行动", "Plan", False)]),
    ("各县要抓紧制定农村污水治理实施方案。", []),
    ("建设单位应当执行相应大气污染物排放标准。", []),
    ("企业应当按照挥发性有机物排放标准组织生产。", []),
    # a standard complied with is named by its topic (jieba glues 符合国家 into one word); the
    # field's generic words alone are a family
    ("工厂场界噪声应当符合国家规定的工业企业厂界环境噪声排放标准。",
     [("工业企业厂界环境噪声排放标准", "Standard", False)]),
    ("夜间施工应当符合国家环境噪声排放标准。", []),
    # 意见 someone gives on a case is comments; 关于…的意见 is a document
    ("检测机构应当在五日内提出设备是否合格的意见。", []),
    ("研究提出关于完善湿地生态补偿机制的意见。", [("关于完善湿地生态补偿机制的意见", "Opinion", False)]),
    # Traditional text quoting with 「」
    ("推動出臺「十四五」時期「無廢城市」建設工作方案。", [("「十四五」时期「无废城市」建设工作方案", "Plan", False)]),
    # a schedule or table in 《》 is a list; one annexed to the text itself (本法所附) is a part
    # of it; without 《》 …表 is a form each case fills in
    ("应纳税额依照《某某资源税税目税率表》计算。", [("某某资源税税目税率表", "List", True)]),
    ("《某某资源税法》所附《资源税税目税率表》另有规定的除外。",
     [("某某资源税法", "Law", True), ("资源税税目税率表", "List", True)]),
    ("按照本条例所附《重点排污行业表》和《排放限值对照表》执行。", []),
    ("项目单位应当在开工前填报环境影响登记表。", []),
    ("执法人员按照《某市生态环境行政处罚裁量基准表》确定罚款数额。", [("某市生态环境行政处罚裁量基准表", "List", True)]),
    # a quoted proper name may end in a kind that otherwise needs 《》
    ("深入实施“一核两翼”区域协调发展战略。", [("“一核两翼”区域协调发展战略", "Strategy", False)]),
    # a short standard names what it covers before the head of its type; a field's words, a
    # topic of no medium (建筑节能) or products in general name a family
    ("出水应当符合渔业水质标准。", [("渔业水质标准", "Standard", False)]),
    ("工地周边地下水应当符合地下水质量标准。", [("地下水质量标准", "Standard", False)]),
    ("推广建筑节能标准。", []),
    ("产品应当符合产品质量标准。", []),
    ("应当符合国家放射性污染防治标准。", []),
    ("制定并公布污染防治可行技术指南。", []),
    # a quantity measured against a standard (超过, 达到): the standard is named
    ("土壤中镉含量超过农用地土壤污染风险管控标准的，应当开展评估。", [("农用地土壤污染风险管控标准", "Standard", False)]),
    # standards are set per basin as per industry: 流域 alone is the class, a named basin one standard
    ("加快制定流域水污染物排放标准。", []),
    ("执行太湖流域城镇污水处理厂水污染物排放标准。", [("太湖流域城镇污水处理厂水污染物排放标准", "Standard", False)]),
    # criteria (基准) close a coordinated phrase as a kind does
    ("修订海洋环境基准和近岸海域水质标准。", [("近岸海域水质标准", "Standard", False)]),
    # the environmental plan of each government is a planning system; 有关规定 are provisions
    ("编制国家环境保护规划。", []),
    ("遵守国务院关于加强湿地保护的有关规定。", []),
    # a modal between the subject and its verbs; a plural subject makes one document each
    ("省生态环境厅要加快出台湿地保护修复实施方案。", [("湿地保护修复实施方案", "Plan", False)]),
    ("各地要制定农村污水治理实施方案。", []),
    # a document named before the body that makes it (X由…另行制定, X，由…规定); a determiner,
    # a plural maker or a description with 的 names none
    ("湿地生态补偿技术指南由生态环境部另行制定。", [("湿地生态补偿技术指南", "Standard", False)]),
    ("第十二条 海岛保护名录管理办法，由国务院海洋主管部门会同有关部门制定。", [("海岛保护名录管理办法", "Rule", False)]),
    ("具体办法由国务院规定。", []),
    ("具体实施方案由各地另行制定。", []),
    ("禁养区的划定和管理办法，由国务院规定。", []),
    # the tier each province sets, and the provisions of laws in general, are no names
    ("应当执行地方土壤污染风险管控标准。", []),
    ("应当依据法律法规规定实施保护。", []),
    # industrial parks, like cities and firms, each make their own plan
    ("推动化工园区科学编制循环化改造规划。", []),
    # a standard of the next stage is not named yet; a second verb of the act (修订完善) is no
    # part of the title after it
    ("研究制定下一阶段机动车排放标准。", []),
    ("修订完善绿色建筑评价标准。", [("绿色建筑评价标准", "Standard", False)]),
    ("制定调整重点保护野生植物名录。", [("重点保护野生植物名录", "List", False)]),
    # a catalogue of kinds of things an item is put in is one document; a register of units is
    # each place's own
    ("对列入淘汰类产品目录的设备,不得销售。", [("淘汰类产品目录", "List", False)]),
    ("列入限制类放射性同位素进出口目录的,须经审批。", [("限制类放射性同位素进出口目录", "List", False)]),
    ("将达标企业纳入重点企业目录。", []),
]

# a short form defined without 《》 (以下简称…) stands for the title before it wherever it is written
# as a word; a bare kind (以下简称条例) counts only in 《》
ALIAS_CASES = [
    ("启动实施长江流域水生态修复国家科技重大专项(以下简称长江重大专项),组织开展长江重大专项中期评估。",
     ["长江流域水生态修复国家科技重大专项"] * 2, ["Implementation", "Evaluation"]),
    ("全面落实《某省生态环境保护条例》(以下简称条例),加强条例宣传。", ["某省生态环境保护条例"], ["Implementation"]),
]


@pytest.mark.parametrize(("text", "titles", "actions"), ALIAS_CASES)
def test_plain_short_forms(nlp, text, titles, actions):
    doc = _normalised(nlp, text)
    assert [t.title for t in doc._.titles] == titles
    assert [e.action for e in doc._.events] == actions


# (text, [(title, action, agencies)])
EVENT_CASES = [
    ("研究制定自然资源领域改革实施方案。", [("自然资源领域改革实施方案", "Drafting", ())]),
    ("国办转发建设绿色低碳示范区的实施意见,", [("建设绿色低碳示范区的实施意见", "Forwarding", ("国务院办公厅",))]),
    ("推动全面推行环境信息依法披露实施方案等一批配套文件出台。", [("全面推行环境信息依法披露实施方案", "Issuance", ())]),
    ("印发实施钢铁行业碳排放核算纳入排污许可技术指南。",
     [("钢铁行业碳排放核算纳入排污许可技术指南", "Issuance", ()),
      ("钢铁行业碳排放核算纳入排污许可技术指南", "Implementation", ())]),
    ("编制发布产品碳足迹核算通则、核算标准编制工作指引,",
     [("产品碳足迹核算通则", "Drafting", ()), ("产品碳足迹核算通则", "Issuance", ()),
      ("产品碳足迹核算标准编制工作指引", "Drafting", ()), ("产品碳足迹核算标准编制工作指引", "Issuance", ())]),
    ("更新发布《国家湿地保护战略与行动计划(2024—2030年)》。",
     [("国家湿地保护战略与行动计划(2024—2030年)", "Issuance", ())]),
    ("修订发布《生态环境信访工作办法》,",
     [("生态环境信访工作办法", "Revision", ()), ("生态环境信访工作办法", "Issuance", ())]),
    # verbs after the title, and past the titles coordinated with it
    ("完成新污染物治理行动中期评估,", [("新污染物治理行动", "Evaluation", ())]),
    ("扎实推进2035年国家自主贡献目标方案编制。", [("2035年国家自主贡献目标方案", "Drafting", ())]),
    ("推动长江保护法、取水许可和水资源费征收管理条例等法律法规制修订,",
     [("长江保护法", "Revision", ()), ("取水许可和水资源费征收管理条例", "Revision", ())]),
    # a verb right after one title belongs to it, not to the next
    ("推动《排污许可管理条例》颁布施行和土壤环境监测条例等法规制修订,",
     [("排污许可管理条例", "Issuance", ()), ("排污许可管理条例", "Implementation", ()),
      ("土壤环境监测条例", "Revision", ())]),
    # 推进 a programme is carrying it out; 推进 its building is not
    ("推进林草系统森林防火隐患排查三年行动,", [("林草系统森林防火隐患排查三年行动", "Implementation", ())]),
    ("全力推进危废“1+6+20”重大工程建设,", []),
    # 会同9部门 names no agency; 中共中央、国务院 name two
    ("会同9部门印发《关于建立生态产品价值核算体系的实施方案》,", [("关于建立生态产品价值核算体系的实施方案", "Issuance", ())]),
    ("中共中央、国务院印发《关于全面推进美丽中国建设的意见》,",
     [("关于全面推进美丽中国建设的意见", "Issuance", ("党中央", "国务院"))]),
    # phrases of the written test documents: the date a text takes effect, and a next clause with no object of
    # its own whose verbs act on the title that ends the clause before it
    ("修订《生态环境行政处罚办法》并于2023年7月1日起施行。",
     [("生态环境行政处罚办法", "Revision", ()), ("生态环境行政处罚办法", "Implementation", ())]),
    ("全国人大常委会审议通过青藏高原生态保护法,自2023年9月1日起施行。",
     [("青藏高原生态保护法", "Implementation", ())]),
    ("编制《白洋淀流域水生态环境保护规划(2024—2030年)》,报请省政府印发实施。",
     [("白洋淀流域水生态环境保护规划(2024—2030年)", "Drafting", ()),
      ("白洋淀流域水生态环境保护规划(2024—2030年)", "Issuance", ()),
      ("白洋淀流域水生态环境保护规划(2024—2030年)", "Implementation", ())]),
    ("国务院批复同意《黄河流域生态环境保护规划》,生态环境部会同有关部门组织实施。",
     [("黄河流域生态环境保护规划", "Implementation", ("生态环境部",))]),
    ("印发《生态环境分区管控管理暂行规定》,开展成效评估,推动成果落地。",
     [("生态环境分区管控管理暂行规定", "Issuance", ())]),
    ("依法依规修订完善《环境空气质量标准》。", [("环境空气质量标准", "Revision", ())]),
    ("省政府出台完善生态保护补偿制度的实施意见。", [("完善生态保护补偿制度的实施意见", "Issuance", ())]),
    # 制定修订 written out is 制修订: one Revision; an alias takes the events of its title
    ("推动森林法、草原法、湿地保护法等制定修订,",
     [("森林法", "Revision", ()), ("草原法", "Revision", ()), ("湿地保护法", "Revision", ())]),
    ("开展《某省湿地保护条例》立法调研,推进《条例》研究制定。", [("某省湿地保护条例", "Drafting", ())]),
    ("实施海洋经济“十百千”提升行动升级版。", [("海洋经济“十百千”提升行动升级版", "Implementation", ())]),
    # 省发展改革委 is the province's commission, not 国家发展和改革委员会
    ("广东省生态环境厅会同省发展改革委联合印发《广东省臭氧污染防治攻坚行动方案》。",
     # the relative 省发展改革委 takes the place of the body named before it
     [("广东省臭氧污染防治攻坚行动方案", "Issuance", ("广东省生态环境厅", "广东省发展和改革委员会"))]),
]


def _normalised(nlp, text):
    from kg.ingest import detect_script, normalise

    return nlp(normalise(text, detect_script(text)))  # as ingest does: fold, then Simplified


@pytest.mark.parametrize(("text", "expected"), INSTRUMENT_CASES)
def test_instruments(nlp, text, expected):
    doc = _normalised(nlp, text)
    assert [(t.title, t.kind, t.bracketed) for t in doc._.titles] == expected


@pytest.mark.parametrize(("text", "expected"), EVENT_CASES)
def test_events(nlp, text, expected):
    doc = _normalised(nlp, text)
    got = [(doc._.titles[e.title_index].title, e.action, e.agencies) for e in doc._.events]
    assert got == expected


def test_unbracketed_qualifier_kept_apart(nlp):
    (title,) = nlp("印发实施美丽河湖保护与建设行动方案(2025—2027年)。")._.titles
    assert (title.base_title, title.qualifier, title.bracketed) == ("美丽河湖保护与建设行动方案", "(2025—2027年)", False)


def test_title_written_both_ways_is_one_bracketed_instrument(seed_extractions):
    (methane,) = [i for i in seed_extractions["001_aa8a88324737e6f4"].instruments if i.title == "甲烷排放控制行动方案"]
    assert methane.bracketed and len(methane.mentions) >= 2


AMENDED_RULE = """某省湿地保护办法
(2010年3月2日某省人民政府令第12号公布 根据2016年5月6日《某省人民政府关于废止和修改部分省政府规章的决定》修正)
第一条 为了保护湿地,根据《中华人民共和国湿地保护法》,制定本办法。
第二条 本办法自公布之日起施行。
"""


def test_a_decision_named_in_the_note_is_an_instrument_without_events(tmp_path):
    """根据《…的决定》修正 in a 题注: the amending decision is an instrument the text names; what
    was done with it is the text's history, not a report of events."""
    from kg.build import extract_file

    path = tmp_path / "rule.txt"
    path.write_text(AMENDED_RULE, encoding="utf-8")
    record = extract_file(path, {})
    decision = "某省人民政府关于废止和修改部分省政府规章的决定"
    assert (decision, "Other", True) in {(i.title, i.kind, i.bracketed) for i in record.instruments}
    assert decision not in {e.title for e in record.events}
    assert decision in {h.via for h in record.history}


PRESCRIBING_LAW = """某省土壤污染防治条例
第一条 为了防治土壤污染,根据《中华人民共和国土壤污染防治法》,制定本条例。
第二条 省生态环境主管部门制定并公布农用地土壤污染风险管控技术指南。
第三条 土地使用权人应当编制地块风险管控实施方案,并报所在地主管部门备案。
"""


def test_a_legal_text_prescribes_documents_it_does_not_name(tmp_path, nlp):
    """立法技术规范: a legal text cites what exists by its name in 《》; what it says a province
    or a unit makes (省…部门制定并公布…指南, 应当编制…方案) is a duty described by its function.
    The same clause in a plan's wording names the document to be made."""
    from kg.build import extract_file

    path = tmp_path / "law.txt"
    path.write_text(PRESCRIBING_LAW, encoding="utf-8")
    titles = {i.title for i in extract_file(path, {}).instruments}
    assert "中华人民共和国土壤污染防治法" in titles
    assert not any(t.endswith(("技术指南", "实施方案")) for t in titles)
    plan = nlp("研究制定并公布农用地土壤污染风险管控技术指南。")
    assert [t.title for t in plan._.titles] == ["农用地土壤污染风险管控技术指南"]


OWN_TITLE_PLAN = """某省生态环境厅2031年推动绿色低碳转型工作计划
为贯彻落实《某省绿色低碳发展条例》,推动全省绿色低碳转型,制定本计划。
一、研究制定某省减污降碳协同增效实施方案。
"""


def test_the_own_title_line_gives_no_fragment_title(tmp_path):
    """A verb inside the document's own title (…厅2031年推动…工作计划) opens no title: the
    document itself is the instrument its title line names."""
    from kg.build import extract_file

    path = tmp_path / "plan.txt"
    path.write_text(OWN_TITLE_PLAN, encoding="utf-8")
    titles = {i.title for i in extract_file(path, {}).instruments}
    assert "绿色低碳转型工作计划" not in titles
    assert {"某省绿色低碳发展条例", "某省减污降碳协同增效实施方案"} <= titles


PLANNING_LAW = """某省湖泊保护条例
第一条 为了保护湖泊,根据《中华人民共和国水法》,制定本条例。
第二条 湖泊保护应当符合流域综合规划和湖泊保护规划。
第三条 违反本条例规定的,依照水法的有关规定处罚。
"""


MAKERS_LAW = """某某湿地保护法
第一条 为了保护湿地,根据《中华人民共和国环境保护法》,制定本法。
第二条 国务院林业草原主管部门会同国务院有关部门编制全国湿地保护规划,报国务院批准后实施。
第三条 县级以上地方人民政府应当编制本行政区域湿地保护规划。
第四条 国家重要湿地名录,由国务院林业草原主管部门会同有关部门制定并公布。
第五条 省级人民政府林业草原主管部门制定并公布省级重要湿地名录。
第六条 未达到国家湿地保护目标的设区的市人民政府应当编制湿地限期修复规划。
第七条 有关地方人民政府应当根据全国湿地保护规划,安排湿地修复用地。
第八条 湿地管理机构应当按照国务院林业草原主管部门制定的湿地生态监测技术规范开展监测。
第九条 湿地管理机构应当按照省级人民政府林业草原主管部门制定的湿地巡护技术规范开展巡护。
"""


def test_a_legal_text_names_the_documents_one_national_body_makes(tmp_path):
    """What a law says one national body makes, named as a title (编制全国湿地保护规划, 国家重要湿地
    名录由…制定), is one document; what each government or province makes is a class."""
    from kg.build import extract_file

    path = tmp_path / "law.txt"
    path.write_text(MAKERS_LAW, encoding="utf-8")
    titles = {i.title for i in extract_file(path, {}).instruments}
    assert {"全国湿地保护规划", "国家重要湿地名录"} <= titles
    assert not {"本行政区域湿地保护规划", "湿地保护规划", "省级重要湿地名录", "重要湿地名录", "湿地限期修复规划"} & titles
    # …the maker may be the subject of a relative clause (按照国务院…部门制定的…技术规范)
    assert "湿地生态监测技术规范" in titles and "湿地巡护技术规范" not in titles


def test_a_legal_text_names_no_plan_without_brackets(tmp_path):
    """The plans a legal text names without 《》 are those each government or body keeps
    (流域综合规划, 湖泊保护规划: one per basin, one per lake); a law it cites by short name is
    one law."""
    from kg.build import extract_file

    path = tmp_path / "law.txt"
    path.write_text(PLANNING_LAW, encoding="utf-8")
    titles = {i.title for i in extract_file(path, {}).instruments}
    assert not any(t.endswith("规划") for t in titles)
    assert "中华人民共和国水法" in titles


OWN_LIST = """---
title: 某市生态环境轻微违法行为免罚清单
category:
  - 自由裁量
---

| 序号 | 违法行为 | 依据 |
| --- | --- | --- |
| 1 | 未按规定设置标志 | 《中华人民共和国固体废物污染环境防治法》 |
"""

HEADLINE = """某省碳排放权交易实施方案出台 部署五项重点工程
本报讯 记者从省生态环境厅获悉，某省日前印发《某省碳排放权交易实施方案》。
"""


def test_a_document_with_the_form_of_one_is_an_instrument_of_its_own(tmp_path):
    """A list, a directory or a 纪要 reports no act on itself (no 本办法自…起施行), yet is an
    instrument: its title, read from the front matter or the title line, names it. A news
    headline may end in a kind (…部署五项重点工程) but has none of the form of a document."""
    from kg.build import extract_file

    (tmp_path / "list.md").write_text(OWN_LIST, encoding="utf-8")
    (tmp_path / "news.txt").write_text(HEADLINE, encoding="utf-8")
    listed = {(i.title, i.kind, i.bracketed) for i in extract_file(tmp_path / "list.md", {}).instruments}
    assert ("某市生态环境轻微违法行为免罚清单", "List", False) in listed
    news = {i.title for i in extract_file(tmp_path / "news.txt", {}).instruments}
    assert news == {"某省碳排放权交易实施方案"}


DUTY_LAW = """某省湿地保护条例
第一条 为了保护湿地,根据《中华人民共和国湿地保护法》,制定本条例。
第二条 省人民政府林业主管部门制定湿地排水水质控制标准。
第三条 向湿地排放超过湿地排水水质控制标准的废水的,处罚款。
"""


def test_a_duty_of_a_legal_text_stays_a_duty_where_it_is_named_again(tmp_path):
    """A standard the text says a province makes is a duty (one per province), and so is the
    same name where an article later measures against it (超过…标准)."""
    from kg.build import extract_file

    path = tmp_path / "law.txt"
    path.write_text(DUTY_LAW, encoding="utf-8")
    titles = {i.title for i in extract_file(path, {}).instruments}
    assert "湿地排水水质控制标准" not in titles
    assert "中华人民共和国湿地保护法" in titles

