"""Document metadata: from a hand-checked catalog.toml next to the files, else inferred.

A catalog entry is read from the document by a person and wins over inference; the
inference below is a fallback for files nobody has catalogued yet, tuned for the way
Chinese government and news pages open (title, date, "总结2024年…安排部署2025年…").

    [documents."000_6f03f2aa24c77ee1.txt"]
    title = "…"; publisher = "…"; published = "2025-01-15"; kind = "conference-news"
    reviews = [2024, 2024]; plans = [2025, 2025]; script = "zh-Hans"; source = "https://…"
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.document import KINDS, SCRIPTS, DocumentMetadata
from kg.errors import InputError
from kg.nlp.grammar import DOCUMENT_KIND_END, DOCUMENT_NUMBER, HAN_CHARS, NUMBER, title_cell
from kg.nlp.timex import parse_dates
from kg.reference import reference

CATALOG_NAME = "catalog.toml"

_DATE = re.compile(r"^\d{4}(?:-\d{2}-\d{2})?$")


def _text(v: Any) -> bool:
    return isinstance(v, str) and v.strip() != ""


def _period(v: Any) -> bool:
    return (
        isinstance(v, list)
        and len(v) == 2
        and all(isinstance(y, int) and not isinstance(y, bool) and 1949 <= y <= 2100 for y in v)
        and v[0] <= v[1]
    )


# key → (check, what the value must be): the whole schema of an entry.
_SCHEMA = {
    "title": (_text, "a non-empty string"),
    "publisher": (_text, "a non-empty string"),
    "published": (lambda v: isinstance(v, str) and bool(_DATE.match(v)), 'a date "yyyy-mm-dd" or a year "yyyy"'),
    "kind": (lambda v: v in KINDS, f"one of {', '.join(KINDS)}"),
    "reviews": (_period, "[first year, last year]"),
    "plans": (_period, "[first year, last year]"),
    "script": (lambda v: v in SCRIPTS, f"one of {', '.join(SCRIPTS)}"),
    "source": (lambda v: isinstance(v, str) and v.startswith(("http://", "https://")), "an http(s) URL"),
}


@dataclass(frozen=True)
class Catalog:
    path: Path | None = None
    entries: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Catalog:
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as e:
            raise InputError(path, f"cannot read catalog: {e.strerror or e}") from e
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise InputError(path, f"not valid TOML: {e}") from e
        for key in data:
            if key != "documents":
                raise InputError(path, f"unknown key {key!r} (only [documents.\"FILE\"] tables)")
        documents = data.get("documents", {})
        if not isinstance(documents, dict):
            raise InputError(path, "'documents' must be a table of tables")
        for name, entry in documents.items():
            _check_entry(path, name, entry)
        return cls(path, documents)

    @classmethod
    def find_for(cls, document_path: Path) -> Catalog:
        """The catalog.toml in the document's folder, or an empty catalog."""
        candidate = Path(document_path).resolve().parent / CATALOG_NAME
        if not candidate.is_file():
            return cls()
        return _load_cached(candidate, candidate.stat().st_mtime_ns)

    def entry_for(self, path: Path) -> Mapping[str, Any] | None:
        return self.entries.get(Path(path).name)

    def script_for(self, path: Path) -> str | None:
        entry = self.entry_for(path)
        return entry.get("script") if entry else None

    def metadata_for(self, path: Path, text: str, captured: Mapping[str, str] | None = None) -> DocumentMetadata:
        """Metadata from the catalog entry, or inferred from `text` when there is none.

        `captured` holds values read from header lines that cleaning removed from
        `text` (a "URL:" line, a date stamp, a "来源:" line); see kg.ingest.
        """
        entry = self.entry_for(path)
        if entry is None:
            return infer_metadata(text, captured or {})
        return DocumentMetadata(
            title=entry["title"],
            publisher=entry.get("publisher"),
            published=entry.get("published"),
            kind=entry.get("kind"),
            reviews=tuple(entry["reviews"]) if "reviews" in entry else None,
            plans=tuple(entry["plans"]) if "plans" in entry else None,
            source=entry.get("source"),
            from_catalog=True,
        )


