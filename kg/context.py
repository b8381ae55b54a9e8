"""A statement's context in its document, in one call: whether it plans or reports, the
year and period it is for, the area it covers and the campaign of its section.

The extractor finds a figure or an event; what it means for a researcher's series depends
on the document around it. A work plan's figures are targets for the planned year; a
review's undated figures are for the year it reviews; 去年 is the year before the
document's date; “十四五”以来 is a period; a figure with no place in its sentence covers
the document's jurisdiction. All of that is read here, once per statement.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kg.document import Document, Section, Sentence, strip_numbering
from kg.nlp import timex
from kg.nlp.classifiers import dictionary_tags
from kg.nlp.grammar import CLAUSE_BREAK, GOVERNING_VERBS, JOINER, LEADING_ADVERBS, alternatives, sentence_end
from kg.nlp.places import OWN_AREA, Place, area_of_name, find_places
from kg.nlp.quantities import PLAN_VERB
from kg.nlp.tables import Tables
from kg.reference import Concept, reference

# Headings and clauses that announce work to be done rather than work done.
_PLANNING_HEADING = re.compile(
    r"工作安排|重点任务|主要任务|工作任务|工作要点|下一步|目标任务|工作部署|重点工作|工作思路|任务举措"
)
# A heading that names the goals, the tasks or the measures that secure them as such (一、目标;
# 二、主要目标; 三、任务; 四、保障措施; 五、组织实施), not their review (主要目标完成情况) nor a
# task a report says was done (强化保障措施).
_GOALS_HEADING = re.compile(
    r"(?:工作|主要|总体|具体|年度|阶段性|行动)?(?:目标|任务)(?:要求)?|(?:保障|政策|支持)措施|组织(?:保障|实施|领导)|工作要求"
)
# An earlier sentence of the same paragraph that opens a list of tasks
# (2025年要抓好以下八个方面重点任务。一是…), or a sentence that is itself one.
_PLANNING_LEAD = re.compile(
    r"下一步|(?:要|将|拟)[^。]{0,20}(?:以下|如下)|(?:作出|做出)如下[^。]{0,6}安排|工作安排如下"
)
# An item of a list written one a line: 一是…, 二是…, 第一,…
_LIST_ITEM = re.compile(r"[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[,，、]")
# A sentence that is itself a task: a time word or a short subject, then a modal of the
# future (要, 将 + an adverb of continuation or of repetition, 力争, 计划, 拟, 预计): 今年要…,
# 全省将继续…, 预计全年…, not 按计划 nor 计划完成率; the rest of the current year (下半年, 年内,
# 到年底) is ahead too
_MODAL = rf"(?:要|力争|{PLAN_VERB}|将(?:继续|进一步|全面|加快|持续|着力|重点|大力|积极|深入|切实|不断|再|还))"
# A news text reports what it was told before the plan itself (据介绍,今年全市将…; 他表示,明年要…).
_REPORTING_LEAD = r"(?:(?:据(?:介绍|悉|了解)|[^。,，]{0,12}?(?:表示|介绍|指出|透露|强调))[,，:：]?)?"
_PLANNING_SENTENCE = re.compile(
    rf"{_REPORTING_LEAD}(?:(?:下一步|今年|明年|下半年|年内|(?:到|至)?年底(?:前)?|(?P<year>\d{{4}})年)[,，]?[^。]{{0,12}}?"
    rf"(?:要|将|力争|计划|拟|预计)|[^。,，]{{0,6}}?{_MODAL})"
)


@dataclass(frozen=True)
class Context:
    status: str  # planned | reported
    goal: bool  # planned, or projected to a year after the reviewed period (到2027年…)
    year: int | None
    period: tuple[int, int] | None
    area: Concept | None  # the place its sentence names, else the document's jurisdiction
    campaign: str | None


class DocumentContext:
    """Reads the context of positions in one document (offsets into Document.text)."""

    def __init__(
        self,
        document: Document,
        section_campaigns: tuple[str | None, ...],
        names: Iterable[tuple[int, int]] = (),
    ):
        self.document = document
        self.text = _masked(document.text, names)
        self.meta = document.metadata
        self.section_campaigns = section_campaigns
        self.normative = (
            is_normative(document) or is_catalogue(document) or interprets_law(document) or states_rules(document)
        )
        # a rule's 上年度, 当年 is the year before each time it is applied, not a date
        self.anchors = (
            timex.Anchors(now=None, last=None)
            if self.normative
            else timex.Anchors(
                now=document_year(document),
                last=self.reviewed_year() or None,
                # a part of a year (上半年) is of the year reviewed, else of the year of the date
                current=self.meta.reviews[1] if self.meta.reviews else document_year(document),
            )
        )
        self.policy = sets_goals(document)
        self._horizon: dict[int, tuple[int | None, bool]] = {}  # by the start of its part
        self.jurisdiction = jurisdiction(document)
        self.places = find_places(self.text, self.jurisdiction)
        self._place_starts = [p.start for p in self.places]
        self.tables = Tables(self.text)

    # --- the one call -------------------------------------------------------------------

    def at(self, start: int, sentence: Sentence | None = None, goal: bool = False) -> Context:
        """The context of the statement at text position ``start``; ``goal`` when the
        statement itself says it is one (目标…)."""
        sentence = sentence or self.document.sentence_at(start)
        before = self.text[sentence.start : start]
        # a figure of a table is for the time its column's header (or the table's note) names
        tabled, base = self._table_time(start)
        own = tabled or _respective_time(before, self.anchors) or timex.figure_time(before, self.anchors)
        # a sentence that states no time of its own is in the time its paragraph last set;
        # a sum (累计) is over the period the paragraph set, where a year of it came since
        lead = "" if own else self._paragraph_lead(sentence)
        if lead and _CUMULATIVE.search(before):
            lead = self._paragraph_lead(sentence, within=timex.figure_time(lead, self.anchors)) or lead
        # a table's base-year column reports, whatever part of a plan the table stands in
        planned = self.is_planned(sentence) and not base
        projected = timex.prospective_year(before) or timex.prospective_year(lead)
        led = timex.figure_time(lead, self.anchors)
        if led and planned and (led.year or 0) <= self.reviewed_year():
            led = None  # 2024年,…。下一步,…: a task is not dated in the past it follows
        stated = own or led or self._heading_time(sentence)
        goal = goal or planned or (projected is not None and projected > self.reviewed_year())
        if stated and self._after_review(stated):
            goal = True  # a time after the period the document reviews: nothing done yet
        if stated is None and self.policy and not self._reports(sentence, before):
            goal = True  # an undated figure of an opinion or plan is what it sets, not a result
        year = stated.year if stated and stated.year is not None else self.default_year(goal, start)
        period = stated.period if stated and not goal else None
        if not goal and period and self.meta.reviews and period[0] <= self.reviewed_year() < period[1]:
            # a result of a period still running (“十四五”时期…纳入 in a review of 2022) is for
            # the years reviewed so far: a review reports nothing of a year after it
            year = self.reviewed_year()
            period = (period[0], year) if period[0] < year else None
        return Context(
            status="planned" if planned else "reported",
            goal=goal,
            year=year,
            # a goal is for the end of its period; only a result covers the years it sums
            period=period,
            area=self.area(start, sentence),
            campaign=self.campaign(sentence),
        )

    # --- planned or reported ------------------------------------------------------------

    def is_planned(self, sentence: Sentence) -> bool:
        """Does this sentence plan work (a work plan, or the tasks part of a report)?"""
        if self.meta.kind == "provincial-work-plan":
            return True
        for section in self._sections(sentence):
            if _PLANNING_HEADING.search(section.heading) or _GOALS_HEADING.fullmatch(strip_numbering(section.heading)):
                return True
            heading_year = _heading_year(section.heading)
            if heading_year and self.reviewed_year() and heading_year > self.reviewed_year():
                return True  # 四、2026年政府工作任务 in a review of 2025
        own = _PLANNING_SENTENCE.match(self.text, sentence.start, sentence.end)  # anchored at the start
        if own and (not own["year"] or int(own["year"]) > self.reviewed_year()):
            return True
        # an earlier sentence of the same paragraph opens a list of tasks
        paragraph_start = self.text.rfind("\n", 0, sentence.start) + 1
        if _PLANNING_LEAD.search(self.text, paragraph_start, sentence.start):
            return True
        # a list of tasks written one item a line (…抓好以下工作:\n一是…\n二是…): the line
        # before the first item opens it
        while _LIST_ITEM.match(self.text, paragraph_start) and paragraph_start > 0:
            paragraph_start = self.text.rfind("\n", 0, paragraph_start - 1) + 1
            if not _LIST_ITEM.match(self.text, paragraph_start):
                return bool(_PLANNING_LEAD.search(self.text, paragraph_start, self.text.find("\n", paragraph_start)))
        return False

    # --- time -----------------------------------------------------------------------------

    def reviewed_year(self) -> int:
        """The last year the document reports results for: its reviewed period, else the
        year before its plan or its date (0 when nothing tells)."""
        if self.meta.reviews:
            return self.meta.reviews[1]
        if self.meta.plans:
            return self.meta.plans[0] - 1
        year = document_year(self.document)
        return year - 1 if year else 0

    def default_year(self, goal: bool, start: int = 0) -> int | None:
        """The year of a statement at ``start`` whose sentence names none: the last year of
        the period planned (a goal is for the end of its plan, an attached plan's for its
        own) or reviewed; else the title's year. A law's or a catalogue's figures (time
        limits, fines, thresholds) are standing rules: no year."""
        if self.normative:
            return None
        if goal and self.policy and not (self.meta.plans and self.meta.plans[0] == self.meta.plans[1]):
            # the year the text sets its goals for, none where it sets several; else the
            # end of the period its title plans; else none (not the year it is dated)
            horizon, named = self.horizon(start)
            return horizon if named else self.meta.plans[1] if self.meta.plans else None
        period = self.meta.plans if goal else self.meta.reviews
        if period:
            return period[1]
        reviewed = self.reviewed_year()
        if reviewed:
            return reviewed + 1 if goal else reviewed
        m = re.search(r"(?<!\d)((?:19|20)\d\d)年(?!代)", self.meta.title or "")
        return int(m.group(1)) if m else None

    def horizon(self, start: int = 0) -> tuple[int | None, bool]:
        """(year, named): the year the opinion or plan that ``start`` stands in sets its
        goals for: the text before its attachments, or an attached plan (附件1 …行动方案), each
        read from its own projections (到2025年, 2030年前, 到“十四五”末) after the date. One
        year holding two thirds of them is the horizon (a plan to 2025 with a vision to
        2035); a text that sets goals for several years (到2025年… 到2030年…) gives none to
        an undated figure. An attachment that projects to no year plans to the end of the
        period its title names (…行动方案(2031—2033年)). ``named`` is false when the part
        projects to no year at all."""
        a, b, title = next(((a, b, t) for a, b, t in self.parts() if a <= start < b), (0, len(self.text), ""))
        if a not in self._horizon:
            self._horizon[a] = self._part_horizon(a, b, title)
        return self._horizon[a]

    def parts(self) -> list[tuple[int, int, str]]:
        """(start, end, title) of the text before its attachments and of each attachment."""
        from kg.policydoc import attachments

        starts = [(a, title) for a, _b, title in attachments(self.text)]
        bounds = [(0, "")] + starts
        ends = [a for a, _t in starts] + [len(self.text)]
        return [(a, end, title) for (a, title), end in zip(bounds, ends)]

    def _part_horizon(self, start: int, end: int, title: str) -> tuple[int | None, bool]:
        now = document_year(self.document)
        found = [
            (y, e, due) for y, e, due in timex.projections(self.text)
            if start <= e <= end and (now is None or y > now)
        ]
        if not found and title:
            planned = timex.figure_time(_unbracketed(title), timex.Anchors(now=None, last=None))
            if planned is not None and planned.period:
                return planned.period[1], True
        # a task's deadline (2024年底前完成…) is no horizon where the text sets one (到2025年)
        found = [p for p in found if not p[2]] or found
        # a plan sets figures for its horizon and may add a vision in words (到2035年,
        # …根本好转): where some projections carry figures, only those count
        quantified = [y for y, e, _due in found if _FIGURE_AHEAD.search(self.text, e, sentence_end(self.text, e))]
        years = quantified or [y for y, _e, _due in found]
        counts = Counter(years).most_common(1)
        if not counts:
            return None, False
        year, count = counts[0]
        return (year if 3 * count >= 2 * len(years) else None), True

    def _reports(self, sentence: Sentence, before: str) -> bool:
        """Does an undated statement of a plan report the present state (the background
        part of a plan, 现有, 已建成) rather than set a goal?"""
        if any(_reviews(section.heading) for section in self._sections(sentence)):
            return True
        # the preamble: a paragraph that ends by stating its purpose (…,制定本行动计划;
        # 现提出如下意见) describes where the text starts from
        paragraph_end = self.text.find("\n", sentence.start)
        if _PREAMBLE_END.search(self.text, sentence.start, paragraph_end if paragraph_end >= 0 else len(self.text)):
            return True
        return bool(_REPORTED.search(before[-40:]))

    def _after_review(self, stated: timex.TimeRef) -> bool:
        """Is the stated time after what the document reviews? A period that starts after
        the last year reported on (“十五五”期间 in a text of 2026); a year after an explicit
        review period (a news text of 2026 may report 2026's first months), or after the
        year the text is dated (a plan of 2022 on 2025)."""
        if stated.period:
            return bool(self.reviewed_year()) and stated.period[0] > self.reviewed_year()
        if self.meta.reviews:
            return (stated.year or 0) > self.meta.reviews[1]
        now = self.anchors.now or document_year(self.document)
        return bool(now) and (stated.year or 0) > now

    def _table_time(self, start: int) -> tuple[timex.TimeRef | None, bool]:
        """The time the header of the column of a table's figure names (2025年(基准值),
        “十四五”累计), else its row's time cell (完成时限 2032年底前), else the time of the note
        above the table (表1 2030年主要目标); and whether the column is a base, a header's
        time no later than the period reviewed that names no goal (2030年(现状值))."""
        cell = self.tables.at(start)
        if cell is None:
            return None, False
        grid, row, column = cell
        headed = timex.figure_time(_unbracketed(grid.header(column)), self.anchors)
        if headed is not None:
            return headed, not grid.is_goal(column) and not self._after_review(headed)
        # its row's deadline (2032年底前), else the table's note
        return timex.figure_time(grid.row_time(row), self.anchors) or timex.figure_time(grid.note, self.anchors), False

    def _paragraph_lead(self, sentence: Sentence, within: timex.TimeRef | None = None) -> str:
        """The time adverbial that the last sentence of the paragraph opening with one
        opens with (到2025年,…。…。到2030年,…。…): it covers the sentences after it; ""
        when no earlier sentence of the paragraph opens with a time. ``within``: the last
        one that names a period holding that time's year (“十五五”时期,…。2030年,…)."""
        start = self.text.rfind("\n", 0, sentence.start) + 1
        sentences = self.document.sentences
        i = sentence.index - 1
        while i >= 0 and sentences[i].start >= start:
            m = _LEAD_CLAUSE.match(self.text, sentences[i].start, sentence.start)
            stated = timex.figure_time(m.group(1), self.anchors) if m else None
            if stated is not None and (within is None or _holds(stated.period, within.year)):
                return m.group(1)
            i -= 1
        return ""

    def _heading_time(self, sentence: Sentence) -> timex.TimeRef | None:
        """The time a heading above the sentence gives (一、“十四五”以来主要成效)."""
        for section in self._sections(sentence):
            if timex.parse_dates(section.heading):
                continue  # a dateline (《人民日报》(2026年04月17日第 18 版)) dates the page, not a part
            stated = timex.figure_time(section.heading, self.anchors)
            if stated is not None:
                return stated
        return None

    # --- place ------------------------------------------------------------------------------

    def area(self, start: int, sentence: Sentence) -> Concept | None:
        """The nearest place named before ``start`` in its sentence, else the first named
        after it in its clause (…共3个,均位于长江流域), else the document's jurisdiction. A
        place later in the sentence is a comparison (居全国前列), not the figure's."""
        i = bisect_left(self._place_starts, start)
        before = [p for p in self.places[:i] if p.start >= sentence.start and p.end <= start]
        if before and _counts_listed_places(self.text, before[-1], start):
            return self.jurisdiction
        # places of a list closed by its count (对河北、江苏等5个省开展督察) are what was
        # counted, not where the figures after the count are
        before = [p for p in before if not _COUNTED_LIST.match(self.text[: start], p.end)]
        # a place a standard of comparison is taken from (保持全国一流, 高于全省平均) is not
        # where the figure is
        before = [p for p in before if not _COMPARED_AFTER.match(self.text, p.end) and not _COMPARED_BEFORE.search(self.text, max(0, p.start - 3), p.start)]
        # the venue of an event (活动在南京市举办,参与人数超过1.2亿人次) is where it was held,
        # not what the figures of the clauses after it cover
        before = [p for p in before if not _venue(self.text, p, start)]
        if before:
            return _respectively(self.text, before, start) or before[-1].area
        clause_end = CLAUSE_BREAK.search(self.text, start, sentence.end)
        end = clause_end.start() if clause_end else sentence.end
        after = [p for p in self.places[i:] if p.end <= end]
        if after:
            return after[0].area
        return self.jurisdiction

    # --- sections -------------------------------------------------------------------------

    def campaign(self, sentence: Sentence) -> str | None:
        for section in self._sections(sentence):
            if self.section_campaigns[section.index]:
                return self.section_campaigns[section.index]
        return None

    def _sections(self, sentence: Sentence):
        """The sentence's section and the sections enclosing it, innermost first."""
        section = self.document.section_of(sentence)
        while section is not None:
            yield section
            section = self._parent(section)

    def _parent(self, section: Section) -> Section | None:
        for candidate in reversed(self.document.sections[: section.index]):
            if candidate.level < section.level:
                return candidate
        return None


