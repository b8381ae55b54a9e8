"""Agencies the list does not have, read from the grammar of their names.

An organ's name is a place (安新县, 河北雄安新区, 四川省) or a parent agency (生态环境部),
an optional field of work (生态环境, 改革发展, 建设和交通管理) and an ending that gives its
type (局, 人民政府, 管理委员会, 海关 …; ontology/reference/organ-types.ttl). One-off bodies
(…领导小组, …工作专班) are named by their task alone. A body found this way is kept as
itself, with its parent when the text names one: 生态环境部办公厅 is not 生态环境部.

Not agencies: roles and classes of bodies (县级以上地方人民政府, 国务院生态环境主管部门,
各省生态环境厅), which name a level or a kind rather than a place.

Also read here: a relative name coordinated with a named body takes its place (四川省委和
省政府 → 四川省人民政府), and a place that acts at the head of a clause is its government
(四川印发…, 重庆坚持…).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import jieba
from rdflib.namespace import RDF, SKOS

from kg.nlp.grammar import (
    CLAUSE_BREAK, CLAUSE_PUNCTUATION, DOCUMENT_KIND_END, JOINER, FUNCTION_WORDS, HAN_CHARS, GOVERNING_VERBS, HAN_RUN, ITEM_NUMBER, MODAL,
    LEADING_ADVERBS, LEVEL_WORDS, WordPattern, alternation,
    clause_end, clause_start,
)
from kg.nlp.classifiers import dictionary_tags
from kg.nlp.places import AUTONOMOUS_LEVELS, division_names, enclosing_levels, level_word
from kg.reference import OrganType, Reference
from kg.vocab import EP

# The level a place name ends with, for names the dictionary does not list (安新县, 游仙区).
_PLACE_LEVEL = ("自治州", "自治县", "新区", "省", "市", "县", "区", "州", "盟", "旗")
# Levels a relative name may open with (省政府, 市生态环境局, 自治区发展改革委).
RELATIVE_LEVELS = ("省", "市", "县", "区", "州", "自治区", "自治州", "自治县")
# A word this frequent in jieba's dictionary and not tagged as a place is a common noun:
# a kind of zone (功能区, 保护区, 开发区), not a place name; a two-character word ending
# in a one-character ending (布局, 公司, 部署) is that word, not a field and its ending.
_COMMON_PLACE_WORD = 10
_COMMON_WORD = 100
# Part-of-speech tags of jieba's dictionary for names (place, person, other proper, short form).
_NAME_TAGS = {"ns", "nr", "nz", "j"}
# The longest field of work between a place and an ending (建设和交通管理, 生态环境监测).
_MAX_FIELD = 14
# One-character prepositions jieba may glue to the first word of a name (经|碳达峰 → 经碳).
_PREPOSITIONS = "经由在对向将把被从于请"
# The term of a congress (广东省第十三届人民代表大会常务委员会): not part of the body's name.
_TERM = re.compile("第[一二三四五六七八九十百零〇0-9]+届")
# What may stand glued before a body named by its task alone, and is not its name: a date's
# last unit (2015年|原省…领导小组, 2020年省…) and 原 before a level (原省…: the former body).
_BEFORE_TASK_NAME = re.compile(r"(?:(?<=[0-9])[年月日号])?(?:原(?=[省市县区]))?")
# A name followed by these names a facility being built, not a body (…中心二期项目).
_FACILITY = re.compile("[一二三四五六七八九十]期|项目|工程")
# A zone's proper name holds its city as the zone was named (梧州循环经济产业园区): the
# organ of a zone keeps the place as written.
_ZONES = ("园区", "开发区", "高新区", "经开区", "产业园", "工业园", "示范区", "试验区", "合作区")
# How far into the text the head that names the publisher reaches.
_HEAD = 300
# Endings of national bodies, to read the field of their names (科学技术|部, 发展和改革|委员会).
_NATIONAL_ENDINGS = ("委员会", "总局", "部", "委", "局", "署")
# Classes of national bodies whose names local departments copy (住房和城乡建设部 → …厅).
_NATIONAL_CLASSES = {"ministry", "state-council-agency"}
# A list of departments named by their field alone ends so (省财政、发改等部门); its items.
_FIELD_LIST_END = re.compile("等(?:部门|单位)")
_LIST_ITEM = re.compile(f"[^{JOINER[1:-1]}{re.escape(CLAUSE_PUNCTUATION)}]+")
# Words before a level that make it the whole area or each place (全省, 本市, 各县), not one body's.
_WHOLE_AREA = "全本各该我每其"
# The ending a local department takes after the national body its field names.
_LOCAL_ENDINGS = {"部": "厅", "委员会": "委员会", "委": "委员会", "总局": "局", "局": "局"}
# A place after these and before a joint act is a co-actor (联合成都市举办, 会同四川省联合印发).
_CO_ACTOR = re.compile("(?:联合|会同|协同)$")
_CO_ACTION = re.compile("举办|召开|主办|开展|印发|发布|共同|联合")
# Words that join two actors; a relative name after one takes the place named before it.
_ACTOR_JOINERS = re.compile(r"以及|、|和|及|与|会同|联合")



def _glued(word: str, dictionary) -> str:
    """A word jieba's HMM made (not in its dictionary), else ""."""
    return word if word not in dictionary else ""


