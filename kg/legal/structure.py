"""The parts of a legal text: 编, 章, 节 headings, 条 (articles) and their 款 (paragraphs),
with spans in the normalised text, so a citation or a figure knows its article.

Chinese legislative drafting numbers articles through the whole text (第一条 … 第七十条,
not per chapter) and writes each article as 第N条, a space, then its text; a 款 is a
paragraph of the article, a line starting with (一) is one of its 项 (items)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cn2an

from kg.nlp.grammar import NUMBER, cn_int


_HEADING = re.compile(rf"^[ \t]*第(?P<n>{NUMBER})(?P<kind>编|章|节)(?:[ \t]+(?P<name>[^\n。;]{{1,30}}))?[ \t]*$", re.M)
# An article line: 第N条 (or 第N条之一, inserted by an amendment) then a space; a line
# that quotes an article (第六十一条规定…) has no space after the number.
_ARTICLE = re.compile(rf"^[ \t]*第(?P<n>{NUMBER})条(?:之(?P<sub>{NUMBER}))?(?=[ \t]|$)", re.M)
_ITEM = re.compile(rf"^[ \t]*\((?:{NUMBER})\)")  # (一) …: an item of the paragraph above
_PARAGRAPH_END = re.compile(r"[。;:,!?、]$")
_APPENDIX = re.compile(r"^[ \t]*附(?:件|表|录)", re.M)  # annexes follow the last article
_LEVELS = {"编": 0, "章": 1, "节": 2, "条": 3, "款": 4}


@dataclass(frozen=True)
class Part:
    kind: str  # 编 | 章 | 节 | 条 | 款
    number: int
    label: str  # 第七十八条; 第二章 总则 (the heading line as written)
    start: int  # offsets in Document.text
    end: int
    parent: int | None  # index of the enclosing part in the list


def find_parts(text: str) -> list[Part]:
    """Headings and articles in order, each with its parent; paragraphs of an article
    with more than one follow it."""
    marks = _headings_and_articles(text)
    parts: list[Part] = []
    open_parts: dict[int, int] = {}  # level → index of the part now open at that level
    for k, (start, kind, number, label) in enumerate(marks):
        level = _LEVELS[kind]
        end = _end_of(text, marks, k)
        parent = max((open_parts[lv] for lv in open_parts if lv < level), default=None)
        open_parts = {lv: i for lv, i in open_parts.items() if lv < level}
        open_parts[level] = len(parts)
        parts.append(Part(kind, number, label, start, end, parent))
        if kind == "条":
            parts.extend(_paragraphs(text, start + len(label), end, len(parts) - 1))
    return parts


def _headings_and_articles(text: str) -> list[tuple[int, str, int, str]]:
    marks = [(m.start("n") - 1, m.group("kind"), cn_int(m.group("n")), m.group().strip()) for m in _HEADING.finditer(text)]
    last = 0
    for m in _ARTICLE.finditer(text):
        number = cn_int(m.group("n"))
        if number < last:  # numbering runs through the text: a lower number is a quotation
            continue
        last = number
        marks.append((m.start("n") - 1, "条", number, m.group().strip()))
    return sorted(marks)


def _end_of(text: str, marks: list, k: int) -> int:
    """A part ends where the next part of its level or above starts, or at an annex."""
    start, kind, _, _ = marks[k]
    level = _LEVELS[kind]
    end = next((s for s, kd, _, _ in marks[k + 1 :] if _LEVELS[kd] <= level), len(text))
    if kind == "条":
        end = min(end, next((s for s, _, _, _ in marks[k + 1 :]), len(text)))
    if kind == "条":
        end = min(end, _unpunctuated_line(text, start, end))
    annex = _APPENDIX.search(text, start, end)
    return (annex.start() if annex else end) if kind == "条" or level < 3 else end


def _unpunctuated_line(text: str, start: int, end: int) -> int:
    """Where a line that is no paragraph of the article starts: its paragraphs and items
    end with a stop, semicolon, colon or comma; a line without one is a heading or a title
    (a commentary quoting one article goes on with its own text)."""
    first = text.find("\n", start, end)
    pos = end if first < 0 else first + 1
    while 0 <= first < end and pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        line = text[pos:line_end].strip()
        if line and not _PARAGRAPH_END.search(line) and not _ITEM.match(line):
            return pos
        pos = line_end + 1
    return end


def _paragraphs(text: str, start: int, end: int, article: int) -> list[Part]:
    """The 款 of an article: its lines, an item line (一) staying with the one above."""
    spans: list[list[int]] = []
    pos = start
    for line in text[start:end].split("\n"):
        indent = len(line) - len(line.lstrip())
        pos, line = pos + indent, line.lstrip()
        if line.strip():
            if spans and _ITEM.match(line):
                spans[-1][1] = pos + len(line)
            else:
                spans.append([pos, pos + len(line)])
        pos += len(line) + 1
    if len(spans) < 2:
        return []
    return [Part("款", n, f"第{_numeral(n)}款", s, e, article) for n, (s, e) in enumerate(spans, 1)]


def head_end(parts: list[Part], text: str) -> int:
    """Where the body starts: the first heading or article (the whole text has none)."""
    return parts[0].start if parts else len(text)


def article_at(parts: list[Part], pos: int) -> Part | None:
    """The article whose span holds `pos`."""
    for part in parts:
        if part.kind == "条" and part.start <= pos < part.end:
            return part
    return None


@lru_cache(maxsize=None)
def _numeral(n: int) -> str:
    """二 for 2: cn2an takes a tenth of a millisecond a call (it checks its input with
    patterns), and articles number their paragraphs from one again and again."""
    return cn2an.an2cn(n)
