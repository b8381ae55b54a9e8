"""Agencies read from the grammar of their names (kg/nlp/organs.py), on phrases written for
these tests: place or parent + field + organ ending; roles and classes are not agencies."""

import pytest

from kg.nlp.pipeline import make_nlp


def agencies(text: str) -> list[str]:
    doc = make_nlp()(text)
    return [s.id_ for s in doc.spans["agency"]]


def parents(text: str) -> dict[str, str | None]:
    doc = make_nlp()(text)
    return {name: organ.parent for name, organ in doc.user_data["organs"].items()}


@pytest.mark.parametrize("text, expected", [
    # a county or city the agency list does not have, with a field and an ending
    ("据望都县水务局统计,今年新修渠道三条", ["望都县水务局"]),
    ("技术人员跟着平乡县环境监测站的同志采样", ["平乡县环境监测站"]),
    ("乐山市人民政府办公室近日发出通知", ["乐山市人民政府办公室"]),
    ("江北新区规划建设局负责人介绍", ["江北新区规划建设局"]),
    # the long names of autonomous areas
    ("黔东南苗族侗族自治州人民政府召开专题会议", ["黔东南苗族侗族自治州人民政府"]),
    ("据双江拉祜族佤族布朗族傣族自治县林草局介绍", ["双江拉祜族佤族布朗族傣族自治县林业和草原局"]),
    # places in a chain
    ("浙江省湖州市德清县人民政府作出决定", ["浙江省湖州市德清县人民政府"]),
    # customs write their city without its level
    ("宁波海关查获一批洋垃圾", ["宁波海关"]),
    # short forms written in full: 政府 → 人民政府, a province's short name → its full name
    ("贵阳市政府召开常务会议", ["贵阳市人民政府"]),
    ("云南生态环境厅开展执法检查", ["云南省生态环境厅"]),
    # a province's party committee: 中共 + place + 委
    ("湖南省委作出部署", ["中共湖南省委"]),
    # one-off bodies named by their task
    ("成立长江保护修复攻坚战领导小组", ["长江保护修复攻坚战领导小组"]),
    # a date's unit and 原 (the former body) stand glued before a task's name, outside it
    ("湖南省人民政府关于废止部分规章的决定\n2015年原省节能减排工作领导小组印发的试行办法同时废止",
     ["湖南省人民政府", "湖南省节能减排工作领导小组"]),
    ("湖南省人民政府办公厅通知\n2020年省河长制工作领导小组印发了通知", ["湖南省人民政府办公厅", "湖南省河长制工作领导小组"]),
    ("2021年3月碳达峰碳中和工作领导小组召开会议", ["碳达峰碳中和工作领导小组"]),
    ("原油储备工作领导小组提出建议", ["原油储备工作领导小组"]),  # 原 of a word, not of a former body
    # expert committees a rule sets up for a review or for advice
    ("草案经机动车排放标准审查委员会审议", ["机动车排放标准审查委员会"]),
    ("组建排污权分配咨询委员会，负责论证分配方案", ["排污权分配咨询委员会"]),
    ("由碳排放配额评审委员会评审后公布", ["碳排放配额评审委员会"]),
    # a local department's short name after its place takes the standard name (organ-types.ttl)
    ("绍兴市经信局牵头制定实施细则", ["绍兴市经济和信息化局"]),
    ("此项工作由温州市卫健委负责", ["温州市卫生健康委员会"]),
    ("湖州市国资委督促市属企业整改", ["湖州市人民政府国有资产监督管理委员会"]),
    ("嘉兴市中级法院审理了一起污染案件", ["嘉兴市中级人民法院"]),
    ("台州市金融办组织银企对接", ["台州市金融工作办公室"]),
    ("泸州市大数据办牵头搭建平台", ["泸州市大数据办公室"]),
    # branches of vertically managed bodies: named with their national body, never credited to it
    ("人民银行杭州中心支行指导辖内银行发放贷款", ["中国人民银行杭州中心支行"]),
    ("浙江银保监局发布风险提示", ["中国银行保险监督管理委员会浙江监管局"]),
    ("宁波银保监分局开展现场检查", ["中国银行保险监督管理委员会宁波监管分局"]),
    ("四川证监局约谈三家上市公司", ["中国证券监督管理委员会四川监管局"]),
    ("银保监会四川监管局转发通知", ["中国银行保险监督管理委员会四川监管局"]),
    ("绵阳市税务局落实减免政策", ["国家税务总局绵阳市税务局"]),
    ("人行西安营管部配合开展绿色信贷统计", ["中国人民银行西安营业管理部"]),
    # a name whose ending jieba glued to the next word (局|要 read as 局要) still ends there
    ("深圳市生态环境局要加强对重点企业的监管", ["深圳市生态环境局"]),
    ("惠州市、汕尾市生态环境局要率先完成排查", ["惠州市生态环境局", "汕尾市生态环境局"]),
    # a name jieba keeps as one word still opens with its place
    ("据广州市中级人民法院通报,案件已审结", ["广州市中级人民法院"]),
    # national bodies of a class the list holds whole (the seven river basin authorities)
    ("长江水利委员会组织编制流域综合规划", ["长江水利委员会"]),
    ("国家标准委批准发布一批节能标准", ["国家标准化管理委员会"]),
    # two bodies written one after the other
    ("湖北省委省政府召开全省生态环境保护大会", ["中共湖北省委", "湖北省人民政府"]),
    # former bodies are agencies in their own right
    ("原卫生部发布了饮用水卫生标准", ["卫生部"]),
    ("国家发展计划委员会批复了该项目", ["国家发展计划委员会"]),
])
def test_open_world_organs(text, expected):
    assert agencies(text) == expected