@lru_cache(maxsize=32)
def _load_cached(path: Path, mtime_ns: int) -> Catalog:  # mtime in the key: edits are seen
    return Catalog.load(path)


def _check_entry(path: Path, name: str, entry: Any) -> None:
    where = f'documents."{name}"'
    if not isinstance(entry, dict):
        raise InputError(path, f"{where} must be a table")
    for key, value in entry.items():
        if key not in _SCHEMA:
            raise InputError(path, f"{where}: unknown key {key!r} (known: {', '.join(_SCHEMA)})")
        check, wanted = _SCHEMA[key]
        if not check(value):
            raise InputError(path, f"{where}: key {key!r} must be {wanted}, not {value!r}")
    if "title" not in entry:
        raise InputError(path, f"{where}: key 'title' is missing")


# --- inference -------------------------------------------------------------------------

HEADER_LINES = 12  # dates and sources are looked for in the first lines only
SIGNATURE_LINES = 8  # the date under a signature is among the last lines

# A meeting's news reviews one year and plans the next with verbs of its own: 总结 or 回顾
# (总结2024年…工作, 系统总结2025年和“十四五”…工作, 回顾2023年…工作), "2024年…工作取得重要进展"
_REVIEW = re.compile(r"(?:总结|回顾)(\d{4})年(?:和“?(十[一二三四五六]五)”?)?|(\d{4})年[^。,]{0,20}工作取得")
# (安排)部署 or 谋划 the year's tasks first (安排部署2025年重点任务, 部署2023年工作, 谋划2026年
# 重点工作); else "2025年,…作出如下工作安排", "2024年重点工作任务", "2025年工作要点"
_PLAN = (re.compile(r"(?:部署|谋划)(\d{4})年"), re.compile(r"(\d{4})年(?:(?!\d{4}年)[^。]){0,20}(?:工作安排|工作要点|重点工作任务)"))
# Five-year plans by name (the count skips 1963–1965, so no formula from the first plan).
_FIVE_YEAR = {
    "十一五": (2006, 2010),
    "十二五": (2011, 2015),
    "十三五": (2016, 2020),
    "十四五": (2021, 2025),
    "十五五": (2026, 2030),
    "十六五": (2031, 2035),
}
_PROVINCES = re.compile(
    r"北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西"
    r"|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆"
)
# Publishers named in a "来源:" line look like agencies, not like journal issues.
_AGENCY_NAME = re.compile(rf"^[{HAN_CHARS}]{{2,20}}(?:部|厅|局|委|委员会|办公室|办|政府|中心|署)$")
# A page's author field names a body that has since been renamed by its old name after 原
# (原环境保护部: the Ministry of Environmental Protection itself, not its successor), and
# the first of joint issuers before 等 (原国家环境保护总局等).
_FORMER_OR_MORE = re.compile(r"^原(?=.{2})|等$")


def _publisher(raw: str | None) -> str | None:
    """The body a "来源:" line or a page's author names, by its canonical name where the
    reference data knows it; None for what is no body (a newspaper, a person)."""
    if not raw:
        return None
    name = _FORMER_OR_MORE.sub("", raw)
    concept = reference().agency_surfaces.get(name)
    if concept is not None:
        return concept.label_zh
    return name if _AGENCY_NAME.match(name) else None


# A date a clause sets as a start, an end or a deadline (自2027年1月1日起施行, 2026年6月30日前,
# 截至2025年底) is no date of the document itself.
_SET_BEFORE = re.compile(r"(?:自|从|到|至|截至|截止)\s*$")
_SET_AFTER = re.compile(r"\s*(?:起|前|以前|之前|以后|之后|止|为止)")


def _first_date(lines: list[str]) -> str | None:
    for line in lines:
        for start, end, date in parse_dates(line):
            if not _SET_BEFORE.search(line, 0, start) and not _SET_AFTER.match(line, end):
                return date
    return None


# A line that states the document's own date: a dateline (《人民日报》(2026年06月05日第 11
# 版)), a byline label (发布时间, 发布日期, 成文日期, 来源…时间), or a date alone on a line
# (the date under a signature, 二〇二五年十二月三十日).
_DATE_LABEL = re.compile(r"发布(?:时间|日期)|成文日期|印发日期|日期\s*[:：]|时间\s*[:：]|第\s*\d+\s*版")