def _masked(text: str, names: Iterable[tuple[int, int]]) -> str:
    """The text with the names of documents blanked out: “十五五”生态环境保护规划 names a
    plan, it does not date the clause it stands in."""
    chars = list(text)
    for start, end in names:
        chars[start:end] = "□" * (end - start)
    return "".join(chars)


def _unbracketed(label: str) -> str:
    """A header's or a title's time without its brackets: there a bracket qualifies no noun
    of running text, it gives the time of the whole (目标值(2030年), …行动方案(2031—2033年));
    a year a header writes bare (| 指标 | 2025 | 2030 |) is a year there."""
    label = re.sub(r"[()（）]", " ", label)
    return re.sub(r"(?<![0-9.])((?:19|20)[0-9]{2})(?![0-9.%年])", r"\1年", label)


# A sum over a time (累计完成, 共计, 总计): it covers the whole period its paragraph names.
_CUMULATIVE = re.compile(r"累计|共计|总计")


def _holds(period: tuple[int, int] | None, year: int | None) -> bool:
    return period is not None and year is not None and period[0] <= year <= period[1]


# A sentence's first clause that is only a time: 到2025年, / 2024年, / “十四五”期间,
_LEAD_CLAUSE = re.compile(r"\s*((?:到|至|截至)?[^,，。;；\n]{2,12}?)[,，]")
# The parts of a plan that describe where it starts from, and words of a clause that state
# the present (现有, 已建成, 目前, 截至): a plan's undated figures there are results.
_REVIEW_HEADING = re.compile(r"(?:发展|工作|现实|已有)基础|基础条件|现状|成效|进展|回顾|形势|成就|背景")
_REPORTED = re.compile(r"现有|已(?!于)|目前|截至|现状|业已|先后")
# How the preamble of a plan or an opinion ends: the purpose of the text itself.
# 本 before a place or a unit (制定本地区…方案, 本部门本行业…) asks each body for a document
# of its own: a task, not this text's preamble.
_PREAMBLE_END = re.compile(
    r"(?:制定|编制|制订)本(?!地区|地方|行政区|辖区|部门|单位|行业|领域|系统|企业|流域|[省市县区乡镇级])"
    r"[^。\n,，]{0,10}(?:计划|方案|规划|意见|纲要|措施)"
    r"|(?:现|特)(?:提出|制定)(?:以下|如下)?[^。\n,，]{0,6}(?:意见|方案|措施)"
)
# Verbs that state where things stand (取得的成效, 面临的形势), not a task to do.
_STATE_VERBS = ("取得", "面临", "回顾", "存在")