@pytest.mark.parametrize("text, expected", [
    # internal units: kept as themselves, with their parent
    ("自然资源部国土空间用途管制司发布指引", {"自然资源部国土空间用途管制司": "自然资源部"}),
    ("生态环境部办公厅下发函件", {"生态环境部办公厅": "生态环境部"}),
    # a unit opens with its parent's fuller name: as written, not the short canonical 党中央
    ("中共中央政治局召开会议研究部署工作", {"中共中央政治局": "党中央"}),
    # a national body's centre is its unit (国家 in a place's centre names a national platform)
    ("中国气象局国家气候中心发布年度气候公报", {"中国气象局国家气候中心": "中国气象局"}),
    ("柳州市人民政府办公室转发通知", {"柳州市人民政府": None, "柳州市人民政府办公室": "柳州市人民政府"}),
    # a Party committee's departments (组织部, 宣传部, 统战部) are its units
    ("四川省委宣传部组织开展理论宣讲", {"中共四川省委": None, "中共四川省委宣传部": "中共四川省委"}),
])
def test_units_keep_their_parent(text, expected):
    assert parents(text) == expected
    assert list(expected)[-1] in agencies(text)


def test_a_name_with_its_own_place_in_a_list_takes_no_other_place():
    # 柳州汽车产业园区管委会 after the city's departments: no 柳州市柳州汽车产业园区管委 read too
    assert set(parents("柳州市生态环境局、柳州汽车产业园区管委会按职责分工负责")) == {
        "柳州市生态环境局", "柳州汽车产业园区管理委员会"}


def test_a_unit_is_not_credited_to_its_parent():
    assert agencies("生态环境部办公厅下发函件") == ["生态环境部办公厅"]


@pytest.mark.parametrize("text, expected", [
    # a relative name coordinated with a named body takes its place
    ("甘肃省委和省政府联合发文", ["中共甘肃省委", "甘肃省人民政府"]),
    ("昆明市生态环境局会同市财政局开展评估", ["昆明市生态环境局", "昆明市财政局"]),
    # a place acting at the head of a clause is its government
    ("今年以来,江西出台了十项措施", ["江西省人民政府"]),
    ("同时,山东持续推进沿海防护林建设", ["山东省人民政府"]),
    # an autonomous region's bodies coordinated with a named one take its place
    ("西藏自治区生态环境厅会同自治区财政厅、自治区水利厅开展检查",
     ["西藏自治区生态环境厅", "西藏自治区财政厅", "西藏自治区水利厅"]),
    # a preposition and a level glued to the word before are no place (同意后由省…)
    ("规划经省政府同意后由省水利厅发布", []),
    ("方案报市政府批准后由市生态环境局组织实施", []),
    # a level word with no place in reach names no national body (自治区发展改革委)
    ("自治区发展改革委负责统筹协调", []),
])
def test_relative_names_and_places_acting(text, expected):
    assert agencies(text) == expected


