"""The written grammar of official Chinese that every reader of the text relies on: what a
Han character is, where a clause ends, what a 《title》 looks like, the function words that
join coordinated phrases, and how a word list becomes one regular expression.

One module so that the extractor's steps agree on the same ranges (a clause that ends at
： for one step ends there for all). Word lists that are domain data (verbs → actions,
organ types, places) live in ontology/reference/, not here; only function words do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import cn2an

# Han characters: the unified ideographs, extension A, compatibility ideographs and the
# supplementary planes (rare characters in personal and place names). For use inside [].
HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_CHARS}]")
HAN_RUN = re.compile(f"[{HAN_CHARS}]+")
NOT_HAN = f"[^{HAN_CHARS}]"

# A clause ends at these (ingest turns full-width ，；：！？ into ASCII; both are listed so
# the patterns also hold on text that did not pass through ingest). 、 和 及 join phrases
# inside a clause and are not breaks.
CLAUSE_PUNCTUATION = ",;。，；:：!?！？\n"
CLAUSE_BREAK = re.compile(f"[{re.escape(CLAUSE_PUNCTUATION)}]")
# One character that stays inside the clause: IN_CLAUSE + "{0,12}" is a short stretch.
IN_CLAUSE = f"[^{re.escape(CLAUSE_PUNCTUATION)}]"
# A sentence ends at these (full-width forms listed as above). A semicolon ends a part of a
# sentence that stands on its own: the heading part of a numbered line (一、总体要求;…) and
# the reach of a modal word (应当…;…) end there, while the sentence itself goes on.
SENTENCE_END = "。!?！？"
PART_END = SENTENCE_END + ";；"
# An organ speaking of itself: 我/本 and the one character its name ends with (我部, 本厅, 我委).
SELF_ORGAN = "[我本][部厅局委院办署]"
# Modal verbs between a subject and the verbs of its clause (应当制定, 可以制定, 要加快出台,
# 本市将推行).
MODAL = re.compile("应当|必须|可以|须|应|要|将")
# The number of an item or heading, which opens a clause as a break does: 一、 (二) 3.
ITEM_NUMBER = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、])\s*$")

# 《title》: group 1 is the title without its brackets.
TITLE = re.compile(r"《([^《》\n]*)》")
# 《title》 that may hold a title of its own, written 《》, 〈〉 or <> (关于修改《…》的决定).
NESTED_TITLE = re.compile(r"《((?:[^《》\n]|《[^《》\n]*》)+)》")
# One or more 《…》 written together at the end of a text (a list of titles).
TITLES_AT_END = re.compile(r"(?:《[^《》]*》)+$")
# Written right before a 《: the title is an annex of the text itself (本法所附《…》), a part
# of it, not another document; 《某法》所附《…》 is another text's annex.
OWN_ANNEX = r"本[\u4e00-\u9fff]{0,4}所附"
# …or the text itself or what it sends with it (本《清单》, 附件《…》): not cited by it.
OWN_TEXT_BEFORE = re.compile(rf"(?:^|[^》])(?:{OWN_ANNEX}|本|附后的|附件)$")
# Joiners of a list of 《》 titles (本法所附《甲表》、《乙表》: what holds for the first holds for all).
TITLE_LIST_JOINERS = ("、", "和", "及", "与", "以及")

# Conjunctions of coordinated noun phrases, longest first (以及 before 及).
CONJUNCTIONS = ("以及", "及其", "或者", "、", "和", "及", "与", "或")
CONJUNCTION = re.compile("|".join(CONJUNCTIONS))
# The one-character joiners of a list of actors or nouns (中共中央、国务院; 省委和省政府).
JOINER = "[、和及与]"

# Quotation marks of both scripts and widths (Traditional texts quote with 「」).
QUOTES = "“”「」『』\"'‘’"

# Opening and closing brackets and quotes, both widths.
OPENING = "(（“「《[『"
CLOSING = ")）”」》]』"


# 发文字号: issuer code, year in 〔〕 (or [] ［］ () as typed), serial: 国发〔2023〕24号,
# 环综合〔2022〕42号, 沪发改环资[2021]77号, 法释(2018)1号.
DOCUMENT_NUMBER = re.compile(rf"[{HAN_CHARS}]{{1,12}}[〔\[［(（]\d{{4}}[〕\]］)）]第?\d{{1,5}}号")

# The label of the title in the table that opens a government page (标　　题：…); its value
# stands in the same cell or the next one.
TITLE_LABEL = re.compile(r"^\s*标\s*题\s*[:：]\s*(.*)$")
PAGE_TABLE_LINES = 30  # a government page's table of metadata, one cell a line

# The kinds (文种) an official document's title ends with: the fifteen of the 党政机关公文处理
# 工作条例 (决议 … 纪要) and the documents they issue (方案, 计划, 规划, 办法 …).
DOCUMENT_KIND_END = re.compile(
    r"(?:决议|决定|命令|令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要"
    r"|方案|计划|规划|办法|规定|细则|条例|要点|安排)$"
)

# A calendar date in Arabic or Chinese numerals: 2023年11月30日, 二〇二一年十月二十四日
# (○ and 零 stand in for 〇 in typed texts).
CN_DIGITS = "〇○零一二三四五六七八九"
DATE = re.compile(
    rf"(?P<y>\d{{4}}|[{CN_DIGITS}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{CN_DIGITS}十]{{1,3}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[{CN_DIGITS}十]{{1,3}})\s*日"
)


# A number as written in a numbering (第七十八条, 第十三届, 第1726次): digits or numerals.
NUMBER = rf"(?:\d+|[{CN_DIGITS}十百千两]+)"
# A decree's number after the body that issues it: (国务院)令第412号, (生态环境部)令第 23 号.
DECREE_NUMBER = re.compile(rf"令第?\s*{NUMBER}\s*号")


@lru_cache(maxsize=4096)  # cn2an checks its input with patterns at each call; numerals recur
def cn_int(numeral: str) -> int:
    """2021 for "2021" and "二〇二一" (a year digit by digit); 24 for "二十四", 105 for
    "一百零五". cn2an changes lengths, so it only sees the numeral, never the text."""
    if numeral.isdigit():
        return int(numeral)
    numeral = numeral.replace("○", "〇").replace("零", "〇").replace("两", "二")
    if not re.search("[十百千]", numeral):
        return int("".join(str("〇一二三四五六七八九".index(c)) for c in numeral))
    return int(cn2an.cn2an(numeral, "smart"))


def iso_date(match: re.Match | None) -> str | None:
    """YYYY-MM-DD of a DATE match, or None when it names no day of the calendar."""
    if match is None:
        return None
    year, month, day = (cn_int(match.group(g)) for g in ("y", "m", "d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_han(char: str) -> bool:
    return bool(char) and HAN.fullmatch(char[0]) is not None


def alternatives(words: Iterable[str]) -> str:
    """The words as one pattern in which the longest form wins (生态环境部办公厅 before
    生态环境部); a pattern that never matches when empty.

    Written as a trie (生态环境部(?:办公厅)?), not a flat list: Python's re tries every
    word of a flat list at each candidate position, and the lists of places and agencies
    run to thousands. It matches what the flat list sorted longest first matches, in the
    same order when a longer pattern backtracks: the words that fit at one position are
    prefixes of each other, and the trie tries the longer first."""
    trie = _trie(words)
    return _trie_pattern(trie) if trie else "(?!)"


def _trie(words: Iterable[str]) -> dict:
    """char → subtrie; the key "" marks the end of a word."""
    trie: dict = {}
    for word in {w for w in words if w}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return trie


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")


def alternation(words: Iterable[str]) -> re.Pattern:
    return re.compile(alternatives(words))


class WordPattern:
    """alternation(words) for a list of thousands of names (places), matched by walking
    the words' trie: the same matches as alternation(words) (``pattern`` is its
    expression), several times faster, as re tries the first characters' branches one
    after another at every position that may start a name. On a short list (verbs) re
    is faster."""

    def __init__(self, words: Iterable[str]):
        self.trie = _trie(words)
        self.pattern = _trie_pattern(self.trie) if self.trie else "(?!)"
        self._start = _start_pattern(self.trie)
        # what a start must be, checked in a set before the trie walk: a one-character word,
        # or the first two characters of a longer one
        self._singles = {c for c, node in self.trie.items() if c and "" in node}
        self._pairs = {c + d for c, node in self.trie.items() if c for d in node if d}

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> WordMatch | None:
        """The longest word that starts at ``pos`` and ends by ``endpos``."""
        end = len(text) if endpos is None else min(endpos, len(text))
        node, i, found = self.trie, pos, -1
        while i < end:
            node = node.get(text[i])
            if node is None:
                break
            i += 1
            if "" in node:
                found = i
        return WordMatch(text, pos, found) if found >= 0 else None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> WordMatch | None:
        return next(self.finditer(text, pos, endpos), None)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[WordMatch]:
        """Leftmost-longest matches that do not overlap, in order (as re.finditer)."""
        end = len(text) if endpos is None else min(endpos, len(text))
        singles, pairs = self._singles, self._pairs
        while (start := self._start.search(text, pos, end)) is not None:
            at = start.start()
            if text[at] not in singles and (at + 2 > end or text[at : at + 2] not in pairs):
                pos = at + 1  # most candidates: no word starts with their two characters
                continue
            m = self.match(text, at, end)
            if m is None:
                pos = at + 1
                continue
            yield m
            pos = m.end()


def _start_pattern(trie: dict) -> re.Pattern:
    """Where a word may start, in C: a one-character word, or a first character followed
    by a character some word has second. Most positions fail it, so few trie walks."""
    singles = "".join(sorted(c for c, node in trie.items() if c and "" in node))
    firsts = "".join(sorted(c for c, node in trie.items() if c and len(node) > ("" in node)))
    seconds = "".join(sorted({c for node in trie.values() for c in node if c}))
    options = ([f"[{re.escape(singles)}]"] if singles else []) + (
        [f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])"] if firsts else [])
    return re.compile("|".join(options) or "(?!)")


class WordMatch:
    """The part of re.Match that a word pattern's users read."""

    __slots__ = ("string", "_start", "_end")

    def __init__(self, string: str, start: int, end: int):
        self.string, self._start, self._end = string, start, end

    def group(self, index: int = 0) -> str:
        _whole(index)
        return self.string[self._start : self._end]

    __getitem__ = group

    def start(self, index: int = 0) -> int:
        _whole(index)
        return self._start

    def end(self, index: int = 0) -> int:
        _whole(index)
        return self._end

    def span(self, index: int = 0) -> tuple[int, int]:
        _whole(index)
        return self._start, self._end