# A figure written in digits that is no year or date (85%, 2万个, 1200万立方米/日).
_FIGURE_AHEAD = re.compile(r"(?<![0-9.A-Za-z])[0-9]+(?:\.[0-9]+)?(?![0-9.])(?![年月日])")


def _reviews(heading: str) -> bool:
    """Is a heading the part of a plan that describes where it starts from (发展基础, 主要
    成效, 面临形势)? A heading that opens with a verb or a leading adverb commands a task
    (夯实工作基础, 巩固治理成效, 切实提升基础能力), whatever noun it ends in."""
    if not _REVIEW_HEADING.search(heading):
        return False
    words = strip_numbering(heading)
    if words.startswith(_STATE_VERBS):
        return True
    opens = words[:2]
    return not (words.startswith((*LEADING_ADVERBS, *GOVERNING_VERBS)) or dictionary_tags().get(opens) in ("v", "vd"))


def sets_goals(document: Document) -> bool:
    """Is the document an opinion, plan or guidance (a notice issuing one included), a text
    that sets goals and rules rather than reports? A work report or a news text is not."""
    from kg.policydoc import carried_title, title_kind

    title = (document.metadata.title or "").strip()
    if not title or document.metadata.kind is not None or interprets_law(document):
        return False
    return title_kind(carried_title(title, forwarded=True)) in _GOAL_KINDS


