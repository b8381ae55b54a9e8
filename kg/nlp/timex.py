"""Time expressions of official Chinese: dates (Arabic or Chinese numerals), the year a
figure is stated for, and periods (2021—2025年, 2021年以来, 近五年, “十四五”以来), with
relative words (去年, 今年, 目前) resolved against the document's own date.

Pure functions on strings; the named plan periods (十四五 = 2021–2025) come from the
reference data, never from code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.nlp.grammar import CLAUSE_PUNCTUATION, CN_DIGITS, DATE, JOINER, cn_int, inside_title, iso_date
from kg.reference import reference

CN_NUM = CN_DIGITS + "两十"


def cn_number(text: str) -> int | None:
    """A whole number written in digits or Chinese numerals (二〇二五, 十二, 五); None when
    ``text`` is not one."""
    if not text or any(not c.isdigit() and c not in CN_NUM for c in text):
        return None
    try:
        return cn_int(text)
    except ValueError:
        return None


# 2025-12-30, 2025/12/30, 2025.12.30 (the grammar's DATE reads 2025年12月30日 and
# 二〇二五年十二月三十日)
_ISO_DATE = re.compile(r"(?<![\d.])(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d.])")


def parse_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of every valid date written in ``text``, in order."""
    found = []
    for pattern in (DATE, _ISO_DATE):
        for m in pattern.finditer(text):
            if pattern is DATE and m.start() > 0 and text[m.start() - 1].isdigit():
                continue  # 12025年…: part of a longer number
            date = iso_date(m)
            if date and 1900 <= int(date[:4]) <= 2100:
                found.append((m.start(), m.end(), date))
    return sorted(found)


@dataclass(frozen=True)
class TimeRef:
    """When a statement is for: a year, a period (first, last year), or both."""

    year: int | None
    period: tuple[int, int] | None = None


@dataclass(frozen=True)
class Anchors:
    """What relative words resolve against: ``now`` the year the document is dated (今年,
    去年, 目前), ``last`` the last year it reports on (the end of 近五年, 以来)."""

    now: int | None
    last: int | None
    # the year a part of a year with no year of its own is in (上半年, 一季度, 前三季度)
    current: int | None = None


_N = rf"(\d{{1,2}}|[{CN_NUM}]{{1,3}})"
# Each alternative is one kind of expression; a comparison word before it (较, 比, 与 …)
# makes it a basis, handled in figure_time.
_RANGE = rf"(?P<r1>\d{{4}})(?:年)?\s*(?:—{{1,2}}|-|–|~|～|至|到)\s*(?P<r2>\d{{4}})年"
_SINCE = r"(?:(?P<from>自|从)\s*)?(?P<s>\d{4})年(?:底|末|初)?(?P<since>以来|来|起|至今|开始)"
_FROM = r"(?P<from2>自|从)\s*(?P<f>\d{4})年"
_RECENT = rf"(?:近|过去|最近)(?P<n1>{_N})年|(?P<n2>{_N})年(?:来|以来)"
_RELATIVE = r"(?P<rel>前年|去年|上年|今年|本年|明年|目前|当前|截至目前|截至当前|现在)(?P<rel_since>以来)?"
# A part of the year the text speaks of (上半年, 一季度, 前三季度), when no year is written.
# (a range of months, 6月至9月 or 1—5月, is one too; a single month is a date's)
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?"
_PART = (
    r"(?<![年0-9])(?P<part>上半年|下半年|(?:第?[一二三四1-4]|前[二三两2-3])季度"
    rf"|(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])(?:月份?)?\s*(?:至|到|—{{1,2}}|-|–|~|～)\s*{_MONTH})"
)
_YEAR = r"(?P<y>\d{4})年(?!代)(?:底|末|度)?"


@lru_cache(maxsize=1)
def _expression() -> re.Pattern[str]:
    names = "|".join(sorted((re.escape(n) for n in reference().plan_periods), key=len, reverse=True))
    plan = rf"[“\"]?(?P<plan>{names})[”\"]?(?P<plan_during>时期|期间)?(?P<plan_since>以来)?(?P<plan_end>末)?"
    return re.compile("|".join((_RANGE, _SINCE, plan, _RECENT, _RELATIVE, _PART, _FROM, _YEAR)))


_RELATIVE_YEARS = {"前年": -2, "去年": -1, "上年": -1, "今年": 0, "本年": 0, "明年": 1}
# A time right after one of these is a comparison basis (较2020年, 比上年, 与去年同期相比).
_BASIS_BEFORE = re.compile(r"(?:较|比|与|同|相对|相比|对比|以)$")
_BASIS_AFTER = re.compile(r"^(?:同期|的?基础上|水平|相比|比|基数)")


