"""Quantities written with Arabic digits: value (with 万/亿 applied), unit, approximation,
and the role the words around them give (level, change, target, target_gap, share).

Quantities don't fit token patterns (`2.7%` is one jieba token, `29.3 微克 / 立方米` four),
so they are found with a regular expression on the normalised text; the tokens are used
only to check that a unit is not the head of a longer word (14部门 is "14" + 部门, not 14 部).
Units come from the reference data (ontology/reference/units.ttl).

Conventions beyond ../shared/ANNOTATION.md, decided here:
- A range (10—20个, 10%—15%, 3—5万吨, 下降10%—15%) gives two quantities, one per number
  written; the lower one takes the upper one's unit, multiplier and role (10 → 10 个,
  3 → 30000 吨), and its text is the number as written (10, 10%).
- A bound (以上, 以下, 以内, 不低于, 不超过, 至少 …) is approx; whether it is a level or a
  target is the context's business (a reached bound is a level, a plan's a target).
- A figure the text frames as a goal (目标为, 力争, 确保…达到) is a target wherever it is;
  the document context (a plan, the tasks part of a report) is applied in kg/extract.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

import jieba
from spacy.language import Language
from spacy.tokens import Doc

from rdflib.namespace import SKOS

from kg.nlp.classifiers import measure_words
from kg.nlp.grammar import CLAUSE_PUNCTUATION, IN_CLAUSE, alternatives, cn_int, is_han, part_start
from kg.nlp.grammar import clause_start as _clause_start
from kg.nlp.tables import Tables, cells, separator_of
from kg.nlp.tokens import doc_text, token_words
from kg.reference import reference
from kg.vocab import QUDT_UNIT

MULTIPLIERS = {
    "万亿": Decimal(10) ** 12,
    "千亿": Decimal(10) ** 11,
    "亿": Decimal(10) ** 8,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "万": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
}
# 千 that starts a unit is the unit's own prefix (5千瓦 is 5 kW, 500千伏 500 kV): the
# finder builds the lookahead from the units that start with 千.
_MULT = r"万亿|千亿|亿|千万|百万|万"

# Markers that make a figure approximate or a bound, before and after the number.
APPROX_BEFORE = (
    "不低于", "不少于", "不超过", "不高于", "不大于", "不小于", "不到", "不足",
    "大约", "将近", "接近", "超过", "突破", "至少", "高于", "低于", "多于", "少于", "约", "近", "逾", "超",
)  # 突破 a figure is to pass it (余额突破1万亿元): a lower bound, as 超过
APPROX_AFTER = ("左右", "以上", "以下", "及以上", "及以下", "以内", "之内", "余")

_PUNCT = re.escape(CLAUSE_PUNCTUATION)
# A change: optional comparison phrase, then a verb of direction right before the number.
_BASIS = (
    r"(?P<basis>同比|环比|比上年(?:同期)?|较上年(?:同期)?|比去年(?:同期)?|较去年(?:同期)?|"
    r"与上年(?:同期)?相比|与去年(?:同期)?相比|"
    r"(?:较|比)(?P<year>(?:19|20)\d\d)年(?:底|末)?(?:同期)?|与(?P<year2>(?:19|20)\d\d)年(?:底|末)?(?:同期)?相比|"
    # the end of a five-year plan's period (较“十四五”末, 与“十三五”期末相比): its last year
    r"(?:较|比|与)[“\"]?(?P<plan>十[一二三四五六七八九]五)[”\"]?(?:期)?末(?:相比)?|"
    # a point or state in time that is not a year: 较治理前, 比实施初, 较基准期
    rf"(?P<point>(?:较|比)[^{_PUNCT}、0-9较比]{{1,6}}?(?:前|初|期|时)))"
)
# 下降为/降到/提高到 give the new level, not the change: only 了 may follow the verb,
# while a 幅 noun (降幅为5%) may take 为/达.
# The one-character verbs (降, 减, 增, 升, 涨) are the terse forms of news and reports
# (同比降5.2%, 约降10%); 约 or 近 before the verb makes the figure approximate.
_CHANGE = re.compile(
    rf"{_BASIS}?(?:累计|分别|均|共|平均|总体|大幅|持续|进一步|又)?(?P<about>大约|约|近)?"
    r"(?:(?P<verb>下降|降低|减少|削减|压减|下滑|回落|缩减|缩小|减小|收窄|上升|增加|新增|增长|增大|扩大|提高|提升|升高|上涨|降|减|增|升|涨)了?"
    r"|(?P<noun>降幅|减幅|增幅|涨幅|增速)(?:为|达到|达|是)?)$"
)
# A transitive verb with its object before a rate (压减粗钢产量5%, 降低单位GDP能耗13.5%): the
# object is what changes; 到/至/为/达/在 before the number would make it the new level.
_CHANGE_OBJECT = re.compile(
    rf"(?P<verb>降低|削减|压减|减少|缩减|提高|提升|增加)(?!值)[^{_PUNCT}、0-9到至为达在了]{{2,14}}$"
)
_FALLING = {"下降", "降低", "减少", "削减", "压减", "下滑", "回落", "缩减", "缩小", "减小", "收窄", "降幅", "减幅", "降", "减"}
# A basis written at the end of a subject phrase (…排放总量比2020年 | 分别下降8%).
BASIS_AT_END = re.compile(_BASIS + r"$")
# A basis said once for the clause: 与2020年相比,全国PM2.5浓度下降18%.
_BASIS_AHEAD = re.compile(_BASIS + r"[,，]")
_TARGET_GAP = re.compile(
    r"(?:好于|优于|超出|超过|高于|低于|差于|超额完成)(?:(?:国家|省|市|上级)?下达的?|国家)?(?:年度|序时进度|考核|阶段)?"
    r"(?:目标|进度)(?:任务|值)?(?:约|近)?$|超序时进度(?:约|近)?$"
)
# A figure the clause itself sets as a goal.
# 计划, 预计 and 拟 as verbs of planning: before a time, a preposition, an adverb of repetition
# or a verb of doing (计划年内再关停20家, 预计全年完成, 拟于), not as nouns (按计划, 年度计划的,
# 重点研发计划“…”, 计划单列市) nor a rate (计划完成率).
PLAN_VERB = (
    r"(?<![按照原度])(?:计划|预计|拟)(?=年内|今年|明年|全年|下半年|年底|于|到|在|再|还|新|建成|建设|完成|实现|达到"
    r"|投入|开工|关停|淘汰|实施|推进|改造|治理|[0-9])"
)
_TARGET = re.compile(
    r"目标(?:值)?(?:为|是|设定为)?$|力争|" + PLAN_VERB + "|确保" + IN_CLAUSE + r"{0,20}(?:达到|达|控制在|降至|降到|提高到)"
)
# A figure that a goal noun follows (…下降18%的约束性目标, “占比70%”的硬指标)
_GOAL_AFTER = re.compile(r"[”\"」』]?(?P<of>的)?(?:年度|约束性|预期性|硬|既定|总体|阶段性|考核|规划)?(?:目标|指标)(?!值)")
# Words a clause uses to frame a part of a whole (占地, 占用, 侵占 are not shares).
_SHARE = re.compile(
    r"(?<![侵挤抢霸])占(?![地用有补领])(?:比|全国|(?:(?!、)" + IN_CLAUSE + r"){0,24}?)(?:为|约|达|达到|超过)?$"
)
# Between the two numbers of a range: 10—20个, 10%-15%, 3至5万吨.
_RANGE_SEP = re.compile(r"\s*(?:—{1,2}|-|–|~|～|至|到)\s*$")

# After a unit of time, these make a word with it that still reads as unit + suffix.
_TIME_SUFFIXES = {"来", "内", "间", "以来", "以内", "里", "前", "后"}

# Dates and times written in digits only: 2023-02-08, 2023/2/8, 2023.02.08, 2024-05,
# 16:06, 6·5. Their parts are not quantities (02 and 08 are a month and a day).
_NUMERIC_DATE = re.compile(
    r"(?<![0-9.])(?:19|20)[0-9]{2}(?:(?P<sep>[-/])(?:0?[1-9]|1[0-2])(?:(?P=sep)(?:0?[1-9]|[12][0-9]|3[01]))?"
    r"|\.(?:0?[1-9]|1[0-2])\.(?:0?[1-9]|[12][0-9]|3[01]))(?![0-9])"
    r"|(?<![0-9.:])(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?![0-9])"
    # a time of day in words: 9时30分, 14点05分
    r"|(?<![0-9.])(?:[01]?[0-9]|2[0-3])[时点][0-5]?[0-9]分"
    # a day named by its month and day joined by a middle dot: “6·5”环境日, 3·15
    r"|(?<![0-9.·•・])(?:0?[1-9]|1[0-2])[·•・](?:0?[1-9]|[12][0-9]|3[01])(?![0-9.·•・])"
)
# A count of times in a clause that says per what period (每天, 每季度, 每2年): a frequency.
_TIMES = ("次", "遍", "轮", "轮次", "趟")
_PER_PERIOD = re.compile(r"每(?:[0-9]+(?:个)?)?(?:天|日|周|旬|月|季度|季|半年|年|小时)")
# A list closed by 等 right before a count of kinds: 废钢铁、废铜、废铝等9种再生资源.
_LISTED_BEFORE = re.compile(r"、[^,，。;；:：、]{1,20}等$")
_KINDS = ("种", "类")


def _counts_listed_kinds(text: str, m: re.Match, q: QuantityMatch) -> bool:
    """The count of the kinds a list just named (A、B、C等9种X) says how many kinds the class
    holds: a definition of what the clause speaks of, for no one year, not a measurement."""
    return q.unit in _KINDS and not m["before"] and bool(_LISTED_BEFORE.search(text, max(0, m.start() - 40), m.start()))


# The first factor of a schedule (7× in 7×24小时).
_SCHEDULE = re.compile(r"[0-9]\s*[×xX*]\s*$")
# A count with its measure word right before a figure (8个 in 8个500千伏).
_COUNTED = re.compile(r"[0-9]+(?:余|多)?(?:个|座|条|项|处|回)$")
# After a duration: what it averages (8小时平均浓度, 24小时滑动平均值).
_AVERAGED = re.compile(r"(?:滑动)?平均(?:浓度|值)")
# After a duration: a point in time counted from now (9年前, 3天后, 5年以前).
_TIME_POINT = re.compile(r"[以之]?[前后]")
# ASCII digits only: \d would also take other scripts' digits, which Decimal converts.
_NUMBER = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"


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
    # a standing rule (a threshold that delimits what it applies to, a time limit, a
    # fine's bound): a level for no year, whatever document or paragraph it stands in
    standing: bool = False
    # a standard each new installation must meet (新建数据中心PUE值不超过1.3, 按…比例配建):
    # it keeps its role but holds for no one year
    requirement: bool = False
    # the starting point of 从A增至B: a level of an earlier, unstated time, not of the year
    # (or the goal) the clause speaks of
    baseline: bool = False


def _thousand(units: list[str]) -> str:
    """千 as a multiplier: not where it starts a unit (千瓦, 千伏)."""
    rests = [u[1:] for u in units if u.startswith("千") and len(u) > 1]
    return f"千(?!{alternatives(rests)})" if rests else "千"


# What a mass of fuel or gas is counted as (千克标准煤, 克标准煤, 吨油当量): part of its unit.
_SUBSTANCE = "(?:标准煤|标煤|二氧化碳当量|二氧化碳|油当量)"
_MASS_UNITS = ("吨", "千克", "公斤", "克")


def _unit_pattern(units: list[str]) -> str:
    # 个 may stand before a unit of two or more characters (个百分点, 个轮次), never
    # before a one-character one: 9个项目 is 9个 + 项目, not 9 个项.
    forms = {u for u in units if u} | {"个" + u for u in units if len(u) >= 2}
    one = "(?:" + alternatives(forms) + ")"
    # a unit of intensity is one unit per another (千克标准煤/吨, 千瓦时/吨, 克标准煤/千瓦时),
    # a mass may name the substance it counts (千克标准煤)
    mass = f"(?:{alternatives(_MASS_UNITS)}){_SUBSTANCE}"
    part = f"(?:{mass}|{one})"
    return f"(?:{part}(?:/{part})?)"


# A fraction: 1/3 (not a date or a code: no digit, dot, slash or hyphen around it, no
# leading zero), 三分之一, 百分之十五. The issue asks for both; the gold format counts only
# figures written in Arabic digits (ANNOTATION.md), so records leave the Chinese ones out
# of it while the graph keeps them.
_CHINESE_NUMERAL = "[零〇一二两三四五六七八九十百千]"
_FRACTION = re.compile(
    rf"(?P<before>{alternatives(APPROX_BEFORE)})?"
    r"(?:(?<![0-9A-Za-z./])(?P<num>[1-9][0-9]*)/(?P<den>[1-9][0-9]*)(?![0-9./\-–—])"
    rf"|(?P<cden>{_CHINESE_NUMERAL}+)分之(?P<cnum>{_CHINESE_NUMERAL}+(?:点[零〇一二两三四五六七八九]+)?))"
    rf"(?P<after>左右|以上|以下)?"
)


class QuantityFinder:
    def __init__(self, units: list[str], time_units: set[str] = frozenset(), voltage_units: set[str] = frozenset()):
        self.units = set(units)
        self.time_units = set(time_units)
        self.voltage_units = set(voltage_units)
        # Web and PDF texts often set Arabic digits apart by a space (自接到报告之日起 3 日内,
        # 不超过 15 日): one space between a bound, the number and its unit is no break.
        rest = rf"(?:余|多)?(?:{_MULT}|{_thousand(units)})?(?:余|多)?{_unit_pattern(units)}"
        self.pattern = re.compile(
            rf"(?:(?P<before>{alternatives(APPROX_BEFORE)}) ?)?"
            rf"(?P<number>{_NUMBER})(?: (?={rest}))?"
            rf"(?P<mid>余|多)?(?P<mult>{_MULT}|{_thousand(units)})?(?P<mid2>余|多)?"
            rf"(?P<unit>{_unit_pattern(units)})?"
            rf"(?P<after>{alternatives(APPROX_AFTER)})?"
        )

    def find(
        self,
        text: str,
        longer_word_at: Callable[[int, int], bool] | None = None,
        is_word: Callable[[str], bool] | None = None,
    ) -> list[QuantityMatch]:
        """``longer_word_at(start, end)`` says whether a dictionary word starts at ``start``
        and runs past ``end`` (then a unit there is the head of that word: 14部门);
        ``is_word(s)`` whether ``s`` is a dictionary word (前期 is one, 前成 is not)."""
        found: list[tuple[QuantityMatch, re.Match]] = []
        excluded_starts = set()
        fractions = self.fractions(text) + ratios(text)
        taken = [(q.start, q.end) for q in fractions]
        dates = [d.span() for d in _NUMERIC_DATE.finditer(text)]
        dates += [i.span() for i in _IDENTIFIER.finditer(text)]
        dates += [c.span(1) for c in _TABLE_SERIAL.finditer(text)]
        dates += code_cells(text)
        excluded_end = -1  # where the last number that is no figure ends
        for m in self.pattern.finditer(text):
            quantity = self._read(text, m, longer_word_at)
            if (
                any(a <= m.start("number") < b for a, b in dates + taken)
                or _is_not_a_quantity(text, m, quantity.unit)
                or self._is_time_point(text, m, is_word or (lambda _word: False))
                or self._is_averaging_time(text, m)
                or self._is_grade(text, m, quantity)
                or _is_listed_code(text, m, quantity.unit, excluded_end)
            ):
                excluded_starts.add(m.start("number"))
                excluded_end = m.end("number")
                continue
            if self._is_standing(text, m, quantity) or _counts_listed_kinds(text, m, quantity):
                quantity = replace(quantity, role="level", standing=True)
            elif _is_requirement(text, m, quantity):
                quantity = replace(quantity, requirement=True)
            if _is_baseline(text, quantity):
                quantity = replace(quantity, role="level", baseline=True)
            found.append((quantity, m))
        quantities = _join_ranges_and_series(text, found, excluded_starts)
        return sorted(self._in_tables(text, quantities) + fractions, key=lambda q: q.start)

    def _in_tables(self, text: str, quantities: list[QuantityMatch]) -> list[QuantityMatch]:
        """A bare figure of a table's body takes the unit its row, column or table gives it
        (12.6 under 单位 万吨 is 126000 吨) and the role its column's header names (目标值: a
        goal; 比上年增减: a change)."""
        if "|" not in text and "\t" not in text:
            return quantities
        tables = Tables(text)
        out = []
        for q in quantities:
            cell = tables.at(q.start) if q.role == "level" else None
            if cell is None:
                out.append(q)
                continue
            grid, r, c = cell
            if text[q.start - 1 : q.start] in ("-", "+") and _CELL_SIGN.search(text, max(0, q.start - 3), q.start):
                sign = -1 if text[q.start - 1] == "-" else 1  # a signed cell: a change as written
                q = replace(q, start=q.start - 1, value=sign * q.value)
            if not q.unit:
                value, unit = self.table_unit(grid.unit(r, c, lambda u: self.table_unit(u)[1] in self.units))
                q = replace(q, value=q.value * value, unit=unit)
            out.append(_header_role(grid.header(c), q, grid.is_goal(c)))
        return out

    def table_unit(self, written: str) -> tuple[Decimal, str]:
        """(multiplier, unit) of a unit written in a table (万吨 → 10^4, 吨)."""
        m = re.fullmatch(rf"(?P<mult>{_MULT}|{_thousand(sorted(self.units))})?(?P<unit>.*)", written.strip())
        if m["mult"] and m["unit"] in self.units | {""}:
            return MULTIPLIERS[m["mult"]], m["unit"]
        return Decimal(1), written.strip()

    def _is_standing(self, text: str, m: re.Match, q: QuantityMatch) -> bool:
        """A rule's figure, not a measurement: a bound that delimits the noun after it
        (年综合能耗1万吨标准煤以上的企业, 规模超过10万千瓦的项目), a time limit (15日内,
        不超过3年) or an interval (每3年), the bound of a fine (处2万元以上20万元以下的罚款),
        an emission limit (排放浓度不高于50毫克/立方米)."""
        if q.role not in ("level", "target"):
            return False
        after = text[q.end : q.end + 12]
        prefix = text[_clause_start(text, m.start(), reach=40) : m.start()] + (m["before"] or "")
        delimits = _DELIMITS.match(after) or (
            m["after"] in ("以上", "以下", "及以上", "及以下") and (_BOUND_NOUN.match(after) or _COORDINATED_BOUND.match(text, q.end))
        )
        bound = bool(m["before"] or m["after"] or _BOUND_BEFORE.search(prefix) or (delimits and delimits["bound"]))
        if q.unit in self.time_units:
            # an interval of a duty (每3年更新一次, 每6个月报告一次) recurs: no one year either;
            # an age or a length bounding the noun after it (树龄100年以上的古树, 使用超过15年的
            # 车辆) delimits what a rule applies to
            # a schedule written as a product (7×24小时, 5×8小时) is how a service runs
            return bool(
                _LIMIT[1].match(after) or _LIMIT[0].search(prefix) or prefix.endswith("每") or (bound and delimits)
                or _SCHEDULE.search(prefix)
            )
        if q.unit in _TIMES and _PER_PERIOD.search(prefix):
            return True  # a frequency of a duty (每天巡查不少于2次, 每季度至少开展1次) recurs too
        if _LIMIT_NOUN.search(prefix) or (
            _EMISSION.search(prefix) and _CONCENTRATION.search(q.unit) and (m["before"] in _CEILINGS or _BOUND_BEFORE.search(prefix))
        ):
            return True  # a limit each discharger must meet (出水…浓度不高于50毫克/升, 排放限值为10)
        if q.unit.endswith("元") and bound:
            # the rule's form 处2万元以上20万元以下的罚款; a report's 罚款金额超过1亿元 is a sum
            return bool(_FINE_AFTER.match(text, q.end))
        # shares (30%以上的企业) are the counted part of a goal, not a threshold
        return bound and q.unit not in ("%", "百分点", "‰") and bool(delimits)

    def _is_grade(self, text: str, m: re.Match, q: QuantityMatch) -> bool:
        """A voltage before the noun it classes (500千伏变电站, 1000千伏特高压工程, 8个220千伏
        输变电项目) is a class of line or plant, a grade like Ⅱ类, not a measurement; so is
        one right after a count, whose noun a later class shares (8个500千伏、50个220千伏项目)."""
        if q.unit not in self.voltage_units:
            return False
        return is_han(text[q.end : q.end + 1]) or bool(_COUNTED.search(text, max(0, m.start() - 8), m.start()))

    def _is_averaging_time(self, text: str, m: re.Match) -> bool:
        """The averaging time of a concentration (日最大8小时平均浓度, 24小时平均值, 8小时滑动
        平均值) is part of the measure's name, as the air quality standards define it."""
        return m["unit"] in self.time_units and not m["before"] and bool(_AVERAGED.match(text, m.end()))

    def _is_time_point(self, text: str, m: re.Match, is_word: Callable[[str], bool]) -> bool:
        """9年前, 3个月后, 5天以前: a duration counted from now names a point in time (a
        date), not a quantity; 10年来 and 5年内 stay durations, and so does a duration
        counted from an event named before it (期满60日前, 改变的15日前)."""
        if m["unit"] not in self.time_units or m["after"]:
            return False
        before = text[m.start() - 1] if m.start() else ""
        if is_han(before) and before not in "在于早":
            return False
        rest = text[m.end("unit") : m.end("unit") + 3]
        point = _TIME_POINT.match(rest)
        return bool(point) and not (point.group(0) in "前后" and is_word(rest[:2]))

    def _read(self, text: str, m: re.Match, longer_word_at) -> QuantityMatch:
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
        # 个 before a unit of its own (个百分点 → 百分点), unless 个 is part of it (个月)
        stripped = unit_text[1:]
        unit = stripped if unit_text.startswith("个") and unit_text not in self.units and stripped in self.units else unit_text
        after = m["after"] if m["after"] and m.end("after") <= end else None
        approx = bool(m["before"] or m["mid"] or m["mid2"] or after)
        return _with_role(text, m.start(), end, number * multiplier, unit, approx)

    def fractions(self, text: str) -> list[QuantityMatch]:
        """1/3, 三分之一, 百分之十五: a part of a whole, as a percentage (1/3 → 33.33 %) so
        that it reads in one series with the figures written in %; 千分之 gives ‰."""
        found = []
        for m in _FRACTION.finditer(text):
            if m["num"]:
                numerator, denominator = Decimal(m["num"]), Decimal(m["den"])
                if not 0 < numerator < denominator:
                    continue  # a part is less than its whole: 2019/12 or 000014349/2019 is a code
            else:
                numerator, denominator = chinese_number(m["cnum"]), chinese_number(m["cden"])
                if numerator is None or denominator is None or denominator < 2:
                    continue
            if m["cden"] and denominator in (100, 1000):
                value, unit = numerator, "%" if denominator == 100 else "‰"
            else:
                value, unit = (100 * numerator / denominator).quantize(Decimal("0.01")).normalize(), "%"
            approx = bool(m["before"] or m["after"])
            found.append(_with_role(text, m.start(), m.end(), value, unit, approx))
        return found