# The kinds of instrument (instrument-kinds.ttl) whose texts set goals: 意见, 措施; 规划,
# 方案, 计划, 行动; 指南, 指引.
_GOAL_KINDS = ("Opinion", "Plan", "Standard")

# A text that answers questions of applying the law (…违法行为法律适用问题的意见, 关于办理…案件
# 若干问题的解释, …的批复, …的复函): its figures are the law's thresholds, fines and time
# limits, standing rules like a law's own, never goals or results of a year.
_INTERPRETS = re.compile(
    r"(?:适用|法律|违法|处罚|罚款|案件|认定|执法)[^《》]{0,12}问题的(?:[^《》的]{0,4}意见|通知|规定|解释|纪要)$"
    r"|(?:司法解释|的解释|批复|复函|答复)$"
)


def interprets_law(document: Document) -> bool:
    """Does the document interpret the law rather than set goals or report?"""
    return bool(_INTERPRETS.search((document.metadata.title or "").strip()))


# The kinds of instrument (instrument-kinds.ttl) that lay down rules: 法, 条例, 规定, 办法,
# 细则; and the 通告, which announces what must be observed (党政机关公文处理工作条例).
_RULE_KINDS = ("Law", "AdministrativeRegulation", "Rule")
_PUBLIC_NOTICE = re.compile(r"通告$")