@dataclass(frozen=True)
class Organ:
    start: int
    end: int
    name: str  # canonical: full place name, full ending (重庆市人民政府, 中共成都市委)
    parent: str | None
    organ_type: str  # notation of the OrganType


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, int], dict[str, str]]:
    jieba.initialize()
    return jieba.dt.FREQ, dictionary_tags()


def _department_word(word: str) -> bool:
    """财政局, 公安局, 民政局: a three-character word jieba's dictionary tags as the name of an
    organisation (nt) is a field and its ending, though its tail (政局) is a word too."""
    return len(word) == 3 and _dictionary()[1].get(word) == "nt"


def _dictionary_word(word: str) -> bool:
    """Is ``word`` in jieba's dictionary (经济, 对外), not a piece its HMM glued (经碳)?"""
    return word in _dictionary()[0]


def _common_word(word: str, threshold: int = _COMMON_WORD) -> bool:
    freq, tags = _dictionary()
    return (freq.get(word) or 0) >= threshold and tags.get(word) != "ns"


class OrganFinder:
    def __init__(self, ref: Reference, verbs: set[str]):
        self.ref = ref
        self.types = ref.organ_endings
        self.endings = alternation(ref.organ_endings)
        self.places = division_names()
        self.short_place_endings = {e for e, types in ref.organ_endings.items() if any(t.short_place for t in types)}
        self.place_pattern = WordPattern(self.places)
        # names of autonomous areas run long (双江拉祜族佤族布朗族傣族自治县)
        self._longest_place = max(map(len, self.places), default=8)
        self.stop = FUNCTION_WORDS | set(verbs) | set(GOVERNING_VERBS)
        # a stem ending in a two-character function word or verb is a phrase (会同县 after 局)
        self.stop_tails = tuple(w for w in self.stop if len(w) >= 2)
        self.fields = _field_names(ref)
        self.departments = _department_names(ref, ref.organ_endings)
        self._place_endings = sorted((e for e, types in self.types.items() if not all(t.unit_only for t in types)),
                                     key=len, reverse=True)
        self.known_fields = {f for pair in self.fields.items() for f in (pair[0], pair[1][0])} | {
            full[: -len(ending)] for full, ending in self.departments.values()}
        self.levels: dict[str, str] = {}  # 市 → 成都市, 省 → 四川省: what 市/省 name here
        self._levels_longest: list[str] = []  # its keys, longest first (自治区 before 区)
        self._starts: list[int] = []
        self.acting = alternation({*verbs, *GOVERNING_VERBS, *LEADING_ADVERBS} - {"已", "均", "研究"})

    def find(self, text: str, words: list[tuple[int, str]], agencies: list[tuple[int, int, str]],
             home: str | None = None) -> list[Organ]:
        """``home`` is the document's own place (江苏省): relative names (省住建厅, 市委) are its."""
        by_end = {e: (s, name) for s, e, name in agencies}
        # an agency's end splits a word jieba glued (全国人大常委会|法制工作委员会)
        starts = sorted({s for s, _ in words} | set(by_end))
        set_of_starts = set(starts)
        ends = {s + len(w) for s, w in words}
        self._starts = starts
        self.levels = enclosing_levels(home)
        self._levels_longest = sorted(self.levels, key=len, reverse=True)  # once per text, not per item
        found = []
        dictionary = _dictionary()[0]
        word_at = dict(words)
        for m in self.endings.finditer(text):
            if m.end() not in ends and not _glued(word_at.get(m.start(), ""), dictionary).startswith(m.group(0)):
                continue  # but 局|要 that jieba's HMM glued (…生态环境局要加强…) ends the name
            organ = self._organ(text, m.start(), m.end(), starts, set_of_starts, by_end)
            if organ and not _FACILITY.match(text, organ.end):
                found.append(organ)
                by_end.setdefault(organ.end, (organ.start, organ.name))  # …领导小组|办公室
        found += self._relatives(text, found, agencies)
        found += self._shared_heads(text, found, set_of_starts)
        found += self._places_acting(text, starts, ends)
        found += self._field_lists(text, {o.start for o in found})
        return _with_parents(found, self.ref)

    def home_place(self, text: str, words: list[tuple[int, str]], agencies) -> str | None:
        """The place of the first local body the document's head names (江苏省生态环境厅…
        工作方案; 重庆市发展和改革委员会 … 关于印发…的通知): relative names are its."""
        head = [a for a in agencies if a[1] <= _HEAD]
        organs = self.find(text[:_HEAD], [w for w in words if w[0] < _HEAD], head)
        named = [(o.start, o.name) for o in organs if o.organ_type != "ad-hoc"] + [(s, n) for s, _, n in head]
        for _, name in sorted(named):
            place = self.place_of(name)
            if place:
                return place
        # else the province the text names most often (我省…, 江苏…), named at least twice
        counts: dict[str, int] = {}
        for m in self.place_pattern.finditer(text):
            counts[self.places[m.group(0)]] = counts.get(self.places[m.group(0)], 0) + 1
        best = max(counts.items(), key=lambda item: item[1], default=(None, 0))
        return best[0] if best[1] >= 2 else None

    def _organ(self, text, es, ee, starts, set_of_starts, by_end) -> Organ | None:
        ending = text[es:ee]
        pos, anchor = es, None
        while es - pos <= _MAX_FIELD and pos > 0:
            if pos in by_end:
                anchor = ("agency", by_end[pos][0], by_end[pos][1])
                break
            place_start = self._place_ending_at(text, pos, set_of_starts, ending)
            if place_start is not None and place_start in by_end and not self.place_of(by_end[place_start][1]):
                pos = place_start  # 人民银行|南京|分行, 银保监会|江苏|监管局: the place names a unit of the body
                continue
            if place_start is not None and not all(t.unit_only for t in self.types[ending]):
                anchor = ("place", self._chain(text, place_start, set_of_starts), None)
                break
            at = bisect.bisect_left(starts, pos)
            seg_start = starts[at - 1] if at else 0
            seg = text[seg_start:pos]
            glued = self.place_pattern.match(text, seg_start, pos) if pos == es and pos not in set_of_starts else None
            if glued is not None:
                pos = glued.end()  # 广州市中级人民法院 is one word for jieba: its place opens it
                anchor = ("place", self._chain(text, seg_start, set_of_starts), None)
                break
            if self._relative_level(text, seg_start, seg, es):
                anchor = ("home", seg_start, None)  # 省住建厅, 市委: the document's own place
                break
            if len(seg) > 1 and seg[-1] in self.levels and (
                    all(c in _PREPOSITIONS or c in self.stop for c in seg[:-1]) or seg[-2] in _PREPOSITIONS):
                # 由省|人民政府, 应向省|…, 同意后由省|水利厅: jieba glued function words to the level
                anchor = ("home", pos - 1, None)
                break
            if (len(seg) > 1 and seg[0] in _PREPOSITIONS and not _dictionary_word(seg)
                    and not self._named_before(text, seg_start, set_of_starts, by_end)):
                pos = seg_start + 1  # 方案经|碳达峰…: jieba glued a preposition to the name (not 经济, a word)
                break
            if seg in ("和", "及", "与"):
                if seg_start in by_end or self.endings.search(text, max(0, seg_start - 5), seg_start):
                    break  # 省委和省政府: 和 joins two bodies here, not two fields of one name
            elif not HAN_RUN.fullmatch(seg) or seg in self.stop or seg.startswith((*LEVEL_WORDS, *self.stop_tails)):
                break
            pos = seg_start
        field = text[pos:es]
        types = self.types[ending]
        if anchor is None:
            pos = _BEFORE_TASK_NAME.match(text, pos).end()
            field = text[pos:es]
            alone = [t for t in types if t.named_alone]
            if not alone or len(field) < 4 or field.startswith(LEVEL_WORDS):
                return None
            level = self._level_at(field, 0)
            if level:
                field = self.levels[level] + field[len(level):]  # 省碳达峰碳中和领导小组: the document's province
            return Organ(pos, ee, field + ending, None, alone[0].notation)
        kind, start, parent = anchor
        organ_type = self._type(types, kind, field)
        if organ_type is None:
            return None
        if len(ending) == 1 and field and _common_word(text[es - 1 : ee]) and not _department_word(text[es - 2 : ee]):
            return None  # 布局, 公司, 部署: the ending is the tail of a common word (not 政局 of 财政局)
        if one_per_place(text, start) or field.startswith(("各", "有关", "相关")):
            return None  # 各县生态环境局: one body per place, not one body
        if organ_type.notation == "field-unit" and "国家" in field and kind != "agency":
            return None  # 粤港澳大湾区国家技术创新中心: a national platform sited there, no organ of the place
        level = self._level_at(text, start) if kind == "home" else ""
        written = {"home": lambda: self.levels[level] + text[start + len(level) : es], "agency": lambda: _fuller(parent, text[start:pos]) + field}.get(
            kind, lambda: text[start:es])()  # a unit carries its parent's canonical name
        return Organ(start, ee, self._canonical(written, ending, organ_type, kind), parent, organ_type.notation)

    def _relative_level(self, text: str, start: int, seg: str, end: int) -> bool:
        """Does a relative name of the document's level start here (省 of 省住建厅, even
        where jieba glued it to the next character: 省住|建厅)? Not 全省, 本市, 各县, nor
        the 市 of 市场监管局 (a field the names of departments use whole)."""
        level = self._level_at(text, start)
        if not seg or not level or len(seg) < len(level) or self._is_field(text[start:end]):
            return False
        before = text[start - 1] if start else ""
        if not HAN_RUN.fullmatch(before) or before in "、和及与同由经请" or self._ends_organ(text, start):
            return True  # …、省政府; 浙江省委省政府: two bodies written one after the other
        if end - start == len(level) and not self._word_starts_at(end) and before not in _WHOLE_AREA:
            return True  # 报告|市委: jieba reads the level and the ending as one word
        at = bisect.bisect_left(self._starts, start)
        word = text[self._starts[at - 1] : start] if at else ""
        # 配合|省住建厅, 联合|省农业农村厅: after a verb; 应向|省人民政府: after a preposition
        return word in self.stop or word[-1:] in _PREPOSITIONS

    def _level_at(self, text: str, pos: int) -> str:
        """The level word of the document's places that opens ``text`` at ``pos`` (省, 自治区), or ""."""
        return next((w for w in self._levels_longest if text.startswith(w, pos)), "")

    def _word_starts_at(self, pos: int) -> bool:
        at = bisect.bisect_left(self._starts, pos)
        return at < len(self._starts) and self._starts[at] == pos

    def _named_before(self, text, pos, set_of_starts, by_end) -> bool:
        """Does a place or an agency end at ``pos`` (绍兴市|经信局: 经 opens the field here)?"""
        return pos in by_end or self._place_ending_at(text, pos, set_of_starts) is not None

    def _ends_organ(self, text: str, pos: int) -> bool:
        """Does an organ's name end at ``pos`` (省委|省政府, 市委|市政府)?"""
        return any(text.startswith(e, pos - len(e)) for e in self.types if pos >= len(e))

    def local_form(self, name: str) -> bool:
        """Is ``name`` a field and an ending every place's department may bear (发展改革委,
        国资委), not the name of one body (新疆生产建设兵团)?"""
        ending = max((e for e in self.types if name.endswith(e)), key=len, default="")
        return name in self.departments or (bool(ending) and self._is_field(name[: -len(ending)]))

    def _is_field(self, name: str) -> bool:
        """Is ``name`` (without its ending) a field departments are named by (市场监管)?"""
        return name in self.known_fields

    def _type(self, types: list[OrganType], anchor: str, field: str) -> OrganType | None:
        # a type that follows its place directly is the one to read where nothing is between
        for t in sorted(types, key=lambda t: not t.directly_after_place):
            if t.directly_after_place and (anchor not in ("place", "home") or field):
                continue
            if t.unit_only and anchor != "agency":
                continue
            return t
        return None

    def _canonical(self, written: str, ending: str, organ_type: OrganType, anchor: str) -> str:
        written = _TERM.sub("", written)  # 第十三届: a congress's term is not another body
        if anchor in ("place", "home"):
            written, ending = self._full_field(written, ending)  # 金融办 → 金融工作办公室 before 办 → 办公室
        if ending in organ_type.short_endings:
            ending = organ_type.ending
        name = written + ending
        if anchor == "place" and not organ_type.short_place and not written.endswith(_ZONES):
            name = self._full_place(name, len(written))  # but 宁波海关: customs keep the city's short name
        if organ_type.prefix and not name.startswith(organ_type.prefix):
            name = organ_type.prefix + name
        known = self.ref.agency_surfaces.get(name) or self.ref.agency_surfaces.get(written + ending)
        return known.label_zh if known else name

    def _full_field(self, written: str, ending: str) -> tuple[str, str]:
        """省住建厅 → 住房和城乡建设厅, 市经信局 → 经济和信息化局: a local department takes
        its standard name (organ-types.ttl), else the full name of the national body it is
        named like (from the aliases of the agency list: 市科技局 → 科学技术局)."""
        whole = written + ending
        for short, (full, full_ending) in self.departments.items():
            head = whole[: len(whole) - len(short)]
            if whole.endswith(short) and (head in self.places or _is_admin_name(head) or head in self.levels.values()):
                return head + full, full_ending
        for short, (full, full_ending) in self.fields.items():
            if written.endswith(short):
                head = written[: len(written) - len(short)]
                if head and not (head in self.places or _is_admin_name(head) or head in self.levels.values()):
                    continue
                return head + full, full_ending if ending == "委" and full_ending == "委员会" else ending
        return written, ending

    def _full_place(self, name: str, written: int) -> str:
        """四川生态环境厅 → 四川省生态环境厅: official names write a province in full, unless
        a smaller place follows it (河北雄安新区)."""
        m = self.place_pattern.match(name)
        if m and m.end() < written and self._place_ending_at(name, written, {0, m.end()}) == m.end():
            return name
        if m and self.places[m.group(0)] != m.group(0) and not name.startswith(self.places[m.group(0)]):
            return self.places[m.group(0)] + name[m.end() :]
        return name

    def _place_ending_at(self, text, pos, starts_set, ending="") -> int | None:
        """Start of a place name that ends at ``pos`` and starts a word, else None. A name
        the reference lacks must be one word, or a word and its level (雄安|新区). A known name
        wins over a shorter unknown one inside it (双江…傣族自治县, not 傣族自治县)."""
        known = next((pos - size for size in range(min(pos, self._longest_place), 1, -1)
                      if pos - size in starts_set and text[pos - size : pos] in self.places), None)
        if known is not None:
            return known
        for size in range(2, self._longest_place + 1):
            start = pos - size
            if start < 0:
                break
            if start not in starts_set:
                continue
            word = text[start:pos]
            if word in self.places:
                return start
            inside = [b for b in range(start + 1, pos) if b in starts_set]
            if _is_admin_name(word) and self._one_word(word, inside, start, pos):
                return start
            if ending in self.short_place_endings and not inside and size <= 3 and word not in self.stop:
                return start  # 青岛海关, 雄安海关: the city without its level
        return None

    def _one_word(self, word, inside, start, pos) -> bool:
        """One word, or a word and its level; never a function word and a level (会同|县)."""
        level = _level_of(word)
        stem = word[: -len(level)]
        if inside == [pos - len(level)] and _dictionary()[1].get(stem, "ns") not in _NAME_TAGS:
            return False  # 报请|省: a verb and a level, not a place
        return inside in ([], [pos - len(level)]) and stem not in self.stop and not stem.endswith(self.stop_tails)

    def _chain(self, text, start, starts) -> int:
        """Extend a place to the left over the places that contain it (河北 + 雄安新区)."""
        while True:
            before = self._place_ending_at(text, start, starts)
            if before is None:
                break
            start = before
        return start - 2 if text[max(0, start - 2) : start] == "中共" else start

    def _relatives(self, text, found: list[Organ], agencies) -> list[Organ]:
        """省委和省政府, 市生态环境局会同市发展改革委: a relative name right after a named body
        of that level takes the body's place; 省应急管理厅、能源局: a department named after
        one of a place shares its place."""
        extra: list[Organ] = []
        queue = list(found)
        while queue:
            organ = queue.pop(0)
            joined = _ACTOR_JOINERS.match(text, organ.end)
            place = self.place_of(organ.name)
            if not joined or not place or joined.end() >= len(text):
                continue
            m = self._first_ending(text, joined.end())
            if m is None:
                continue
            whole = text[joined.end() : m.start()]  # 市场监管 is a field, not 市 + 场监管
            word = level_word(place)
            level = whole.startswith(word) and word in RELATIVE_LEVELS and not self._is_field(whole)
            start = joined.end() + (len(word) if level else 0)
            field = text[start : m.start()]
            if (field and not HAN_RUN.fullmatch(field)) or any(w in field for w in self.stop_tails) or field[:1] in "各有该本全" or not (level or field):
                continue
            if self.place_pattern.match(field):
                continue  # 生态环境局、柳州汽车产业园区管委会: a name with its own place keeps it
            organ_type = self._type(self.types[m.group(0)], "place", field)
            if organ_type is None or (not level and national_name(field + m.group(0))):
                continue  # 生态环境厅、财政部: a national body, not this place's (but 国资委 is)
            name = self._canonical(place + field, m.group(0), organ_type, "place")
            extra.append(Organ(joined.end(), m.end(), name, None, organ_type.notation))
            queue.append(extra[-1])  # 应急管理厅、能源局、统计局: the place carries down the list
        return extra

    def _field_lists(self, text: str, taken: set[int]) -> list[Organ]:
        """省财政、发改等部门: departments named by their field alone, in a list closed by
        等部门, take the level or place written before the first of them."""
        found = []
        for end in _FIELD_LIST_END.finditer(text):
            items = list(_LIST_ITEM.finditer(text, clause_start(text, end.start(), reach=_MAX_FIELD * 3), end.start()))
            bare = []
            while items and items[-1].group(0) in self.fields:
                bare.append(items.pop())
            head = self._field_after_place(items[-1].group(0)) if items else None
            if head is None:
                continue
            place, at, field = head
            named = [(items[-1].start() + at, items[-1].end(), field), *((m.start(), m.end(), m.group(0)) for m in reversed(bare))]
            for start, stop, short in named:
                organ = self._department_of(place, short, start, stop)
                if organ and start not in taken:
                    found.append(organ)
        return found

    def _field_after_place(self, item: str) -> tuple[str, int, str] | None:
        """(place, where its name starts, field) of an item that ends in a level or a place
        and a field (联合省|财政, 成都市|生态环境), else None."""
        for at in range(1, len(item) - 1):
            field = item[at:]
            if field not in self.fields:
                continue
            head = item[:at]
            place = next((head[i:] for i in range(len(head) - 1) if head[i:] in self.places), None)
            if place:
                return self.places[place], at - len(place), field
            level = next((w for w in self._levels_longest if head.endswith(w)), None)
            before = head[: -len(level)] if level else ""
            if level and not before.endswith(tuple(_WHOLE_AREA)) and (
                    not before or before[-1] in _PREPOSITIONS or before[-1] in self.stop or before.endswith(self.stop_tails)):
                return self.levels[level], at - len(level), field  # 联合|省财政, 由|市财政; not 全省, 高邮市
        return None

    def _department_of(self, place: str, short: str, start: int, end: int) -> Organ | None:
        """The department of ``place`` for a field named like a national body (财政 → 财政部):
        a ministry's counterpart is a 厅 in a province or autonomous region and a 局 below
        (and in the municipalities); a commission stays one down to a city and is a 局 in a
        county or district (县发展和改革局); bureaus keep their ending."""
        full, national_ending = self.fields[short]
        ending = _LOCAL_ENDINGS.get(national_ending)
        if ending == "厅" and not _has_departments(place) or ending == "委员会" and self._county(place):
            ending = "局"
        organ_type = next((t for t in self.types.get(ending or "", []) if t.notation == "department"), None)
        if organ_type is None:
            return None
        return Organ(start, end, self._canonical(place + full, ending, organ_type, "place"), None, organ_type.notation)

    def _county(self, place: str) -> bool:
        """Is ``place`` a county or a city's district (its code does not end in 00)?"""
        area = self.ref.areas.get(place)
        code = (area.notation or "") if area is not None else ""
        return code.isdigit() and not code.endswith("00") if code else place.endswith(("县", "区", "旗"))

    def _first_ending(self, text: str, start: int):
        """The first organ ending after ``start`` within a short field of the same clause
        that a place may bear (the 司 of 司法局 names only a ministry's unit)."""
        stop = clause_end(text, start, reach=_MAX_FIELD)
        for end in range(start + 1, stop + 1):
            for ending in self._place_endings:  # longest first
                if end - len(ending) >= start and text.startswith(ending, end - len(ending)):
                    return self._whole_ending(text, end - len(ending), start)
        return None

    def _whole_ending(self, text: str, at: int, start: int):
        """The ending at ``at``, or a longer one it lies inside (the 委 of 管委会, 委员会)."""
        longer = [m for s in range(max(start, at - 3), at + 1) if (m := self.endings.match(text, s)) and m.end() > at + 1]
        return max(longer, key=lambda m: m.end(), default=self.endings.match(text, at))

    def place_of(self, name: str) -> str | None:
        """The place an organ's name opens with (四川省生态环境厅 → 四川省); None for a body
        whose name is no organ type's (新疆生产建设兵团 is no organ of 新疆)."""
        core = name.removeprefix("中共")
        if not any(core.endswith(e) for e in self.types):
            return None
        m = self.place_pattern.match(core)
        place = self.places[m.group(0)] if m else None
        end = m.end() if m else 0
        while m and (inner := self.place_pattern.match(core, end)):
            end = inner.end()  # 成都市武侯区人民政府: the district, within its city
            place = core[:end]
        admin = _admin_name(core, 0, len(core))
        if admin and (place is None or admin.end() > len(place)):
            place = admin.group(0)
        return place

    def _places_acting(self, text, starts, ends) -> list[Organ]:
        """四川印发…, 重庆坚持…: a place at the head of a clause, followed by what a
        government does, is its people's government; so is a place named as the co-actor of
        a body (生态环境部联合成都市举办…, 会同四川省联合印发…), and the document's own place
        speaking of itself (本市要…, 我省将…)."""
        found = []
        for m in self.place_pattern.finditer(text):
            if m.end() not in ends:
                continue
            co_actor = _CO_ACTOR.search(text, max(0, m.start() - 2), m.start()) and _CO_ACTION.match(text, m.end())
            if not co_actor and not self._heads_an_act(text, m.start(), m.end()):
                continue
            if not co_actor and _title_line(text, m.start()):
                continue  # 绵阳市推进…行动方案: a title names a document, it reports no act
            government = self._government(self.places[m.group(0)])
            if government:
                found.append(Organ(m.start(), m.end(), government, None, "government"))
        for m in _OWN_PLACE.finditer(text):
            place = self.levels.get(m.group(1))
            government = self._government(place) if place and m.end() in ends else None
            modal = MODAL.match(text, m.end())  # 本市要…, 我省将…
            if government and self._heads_an_act(text, m.start(), modal.end() if modal else m.end()):
                found.append(Organ(m.start(), m.end(), government, None, "government"))
        return found

    def _heads_an_act(self, text: str, start: int, end: int) -> bool:
        """Does the name at start…end open a clause (after a break or an item's number) and an
        act follow it?"""
        opens = not start or text[start - 1] in CLAUSE_PUNCTUATION or ITEM_NUMBER.search(text, max(0, start - 5), start)
        return bool(opens) and self.acting.match(text, end) is not None

    def _government(self, place: str) -> str | None:
        """A place's people's government: the agency list's, or for a province or city it
        lacks, named by the place."""
        government = self.ref.agencies.get(place + "人民政府")
        if government is not None:
            return government.label_zh
        area = self.ref.areas.get(place)
        return place + "人民政府" if area is not None and (area.notation or "").endswith("00") else None

    def _shared_heads(self, text: str, found: list[Organ], set_of_starts) -> list[Organ]:
        """彭州市、金堂县、大邑县政府: places coordinated before an organ's place share its
        field and ending (three people's governments)."""
        extra = []
        for organ in found:
            place = self.place_of(organ.name)
            if not place or not organ.name.startswith(place) or not text.startswith(place[:2], organ.start):
                continue
            pos = organ.start
            while pos > 1 and text[pos - 1] in "、和及与":
                before = self._place_ending_at(text, pos - 1, set_of_starts)
                if before is None or one_per_place(text, before):
                    break
                written = text[before : pos - 1]
                full = self.places.get(written, written)
                name = full + organ.name[len(place) :]
                if name.endswith("厅") and not _has_departments(full):
                    name = name[:-1] + "局"  # 浙江省、重庆市生态环境厅（局）: a municipality's is a 局
                extra.append(Organ(before, pos - 1, name, None, organ.organ_type))
                pos = before
        return extra


