"""Policy events: the action a clause reports on an instrument (研究制定, 印发, 实施 …) and
the agencies it names as doing it.

Reads the titles found by ep_titles and the agencies found by ep_gazetteer. The verbs
come from the trigger verbs of each ActionType in the reference data; a run of verbs
written together (印发实施, 编制发布, 修订发布) gives one event per verb, as the
annotation guide asks, and the longest verb wins where verbs overlap (更新发布 is one
Issuance, 制修订 one Revision).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterable
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.grammar import CLAUSE_BREAK, CLAUSE_PUNCTUATION, DOCUMENT_NUMBER, IN_CLAUSE, JOINER, LEADING_ADVERBS, PART_END, alternation, alternatives
from kg.nlp.grammar import clause_end as _clause_end
from kg.nlp.grammar import clause_start as _clause_start
from kg.nlp.grammar import SELF_ORGAN, part_start
from kg.document import strip_numbering
from kg.nlp.tokens import doc_text, token_words
from kg.reference import reference

# An agency's name in the masked text (see _mask): a verb may reach a title past its issuer
# (落实水利部等部门《…》, 参照原国家海洋局《…》: 原 names the body as it was), and the issuer is no
# actor of that verb.
_AGENCY_MARK = "◇"
_ISSUER = r"原?" + _AGENCY_MARK + r"+(?:等[0-9一二三四五六七八九十]*个?(?:部门|部委|单位|机关))?"
# The owner a list names before one of its titles: 及我省《…》, 落实国家《…》; a reply
# names its addressee's (执行你省《…》). 全省/全市 scope the title as an owner does
# (编制全省湿地保护规划).
_OWNER = r"我国|国家|(?:我|本|全|你|贵)?(?:国|省|自治区|市|区|县|州)|" + SELF_ORGAN
# A title's document number right after it: 《…》(国发〔2021〕23号)和《…》.
_NUMBER_AFTER = r"[(（]" + DOCUMENT_NUMBER.pattern + r"[)）]"
# Between a verb and its title only short function words may stand (推动出台《…》,
# 印发了《…》, 全面实施《…》, 修订完善《…》, 编制完成《…》, 落实好《…》), the titles listed before it with
# their numbers, and the title's owner or issuer; beyond that the verb belongs to another object.
_GAP_WORD = (
    r"了|好|的|后的|通过的|并|等|相关|有关|新|完善|完成|《[^》]*》|" + _NUMBER_AFTER + "|" + _ISSUER + "|" + _OWNER + "|"
    + JOINER + r"|以及|及其|\s"
)
_GAP_BEFORE = re.compile(r"^(?:" + _GAP_WORD + ")*$")
# A relative clause that names a title's issuer: 落实生态环境部等部门联合印发的《…》 is the
# Implementation of a title and its Issuance by the bodies between the two verbs; the
# issuer may be an owner (执行你省发布的《…》, 落实国家发布的《…》) or a local government the
# text does not name (执行省政府印发的《…》).
_LOCAL_BODY = r"(?:省|自治区|市|县|区|州)(?:委|人民政府|政府)(?:办公厅|办公室)?"
_RELATIVE_ISSUER = re.compile(
    r"(?:" + _ISSUER + "|" + _LOCAL_BODY + "|" + _OWNER + "|" + JOINER + r"|会同|联合|近期|近日|此前|已|\s)+"
)
# A title that states the basis of an action (根据《X》制定本办法, 按照国务院印发的《X》实施)
# is not what the action acts on: the verbs after it have another object.
_BASIS = r"(?:根据|依据|按照|依照|遵照|参照|对照|基于|按)"
# A date or a manner between a title and its verb: 《X》自2020年施行以来, 《X》尽快出台,
# 《X》已于今年5月1日施行 (a year told relative to the text's own, or a month alone).
_YEAR = r"(?:[0-9]{4}|今|去|前|当|同|本|上|明|次)年"
_DATE = rf"(?:{_YEAR}(?:[0-9]{{1,2}}月)?|[0-9]{{1,2}}月)(?:[0-9]{{1,2}}日|底|初|中旬|上旬|下旬)?"
# The day a text counts from: its own publication (自公布之日起施行, 自印发之日起实施); the verb in it
# is no act on the title (masked as a nominal is, see _NOMINAL_MARK).
_FROM_DAY = r"(?:公布|发布|印发|颁布)(?=之日)"
# A relative clause on a title ends in 的 (印发的《X》, 修订后的《X》, 修订通过的《X》); it reports a
# done act unless it says the act is still to come (即将出台的《X》, 拟修订的《X》).
_RELATIVE_ENDS = ("的", "后的", "通过的")
_NOT_YET = re.compile(r"将|拟|待|正在|要")
# Between the verb that governs a relative clause and the clause's own verb: its issuer, a
# date or 新 (落实生态环境部印发的《X》, 执行2031年修订的《X》, 贯彻落实新修订的《X》), past the
# titles listed before it (执行《A》和我部印发的《B》).
_RELATIVE_LEAD = re.compile(
    r"(?:" + _RELATIVE_ISSUER.pattern + r"|新|最新|新近|" + _DATE + r"|《[^》]*》|" + _NUMBER_AFTER + r")*"
)
# 实施情况, 执行成效, 落实进展 name the state of an implementation, not an act of it: the act
# is the verb that follows (对《X》实施情况开展评估 is an Evaluation).
_NOMINAL = re.compile(r"(?:贯彻落实|组织实施|实施|执行|落实|施行)(?=情况|成效|效果|进展|进度)")
_NOMINAL_MARK = "·"
# An approval the action waits for (经国务院同意, 报省政府批准后, 按程序报审后): the body
# named in it approves; it does not act.
_APPROVAL = re.compile(
    r"(?:报经|报请|报|经)(?P<body>" + IN_CLAUSE + r"{1,16}?)(?:同意|批准|审定|审核|审批|批复|审议通过|备案)"
    r"|报审|报批"
)
# A parenthesis after a title: its number, the short name the text gives it or its date
# (《X》(以下简称《Y》)自2031年起施行, 《X》(国发〔2031〕2号)印发以来).
_ASIDE = r"[(（][^()（）\n]{1,30}[)）]"
# Acts on a text done together with its implementation (《X》宣传解读和贯彻实施, 《X》的学习宣传
#和贯彻落实): the verb
# after them still has the title as its object.
_TEXT_WORK = r"学习|宣传|解读|宣讲|培训"
# Demonstratives that may point back to several things (上述规划: the plans just named), and
# what may stand between titles listed together in the raw text.
_PLURAL_DEMONSTRATIVES = ("上述", "前述")
_BETWEEN_TITLES = r"(?:" + JOINER + r"|以及|\s|" + _NUMBER_AFTER + ")"
_JOINED_TITLES = re.compile(_BETWEEN_TITLES + "*")
# Titles listed together (《A》《B》和《C》, A、B): a clause after the list is about each of them
# (《A》《B》根据本决定作相应修改，重新公布).
_LISTED = re.compile(r"(?:《_*》|" + _BETWEEN_TITLES + ")*")
# After a title: 《X》印发实施, 《X》等一批文件出台, 《X》正式实施, 《X》的修订, and past the
# titles coordinated with it (X、Y等法律法规制修订, 《A》和《B》分别于2029年和2030年施行).
# The body after 由 may be a list of agencies (由财政部会同生态环境部、水利部制定); a light verb
# (进行, 开展) carries the verb as its object (对《X》进行修订), past the state of the
# implementation (对《X》实施情况开展评估), and past the approval it waits for
# (《X》报国务院批准后实施).
_GAP_AFTER = re.compile(
    r"(?:等" + IN_CLAUSE + r"{0,8}|正式|全面|重新|顺利|相继|先后|分别|均|一并|同时|已|将|尽快|加快|抓紧|及时|早日|如期|按期|的|由(?!于)(?:"
    + _RELATIVE_ISSUER.pattern + r")?" + IN_CLAUSE + r"{0,30}?|" + _NOMINAL_MARK + r"+(?:情况|成效|效果|进展|进度)?"
    + r"|(?:组织)?(?:进行|开展|予以)|作出?(?:相应的?)?|(?:根据|依照|按照|依据)本" + IN_CLAUSE + r"{1,6}?|" + _TEXT_WORK + "|" + JOINER + r"|以及|《[^》]*》|\s|并|(?:于|自|从)(?:" + _DATE + "|" + _NOMINAL_MARK
    + r"+之日)?起|(?:于|自|从)?" + _DATE
    + r"|(?:" + _APPROVAL.pattern + r")后?|" + _ASIDE + ")*"
)
# A clause with no object of its own whose verbs act on the title that ends the clause
# before it: 编制《X》,报请省政府印发实施; 审议通过X,自2023年9月1日起施行; X，由A和B共同制定、公布;
# 修改《X》,按程序报审后印发实施; 编制《X》,经省政府同意后发布; 制定《X》,2032年底前出台.
_FOLLOW_ON = re.compile(
    r"(?:并|同时)?(?:按(?:规定|法定)?程序|依法)?(?:(?:" + _APPROVAL.pattern + r")后)?"
    r"(?:(?:报请|提请|由|经)(?P<agent>" + IN_CLAUSE + r"{1,30}?))?"
    r"(?:(?:于|自|从)(?:" + _DATE + "|" + _FROM_DAY + r"之日)?起)?(?:(?:力争|争取)?(?:于|在)?(?:" + _DATE + r"|年内|年底)前?)?"
    r"(?:正式|全面|同步|尽快|及时|适时|抓紧|加快|共同|联合|另行|统一|负责|重新)?(?:予以)?"
)

# 作出 makes the decision named after it (作出《关于…的决定》); after a title it is the title's
# own act (《X》对…作出规定) and before another verb a light verb (对《X》作出修改: a Revision).
_MAKING = frozenset({"作出"})

# What a title or one of its articles lays down is the object of the verb before it, and the
# title only says whose: 实施《X》规定的许可制度, 执行《X》第五条规定的限值, 实施刑法第三百三十八条
# 规定的行为 (an act committed) carry no X out.
_LAID_DOWN = re.compile(r"(?:第[一二三四五六七八九十百零〇0-9]+[条款项])*(?:规定|所列|列举|禁止|确定)的")

# A verb negated or stopped ends or withholds the act (不再执行《X》, 停止实施《X》, 《X》暂停施行,
# 未执行《X》的): X is not carried out, no event. 不 alone before the verb (不执行), never inside a
# word (不断推进, 不折不扣落实: the character before the verb is not 不).
_NEGATED = re.compile(r"(?:不再|停止|暂停|中止|终止|不予|未能|未|没有|不)$")

# Light verbs that take a title as their object only where the title ends the phrase:
# 推进《X》, but 推进X编制 (the drafting) and 推进X建设 (the building) are not about X's
# implementation.
_LIGHT_VERBS = {"推进"}
_PHRASE_END = re.compile(f"$|[{re.escape(CLAUSE_PUNCTUATION)}、和及等]")
# Modal words (jieba tokens) that make the action of their sentence prescribed or allowed
# rather than done: 应当编制…规划 in a law, 各地要严格执行…, 可以制定…标准, 力争年内出台.
_MODALS = frozenset({"应当", "应", "须", "必须", "务必", "要", "需", "需要", "可以", "可", "拟", "力争", "争取", "负责"})
# 将 says what will be done only before a time, an adverb or a verb (明年将出台, 将于2032年施行,
# 将适时修订); before its object it fronts it (将《X》转发, 现将…印发给你们).
_FUTURE_LEAD = "于|在|" + alternatives(LEADING_ADVERBS)
_SENTENCE_END = PART_END + "\n"  # a modal reaches to the end of its part of the sentence
# Kind nouns that also name an activity or a project: 该行动, 上述工程, 上述措施, 该重大专项 point
# back to no title.
_GENERIC_NOUNS = frozenset({"行动", "工程", "措施", "举措", "重大专项"})


@dataclass(frozen=True)
class EventMatch:
    title_index: int  # index into doc._.titles
    action: str
    agencies: tuple[str, ...]
    clause_start: int
    clause_end: int
    trigger_start: int
    trigger_end: int
    prescribed: bool = False  # a modal (应当, 要, 可以) before the verb: asked or allowed, not done
    relative: bool = False  # the verb of a relative clause on the title (…2029年印发的《X》): a done act
    done: bool = False  # 了 after the verbs or 已 before them (制定了《X》, 《X》已印发): a done act


class VerbFinder:
    def __init__(self, verbs: dict[str, str]):
        self.verbs = verbs
        self.pattern = alternation(verbs)

    def runs(self, text: str, start: int, end: int) -> list[list[re.Match]]:
        """Runs of verbs written together, in order."""
        runs: list[list[re.Match]] = []
        for m in self.pattern.finditer(text, start, end):
            if runs and runs[-1][-1].end() == m.start():
                runs[-1].append(m)
            else:
                runs.append([m])
        return runs


class EventComponent:
    def __init__(self, verbs: VerbFinder, name_endings: Iterable[str] = ()):
        self.verbs = verbs
        # 《X》 right before a kind ending names part of a longer name (广东省实施《X》办法,
        # 《X》实施细则): the verbs around it act on that name, not on X. One-character
        # endings (法) are left out: they begin ordinary words (法律责任). A document made to
        # go with X or explain it (《X》配套文件, 《X》政策解读) is likewise the verbs' object.
        # A kind ending after 的 that ends the phrase is X's provisions as a whole, not a longer
        # name (执行《X》的规定). Without 的 it is a name (《X》实施细则) or X's own verb (《X》规定的
        # 制度: the verbs act on the system X lays down, X only says whose).
        endings = alternatives(e for e in name_endings if len(e) > 1)
        self.name_tail = re.compile(
            r"的?(?:实施|配套|贯彻落实|落实)(?:" + endings + ")"
            + r"|(?:" + endings + r")|的(?:" + endings + r")(?![" + _BREAK + r"]|$)"
            + r"|的?(?:配套(?:文件|制度|政策|规章|法规)|(?:政策)?解读|释义)"
        )
        # 根据《X》, 依据…印发的《X》: the title stands in a phrase of basis (see _BASIS)
        relative = r"(?:" + _RELATIVE_ISSUER.pattern + r")?(?:" + verbs.pattern.pattern + ")的"
        self.basis = re.compile(_BASIS + r"(?:" + _GAP_WORD + "|" + relative + r")*$")
        self.follow_on = re.compile(_FOLLOW_ON.pattern + "(?=" + verbs.pattern.pattern + ")")
        self.future = re.compile("将(?=" + _FUTURE_LEAD + "|" + verbs.pattern.pattern + ")")
        # 该条例, 上述规划, 该法 (not 该法院): kind nouns a title of the text may end in; those
        # that also name a generic activity (该行动, 该工程, 上述措施) point back to no title
        nouns = [e for e in name_endings if e not in _GENERIC_NOUNS]
        self.anaphor = re.compile(
            r"(?:该|上述|前述|这一|此)(?P<noun>" + alternatives(nouns) + r")(?![院人员官])"
        )
        if not Doc.has_extension("events"):
            Doc.set_extension("events", default=None)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        titles = doc._.titles or []
        spans = [(t.start - 1 if t.bracketed else t.start, t.end + 1 if t.bracketed else t.end) for t in titles]
        agencies = list(doc.spans["agency"])  # a span group makes new Span objects at each pass
        anaphors = self._anaphors(text, titles, spans)
        masked = _mask(text, spans + [(a, b) for _, a, b in anaphors], [(s.start_char, s.end_char) for s in agencies])
        masked = _NOMINAL.sub(lambda m: _NOMINAL_MARK * len(m.group()), masked)
        masked = re.sub(_FROM_DAY, lambda m: _NOMINAL_MARK * len(m.group()), masked)
        approving = approvals(text)
        modals = [start for start, word in token_words(doc) if word in _MODALS and not any(a <= start < b for a, b in spans)]
        modals += [m.start() for m in self.future.finditer(masked)]

        def prescribed(position: int) -> bool:
            """Does a modal word stand before position in its sentence?"""
            start = max(text.rfind(c, 0, position) for c in _SENTENCE_END) + 1
            return any(start <= m < position for m in modals)

        named = [(s.start_char, s.end_char, s.id_) for s in agencies]

        def actors(start: int, end: int) -> tuple[str, ...]:
            return clause_actors(text, named, approving, start, end)

        events = []
        mentions = sorted(
            [(i, *spans[i], t.bracketed, _shared_modifier(text, t)) for i, t in enumerate(titles)]
            + [(i, a, b, True, "") for i, a, b in anaphors],
            key=lambda m: m[1],
        )
        for k, (index, start, end, bracketed, shared) in enumerate(mentions):
            clause_start = _continued(text, _clause_start(text, start))
            clause_end = _clause_end(text, end)
            if bracketed and self.name_tail.match(text, end):
                continue
            for run, actors_from, relative in self._runs_for(masked, clause_start, start, end, clause_end, shared, bracketed):
                if _negated(masked, run):
                    continue
                acting = actors(actors_from, run[0].start())
                if not acting and not relative:
                    acting = sentence_subject(text, named, run[0].start())
                events += self._events(
                    index, run, acting, clause_start, max(end, run[-1].end()), prescribed, relative, _done(text, run),
                )
            later = [m for m in mentions[k + 1 :] if start < m[1] < clause_end]
            if later and not _LISTED.fullmatch(masked, end, later[-1][1]):
                continue  # another title ends this clause: a following clause is about that one
            follow = self._follow_on(text, clause_end, agencies)
            if follow is not None:
                run, follow_end = follow
                events += self._events(
                    index, run, actors(clause_end, run[0].start()), clause_start, follow_end, prescribed, False, _done(text, run)
                )
        doc._.events = events
        return doc

    def _anaphors(self, text: str, titles, spans) -> list[tuple[int, int, int]]:
        """(title index, start, end) of each 该条例, 上述规划, 该法: a demonstrative and a kind
        noun point back to the nearest title before them in the paragraph that ends in that
        noun (…完成《X条例》起草工作，该条例已于6月公布: X条例's Issuance); 上述 and 前述 point
        to the titles listed with it too (编制《A规划》和《B规划》，上述规划报…批准后实施)."""
        found = []
        for m in self.anaphor.finditer(text):
            noun = m.group("noun")
            paragraph = text.rfind("\n", 0, m.start()) + 1
            before = sorted((i for i, (a, b) in enumerate(spans) if paragraph <= a and b <= m.start()
                             and titles[i].title.endswith(noun)), key=lambda i: spans[i][0])
            if not before:
                continue
            meant = [before[-1]]
            if m.group().startswith(_PLURAL_DEMONSTRATIVES):
                for i in reversed(before[:-1]):
                    if not _JOINED_TITLES.fullmatch(text, spans[i][1], spans[meant[-1]][0]):
                        break
                    meant.append(i)
            found += [(i, m.start(), m.end()) for i in reversed(meant)]
        return found

    def _events(self, index: int, run: list[re.Match], agencies, clause_start: int, clause_end: int,
                prescribed, relative: bool = False, done: bool = False) -> list[EventMatch]:
        """One event per action of a run of verbs (贯彻执行 is one Implementation)."""
        found, actions = [], set()
        for i, verb in enumerate(run):
            if i and verb.group(0) in _LIGHT_VERBS:
                continue  # 制定推进…方案: the light verb belongs to the title
            if verb.group(0) in _MAKING and i + 1 < len(run):
                continue  # 作出修改: the verb it carries is the act
            action = self.verbs.verbs[verb.group(0)]
            if action not in actions:
                actions.add(action)
                found.append(EventMatch(
                    index, action, agencies, clause_start, clause_end, verb.start(), verb.end(),
                    prescribed(verb.start()), relative, done,
                ))
        return found

    def _follow_on(self, text: str, clause_end: int, agencies):
        """The verbs of the next clause when it has no object of its own (,报请省政府印发实施;
        ,自2023年9月1日起施行; ,生态环境部会同有关部门组织实施): they act on the title
        that ends this clause."""
        if clause_end >= len(text) or text[clause_end] not in ",，":
            return None
        start = clause_end + 1
        end = _clause_end(text, start)
        starts = {s.start_char: s.end_char for s in agencies}
        while start in starts:  # the actors: 生态环境部会同国家发展改革委, 生态环境部会同有关部门
            start = starts[start]
            joined = _ACTORS_JOINED.match(text, start, end)
            if joined:
                start = joined.end()
        lead = self.follow_on.match(text, start, end)
        if lead is None:
            return None
        runs = self.verbs.runs(text, lead.end(), end)
        if not runs or runs[0][0].start() != lead.end():
            return None
        run = runs[0]
        for previous, joined in zip(runs, runs[1:]):  # 由…共同制定、公布: verbs joined share the object
            if not _COORDINATION.fullmatch(text, previous[-1].end(), joined[0].start()):
                break
            run = run + joined
        if not _FOLLOW_TAIL.fullmatch(text, run[-1].end(), end) or all(v.group(0) in _LIGHT_VERBS for v in run):
            return None
        if not _acts_after(run):
            return None
        return run, end

    def _runs_for(self, masked: str, clause_start: int, start: int, end: int, clause_end: int, shared: str,
                  bracketed: bool = True):
        """The runs of verbs that act on the title at start..end, each with where its actors
        may start and whether it is the verb of a relative clause that reports a done act
        (落实国务院2029年印发的《X》; not 即将出台的《X》)."""
        following = [run for run in self.verbs.runs(masked, end, clause_end) if _acts_after(run)]
        after = following[0] if following else None
        if after is not None and not _GAP_AFTER.fullmatch(masked, end, after[0].start()):
            after = None
        before = self.verbs.runs(masked, clause_start, start) if not _LAID_DOWN.match(masked, end) else []
        about = masked.rfind("关于", clause_start, start)
        if not bracketed and about >= 0:
            # 关于…贯彻X…的意见 written without 《》: the verbs after 关于 are words of the name
            before = [run for run in before if run[0].start() < about]
        gap = masked[before[-1][-1].end() : start] if before else ""
        if shared and gap.startswith(shared):
            # 制定A指标体系及考核办法: the verb reaches the elliptical title past its modifier
            gap = _CONJUNCTION_TAIL.sub("", gap) if _CONJUNCTION_TAIL.search(gap) else gap
        if before and _GAP_BEFORE.match(gap):
            run = before[-1]
            # 《A》颁布施行和B: a verb right after another title is that title's
            light = all(v.group(0) in _LIGHT_VERBS for v in run)
            if masked[: run[0].start()].rstrip().endswith("》"):
                pass
            elif not light or (after is None and _PHRASE_END.match(masked, end)):
                governing = self._governing(masked, before, gap)
                lead = governing[-1].end() if governing else clause_start
                relative = gap.startswith(_RELATIVE_ENDS) and not _NOT_YET.search(masked, lead, run[0].start())
                if not governing:
                    yield from ((r, clause_start, relative) for r in reversed(_coordinated(masked, before)))
                yield run, lead, relative
                if governing:
                    yield governing, clause_start, False
        if after is not None and not self.basis.search(masked, clause_start, start):
            yield after, clause_start, False
            # 《X》修订并发布, 《X》制定和实施: verbs joined to the first share its object
            for previous, run in zip(following, following[1:]):
                if not _COORDINATION.fullmatch(masked, previous[-1].end(), run[0].start()):
                    break
                yield run, clause_start, False

    @staticmethod
    def _governing(masked: str, before: list[list[re.Match]], gap: str) -> list[re.Match] | None:
        """The run that governs a relative clause on the title (落实 in 落实生态环境部印发的
        《…》, 执行 in 执行修订后的《…》, 贯彻 in 贯彻…会议修订通过的《…》), or None."""
        if len(before) < 2 or not gap.startswith(_RELATIVE_ENDS):
            return None
        previous, run = before[-2], before[-1]
        if _RELATIVE_LEAD.fullmatch(masked, previous[-1].end(), run[0].start()):
            return previous
        return None


# A verb of the same making that is no action of the guide may stand in the list (制定、调整和公布:
# the adjusting is a revision only where named so; 修改补充并发布).
_CO_VERBS = "调整|更新|完善|补充|细化"
# Verbs joined by 并 (or a list mark) share the object of the last: 制定并印发《X》,
# 编制完成并发布《X》, 研究起草并报请国务院印发《X》, 制定并定期修订《X》.
_COORDINATION = re.compile(
    r"(?:完成|了)?(?:并|并且|、|和|及|后)(?:按程序|定期|及时|适时|逐步)?(?:报请|提请)?" + _AGENCY_MARK + "*"
    + r"(?:(?:" + _CO_VERBS + r")(?:并|、|和|及))?"
)


def _negated(text: str, run: list[re.Match]) -> bool:
    return bool(_NEGATED.search(text, max(0, run[0].start() - 2), run[0].start()))


def _acts_after(run: list[re.Match]) -> bool:
    """Can the run act on a title before it? Not 作出 alone (《X》作出规定: X's own act)."""
    return run[-1].group(0) not in _MAKING


def _coordinated(masked: str, before: list[list[re.Match]]) -> list[list[re.Match]]:
    """The runs coordinated with the last run before a title, nearest first."""
    found = []
    for previous, run in zip(reversed(before[:-1]), reversed(before)):
        if not _COORDINATION.fullmatch(masked, previous[-1].end(), run[0].start()):
            break
        found.append(previous)
    return found


# The aspect of a done act: 了 after the verbs (制定了, 印发了), 已 or 已经 before them (已印发,
# 《X》已于5月1日施行, 已经正式发布).
_ALREADY = re.compile(r"(?:已经|业已|已)(?:于" + _DATE + r"(?:起)?|正式|全面|相继|先后)?$")


def _done(text: str, run: list[re.Match]) -> bool:
    start = run[0].start()
    return text.startswith("了", run[-1].end()) or bool(_ALREADY.search(text[max(0, start - 16) : start]))


def _continued(text: str, clause_start: int) -> int:
    """A line that ends in 的 is wrapped, not ended (…等部委印发的\n《…》): the clause
    runs on from the line before."""
    if clause_start >= 2 and text[clause_start - 1] == "\n" and text[clause_start - 2] == "的":
        return _clause_start(text, clause_start - 1)
    return clause_start


_ASKING = re.compile("报请|提请")
_APPROVES = re.compile(r"(?:批准|同意)[、和并]")


# After the agency that opens a sentence, the words that make it the sentence's subject: a
# modal, a co-actor's lead (会同, 联合) or another agency joined to it (生态环境部、水利部要…).
_SUBJECT_LEAD = re.compile(r"(?:" + alternatives(sorted(_MODALS, key=len, reverse=True)) + r"|会同|联合|牵头|" + JOINER + ")")


def sentence_subject(text: str, agencies: list[tuple[int, int, str]], pos: int) -> tuple[str, ...]:
    """The agencies that open an earlier clause of the sentence holding pos, as its subject,
    when pos is in a later clause that names none (市场监管总局会同有关部门加强监督，适时对《X》
    开展评估: 市场监管总局); the nearest such clause, so that a subject after a purpose clause
    counts too (为落实《A》，生态环境部会同…组织评估，制定了《X》: 生态环境部). A numbering label
    ((三), 1.) before the subject is skipped."""
    start = part_start(text, pos)
    own = _clause_start(text, pos)
    if own <= start:
        return ()  # the first clause: its own actors are read already
    line = text[start:pos]
    starts = [start + len(line) - len(strip_numbering(line))]
    starts += [m.end() for m in CLAUSE_BREAK.finditer(text, start, own - 1)]
    for at in reversed(starts):
        found = _subject_at(text, agencies, at)
        if found:
            return found
    return ()


def _subject_at(text: str, agencies: list[tuple[int, int, str]], start: int) -> tuple[str, ...]:
    """The agencies that open a clause at start as its subject (生态环境部、水利部要…, …会同…)."""
    opening = [(a, b, name) for a, b, name in agencies if a == start]
    if not opening:
        return ()
    a, b, name = opening[0]
    found = [name]
    subject = False
    while True:  # …、水利部; …会同国家卫生健康委员会: co-actors act with the subject
        lead = _CO_ACTOR.match(text, b)
        joined = [(x, y, n) for x, y, n in agencies if lead and x == lead.end()]
        if not joined:
            break
        subject = subject or lead.group() in ("会同", "联合")
        _, b, n = joined[0]
        found.append(n)
    return tuple(dict.fromkeys(found)) if subject or _SUBJECT_LEAD.match(text, b) else ()


_CO_ACTOR = re.compile(JOINER + "|会同|联合")


def approvals(text: str) -> list[tuple[int, int]]:
    """Spans of the bodies that only approve an action (经国务院同意, 报省政府批准后)."""
    return [m.span("body") if m.group("body") else m.span() for m in _APPROVAL.finditer(text)]


def clause_actors(text: str, agencies: list[tuple[int, int, str]], approving: list[tuple[int, int]],
                  start: int, end: int) -> tuple[str, ...]:
    """The agencies (start, end, name) named between start and end, less those that only
    approve (also where the approval is coordinated with the act: 国务院批准、原环境保护部发布的);
    after 报请/提请 only the body asked to act (生态环境部报请国务院印发: 国务院)."""
    asked = max((m.end() for m in _ASKING.finditer(text, start, end)), default=start)
    start = max(start, asked)
    return tuple(dict.fromkeys(
        name for a, b, name in agencies
        if start <= a and b <= end and not any(x <= a < y for x, y in approving) and not _APPROVES.match(text, b)
        and not _ROLE_OF.match(text, b)
    ))


# A body that heads a statutory role names no actor: 国务院生态环境主管部门, 国务院有关部门, 省人民政府
# 水行政主管部门 are whichever body holds the role (the roles are no agencies, ANNOTATION.md).
_ROLE_OF = re.compile(r"(?:(?!会同|联合|牵头|组织|指导|等|和|及|与|、)[\u4e00-\u9fff]){0,8}?(?:部门|主管机关)")
_FOLLOW_TAIL = re.compile(r"(?:工作|后)?")
_ACTORS_JOINED = re.compile(r"(?:会同|联合|" + JOINER + r")(?:有关部门|相关部门|" + IN_CLAUSE + r"{0,10}?等部门)?")
_CONJUNCTION_TAIL = re.compile(r"^" + IN_CLAUSE + r"*?(?=(?:[、和及]|以及)$)")


def _shared_modifier(text: str, title) -> str:
    """The modifier an elliptical title borrowed from the first of its list ("" if none)."""
    written = text[title.start : title.end]
    if title.bracketed or title.title == written or not title.title.endswith(written):
        return ""
    return title.title[: -len(written)]


def _mask(text: str, spans: list[tuple[int, int]], agencies: list[tuple[int, int]] = ()) -> str:
    """The text with every title replaced by a placeholder of the same length, so that
    verbs inside titles (…实施方案) are not read as actions on another title, and every
    agency outside a title by _AGENCY_MARK, so that a title's issuer reads as one word."""
    chars = list(text)
    for start, end in agencies:
        if not any(a <= start < b for a, b in spans):
            chars[start:end] = [_AGENCY_MARK] * (end - start)
    for start, end in spans:
        chars[start:end] = ["《"] + ["_"] * (end - start - 2) + ["》"] if end - start >= 2 else chars[start:end]
    return "".join(chars)


# --- what a document says it does with itself ------------------------------------------------
# An official document names itself 本 + its kind (本方案, 本实施方案, 本工作计划, 本办法) and,
# before setting itself out, 如下/以下 + its kind (制定如下实施方案) or 现…如下 (现制定…安排如下).
_KIND_MODIFIER = r"(?:实施|工作|行动|总体)"
_SELF = r"(?:本|如下|以下)" + _KIND_MODIFIER + "?"
_BREAK = re.escape(CLAUSE_PUNCTUATION)
_AT_CLAUSE_START = rf"(?<![^{_BREAK}])"  # at the start of the text or right after a break
_IN = f"[^{_BREAK}]"


# A text names itself by its kind's ending (本办法, 本方案) or its genre (文种), which the
# reference data lists with the kinds too (本解释, 本纪要, 本批复, 本公告, 本通知); or just 本文件.
_SELF_NAMES = ("文件",)


@dataclass(frozen=True)
class SelfEvent:
    """An event a document reports on itself: its drafting (制定本方案), its issuance (现印发
    给你们, 现予公布), the implementation it asks for (请认真贯彻执行) and the day it takes
    effect (本办法自…起施行)."""

    action: str
    status: str  # planned: asked of the readers; reported: done by the issuer
    start: int  # the formula's span in the text
    end: int


class SelfEvents:
    """The formulae of official documents (党政机关公文) that report events on the document
    itself, with the verbs of the reference data and the kind endings of its titles."""

    def __init__(self, verbs: dict[str, str], suffixes: dict[str, str]):
        def acting(action: str) -> str:
            return alternatives(v for v, a in verbs.items() if a == action)

        names = alternatives([*suffixes, *_SELF_NAMES])
        itself = rf"{_SELF}(?:{names})(?=$|[{_BREAK}]|如下)"
        own = rf"本{_KIND_MODIFIER}?(?:{names})"  # 本方案, 本行动计划, 本实施方案
        implement = acting("Implementation")
        self.patterns = (
            # 制定本方案, 特制定本实施方案, 制定如下实施方案
            ("Drafting", "reported", re.compile(rf"(?:{acting('Drafting')})(?:了)?{itself}")),
            # 现制定2021年…重点工作安排如下
            ("Drafting", "reported", re.compile(rf"{_AT_CLAUSE_START}现(?:{acting('Drafting')}){_IN}{{2,60}}?如下")),
            # 现印发给你们, 现将实施方案印发你们, 现予公布 (a 《title》 named here is read with its title)
            ("Issuance", "reported", re.compile(
                rf"{_AT_CLAUSE_START}现(?:将[^《。;\n]{{1,40}}?)?(?:予以|予)?(?:{acting('Issuance')})(?:给)?(?:你们|你单位|各单位)?"
            )),
            # 请结合实际认真贯彻落实, 请各单位认真贯彻执行, 请结合职能职责组织实施
            ("Implementation", "planned", re.compile(
                rf"{_AT_CLAUSE_START}请{_IN}{{0,30}}?(?:贯彻)?(?:{implement})(?:{itself})?(?=$|[{_BREAK}])"
            )),
            # 各地区各部门要认真贯彻落实本意见, 严格执行本办法; 本规划(报国务院批准后)由省发展改革委组织实施: the
            # implementation the document asks of its readers or assigns to a body
            ("Implementation", "planned", re.compile(rf"(?:贯彻)?(?:{implement})(?:好)?{itself}")),
            ("Implementation", "planned", re.compile(
                rf"{own}(?:(?:{_APPROVAL.pattern})后)?由{_IN}{{1,30}}?(?:负责)?(?:{implement})(?=$|[{_BREAK}])"
            )),
            # 适时修订本意见, 根据实施情况修改完善本办法: a revision the document foresees for itself
            ("Revision", "planned", re.compile(rf"(?:{acting('Revision')})(?:完善)?{itself}")),
            # 对本意见落实情况开展评估, 适时对本规划实施情况进行中期评估: a task the document sets
            ("Evaluation", "planned", re.compile(
                rf"{own}(?:的)?(?:{implement})?(?:情况|成效|效果|进展)?"
                rf"(?:组织)?(?:进行|开展)?(?:{acting('Evaluation')})"
            )),
            # 本办法自公布之日起施行, 本方案自印发之日起实施; 自2024年1月1日起施行 opening a clause
            ("Implementation", "reported", re.compile(
                rf"(?:{own}|{_AT_CLAUSE_START})自{_IN}{{1,20}}?起(?:{implement}|生效)(?=$|[{_BREAK}])"
            )),
            # 本规定报省人民政府批准后施行, 本细则经市政府常务会议审议通过后实施: in force once approved
            ("Implementation", "reported", re.compile(
                rf"{own}(?:{_APPROVAL.pattern}|审议通过)后(?:{implement}|生效)(?=$|[{_BREAK}])"
            )),
        )

    def find(self, text: str) -> list[SelfEvent]:
        found = []
        for action, status, pattern in self.patterns:
            found += [SelfEvent(action, status, m.start(), m.end()) for m in pattern.finditer(text)]
        return sorted(found, key=lambda e: e.start)


@lru_cache(maxsize=1)
def self_events() -> SelfEvents:
    ref = reference()
    return SelfEvents(ref.trigger_verbs, ref.title_suffixes)


@Language.factory("ep_events")
def make_event_component(nlp: Language, name: str):
    return EventComponent(VerbFinder(reference().trigger_verbs), reference().title_suffixes)
