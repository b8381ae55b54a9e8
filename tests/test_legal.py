"""Legal texts as instruments: numerals, the clauses of a 题注, citations, the same law as
Markdown and as plain text, and the scores on ../shared/corpus/laws (training scores:
the rules were tuned while looking at those files)."""

from __future__ import annotations

import json

import pytest

from conftest import SHARED
from kg.evaluate import score_records
from kg.legal.citations import find_citations
from kg.legal.history import read_note, sentence_events
from kg.legal.rank import legal_rank
from kg.legal.structure import article_at, find_parts
from kg.nlp.grammar import DATE, cn_int, iso_date

# (written, ISO date)
DATES = [
    ("2019年4月23日", "2019-04-23"),
    ("二〇一九年四月二十三日", "2019-04-23"),
    ("一九九八年十一月二十九日", "1998-11-29"),
    ("二○○八年二月一日", "2008-02-01"),
    ("2019年13月2日", None),
]

# (numeral, value)
NUMERALS = [("七十八", 78), ("一百零五", 105), ("十", 10), ("二十", 20), ("一三五二", 1352), ("42", 42)]

# (题注 written here, [(date, action, body, via)])
NOTES = [
    (
        "(1995年8月1日第八届全国人民代表大会常务委员会第十五次会议通过 2010年5月6日第十一届全国人民代表大会常务委员会第十四次会议修订)",
        [("1995-08-01", "Adoption", "第八届全国人民代表大会常务委员会第十五次会议", ""),
         ("2010-05-06", "Revision", "第十一届全国人民代表大会常务委员会第十四次会议", "")],
    ),
    (
        "(2005年2月3日河北省第十届人民代表大会常务委员会第九次会议通过 根据2012年9月4日河北省第十一届人民代表大会常务委员会第三十一次会议《关于修改<河北省湖泊保护条例>等五部地方性法规的决定》第一次修正)",
        [("2005-02-03", "Adoption", "河北省第十届人民代表大会常务委员会第九次会议", ""),
         ("2012-09-04", "Amendment", "河北省第十一届人民代表大会常务委员会第三十一次会议", "关于修改<河北省湖泊保护条例>等五部地方性法规的决定")],
    ),
    (
        "(2016年7月9日国务院第88次常务会议通过 2016年8月2日中华人民共和国国务院令第655号公布 自2016年10月1日起施行)",
        [("2016-07-09", "Adoption", "国务院第88次常务会议", ""),
         ("2016-08-02", "Promulgation", "中华人民共和国国务院令第655号", ""),
         ("2016-10-01", "Entry into force", "", "")],
    ),
    (
        "(2003年5月8日水利部、农业部令第12号发布 根据2014年1月6日《水利部关于废止和修改部分规章的决定》修正)",
        [("2003-05-08", "Promulgation", "水利部、农业部令第12号", ""),
         ("2014-01-06", "Amendment", "", "水利部关于废止和修改部分规章的决定")],
    ),
    (
        "经二〇一五年三月九日最高人民法院审判委员会第1641次会议通过。现予公布,自二〇一五年四月一日起施行。",
        [("2015-03-09", "Adoption", "最高人民法院审判委员会第1641次会议", ""),
         ("2015-04-01", "Entry into force", "", "")],
    ),
    (
        "(2018年6月1日某市第六届人民代表大会常务委员会第四次会议通过2018年7月2日某省第九届人民代表大会常务委员会第三次会议批准)",
        [("2018-06-01", "Adoption", "某市第六届人民代表大会常务委员会第四次会议", ""),
         ("2018-07-02", "Approval", "某省第九届人民代表大会常务委员会第三次会议", "")],
    ),
]

# (sentence written here, [(date, action, subject)]); subject None: the text itself
SENTENCE_EVENTS = [
    ("本条例自2020年1月1日起施行。", [("2020-01-01", "Entry into force", None)]),
    ("本办法自2011年3月1日起施行。原《河道采砂收费办法》同时废止。",
     [("2011-03-01", "Entry into force", None), ("2011-03-01", "Repeal", "河道采砂收费办法")]),
    ("修订后的《城市绿化条例》自2017年3月1日起施行。", [("2017-03-01", "Entry into force", "城市绿化条例")]),
    ("有关部门自2017年3月1日起实施检查。", []),
]

