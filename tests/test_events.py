"""Which verb acts on which title, and who acts: sentences written for these tests in the
register of official texts (no corpus sentence)."""

from __future__ import annotations

import pytest

# (text, [(title, action, agencies)])
GOVERNING_CASES = [
    # a verb governs every title of its list, past their document numbers and owners
    ("认真贯彻落实《甲乙丙条例》《丁戊保护规划》及我市《关于加快推进水资源节约的实施意见》,做好工作。",
     [("甲乙丙条例", "Implementation", ()), ("丁戊保护规划", "Implementation", ()),
      ("关于加快推进水资源节约的实施意见", "Implementation", ())]),
    ("依据财政部等部门联合印发的《关于某某资金管理的办法》(财建〔2020〕12号)和《某某补助资金实施细则》,制定本方案。",
     [("关于某某资金管理的办法", "Issuance", ("财政部",)), ("某某补助资金实施细则", "Issuance", ("财政部",))]),
    # past the title's issuer, who is no actor of the verb
    ("为贯彻落实水利部等部门《关于加强河湖管理的指导意见》,制定本方案。",
     [("关于加强河湖管理的指导意见", "Implementation", ())]),
    ("国务院办公厅转发生态环境部《关于深化地下水污染防治的意见》。",
     [("关于深化地下水污染防治的意见", "Forwarding", ("国务院办公厅",))]),
    # a relative clause naming the issuer: the issuance by its bodies, the implementation by no one named
    ("深入贯彻落实自然资源部、水利部联合印发的《关于加强河湖管理的指导意见》。",
     [("关于加强河湖管理的指导意见", "Issuance", ("自然资源部", "水利部")),
      ("关于加强河湖管理的指导意见", "Implementation", ())]),
    # a relative clause that says the title was revised or issued lately, or when: its
    # Revision or Issuance, and the action of the verb that governs it
    ("认真贯彻落实新修订的《中华人民共和国某某防治法》。",
     [("中华人民共和国某某防治法", "Revision", ()), ("中华人民共和国某某防治法", "Implementation", ())]),
    ("严格执行2031年修订的《某某锅炉排放标准》。",
     [("某某锅炉排放标准", "Revision", ()), ("某某锅炉排放标准", "Implementation", ())]),
    # the governing verb reaches a relative clause past the titles listed before it; the
    # issuing body may name itself (我部, 本厅)
    ("严格执行《某某码头扬尘管理办法》和我部印发的《某某码头扬尘监测指南》。",
     [("某某码头扬尘管理办法", "Implementation", ()), ("某某码头扬尘监测指南", "Issuance", ()),
      ("某某码头扬尘监测指南", "Implementation", ())]),
    ("本厅此前发布的《某某渣土运输管理规定》同时废止。", [("某某渣土运输管理规定", "Issuance", ())]),
    # an approval coordinated with the act: the approving body does not act
    ("2029年国务院批准、水利部发布的《某某灌区节水管理办法》同时废止。", [("某某灌区节水管理办法", "Issuance", ("水利部",))]),
    ("严格执行修订后的《某某锅炉排放标准》。",
     [("某某锅炉排放标准", "Implementation", ()), ("某某锅炉排放标准", "Revision", ())]),
    ("全面实施最新发布的《某某淘汰名录》。",
     [("某某淘汰名录", "Issuance", ()), ("某某淘汰名录", "Implementation", ())]),
    # 修订通过的: the revision a legislature adopted (通过 itself is no action of the guide)
    ("认真贯彻2031年4月2日全国人大常委会修订通过的《中华人民共和国某某湿地保护法》。",
     [("中华人民共和国某某湿地保护法", "Revision", ("全国人大常委会",)),
      ("中华人民共和国某某湿地保护法", "Implementation", ())]),
    ("某某会议修订通过的《中华人民共和国某某湿地保护法》自2031年9月1日起施行。",
     [("中华人民共和国某某湿地保护法", "Revision", ()), ("中华人民共和国某某湿地保护法", "Implementation", ())]),
    ("省人大常委会审议通过《某某湿地保护条例》。", []),
    # a line that ends in 的 runs on
    ("根据国家林草局等部门印发的\n《关于加强湿地修复的指导意见》,制定本方案。",
     [("关于加强湿地修复的指导意见", "Issuance", ("国家林业和草原局",))]),
    # fulfilling a convention is carrying it out
    ("推动缔约方切实履行《生物安全议定书》及其《补充议定书》。",
     [("生物安全议定书", "Implementation", ()), ("补充议定书", "Implementation", ())]),
    # one action per run of verbs
    ("认真贯彻执行《某某条例》。", [("某某条例", "Implementation", ())]),
    # a compound verb gives one event per action (ANNOTATION.md): 制定落实 as 制定实施
    ("制定落实《某某河湖整改方案》。", [("某某河湖整改方案", "Drafting", ()), ("某某河湖整改方案", "Implementation", ())]),
    # a title inside a longer name: the verbs act on the longer name
    ("某某省实施《中华人民共和国水法》办法", []),
    ("制定《某某保护规划》实施方案。", []),
    # …and a document made to go with it or explain it
    ("研究制定《某某土壤污染防治条例》配套制度。", []),
    ("同步发布《某某餐饮油烟排放标准》政策解读。", []),
]