# A ratio a:b (1.25:1, 1∶3) that its clause names one (比例, 之比, 比为 before it; 的比例
# after it): one figure, the quotient a/b, for it is one proportion; an o'clock (16:06)
# names no ratio.
_RATIO = re.compile(
    rf"(?P<before>{alternatives(APPROX_BEFORE)})?"
    r"(?<![0-9.:：∶A-Za-z])(?P<a>[0-9]+(?:\.[0-9]+)?)\s*[:：∶]\s*(?P<b>[0-9]+(?:\.[0-9]+)?)(?![0-9.:：∶])"
)
_RATIO_NAMED_BEFORE = re.compile(r"比(?:例|值|率)?(?:为|是|达到|按)?[^,，。;；\n0-9]{0,6}$")
# (a map's scale, 1:50000比例尺, is a property of a drawing, no ratio of two amounts)
_RATIO_NAMED_AFTER = re.compile(r"(?:的)?比(?:例(?!尺)|值|率)")


def ratios(text: str) -> list[QuantityMatch]:
    found = []
    for m in _RATIO.finditer(text):
        b = Decimal(m["b"])
        named = _RATIO_NAMED_BEFORE.search(text, max(0, m.start() - 12), m.start("a")) or _RATIO_NAMED_AFTER.match(text, m.end())
        if not named or b == 0:
            continue
        value = (Decimal(m["a"]) / b).quantize(Decimal("0.0001")).normalize()
        ratio = _with_role(text, m.start(), m.end(), value, "", bool(m["before"]))
        # a ratio set for new works in its sentence (新建项目实行减量置换,置换比例不低于1.2:1)
        # holds for each of them
        new_works = _NEW_WORKS.search(text, part_start(text, m.start(), reach=40), m.start())
        found.append(replace(ratio, requirement=True) if new_works else ratio)
    return found