@pytest.mark.parametrize("text", [
    # roles and classes of bodies, not one body
    "县级以上地方人民政府应当加强监督",
    "由设区的市级以上地方人民政府的生态环境主管部门审批",
    "各县生态环境局要落实责任",
    "国务院林业主管部门会同有关部门制定",
    "国务院有关部门按照职责分工负责",
    "国务院各部委、各直属机构要认真贯彻执行",  # 各 right after a body: each body under it
    # common nouns that end like an organ
    "优化产业布局,引进龙头公司",
    "推进县城声环境功能区自动监测站点布设",
    "加强海关监管",
    "自然保护区管理局要加强巡护",
    # a place that is only a place
    "记者在重庆看到,江水清澈",
    # a lone task force word names no body
    "成立领导小组",
    "项目评审委员会由七名专家组成",  # a committee of each project, named by no task
])
def test_not_agencies(text):
    assert agencies(text) == []


def test_a_new_body_is_described_in_the_graph_with_its_parent(tmp_path):
    from rdflib import RDF
    from rdflib.namespace import SKOS

    from kg.build import extract_file
    from kg.rdf import document_triples
    from kg.vocab import EP, ORG, mint

    source = tmp_path / "note.txt"
    source.write_text("2024年,自然资源部国土空间用途管制司印发《用地审批工作指引》。\n", encoding="utf-8")
    extraction = extract_file(source, {tmp_path: None})
    triples = set(document_triples(extraction))
    unit = mint("agency", "自然资源部国土空间用途管制司")
    about = {(p, o) for s, p, o in triples if s == unit}
    assert {p for p, _ in about} >= {SKOS.prefLabel, ORG.subOrganizationOf, ORG.classification}
    assert (RDF.type, EP.Agency) in about
    event = [e for e in extraction.events if e.action == "Issuance"][0]
    assert event.agencies == ("自然资源部国土空间用途管制司",)


@pytest.mark.parametrize("text, expected", [
    # a congress's term is not part of its name
    ("河南省第十四届人民代表大会常务委员会第九次会议通过", ["河南省人民代表大会常务委员会"]),
    # issuers at the head of a cited title act; other agencies inside a title do not
    ("落实《中共中央、国务院关于加强耕地保护的意见》", ["党中央", "国务院"]),
    ("学习《生态环境部权责清单》", []),
    # issuers written without a joiner (one word for jieba), and an issuer the list lacks
    ("学习《中共中央国务院关于深入打好污染防治攻坚战的意见》", ["党中央", "国务院"]),
    ("根据《中共绵阳市委关于推进绿色发展的决定》制定本方案", ["中共绵阳市委"]),
    # places coordinated before one ending share it
    ("宜宾市、泸州市、自贡市政府联合签署协议", ["宜宾市人民政府", "泸州市人民政府", "自贡市人民政府"]),
    # …and a municipality's department is a 局 where the provinces' are 厅
    ("会上,山西省、天津市、云南省生态环境厅（局）作交流发言", ["山西省生态环境厅", "天津市生态环境局", "云南省生态环境厅"]),
    # a national platform sited in a place is no organ of it
    ("支持合肥市综合性国家科学中心建设", []),
    # a verb of reporting or a conjunction between two bodies never joins them into one name
    ("国务院应当将规划报全国人民代表大会常务委员会听取", ["国务院", "全国人大常委会"]),
    ("全国人民代表大会与全国人民代表大会常务委员会分别审议", ["全国人民代表大会", "全国人大常委会"]),
    # a zone's committee keeps the city as the zone's name writes it
    ("柳州汽车产业园区管委会负责园区规划", ["柳州汽车产业园区管理委员会"]),
    # a place named as the co-actor of a body is its government; a place where it acts is not
    ("联合宁夏回族自治区举办黄河流域生态保护论坛", ["宁夏回族自治区人民政府"]),
    ("生态环境部联合南充市举办湿地保护论坛", ["生态环境部", "南充市人民政府"]),
    ("会同四川省联合印发实施方案", ["四川省人民政府"]),
    ("在内蒙古自治区召开现场会", []),
    ("联合国在巴库举办气候变化大会", ["联合国"]),  # 联合国 is no 联合 and a place
    # a city the agency list lacks, acting, is its government
    ("今年以来,湛江出台了海岸带保护办法", ["湛江市人民政府"]),
    # a name followed by its construction phase is a facility
    ("建成哈尔滨市固废处置中心二期项目", []),
    # jieba may glue a preposition to the body's name
    ("各市实施方案经海洋强省建设工作领导小组审定后印发", ["海洋强省建设工作领导小组"]),
    # …but a word of the field that opens like a preposition (经济, 对外) is the field
    ("由南宁循环经济产业园区管委会牵头落实", ["南宁循环经济产业园区管理委员会"]),
    ("对外经济贸易合作区管委会负责招商", []),
    # a national name after a list opened by 各 is still the national body
    ("各省级人民政府、国家发展改革委要加强指导", ["国家发展和改革委员会"]),
    # …and so is a body no place has one of
    ("各地区、各部门和新疆生产建设兵团要加强协调", ["新疆生产建设兵团"]),
])
def test_names_in_context(text, expected):
    assert agencies(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("人民银行杭州中心支行指导辖内银行发放贷款", {"中国人民银行杭州中心支行": "中国人民银行"}),
    ("人行北京营管部组织辖内机构自查", {"中国人民银行北京营业管理部": "中国人民银行"}),
])
def test_a_branch_keeps_its_national_body_as_parent(text, expected):
    assert parents(text) == expected