# verbs after the title, past a date, a manner or 的
AFTER_CASES = [
    ("《某某条例》自2020年施行以来,成效明显。", [("某某条例", "Implementation", ())]),
    ("《某某条例》修订出台后,执法更加有力。", [("某某条例", "Revision", ()), ("某某条例", "Issuance", ())]),
    # titles coordinated before one verb, each told its own time (分别于…和…)
    ("《某某湿地条例》和《某某湿地规划》分别于2029年和2030年印发实施。",
     [("某某湿地条例", "Issuance", ()), ("某某湿地条例", "Implementation", ()),
      ("某某湿地规划", "Issuance", ()), ("某某湿地规划", "Implementation", ())]),
    ("完成《某某排放标准》的修订。", [("某某排放标准", "Revision", ())]),
    ("推动《某某管理办法》尽快出台。", [("某某管理办法", "Issuance", ())]),
    ("编制完成《某某保护规划》。", [("某某保护规划", "Drafting", ())]),
    # 推进 takes the action after the title, not the title itself
    ("加快推进土壤污染防治标准等的制修订。", [("土壤污染防治标准", "Revision", ())]),
    ("推进《某某三年行动》。", [("某某三年行动", "Implementation", ())]),
    # past a parenthesis: the short name the text gives the title, its number
    ("《中华人民共和国某某湿地法》(以下简称《湿地法》)自2032年起施行。",
     [("中华人民共和国某某湿地法", "Implementation", ())]),
    ("《某某清洁取暖行动计划》(国发〔2031〕7号)印发以来,成效明显。", [("某某清洁取暖行动计划", "Issuance", ())]),
    # verbs joined by 并, 和, 后 after the title share it as the first does
    ("年内完成《某某监测技术规范》修订并发布。",
     [("某某监测技术规范", "Revision", ()), ("某某监测技术规范", "Issuance", ())]),
    ("抓好《某某排污权交易办法》的制定和实施。",
     [("某某排污权交易办法", "Drafting", ()), ("某某排污权交易办法", "Implementation", ())]),
    ("推进《某某湿地规划》实施和某某湿地公园建设。", [("某某湿地规划", "Implementation", ())]),
    # 宣贯 is 宣传贯彻: carrying a standard out
    ("做好《某某噪声排放标准》宣贯实施。", [("某某噪声排放标准", "Implementation", ())]),
]

# a title in a phrase of basis (根据/依据/按照) is not what the verbs after it act on
BASIS_CASES = [
    ("根据《某某法》制定本办法。", []),
    ("依据《某某法》等法律法规制定本规划。", []),
    ("按照《某某规划》实施。", []),
    # 参照/依照…执行 refers to a title, past its issuer named as it was (原…)
    ("参照原国家海洋局《某某海域处罚实施办法》执行。", []),
    ("依照《某某湿地保护条例》的有关规定执行。", []),
    # 实施 with an act as its object commits it; the title only names the act
    ("实施刑法第三百四十一条规定的行为，情节严重的，从重处罚。", []),
    ("多次实施《某某湿地保护条例》禁止的行为的，从重处罚。", []),
    ("排放浓度执行《某某湿地保护条例》第十二条规定的限值。", []),
    ("根据国务院印发的《某某方案》制定本方案。", [("某某方案", "Issuance", ("国务院",))]),
]