def chinese_number(written: str) -> Decimal | None:
    """A number in Chinese numerals (三, 十五, 一百二十, 三点五); None if it is not one."""
    whole, _, decimals = written.partition("点")
    try:
        value = cn_int("一" + whole if whole[:1] in ("十", "百", "千") else whole)  # 百分之 is 100
    except ValueError:
        return None
    digits = "".join(str(cn_int(c)) for c in decimals)
    return Decimal(f"{value}.{digits}") if digits else Decimal(value)


def _with_role(text: str, start: int, end: int, value: Decimal, unit: str, approx: bool) -> QuantityMatch:
    """The figure's role from the words of its clause before it: a change (with its
    basis, the span taking the comparison phrase), a gap to a target, a share, a goal."""
    role, basis = "level", None
    clause_start = _clause_start(text, start, reach=40)
    prefix = text[clause_start:start]
    change = _CHANGE.search(prefix)
    # a bare 增加/下降 before a count is a level (新增…), before a rate it is a change
    if change and (change["basis"] or unit in ("%", "百分点") or _basis_ahead(text, clause_start)):
        role = "change"
        start -= len(change.group(0))
        if (change["verb"] or change["noun"]) in _FALLING:
            value = -value
        basis = _basis(change) if change["basis"] else _basis_ahead(text, clause_start) or ""
        approx = approx or bool(change["about"])
    elif unit in ("%", "百分点") and (acted := _CHANGE_OBJECT.search(prefix)):
        role, basis = "change", _basis_ahead(text, clause_start) or ""
        value = -value if acted["verb"] in _FALLING else value
    goal_after = _GOAL_AFTER.match(text, end)
    if goal_after and (goal_after["of"] or unit in ("%", "‰", "百分点")):
        # 下降18%的目标, 占比70%的硬指标: the figure names a goal (8项指标 counts them)
        role = "target"
    elif role == "level":
        if _TARGET_GAP.search(prefix):
            role = "target_gap"
        elif _SHARE.search(prefix):
            role = "share"
        elif _TARGET.search(prefix):
            role = "target"
    return QuantityMatch(start, end, value, unit, role, approx, basis)


