"""Legal texts and policy documents read as instruments: what the text says about itself
(title, kind, issuers, number, dates), its parts, its history and the titles it cites.

Everything here reads the normalised text of a Document and gives offsets into it;
kg.extract maps them back to the original and makes the records."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.document import Document
from kg.legal.citations import Cited, find_citations
from kg.legal.links import Link, find_links
from kg.legal.history import SELF_REFERENCE, Clause, note_lines, read_note, sentence_events
from kg.legal.structure import Part, article_at, find_parts, head_end
from kg.legal.rank import legal_rank
from kg.naming import instrument_key, split_qualifier
from kg.nlp.grammar import DECREE_NUMBER, DOCUMENT_NUMBER, NUMBER, line_spans
from kg.nlp.titles import TitleKinds
from kg.reference import reference

_DECREE = re.compile(DECREE_NUMBER.pattern + "$")  # 中华人民共和国国务院令第736号, 粤府令第197号
_ORDINAL = re.compile(rf"第{NUMBER}(?:届|次(?:常务|全体)?会议)")
_AFTER_BODY = re.compile(r"(?:常务|全体)?会议$|令$")
HEAD_LINES = 5  # a text's own number stands with its title and 题注, above the body
# What a text's own date is: the act that made the current text public or law.
_DATING_ACTIONS = ("Promulgation", "Adoption", "Revision", "Amendment")


@dataclass(frozen=True)
class LegalReading:
    title: str
    title_span: tuple[int, int] | None  # the title line, when the text has one
    kind: str | None
    rank: str  # LegalRank notation
    issuers: tuple[str, ...]
    number: str | None
    date: str | None
    parts: list[Part]
    note: list[Clause]  # the 题注's clauses, about the text itself
    note_spans: list[tuple[int, int]]  # the lines they were read from
    events: list[Clause]  # 自…起施行 / 同时废止 read in sentences
    citations: list[tuple[Cited, Part | None]]  # with the article each stands in
    links: list[Link]  # references to its own articles and paragraphs (本法第十条, 前款)
    is_instrument: bool  # a legal text or policy document, not a report about them


def read_legal(document: Document) -> LegalReading:
    text = document.text
    title = document.metadata.title
    parts = find_parts(text)
    head = head_end(parts, text)
    note, noted = [], []  # the 题注's clauses, and the lines they were read from
    for start, end in note_lines(text, 0, head):
        clauses = read_note(text, start, end)
        note += clauses
        noted += [(start, end)] if clauses else []
    events = [
        c for start, end in line_spans(text) for c in sentence_events(text, start, end)
        if not any(a <= c.start < b for a, b in noted)
    ]
    citations = [  # a decision named in the 题注 is history, not a citation
        (c, article_at(parts, c.start))
        for c in find_citations(text, 0, len(text), title)
        if not any(a <= c.start < b for a, b in noted)
    ]
    kind = TitleKinds(reference().title_suffixes).kind_of(split_qualifier(title)[0])
    issuers = _issuers(note, document.metadata.publisher)
    number = _number(_first_lines(text, HEAD_LINES), note)
    decreed = any(_DECREE.search(c.body) for c in note if c.action == "Promulgation")
    return LegalReading(
        title=title,
        title_span=_title_line(text, title),
        kind=kind,
        rank=legal_rank(title, kind, issuers, number, decreed),
        issuers=issuers,
        number=number,
        date=_date(note),
        parts=parts,
        note=note,
        note_spans=noted,
        events=events,
        citations=citations,
        links=find_links(text, parts),
        is_instrument=bool(kind or parts or note or SELF_REFERENCE.search(text) or document.metadata.category),
    )


def _title_line(text: str, title: str) -> tuple[int, int] | None:
    """The span of the line that gives the title, among the first lines."""
    pos = 0
    for line in text.split("\n")[:3]:
        if instrument_key(line) == instrument_key(title):
            return pos, pos + len(line)
        pos += len(line) + 1
    return None


def body_agencies(body: str) -> tuple[str, ...]:
    """The agencies behind a meeting or decree as written: 第十三届全国人民代表大会常务委员会
    第六次会议 → 全国人大常委会; 生态环境部、公安部、交通运输部令第23号 → the three."""
    name = _AFTER_BODY.sub("", _ORDINAL.sub("", _DECREE.sub("", body)))
    return tuple(dict.fromkeys(canonical_agency(p) for p in re.split(r"[、,，]", name) if p))


def clause_agencies(clause: Clause, issuers: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The agencies of a history clause: its body as written (…会议, …令第3号), else the known
    bodies the title of the decision it went through names as its issuers (根据《国务院关于
    修改部分行政法规的决定》修订: 国务院). A decree named by its code (粤府令第197号: 粤府 is
    the code of a document number, no name) is a decree of the text's own ``issuers``."""
    if clause.body:
        found = body_agencies(clause.body)
        if _DECREE.search(clause.body) and not all(_known(name) for name in found):
            return issuers
        return found
    issuers = clause.via.split("关于")[0] if "关于" in clause.via else ""
    return tuple(a for a in body_agencies(issuers) if a in reference().agencies) if issuers else ()


def canonical_agency(name: str) -> str:
    """The reference name of an agency, or of the known body a part of it belongs to
    (最高人民法院审判委员会 → 最高人民法院); unknown names stay as written."""
    surfaces = reference().agency_surfaces
    name = name.removeprefix("原")  # 原环境保护部: the body as it was then named
    for end in range(len(name), 1, -1):
        concept = surfaces.get(name[:end])
        if concept:
            return concept.label_zh
    return name


def _issuers(note: list[Clause], publisher: str | None) -> tuple[str, ...]:
    """Who adopted or promulgated the text; a decree named in short (粤府令) gives way to
    the publisher the page names."""
    acts = [c for c in note if c.action in ("Adoption", "Promulgation") and c.body]
    found = body_agencies(acts[0].body) if acts else ()
    if publisher and (not found or not all(_known(name) for name in found)):
        return (canonical_agency(publisher),)
    return found


def _known(name: str) -> bool:
    ref = reference()
    return name in ref.agencies or any(name.endswith(e) and len(name) > len(e) + 1 for e in ref.organ_endings)


def _first_lines(text: str, n: int) -> str:
    return "\n".join(text.split("\n")[:n])


def _number(head: str, note: list[Clause]) -> str | None:
    """The text's own 文号, alone on its line above the body (法释〔2018〕1号), else the
    decree of its latest 题注 event; a number inside a sentence is another text's."""
    for line in head.split("\n"):
        if DOCUMENT_NUMBER.fullmatch(line.strip()):
            return line.strip()
    decrees = [c.body for c in note if _DECREE.search(c.body)]
    return decrees[-1] if decrees else None


def _date(note: list[Clause]) -> str | None:
    dated = [c.date for c in note if c.action in _DATING_ACTIONS]
    return max(dated) if dated else next((c.date for c in note), None)