# a next clause with no object of its own acts on the title before it, after an approval
FOLLOW_ON_CASES = [
    ("调整完善《某省水资源规划》,按程序报批后印发实施。",
     [("某省水资源规划", "Issuance", ()), ("某省水资源规划", "Implementation", ())]),
    ("编制《某流域规划》,经国务院同意后由水利部发布。",
     [("某流域规划", "Drafting", ()), ("某流域规划", "Issuance", ("水利部",))]),
    ("编制《某流域规划》,报国务院批准后实施。",
     [("某流域规划", "Drafting", ()), ("某流域规划", "Implementation", ())]),
    # the approving body does not act; after 报请 only the body asked acts
    ("经国务院同意印发《某某保护规划》。", [("某某保护规划", "Issuance", ())]),
    ("自然资源部报请国务院转发《某某意见》。", [("某某意见", "Forwarding", ("国务院",))]),
    # a title as the topic, then the bodies that make it after 由 and their verbs joined by 、
    ("《某某湿地分类目录》，由自然资源部和国家林业和草原局共同制定、公布。",
     [("某某湿地分类目录", "Drafting", ("自然资源部", "国家林业和草原局")),
      ("某某湿地分类目录", "Issuance", ("自然资源部", "国家林业和草原局"))]),
    ("自然资源部编制《某流域规划》,报请国务院印发。",
     [("某流域规划", "Drafting", ("自然资源部",)), ("某流域规划", "Issuance", ("国务院",))]),
]

# the genres of notices, opinions, plans and legal articles: each case a construction of
# official Chinese, written here in new wording
GENRE_CASES = [
    # 由…制定/发布: the agencies after 由 act, a list of them too
    ("《某某流域生态补偿办法》由财政部会同生态环境部、水利部制定。",
     [("某某流域生态补偿办法", "Drafting", ("财政部", "生态环境部", "水利部"))]),
    # verbs joined by 并 share the title of the last
    ("制定并印发《某某清洁生产改造实施方案》。",
     [("某某清洁生产改造实施方案", "Drafting", ()), ("某某清洁生产改造实施方案", "Issuance", ())]),
    ("编制完成并发布《某某生态环境保护规划》。",
     [("某某生态环境保护规划", "Drafting", ()), ("某某生态环境保护规划", "Issuance", ())]),
    ("制定并定期修订《某某鼓励类技术名录》。",
     [("某某鼓励类技术名录", "Drafting", ()), ("某某鼓励类技术名录", "Revision", ())]),
    ("研究起草并报请国务院印发《某某湿地保护规划》。",
     [("某某湿地保护规划", "Drafting", ()), ("某某湿地保护规划", "Issuance", ("国务院",))]),
    # a next clause that only says when or how soon
    ("研究制定《某某碳普惠管理办法》,适时出台。",
     [("某某碳普惠管理办法", "Drafting", ()), ("某某碳普惠管理办法", "Issuance", ())]),
    ("住房城乡建设部牵头编制《某某海绵城市建设导则》,2033年底前发布。",
     [("某某海绵城市建设导则", "Drafting", ("住房和城乡建设部",)), ("某某海绵城市建设导则", "Issuance", ())]),
    ("研究修订《某某淘汰目录》,力争年内出台。",
     [("某某淘汰目录", "Revision", ()), ("某某淘汰目录", "Issuance", ())]),
    ("《某某条例》已于今年5月1日正式施行。", [("某某条例", "Implementation", ())]),
    ("《某某条例》于去年3月起施行。", [("某某条例", "Implementation", ())]),
    # the state of an implementation is what is evaluated, not an implementation
    ("对《某某空气质量达标规划》实施情况开展评估。", [("某某空气质量达标规划", "Evaluation", ())]),
    ("委托第三方机构对《某某空气质量达标规划》实施成效进行评估。", [("某某空气质量达标规划", "Evaluation", ())]),
    ("《某某空气质量达标规划》实施情况总体良好。", []),
    ("组织对《某某湿地保护规划》开展跟踪评估。", [("某某湿地保护规划", "Evaluation", ())]),
    # 立法后评估: a law or regulation assessed after its enactment
    ("开展《某某渔业资源保护条例》立法后评估。", [("某某渔业资源保护条例", "Evaluation", ())]),
    # a light verb carries the action as its object
    ("对《某某技术规范》进行修订。", [("某某技术规范", "Revision", ())]),
    # 修编 revises a plan; 推行, 贯彻, 落地 and 落到实处 carry an instrument out
    ("各地要于年底前完成《某某农村生活污水治理规划》修编。", [("某某农村生活污水治理规划", "Revision", ())]),
    ("全面推行《某某河湖长制工作规范》。", [("某某河湖长制工作规范", "Implementation", ())]),
    ("认真贯彻《中华人民共和国长江保护法》。", [("中华人民共和国长江保护法", "Implementation", ())]),
    ("持续推动《某某生态文明建设规划》落地见效。", [("某某生态文明建设规划", "Implementation", ())]),
    ("确保《某某行动方案》各项任务落到实处。", []),  # the tasks are carried out, named apart
    ("切实抓好《某某秸秆禁烧管理办法》的贯彻执行。", [("某某秸秆禁烧管理办法", "Implementation", ())]),
    # 落实好, 实施好: the complement 好 stands between the verb and its object
    ("认真组织实施好《某某行动计划》。", [("某某行动计划", "Implementation", ())]),
    # the body a plan is filed with (报…备案) does not act
    ("编制《某某应急预案》,报生态环境部备案。", [("某某应急预案", "Drafting", ())]),
    # verbs inside a title written without 《》 after 关于 are words of the name
    ("某省关于完整贯彻新发展理念做好节水工作的实施意见", []),
    # a relative clause whose issuer is an owner or an unnamed local government: the issuance
    # and the implementation (a reply to a province: 执行你省发布的《…》)
    ("相关设施的排放执行你省发布的《某某农村污水排放标准》。",
     [("某某农村污水排放标准", "Issuance", ()), ("某某农村污水排放标准", "Implementation", ())]),
    ("认真落实国家发布的《某某鼓励类技术名录》。",
     [("某某鼓励类技术名录", "Issuance", ()), ("某某鼓励类技术名录", "Implementation", ())]),
    ("严格执行省政府印发的《某某扬尘管理办法》。",
     [("某某扬尘管理办法", "Issuance", ()), ("某某扬尘管理办法", "Implementation", ())]),
    # the approval a title waits for stands between it and its verb; the approving body does not act
    ("《某某流域综合规划》报国务院批准后实施。", [("某某流域综合规划", "Implementation", ())]),
    ("《某某流域综合规划》经国务院批准后由水利部发布。", [("某某流域综合规划", "Issuance", ("水利部",))]),
]