# A column of changes: 比上年增减, 同比变化(%), 较2020年下降; a falling verb gives the sign.
_CHANGE_HEADER = re.compile(r"增减|变化|变动|增幅|降幅|增长|下降|降低|减少|升降")


def _header_role(header: str, q: QuantityMatch, goal: bool) -> QuantityMatch:
    """The role a table column's header gives the figures under it: a change (比上年增减), a
    share (占比, 占全市比重), a goal (目标值)."""
    m = _CHANGE_HEADER.search(header)
    if not m and q.role == "level" and _SHARE.search(header.split("(")[0].split("（")[0].strip()):
        q = replace(q, role="share")
    if m:
        basis = re.search(_BASIS, header)
        falling = m.group(0) in _FALLING and q.value > 0
        q = replace(q, role="change", value=-q.value if falling else q.value, basis=_basis(basis) if basis else "")
    return replace(q, role="target") if goal and q.role == "level" else q


def _join_ranges_and_series(text: str, found: list, excluded_starts: set[int]) -> list[QuantityMatch]:
    """The first number of a range takes the second's unit, multiplier and role; the
    second of two changes joined by 和/、 (分别下降3%和5%) is a change too, and the second
    of two standing limits in the same unit (分别不高于35mg/m3、50mg/m3) a limit too."""
    out: list[QuantityMatch] = []
    for i, (q, m) in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        gap_after = text[q.end : nxt[1].start()] if nxt else None
        rest = text[q.end : q.end + 4]
        if nxt is not None and gap_after is not None and _RANGE_SEP.fullmatch(gap_after) and not (
            q.unit and q.unit != nxt[0].unit
        ):
            upper, um = nxt
            value = q.value
            if not m["mult"] and um["mult"]:
                value = value * MULTIPLIERS[um["mult"]]  # 3—5万吨: 3万 to 5万
            if upper.role == "level" and q.role == "change":  # 下降10%—15%
                sign = -1 if q.value < 0 else 1
                found[i + 1] = (replace(upper, value=upper.value * sign, role="change", basis=q.basis), um)
            q = replace(
                q, value=value, unit=upper.unit, role=q.role if q.role != "level" else upper.role,
                standing=q.standing or upper.standing, requirement=q.requirement or upper.requirement,
            )
        elif not q.unit and re.match(r"\s*(?:—{1,2}|-|–|~|～|至)\s*[0-9]", rest):
            # the other end was excluded (1—2月, 10-2025): not a quantity either
            after_sep = q.end + re.match(r"\s*(?:—{1,2}|-|–|~|～|至)\s*", rest).end()
            if after_sep in excluded_starts:
                continue
        if out and q.role == "level" and q.unit in ("%", "百分点") and out[-1].role == "change":
            previous = out[-1]
            if text[previous.end : q.start] in ("和", "、", "与", "及"):
                sign = -1 if previous.value < 0 else 1
                q = replace(q, value=q.value * sign, role="change", basis=previous.basis)
        if out and out[-1].standing and not q.standing and q.unit == out[-1].unit and text[out[-1].end : q.start] in ("和", "、", "与", "及"):
            q = replace(q, role="level", standing=True)  # 分别不高于35mg/m3、50mg/m3: limits both
        out.append(q)
    return out


