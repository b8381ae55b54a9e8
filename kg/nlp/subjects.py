"""What a figure measures when its subject is coordinated: the subjects of a 分别 list
paired with its values in order, and the subjects a distributive adverb (均, 都) gives
one value to.

    化学需氧量、氨氮排放总量比2020年分别下降8%、10%  → 化学需氧量排放总量 -8 %, 氨氮排放总量 -10 %
    七大流域和重点海湾整治完成率分别达到90%和84%      → 七大流域整治完成率 90 %, 重点海湾整治完成率 84 %
    化肥、农药利用率分别达到43%                      → one figure for each subject
    化肥、农药利用率均达到43%                        → one figure, its subject written whole
    城市、农村黑臭水体基本消除                        → one subject, written whole

Coordinated modifiers share the head written once at the end (…排放总量, …完成率). The
head is a measure: a noun phrase ending in a word of measure (率, 量, 比例, 浓度 …); where
the last part names no measure (农村黑臭水体), the phrase is one subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import jieba

from kg.nlp.grammar import CLOSING, JOINER, OPENING, expand_shared_head
from kg.nlp.quantities import BASIS_AT_END

# The last word of a measure: a rate, an amount, a proportion, a concentration, an index.
MEASURE_HEAD = re.compile(r"(?:率|量|比例|比重|占比|浓度|指数|面积|天数|能耗|强度|个数|数量|总数|金额|数额)$")
# Coordinators of noun phrases, longest first (以及 before 及).
_COORDINATOR = re.compile(r"以及|、|和|及|与")
# A 分别 list: the values after it are separated by these.
_VALUE_SEPARATOR = re.compile(JOINER)
# 均 as an adverb (均达到), not inside a word (平均, 人均, 年均, 均衡, 均值).
DISTRIBUTIVE = r"(?<![平人户亩日年月])均(?![衡值匀等])"
# The adverbs that spread coordinated subjects over values (均 only before its verb).
_SPREAD = re.compile(rf"分别|{DISTRIBUTIVE}(?=[\u4e00-\u9fff]{{1,4}}[0-9])")
_MORE_VALUES = re.compile(JOINER + r"\s*[0-9]")


def coordinated(phrase: str) -> list[str]:
    """The subjects a coordinated noun phrase names: its parts with the shared measure head
    restored, or the phrase itself when it is one subject."""
    parts = _split(phrase)
    if len(parts) < 2 or not all(parts):
        return [phrase]
    *firsts, last = parts
    if all(MEASURE_HEAD.search(p) and p[-1] != last[-1] for p in firsts):
        return parts  # each part names its own measure (PM2.5浓度和优良天数比例)
    if not MEASURE_HEAD.search(last):
        return [phrase]  # 城市、农村黑臭水体: one subject
    return expand_shared_head(parts, _head_start(firsts, last))


def spread(stretch: str, following: str, trim: Callable[[str], str]) -> list[str | None] | None:
    """The subjects of the figure that ends ``stretch`` (its clause up to its end) when
    a coordinated phrase is spread over values by 分别 or 均: one subject for the k-th
    value of a 分别 list, or one per coordinated item where a single value stands for
    each (None where an item names no measure: the figure keeps its own subject).
    ``following`` is the text after the figure; ``trim`` takes lead words off a phrase."""
    found = list(_SPREAD.finditer(stretch))
    if not found:
        return None
    m = found[-1]
    phrase = trim(BASIS_AT_END.sub("", stretch[: m.start()]).strip())
    items = _split(phrase)
    if len(items) < 2 or not all(items):
        return None
    names = coordinated(phrase)
    index = len(_VALUE_SEPARATOR.findall(stretch[m.end() :]))
    more = _MORE_VALUES.match(following) is not None
    if index == 0 and not more and m.group(0) == "分别":  # one value for each item (分别增长5%)
        return list(names) if len(names) == len(items) else [None] * len(items)
    if index == 0 and not more:
        return None  # 均达到43%: one figure for the coordinated subject, as the gold counts it
    if m.group(0) == "分别" and len(names) == len(items) and index < len(names):
        return [names[index]]
    return None


def _split(phrase: str) -> list[str]:
    """The parts of ``phrase`` between coordinators outside brackets and quotes
    (近岸海域优良(一、二类)海水 is one part)."""
    parts, depth, start = [], 0, 0
    for m in re.finditer(rf"[{re.escape(OPENING + CLOSING)}]|{_COORDINATOR.pattern}", phrase):
        token = m.group(0)
        if token in OPENING:
            depth += 1
        elif token in CLOSING:
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(phrase[start : m.start()])
            start = m.end()
    parts.append(phrase[start:])
    return [p.strip() for p in parts]


_plain: list[jieba.Tokenizer] = []


def keep_plain_dictionary() -> None:
    """Called before words are added to jieba's shared dictionary: a copy of it as jieba
    ships it, for _plain_words (a second jieba.Tokenizer would read jieba's cache again,
    most of a second)."""
    if _plain:
        return
    jieba.initialize()
    plain = jieba.Tokenizer()
    plain.FREQ, plain.total, plain.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
    _plain.append(plain)


def _plain_words() -> jieba.Tokenizer:
    """jieba with its own dictionary only: the gazetteer adds long names to the shared one
    (挥发性有机物排放总量 becomes one word) and hides the words a shared head starts at."""
    if not _plain:
        _plain.append(jieba.Tokenizer())
    return _plain[0]


def _head_start(firsts: list[str], last: str) -> int:
    """Where the shared head starts in the last part: at a word boundary, leaving a
    modifier as long as the longest of the other parts (they are parallel:
    七大流域 | 重点海湾整治完成率 → 重点海湾 + 整治完成率), the head keeping at least the
    last two words of a longer part."""
    words = _plain_words().lcut(last, HMM=False)
    # a head of more than one word keeps two: an action and its measure (排放|总量)
    longest = len(last) - (len(words[-1]) + len(words[-2]) if len(words) > 2 else len(words[-1]))
    boundaries, position = [], 0
    for word in words[:-1]:
        position += len(word)
        if position <= longest:
            boundaries.append(position)
    if not boundaries:
        return 0
    width = max(len(p) for p in firsts)
    return min(boundaries, key=lambda b: (abs(b - width), b))  # a tie: the longer head