# verbs of legal texts and of bodies above others: 拟订/拟定 draft, 下发 issues down, 批转
# forwards with approval, 作出 makes the decision named after it (a light verb before another
# verb, and the title's own act after it)
VERB_CASES = [
    ("国家林业和草原局拟订《候鸟迁徙通道保护名录》。", [("候鸟迁徙通道保护名录", "Drafting", ("国家林业和草原局",))]),
    ("市水务局拟定《某某河道采砂管理细则》,报市政府审定。", [("某某河道采砂管理细则", "Drafting", ())]),
    ("国务院批转水利部《关于深化小型水库管理体制改革的意见》。",
     [("关于深化小型水库管理体制改革的意见", "Forwarding", ("国务院",))]),
    ("省厅向各地市下发《关于开展入河排污口排查的通知》。", [("关于开展入河排污口排查的通知", "Issuance", ())]),
    # 发出 sends a notice out (the press's word); 发出通知 with no title names none
    ("国务院办公厅近日发出《关于加强候鸟栖息地保护的通知》。",
     [("关于加强候鸟栖息地保护的通知", "Issuance", ("国务院办公厅",))]),
    ("水利部日前发出通知，部署汛前检查。", []),
    ("全国人大常委会作出《关于全面禁止非法交易野生动物的决定》。",
     [("关于全面禁止非法交易野生动物的决定", "Issuance", ("全国人大常委会",))]),
    # …and a legislature's decision named without 《》 by 关于 + its topic; an agency's decision
    # on a case names no document
    ("全国人大常委会作出关于加强候鸟迁飞通道保护的决定。",
     [("关于加强候鸟迁飞通道保护的决定", "Issuance", ("全国人大常委会",))]),
    ("某市人大常委会关于某某湖禁捕的决定自公布之日起施行。", [("某市人大常委会关于某某湖禁捕的决定", "Implementation", ())]),
    ("会议表决通过了全国人大常委会关于修改某某湿地法等两部法律的决定。", []),
    ("市生态环境局作出关于对某某公司违法排污的处罚决定。", []),
    ("市生态环境局作出责令某某公司停产整治的决定。", []),
    ("对《某某渔业资源保护条例》作出修改。", [("某某渔业资源保护条例", "Revision", ())]),
    ("《某某渔业资源保护条例》对禁渔期作出规定。", []),
    ("《某某渔业资源保护条例》作出了明确规定。", []),
    # the acts done on a text together with its implementation leave it the verb's object
    ("抓好《某某渔业资源保护条例》宣传解读和贯彻实施。", [("某某渔业资源保护条例", "Implementation", ())]),
    ("各县做好《某某渔业资源保护条例》的学习宣传和贯彻落实。", [("某某渔业资源保护条例", "Implementation", ())]),
    ("组织《某某渔业资源保护条例》学习培训。", []),
    # X's provisions as a whole (X的规定) are X; what X lays down (X规定的禁渔期) is the object,
    # X only says whose
    ("严格执行《某某渔业资源保护条例》规定的禁渔期。", []),
    ("各地落实《某某渔业资源保护条例》的规定。", [("某某渔业资源保护条例", "Implementation", ())]),
    ("依照《某某渔业资源保护条例》的规定处理。", []),
    ("研究制定《某某渔业资源保护条例》实施规定。", []),
    ("某县实施《某某渔业资源保护条例》办法", []),
]