def _basis(change: re.Match) -> str:
    if change["year"] or change["year2"]:
        return change["year"] or change["year2"]
    if change["plan"]:
        period = reference().plan_periods.get(change["plan"])
        return str(period[1]) if period else ""
    if change["basis"] == "环比" or change["point"]:
        return ""  # a month before, or a point that is not a year (较治理前)
    return "yoy" if change["basis"] else ""


def _basis_ahead(text: str, clause_start: int) -> str | None:
    """A basis that opens the sentence part before this clause (与2020年相比,…下降18%)."""
    window_start = max(0, clause_start - 30)
    stop = max(text.rfind(c, window_start, clause_start) for c in "。;!?\n")
    m = None
    for m in _BASIS_AHEAD.finditer(text, max(window_start, stop + 1), clause_start + 1):
        pass
    if m is None or m.end() != clause_start:
        return None
    return _basis(m)


def _is_not_a_quantity(text: str, m: re.Match, unit: str) -> bool:
    """Years, dates, ordinals, codes, list numbering: digits that measure nothing.
    ``unit`` is the unit the figure keeps (none where the word after it is longer: 12369环保)."""
    start, end = m.start("number"), m.end("number")
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    # the word after the number, past a space that sets digits apart (6 月 14 日, 78 号)
    word_after = text[end + 1 : end + 2] if after == " " else after
    digits = m["number"]
    bare = not unit and not m["mult"] and not m["mid"] and not m["mid2"]
    # a range: the hyphen of 10%-15% or 10-20个 is not the hyphen of a code (GB 5085.1-7
    # names parts 1 to 7 of a standard: its lower end follows letters)
    in_range = before in "-~" and bool(_RANGE_LOWER.search(text, max(0, start - 24), start))
    # names, codes and versions: PM2.5, COP29, 5G, "1+6+20", V2.1, an exponent (m^3^); (a sign that opens a table's
    # cell is a sign: | -2.5 |)
    signed = before in "+-" and bool(before) and bool(_CELL_SIGN.search(text, max(0, start - 3), start))
    if (before and before.isascii() and (before.isalnum() or before in "+.-/#_^") and not in_range and not signed) or after == "+":
        return True
    if after and after.isascii() and after.isalpha() and not unit:
        return True
    if before == " " and start >= 2 and text[start - 2].isascii() and text[start - 2].isalnum():
        return True  # INES 1级, the "1 N" of a mangled "1+N"
    if after == " " and end + 1 < len(text) and text[end + 1].isascii() and text[end + 1].isalnum() and bare:
        return True
    if bare and (
        (after in ":：∶" and after and text[end + 1 : end + 2].isdigit())
        or (before in ":：∶" and before and text[start - 2 : start - 1].isdigit())
    ):
        return True  # a part of a proportion the text names no ratio (1:50000比例尺, 3:2)
    if bare and before in "“「" and after in "”」" and before and after:
        return True  # a number as a name: “3060”
    if bare and re.fullmatch(r"[0-9]{5,}", digits):
        return True  # a hotline or a code (12369); counts that large are written with 万
    # ordinals (第三批 is not digits; 第29次 is, and so is a page: 第 01 版) and grades
    # (INES 1级); the pages and editions of the publication itself (共12页, 18版)
    if re.search(r"第\s*$", text[max(0, start - 3) : start]) or word_after == "级":
        return True
    if _ORDINAL_RANGE.search(text, max(0, start - 12), start):
        return True  # 第1~20条: the upper end is an ordinal too
    if bare and _in_index(text, start, end):
        return True  # 1&emsp;2&emsp;3: an index of numbers (a table of contents), not figures
    if re.match(r"\s*[版页]", text[end : end + 2]):
        return True
    # a clause of a standard or a rule named by its number (按本标准4.2条, 5.3.1款): parts are
    # counted whole, so a decimal before 条/款/章/节 numbers a part, it counts nothing
    if "." in digits and not m["mult"] and re.match(r"(?:\.[0-9]+)*\s*[条款章节]", text[end : end + 8]):
        return True
    # centuries and decades: 20世纪, 90年代
    if re.match(r"(?:世纪|年代)", text[end : end + 2]):
        return True
    # parts of a year: a quarter (1季度, 第3季度; 3个季度 counts quarters), the months a
    # year's first part runs to (前10个月, at the head of its clause or after its year)
    if re.match(r"\s*季度", text[end : end + 3]) and digits in ("1", "2", "3", "4"):
        return True
    if re.match(r"\s*个月", text[end : end + 3]) and _YEAR_PART_BEFORE.search(text, max(0, start - 8), start):
        return True
    # a rank (位列全国前10, 排名后3位) orders, it counts nothing; a factor of a product
    # written with × (7×24小时) is no figure alone
    if _RANK_BEFORE.search(text, max(0, start - 12), start) or (bare and re.match(r"\s*[×xX*]\s*[0-9]", text[end : end + 3])):
        return True
    # years and periods: 2024年, 2023—2030年, 2023、2024年度, 2024-2027, “绿盾 2024”;
    # a year-like number with no unit is a year (a bare count of 2024 things is rare)
    if _looks_like_year(digits) and bare:
        return True
    if _looks_like_year(digits) and not m["mult"] and not m["mid"]:
        following = text[end : end + 6]
        if following[:1] in ("年", "—", "-", "–", "~", "～", "至", "、", "/") or following[:2] == "年度":
            return True
        if re.match(r"\s*(?:年|届|版)", following):
            return True
    # dates and times: 1月14日, 15日, 3号, 8时, 下午3点 (月 and 点 are also measure words:
    # a month needs 个 to be counted, 3点建议 counts points); N日 is a time limit where
    # 内/前/后/起 or 提前 frame it (20日内, 届满60日前, 提前15日) or a bound measures it
    # (不超过15日), unless a month stands before it (3月15日前 is a date)
    if word_after in ("月", "号", "时") and "." not in digits:
        return True
    if word_after == "日" and (
        re.search(r"月\s*$", text[max(0, start - 2) : start])
        or not (
            _TIME_LIMIT.match(text, end + 1 + (after == " "))
            or _DURATION_BEFORE.search(text, max(0, start - 4), start)
        )
    ):
        return True
    if after == "点" and "." not in digits and _TIME_OF_DAY.search(text, max(0, start - 4), end + 2):
        return True
    # the document's own numbering: "01 推动…", "(1)", "1." at the start of a line or
    # after a sentence end ("…工作。2.推进…")
    line_start = start == 0 or text[start - 1] in "\n。;"
    if line_start and not unit and (after in (" ", "、", ".", ")", "\u3000") or not after):
        return True
    # a lower level of numbering right after a higher one: (三)2.推进…, 一、1.加强…; an item
    # after a colon or a space (附件:1.分工表 2.指标说明, 注:1. 表中…); N. before a word is
    # never a decimal
    if bare and (before in ")）、:： " or after in (".", "．")) and after in ("、", ".", "．") and is_han(text[end + 1 : end + 3].lstrip()[:1]):
        return True
    # a page number alone on its line between dashes (- 3 -, —12—)
    if bare and _PAGE_NUMBER.match(text, text.rfind("\n", 0, start) + 1):
        return True
    # the stage of a national or European emission standard: 国6, 欧6 (国六 in words)
    if bare and _STANDARD_STAGE.search(text, max(0, start - 2), start):
        return True
    # a part of a document named by its number: 附件1, 表2, 图3, 专栏4
    if bare and _DOCUMENT_PART.search(text, max(0, start - 3), start):
        return True
    if before == "(" and after == ")":
        return True
    return False


