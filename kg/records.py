"""Extraction records: the one contract between the extractor, the RDF builder, the gold
format (`kg extract --format gold`) and the evaluator.

Plain frozen dataclasses with no spaCy or rdflib types inside, so that build workers can
return them across processes cheaply. Every offset here points into the ORIGINAL text of
the document (Python code-point indexes), never into the normalised text.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from decimal import Decimal

from kg.legal.rank import rank_label


@dataclass(frozen=True)
class Mention:
    """Where a fact was read: a span of the original text and its sentence."""

    start: int
    end: int
    text: str  # original[start:end], as written (Traditional stays Traditional)
    sentence: int  # index of the SentenceRecord


@dataclass(frozen=True)
class SectionRecord:
    index: int
    level: int
    heading: str  # normalised (Simplified) heading text
    start: int
    end: int
    campaign: str | None = None  # canonical campaign the heading names, if any


@dataclass(frozen=True)
class SentenceRecord:
    index: int
    start: int
    end: int
    text: str  # original text of the sentence
    section: int | None


@dataclass(frozen=True)
class DocumentRecord:
    id: str
    file_name: str
    content_hash: str
    encoding: str
    script: str  # zh-Hans | zh-Hant
    title: str
    publisher: str | None
    published: str | None
    kind: str | None
    reviews: tuple[int, int] | None
    plans: tuple[int, int] | None
    source: str | None
    from_catalog: bool
    length: int  # characters of the original text


@dataclass(frozen=True)
class Agency:
    name: str  # canonical Chinese name: from the reference data, or read from the name's grammar
    mentions: tuple[Mention, ...]
    parent: str | None = None  # the agency it is a unit of, when the text names it
    organ_type: str | None = None  # notation of its OrganType, for a body not in the reference data


@dataclass(frozen=True)
class Campaign:
    name: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Instrument:
    title: str  # normalised (Simplified) title without 《》
    kind: str  # InstrumentKind notation: Law, Plan, Opinion …
    bracketed: bool
    mentions: tuple[Mention, ...]
    replaces: tuple[str, ...] = ()  # titles of instruments the text says this one replaces


@dataclass(frozen=True)
class Event:
    title: str
    action: str  # ActionType notation: Drafting, Issuance …
    agencies: tuple[str, ...]
    status: str  # reported | planned
    year: int | None
    evidence: str  # normalised clause the event was read from
    mention: Mention  # the trigger-to-title span in the original text
    period: tuple[int, int] | None = None  # first and last year, where it covers several
    date: str | None = None  # YYYY-MM-DD: the signature date of the notice that issues the title
    number: str | None = None  # that notice's 发文字号 (国发〔2023〕24号)


@dataclass(frozen=True)
class BasedOn:
    """A document the text says it carries out (为贯彻落实《…》, 根据《…》): eli:based_on."""

    subject: str  # title of the document that carries it out (this one, or the one it issues)
    title: str  # title of the document carried out, without 《》 (a notice's carried title)
    number: str | None  # the 文号 the text gives it
    mention: Mention  # 《title》(number) as written


@dataclass(frozen=True)
class Quantity:
    text: str  # normalised surface, e.g. 同比下降2.7%
    value: Decimal
    unit: str
    role: str  # level | change | target | target_gap | share
    subject: str
    area: str
    year: int | None
    basis: str | None  # for a change, or a target set as one: yoy, a year, or ""
    approx: bool
    evidence: str
    mention: Mention
    indicator: str | None = None  # Indicator notation, when the subject names one
    campaign: str | None = None  # campaign of the enclosing section
    period: tuple[int, int] | None = None  # first and last year (“十四五”以来); year is the last
    area_id: str | None = None  # IRI of the ep:Area (a division with its code, a region)


# Actions of a legal text's history (ActionType notations in action-types.ttl).
HISTORY_ACTIONS = (
    "Adoption", "Amendment", "Revision", "Promulgation", "Entry into force", "Approval", "Repeal",
)


@dataclass(frozen=True)
class LegalInfo:
    """What a legal text or policy document says about itself (pkulaw's 法规信息)."""

    title: str  # normalised title as the document gives it, without 《》
    kind: str | None  # InstrumentKind notation: Law, AdministrativeRegulation, Rule …
    rank: str | None  # LegalRank notation (效力级别): Law, AdministrativeRegulation, LocalRegulation …
    issuers: tuple[str, ...]  # canonical agency names
    number: str | None  # 文号 or decree number as written: 国发〔2023〕24号, 国务院令第736号
    date: str | None  # YYYY-MM-DD: promulgation (公布) date, else adoption, else entry into force
    mention: Mention | None = None  # the title line, when the text has one


@dataclass(frozen=True)
class Subdivision:
    """A part of a legal text (eli:LegalResourceSubdivision): 编, 章, 节, 条 or 款."""

    kind: str  # 编 | 章 | 节 | 条 | 款
    number: int
    label: str  # 第四十八条, 第二款, 第一章 总则 (heading as written, normalised)
    start: int
    end: int
    parent: int | None  # index in Extraction.structure of the enclosing part


@dataclass(frozen=True)
class HistoryEvent:
    """One event of a legal text's history (题注, 修订信息, 公布令, 施行 sentences)."""

    date: str  # YYYY-MM-DD
    action: str  # one of HISTORY_ACTIONS
    body: str  # the meeting or decree as written: 第十三届全国人民代表大会常务委员会第六次会议
    via: str  # the amending decision's title without 《》, or ""
    evidence: str  # the clause as read (normalised text), date to verb
    agencies: tuple[str, ...]  # the agencies behind the body (全国人大常委会; a joint decree's several)
    subject: str  # title of the instrument the event happens to (this document, or one it names)
    in_note: bool  # read from the 题注 (the gold `history`), not from a sentence of the text
    mention: Mention


@dataclass(frozen=True)
class Citation:
    """A 《》 title named by the document, and the article it is named in."""

    title: str  # as written, without 《》 (an alias defined by 以下简称 resolved to its full title)
    article: str | None  # 第七十八条 of the citing article; None outside articles
    mention: Mention


@dataclass(frozen=True)
class InternalLink:
    """A reference from an article or paragraph to another part of the same text
    (本法第七十八条, 前款): eli:cites between the two subdivisions."""

    source: int  # index in Extraction.structure of the citing article or paragraph
    target: int  # index of the part cited
    mention: Mention  # the reference as written (本法第十条至第十二条)


@dataclass(frozen=True)
class Extraction:
    """Everything read from one document."""

    document: DocumentRecord
    sections: tuple[SectionRecord, ...]
    sentences: tuple[SentenceRecord, ...]
    agencies: tuple[Agency, ...] = field(default=())
    campaigns: tuple[Campaign, ...] = field(default=())
    instruments: tuple[Instrument, ...] = field(default=())
    events: tuple[Event, ...] = field(default=())
    quantities: tuple[Quantity, ...] = field(default=())
    legal: LegalInfo | None = None
    history: tuple[HistoryEvent, ...] = field(default=())
    cites: tuple[Citation, ...] = field(default=())
    structure: tuple[Subdivision, ...] = field(default=())
    links: tuple[InternalLink, ...] = field(default=())
    based_on: tuple[BasedOn, ...] = field(default=())

    def to_gold(self) -> dict:
        """The record in the gold annotation format (../shared/ANNOTATION.md); a policy
        document adds the notice's date and number to the event of the document it issues,
        and `based_on`: the documents it carries out, as titles with the number given; a
        legal text or policy document adds `document`, `history` and `cites`."""
        out = {
            "doc": self.document.file_name,
            "agencies": [a.name for a in self.agencies],
            "campaigns": [c.name for c in self.campaigns],
            "instruments": [
                {"title": i.title, "kind": i.kind, "bracketed": i.bracketed} for i in self.instruments
            ],
            "events": [
                {
                    "title": e.title,
                    "action": e.action,
                    "agencies": list(e.agencies),
                    "evidence": e.evidence,
                    "status": e.status,
                    "year": e.year,
                    **_period(e.period),
                    **({"date": e.date} if e.date else {}),
                    **({"number": e.number} if e.number else {}),
                }
                for e in _one_per_action(self.events)
            ],
            # the gold format counts figures written in Arabic digits (ANNOTATION.md); the
            # graph also keeps fractions written in Chinese numerals (三分之一)
            "quantities": [_quantity_to_gold(q) for q in self.quantities if _ARABIC.search(q.text)],
        }
        if self.based_on:
            out["based_on"] = [{"subject": b.subject, "title": b.title, "number": b.number} for b in self.based_on]
        if self.legal is not None:
            out.update(_legal_to_gold(self))
        return out


def _one_per_action(events: tuple[Event, ...]) -> list[Event]:
    """The gold format's one event per (title, action): where the graph keeps it for two
    years or actors, the first told that names agencies (else the first) stands."""
    chosen: dict[tuple[str, str], Event] = {}
    for e in events:
        key = (e.title, e.action)
        if key not in chosen or (e.agencies and not chosen[key].agencies):
            chosen[key] = e
    return list(chosen.values())


def _legal_to_gold(x: Extraction) -> dict:
    """`document`, `history` and `cites` (ANNOTATION.md, additions): history is what the
    题注 says of the text itself; cites are the distinct titles named in articles, or in
    the whole text when it has no articles."""
    info = x.legal
    in_articles = any(p.kind == "条" for p in x.structure)
    cites = _distinct(c.title for c in x.cites if c.article or not in_articles)
    other = _distinct(c.title for c in x.cites if in_articles and not c.article)
    return {
        "document": {
            "title": info.title, "kind": info.kind, "rank": rank_label(info.rank) if info.rank else None,
            "issuers": list(info.issuers), "number": info.number, "date": info.date,
        },
        "history": [
            {"date": h.date, "action": h.action, "body": h.body, "via": h.via}
            for h in x.history
            if h.in_note
        ],
        "cites": cites,
        "cites_other": [t for t in other if t not in cites],
    }


_ARABIC = re.compile(r"[0-9０-９]")


def _distinct(titles) -> list[str]:
    return list(dict.fromkeys(titles))


def _quantity_to_gold(q: Quantity) -> dict:
    out = {
        "text": q.text,
        "value": _plain_number(q.value),
        "unit": q.unit,
        "role": q.role,
        "subject": q.subject,
        "area": q.area,
        "year": q.year,
        **_period(q.period),
        "evidence": q.evidence,
    }
    if q.role == "change" or q.basis is not None:
        out["basis"] = q.basis or ""
    if q.approx:
        out["approx"] = True
    if q.indicator:
        out["indicator"] = q.indicator
    if q.campaign:
        out["campaign"] = q.campaign
    return out


def _period(period: tuple[int, int] | None) -> dict:
    """The gold format's "period": "2021-2025", only where a statement covers several years."""
    return {"period": f"{period[0]}-{period[1]}"} if period else {}


def _plain_number(value: Decimal) -> int | float:
    """JSON number for a Decimal: an int when whole, else a float of the same digits."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