# a verb negated or stopped withholds or ends the act: no event (不断, 不折不扣 are no negation)
NEGATION_CASES = [
    ("自2032年起不再执行《某某河道疏浚收费办法》。", []),
    ("各地停止执行《某某秸秆收储补贴细则》。", []),
    ("暂停实施《某某错峰生产方案》。", []),
    ("不执行《某某临时限产通知》的企业，依法处理。", []),
    ("尚未出台《某某湿地补偿办法》。", []),
    ("不断推进《某某湖泊保护规划》。", [("某某湖泊保护规划", "Implementation", ())]),
    ("不折不扣落实《某某湖泊保护规划》。", [("某某湖泊保护规划", "Implementation", ())]),
]

# a decision amending laws: the laws listed are amended by it and made public anew; the
# clause after a list of titles is about each of them
DECISION_CASES = [
    ("《中华人民共和国某甲法》《中华人民共和国某乙法》依照本决定作相应修改，重新公布。",
     [("中华人民共和国某甲法", "Revision", ()), ("中华人民共和国某甲法", "Issuance", ()),
      ("中华人民共和国某乙法", "Revision", ()), ("中华人民共和国某乙法", "Issuance", ())]),
    ("《某某渔港管理条例》根据本决定作出相应的修改，重新发布。",
     [("某某渔港管理条例", "Revision", ()), ("某某渔港管理条例", "Issuance", ())]),
    ("制定《某甲办法》和《某乙细则》，报省政府批准后印发。",
     [("某甲办法", "Drafting", ()), ("某甲办法", "Issuance", ()), ("某乙细则", "Drafting", ()), ("某乙细则", "Issuance", ())]),
    # the makers after 由 may be long statutory roles; a verb of the same making that is no
    # action (调整) may stand in the list of verbs; 由于 gives a cause, not a maker
    ("《某某候鸟名录》由国务院林业主管部门会同国务院有关部门制定、调整和公布。",
     [("某某候鸟名录", "Drafting", ()), ("某某候鸟名录", "Issuance", ())]),
    ("《某某水生物种保护名录》由国务院渔业行政主管部门商各有关部门拟订，报国务院批准后公布。",
     [("某某水生物种保护名录", "Drafting", ()), ("某某水生物种保护名录", "Issuance", ())]),
    ("《某某养殖条例》由于配套不足而推迟实施。", []),
    # 予以 carries the verb after it, as 进行 does
    ("对《某某渔港管理办法》予以修改。", [("某某渔港管理办法", "Revision", ())]),
    ("《某某湿地名录》经国务院批准后予以公布。", [("某某湿地名录", "Issuance", ())]),
    ("编制《某某湿地名录》，报国务院批准后予以公布。",
     [("某某湿地名录", "Drafting", ()), ("某某湿地名录", "Issuance", ())]),
    # a title that only states the basis of the next clause's act is not its object
    ("依据《某甲办法》，编制《某乙规划》，报省政府批准后实施。",
     [("某乙规划", "Drafting", ()), ("某乙规划", "Implementation", ())]),
]

# a law or regulation named without 《》 as the subject of the clause's last verb, past a time
# (a news item's 新修订的X法将于…起施行); not a manner word before a light verb, not a class
BARE_SUBJECT_CASES = [
    ("新修订的某某湿地保护法将于2034年5月1日起施行。",
     [("某某湿地保护法", "Revision", ()), ("某某湿地保护法", "Implementation", ())]),
    ("某某湿地保护法自2034年5月1日起施行。", [("某某湿地保护法", "Implementation", ())]),
    ("某某渔港管理条例自公布之日起施行。", [("某某渔港管理条例", "Implementation", ())]),
    ("某某湿地保护法修订后，处罚力度加大。", [("某某湿地保护法", "Revision", ())]),
    ("某某湿地保护法实施以来，湿地面积稳中有增。", [("某某湿地保护法", "Implementation", ())]),
    ("《某某渔港管理条例》自印发之日起实施。", [("某某渔港管理条例", "Implementation", ())]),
    ("某某湿地管理办法（试行）自发布之日起施行。", [("某某湿地管理办法(试行)", "Implementation", ())]),
    # 试行 puts a text into force on trial
    ("先在三个城市试行《某某湿地补偿办法》。", [("某某湿地补偿办法", "Implementation", ())]),
    ("分步骤、有计划推进。", []),
    ("企业应当按照规定实施。", []),
    ("污染物排放标准自2034年起执行。", []),
]