# 前 right before the number at the head of a clause or after a year (2024年前10个月): the
# first months of a year, a date, not a length of time (到期前3个月 is one).
_YEAR_PART_BEFORE = re.compile(r"(?:^|[\n,，。;；:：]|[0-9]年|今年|去年|全年|本年)\s*前\s*$")
# A rank: 前/后 after a verb of ranking (排名前3位, 位列全国前10, 进入前5名, 居后3位).
_RANK_BEFORE = re.compile(r"(?:排名|排位|位列|位居|名列|进入|跻身|排在|居)[^,，。;；\d]{0,6}?[前后]\s*$")
# The lower end of a range and its separator, not part of a code (GB5085.1-, HJ 2.2-).
_RANGE_LOWER = re.compile(r"(?<![A-Za-z0-9./])(?<![A-Za-z]\s)[0-9]+(?:\.[0-9]+)?%?[-~]$")
_PAGE_NUMBER = re.compile(r"[ \t]*[-—–]+[ \t]*[0-9]+[ \t]*[-—–]+[ \t]*(?:\n|$)")
# 国/欧 right before the digit, not as the end of a place (全国6, 中国3)
_STANDARD_STAGE = re.compile(r"(?<![全中各本我外两美德英法韩])[国欧]$")
# The parts of a document that a text names by number (详见附件1, 如表2所示).
_DOCUMENT_PART = re.compile(r"(?:附件|附表|附图|附录|专栏|表|图)\s*$")
# Identifiers written in digits: CAS numbers (7440-43-9), waste codes (900-041-49), any
# run of three or more hyphenated groups; telephone numbers with an area code
# (0755-83456789); standard numbers (GB 3095-2012, HJ 2.2-2018, GB/T 4754—2017).
_IDENTIFIER = re.compile(
    r"(?<![0-9.])[0-9]+(?:-[0-9]+){2,}(?![0-9])"
    r"|(?<![0-9])0[0-9]{2,3}-[0-9]{7,8}(?![0-9])"
    # (an older standard writes its year in two digits and may name a run of parts:
    # GB13271-91, GB14761.1～14761.7-93)
    r"|(?<![A-Za-z])[A-Z]{1,4}(?:/[A-Z])?\s*[0-9]+(?:\.[0-9]+)*(?:\s*[～~]\s*[0-9]+(?:\.[0-9]+)*)?"
    r"\s*(?:—{1,2}|-|–)\s*(?:(?:19|20)[0-9]{2}|[0-9]{2})(?![0-9])"
)
# A sign that opens a table's cell (| -2.5 |, a tab then +3.1).
_CELL_SIGN = re.compile(r"(?:\|\s*|\t)[+-]$")
# The serial number in the first cell of a table row: | 1 | 甲醛 | …
_TABLE_SERIAL = re.compile(r"(?m)^\|\s*([0-9]+)\.?\s*\|")
# Bounds besides APPROX_BEFORE/AFTER (小于等于1.25, 1万吨及以上) and the 的 + noun that a
# bound delimits (…以上的企业, …以下的项目); the wording before and after a time limit
# (不超过3年, 最长5年; 15日内, 30个工作日以内); what follows the bound of a fine.
_BOUND_BEFORE = re.compile(r"(?:大于|小于|等于|≥|≤|>|<)$")
_DELIMITS = re.compile(r"(?P<bound>及以上|及以下)?的[\u4e00-\u9fff]")
_LIMIT = (re.compile(r"(?:不超过|不得超过|最长)$"), re.compile(r"(?:内|以内|之内)"))
# An emission or effluent limit: the concentration a discharger's output may hold under a
# ceiling (排放浓度, 出水…浓度不高于50毫克/升), or any figure named a limit (排放限值为10); an
# ambient concentration (PM2.5浓度不高于35) or a region's total (排放总量不超过10万吨) is a
# goal or a result, not a limit.
_EMISSION = re.compile(r"排放|出水|排水|烟气|尾气|废气|废水")
_CONCENTRATION = re.compile(r"/(?:升|毫升|立方米|标准立方米|千克|L|m3|m³)$")
_LIMIT_NOUN = re.compile(r"限值|标准值|限量")
_CEILINGS = ("不高于", "不超过", "不大于")
_FINE_AFTER = re.compile(r"[^。;!?\n,，]{0,16}?(?:罚款|罚金)")

