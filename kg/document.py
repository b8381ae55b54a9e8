"""Document: the normalised text of one source file, its map back to the file, and its structure.

Plain dataclasses only (no spaCy or rdflib types): every later step reads these.

`text` is what the extractor matches on; `offsets[i]` is the index in `original` of the
character that became `text[i]`, so any span found in `text` can be shown, cited and
stored as a span of the file as it was published.

The structure finders (`find_sections`, `find_sentences`) live here because they read
only `text` and the heading conventions of Chinese government texts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.nlp.grammar import HAN, PART_END, SENTENCE_END

KINDS = (
    "work-report",
    "speech",
    "conference-news",
    "achievements-summary",
    "provincial-work-plan",
)

SCRIPTS = ("zh-Hans", "zh-Hant")


@dataclass(frozen=True)
class DocumentMetadata:
    title: str
    publisher: str | None = None
    published: str | None = None  # ISO date "2025-01-15" or a year "2025"
    kind: str | None = None  # one of KINDS
    reviews: tuple[int, int] | None = None  # first and last year of the period reviewed
    plans: tuple[int, int] | None = None  # first and last year of the period planned
    source: str | None = None  # URL the text names as its address
    from_catalog: bool = False
    category: str | None = None  # how the page's site files it (front matter): 法律, 标准规范 …


@dataclass(frozen=True)
class Section:
    index: int
    level: int  # 1: 一、 / 01 / numeral line / bare title; 2: (一); 3: 1. / (1)
    heading: str
    start: int  # offsets in Document.text
    end: int


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int  # offsets in Document.text, end exclusive
    end: int
    section: int | None  # index of the innermost enclosing Section, None before the first


@dataclass
class Document:
    id: str
    path: Path
    original: str
    text: str
    offsets: Sequence[int]  # len(text) + 1 entries
    encoding: str
    script: str
    content_hash: str
    metadata: DocumentMetadata
    sections: tuple[Section, ...]
    sentences: tuple[Sentence, ...]
    format: str = "text"  # "text", "markdown", "html", "pdf" or "docx": how `original` was read
    _starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.offsets) != len(self.text) + 1:
            raise ValueError(f"{self.id}: offset map has {len(self.offsets)} entries for {len(self.text)} chars")
        self._starts = [s.start for s in self.sentences]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Text span → span of `original` (end exclusive)."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span {start}:{end} outside text of length {len(self.text)}")
        if start == end:
            return self.offsets[start], self.offsets[start]
        last = self.offsets[end - 1]
        return self.offsets[start], last + self._source_width(last)

    def original_text(self, start: int, end: int) -> str:
        a, b = self.to_original(start, end)
        return self.original[a:b]

    def sentence_at(self, pos: int) -> Sentence:
        """The sentence holding text position `pos` (or the one before it, in a gap)."""
        if not self.sentences or not 0 <= pos < len(self.text):
            raise IndexError(f"position {pos} is in no sentence of {self.id}")
        i = bisect_right(self._starts, pos) - 1
        return self.sentences[max(i, 0)]

    def section_of(self, sentence: Sentence) -> Section | None:
        return None if sentence.section is None else self.sections[sentence.section]

    def _source_width(self, pos: int) -> int:
        # In HTML a decoded entity (&amp; &#12290;) maps to its '&': cite the whole entity.
        if self.format == "html" and self.original.startswith("&", pos):
            m = _ENTITY.match(self.original, pos)
            if m:
                return m.end() - pos
        return 1


_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


# --- structure -------------------------------------------------------------------------

_NUM = "一二三四五六七八九十"
# Level 1: "一、总体要求" (the heading ends at the first sentence end on the line).
_CN_ENUM = re.compile(rf"^[{_NUM}]{{1,3}}、")
# Level 1: "01 推动立行立改,加快建章立制" (WeChat summaries number parts with two digits).
_TWO_DIGIT = re.compile(r"^\d{2} +[^\d\s]")
# Level 1: a line that is only a numeral, the title on the next line (provincial plans).
_NUMERAL_LINE = re.compile(rf"^[{_NUM}]{{1,3}}$")
# Level 2: "(一)加强美丽四川建设统筹。…" (full-width brackets are ASCII after normalising).
_CN_PAREN = re.compile(rf"^\([{_NUM}]{{1,3}}\)")
# Level 3: "1. …", "1、…", "(1)…"; not "1.6万个" (a number at the start of a sentence).
_DIGIT_ENUM = re.compile(r"^(?:\d{1,2}[.、](?!\d)|\(\d{1,2}\))")
# 第一章 / 第三节 / 第十二条, and an attachment's label (附件 / 附件2 / 附件:) on its line.
_PART = re.compile(rf"^(?:第[{_NUM}百零〇\d]+[编章节条]|附件\s*\d*\s*(?::|$))")


def starts_numbered(line: str) -> bool:
    """Does a line (full-width forms folded) begin a numbered heading or list item, an
    article or an attachment, so that it cannot go on with the line before it?"""
    line = line.lstrip()
    return any(p.match(line) for p in (_CN_ENUM, _CN_PAREN, _DIGIT_ENUM, _PART))


def strip_numbering(line: str) -> str:
    """A heading without its number (（五）夯实基础能力 → 夯实基础能力)."""
    line = line.lstrip()
    for p in (_CN_ENUM, _CN_PAREN, _DIGIT_ENUM, _PART):
        m = p.match(line)
        if m:
            return line[m.end() :].lstrip()
    return line


# A bare title line is short and ends no sentence; these lines are not titles:
_PART_END = re.compile(f"[{PART_END}]")
_INTRODUCES = re.compile(r"[:,、]$")  # "具体来说,要重点把握好以下几个方面:" leads into text
_STARTS_WITH_AMOUNT = re.compile(r"^\d[\d.,%]*\s*(?:万|亿)?[个条项件座家名人吨元次批类处所台辆艘户亩米公月日号]")
BARE_TITLE_MAX = 30


def _heading_of(line: str) -> str:
    """The heading part of a numbered line: up to the end of its first part (。 or ;)."""
    m = _PART_END.search(line)
    return (line[: m.start()] if m else line).strip()


def _is_bare_title(line: str) -> bool:
    return (
        len(line) <= BARE_TITLE_MAX
        and HAN.search(line) is not None
        and not _PART_END.search(line)
        and not _INTRODUCES.search(line)
        and not _STARTS_WITH_AMOUNT.match(line)
    )


def _lines(text: str) -> list[tuple[int, str]]:
    """(start offset, line) for every line of `text`, lines stripped of edge spaces."""
    out, pos = [], 0
    for raw in text.split("\n"):
        lead = len(raw) - len(raw.lstrip())
        out.append((pos + lead, raw.strip()))
        pos += len(raw) + 1
    return out


def find_sections(text: str) -> tuple[Section, ...]:
    found: list[tuple[int, int, str]] = []  # (level, start, heading)
    lines = _lines(text)
    i = 0
    while i < len(lines):
        start, line = lines[i]
        nxt = lines[i + 1][1] if i + 1 < len(lines) else ""
        if not line:
            pass
        elif _NUMERAL_LINE.match(line) and nxt and _is_bare_title(nxt):
            found.append((1, start, nxt))
            i += 1  # the title line belongs to this heading
        elif _CN_ENUM.match(line):
            found.append((1, start, _heading_of(line)))
        elif _TWO_DIGIT.match(line):
            found.append((1, start, line))
        elif _CN_PAREN.match(line):
            found.append((2, start, _heading_of(line)))
        elif _DIGIT_ENUM.match(line):
            found.append((3, start, _heading_of(line)))
        elif _is_bare_title(line):
            found.append((1, start, line))
        i += 1
    sections = []
    for k, (level, start, heading) in enumerate(found):
        # A section runs to the next heading of the same or a higher level.
        end = next((s for lv, s, _ in found[k + 1 :] if lv <= level), len(text))
        sections.append(Section(k, level, heading, start, end))
    return tuple(sections)


# A sentence ends at 。 ! ? and any closing quotes after it.
_SENTENCE = re.compile(rf"[^{SENTENCE_END}\n]*(?:[{SENTENCE_END}]+[”’」』)》】\"']*|\n|$)")


def find_sentences(text: str, sections: Sequence[Section] = ()) -> tuple[Sentence, ...]:
    starts = [s.start for s in sections]
    out: list[Sentence] = []
    for m in _SENTENCE.finditer(text):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a == b:
            continue
        k = bisect_right(starts, a) - 1
        out.append(Sentence(len(out), a, b, k if k >= 0 else None))
    return tuple(out)