# the agencies that open a sentence are the subject of its later clauses that name none
# (a topic chain); not of a relative clause, whose issuer is its own, nor of a clause before them
ACTOR_CASES = [
    ("水利部要会同有关部门加强指导，适时对《某某灌区规划》实施情况开展评估。", [("某某灌区规划", "Evaluation", ("水利部",))]),
    ("（二）强化监管。自然资源部、水利部要加强协调，推动修订《某某河道管理办法》。",
     [("某某河道管理办法", "Revision", ("自然资源部", "水利部"))]),
    ("修订《某某河道管理办法》，水利部负责。", [("某某河道管理办法", "Revision", ())]),
    # the subject may open a clause after a purpose clause; its co-actor (会同) acts with it; the
    # nearest subject before the verb's clause is the one that acts
    ("为落实《某某湿地条例》，摸清底数，水利部会同自然资源部组织调查，编制了《某某湿地名录》。",
     [("某某湿地条例", "Implementation", ()), ("某某湿地名录", "Drafting", ("水利部", "自然资源部"))]),
    ("水利部要加强指导，自然资源部负责组织调查，编制《某某湿地名录》。",
     [("某某湿地名录", "Drafting", ("自然资源部",))]),
    # a body that heads a statutory role (国务院…主管部门, 国务院有关部门) names no actor; one
    # followed by 等部门 or 会同 does
    ("《某某湿地补偿办法》由国务院财政部门会同国务院林业主管部门制定。", [("某某湿地补偿办法", "Drafting", ())]),
    ("国务院水行政主管部门编制《某某河流名录》，报国务院批准后公布。",
     [("某某河流名录", "Drafting", ()), ("某某河流名录", "Issuance", ())]),
    ("国家发展改革委等部门联合印发《某某湿地方案》。", [("某某湿地方案", "Issuance", ("国家发展和改革委员会",))]),
    ("水利部要加强指导，认真落实国务院印发的《某某灌区节水计划》。",
     [("某某灌区节水计划", "Issuance", ("国务院",)), ("某某灌区节水计划", "Implementation", ("水利部",))]),
]

# 该条例, 上述规划, 该法: a demonstrative and a kind noun point back to the nearest title of
# the paragraph ending in that noun; 该法院, 该工程 point back to none
ANAPHOR_CASES = [
    ("协助司法部完成《某某湿地保护条例》起草工作，该条例已于2031年6月公布。",
     [("某某湿地保护条例", "Drafting", ("司法部",)), ("某某湿地保护条例", "Issuance", ())]),
    # 上述 and 前述 point to every title listed with the nearest one; 该 to the nearest only
    ("编制《某某流域规划》和《某某河口规划》，上述规划报国务院批准后实施。",
     [("某某流域规划", "Drafting", ()), ("某某河口规划", "Drafting", ()),
      ("某某流域规划", "Implementation", ()), ("某某河口规划", "Implementation", ())]),
    ("修订《某甲渔具标准》《某乙渔具标准》，前述标准由农业农村部发布。",
     [("某甲渔具标准", "Revision", ()), ("某乙渔具标准", "Revision", ()),
      ("某甲渔具标准", "Issuance", ("农业农村部",)), ("某乙渔具标准", "Issuance", ("农业农村部",))]),
    ("编制《某某流域规划》和《某某河口规划》，该规划报国务院批准后实施。",
     [("某某流域规划", "Drafting", ()), ("某某河口规划", "Drafting", ()), ("某某河口规划", "Implementation", ())]),
    ("研究起草《某某法》，该法将于明年施行。", [("某某法", "Drafting", ()), ("某某法", "Implementation", ())]),
    ("《某某法》出台以来，该法院审结案件增多。", [("某某法", "Issuance", ())]),
    ("深入实施《某某修复工程》，该工程已完成投资。", [("某某修复工程", "Implementation", ())]),
    # a declaration or a framework is a document's name, not an activity
    ("两国签署《某某海洋合作联合声明》，该声明已于2031年5月正式实施。", [("某某海洋合作联合声明", "Implementation", ())]),
    ("编制《某某湿地保护框架》，该框架报国务院批准后实施。",
     [("某某湿地保护框架", "Drafting", ()), ("某某湿地保护框架", "Implementation", ())]),
    # a title in another paragraph is not what 该方案 points to
    ("印发《某某保护方案》。\n各县制定实施方案，该方案报市政府备案后实施。", [("某某保护方案", "Issuance", ())]),
]