# (text written here, own title, cited titles)
CITATIONS = [
    ("依照《中华人民共和国森林法》和《湿地保护条例》的规定执行。", "某某办法", ["中华人民共和国森林法", "湿地保护条例"]),
    ("列入《国家重点保护植物名录》(以下简称《名录》)的植物,按照《名录》管理。", "某某办法", ["国家重点保护植物名录", "国家重点保护植物名录"]),
    ("本法所附《税目表》是本法的组成部分,本《清单》另有规定的除外。", "某某法", []),
    ("违反《某某办法》规定的,依照《行政处罚法》处理。", "某某办法", ["行政处罚法"]),
    ("本条例所附《甲类名单》、《乙类名单》每年更新。", "某某条例", []),
    ("按《某某税法》所附《税额表》计算,取得《排污许可证》后方可排放。", "某某条例", ["某某税法", "税额表"]),
    # 以下分别简称: the short names stand for the titles just before them, in order
    ("为落实《关于推进某项改革的意见》和《关于开展某类评价的通知》(以下分别简称《意见》《通知》),按照《意见》要求。",
     "某某方案", ["关于推进某项改革的意见", "关于开展某类评价的通知", "关于推进某项改革的意见"]),
    # a bare kind is the last title of that kind, else the text itself
    ("启动《某省湿地保护条例》立法调研,推进《条例》审议;落实《办法》。", "某某计划", ["某省湿地保护条例", "某省湿地保护条例"]),
    # the document a notice issues is the notice's own text
    ("现将《某市节水行动方案》印发给你们,并落实《某省节水条例》。", "某市人民政府关于印发某市节水行动方案的通知", ["某省节水条例"]),
    # one document with and without its issuers is cited in the form first written
    ("依照《关于加强某项管理的通知》,执行《某部等部门关于加强某项管理的通知》。", "某某办法",
     ["关于加强某项管理的通知", "关于加强某项管理的通知"]),
    # …but two issuers' notices of one subject are two documents
    ("执行《甲省水利厅关于加强河道管理的通知》和《乙省水利厅关于加强河道管理的通知》。", "某某办法",
     ["甲省水利厅关于加强河道管理的通知", "乙省水利厅关于加强河道管理的通知"]),
]

# (text written here: title, note, articles; the article its last line falls in)
ARTICLE_ENDS = [
    ("第五条 县级人民政府负责本区域的河道管理。\n(一)制定计划;\n(二)组织巡查。\n", "第五条"),
    ("第五条 县级人民政府负责本区域的河道管理。\n某某部关于印发河道管理办法的通知\n", None),
]

# (title, kind, issuers, number, decreed) → rank notation
RANKS = [
    ("中华人民共和国湿地保护法", "Law", ("全国人大常委会",), None, False, "Law"),
    ("某某管理条例", "AdministrativeRegulation", ("国务院",), "中华人民共和国国务院令第700号", True, "AdministrativeRegulation"),
    ("河北省某某条例", "AdministrativeRegulation", ("河北省人民代表大会常务委员会",), None, False, "LocalRegulation"),
    ("某某管理办法", "Rule", ("生态环境部",), "生态环境部令第30号", True, "DepartmentalRule"),
    ("某省某某办法", "Rule", ("河北省人民政府",), "冀政令第5号", True, "LocalGovernmentRule"),
    ("最高人民法院关于审理某类案件的解释", None, ("最高人民法院",), "法释〔2020〕3号", False, "JudicialInterpretation"),
    ("某某排放标准", "Standard", ("生态环境部",), None, False, "Standard"),
    ("关于推进某项工作的通知", "Notice", ("生态环境部",), "环办〔2020〕1号", False, "NormativeDocument"),
    ("某某管理办法", "Rule", ("生态环境部",), None, False, "NormativeDocument"),
]


@pytest.mark.parametrize(("title", "kind", "issuers", "number", "decreed", "rank"), RANKS)
def test_legal_rank_from_issuer_kind_and_form(title, kind, issuers, number, decreed, rank):
    assert legal_rank(title, kind, issuers, number, decreed) == rank


@pytest.mark.parametrize(("text", "article"), ARTICLE_ENDS)
def test_an_article_ends_at_a_line_that_is_no_paragraph(text, article):
    found = article_at(find_parts(text), len(text) - 2)
    assert (found.label if found else None) == article


def test_a_dated_sentence_about_another_text_is_no_note():
    sentence = "2019年3月2日,某某部发布《关于某项工作的意见》。"
    assert read_note(sentence, 0, len(sentence)) == []


@pytest.mark.parametrize(("written", "iso"), DATES)
def test_dates_in_arabic_and_chinese_numerals(written, iso):
    assert iso_date(DATE.search(written)) == iso


