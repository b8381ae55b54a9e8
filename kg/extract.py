"""(Document, spaCy Doc) → Extraction records, with every offset mapped back to the
original text.

The spaCy components find names, titles and numbers in the normalised text; this module
adds what needs the document around them: which sentence and section a match is in,
whether that part of the document reports results or plans work, the year a figure
refers to, and the campaign a section heading names.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable

from kg.document import Document
from kg.nlp.pipeline import make_nlp
from kg.records import (
    Agency,
    Campaign,
    DocumentRecord,
    Event,
    Extraction,
    Instrument,
    Mention,
    Quantity,
    SectionRecord,
    SentenceRecord,
)
from kg.reference import reference

# Headings and clauses that announce work to be done rather than work done.
_PLANNING_HEADING = re.compile(r"工作安排|重点任务|主要任务|工作要点|下一步|目标任务|工作部署|重点工作")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)年(?!代)")
# A year that is a comparison basis or the start of a period, not the figure's year.
_NOT_FIGURE_YEAR = re.compile(r"(?:较|比|与|自|从)$|[—\-~至]$")
_SUBJECT_TRIM = re.compile(
    r"^(?:其中|全年|累计|共|总计|全国|同时|此外|截至\d{4}年底?|\d{4}年)+|"
    r"(?:为|达到|达|是|降到|降至|升至|提高到|完成|实现|超过|约|近|共|累计|分别|同比)+$"
)
_AREA = re.compile(
    r"全国|京津冀及周边地区|长三角地区|汾渭平原|长江经济带|黄河流域|长江流域|北方地区|"
    r"重点区域|七大流域|重点海湾|长江干流|黄河干流|"
    r"[\u4e00-\u9fff]{2,7}?(?:省|自治区|市)(?=[\u4e00-\u9fff])"
)


def extract(document: Document) -> Extraction:
    doc = make_nlp()(document.text)
    reader = _Reader(document)
    sections = tuple(reader.section_record(s, doc) for s in document.sections)
    sentences = tuple(reader.sentence_record(s) for s in document.sentences)
    return Extraction(
        document=document_record(document),
        sections=sections,
        sentences=sentences,
        agencies=tuple(
            Agency(name, mentions) for name, mentions in reader.group(doc.spans["agency"])
        ),
        campaigns=tuple(
            Campaign(name, mentions) for name, mentions in reader.group(doc.spans["campaign"])
        ),
        instruments=reader.instruments(doc._.titles),
        events=reader.events(doc._.events, doc._.titles),
        quantities=tuple(reader.quantity(q, sections) for q in doc._.quantities),
    )


def document_record(document: Document) -> DocumentRecord:
    meta = document.metadata
    return DocumentRecord(
        id=document.id,
        file_name=document.path.name,
        content_hash=document.content_hash,
        encoding=document.encoding,
        script=document.script,
        title=meta.title,
        publisher=meta.publisher,
        published=meta.published,
        kind=meta.kind,
        reviews=meta.reviews,
        plans=meta.plans,
        source=meta.source,
        from_catalog=meta.from_catalog,
        length=len(document.original),
    )


class _Reader:
    """Maps matches in the normalised text to records about the original text."""

    def __init__(self, document: Document):
        self.document = document
        self.text = document.text

    def mention(self, start: int, end: int) -> Mention:
        o_start, o_end = self.document.to_original(start, end)
        sentence = self.document.sentence_at(start)
        return Mention(o_start, o_end, self.document.original[o_start:o_end], sentence.index)

    def group(self, spans: Iterable) -> list[tuple[str, tuple[Mention, ...]]]:
        """Spans grouped by canonical name, in order of first appearance."""
        grouped: OrderedDict[str, list[Mention]] = OrderedDict()
        for span in sorted(spans, key=lambda s: s.start_char):
            grouped.setdefault(span.id_, []).append(self.mention(span.start_char, span.end_char))
        return [(name, tuple(mentions)) for name, mentions in grouped.items()]

    def instruments(self, titles) -> tuple[Instrument, ...]:
        grouped: OrderedDict[str, list] = OrderedDict()
        for match in titles:
            grouped.setdefault(match.title, []).append(match)
        return tuple(
            Instrument(
                title=title,
                kind=matches[0].kind,
                bracketed=any(m.bracketed for m in matches),
                mentions=tuple(self.mention(m.start, m.end) for m in matches),
            )
            for title, matches in grouped.items()
        )

    def events(self, matches, titles) -> tuple[Event, ...]:
        """One event per (title, action); where it is reported twice, the clause that
        names the agencies is kept."""
        chosen: OrderedDict[tuple[str, str], Event] = OrderedDict()
        for match in matches:
            title = titles[match.title_index].title
            sentence = self.document.sentence_at(match.trigger_start)
            planned = self.is_planned(sentence)
            event = Event(
                title=title,
                action=match.action,
                agencies=match.agencies,
                status="planned" if planned else "reported",
                year=self._year(self.text[sentence.start : match.clause_start], planned),
                evidence=self.text[match.clause_start : match.clause_end].strip(),
                mention=self.mention(
                    min(match.clause_start, match.trigger_start), max(match.clause_end, match.trigger_end)
                ),
            )
            key = (title, match.action)
            if key not in chosen or (event.agencies and not chosen[key].agencies):
                chosen[key] = event
        return tuple(chosen.values())

    def section_record(self, section, doc) -> SectionRecord:
        o_start, o_end = self.document.to_original(section.start, section.end)
        heading_end = section.start + len(section.heading)
        named = [s.id_ for s in doc.spans["campaign"] if section.start <= s.start_char < heading_end]
        return SectionRecord(
            section.index, section.level, section.heading, o_start, o_end, named[0] if named else None
        )

    def sentence_record(self, sentence) -> SentenceRecord:
        o_start, o_end = self.document.to_original(sentence.start, sentence.end)
        return SentenceRecord(
            sentence.index, o_start, o_end, self.document.original[o_start:o_end], sentence.section
        )

    def is_planned(self, sentence) -> bool:
        """Does this sentence plan work (a work plan, or the tasks part of a report)?"""
        if self.document.metadata.kind == "provincial-work-plan":
            return True
        section = self.document.section_of(sentence)
        while section is not None:
            if _PLANNING_HEADING.search(section.heading):
                return True
            section = self._parent(section)
        return False

    def _parent(self, section):
        for candidate in reversed(self.document.sections[: section.index]):
            if candidate.level < section.level:
                return candidate
        return None

    def quantity(self, match, sections: tuple[SectionRecord, ...]) -> Quantity:
        sentence = self.document.sentence_at(match.start)
        planned = self.is_planned(sentence)
        before = self.text[sentence.start : match.start]
        role = match.role
        if planned and role == "level":
            role = "target"
        subject = _subject(self.text, sentence.start, match.start, match.end, sentence.end)
        return Quantity(
            text=self.text[match.start : match.end],
            value=match.value,
            unit=match.unit,
            role=role,
            subject=subject,
            area=_area(before) or _area(self.text[sentence.start : sentence.end]),
            year=self._year(before, planned),
            basis=match.basis,
            approx=match.approx,
            evidence=self.text[sentence.start : sentence.end].strip(),
            mention=self.mention(match.start, match.end),
            indicator=_indicator(subject),
            campaign=self._campaign(sentence, sections),
        )

    def _year(self, before: str, planned: bool) -> int | None:
        for m in reversed(list(_YEAR.finditer(before))):
            if not _NOT_FIGURE_YEAR.search(before[: m.start()]) and not before[m.end() :].startswith(
                ("—", "-", "至")
            ):
                return int(m.group(1))
        meta = self.document.metadata
        period = meta.plans if planned else meta.reviews
        if period:
            return period[0] if planned else period[1]
        return None

    def _campaign(self, sentence, sections: tuple[SectionRecord, ...]) -> str | None:
        section = self.document.section_of(sentence)
        while section is not None:
            if sections[section.index].campaign:
                return sections[section.index].campaign
            section = self._parent(section)
        return None


def _subject(text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> str:
    """A short phrase naming what is measured: the clause before the figure, else after."""
    head = text[sentence_start:start]
    breaks = [m.end() for m in re.finditer(r"[,;，；、:：]", head)]
    subject = _SUBJECT_TRIM.sub("", head[breaks[-1] if breaks else 0 :].strip())
    if len(subject) < 2:
        following = re.split(r"[,;。，；、:：]", text[end:sentence_end], maxsplit=1)[0]
        subject = following.strip()
    return subject[-24:]


def _area(text: str) -> str:
    m = _AREA.search(text)
    return m.group(0) if m else ""


def _indicator(subject: str) -> str | None:
    best = None
    for surface, concept in reference().indicator_surfaces.items():
        if surface in subject and (best is None or len(surface) > len(best[0])):
            best = (surface, concept)
    return best[1].notation if best else None
