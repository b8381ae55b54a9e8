"""path → Document: encodings, markup, clutter, Traditional script, structure, bad files."""

from __future__ import annotations

import codecs
import html
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import ingest
from kg.catalog import Catalog
from kg.errors import InputError
from kg.ingest import clean, fold_char, normalise, read_document

ROOT = Path(__file__).parents[1]
DATA = Path(__file__).parent / "data" / "ingest"
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "gold"  # a copy of ../shared/gold
NO_CATALOG = Catalog()  # infer metadata, whatever lies next to the file

SAMPLE = "一、总体要求\r\n坚持精准治污（ＰＭ２.５）,推进“美丽中国”建设。\r\n　　2025年完成１０项任务!\r\n"

ENCODINGS = [  # (name, how the file is written, encoding read_document reports)
    ("utf-8", lambda s: s.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", lambda s: codecs.BOM_UTF8 + s.encode("utf-8"), "utf-8-sig"),
    ("gb18030", lambda s: s.encode("gb18030"), "gb18030"),
    ("gbk", lambda s: s.encode("gbk"), "gb18030"),
    ("utf-16-le with BOM", lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"), "utf-16"),
    ("utf-16-be with BOM", lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"), "utf-16"),
    ("utf-16-le without BOM", lambda s: s.encode("utf-16-le"), "utf-16-le"),
    ("utf-16-be without BOM", lambda s: s.encode("utf-16-be"), "utf-16-be"),
]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def assert_maps_back(doc) -> None:
    """Every kept char comes from one original char that normalises to it."""
    offsets = list(doc.offsets)
    assert len(offsets) == len(doc.text) + 1
    assert all(a < b for a, b in zip(offsets, offsets[1:])), "offsets increase"
    kept = "".join(doc.original[o] for o in offsets[:-1])
    if doc.format != "html":
        assert normalise(kept, doc.script) == doc.text
    for i, o in enumerate(offsets[:-1]):
        source, ch = doc.original[o], doc.text[i]
        if doc.format == "html" and (ch.isspace() or source == "&"):
            continue  # line ends map to a tag, collapsed spaces to the first, entities to '&'
        # A phrase can convert a Han char differently from the char alone (計畫 → 计划).
        assert normalise(source, doc.script) == ch or (source >= "\u3400" and ch >= "\u3400"), (i, source, ch)


# --- encodings --------------------------------------------------------------------------


@pytest.mark.parametrize("name,encode,reported", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_every_encoding_gives_the_same_text(tmp_path, name, encode, reported):
    expected = read_document(write(tmp_path, "ref.txt", SAMPLE), NO_CATALOG)
    doc = read_document(write(tmp_path, "doc.txt", encode(SAMPLE)), NO_CATALOG)
    assert doc.encoding == reported
    assert doc.text == expected.text == "一、总体要求\n坚持精准治污(PM2.5),推进“美丽中国”建设。\n2025年完成10项任务!"
    assert_maps_back(doc)


def test_utf16_without_bom_and_without_ascii(tmp_path):
    # Pure Chinese UTF-16 has no NUL bytes to recognise it by: the decoded text decides.
    text = "生态环境部召开部常务会议。会议强调，持续深入打好污染防治攻坚战。"
    doc = read_document(write(tmp_path, "a.txt", text.encode("utf-16-le")), NO_CATALOG)
    assert doc.encoding == "utf-16-le" and doc.text.startswith("生态环境部召开")


# --- normalisation and the offset map ---------------------------------------------------


def test_full_width_digits_are_folded_and_map_back(tmp_path):
    doc = read_document(write(tmp_path, "fw.txt", "ＰＭ２.５浓度下降２.７％，达到３０微克／立方米。"), NO_CATALOG)
    assert doc.text == "PM2.5浓度下降2.7%,达到30微克/立方米。"
    start = doc.text.index("2.7%")
    assert doc.original_text(start, start + 4) == "２.７％"
    assert doc.to_original(start, start + 4) == (start, start + 4)  # nothing dropped before it
    assert_maps_back(doc)


def test_traditional_text_is_converted_and_maps_back():
    doc = read_document(DATA / "traditional.txt", NO_CATALOG)
    assert doc.script == "zh-Hant"
    assert "着力打造“三中心、两平台”" in doc.text  # tw2s: 著力 → 着力, as mainland texts write it
    start = doc.text.index("国务院办公厅印发《湿地保护修复工作方案》")
    sentence = doc.sentence_at(start)
    assert doc.original_text(sentence.start, sentence.end) == "國務院辦公廳印發《濕地保護修復工作方案》,進一步健全濕地保護制度體系。"
    assert "来源" not in doc.text and "致每一位" not in doc.text  # the page's trailer
    assert doc.metadata.publisher == "生态环境部"
    assert_maps_back(doc)


def test_simplified_text_keeps_xianzhu(tmp_path):
    # tw2s would turn the Simplified 显著 into 显着: Simplified documents go through t2s.
    doc = read_document(write(tmp_path, "s.txt", "生态环境质量改善成效显著。"), NO_CATALOG)
    assert doc.script == "zh-Hans" and doc.text == "生态环境质量改善成效显著。"


CHARS = st.sampled_from(
    list("生态环境部會議著力計畫乾隆顯著于於后後里裡发發")  # Simplified, Traditional, phrase-sensitive
    + list("abcXYZ019 .,:;!?-_/%()") + list("ＡＢ１２３！？，（）：　") + ["\n", "\r\n", "。", "、", "“", "”"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(CHARS, min_size=1, max_size=80).map("".join))
def test_property_every_text_char_maps_back_to_its_source(original):
    text, offsets, script, _ = clean(original)
    assert len(offsets) == len(text) + 1
    kept = "".join(original[o] for o in offsets[:-1])
    assert normalise(kept, script) == text
    for i, o in enumerate(offsets[:-1]):
        source = original[o]
        assert normalise(source, script) == text[i] or (source >= "\u3400" and text[i] >= "\u3400")
        assert fold_char(source) == text[i] or source >= "\u3400"  # only Han chars convert


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("生态環境&<>\"'ＰＭ２.５ab1")), min_size=1, max_size=40).map("".join))
def test_property_html_entities_map_to_their_ampersand(content):
    markup = f"<html><body><p>{html.escape(content)}</p><p>部署</p></body></html>"
    text, offsets, script, _ = clean(markup, "html")
    for i, o in enumerate(offsets[:-1]):
        if text[i].isspace():
            continue
        if markup[o] == "&":
            entity = markup[o : markup.index(";", o) + 1]
            assert normalise(html.unescape(entity), script) == text[i]
        else:
            assert normalise(markup[o], script) == text[i] or markup[o] >= "\u3400"


# --- markup and clutter -----------------------------------------------------------------


def test_wechat_header_and_footer_are_dropped():
    doc = read_document(DATA / "wechat.txt", NO_CATALOG)
    assert doc.text.split("\n") == [
        "全国自然资源工作会议在京召开",  # once: the page repeats its title
        "1月9日至10日,自然资源部在京召开2025年全国自然资源工作会议,回顾2024年自然资源工作,部署2025年重点任务。",
        "会议强调,要严守耕地保护红线。",
        "会议要求,扎实推进自然资源领域改革。",
    ]
    meta = doc.metadata
    assert meta.source == "https://example.org/news/2025/0116.html"  # from the URL: line
    assert meta.published == "2024-05-28"  # the WeChat date stamp
    assert (meta.reviews, meta.plans, meta.from_catalog) == ((2024, 2024), (2025, 2025), False)
    assert_maps_back(doc)


def test_html_page_keeps_the_article_only():
    doc = read_document(DATA / "page.html", NO_CATALOG)
    assert doc.format == "html"
    assert doc.text.split("\n") == [
        "生态环境部召开部常务会议",
        "3月20日,生态环境部部长黄润秋主持召开部常务会议,审议并原则通过《排污许可管理办法(修订草案)》。",
        "会议指出,PM2.5浓度同比下降2.7%,“十四五”目标如期完成&超额完成。",
        "会议要求,抓好落实。",  # a line break between Chinese chars is no space
    ]
    for clutter in ("统计代码", "首页", "机构", "分享到", "发表评论", "相关阅读", "责任编辑", "版权所有", "ICP", "display"):
        assert clutter not in doc.text
    quote = doc.text.index("“十四五”")
    assert doc.original_text(quote, quote + 5) == "&ldquo;十四五&rdquo;"  # a cited span covers whole entities
    assert doc.metadata.title == "生态环境部召开部常务会议"
    assert (doc.metadata.publisher, doc.metadata.published) == ("生态环境部", "2025-03-20")
    assert_maps_back(doc)


def test_markdown_syntax_is_dropped():
    doc = read_document(DATA / "notes.md", NO_CATALOG)
    assert doc.text.split("\n") == ["2025年工作要点", "一、总体要求", "坚持精准治污、科学治污,推进美丽中国建设。", "完成PM2.5浓度下降目标。"]
    link = doc.text.index("美丽中国建设")
    assert doc.original_text(link, link + 6) == "美丽中国建设"
    assert_maps_back(doc)


def test_a_file_that_starts_like_html_is_read_as_html(tmp_path):
    doc = read_document(write(tmp_path, "saved.txt", "<!DOCTYPE html><html><body><p>会议强调。</p></body></html>"), NO_CATALOG)
    assert doc.format == "html" and doc.text == "会议强调。"


# --- structure --------------------------------------------------------------------------

SECTIONS = [  # (level, heading) of tests/data/ingest/structure.txt
    (1, "总体要求"),  # a numeral line, then its title
    (1, "二、深入推进污染防治攻坚"),
    (2, "(一)打好蓝天保卫战"),
    (3, "1.加强监测"),
    (3, "(1)完善网络"),
    (1, "01 推动立行立改"),
    (1, "持续推进碧水保卫战"),  # a bare title line
]


def test_sections_and_sentences():
    doc = read_document(DATA / "structure.txt", NO_CATALOG)
    assert [(s.level, s.heading) for s in doc.sections] == SECTIONS
    sentences = [(doc.text[s.start : s.end], s.section) for s in doc.sentences]
    assert sentences[:7] == [
        ("编者按:", None),
        ("为推动各项工作落地落实,作出如下安排。", None),
        ("一", 0),
        ("总体要求", 0),
        ("坚持稳中求进!", 0),
        ("全力完成目标任务?", 0),
        ("是的。", 0),
    ]
    assert ("完成1.6万个项目;", 2) in sentences  # 1.6万 is a number, not a heading
    assert ("(1)完善网络。", 4) in sentences
    two = doc.sections[1]
    assert doc.text[two.start : two.end].startswith("二、") and two.end == doc.sections[5].start
    last = doc.sentences[-1]
    assert doc.section_of(last).heading == "持续推进碧水保卫战"
    assert doc.sentence_at(last.start + 2) == last


# --- bad inputs -------------------------------------------------------------------------

BAD = [  # (file name, bytes, words the problem must contain)
    ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not a readable PDF"),
    ("blob.txt", b"\x00\x01\x02\x03\xff\xfe\x00\x00" * 64 + b"\x10\x00\x00\x00", "binary"),
    ("controls.txt", ("生态" + "\x01\x02\x03\x04") * 50, "binary"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b" \n\t\r\n\xe3\x80\x80\n", "empty"),
    ("bad.txt", b"\x80\x81\xff\xfe\xfd" * 20 + b"\xa1", "undecodable"),
    ("english.txt", b"Ministry of Ecology and Environment\n", "no Chinese text"),
    ("clutter.txt", "-\n公众号 -\n京ICP备05067984号\n", "no Chinese text"),
]


@pytest.mark.parametrize("name,data,problem", BAD, ids=[b[0] for b in BAD])
def test_bad_input_raises_input_error_naming_the_file(tmp_path, name, data, problem):
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as caught:
        read_document(path, NO_CATALOG)
    assert str(caught.value).startswith(f"{path}: ") and problem in caught.value.problem
    assert caught.value.path == path and caught.value.exit_code == 3


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="not a regular file"):
        read_document(tmp_path)


def test_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_BYTES", 10)
    path = write(tmp_path, "big.txt", "生态环境部召开会议。")
    with pytest.raises(InputError) as caught:
        read_document(path, NO_CATALOG)
    assert str(caught.value) == f"{path}: file is 30 bytes, larger than the limit of 10 bytes"


# --- the seeds --------------------------------------------------------------------------

SEED_CLUTTER = {  # strings each seed's page has around the article
    "000_6f03f2aa24c77ee1": ["公众号", "我们 -", "原文链接"],
    "001_aa8a88324737e6f4": ["手机扫码", "作者:admin", "来源:", "时事报告 2024", "浏览18", "返回", "发表评论", "李旭东"],
    "002_8ae1168cbd7d920f": ["Title:", "Date:", "URL:", "关注森林", "摄影", "文章来源", "ICP", "公网安备", "E-file"],
    "003_e45c85666a528bad": ["来源:", "致每一位", "厅局长工作笔记", "特别声明", "Notice"],
    "004_9eff9509ef8e18f9": ["附件下载"],
}


@pytest.fixture(scope="module")
def seeds():
    return {doc.id: doc for doc in (read_document(p) for p in sorted(SEEDS.glob("*.txt")))}


def test_seeds_are_clean_and_map_back(seeds):
    assert sorted(seeds) == sorted(SEED_CLUTTER)
    for doc_id, doc in seeds.items():
        for clutter in SEED_CLUTTER[doc_id]:
            assert clutter not in doc.text, (doc_id, clutter)
        assert not doc.text.startswith("-") and doc.metadata.from_catalog
        assert doc.script == ("zh-Hant" if doc_id.startswith("003") else "zh-Hans")
        assert_maps_back(doc)
        for s in doc.sentences:  # a sentence cut from the text is the same words in the file
            # (the spaces set around numbers aside: 完成 92 个 is 完成92个)
            written = normalise(doc.original_text(s.start, s.end).replace("\r", ""), doc.script).replace("\n", "")
            unspaced = "".join(c for c, _ in ingest._without_digit_spaces(list(zip(written, range(len(written))))))
            assert unspaced == doc.text[s.start : s.end]


def test_seed_article_bounds(seeds):
    first = seeds["001_aa8a88324737e6f4"].text.split("\n")
    assert first[0].startswith("生态环境部部长黄润秋:") and first[1].startswith("当前和今后一个时期")
    assert first[-1].startswith("(本文系作者在") and first[-1].endswith("刊发时有删减)")  # the note closes it
    assert "图片2024年1月15日" in seeds["001_aa8a88324737e6f4"].text  # captions are article text
    assert [s.heading for s in seeds["004_9eff9509ef8e18f9"].sections if s.level == 1][:2] == ["总体要求", "全面推进美丽四川建设"]



def test_gold_evidence_survives_cleaning(seeds):
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc = seeds[Path(gold["doc"]).stem]
        for record in gold["events"] + gold["quantities"]:
            assert record["evidence"] in doc.text, (gold_file.name, record["evidence"])


@pytest.mark.parametrize("line, text", [
    # a single space between a Han character and an Arabic number is typesetting
    ("逾期未改正的,处 5 万元以上 20 万元以下的罚款", "逾期未改正的,处5万元以上20万元以下的罚款"),
    ("依照本规定第 12 条办理", "依照本规定第12条办理"),
    ("年均浓度为 31.6 微克/立方米", "年均浓度为31.6微克/立方米"),
    # a number opening the line numbers a heading; runs of spaces align columns; Han–Han stays
    ("02 强化区域联防联控", "02 强化区域联防联控"),
    ("3.1 监测点位 不少于 6 个", "3.1 监测点位 不少于6个"),
    ("项目   2020年   2025年", "项目   2020年   2025年"),
    ("国家发展改革委 财政部关于", "国家发展改革委 财政部关于"),
])
def test_spaces_around_numbers(line, text):
    assert clean(line)[0] == text