def _stated_date(lines: list[str]) -> str | None:
    """The date the document states as its own: a labelled date or a dateline among the
    first lines, else a date alone on one of the last lines (under the signature)."""
    for line in lines[:HEADER_LINES]:
        dates = parse_dates(line)
        if dates and (_DATE_LABEL.search(line) or _alone(line, dates[0])):
            return dates[0][2]
    for line in reversed(lines[-SIGNATURE_LINES:]):
        dates = parse_dates(line)
        if dates and _alone(line, dates[0]):
            return dates[0][2]
    return None


def _alone(line: str, date: tuple[int, int, str]) -> bool:
    rest = (line[: date[0]] + line[date[1] :]).strip(" ()（）")
    return rest == ""


def _review_period(text: str) -> tuple[int, int] | None:
    years: list[int] = []
    for m in _REVIEW.finditer(text):
        year = m.group(1) or m.group(3)
        years.append(int(year))
        if m.group(2):
            years.extend(_FIVE_YEAR[m.group(2)])
        break  # the first statement is the document's own; later ones quote others
    return (min(years), max(years)) if years else None


def _plan_period(text: str) -> tuple[int, int] | None:
    for pattern in _PLAN:
        m = pattern.search(text)
        if m:
            return (int(m.group(1)), int(m.group(1)))
    return None


def _kind(title: str, head: str, text: str) -> str | None:
    if _PROVINCES.search(head) and re.search(r"工作安排|工作要点|工作计划", head):
        return "provincial-work-plan"
    if re.search(r"讲话|本文系作者在.{0,30}(?:报告|讲话)", title + text[-300:]):
        return "speech"
    if "成就篇" in head:
        return "achievements-summary"
    if "工作报告" in title:
        return "work-report"
    if "工作会议" in title:
        return "conference-news"
    return None


_LABEL = re.compile(r"^(?:编者按|编者的话|导读|摘要|按)\s*:?$")  # editor's labels open pages, not titles


# Lines above an official document's title: its number (国发〔2023〕24号) and letterhead (国务院文件).
_ABOVE_TITLE = re.compile(rf"^\(?{DOCUMENT_NUMBER.pattern}\)?$|^[{HAN_CHARS}]{{2,20}}文件$")
# A number in brackets after the title, and 《》 around a whole title.
_TITLE_NUMBER = re.compile(rf"\s*\({DOCUMENT_NUMBER.pattern}\)$")


# A decree (公布令) heads the text it makes public: its issuer's 令 and number on lines of
# their own (中华人民共和国国务院令 / 第802号, 生态环境部令 第51号), then 《X》已经…通过，现予公布:
# the document is X, whose title line stands only after the decree's signature.
# An announcement (公告) makes a text public the same way (两高's 公告 of an interpretation).
_DECREE_HEAD = re.compile(rf"^[{HAN_CHARS}、\s]{{0,40}}(?:令|公\s*告)\s*(?:第{NUMBER}号)?$")
_DECREE_TITLE = re.compile(r"^《([^》]+)》[^。]{0,80}?现予(?:以)?(?:公布|发布|颁布)")


def decree_head(text: str) -> str | None:
    """The head line of a decree or announcement that opens the text (生态环境部令 第45号,
    中华人民共和国国务院令), past the issuer lines above it; None when the text opens otherwise."""
    lines = [line.strip() for line in text.split("\n", 4)[:4] if line.strip()]
    lines = [line for line in lines if not _issuers_only(line)]
    return lines[0] if lines and _DECREE_HEAD.match(lines[0]) else None


def _issuers_only(line: str) -> bool:
    """A line of the 版头 that names only issuers (国家发展改革委 水利部 / 最高人民法院 最高人民检察院):
    a joint document sets its issuers above its title, one or several a line."""
    names = [n for n in re.split(r"[\s、]+", line) if n]
    surfaces = reference().agency_surfaces
    return bool(names) and all(n in surfaces or _AGENCY_NAME.match(n) for n in names)