@pytest.mark.parametrize("text", [
    "各省、自治区和计划单列市生态环境厅要加强指导",  # one body per place of a list opened by 各
    "当前政局稳定,经济平稳",  # 政局 is a word, not a field and an ending
    # addressees: each place's commission, not the national one its short name is
    "各区县（自治县）发展改革委、生态环境局要抓好落实",
    "请各设区市发展改革委加强指导",
    # every later department of a list that opens its clause with 各 is each place's too
    "各省、自治区、直辖市和新疆生产建设兵团水利厅（局）、发展改革委要抓好落实",
])
def test_classes_and_words_are_not_agencies(text):
    assert agencies(text) == []


def test_former_bodies_name_their_successors_in_the_agency_list():
    from rdflib.namespace import DCTERMS

    from kg.reference import reference

    ref = reference()
    agencies = {c.iri for c in ref.agencies.values()}
    replaced = dict(ref.graph.subject_objects(DCTERMS.isReplacedBy))
    assert replaced and all(o in agencies for o in replaced.values())
    assert ref.agencies["卫生部"].iri in {s for s, _ in ref.graph.subject_objects(DCTERMS.isReplacedBy)}


@pytest.mark.parametrize("text, expected", [
    # a provincial department's plan: 省 and bare department names are its province's
    ("福建省生态环境厅2023年海洋污染治理工作要点\n"
     "一、协同推进。配合省住建厅整治沿海污水管网;联合省海洋渔业局、财政厅开展养殖尾水治理;"
     "会同省发改委编制岸线规划。\n",
     ["福建省生态环境厅", "福建省住房和城乡建设厅", "福建省海洋渔业局", "福建省财政厅", "福建省发展和改革委员会"]),
    # no publisher, a city the agency list lacks: the title's city (areas.ttl) is the
    # document's; 市 names it and 省 the province it lies in
    ("绵阳市推进秸秆综合利用三年行动方案\n"
     "一、落实省委、省政府部署,市政府统筹推进。(牵头单位:市农业农村局、生态环境局、财政局)\n",
     ["中共四川省委", "四川省人民政府", "绵阳市人民政府", "绵阳市农业农村局", "绵阳市生态环境局", "绵阳市财政局"]),
    # a provincial rule: jieba glues 由 to the level (由省|人民政府)
    ("湖南省农村生活污水治理办法\n第五条 重点流域的治理计划由省人民政府批准。\n", ["湖南省人民政府"]),
    # function words jieba glues to the level (应向|省) are no place
    ("湖南省大气污染防治条例\n第九条 发现违法行为应向省人民政府报告。\n", ["湖南省人民政府"]),
    # a list carried through departments whose field opens like an ending (司法局: no 司)
    ("丽江市河湖执法工作方案\n一、严格执法。（市生态环境局、司法局、公安局按职责分工负责）\n",
     ["丽江市生态环境局", "丽江市司法局", "丽江市公安局"]),
    # the 责任单位 after a task are the city's departments even where the agency list knows a
    # national body by the same short name (发展改革委, 国资委)
    ("宜昌市推进磷石膏综合利用工作方案\n"
     "一、扩大利用。（市发展改革委、国资委、卫生健康委、市场监管局按职责分工负责）\n"
     "二、进展情况及时报告市委、市政府。\n",
     ["宜昌市发展和改革委员会", "宜昌市人民政府国有资产监督管理委员会", "宜昌市卫生健康委员会", "宜昌市市场监督管理局",
      "中共宜昌市委", "宜昌市人民政府"]),
    # a preposition glued to the level by jieba (同意后由省|水利厅) opens no place
    ("湖南省河湖治理方案\n一、规划编制。流域规划经省政府同意后由省水利厅发布。\n",
     ["湖南省人民政府", "湖南省水利厅"]),
    # an autonomous region's texts call it 自治区 (never 区): its departments, not national ones
    ("内蒙古自治区草原生态修复实施方案\n"
     "一、加强组织。自治区林草局牵头,自治区发展改革委、财政厅配合,各盟市人民政府落实。\n",
     ["内蒙古自治区林业和草原局", "内蒙古自治区发展和改革委员会", "内蒙古自治区财政厅"]),
    # an autonomous prefecture's say 州 or 自治州
    ("湘西土家族苗族自治州人民政府关于河长制工作的通知\n"
     "州水利局会同自治州生态环境局每季度通报进展。\n",
     ["湘西土家族苗族自治州人民政府", "湘西土家族苗族自治州水利局", "湘西土家族苗族自治州生态环境局"]),
    # a district of a city: 区 names the district, 市 its city
    ("长沙市岳麓区人民政府办公室关于扬尘治理的通知\n"
     "区住建局负责工地监管,市生态环境局负责考核。\n",
     ["长沙市岳麓区人民政府办公室", "岳麓区住房和城乡建设局", "长沙市生态环境局"]),
    # departments named by their field alone in a list closed by 等部门 take the level
    # before the first: a ministry's counterpart is a 厅 of a province, a 局 of a city
    ("山西省生态环境厅2024年碳市场工作要点\n一、配额管理。会同省财政、发改、统计等部门完成核查。\n",
     ["山西省生态环境厅", "山西省财政厅", "山西省发展和改革委员会", "山西省统计局"]),
    ("洛阳市扬尘治理工作方案\n一、联合执法。由市住建、交通运输等部门配合。\n",
     ["洛阳市住房和城乡建设局", "洛阳市交通运输局"]),
    ("洛阳市扬尘治理工作方案\n一、保障资金。加大省财政投入,全省财政、税务等部门给予支持。\n", []),
    # a county notice: its own office and government, departments in task brackets, a unit of
    # the city's bureau, and a county's commission counterpart is a 局 (县发展和改革局)
    ("安吉县人民政府办公室关于印发安吉县农村生活污水治理提升行动方案的通知\n"
     "各乡镇人民政府、街道办事处,县政府各部门、各直属单位:\n"
     "《安吉县农村生活污水治理提升行动方案》已经县政府同意,现印发给你们,请认真贯彻执行。\n"
     "安吉县人民政府办公室\n2023年4月10日\n"
     "一、重点任务。(一)完善设施。(责任单位:县建设局、县财政局、县农业农村局)\n"
     "(二)强化监管。县住建局会同湖州市生态环境局安吉分局开展季度检查,县水利局、自然资源和规划局配合。\n"
     "(三)保障资金。县财政、发改等部门统筹安排补助资金。\n",
     ["安吉县人民政府办公室", "安吉县人民政府", "安吉县建设局", "安吉县财政局", "安吉县农业农村局", "安吉县住房和城乡建设局",
      "湖州市生态环境局安吉分局", "安吉县水利局", "安吉县自然资源和规划局", "安吉县发展和改革局"]),
    # a zone's committee in a list of the city's departments keeps the place its name has
    ("钦州市外贸稳增长工作方案\n一、拓展市场。（市商务局、财政局，钦州综合保税区管委会按职责分工负责）\n",
     ["钦州市商务局", "钦州市财政局", "钦州综合保税区管理委员会"]),
    # a title wrapped onto two lines reports no act of its place's government
    ("江西省加快推进\n工业园区污水整治工作方案\n为改善园区周边水质,制定本方案。\n", []),
])
def test_a_document_resolves_relative_names_against_its_own_place(tmp_path, text, expected):
    from kg.build import extract_file

    source = tmp_path / "plan.txt"
    source.write_text(text, encoding="utf-8")
    assert [a.name for a in extract_file(source, {tmp_path: None}).agencies] == expected


