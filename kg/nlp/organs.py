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

from kg.nlp.grammar import (
    CLAUSE_PUNCTUATION, FUNCTION_WORDS, HAN_CHARS, GOVERNING_VERBS, HAN_RUN, LEADING_ADVERBS, LEVEL_WORDS, alternation,
)
from kg.reference import OrganType, Reference

# The level a place name ends with, for names the dictionary does not list (安新县, 游仙区).
_PLACE_LEVEL = ("自治州", "自治县", "新区", "省", "市", "县", "区", "州", "盟", "旗")
# Levels a relative name may open with (省政府, 市生态环境局).
_RELATIVE_LEVEL = "省市县区州"
# A word this frequent in jieba's dictionary and not tagged as a place is a common noun:
# a kind of zone (功能区, 保护区, 开发区), not a place name; a two-character word ending
# in a one-character ending (布局, 公司, 部署) is that word, not a field and its ending.
_COMMON_PLACE_WORD = 10
_COMMON_WORD = 100
# Part-of-speech tags of jieba's dictionary for names (place, person, other proper, short form).
_NAME_TAGS = {"ns", "nr", "nz", "j"}
# The longest field of work between a place and an ending (建设和交通管理, 生态环境监测).
_MAX_FIELD = 14
# Words that join two actors; a relative name after one takes the place named before it.
_ACTOR_JOINERS = re.compile(r"(?:、|和|及|与|会同|联合|以及)(?=[" + _RELATIVE_LEVEL + "])")


@dataclass(frozen=True)
class Organ:
    start: int
    end: int
    name: str  # canonical: full place name, full ending (重庆市人民政府, 中共成都市委)
    parent: str | None
    organ_type: str  # notation of the OrganType


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, int], dict[str, str]]:
    import jieba.posseg  # noqa: F401 - loads the part-of-speech table

    jieba.initialize()
    return jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


def _common_word(word: str, threshold: int = _COMMON_WORD) -> bool:
    freq, tags = _dictionary()
    return (freq.get(word) or 0) >= threshold and tags.get(word) != "ns"


