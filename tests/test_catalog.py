"""catalog.toml: loading, validation, lookup next to a file, and inference without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.catalog import Catalog, infer_metadata
from kg.document import DocumentMetadata
from kg.errors import InputError
from kg.ingest import read_document

SEEDS = Path(__file__).parents[1] / "seeds"

ENTRY = """
[documents."a.txt"]
title = "2025年工作安排"
publisher = "四川省生态环境厅"
published = "2025-02-10"
kind = "provincial-work-plan"
plans = [2025, 2025]
script = "zh-Hans"
source = "https://sthjt.sc.gov.cn/a.html"
"""


def write(folder: Path, toml: str) -> Path:
    path = folder / "catalog.toml"
    path.write_text(toml, encoding="utf-8")
    return path


def test_seed_catalog_has_every_seed():
    catalog = Catalog.load(SEEDS / "catalog.toml")
    assert sorted(catalog.entries) == sorted(p.name for p in SEEDS.glob("*.txt"))
    meta = catalog.metadata_for(SEEDS / "001_aa8a88324737e6f4.txt", "")
    assert (meta.kind, meta.published, meta.reviews, meta.plans, meta.from_catalog) == (
        "speech", "2024-05-28", (2023, 2023), (2024, 2024), True,
    )  # fmt: skip
    assert catalog.script_for(SEEDS / "003_e45c85666a528bad.txt") == "zh-Hant"


def test_entry_gives_metadata(tmp_path):
    catalog = Catalog.load(write(tmp_path, ENTRY))
    assert catalog.metadata_for(tmp_path / "a.txt", "ignored") == DocumentMetadata(
        title="2025年工作安排",
        publisher="四川省生态环境厅",
        published="2025-02-10",
        kind="provincial-work-plan",
        reviews=None,
        plans=(2025, 2025),
        source="https://sthjt.sc.gov.cn/a.html",
        from_catalog=True,
    )


BAD = [  # (toml, words the problem must contain)
    (ENTRY.replace('kind = "provincial-work-plan"', 'kind = "provincial-work-plan"\nauthor = "x"'), "unknown key 'author'"),
    (ENTRY.replace("plans = [2025, 2025]", 'plans = "2025"'), "key 'plans'"),
    (ENTRY.replace("plans = [2025, 2025]", "plans = [2026, 2025]"), "key 'plans'"),
    (ENTRY.replace('kind = "provincial-work-plan"', 'kind = "news"'), "key 'kind'"),
    (ENTRY.replace('published = "2025-02-10"', "published = 2025-02-10"), "key 'published'"),
    (ENTRY.replace('script = "zh-Hans"', 'script = "zh-TW"'), "key 'script'"),
    (ENTRY.replace('title = "2025年工作安排"', ""), "'title' is missing"),
    ('[documents."a.txt"\ntitle = 1', "not valid TOML"),
    ('[other]\nx = 1', "unknown key 'other'"),
]


@pytest.mark.parametrize("toml,problem", BAD)
def test_bad_catalog_names_file_and_key(tmp_path, toml, problem):
    path = write(tmp_path, toml)
    with pytest.raises(InputError) as caught:
        Catalog.load(path)
    assert str(caught.value).startswith(f"{path}: ") and problem in caught.value.problem


def test_find_for_looks_next_to_the_file(tmp_path):
    assert Catalog.find_for(tmp_path / "a.txt").entries == {}
    write(tmp_path, ENTRY)
    assert "a.txt" in Catalog.find_for(tmp_path / "a.txt").entries
    (tmp_path / "a.txt").write_text("2025年,生态环境厅作出如下工作安排。", encoding="utf-8")
    doc = read_document(tmp_path / "a.txt")  # no catalog given: the one in the folder is used
    assert doc.metadata.from_catalog and doc.metadata.title == "2025年工作安排"


def test_catalog_script_overrides_detection(tmp_path):
    write(tmp_path, '[documents."t.txt"]\ntitle = "t"\nscript = "zh-Hant"\n')
    (tmp_path / "t.txt").write_text("工作著力推进。", encoding="utf-8")  # too few Traditional chars to detect
    doc = read_document(tmp_path / "t.txt")
    assert doc.script == "zh-Hant" and doc.text == "工作着力推进。"


INFERRED = [  # (text, captured header values, expected fields)
    (
        "2022年全国水利工作会议:\n1月6日,水利部以视频方式召开2022年全国水利工作会议,"
        "总结2021年水利工作成效,安排部署2022年重点任务。",
        {},
        dict(title="2022年全国水利工作会议", kind="conference-news", reviews=(2021, 2021), plans=(2022, 2022)),
    ),
    (
        "2026年全国生态环境保护工作会议\n划重点\n系统总结2025年和“十四五”生态环境保护工作。今日推出“成就篇”。",
        {"publisher": "生态环境部"},
        dict(kind="achievements-summary", reviews=(2021, 2025), publisher="生态环境部"),
    ),
    (
        "编者按:\n2025年是“十四五”收官年。\n为贯彻落实四川省委决策部署,2025年,生态环境厅作出如下工作安排。",
        {},
        dict(kind="provincial-work-plan", plans=(2025, 2025), reviews=None),
    ),
    (
        "自然资源部部长:守牢耕地保护红线\n二、2023年重点工作任务\n(本文系作者在2023年全国自然资源工作会议上的讲话,有删节)",
        {"published": "2023-04-12", "publisher": "2023年第4期《资源导刊》"},
        dict(kind="speech", plans=(2023, 2023), published="2023-04-12", publisher=None),
    ),
    # other verbs of a meeting's news: 回顾 a year's work, 部署 or 谋划 the next year's
    (
        "全省水利工作会议召开\n2月6日,省水利厅召开全省水利工作会议,回顾2022年水利工作,部署2023年目标任务。",
        {},
        dict(kind="conference-news", reviews=(2022, 2022), plans=(2023, 2023)),
    ),
    (
        "某市林业工作会议在市行政中心举行。会议全面总结2020年林业工作,谋划2021年重点工作。",
        {},
        dict(reviews=(2020, 2020), plans=(2021, 2021)),
    ),
    # a joint document sets its issuers above its title, one or several a line; the title wraps
    (
        "自然资源部 水利部\n国家林业和草原局\n关于加强河口湿地\n生态修复的指导意见\n自然资发〔2031〕7号\n各省、自治区自然资源主管部门:",
        {},
        dict(title="关于加强河口湿地生态修复的指导意见"),
    ),
    # an announcement makes a text public as a decree does: the document is the text
    (
        "某市人民代表大会常务委员会公告\n(第3号)\n《某市湖泊保护条例》已由某市人民代表大会常务委员会于2031年5月8日通过,"
        "现予公布,自2031年9月1日起施行。",
        {},
        dict(title="某市湖泊保护条例"),
    ),
    (
        "最高人民法院 最高人民检察院\n公 告\n《最高人民法院、最高人民检察院关于办理某某案件适用法律若干问题的解释》已于2031年2月3日"
        "由最高人民法院审判委员会第1800次会议通过,现予公布,自2031年3月1日起施行。",
        {},
        dict(title="最高人民法院、最高人民检察院关于办理某某案件适用法律若干问题的解释"),
    ),
    (
        "生态环境部召开部常务会议\n2025年3月20日,会议审议通过有关文件。",
        {"source": "https://www.mee.gov.cn/a.html"},
        dict(title="生态环境部召开部常务会议", published="2025-03-20", source="https://www.mee.gov.cn/a.html", kind=None),
    ),
]


@pytest.mark.parametrize("text,captured,expected", INFERRED)
def test_inferred_metadata(text, captured, expected):
    meta = infer_metadata(text, captured)
    assert not meta.from_catalog
    assert {k: getattr(meta, k) for k in expected} == expected


# A page's author or "来源:" line names its issuer: a renamed body by its old name after 原,
# the first of joint issuers before 等, canonical where the reference data knows it.
PUBLISHERS = [
    ("原国家环境保护总局", "国家环境保护总局"),
    ("原环境保护部等", "环境保护部"),
    ("国家发改委等", "国家发展和改革委员会"),
    ("全国人民代表大会常务委员会", "全国人大常委会"),
    ("湖南省林业局", "湖南省林业局"),  # an organ the list lacks, by its grammar
    ("原环境保护", None),  # cut short: names no body
    ("新华社", None),
    ("原", None),
]


@pytest.mark.parametrize("raw,publisher", PUBLISHERS)
def test_the_publisher_a_page_names_is_a_body_by_its_canonical_name(raw, publisher):
    assert infer_metadata("某某办法\n第一条 正文。", {"publisher": raw}).publisher == publisher