def _whole(index: int) -> None:
    if index != 0:
        raise IndexError("a word pattern has no groups")


def clause_start(text: str, pos: int, reach: int = 200) -> int:
    """Start of the clause that holds ``pos``, looking back at most ``reach`` characters."""
    breaks = list(CLAUSE_BREAK.finditer(text, max(0, pos - reach), pos))
    return breaks[-1].end() if breaks else max(0, pos - reach)


def clause_end(text: str, pos: int, reach: int = 200) -> int:
    """End of the clause that holds ``pos`` (the break itself is not included)."""
    m = CLAUSE_BREAK.search(text, pos, pos + reach)
    return m.start() if m else min(len(text), pos + reach)


_PART_BREAK = re.compile(f"[{PART_END}\n]")
_SENTENCE_BREAK = re.compile(f"[{SENTENCE_END}\n]")


def part_start(text: str, pos: int, reach: int = 200) -> int:
    """Start of the part of a sentence (after 。!? ; or a line end) that holds ``pos``,
    looking back at most ``reach`` characters."""
    breaks = list(_PART_BREAK.finditer(text, max(0, pos - reach), pos))
    return breaks[-1].end() if breaks else max(0, pos - reach)


def sentence_end(text: str, pos: int) -> int:
    """Where the sentence that holds ``pos`` ends (its 。!? or its line end)."""
    m = _SENTENCE_BREAK.search(text, pos)
    return m.start() if m else len(text)