def states_rules(document: Document) -> bool:
    """Is the document (or the one a notice issues) a law, regulation, rule or public
    notice, whether or not it is written in articles? Its undated figures are standing
    rules (limits, intervals, fines), not results or goals of a year."""
    from kg.policydoc import carried_title, title_kind

    title = carried_title((document.metadata.title or "").strip())
    return bool(title) and (title_kind(title) in _RULE_KINDS or bool(_PUBLIC_NOTICE.search(title)))


# Articles opening a line or a block of markup (第一条 …, <b>第二条</b>): a law, regulation
# or rule is written in them; a text citing one names a single article, not the first three.
_FIRST_ARTICLES = [re.compile(rf"(?:^|[>;*\s]){n}(?![\u4e00-\u9fff]{{0,2}}规定)", re.M) for n in ("第一条", "第二条", "第三条")]


def is_normative(document: Document) -> bool:
    """Is the document a law, regulation or rule, written in articles?"""
    return all(p.search(document.text) for p in _FIRST_ARTICLES)


# A catalogue or list of standing rules by its title: …名录, …目录, …清单 (2021年版); a
# list of tasks (任务清单, 工作清单) or one for a planned period is a plan instead.
_TASK_LIST = re.compile(r"(?:任务|工作|项目)清单(?:\([^()]*\))?$")