def expressions(text: str, anchors: Anchors) -> list[tuple[int, int, TimeRef | None]]:
    """(start, end, what it says) of every time expression in ``text``; None for a
    comparison basis (较2020年) or a relative word with nothing to resolve against."""
    out: list[tuple[int, int, TimeRef | None]] = []
    for m in _expression().finditer(text):
        head, tail = text[: m.start()], text[m.end() :]
        if inside_title(text, m.start()):
            continue  # a year inside a title names the document, not the time
        if head.endswith(("(", "（")) and tail.startswith((")", "）")):
            continue  # 生态状况变化(2015—2020年)调查: a bracketed time qualifies its noun
        joined = bool(out) and bool(JOINED_TIMES.fullmatch(text, out[-1][1], m.start()))
        if m["plan"] and not m["plan_since"] and not joined and not _clause_initial(_AT_END.sub("", head)):
            continue  # (“十四五”末和“十五五”末: the second is joined to a time before it)  # 谋划“十五五”生态环境保护, 完成“十三五”期间25个工程: it qualifies a noun
        basis = bool(_BASIS_BEFORE.search(head)) or bool(_BASIS_AFTER.match(tail))
        out.append((m.start(), m.end(), None if basis else _resolve(m, anchors)))
    return out


# A preposition of time before a plan's name keeps it at the head of its clause (到“十五五”末).
_AT_END = re.compile(r"(?:到|至|截至|在)$")


# Between two coordinated times (2025年和2030年, “十四五”、“十五五”)
JOINED_TIMES = re.compile(r"[”\"]?\s*" + JOINER + r"\s*(?:到|至)?[“\"]?")


def _clause_initial(head: str) -> bool:
    """Does a clause start right here (after a break, a list marker or nothing)?"""
    head = head.rstrip()
    return not head or head[-1] in CLAUSE_PUNCTUATION + "、)）"


def _resolve(m: re.Match[str], anchors: Anchors) -> TimeRef | None:
    g = m.groupdict()
    if g["r1"]:
        first, last = int(g["r1"]), int(g["r2"])
        return TimeRef(last, (first, last)) if first < last else None
    if g["s"] or g["f"]:
        first = int(g["s"] or g["f"])
        last = anchors.last if anchors.last and anchors.last > first else None
        return TimeRef(last, (first, last)) if last else None
    if g["plan"]:
        first, last = reference().plan_periods[g["plan"]]
        if g["plan_end"]:
            return TimeRef(last)
        if g["plan_since"] and anchors.last:
            last = min(last, anchors.last)
        return TimeRef(last, (first, last))
    n = g["n1"] or g["n2"]
    if n:
        count = cn_number(n)
        if not count or count > 50 or not anchors.last:
            return None
        return TimeRef(anchors.last, (anchors.last - count + 1, anchors.last)) if count > 1 else TimeRef(anchors.last)
    if g["part"]:
        return TimeRef(anchors.current) if anchors.current else None
    if g["rel"]:
        if anchors.now is None:
            return None
        year = anchors.now + _RELATIVE_YEARS.get(g["rel"], 0)
        if g["rel_since"] and anchors.last and year < anchors.last:
            return TimeRef(anchors.last, (year, anchors.last))  # 前年以来: since that year
        return TimeRef(year)
    return TimeRef(int(g["y"]))


def figure_time(before: str, anchors: Anchors) -> TimeRef | None:
    """The time a statement is for, from the text before it in its sentence: the nearest
    expression that is its own (not a comparison basis, not a year inside a title)."""
    for _start, _end, ref in reversed(expressions(before, anchors)):
        if ref is not None:
            return ref
    return None


# A year a figure is projected to: 到2027年…, 力争2025年…, 2030年前…, 到“十五五”末…;
# later than the reviewed period it makes the figure a goal. 2020年前三季度 is a part of a
# year, not a deadline.
_AHEAD = r"(?<!截)(?:到|至|力争|确保|计划|预计|争取|展望)"
PROSPECTIVE = re.compile(
    rf"{_AHEAD}(?P<y>\d{{4}})年(?:底|末)?|(?<![\d年])(?P<before>\d{{4}})年(?:底)?(?:以前|前)(?![{CN_NUM}\d几期后])"
)


@lru_cache(maxsize=1)
def _prospective() -> re.Pattern[str]:
    names = "|".join(sorted((re.escape(n) for n in reference().plan_periods), key=len, reverse=True))
    return re.compile(rf"{PROSPECTIVE.pattern}|{_AHEAD}[“\"]?(?P<plan>{names})[”\"]?(?:期末|末)")


def projections(text: str) -> list[tuple[int, int, bool]]:
    """(year, end, deadline) of every projection in ``text``, in order; ``deadline`` for a
    time a task is due by (2024年底前完成…) rather than a goal's horizon (到2025年)."""
    found = []
    for m in _prospective().finditer(text):
        if inside_title(text, m.start()):
            continue
        year = int(m["y"] or m["before"]) if not m["plan"] else reference().plan_periods[m["plan"]][1]
        found.append((year, m.end(), m["before"] is not None))
    return found


def prospective_years(text: str) -> list[int]:
    """The year of every projection in ``text``, in order."""
    return [year for year, _end, _deadline in projections(text)]


def prospective_year(before: str) -> int | None:
    """The last year ``before`` projects to, if any."""
    years = prospective_years(before)
    return years[-1] if years else None