def _events(nlp, text):
    from kg.ingest import detect_script, normalise

    doc = nlp(normalise(text, detect_script(text)))
    return [(doc._.titles[e.title_index].title, e.action, e.agencies) for e in doc._.events]


@pytest.mark.parametrize(
    ("text", "expected"), GOVERNING_CASES + AFTER_CASES + BASIS_CASES + FOLLOW_ON_CASES + GENRE_CASES + VERB_CASES + ACTOR_CASES + ANAPHOR_CASES
    + NEGATION_CASES + DECISION_CASES + BARE_SUBJECT_CASES,
)
def test_events(nlp, text, expected):
    assert _events(nlp, text) == expected


def test_one_action_told_for_two_years_is_two_events(tmp_path):
    """The graph keeps each year and actor of an action (a researcher's timeline); the gold
    format keeps one per (title, action), the clause naming agencies first."""
    from rdflib import RDF

    from kg.docrun import extract_file
    from kg.rdf import document_triples
    from kg.vocab import EP

    report = tmp_path / "report.txt"
    report.write_text(
        "北京市生态环境局2024年工作总结\n一、主要工作\n"
        "2022年,全面实施《北京市河湖保护条例》,河湖面貌明显改善。"
        "2024年,北京市水务局深入实施《北京市河湖保护条例》,完成整治项目12个。\n"
        "《北京市河湖保护条例》实施以来,水质持续向好。\n",
        encoding="utf-8",
    )
    ex = extract_file(report, {})
    told = [(e.year, e.agencies) for e in ex.events if e.action == "Implementation"]
    assert told == [(2022, ()), (2024, ("北京市水务局",))]
    (gold,) = ex.to_gold()["events"]
    assert (gold["year"], gold["agencies"]) == (2024, ["北京市水务局"])
    nodes = [t for t in document_triples(ex) if t[1] == RDF.type and t[2] == EP.PolicyEvent]
    assert len(nodes) == 2


def test_a_plans_tasks_are_planned_events(tmp_path):
    """An opinion or plan sets tasks: the actions it names on other titles are planned,
    not reported as done (its own drafting, 制定本方案, is done)."""
    from kg.docrun import extract_file

    plan = tmp_path / "plan.txt"
    plan.write_text(
        "北京市湿地保护三年行动方案\n为加强湿地保护,制定本方案。\n一、加强湿地修复\n"
        "研究制定《北京市湿地修复技术指南》,全面落实《北京市河湖保护条例》。\n",
        encoding="utf-8",
    )
    got = {(e.title, e.action): e.status for e in extract_file(plan, {}).events}
    assert got[("北京市湿地修复技术指南", "Drafting")] == "planned"
    assert got[("北京市河湖保护条例", "Implementation")] == "planned"


def test_what_a_modal_asks_or_allows_is_planned(tmp_path):
    """应当编制 in a law, 要严格执行 in a report: a modal before the verb says the action is
    asked or allowed, not done; the same verb with none is reported in a report, and set as
    a standing duty in a law's article unless the article dates it."""
    from kg.docrun import extract_file

    report = tmp_path / "report.txt"
    report.write_text(
        "某市生态环境局2030年工作总结\n一、主要工作\n"
        "2030年,市生态环境局印发《某市扬尘治理攻坚方案》。会议要求各区要严格执行《某市工地扬尘管理办法》。"
        "市生态环境局将《某市噪声地图编制指南》转发各区。《某市噪声污染防治条例》将于今年10月施行。\n",
        encoding="utf-8",
    )
    law = tmp_path / "law.txt"
    law.write_text(
        "某市河道管理条例\n第一条 为了加强河道管理,制定本条例。\n"
        "第二条 本市行政区域内河道的管理,适用本条例。\n第三条 河道管理坚持统一规划、综合治理。\n"
        "第五条 市水务部门应当编制《某市河道整治规划》,报市人民政府批准后实施。\n"
        "第六条 市人民政府水行政主管部门制定《某市河道养护技术规范》。\n"
        "第九条 本条例自2031年1月1日起施行。2025年3月1日市人民政府公布的《某市河道保护办法》同时废止。\n",
        encoding="utf-8",
    )
    got = {(e.title, e.action): (e.status, e.year) for path in (report, law) for e in extract_file(path, {}).events}
    assert got[("某市扬尘治理攻坚方案", "Issuance")] == ("reported", 2030)
    assert got[("某市工地扬尘管理办法", "Implementation")][0] == "planned"
    # 将 before its object fronts it (done); before a time or a verb it says what will be done
    assert got[("某市噪声地图编制指南", "Forwarding")][0] == "reported"
    assert got[("某市噪声污染防治条例", "Implementation")][0] == "planned"
    # an article of a law sets duties: with a modal or without, undated, nothing is done yet
    assert got[("某市河道整治规划", "Drafting")] == ("planned", None)
    assert got[("某市河道整治规划", "Implementation")] == ("planned", None)
    assert got[("某市河道养护技术规范", "Drafting")] == ("planned", None)
    # what a law dates is done, in the year it writes
    assert got[("某市河道管理条例", "Implementation")] == ("reported", 2031)
    assert got[("某市河道保护办法", "Issuance")] == ("reported", 2025)