@lru_cache(maxsize=1)
def _catalogue_title() -> re.Pattern:
    """A title ending in a kind of list of the reference data (名录, 目录, 清单), with an
    edition in brackets allowed."""
    endings = [s for s, kind in reference().title_suffixes.items() if kind == "List"]
    return re.compile(rf"(?:{alternatives(endings)})(?:\([^()]*\))?$")


def is_catalogue(document: Document) -> bool:
    """Is the document a catalogue or list whose figures are criteria (thresholds, limits,
    fines), not results or goals for a year?"""
    meta = document.metadata
    title = (meta.title or "").strip()
    return bool(_catalogue_title().search(title)) and not _TASK_LIST.search(title) and not meta.plans


def _heading_year(heading: str) -> int | None:
    m = re.search(r"(?<!\d)(\d{4})年(?!代|以来|来|\d{1,2}月)", heading)  # a date line is no plan
    return int(m.group(1)) if m else None


# Places coordinated in one list (七大流域和重点海湾, 京津冀、长三角及汾渭平原) and the
# values after 分别 that pair with them in order.
_JOINED = re.compile(r"\s*" + JOINER + r"\s*$")
_RESPECTIVELY = "分别"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _respectively(text: str, before: list[Place], start: int) -> Concept | None:
    """A figure in a 分别 list takes the place of its rank in the list of places before it
    (七大流域和重点海湾整治完成率分别达到90%和84%: 84% is 重点海湾's)."""
    joined = [before[-1]]
    for place in reversed(before[:-1]):
        if not _JOINED.match(text[place.end : joined[0].start]):
            break
        joined.insert(0, place)
    # a change's span starts with its verb phrase (分别下降8%): the marker may open it
    marker = text.rfind(_RESPECTIVELY, joined[-1].end, start + len(_RESPECTIVELY))
    if len(joined) < 2 or marker < 0:
        return None
    rank = len(_NUMBER.findall(text[marker:start]))
    return joined[rank].area if rank < len(joined) else None