@pytest.mark.parametrize("text, expected", [
    # 我部 in a ministry's notice is the ministry (the 主送 line names a class: no agency)
    ("水利部关于加强小型水库安全管理的通知\n各省、自治区、直辖市水利(水务)厅(局):\n"
     "近期多地出现强降雨,我部决定开展专项检查。各地排查结果请报我部。\n",
     ["水利部"]),
    # an office's text: 我部 is the ministry the office belongs to
    ("自然资源部办公厅关于规范土地储备数据报送的函\n"
     "为提高数据质量,我部将组织核查,本厅另行通知的事项除外。\n",
     ["自然资源部办公厅", "自然资源部"]),
    # 我委 is a commission (委员会), 本局 a bureau; 本部门 is any department, no body
    ("国家发展和改革委员会关于完善煤电价格机制的通知\n我委将会同有关方面评估,本部门职责内的事项抓紧办理。\n",
     ["国家发展和改革委员会"]),
    ("贵阳市生态环境局关于噪声投诉办理的通知\n群众投诉由本局统一受理。\n", ["贵阳市生态环境局"]),
    # with no writer at the head, 我部 stays unread
    ("关于加强小型水库安全管理的若干措施\n我部将开展专项检查。\n", []),
    # the text's own place acting at the head of a clause is its government; in a scope it is none
    ("昆明市2031年滇池保护工作要点\n一、本市要持续推进入湖河道整治。二、在本市行政区域内禁止围湖造田。\n",
     ["昆明市人民政府"]),
    ("福建省海岸带保护规划\n我省将全面推行岸线分类管控,本省沿海各市配合。\n", ["福建省人民政府"]),
])
def test_a_body_speaking_of_itself_is_the_writer(tmp_path, text, expected):
    from kg.build import extract_file

    source = tmp_path / "notice.txt"
    source.write_text(text, encoding="utf-8")
    assert [a.name for a in extract_file(source, {tmp_path: None}).agencies] == expected


@pytest.mark.parametrize("text, expected", [
    # a decree's number names the body that issued it, though jieba reads 国务院令 as one word
    ("根据《排污费征收使用管理条例》(国务院令第 369 号),制定本细则。", ["国务院"]),
    ("原农业部令第5号同时废止。", ["农业部"]),
    # issuers before 对 at the head of a title, as before 关于
    ("依照《国务院对取消一批审批事项的决定》办理。", ["国务院"]),
    # a body named inside a title after other words is still part of the name
    ("依照《长江流域生态环境部门协作办法》办理。", []),
])
def test_decrees_and_title_heads_name_their_issuers(text, expected):
    assert agencies(text) == expected


def test_a_class_of_departments_before_a_named_body_is_no_body_of_its_place():
    # the named body makes its place the document's home; 各省…生态环境厅 still names each place's
    assert agencies("各省、自治区、直辖市生态环境厅,新疆生产建设兵团农业农村局:") == ["新疆生产建设兵团农业农村局"]
