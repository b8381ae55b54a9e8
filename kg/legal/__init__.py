"""Legal texts and policy documents read as instruments: what the text says about itself
(title, kind, issuers, number, dates), its parts, its history and the titles it cites.

Everything here reads the normalised text of a Document and gives offsets into it;
kg.extract maps them back to the original and makes the records."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.document import Document
from kg.legal.citations import Cited, find_citations
from kg.legal.history import SELF_REFERENCE, Clause, note_lines, read_note, sentence_events
from kg.legal.structure import Part, article_at, find_parts, head_end
from kg.naming import split_qualifier
from kg.nlp.grammar import DOCUMENT_NUMBER, NUMBER
from kg.nlp.titles import TitleKinds
from kg.reference import reference

_DECREE = re.compile(rf"令第?{NUMBER}号$")
_ORDINAL = re.compile(rf"第{NUMBER}(?:届|次(?:常务|全体)?会议)")
_AFTER_BODY = re.compile(r"(?:常务|全体)?会议$|令$")
# What a text's own date is: the act that made the current text public or law.
_DATING_ACTIONS = ("Promulgation", "Adoption", "Revision", "Amendment")


@dataclass(frozen=True)
class LegalReading:
    title: str
    kind: str | None
    issuers: tuple[str, ...]
    number: str | None
    date: str | None
    parts: list[Part]
    note: list[Clause]  # the 题注's clauses, about the text itself
    events: list[Clause]  # 自…起施行 / 同时废止 read in sentences
    citations: list[tuple[Cited, Part | None]]  # with the article each stands in
    is_instrument: bool  # a legal text or policy document, not a report about them


def read_legal(document: Document) -> LegalReading:
    text = document.text
    title = document.metadata.title
    parts = find_parts(text)
    head = head_end(parts, text)
    note = [c for start, end in note_lines(text, 0, head) for c in read_note(text, start, end)]
    events = [c for start, end in _paragraphs(text) for c in sentence_events(text, start, end) if not _inside_note(c, text, head)]
    citations = [(c, article_at(parts, c.start)) for c in find_citations(text, 0, len(text), title)]
    kind = TitleKinds(reference().title_suffixes).kind_of(split_qualifier(title)[0])
    return LegalReading(
        title=title,
        kind=kind,
        issuers=_issuers(note, document.metadata.publisher),
        number=_number(text[:head], note),
        date=_date(note),
        parts=parts,
        note=note,
        events=events,
        citations=citations,
        is_instrument=bool(kind or parts or note or SELF_REFERENCE.search(text) or document.metadata.category),
    )


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _inside_note(clause: Clause, text: str, head: int) -> bool:
    return clause.start < head and any(a <= clause.start < b for a, b in note_lines(text, 0, head))


def body_agencies(body: str) -> tuple[str, ...]:
    """The agencies behind a meeting or decree as written: 第十三届全国人民代表大会常务委员会
    第六次会议 → 全国人大常委会; 生态环境部、公安部、交通运输部令第23号 → the three."""
    name = _AFTER_BODY.sub("", _ORDINAL.sub("", _DECREE.sub("", body)))
    return tuple(dict.fromkeys(canonical_agency(p) for p in re.split(r"[、,，]", name) if p))


def canonical_agency(name: str) -> str:
    """The reference name of an agency, or of the known body a part of it belongs to
    (最高人民法院审判委员会 → 最高人民法院); unknown names stay as written."""
    surfaces = reference().agency_surfaces
    for end in range(len(name), 1, -1):
        concept = surfaces.get(name[:end])
        if concept:
            return concept.label_zh
    return name


def _issuers(note: list[Clause], publisher: str | None) -> tuple[str, ...]:
    acts = [c for c in note if c.action in ("Adoption", "Promulgation") and c.body]
    if acts:
        return body_agencies(acts[0].body)
    return (canonical_agency(publisher),) if publisher else ()


def _number(head: str, note: list[Clause]) -> str | None:
    m = DOCUMENT_NUMBER.search(head)
    if m:
        return m.group()
    decrees = [c.body for c in note if _DECREE.search(c.body)]
    return decrees[-1] if decrees else None


def _date(note: list[Clause]) -> str | None:
    dated = [c.date for c in note if c.action in _DATING_ACTIONS]
    return max(dated) if dated else next((c.date for c in note), None)