def _title_line(lines: list[str]) -> str:
    """The first short line without a sentence end among the first three, else the first
    line; a title wrapped over two lines is joined (…关于印发“无废城市”建设 / 试点工作方案的通知);
    a decree's text is the one it makes public."""
    lines = [line for line in lines[:4] if not _ABOVE_TITLE.match(line) and not _issuers_only(line)] + lines[4:]
    if lines and _DECREE_HEAD.match(lines[0]):
        made_public = (_DECREE_TITLE.match(line) for line in lines[1:4])
        found = next((m.group(1) for m in made_public if m), None)
        if found:
            return found
    for k, line in enumerate(lines[:3]):
        if 4 <= len(line) <= 60 and "。" not in line and not _LABEL.match(line):
            nxt = lines[k + 1] if k + 1 < len(lines) else ""
            if "关于" in line and not DOCUMENT_KIND_END.search(line) and DOCUMENT_KIND_END.search(_bare_title(nxt)):
                line += nxt
            return _bare_title(line.rstrip(":"))
    return next((line.rstrip(":") for line in lines if not _LABEL.match(line)), "")


# The period a document covers, told by its genre in its title: a work report or a
# conference reviews the year before its date and plans its year; a summary (总结) or a
# bulletin (公报) reviews the year it names; a work plan (要点, 安排, 计划) plans it; a
# plan or programme titled with a span (2022—2025年, 2030年前, “十四五”) plans that span.
_GENRE_REVIEW_PLAN = re.compile(r"政府工作报告|工作报告|工作会议")
_GENRE_REVIEW = re.compile(r"(\d{4})年(?:(?!\d{4}年)[^,。]){0,30}?(?:工作总结|总结|公报|年报|状况)")
_GENRE_PLAN = re.compile(r"(\d{4})年(?:(?!\d{4}年)[^,。]){0,30}?(?:工作要点|工作安排|工作计划|重点工作|工作任务)")
_TITLE_SPAN = re.compile(r"(\d{4})\s*(?:年)?\s*(?:—{1,2}|-|–|~|至)\s*(\d{4})年|(\d{4})年前")
_PLAN_TITLE = re.compile(r"规划|方案|计划|纲要|行动|意见|要点")


def _genre_periods(title: str, year: int | None) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(reviews, plans) that the title's genre implies, each None when it tells nothing."""
    review = _GENRE_REVIEW.search(title)
    plan = _GENRE_PLAN.search(title)
    reviews = (int(review.group(1)),) * 2 if review else None
    plans = (int(plan.group(1)),) * 2 if plan else None
    if not (reviews or plans) and _GENRE_REVIEW_PLAN.search(title):
        named = re.search(r"(\d{4})年", title)
        current = int(named.group(1)) if named else year
        if current:
            reviews, plans = (current - 1, current - 1), (current, current)
    if not plans and _PLAN_TITLE.search(title):
        span = _TITLE_SPAN.search(title)
        named = next((p for n, p in reference().plan_periods.items() if n in title), None)
        if span and span.group(3):
            plans = (year or int(span.group(3)), int(span.group(3)))
        elif span:
            plans = (int(span.group(1)), int(span.group(2)))
        elif named:
            plans = named
    return reviews, plans


def _bare_title(line: str) -> str:
    line = _TITLE_NUMBER.sub("", line)
    return line[1:-1] if line.startswith("《") and line.endswith("》") and line.count("《") == 1 else line


def infer_metadata(text: str, captured: Mapping[str, str]) -> DocumentMetadata:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    head_lines = lines[:HEADER_LINES]
    head = "\n".join(head_lines)
    cell = title_cell(text)
    title = captured.get("title") or (cell and _bare_title(text[cell[0] : cell[1]].strip())) or _title_line(lines)
    publisher = _publisher(captured.get("publisher"))
    published = captured.get("published") or _stated_date(lines) or _first_date(head_lines)
    genre_reviews, genre_plans = _genre_periods(title, int(published[:4]) if published else None)
    return DocumentMetadata(
        title=title,
        publisher=publisher,
        published=published,
        kind=_kind(title, head, text),
        reviews=_review_period(text) or genre_reviews,
        plans=_plan_period(text) or genre_plans,
        source=captured.get("source"),
        from_catalog=False,
        category=captured.get("category"),
    )
