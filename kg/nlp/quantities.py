"""Quantities written with Arabic digits: value (with 万/亿 applied), unit, approximation,
and the role the words around them give (level, change, target_gap, share).

Quantities don't fit token patterns (`2.7%` is one jieba token, `29.3 微克 / 立方米` four),
so they are found with a regular expression on the normalised text; the tokens are used
only to check that a unit is not the head of a longer word (14部门 is "14" + 部门, not 14 部).
Units come from the reference data (ontology/reference/units.ttl).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import jieba
from spacy.language import Language
from spacy.tokens import Doc

from kg.reference import reference

MULTIPLIERS = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}

# Markers that make a figure approximate or a bound, before and after the number.
APPROX_BEFORE = ("超过", "约", "近", "逾")
APPROX_AFTER = ("左右", "以上", "以下", "余", "多")

# A change: optional comparison phrase, then a verb of direction right before the number.
_CHANGE = re.compile(
    r"(?P<basis>同比|环比|比上年|较上年|与上年相比|(?:较|比)(?P<year>(?:19|20)\d\d)年(?:同期)?|与(?P<year2>(?:19|20)\d\d)年相比)?"
    r"(?:分别)?(?P<verb>下降|降低|减少|上升|增加|增长|提高|提升)了?$"
)
_FALLING = {"下降", "降低", "减少"}
_TARGET_GAP = re.compile(r"(?:好于|优于|超出|超过)(?:年度|序时进度|考核)?目标(?:约|近)?$")
# Words a clause uses to frame a part of a whole.
_SHARE = re.compile(r"占(?:比|全国|[^,;。，；:：、]{0,24}?)(?:为|约|达|达到)?$")
_CLAUSE_BREAK = re.compile(r"[,;。，；:：!?！？\n]")

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"


@dataclass(frozen=True)
class QuantityMatch:
    """One quantity in the normalised text (offsets into Document.text)."""

    start: int
    end: int
    value: Decimal
    unit: str
    role: str
    approx: bool
    basis: str | None


def _unit_pattern(units: list[str]) -> str:
    # 个 may stand before a unit of two or more characters (个百分点, 个轮次), never
    # before a one-character one: 9个项目 is 9个 + 项目, not 9 个项.
    forms = {u for u in units if u} | {"个" + u for u in units if len(u) >= 2}
    alternatives = sorted((re.escape(u) for u in forms), key=len, reverse=True)
    return "(?:" + "|".join(alternatives) + ")" if alternatives else "(?!)"


class QuantityFinder:
    def __init__(self, units: list[str]):
        self.units = set(units)
        self.pattern = re.compile(
            rf"(?P<before>{'|'.join(APPROX_BEFORE)})?"
            rf"(?P<number>{_NUMBER})"
            rf"(?P<mid>余|多)?(?P<mult>万亿|亿|万)?(?P<mid2>余|多)?"
            rf"(?P<unit>{_unit_pattern(units)})?"
            rf"(?P<after>左右|以上|以下|余)?"
        )

    def find(self, text: str, longer_word_at: Callable[[int, int], bool] | None = None) -> list[QuantityMatch]:
        """``longer_word_at(start, end)`` says whether a dictionary word starts at ``start``
        and runs past ``end`` (then a unit there is the head of that word: 14部门)."""
        found = []
        for m in self.pattern.finditer(text):
            if _is_not_a_quantity(text, m):
                continue
            quantity = self._read(text, m, longer_word_at)
            if quantity is not None:
                found.append(quantity)
        return found

    def _read(self, text: str, m: re.Match, longer_word_at) -> QuantityMatch | None:
        number = Decimal(m["number"].replace(",", ""))
        multiplier = MULTIPLIERS.get(m["mult"] or "", Decimal(1))
        unit_text = m["unit"] or ""
        end = m.end()
        if unit_text and longer_word_at is not None and longer_word_at(m.start("unit"), m.end("unit")):
            # the unit is the start of a longer word (14部门, 3个人): keep the bare count
            unit_text = ""
            end = m.end("mult") if m["mult"] else m.end("number")
            if m["mid2"]:
                end = m.end("mid2")
        elif not unit_text and m["after"]:
            end = m.end("after")
        unit = unit_text[1:] if unit_text.startswith("个") and unit_text[1:] in self.units else unit_text
        after = m["after"] if m.end("after") <= end else None
        approx = bool(m["before"] or m["mid"] or m["mid2"] or after)
        start = m.start()
        role, basis = "level", None
        prefix = text[_clause_start(text, start) : start]
        change = _CHANGE.search(prefix)
        # a bare 增加/下降 before a count is a level (新增…), before a rate it is a change
        if change and (change["basis"] or unit in ("%", "百分点")):
            role = "change"
            start -= len(change.group(0))
            if change["verb"] in _FALLING:
                number = -number
            basis = _basis(change)
        if role == "level":
            if _TARGET_GAP.search(prefix):
                role = "target_gap"
            elif _SHARE.search(prefix):
                role = "share"
        return QuantityMatch(start, end, number * multiplier, unit, role, approx, basis)


def _basis(change: re.Match) -> str:
    if change["year"] or change["year2"]:
        return change["year"] or change["year2"]
    return "yoy" if change["basis"] else ""


def _clause_start(text: str, pos: int) -> int:
    window_start = max(0, pos - 40)
    breaks = list(_CLAUSE_BREAK.finditer(text, window_start, pos))
    return breaks[-1].end() if breaks else window_start


def _is_not_a_quantity(text: str, m: re.Match) -> bool:
    """Years, dates, ordinals, codes, list numbering: digits that measure nothing."""
    start, end = m.start("number"), m.end("number")
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    digits = m["number"]
    # names and codes: PM2.5, COP29, 5G, "1+6+20", version 2.0 of a platform
    if before.isascii() and (before.isalnum() or before in "+.-/#_") or after in "+":
        return True
    if after.isascii() and after.isalpha() and not m["unit"]:
        return True
    if before == " " and start >= 2 and text[start - 2].isascii() and text[start - 2].isalpha():
        return True  # INES 1级
    # ordinals (第三批 is not digits; 第29次 is) and grades (INES 1级)
    if before == "第" or (after == "级" and not m["unit"]):
        return True
    # years and periods: 2024年, 2023—2030年, 2023、2024年度, 2024-2027, “绿盾 2024”;
    # a year-like number with no unit is a year (a bare count of 2024 things is rare)
    if _looks_like_year(digits) and not m["mult"] and not m["mid"] and not m["unit"]:
        return True
    if _looks_like_year(digits) and not m["mult"] and not m["mid"]:
        following = text[end : end + 6]
        if following[:1] in ("年", "—", "-", "–", "~", "～", "至", "、", "/") or following[:2] == "年度":
            return True
        if re.match(r"\s*(?:年|届|版)", following):
            return True
    # dates: 1月14日, 15日, 3号
    if not m["unit"] and after in ("月", "日", "号", "时", "点") and "." not in digits:
        return True
    # the document's own numbering: "01 推动…", "(1)", "1." at the start of a line
    line_start = start == 0 or text[start - 1] == "\n"
    if line_start and not m["unit"] and (after in (" ", "、", ".", ")", "\u3000") or not after):
        return True
    if before == "(" and after == ")":
        return True
    return False


def _looks_like_year(digits: str) -> bool:
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100


@Language.factory("ep_quantities")
def make_quantity_component(nlp: Language, name: str):
    return QuantityComponent(sorted(reference().units))


class QuantityComponent:
    """Writes the quantities of a Doc to ``doc._.quantities`` (list of QuantityMatch)."""

    def __init__(self, units: list[str]):
        self.finder = QuantityFinder(units)
        if not Doc.has_extension("quantities"):
            Doc.set_extension("quantities", default=None)

    def __call__(self, doc: Doc) -> Doc:
        tokens = {t.idx: t.text for t in doc}

        def longer_word_at(start: int, end: int) -> bool:
            # Only a real dictionary word counts: jieba's HMM also glues unknown pairs
            # (23项分领域 → 项分), and those must not cost the figure its unit.
            word = tokens.get(start, "")
            return len(word) > end - start and jieba.dt.FREQ.get(word, 0) > 0

        doc._.quantities = self.finder.find(doc.text, longer_word_at)
        return doc