@pytest.mark.parametrize(("numeral", "value"), NUMERALS)
def test_numerals(numeral, value):
    assert cn_int(numeral) == value


@pytest.mark.parametrize(("note", "expected"), NOTES)
def test_clauses_of_a_note(note, expected):
    assert [(c.date, c.action, c.body, c.via) for c in read_note(note, 0, len(note))] == expected


@pytest.mark.parametrize(("sentence", "expected"), SENTENCE_EVENTS)
def test_entry_into_force_and_repeal_in_sentences(sentence, expected):
    assert [(c.date, c.action, c.subject) for c in sentence_events(sentence, 0, len(sentence))] == expected


@pytest.mark.parametrize(("text", "own", "expected"), CITATIONS)
def test_citations(text, own, expected):
    assert [c.title for c in find_citations(text, 0, len(text), own)] == expected


# A law written for this test (no real law has this text), as a government site prints it
# and as a Markdown compilation site does (front matter, 修订信息 block, HTML articles).
TITLE = "中华人民共和国湖泊岸线保护法"
NOTE = (
    "2009年3月2日第十一届全国人民代表大会常务委员会第七次会议通过 根据2016年11月7日第十二届全国人民代表大会"
    "常务委员会第二十四次会议《关于修改〈中华人民共和国湖泊岸线保护法〉等六部法律的决定》第一次修正 "
    "二〇二二年六月二十四日第十三届全国人民代表大会常务委员会第三十五次会议修订"
)
CHAPTERS = [
    ("第一章", "总则", [
        ["为了保护湖泊岸线,改善水生态环境,根据《中华人民共和国水法》,制定本法。"],
        ["湖泊岸线保护规划应当与《全国湖泊保护规划纲要》(以下简称《纲要》)相衔接。", "编制岸线保护方案,应当符合《纲要》确定的目标。"],
    ]),
    ("第二章", "附则", [
        ["本法所附《岸线分区表》是本法的组成部分。违反本法第二条规定的,依照《中华人民共和国行政处罚法》处罚。"],
        ["本法自2023年1月1日起施行。原《湖泊管理暂行规定》同时废止。"],
    ]),
]
NUMBERS = ["一", "二", "三", "四"]


def _plain() -> str:
    lines, n = [TITLE, f"({NOTE.replace(' ', '　')})"], 0
    for chapter, name, articles in CHAPTERS:
        lines.append(f"{chapter}　{name}")
        for paragraphs in articles:
            lines.append(f"第{NUMBERS[n]}条　{paragraphs[0]}")
            lines += ["　　" + p for p in paragraphs[1:]]
            n += 1
    return "\n".join(lines) + "\n"


def _markdown() -> str:
    lines = ["---", f"title: {TITLE}", "author: 全国人民代表大会常务委员会", "date: 2023-01-01", "category:",
             "  - 法律", "---", "", "::: tip 修订信息", "", f"（{NOTE.replace(' ', '&emsp;')}）", "", ":::", "",
             "::: details 目录", "", "- 第1~4条：", "  [1](#t1)&emsp;[2](#t2)", ":::", ""]
    n = 0
    for chapter, name, articles in CHAPTERS:
        lines.append(f"## {chapter}&emsp;{name}{{align=center}}\n")
        for paragraphs in articles:
            n += 1
            body = "<br>\n&emsp;&emsp;".join(paragraphs)
            lines.append(f'<p id="t{n}">&emsp;&emsp;<b>第{NUMBERS[n - 1]}条</b>&emsp;{body}</p>')
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def law_records(tmp_path_factory):
    from kg.build import extract_file

    folder = tmp_path_factory.mktemp("law")
    (folder / "law.txt").write_text(_plain(), encoding="utf-8")
    (folder / "law.md").write_text(_markdown(), encoding="utf-8")
    return {p.suffix: extract_file(p, {}) for p in sorted(folder.iterdir())}


def test_a_law_as_plain_text_and_as_markdown_reads_the_same(law_records):
    plain, markdown = (law_records[s].to_gold() for s in (".txt", ".md"))
    for key in ("document", "history", "cites", "cites_other"):
        assert plain[key] == markdown[key], key
    assert plain["document"]["title"] == TITLE
    assert plain["document"]["issuers"] == ["全国人大常委会"]
    assert [(h["date"], h["action"]) for h in plain["history"]] == [
        ("2009-03-02", "Adoption"), ("2016-11-07", "Amendment"), ("2022-06-24", "Revision")
    ]
    assert plain["history"][1]["via"] == "关于修改〈中华人民共和国湖泊岸线保护法〉等六部法律的决定"
    assert plain["cites"] == ["中华人民共和国水法", "全国湖泊保护规划纲要", "中华人民共和国行政处罚法", "湖泊管理暂行规定"]