# A bound right before the noun it delimits, with no 的 (1万吨标准煤以上企业, 100万吨/年以下
#常减压装置): a Han character that cannot start a noun phrase ends the bound instead.
_NOT_A_NOUN = "的或和及与并且为是等时后前就才即均则也都应须需可将要已再来至到、"
_BOUND_NOUN = re.compile(rf"(?P<bound>)[^{_NOT_A_NOUN}\W\d\sA-Za-z]")
# …以上或排放量2.6万吨以上企业: a bound coordinated with one that delimits a noun
_COORDINATED_BOUND = re.compile(
    rf"(?P<bound>)[或和及与、]{IN_CLAUSE}{{1,30}}?(?:以上|以下)(?:的)?[^{_NOT_A_NOUN}\W\d\sA-Za-z]"
)

# A standard set for each new installation or for what is built with it: the clause names
# new works (新建, 新上, 改扩建) or building alongside (配建) and bounds a figure or a ratio.
_NEW_WORKS = re.compile(r"新建|新上|新改扩建|改扩建|新投运|新投产|配建")
_RATIO_AFTER = re.compile(r"(?:左右)?(?:的)?比例")
_BOUNDS = ("不低于", "不少于", "不超过", "不高于", "不大于", "不小于", "至少", "以下", "以内", "之内")


def _is_requirement(text: str, m: re.Match, q: QuantityMatch) -> bool:
    prefix = text[_clause_start(text, m.start(), reach=40) : m.start()]
    if not _NEW_WORKS.search(prefix) and not _NEW_WORKS.match(text, q.end):
        return False
    # the bound may stand before the whole of the figure's noun (按不低于车位数10%配建)
    bounded = m["after"] in _BOUNDS or any(b in prefix + (m["before"] or "") for b in _BOUNDS) or bool(_BOUND_BEFORE.search(prefix))
    # a multiple (实行2倍削减量替代) is a ratio to another quantity, as 1.2:1 is
    return bounded or q.unit == "倍" or bool(_RATIO_AFTER.match(text, q.end)) or bool(_RANGE_RATIO.match(text, q.end))


# 从A增至B, 由A下降到B: A is where the figure started from; a time written between 从 and
# A (从2020年的A) dates it, and then it is no unstated baseline.
_FROM = re.compile(rf"(?:从|由)[^{_PUNCT}、从由0-9]{{0,8}}$")
_TO_NEW_LEVEL = re.compile(
    r"(?:的水平)?(?:增至|增加到|增长到|提高到|提升到|上升到|升至|扩大到|恢复到|恢复至|达到|"
    r"降至|降到|下降到|减少到|降低到|减至|缩小到|压减到|压减至)"
)


def _is_baseline(text: str, q: QuantityMatch) -> bool:
    return bool(_FROM.search(text, max(0, q.start - 9), q.start)) and bool(_TO_NEW_LEVEL.match(text, q.end))


# the lower end of a ratio range (15%-25%比例): the ratio follows the upper end
_RANGE_RATIO = re.compile(r"\s*(?:—{1,2}|-|–|~|～|至|到)\s*[0-9.]+%?(?:的)?比例")


