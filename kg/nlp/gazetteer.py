"""Agencies and campaigns named in the text, by their names and aliases in the reference data.

Matches are found with one regular expression per kind (longest alternative first) and
kept only where they align with jieba's tokens (`alignment_mode="strict"`): that is what
refuses 生态环境部门 (a generic "ecology departments") as 生态环境部. Where jieba cuts the
word 部门 after a known name (环境保护部|门, for the name is in its dictionary), the 门 still
makes it the generic departments of a field: a ministry's name never runs on into 门.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.grammar import (
    DECREE_NUMBER, FUNCTION_WORDS, SELF_ORGAN, HAN_CHARS, HAN_RUN, JOINER, LEVEL_WORDS, NOT_HAN, TITLE, alternation, alternatives, clause_end, clause_start,
    expand_shared_head,
)
from kg.nlp.organs import RELATIVE_LEVELS, OrganFinder, each_level_before, national_name, one_per_place
from kg.nlp.tokens import doc_text, token_words
from kg.reference import Concept, reference


# A name right after 省/市/县/区/自治区 names that level's body of the same kind (省发展改革委
# is the provincial commission, not 国家发展和改革委员会).
_LOCAL_PREFIX = re.compile(rf"(?:^|{NOT_HAN}|[、和及与同由经请])(?:{'|'.join(RELATIVE_LEVELS)})$")


class GazetteerComponent:
    """Writes ``doc.spans["agency"]`` and ``doc.spans["campaign"]``; ``span.id_`` is the
    canonical Chinese name of the concept.

    An agency named inside a title (《生态环境部权责清单》) is part of the name, not an
    actor, so agency matches inside 《》 are skipped; campaign names there still count.
    When ``doc.user_data["publisher"]`` names the document's publisher, relative names
    (省政府, 省委, 生态环境厅) are resolved for its province; a province named as co-actor
    (联合内蒙古自治区举办) is read as its government. So every later component, events
    included, sees all the agencies.
    """

    def __init__(self, tables: dict[str, dict[str, Concept]], outside_titles: tuple[str, ...] = ("agency",)):
        self.tables = tables
        # a closing quote may stand apart from the head it quotes (“无废城市” 建设)
        self.patterns = {kind: re.compile(alternatives(table).replace("”", "”\\s?")) for kind, table in tables.items()}
        self.outside_titles = outside_titles
        ref = reference()
        self.organs = OrganFinder(ref, set(ref.trigger_verbs))

    def _issuers_end(self, text: str, start: int, end: int, organs: dict[int, int]) -> int:
        """Where the issuers at the head of the title 《…》 at ``start`` end (``start`` if none):
        names of the list or ``organs`` (start → end), joined by 、 和 …, a space or nothing
        (《中共中央国务院关于…》, 《中共成都市委关于…》)."""
        pos = start + 1
        while (m := self.patterns["agency"].match(text, pos, end)) or pos in organs:
            pos = max(m.end() if m else pos, organs.get(pos, pos))
            pos += re.match(f"(?:{JOINER}|\\s)?", text[pos:end]).end()
        return pos if pos > start + 1 and text.startswith(("关于", "对"), pos) else start

    def _home(self, doc: Doc, text: str, anchors) -> str | None:
        """The document's own place: its publisher's, else the division its jurisdiction is
        (kg.context: the place its title names), else the one its head names."""
        publisher = reference().agencies.get(doc.user_data.get("publisher") or "")
        if publisher is not None:
            return self.organs.place_of(publisher.label_zh)
        area = doc.user_data.get("jurisdiction")
        if area is not None and (area.notation or "").isdigit():
            return area.label_zh
        return self.organs.home_place(text, token_words(doc), anchors)

    def _one_of_each(self, text: str, start: int, end: int) -> bool:
        """各区县（自治县）发展改革委: a name after 各 and levels is each place's body; so is
        every later item of a list that opens its clause with 各 (各省…生态环境厅（局）、发展
        改革委); 各省、自治区、直辖市和新疆生产建设兵团生态环境厅: a name closing a list of
        places opened by 各, with a department after it, is one more place of the list."""
        if each_level_before(text, start):
            return True
        head = text[clause_start(text, start, reach=80) : start].lstrip()
        if (head.startswith("各") and re.search(f"{JOINER}$", head) and not any(w in head for w in self.organs.stop_tails)
                and self.organs.local_form(text[start:end])):
            return True
        stop = clause_end(text, end, reach=12)
        department = self.organs.endings.search(text, end, stop)
        return bool(department) and HAN_RUN.fullmatch(text[end : department.start()] or "x") is not None and one_per_place(text, start)

    def _names_a_role(self, text: str, end: int) -> bool:
        if _EACH_UNDER.match(text, end):
            return True
        role = _ROLE_AFTER.match(text, end)
        return bool(role) and not any(w in role.group(1) for w in self.organs.stop_tails)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        # a title's issuers stand before its 关于 (《中共中央、国务院关于…的意见》): they act
        titles = [(self._issuers_end(text, a, b, {}), b) for a, b in title_ranges(text)]
        for kind, pattern in self.patterns.items():
            skip = titles if kind in self.outside_titles else []
            spans = find_spans(doc, pattern, self.tables[kind], kind, skip, text)
            if kind == "agency":
                # 省发展改革委, 市生态环境局: a local body named after its national counterpart
                spans = [s for s in spans if not _LOCAL_PREFIX.search(text[max(0, s.start_char - 4) : s.start_char])]
                # 各省、自治区、直辖市发展改革委: one body of each place, not the national one
                spans = [s for s in spans if national_name(s.text) or not self._one_of_each(text, s.start_char, s.end_char)]
            if kind == "campaign":
                spans = [*spans, *shared_head_spans(doc, spans, self.tables[kind], text)]
                # 省级生态环境保护督察: a level's own campaign, not the national one of that name
                # (but 中央和省级…督察 names the national one by its shared head)
                spans = [s for s in spans if not text.endswith(LEVEL_WORDS, 0, s.start_char)]
                spans = sorted([*spans, *quoted_head_spans(doc, spans, self.tables[kind], text)],
                               key=lambda s: s.start_char)
            doc.spans[kind] = spans
        extra = []
        anchors = [(m.start(), m.end(), self.tables["agency"][m.group(0)].label_zh)
                   for m in self.patterns["agency"].finditer(text)]
        home = self._home(doc, text, anchors)
        table, pattern = _local_names(doc.user_data.get("publisher") or (home and home + "人民政府"))
        if table:
            # where they overlap no full name already found and no title
            taken = [(s.start_char, s.end_char) for s in doc.spans["agency"]] + titles
            # 各省、自治区、直辖市生态环境厅: each place's department, not the home province's
            extra += [s for s in find_spans(doc, pattern, table, "agency", taken, text)
                      if not self._one_of_each(text, s.start_char, s.end_char)]
        agencies = [*doc.spans["agency"], *extra]
        # parents may be glued to their unit by jieba (全国人大常委会法制工作委员会 is one
        # word), so every written name counts as an anchor, aligned or not
        anchors += [(s.start_char, s.end_char, s.id_) for s in extra]
        organs = self.organs.find(text, token_words(doc), anchors, home)
        doc.user_data["organs"] = {o.name: o for o in organs}
        starts = {o.start: o.end for o in organs}
        titles = [(self._issuers_end(text, a, b, starts), b) for a, b in title_ranges(text)]
        named = agencies
        agencies = []  # an organ read from its grammar comes first: where a list name spans the
        # same words it is the national body (国资委), the organ this place's (市…、国资委)
        for organ in organs:
            span = doc.char_span(organ.start, organ.end, label="agency", alignment_mode="strict") or doc.char_span(
                organ.start, organ.end, label="agency", alignment_mode="contract")  # 会同县|…: jieba glued a joiner
            if span is not None and not any(a <= organ.start < b for a, b in titles):
                span.id_ = organ.name
                agencies.append(span)
        kept = [s for s in _longest_first([*agencies, *named]) if not self._names_a_role(text, s.end_char)]
        kept += self._joint_issuers(doc, text, titles)
        kept += self._self_references(doc, text, kept, doc.user_data["organs"])
        doc.spans["agency"] = sorted(kept, key=lambda s: s.start_char)
        return doc

    def _self_references(self, doc: Doc, text: str, found: list[Span], organs: dict) -> list[Span]:
        """我部, 本厅, 我委: the body that writes the text speaking of itself, or of the body it
        is part of (我部 in a text of 生态环境部办公厅 is 生态环境部). The writer is the body at
        the head of the title line, else the publisher."""
        line = doc.user_data.get("title_line")
        writers = [s.id_ for s in found if line and line[0] <= s.start_char < line[1]]
        writers += [doc.user_data.get("publisher")] if doc.user_data.get("publisher") else []
        chain = []
        for name in writers:
            while name and name not in chain:
                chain.append(name)
                name = organs[name].parent if name in organs else reference().agency_parents.get(name)
        spans = []
        for m in _SELF.finditer(text):
            body = next((n for n in chain if n.endswith(_SELF_ENDINGS.get(m.group(0)[1], m.group(0)[1]))), None)
            span = _self_span(doc, text, m.start(), m.end()) if body else None
            if span is not None and not any(s.start_char < m.end() and m.start() < s.end_char for s in found):
                span.id_ = body
                spans.append(span)
        return spans

    def _joint_issuers(self, doc: Doc, text: str, titles: list[tuple[int, int]]) -> list[Span]:
        """《中共中央国务院关于…》: issuers that jieba reads as one word each keep their own
        name, on the word they share."""
        spans = []
        for (a, _), (issuers_end, _) in zip(title_ranges(text), titles):
            for m in self.patterns["agency"].finditer(text, a + 1, issuers_end):
                if doc.char_span(m.start(), m.end(), alignment_mode="strict") is None:
                    span = doc.char_span(m.start(), m.end(), label="agency", alignment_mode="expand")
                    if span is not None:
                        span.id_ = self.tables["agency"][m.group(0)].label_zh
                        spans.append(span)
        return spans


# 国务院生态环境主管部门, 国务院有关部门, 省人民政府组成部门: a body naming a role or a class
# of departments under it does not act itself (but 生态环境部等部门 and 生态环境部和各部门 do).
_ROLE_AFTER = re.compile(f"([{HAN_CHARS}]{{0,6}}?)(?:主管|有关|相关|组成|职能)部门")
# grammar.SELF_ORGAN; the character names an ending (委 a 委员会, 办 an 办公室 or 办公厅). jieba
# keeps each as one word, so 本部门 (本|部门, "the department concerned", any) never aligns.
_SELF = re.compile(SELF_ORGAN)
_SELF_ENDINGS = {"委": ("委", "委员会"), "办": ("办", "办公室", "办公厅")}
# 国务院各部委, 国务院各直属机构, 省政府各部门: 各 right after a body names each body under it.
_EACH_UNDER = re.compile("各(?:部委|部门|委办局|直属机构|厅局|单位)")


# Short modifiers coordinated before a name share its head: 蓝天、碧水、净土保卫战.
_MODIFIERS_BEFORE = re.compile(f"(?:[{HAN_CHARS}]{{1,6}}[、和及与])+$")


def _self_span(doc: Doc, text: str, start: int, end: int) -> Span | None:
    """我部 as one word, or 我|部将 where jieba glued the function word after it (将, 已, 对)."""
    span = doc.char_span(start, end, label="agency", alignment_mode="strict")
    if span is None and text[end : end + 1] in FUNCTION_WORDS and doc.char_span(start, start + 1) is not None \
            and doc.char_span(start + 1, end + 1) is not None:
        span = doc.char_span(start, end, label="agency", alignment_mode="expand")
    return span


def shared_head_spans(doc: Doc, spans: list[Span], table: dict[str, Concept], text: str) -> list[Span]:
    """蓝天、碧水、净土保卫战 names three campaigns: each modifier before a found name, joined
    to it by 、和及与, takes the name's head where modifier + head is a known name. The head is
    the longest ending of the name that the modifier before it completes into a known name."""
    found = []
    for span in spans:
        # 中央和省级生态环境保护督察: a level word before the name is its own modifier
        lead = next((span.start_char - len(w) for w in LEVEL_WORDS if text.endswith(w, 0, span.start_char)),
                    span.start_char)
        before = _MODIFIERS_BEFORE.search(text, max(0, lead - 30), lead)
        if before is None:
            continue
        parts = re.split(JOINER, before.group(0))[:-1]
        written = text[lead : span.end_char]
        for head_start in range(1, len(written) - 1):
            expanded = expand_shared_head([parts[-1], written], head_start)[0]
            known = _known_suffix(expanded, table)
            if known and len(known) > len(written) - head_start:
                break  # the known name takes in some of the modifier, not the head alone
        else:
            continue
        pos = before.start()
        for part in parts:
            head = written[head_start:]
            known = _known_suffix(part + head, table) if not part.endswith(head) else None
            if known and len(known) > len(head):
                start = pos + len(part) - (len(known) - len(written) + head_start)
                piece = next((p for mode in ("strict", "expand") if (
                    p := doc.char_span(start, pos + len(part), label=span.label_, alignment_mode=mode))), None)
                taken = [*spans, *found]
                if piece is not None and not any(t.start_char < piece.end_char and piece.start_char < t.end_char
                                                 for t in taken):
                    piece.id_ = table[known].label_zh
                    found.append(piece)
            pos += len(part) + 1
    return found


# Quoted names coordinated before one head: “无废城市”和“无废试验区”建设.
_QUOTED_LIST = re.compile(f"(?:“[^”]{{1,12}}”\\s?{JOINER}\\s?)+“[^”]{{1,12}}”\\s?(?P<head>[{HAN_CHARS}]{{1,4}})")
_QUOTED = re.compile("“[^”]{1,12}”")


def quoted_head_spans(doc: Doc, spans: list[Span], table: dict[str, Concept], text: str) -> list[Span]:
    """“无废城市”和“无废试验区”建设 names 无废城市建设: each quoted name of a list that shares
    the head written after the last one, where quoted name + head is a known name."""
    found = []
    for m in _QUOTED_LIST.finditer(text):
        head = m.group("head")
        for quoted in _QUOTED.finditer(text, m.start(), m.start("head")):
            known = next((quoted.group(0) + head[:k] for k in range(len(head), 0, -1)
                          if quoted.group(0) + head[:k] in table), None)
            if known is None or any(s.start_char <= quoted.start() < s.end_char for s in [*spans, *found]):
                continue
            piece = doc.char_span(quoted.start(), quoted.end(), label="campaign", alignment_mode="expand")
            if piece is not None:
                piece.id_ = table[known].label_zh
                found.append(piece)
    return found


def _known_suffix(phrase: str, table: dict[str, Concept]) -> str | None:
    """The longest ending of ``phrase`` that is a known name (打好蓝天保卫战 → 蓝天保卫战)."""
    for i in range(len(phrase) - 1):
        if phrase[i:] in table:
            return phrase[i:]
    return None


def _longest_first(spans: list[Span]) -> list[Span]:
    """Overlapping names: the longest wins (生态环境部办公厅 over 生态环境部), in text order."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start_char, -(s.end_char - s.start_char))):
        if kept and span.start_char < kept[-1].end_char:
            continue
        kept.append(span)
    return kept


