"""PDF and DOCX inputs: paragraphs re-joined, page furniture dropped, spans read back,
files without a text layer and files of other types named. Every file here is written
by the test from text written for it (tests/writers.py)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_ingest import assert_maps_back
from writers import Block, body, heading, right, title, write_docx, write_pdf

from kg.catalog import Catalog
from kg.errors import InputError
from kg.formats import Line, pdf_stream, read_pdf
from kg.ingest import read_document

NO_CATALOG = Catalog()

# A provincial notice that issues a plan, in the layout of GB/T 9704 (written for this test).
NOTICE = [
    title("某省生态环境厅关于印发《某省重点流域水生态保护实施方案(2025-2027年)》的通知"),
    Block("plain", "某环发〔2025〕12号"),
    Block("plain", "各市生态环境局,厅机关各处室、各直属单位:"),
    body("现将《某省重点流域水生态保护实施方案(2025-2027年)》印发给你们,请结合实际认真组织实施。"),
    right("某省生态环境厅"),
    right("二〇二五年四月八日"),
    title("某省重点流域水生态保护实施方案(2025-2027年)"),
    body(
        "为深入贯彻《重点流域水生态环境保护规划》(环水体〔2023〕5号),统筹水资源、水环境、水生态治理,"
        "推动重点河湖生态流量保障和水生生物多样性恢复,结合本省实际,制定本方案。"
    ),
    heading("一、工作目标"),
    body(
        "到2027年,全省地表水国控断面水质优良比例稳定在92%以上,县级及以上城市集中式饮用水水源水质"
        "全部达标,主要河流生态流量保障率达到90%以上;重点湖库富营养化趋势得到遏制,土著鱼类种群数量有所回升。"
    ),
    heading("二、重点任务"),
    heading("(一)加强入河排污口整治"),
    body(
        "按照查、测、溯、治的要求,完成干流及主要支流入河排污口排查整治,建立排污口名录和动态管理台账,"
        "对工业园区污水处理设施运行情况开展专项检查,督促企业稳定达标排放,严禁偷排漏排和超标排放,"
        "对整治不到位的排污口实行挂牌督办。"
    ),
    heading("(二)保障河湖生态流量"),
    body(
        "科学确定重点河湖生态流量目标,将生态流量纳入水资源调度方案,加强小水电站下泄流量监管,"
        "开展生态流量监测预警,对生态流量不达标的河段制定一河一策保障方案,逐步恢复河湖自然连通,"
        "改善水生生物栖息生境,提升河湖生态系统稳定性和自我修复能力。"
    ),
    heading("(三)推进水生生物多样性保护"),
    body(
        "开展重点水域水生生物完整性评价,实施土著鱼类增殖放流和栖息地修复工程,严厉打击非法捕捞,"
        "建设一批水生生物保护区和生态缓冲带,推动建立流域上下游横向生态补偿机制,探索以水生态"
        "质量为导向的考核评价办法,定期向社会公开评价结果。"
    ),
    heading("三、保障措施"),
    body(
        "各市要建立健全工作协调机制,明确责任分工和完成时限,加大财政资金投入,鼓励社会资本参与"
        "流域保护修复;省生态环境厅会同有关部门加强调度和指导,每年对实施情况开展评估,评估结果作为"
        "污染防治攻坚战成效考核的重要依据。"
    ),
]

NOTICE_TEXT = """某省生态环境厅关于印发《某省重点流域水生态保护实施方案(2025-2027年)》的通知
某环发〔2025〕12号
各市生态环境局,厅机关各处室、各直属单位:
现将《某省重点流域水生态保护实施方案(2025-2027年)》印发给你们,请结合实际认真组织实施。
某省生态环境厅
二〇二五年四月八日
某省重点流域水生态保护实施方案(2025-2027年)
"""  # the rest is the paragraphs as written


def expected_text(blocks: list[Block]) -> str:
    return "\n".join(b.text for b in blocks)


@pytest.fixture(scope="module")
def notice_pdf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    return write_pdf(folder / "notice.pdf", NOTICE, header="某省生态环境厅公报")


# --- PDF ---------------------------------------------------------------------------------


def test_pdf_paragraphs_are_rejoined_without_page_furniture(notice_pdf):
    doc = read_document(notice_pdf, NO_CATALOG)
    assert doc.format == "pdf"
    assert doc.original.count("\f") >= 1, "the notice runs over more than one page"
    assert "— 1 —" in doc.original and "公报" in doc.original  # the text layer holds them …
    assert doc.text == expected_text(NOTICE)  # … the text does not: one paragraph per line
    assert doc.text.startswith(NOTICE_TEXT)
    assert doc.metadata.title == NOTICE[0].text


def test_pdf_spans_read_back_from_the_extracted_text(notice_pdf):
    doc = read_document(notice_pdf, NO_CATALOG)
    assert_maps_back(doc)
    start = doc.text.index("《重点流域水生态环境保护规划》")
    assert doc.original_text(start, start + 15) == "《重点流域水生态环境保护规划》"
    # a paragraph that runs over lines maps back across the line breaks it had
    para = doc.text.index("按照查、测、溯")
    a, b = doc.to_original(para, doc.text.index("挂牌督办。") + 5)
    assert "\n" in doc.original[a:b]


def test_pdf_extraction_cites_spans_of_the_text_layer(notice_pdf):
    from kg.extract import extract

    extraction = extract(read_document(notice_pdf, NO_CATALOG))
    doc = read_document(notice_pdf, NO_CATALOG)
    titles = {i.title for i in extraction.instruments}
    assert "重点流域水生态环境保护规划" in titles
    for instrument in extraction.instruments:
        for m in instrument.mentions:
            assert doc.original[m.start : m.end] == m.text
    for s in extraction.sentences:
        assert doc.original[s.start : s.end] == s.text


def test_pdf_with_another_suffix_is_read_as_pdf(notice_pdf, tmp_path):
    renamed = tmp_path / "notice.txt"
    renamed.write_bytes(notice_pdf.read_bytes())
    assert read_document(renamed, NO_CATALOG).text == expected_text(NOTICE)


@pytest.mark.parametrize(
    "page_number",
    ["- {n} -", "{n}", "第{n}页", "第 {n} 页 共 9 页", "{n}/9", "—{n}—"],
)
def test_page_numbers_in_any_common_form_are_dropped(tmp_path, page_number):
    blocks = [title("关于开展某项专项检查的通知"), *NOTICE[7:12]]
    doc = read_document(write_pdf(tmp_path / "a.pdf", blocks, page_number=page_number), NO_CATALOG)
    assert doc.text == expected_text(blocks)


def test_encrypted_pdf_is_named_with_its_problem(tmp_path):
    path = write_pdf(tmp_path / "locked.pdf", NOTICE[:4], encrypt="s3cret")
    with pytest.raises(InputError, match=r"locked\.pdf: encrypted PDF.*no text layer"):
        read_document(path, NO_CATALOG)


def test_image_only_pdf_has_no_text_layer(tmp_path):
    path = write_pdf(tmp_path / "scan.pdf", NOTICE[:4], images_only=True)
    with pytest.raises(InputError, match=r"scan\.pdf: no text layer"):
        read_document(path, NO_CATALOG)


def test_broken_pdf_is_named(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n")  # no pages, no trailer
    with pytest.raises(InputError, match=r"broken\.pdf: not a readable PDF"):
        read_document(path, NO_CATALOG)


# The joining rules on lines of known geometry: a text block from x=80 to x=515, 14 pt,
# set by a first line that fills it.
BLOCK_LINE = "全面推进美丽中国建设,稳步迈向人与自然和谐共处的现代化。"


def _lines(*rows: tuple[str, float, float]) -> tuple[str, list[Line]]:
    text, lines = "", []
    for k, (s, left, right_edge) in enumerate(((BLOCK_LINE, 80, 515), *rows)):
        if k:
            text += "\n"
        lines.append(Line(len(text), len(text) + len(s), 0, left, right_edge, 14.0))
        text += s
    return text, lines


FULL, INDENT, SHORT = 515.0, 108.0, 300.0


@pytest.mark.parametrize(
    "first,second,joined",
    [
        # a full line runs on into the next, whatever its last character
        (("推进钢铁行业超低排放改造,完善", 80, FULL), ("监测网络", 80, SHORT), True),
        (("到2026年,城市细颗粒物浓度比", 80, FULL), ("2020年下降百分之十。", 80, SHORT), True),
        # …unless it ends a sentence, a lead-in or a list item
        (("全面完成年度目标任务。", 80, FULL), ("同时加强督查。", 80, SHORT), False),
        (("主要任务包括:", 80, FULL), ("加强监测", 80, SHORT), False),
        # …or the next line starts a heading, a list item, an article, an attachment or a date
        (("加强组织领导,压实各级责任", 80, FULL), ("二、重点任务", 80, SHORT), False),
        (("加强组织领导,压实各级责任", 80, FULL), ("(三)强化科技支撑", 80, SHORT), False),
        (("加强组织领导,压实各级责任", 80, FULL), ("2.健全标准体系", 80, SHORT), False),
        (("加强组织领导,压实各级责任", 80, FULL), ("第十二条 违反本办法", 80, SHORT), False),
        (("加强组织领导,压实各级责任", 80, FULL), ("附件:重点项目清单", 80, SHORT), False),
        (("某市人民政府办公室", 300, 430), ("2024年12月3日", 300, 430), False),
        (("某市人民政府办公室", 300, 430), ("二〇二四年十二月三日", 300, 430), False),
        # a short line ends its paragraph; an indented line starts one
        (("某市生态环境局", 80, SHORT), ("某市发展和改革委员会", 80, SHORT), False),
        (("推进钢铁行业超低排放改造,完善", 80, FULL), ("加强监测网络建设", INDENT, FULL), False),
        # a centred title wrapped over two lines is one line
        (("某市人民政府关于印发《某市", 180, 415), ("噪声污染防治行动方案》的通知", 170, 425), True),
    ],
)
def test_line_joining_rules(first, second, joined):
    text, lines = _lines(first, second)
    stream, index = pdf_stream(text, lines)
    expected = BLOCK_LINE + "\n" + first[0] + ("" if joined else "\n") + second[0]
    assert stream == expected
    assert "".join(text[i] for i in index) == expected


def test_latin_words_split_over_lines_keep_a_space():
    text, lines = _lines(("推动清洁能源(clean", 80, FULL), ("energy)规模化发展。", 80, SHORT))
    assert pdf_stream(text, lines)[0] == BLOCK_LINE + "\n推动清洁能源(clean energy)规模化发展。"


def test_read_pdf_gives_lines_with_their_page(notice_pdf):
    text, lines = read_pdf(notice_pdf.read_bytes(), notice_pdf)
    assert {ln.page for ln in lines} == set(range(text.count("\f") + 1))
    assert all(text[ln.start : ln.end].strip() for ln in lines)


# --- DOCX ----------------------------------------------------------------------------------

DOCX_ITEMS: list = [
    "某市2025年大气污染防治工作要点",
    "为持续改善空气质量,根据《某省大气污染防治行动方案》,制定本要点。",
    [["指标", "2024年", "2025年目标"], ["PM2.5浓度(微克/立方米)", "33", "31"], ["优良天数比率", "85%", "87%"]],
    "一、推进产业结构调整",
    "全面完成水泥行业超低排放改造。",
]


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    path = write_docx(tmp_path / "plan.docx", DOCX_ITEMS, header="某市人民政府文件")
    doc = read_document(path, NO_CATALOG)
    assert doc.format == "docx"
    assert doc.text == "\n".join(
        [
            "某市2025年大气污染防治工作要点",
            "为持续改善空气质量,根据《某省大气污染防治行动方案》,制定本要点。",
            "指标\t2024年\t2025年目标",
            "PM2.5浓度(微克/立方米)\t33\t31",
            "优良天数比率\t85%\t87%",
            "一、推进产业结构调整",
            "全面完成水泥行业超低排放改造。",
        ]
    )
    assert "人民政府文件" not in doc.original  # the page header is not part of the text
    assert_maps_back(doc)


@pytest.mark.parametrize(
    "name,member,content,problem",
    [
        ("bad.docx", "word/document.xml", "<w:document>not closed", "not a readable DOCX"),
        ("data.docx", "a.csv", "x,y", "binary file (ZIP archive, not a .docx)"),
    ],
)
def test_broken_or_foreign_docx_is_named(tmp_path, name, member, content, problem):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(member, content)
    with pytest.raises(InputError) as caught:
        read_document(path, NO_CATALOG)
    assert str(caught.value).startswith(f"{path}: {problem}")


# --- a folder of mixed files -----------------------------------------------------------------


def test_build_reads_pdf_and_docx_and_names_files_it_does_not_read(notice_pdf, tmp_path):
    from kg.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "notice.pdf").write_bytes(notice_pdf.read_bytes())
    write_docx(folder / "plan.docx", DOCX_ITEMS)
    (folder / "figures.xlsx").write_bytes(b"PK\x03\x04 not really")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 not really")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")  # hidden: not a document anyone dropped in
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{folder / 'figures.xlsx'}: not read: a .xlsx file is not a type kg reads" in result.stderr
    assert f"{folder / 'old.doc'}: not read: a .doc file" in result.stderr and "save it as .docx" in result.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["documents"]) == ["notice", "plan"]
    assert sorted(Path(u["path"]).name for u in manifest["unread"]) == ["figures.xlsx", "old.doc"]
    records = [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["doc"] for r in records} == {"notice.pdf", "plan.docx"}


# --- pages that only show a PDF in a viewer ---------------------------------------------------

VIEWER_PAGE = """---
title: 某行业某污染物排放标准
category:
  - 标准规范