def test_a_relative_clause_reports_a_done_act_in_a_plan(tmp_path):
    """落实国务院2029年印发的《X》 in a plan: the implementation is a task (planned, the plan's
    time), the issuance a fact the clause dates (reported, 2029); 即将出台的《Y》 is still to come."""
    from kg.docrun import extract_file

    plan = tmp_path / "plan.txt"
    plan.write_text(
        "某省湿地保护三年行动方案（2031—2033年）\n为加强湿地保护,制定本方案。\n一、重点任务\n"
        "认真落实国务院2029年印发的《某某湿地修复行动计划》,配合做好即将出台的《某某湿地保护条例》宣贯工作。\n",
        encoding="utf-8",
    )
    got = {(e.title, e.action): (e.status, e.year) for e in extract_file(plan, {}).events}
    assert got[("某某湿地修复行动计划", "Issuance")] == ("reported", 2029)
    assert got[("某某湿地修复行动计划", "Implementation")][0] == "planned"
    assert got[("某某湿地保护条例", "Issuance")][0] == "planned"


def test_a_plan_reports_what_it_says_is_done(tmp_path):
    """了 after the verb or 已 before it marks a done act even among a plan's tasks; a modal
    still asks (要…已…: asked)."""
    from kg.docrun import extract_file

    plan = tmp_path / "plan.txt"
    plan.write_text(
        "某省土壤保护三年行动方案（2031—2033年）\n为加强土壤保护,制定本方案。\n一、重点任务\n"
        "我省已出台《某省土壤污染防治条例》,要抓好《某省土壤污染防治条例》宣贯。省生态环境厅制定了《某省土壤修复管理办法》。"
        "研究制定《某省土壤监测技术规范》。\n",
        encoding="utf-8",
    )
    got = {(e.title, e.action): e.status for e in extract_file(plan, {}).events}
    assert got[("某省土壤污染防治条例", "Issuance")] == "reported"
    assert got[("某省土壤污染防治条例", "Implementation")] == "planned"
    assert got[("某省土壤修复管理办法", "Drafting")] == "reported"
    assert got[("某省土壤监测技术规范", "Drafting")] == "planned"


def test_a_forwarded_opinion_sets_tasks_and_its_purpose_is_its_own_act(tmp_path):
    """A notice that forwards an opinion (转发…意见的通知) carries a text that sets tasks, as one
    that issues it does: the tasks are planned. The purpose a text opens with (为贯彻落实《X》)
    is what it does by being issued: X's Implementation, reported in the notice's year."""
    from kg.docrun import extract_file

    notice = tmp_path / "notice.txt"
    notice.write_text(
        "某市人民政府办公室转发市水务局关于加强河道采砂管理意见的通知\n某府办发〔2032〕3号\n各区人民政府：\n"
        "市水务局《关于加强河道采砂管理的意见》已经市人民政府同意，现转发给你们，请认真贯彻执行。\n"
        "某市人民政府办公室\n2032年2月3日\n关于加强河道采砂管理的意见\n为贯彻落实《某省河道采砂管理条例》，现提出如下意见。\n"
        "一、市水务局编制《某市河道采砂规划》，报市人民政府批准后实施。\n",
        encoding="utf-8",
    )
    got = {(e.title, e.action): (e.status, e.year) for e in extract_file(notice, {}).events}
    assert got[("某市河道采砂规划", "Drafting")][0] == "planned"
    assert got[("某省河道采砂管理条例", "Implementation")] == ("reported", 2032)