# A text's own place speaking of itself: 本市, 我省, 本自治区 (the level word after 我/本).
_OWN_PLACE = re.compile("[我本](自治区|自治州|自治县|省|市|区|县|州)")


def _has_departments(place: str) -> bool:
    """Do a place's departments end in 厅? Only a province's or an autonomous region's do;
    a municipality's, a city's or a county's end in 局."""
    return place.endswith(("省", "自治区"))


def _fuller(canonical: str, written: str) -> str:
    """The parent's name a unit's name opens with: the fuller of its canonical name and the
    name as written (人行 → 中国人民银行; but 中共中央, not the short 党中央, in 中共中央政治局)."""
    return written if len(written) > len(canonical) else canonical


def _title_line(text: str, pos: int) -> bool:
    """Is ``pos`` on a line that is a title: no clause break, ending in a document kind?
    A long title may wrap onto the next line (重庆市严格能效约束 / 推动…实施方案)."""
    start = text.rfind("\n", 0, pos) + 1
    title = ""
    for _ in range(2):
        end = text.find("\n", start)
        line = text[start : end if end >= 0 else len(text)].strip()
        if CLAUSE_BREAK.search(line):
            return False
        title += line
        if DOCUMENT_KIND_END.search(title):
            return True
        if end < 0:
            break
        start = end + 1
    return False