def test_articles_paragraphs_and_sentence_events(law_records):
    for record in law_records.values():
        parts = [(p.kind, p.label) for p in record.structure]
        assert parts[:4] == [("章", "第一章 总则"), ("条", "第一条"), ("条", "第二条"), ("款", "第一款")]
        cites = {(c.title, c.article) for c in record.cites}
        assert ("全国湖泊保护规划纲要", "第二条") in cites
        others = {(h.date, h.action, h.subject) for h in record.history if not h.in_note}
        assert others == {("2023-01-01", "Entry into force", TITLE), ("2023-01-01", "Repeal", "湖泊管理暂行规定")}


def test_statute_gold_is_scored_by_title_history_and_citations():
    gold = {"doc": "x.md", "title": "中华人民共和国某某法", "history": [{"date": "2001-01-01", "action": "Adoption"}],
            "cites": ["《中华人民共和国甲法》", "乙条例"]}
    predicted = {"doc": "x.md", "agencies": ["国务院"], "document": {"title": "某某法"},
                 "history": [{"date": "2001-01-01", "action": "Adoption"}, {"date": "2002-01-01", "action": "Repeal"}],
                 "cites": ["甲法", "乙条例"]}
    scores = score_records([(gold, predicted)])
    assert scores["titles"]["f1"] == 1.0
    assert (scores["history"]["tp"], scores["history"]["fp"]) == (1, 1)
    assert scores["cites"]["f1"] == 1.0
    assert scores["agencies"]["fp"] == 0  # the statute gold does not annotate agencies


@pytest.mark.skipif(SHARED is None, reason="../shared is not beside the clone")
def test_training_scores_on_the_statute_book():
    from kg.evaluate import evaluate_folder

    corpus = SHARED / "corpus"
    scores = evaluate_folder(corpus / "laws-gold", corpus / "laws")["scores"]
    assert scores["titles"]["f1"] == 1.0
    assert scores["history"]["f1"] >= 0.97
    assert scores["cites"]["f1"] >= 0.95


# A regulation written for this test, carrying out the law above: promulgated by decree.
REGULATION = """湖泊岸线保护条例
(2021年4月2日国务院第130次常务会议通过　2021年5月6日中华人民共和国国务院令第740号公布　自2021年7月1日起施行)
第一条　根据《中华人民共和国湖泊岸线保护法》,制定本条例。
第二条　岸线保护方案的编制,依照《湖泊岸线保护法》第二条的规定执行。
第三条　本条例自2021年7月1日起施行。
"""


# The interim rule the law above repeals (原《湖泊管理暂行规定》同时废止), with a history of its own.
INTERIM = """湖泊管理暂行规定
(2001年3月1日某省人民政府令第5号公布 自2001年5月1日起施行)
第一条 为了加强湖泊管理,制定本规定。
第二条 本规定自2001年5月1日起施行。
"""


@pytest.fixture(scope="module")
def law_store(tmp_path_factory):
    from kg.build import build
    from kg.store import open_store

    folder, out = tmp_path_factory.mktemp("laws"), tmp_path_factory.mktemp("laws-out")
    (folder / "law.txt").write_text(_plain(), encoding="utf-8")
    (folder / "regulation.txt").write_text(REGULATION, encoding="utf-8")
    (folder / "interim.txt").write_text(INTERIM, encoding="utf-8")
    build([folder], out)
    return open_store(out)


def _rows(store, name, **params):
    from kg.querying import format_json, run_named

    return json.loads(format_json(run_named(store, name, params)))


def test_law_history_in_date_order_with_meeting_and_decision(law_store):
    rows = _rows(law_store, "law-history", title="湖泊岸线保护法")  # the short title finds the law
    assert [(r["date"], r["action"]) for r in rows] == [
        ("2009-03-02", "Adoption"), ("2016-11-07", "Amendment"), ("2022-06-24", "Revision"), ("2023-01-01", "Entry into force")
    ]
    assert rows[1]["agencies"] == "全国人大常委会"
    assert rows[1]["meeting"] == "第十二届全国人民代表大会常务委员会第二十四次会议"
    assert rows[1]["decision"] == "关于修改〈中华人民共和国湖泊岸线保护法〉等六部法律的决定"