class OrganFinder:
    def __init__(self, ref: Reference, verbs: set[str]):
        self.ref = ref
        self.types = ref.organ_endings
        self.endings = alternation(ref.organ_endings)
        self.places = ref.places
        self.short_place_endings = {e for e, types in ref.organ_endings.items() if any(t.short_place for t in types)}
        self.place_pattern = alternation(ref.places)
        self.stop = FUNCTION_WORDS | set(verbs) | set(GOVERNING_VERBS)
        # a stem ending in a two-character function word or verb is a phrase (会同县 after 局)
        self.stop_tails = tuple(w for w in self.stop if len(w) >= 2)
        self.acting = alternation({*verbs, *GOVERNING_VERBS, *LEADING_ADVERBS} - {"已", "均", "研究"})

    def find(self, text: str, words: list[tuple[int, str]], agencies: list[tuple[int, int, str]]) -> list[Organ]:
        by_end = {e: (s, name) for s, e, name in agencies}
        # an agency's end splits a word jieba glued (全国人大常委会|法制工作委员会)
        starts = sorted({s for s, _ in words} | set(by_end))
        set_of_starts = set(starts)
        ends = {s + len(w) for s, w in words}
        found = []
        for m in self.endings.finditer(text):
            if m.end() not in ends:
                continue
            organ = self._organ(text, m.start(), m.end(), starts, set_of_starts, by_end)
            if organ:
                found.append(organ)
        found += self._relatives(text, found, agencies)
        found += self._places_acting(text, starts, ends)
        return _with_parents(found, self.ref)

    def _organ(self, text, es, ee, starts, set_of_starts, by_end) -> Organ | None:
        ending = text[es:ee]
        pos, anchor = es, None
        while es - pos <= _MAX_FIELD and pos > 0:
            if pos in by_end:
                anchor = ("agency", by_end[pos][0], by_end[pos][1])
                break
            place_start = self._place_ending_at(text, pos, set_of_starts, ending)
            if place_start is not None:
                anchor = ("place", self._chain(text, place_start, set_of_starts), None)
                break
            at = bisect.bisect_left(starts, pos)
            seg_start = starts[at - 1] if at else 0
            seg = text[seg_start:pos]
            if seg in ("和", "及", "与"):
                if self.endings.search(text, max(0, seg_start - 5), seg_start):
                    break  # 省委和省政府: 和 joins two bodies here, not two fields of one name
            elif not HAN_RUN.fullmatch(seg) or seg in self.stop or seg.startswith((*LEVEL_WORDS, *self.stop_tails)):
                break
            pos = seg_start
        field = text[pos:es]
        types = self.types[ending]
        if anchor is None:
            alone = [t for t in types if t.named_alone]
            if not alone or len(field) < 4 or field.startswith(LEVEL_WORDS):
                return None
            return Organ(pos, ee, field + ending, None, alone[0].notation)
        kind, start, parent = anchor
        organ_type = self._type(types, kind, field)
        if organ_type is None:
            return None
        if len(ending) == 1 and field and _common_word(text[es - 1 : ee]):
            return None  # 布局, 公司, 部署: the ending is the tail of a common word
        if start and text[start - 1] in "各该本全每":
            return None  # 各县生态环境局: one body per place, not one body
        return Organ(start, ee, self._canonical(text[start:es], ending, organ_type, kind), parent, organ_type.notation)

    def _type(self, types: list[OrganType], anchor: str, field: str) -> OrganType | None:
        for t in types:
            if t.directly_after_place and (anchor != "place" or field):
                continue
            if t.unit_only and anchor != "agency":
                continue
            return t
        return None

    def _canonical(self, written: str, ending: str, organ_type: OrganType, anchor: str) -> str:
        if ending in organ_type.short_endings:
            ending = organ_type.ending
        name = written + ending
        if anchor == "place":
            name = self._full_place(name, len(written))
        if organ_type.prefix and not name.startswith(organ_type.prefix):
            name = organ_type.prefix + name
        known = self.ref.agency_surfaces.get(name) or self.ref.agency_surfaces.get(written + ending)
        return known.label_zh if known else name

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
        the reference lacks must be one word, or a word and its level (雄安|新区)."""
        for size in range(2, 9):
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
        level = next(lv for lv in _PLACE_LEVEL if word.endswith(lv))
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
        of that level takes the body's place."""
        extra = []
        for organ in found:
            joined = _ACTOR_JOINERS.match(text, organ.end)
            place = self._place_of(organ.name)
            if not joined or not place or place[-1] != text[joined.end()]:
                continue
            level_end = joined.end() + 1
            stop = _clause_end(text, level_end)
            for end in range(level_end + 1, min(stop, level_end + _MAX_FIELD) + 1):
                m = self.endings.search(text, level_end, end)
                if m and m.end() == end:
                    break
            else:
                continue
            ending = m.group(0)
            field = text[level_end : m.start()]
            if any(w in field for w in self.stop if len(w) > 1):
                continue
            organ_type = self._type(self.types[ending], "place", field)
            if organ_type is None:
                continue
            name = self._canonical(place + field, ending, organ_type, "place")
            extra.append(Organ(joined.end(), m.end(), name, None, organ_type.notation))
        return extra

    def _place_of(self, name: str) -> str | None:
        core = name.removeprefix("中共")
        m = self.place_pattern.match(core)
        place = self.places[m.group(0)] if m else None
        admin = _admin_name(core, 0, len(core))
        if admin and (place is None or admin.end() > len(place)):
            place = admin.group(0)
        return place

    def _places_acting(self, text, starts, ends) -> list[Organ]:
        """四川印发…, 重庆坚持…: a place at the head of a clause, followed by what a
        government does, is its people's government."""
        found = []
        for m in self.place_pattern.finditer(text):
            if m.start() and text[m.start() - 1] not in CLAUSE_PUNCTUATION:
                continue
            if m.end() not in ends or not self.acting.match(text, m.end()):
                continue
            full = self.places[m.group(0)]
            government = self.ref.agencies.get(full + "人民政府")
            if government:
                found.append(Organ(m.start(), m.end(), government.label_zh, None, "government"))
        return found


_ADMIN = re.compile(f"[{HAN_CHARS}]{{1,6}}?(?:" + "|".join(_PLACE_LEVEL) + ")")


def _admin_name(text: str, pos: int, end: int):
    m = _ADMIN.match(text, pos, end)
    return m if m and _is_admin_name(m.group(0)) else None


def _is_admin_name(word: str) -> bool:
    """安新县, 游仙区, 雄安新区: a name of three or more characters ending in a level, that
    does not open with a level or class word and is not a common noun (保护区, 直辖市)."""
    if len(word) < 3 or not word.endswith(_PLACE_LEVEL) or word.startswith(LEVEL_WORDS):
        return False
    if word[0] in "各该本全每其此":
        return False
    return not _common_word(word, _COMMON_PLACE_WORD)


def _clause_end(text: str, pos: int) -> int:
    for i in range(pos, min(len(text), pos + 60)):
        if text[i] in CLAUSE_PUNCTUATION:
            return i
    return min(len(text), pos + 60)


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