_ADMIN = re.compile(f"[{HAN_CHARS}]{{1,6}}?(?:" + "|".join(_PLACE_LEVEL) + ")")


def _admin_name(text: str, pos: int, end: int):
    m = _ADMIN.match(text, pos, end)
    return m if m and _is_admin_name(m.group(0)) else None


def _level_of(word: str) -> str:
    """The level a place name ends with (自治州 before 州)."""
    return next(lv for lv in _PLACE_LEVEL if word.endswith(lv))


def _is_admin_name(word: str) -> bool:
    """安新县, 游仙区, 雄安新区: a name of three or more characters ending in a level, that
    does not open with a level or class word and is not a common noun (保护区, 直辖市)."""
    if len(word) < 3 or not word.endswith(_PLACE_LEVEL) or word.startswith(LEVEL_WORDS) or word in AUTONOMOUS_LEVELS:
        return False  # 自治州 alone is a level, not a place
    if not HAN_RUN.fullmatch(word):
        return False
    if word[0] in "各该本全每其此" or word[0] in _PREPOSITIONS or word[0] in FUNCTION_WORDS:
        return False  # 应向省, 由市: function words glued to a level, no place (areas.ttl lists the real ones)
    if word[-len(_level_of(word)) - 1] in _PREPOSITIONS:
        return False  # 同意后由省|水利厅: jieba glued a preposition and the level to the word before
    return not _common_word(word, _COMMON_PLACE_WORD)