# A count of places right after a list of them (南京、苏州2个城市, 北京等5个省份): the
# figure counts the list, it is not the last place's own.
_LIST_END = re.compile(r"\s*(?:等|等地)?\s*$")
_PLACE_COUNT = re.compile(r"(?:约|近|共)?[0-9]+(?:个|座)?(?:设区市|地级市|城市|地市|省份|省|市|县区|县|区|地区)")


# Words around a place that make it the field a text ranks itself in (居全国前列, 保持全省
# 一流, 全国首个) or a system it joins (纳入全国统一市场), not the figure's place. (A comparison
# with an average, 高于全国平均水平30微克, may give the other place's own figure: left alone.)
_COMPARED_BEFORE = re.compile(r"(?:居|位居|保持|位列|领跑|走在|排名|跻身)$")
_COMPARED_AFTER = re.compile(r"(?:一流|前列|前茅|领先|第[一二三四五六七八九十0-9]|首[个家批位例]|之首|同类|一体化|统一)")


# 在 + place (+ a few characters) + a verb of holding an event, closing its clause.
_VENUE_BEFORE = re.compile(r"[在于]$")
# (在南京召开的论坛上, an adverbial of the event held there, closes its clause as well)
_VENUE_AFTER = re.compile(r"[^,，。;；\d]{0,6}?(?:举办|召开|举行|开幕|闭幕)(?:的[^,，。;；\d]{1,10}?(?:上|中|期间))?[,，]")


def _venue(text: str, place: Place, start: int) -> bool:
    if not _VENUE_BEFORE.search(text, max(0, place.start - 1), place.start):
        return False
    m = _VENUE_AFTER.match(text, place.end)
    return bool(m) and m.end() <= start


# The rest of a list of places and its count (、江苏等5个省, 和南京2个城市)
# (a place alone before a count is the whole the count is part of: 江苏省13个设区市)
_COUNTED_LIST = re.compile(
    r"(?:(?:\s*(?:、|和|及|与)\s*[^,，。;；、和及与]{1,10}?)+\s*(?:等|等地)?|\s*(?:等|等地))\s*"
    + _PLACE_COUNT.pattern
)