def test_cited_by_names_the_citing_text_and_its_articles(law_store):
    rows = _rows(law_store, "cited-by", title="中华人民共和国湖泊岸线保护法")
    assert [(r["citing"], r["rank"], sorted(r["articles"].split("、")), r["document"]) for r in rows] == [
        ("湖泊岸线保护条例", "行政法规", ["第一条", "第二条"], "regulation")
    ]


@pytest.mark.parametrize(("date", "expected"), [
    ("2000-01-01", set()),
    ("2020-01-01", {("中华人民共和国湖泊岸线保护法", "2016-11-07", "已被修改 (2022-06-24)"), ("湖泊管理暂行规定", "", "失效")}),
    ("2023-06-01", {("中华人民共和国湖泊岸线保护法", "2022-06-24", "现行有效"), ("湖泊岸线保护条例", "", "现行有效")}),
])
def test_in_force_on_a_date(law_store, date, expected):
    rows = _rows(law_store, "in-force", date=date)
    assert {(r["instrument"], r["last_revision"], r["status"]) for r in rows} == expected
    # the status holds at the latest day the build has evidence for: the law's entry into force
    assert {r["as_of"] for r in rows} <= {"2023-01-01"}


def test_a_report_that_names_the_law_joins_its_history_in_instrument_lineage(tmp_path):
    from kg.build import build
    from kg.store import open_store

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "law.txt").write_text(_plain(), encoding="utf-8")
    (tmp_path / "in" / "report.txt").write_text(
        "某省生态环境厅2024年工作总结\n2024年,我厅认真贯彻实施湖泊岸线保护法,完成岸线整治项目30个。\n", encoding="utf-8"
    )
    build([tmp_path / "in"], tmp_path / "out")
    rows = _rows(open_store(tmp_path / "out"), "instrument-lineage", title="湖泊岸线保护法")
    got = {(r["year"], r["action"], r["document"]) for r in rows}
    # the law's own history and the report's account of it, on one timeline of one instrument
    assert {("2009", "Adoption", "law"), ("2016", "Amendment", "law"), ("2023", "Entry into force", "law"),
            ("2024", "Implementation", "report")} <= got
    assert {r["instrument"] for r in rows} == {TITLE}
    # the history once: no second node from the same words (修正 told again as a Revision,
    # 本法自…起施行 as an undated Implementation)
    assert sorted((r["year"] or "", r["action"]) for r in rows if r["document"] == "law") == [
        ("", "Drafting"), ("2009", "Adoption"), ("2016", "Amendment"), ("2022", "Revision"), ("2023", "Entry into force")
    ]



def _compiled_rule(tmp_path, title: str, author: str, category: str, paragraphs: list[str]):
    """The extraction of a rule as the compilation site prints it: front matter, then paragraphs."""
    from kg.build import extract_file

    path = tmp_path / "rule.md"
    front = ["---", f"title: {title}", f"author: {author}", "category:", f"  - {category}", "---", ""]
    path.write_text("\n".join(front + [line for p in paragraphs for line in (p, "")]), encoding="utf-8")
    return extract_file(path, {tmp_path: None})


def test_a_decree_named_by_its_code_is_a_decree_of_the_texts_issuer(tmp_path):
    x = _compiled_rule(tmp_path, "闽江口湿地保护办法", "福建省人民政府", "地方政府规章", [
        "（2027年3月2日闽府令第88号公布，根据2030年6月9日闽府令第120号修改）",
        "第一条 为保护闽江口湿地，制定本办法。",
    ])
    # 闽府 is the code of a document number, not a body: the decrees are the issuer's
    assert [(h.action, h.agencies) for h in x.history] == [
        ("Promulgation", ("福建省人民政府",)), ("Amendment", ("福建省人民政府",))]
    assert "闽府" not in {a for e in x.events for a in e.agencies}


def test_the_author_of_a_page_is_one_of_its_agencies_without_a_sentence(tmp_path):
    from rdflib import DCTERMS

    from kg.rdf import document_triples
    from kg.reference import reference

    x = _compiled_rule(tmp_path, "湿地生态补偿试行办法", "原国家环境保护总局等", "部门规章", [
        "第一条 为规范湿地生态补偿，制定本办法。",
        "第二条 县级以上地方人民政府应当安排补偿资金。",
    ])
    by_name = {a.name: a for a in x.agencies}
    assert by_name["国家环境保护总局"].mentions == ()  # the front matter names it, no sentence does
    assert "国家环境保护总局" in x.to_gold()["agencies"]
    iri = reference().agencies["国家环境保护总局"].iri
    assert any(p == DCTERMS.publisher and o == iri for _, p, o in document_triples(x))