def _field_names(ref: Reference) -> dict[str, tuple[str, str]]:
    """Short field → (full field, full ending), from the national bodies' names and aliases:
    科技 → (科学技术, 部), 发展改革 → (发展和改革, 委员会), 住建 → (住房和城乡建设, 部)."""
    fields: dict[str, tuple[str, str]] = {}
    for concept in ref.agencies.values():
        cls = ref.classification.get(concept.iri)
        if cls is None or str(ref.graph.value(cls, SKOS.notation)) not in _NATIONAL_CLASSES:
            continue
        full = concept.label_zh.removeprefix("国家")
        full_ending = next((e for e in _NATIONAL_ENDINGS if full.endswith(e)), None)
        if not full_ending or len(full) - len(full_ending) < 2:
            continue
        full_field = full[: -len(full_ending)]
        for alias, target in ref.agency_surfaces.items():
            if target is not concept:
                continue
            short = alias.removeprefix("国家")
            short_ending = next((e for e in _NATIONAL_ENDINGS if short.endswith(e)), None)
            if short_ending and len(short) - len(short_ending) >= 2:
                fields.setdefault(short[: -len(short_ending)], (full_field, full_ending))
    return dict(sorted(fields.items(), key=lambda item: len(item[0]), reverse=True))


# Endings only national bodies have (local governments name theirs 厅, 局, 委), and words
# only national names open with.
_NATIONAL_ENDINGS_ONLY = ("部", "总局", "署")
_NATIONAL_OPENINGS = ("国家", "国务院", "中国", "中央", "全国")