def _counts_listed_places(text: str, last: Place, start: int) -> bool:
    between = text[last.end : start]
    if not _LIST_END.match(between) or not _PLACE_COUNT.match(text, start):
        return False
    listed = "等" in between or re.search(JOINER + r"\s*$", text[max(0, last.start - 2) : last.start])
    return bool(listed)


def _respective_time(before: str, anchors: timex.Anchors) -> timex.TimeRef | None:
    """A figure in a 分别 list after coordinated times takes the time of its rank
    (到2025年和2030年,…分别达到20%和25%: 25% is for 2030)."""
    marker = before.rfind(_RESPECTIVELY)
    if marker < 0:
        return None
    found = [e for e in timex.expressions(before[:marker], anchors) if e[2] is not None]
    joined = found[-1:]
    for item in reversed(found[:-1]):
        if not timex.JOINED_TIMES.fullmatch(before[item[1] : joined[0][0]]):
            break
        joined.insert(0, item)
    if len(joined) < 2:
        return None
    rank = len(_NUMBER.findall(before[marker:]))
    return joined[rank][2] if rank < len(joined) else None


def jurisdiction(document: Document) -> Concept | None:
    """The area a document speaks for: its publisher's (四川省生态环境厅 → 四川省; a national
    body → 全国), else the place its title names (重庆全方位推动… → 重庆市), else 全国.
    Relative names (省政府, 全省, 本市) are resolved against it."""
    ref = reference()
    meta = document.metadata
    if meta.publisher:
        area = area_of_name(meta.publisher)
        if area is not None:
            return area
        if meta.publisher in ref.agencies:
            return ref.areas.get(NATIONWIDE)
    area = area_of_name(meta.title or "")
    if area is not None:
        return area
    if _national_issuer(meta.title or ""):
        return ref.areas.get(NATIONWIDE)  # 生态环境部办公厅关于…的复函, addressed to a province
    for name in _signers(document.text):
        area = area_of_name(name)  # 市生态环境局关于… signed 绵阳市生态环境局
        if area is not None:
            return area
    for name in _title_lines(document.text):
        area = area_of_name(name)
        if area is not None:
            return area
    return _own_division(document.text) or ref.areas.get(NATIONWIDE)


def _national_issuer(title: str) -> bool:
    """Does the title open with a body of the state (生态环境部办公厅关于…, 国务院关于…)? With
    no place in the title, that body is a national one."""
    surfaces = reference().agency_surfaces
    return any(title.startswith(name) for name in surfaces if len(name) >= 2)


NATIONWIDE = "全国"


def _own_division(text: str) -> Concept | None:
    """The division a local text (one that says 全省, 我市 …) names most often, if it names
    one at least twice: 省生态环境厅…推进全省… with 江苏省 in its titles is Jiangsu's."""
    if len(OWN_AREA.findall(text)) < 2:
        return None
    counts = Counter(p.area for p in find_places(text) if (p.area.notation or "").isdigit())
    if not counts:
        return None
    area, count = counts.most_common(1)[0]
    return area if count >= 2 else None


def _signers(text: str) -> list[str]:
    """The lines of the signature above the date a notice is signed on: the issuer a title
    that names itself only 市生态环境局 leaves out."""
    from kg.policydoc import signature_block

    lines, _date, _span = signature_block(text)
    return [text[a:b].strip() for a, b in lines]


def _title_lines(text: str, count: int = 3) -> list[str]:
    """The opening lines of a text that read as titles (short, no sentence end)."""
    lines = [line.strip() for line in text.split("\n")[:count]]
    # a line ending in a colon is the addressee (江苏省生态环境厅：), not the issuer
    return [line for line in lines if 0 < len(line) <= 40 and "。" not in line and not line.endswith((":", "："))]


def document_year(document: Document) -> int | None:
    """The year the document is dated, from its date, else from the period it plans."""
    meta = document.metadata
    m = re.match(r"\d{4}", meta.published or "")
    if m:
        return int(m.group(0))
    if meta.plans:
        return meta.plans[0]
    if meta.reviews:
        # a summary (工作总结) is written as the year it reviews closes (its 明年 is the next
        # year); a report or a bulletin on a year comes out the year after it
        return meta.reviews[1] + (0 if "总结" in (meta.title or "") else 1)
    return None