---
::: note 适用范围
- 本标准规定了某行业生产过程中某污染物的排放控制要求。
:::
<PDF url="/static/pdf/DB-00-000-2030.pdf" :zoom=90 height="1020px" />
"""


@pytest.mark.parametrize(("page", "shows"), [
    (VIEWER_PAGE, "DB-00-000-2030.pdf"),
    ('<html><body><h1>某标准</h1><iframe src="files/GB-1-2031.pdf"></iframe></body></html>', "GB-1-2031.pdf"),
    # the same viewer beside a text of its own: the page is that text
    (VIEWER_PAGE + "第一条 本标准适用于某行业。\n" * 80, None),
    # no viewer
    ("某行业某污染物排放标准\n本标准规定了排放控制要求。\n", None),
])
def test_a_page_that_only_shows_a_pdf_is_named(tmp_path, page, shows):
    from kg.formats import viewer_page

    path = tmp_path / ("page.html" if page.startswith("<html") else "page.md")
    path.write_text(page, encoding="utf-8")
    note = viewer_page(path)
    assert (note is not None and shows in note and "not read" in note) if shows else note is None


def test_the_build_names_viewer_pages_in_its_report_and_manifest(tmp_path):
    from kg.build import build

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "standard.md").write_text(VIEWER_PAGE, encoding="utf-8")
    (folder / "law.txt").write_text("某某条例\n第一条 为了保护环境,制定本条例。\n", encoding="utf-8")
    report = build([folder], tmp_path / "out")
    assert [Path(p).name for p, _ in report.viewer_pages] == ["standard.md"]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert [Path(v["path"]).name for v in manifest["viewer_pages"]] == ["standard.md"]
    assert sorted(report.documents) == ["law", "standard"]  # still built, from its title