def national_name(name: str) -> bool:
    """财政部, 海关总署, 国家能源局: a name no local department bears."""
    return name.endswith(_NATIONAL_ENDINGS_ONLY) or name.startswith(_NATIONAL_OPENINGS)


def _department_names(ref: Reference, endings) -> dict[str, tuple[str, str]]:
    """Short name → (standard name without its ending, the ending), longest first, from the
    ep:DepartmentName concepts: 经信局 → (经济和信息化, 局), 国资委 → (人民政府国有资产监督管理, 委员会)."""
    names = {}
    for node in ref.graph.subjects(RDF.type, EP.DepartmentName):
        full = next(str(v) for v in ref.graph.objects(node, SKOS.prefLabel) if v.language == "zh")
        ending = max((e for e in endings if full.endswith(e)), key=len)
        for short in ref.graph.objects(node, SKOS.altLabel):
            names[str(short)] = (full[: -len(ending)], ending)
    return dict(sorted(names.items(), key=lambda item: len(item[0]), reverse=True))


# A list of places opened by 各 (各省、自治区、直辖市和兵团生态环境厅): each has its own body.
_EACH_LIST = re.compile(f"各(?:[{HAN_CHARS}]{{1,8}}?[、和及与])+$")
# Levels opened by 各, with a note in brackets (各省、自治区、直辖市, 各设区市, 各区县（自治县）).
_EACH_LEVEL = re.compile(f"各(?:[{HAN_CHARS}]{{1,8}}?[、和及与])*[{HAN_CHARS}]{{0,5}}[省市县区州盟旗](?:[(（][^)）]{{1,12}}[)）])?$")


def one_per_place(text: str, start: int) -> bool:
    """各县生态环境局, 各省、自治区、直辖市和新疆生产建设兵团生态环境厅: a body named after
    各 or at the end of a list of places opened by 各 is one per place, not one body."""
    return each_level_before(text, start) or _EACH_LIST.search(text, max(0, start - 30), start) is not None


def each_level_before(text: str, start: int) -> bool:
    """Do 各 and the levels of places (各县, 各设区市, 各区县（自治县）) end at ``start``?"""
    if start and text[start - 1] in "各该本全每":
        return True
    return _EACH_LEVEL.search(text, max(0, start - 30), start) is not None


def _with_parents(found: list[Organ], ref: Reference) -> list[Organ]:
    """A body named inside a longer one's name is its parent (江门市人民政府 in 江门市人民政府
    办公室); a place's department belongs to the place's government when the list has it."""
    out = []
    for organ in found:
        parent = organ.parent
        if parent is None:
            inner = [o for o in found if o.start == organ.start and o.end < organ.end]
            if inner:
                parent = max(inner, key=lambda o: o.end).name
        out.append(Organ(organ.start, organ.end, organ.name, parent, organ.organ_type))
    return out