def title_ranges(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in TITLE.finditer(text)]


def find_spans(doc: Doc, pattern: re.Pattern, table: dict[str, Concept], label: str,
               skip: list[tuple[int, int]], text: str | None = None) -> list[Span]:
    """Token-aligned matches of ``pattern`` outside the ``skip`` ranges; ``span.id_`` is the
    canonical name of the concept the matched surface form stands for."""
    spans = []
    text_of = doc_text(doc) if text is None else text
    for m in pattern.finditer(text_of):
        if any(a <= m.start() < b or a < m.end() <= b for a, b in skip):
            continue
        span = doc.char_span(m.start(), m.end(), label=label, alignment_mode="strict")
        if span is None and DECREE_NUMBER.match(text_of, m.end()):
            # 国务院令第412号: the body whose decree it is, though jieba reads 国务院令 as one word
            span = doc.char_span(m.start(), m.end() + 1, label=label, alignment_mode="strict")
        if span is None or (m.group(0).endswith("部") and text_of.startswith("门", m.end())):
            continue
        span.id_ = table[re.sub(r"\s", "", m.group(0))].label_zh
        spans.append(span)
    return spans


@lru_cache(maxsize=64)
def _local_names(publisher: str | None) -> tuple[dict[str, Concept], re.Pattern]:
    """Relative names (省政府, 省委, 生态环境厅) resolved for a publisher's province, and
    their pattern: one table per publisher, not one per document."""
    table = reference().local_agencies(publisher)
    return table, alternation(table)


@Language.factory("ep_gazetteer")
def make_gazetteer(nlp: Language, name: str):
    ref = reference()
    return GazetteerComponent({"agency": ref.agency_surfaces, "campaign": ref.campaign_surfaces})