# A table written in rows of cells (| a | b |, or cells parted by tabs in a DOCX): a column
# whose header names a code or number holds identifiers (行业代码 2511, 序号 3), not figures.
_CODE_HEADER = re.compile(r"代码|编码|编号|代号|序号|分类号|类别号|CAS|HS|^\s*(?:No\.?|NO\.?|#)\s*$")


def code_cells(text: str) -> list[tuple[int, int]]:
    """(start, end) of the cells of code columns in the text's tables (a table's first
    row names its columns)."""
    spans: list[tuple[int, int]] = []
    header: list[bool] | None = None
    position = 0
    for line in text.split("\n"):
        separator = separator_of(line)
        if separator is None:
            header = None
        else:
            row = cells(line, separator)
            if header is None:
                header = [bool(_CODE_HEADER.search(cell)) for _a, _b, cell in row]
            else:
                spans += [(position + a, position + b) for k, (a, b, _c) in enumerate(row) if k < len(header) and header[k]]
        position += len(line) + 1
    return spans


# A code in running text: after a word naming codes (行业代码 2621, 编号为3), and the bare
# numbers listed with a code before them (C2211、2212).
_CODE_WORD = re.compile(r"(?:代码|编码|编号|代号|分类号|类别号)\s*(?:为|是|[:：])?\s*$")
_LIST_JOINER = re.compile(r"\s*[、,，和及与/]\s*")


def _is_listed_code(text: str, m: re.Match, unit: str, excluded_end: int) -> bool:
    if unit or m["mult"] or m["before"] or m["after"] or "." in m["number"]:
        return False
    start = m.start("number")
    if _CODE_WORD.search(text, max(0, start - 12), start):
        return True
    return excluded_end >= 0 and bool(_LIST_JOINER.fullmatch(text, excluded_end, start))


# Before N日: a bound or 满 makes it a length of time, not a day of a month (不超过15日, 提前15日,
# 超过30日, 满60日, 不足7日).
_DURATION_BEFORE = re.compile(r"(?:不超过|超过|不足|不少于|满|逾期|延长|至少|提前) ?$")
# After N日: what makes it a time limit (20日内, 30日以内, 60日前).
_TIME_LIMIT = re.compile(r"(?:内|以内|之内|前|后|起|以上)")
# 第1~20条, 第41条~51条: the upper end of an ordinal range.
_ORDINAL_RANGE = re.compile(r"第\s*[0-9]+\s*[\u4e00-\u9fff]?\s*(?:—{1,2}|-|–|~|～|至|到)\s*$")
# Bare numbers in a row, separated only by spaces or HTML entities, form an index where they
# count on by one (1&emsp;2&emsp;3); a tab parts the cells of a table, and a PDF's table sets
# the figures of a row apart by spaces (31\t29, 31   29): those are figures.
_GAP = r"(?:[^\S\t]|&[a-zA-Z]+;|&#[0-9]+;)+"
_NUMBER_RUN_AFTER = re.compile(_GAP + r"([0-9]+)(?![0-9.%])")
_NUMBER_RUN_BEFORE = re.compile(r"(?<![0-9.])([0-9]+)" + _GAP + "$")


def _in_index(text: str, start: int, end: int) -> bool:
    if not text[start:end].isdigit():
        return False
    number = int(text[start:end])
    after = _NUMBER_RUN_AFTER.match(text, end)
    before = _NUMBER_RUN_BEFORE.search(text, max(0, start - 12), start)
    return bool(after and int(after.group(1)) == number + 1) or bool(before and int(before.group(1)) == number - 1)
# 点 reads as o'clock next to a part of the day or minutes (上午9点, 3点半, 8点30分).
_TIME_OF_DAY = re.compile(r"(?:上午|下午|晚上|凌晨|早上|中午|傍晚|晚)[0-9]+点|[0-9]+点(?:钟|半|[0-9])")


def _looks_like_year(digits: str) -> bool:
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100


@Language.factory("ep_quantities")
def make_quantity_component(nlp: Language, name: str):
    return QuantityComponent(sorted(set(reference().units) | measure_words()), time_units(), voltage_units())


# QUDT's units of time: a unit of units.ttl that matches one of them measures a duration.
_QUDT_TIME = {QUDT_UNIT[u] for u in ("YR", "MO", "WK", "DAY", "HR", "MIN", "SEC")}


def time_units() -> set[str]:
    """The unit labels of units.ttl that measure time (年, 个月, 天, 小时, 工作日 …)."""
    return _units_matching(_QUDT_TIME)


# QUDT's units of electric potential: a voltage before a noun is a class of line or plant.
_QUDT_VOLTAGE = {QUDT_UNIT[u] for u in ("V", "KiloV", "MegaV")}


def voltage_units() -> set[str]:
    """The unit labels of units.ttl that measure voltage (千伏, 伏)."""
    return _units_matching(_QUDT_VOLTAGE)


def _units_matching(qudt: set) -> set[str]:
    ref = reference()
    return {
        label
        for label, concept in ref.units.items()
        if any(ref.graph.value(concept.iri, p) in qudt for p in (SKOS.exactMatch, SKOS.broadMatch))
    }


class QuantityComponent:
    """Writes the quantities of a Doc to ``doc._.quantities`` (list of QuantityMatch)."""

    def __init__(self, units: list[str], time_units: set[str] = frozenset(), voltage_units: set[str] = frozenset()):
        self.finder = QuantityFinder(units, time_units, voltage_units)
        if not Doc.has_extension("quantities"):
            Doc.set_extension("quantities", default=None)

    def __call__(self, doc: Doc) -> Doc:
        tokens = dict(token_words(doc))
        text = doc_text(doc)

        def longer_word_at(start: int, end: int) -> bool:
            # Only a real dictionary word counts: jieba's HMM also glues unknown pairs
            # (23项分领域 → 项分), and those must not cost the figure its unit; nor does
            # a unit with a time suffix (近5年来, 3天内).
            word = tokens.get(start, "")
            if len(word) <= end - start or word[end - start :] in _TIME_SUFFIXES:
                return False
            if word[end - start :] in ("至", "到") and text[start + len(word) : start + len(word) + 1].isdigit():
                return False  # 60分至89分: the word 分至 is the unit and the range's 至
            return jieba.dt.FREQ.get(word, 0) > 0

        doc._.quantities = self.finder.find(text, longer_word_at, lambda w: jieba.dt.FREQ.get(w, 0) > 0)
        return doc