def line_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each line of ``text``, the newline not included."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def title_cell(text: str) -> tuple[int, int] | None:
    """Where the value of the 标题 cell of a government page's opening table stands (索引号,
    标　题, 发文字号 …, one cell a line): on the label's line, else the next non-empty line."""
    lines = [(a, b) for a, b in line_spans(text)[:PAGE_TABLE_LINES] if text[a:b].strip()]
    for k, (a, b) in enumerate(lines):
        m = TITLE_LABEL.match(text[a:b])
        if m is None:
            continue
        if m.group(1).strip():
            return a + m.start(1), b
        return lines[k + 1] if k + 1 < len(lines) else None
    return None


def inside_title(text: str, pos: int) -> bool:
    """Is ``pos`` inside an open 《 (more 《 than 》 before it)?"""
    head = text[:pos]
    return head.count("《") > head.count("》")


# Adverbs that may open a clause before its verb (持续实施, 全面落实, 扎实推进 …).
LEADING_ADVERBS = (
    "持续", "全面", "深入", "扎实", "积极", "加快", "有序", "全力", "认真", "稳步", "不断", "切实",
    "进一步", "均", "提前", "圆满", "顺利", "首次", "正式", "联合", "共同", "同步", "及时", "大力", "已",
    "着力", "坚决", "严格", "加紧", "抓紧", "继续", "研究", "统筹", "有效", "率先", "高质量",
)
# Verbs that govern an object without being an action on a document (推动X出台, 完成X中期
# 评估, 按照X). The action verbs themselves (印发, 实施 …) come from the reference data.
GOVERNING_VERBS = (
    "推动", "推进", "开展", "完成", "形成", "组织", "启动", "宣传推广", "宣传", "推广", "配合",
    "实现", "达到", "指导", "部署", "围绕", "对照", "按照", "依据", "根据", "提出", "加强", "坚持",
    "审议通过", "贯彻",
)
# Resultative complements that close an action verb (编制完成, 修订完成): the object follows.
RESULTATIVES = ("完成",)
# Function words that never stand inside a proper name: particles, prepositions, and the
# verbs that join two actors (会同, 联合).
FUNCTION_WORDS = frozenset({
    "的", "了", "着", "在", "对", "由", "经", "向", "从", "于", "以", "将", "把", "被", "为", "是", "并",
    "等", "同", "跟", "给", "让", "按", "及", "或", "与", "和", "以及", "及其", "会同", "联合", "协同",
    "配合", "指导", "组织", "有关", "相关", "各", "各级", "全", "本", "该", "每", "其", "其他", "所在",
    "地方", "以上", "以下", "主管", "负责", "所属", "成立", "设立", "组建", "建立", "牵头", "召开", "通过",
    "已经", "已", "均", "正式", "首次",
    # modal verbs and the verbs of reporting to a body (国务院应当…提请全国人民代表大会, 报…)
    "应当", "应", "可", "可以", "须", "必须", "不得", "或者", "上述", "报", "报请", "提请", "建议",
})
# Words that open a name of a level or a class of bodies, not of one body (县级以上,
# 省级, 地方各级, 设区的市): what follows names a role, not an agency.
LEVEL_WORDS = ("省级", "市级", "县级", "乡级", "地级", "区级", "设区", "各级", "上级", "下级", "本级", "同级")


def expand_shared_head(parts: list[str], head_start: int) -> list[str]:
    """Coordinated modifiers that share one head written once, at the end of the last part:
    (蓝天, 碧水, 净土保卫战) with the head starting at 2 of the last part → 蓝天保卫战,
    碧水保卫战, 净土保卫战. ``head_start`` is where the head starts in the last part (the
    caller knows the words); the last part is returned as written."""
    *firsts, last = parts
    head = last[head_start:]
    if not head or head_start <= 0:
        return list(parts)
    return [p if p.endswith(head) else p + head for p in firsts] + [last]
