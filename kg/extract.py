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
from dataclasses import replace
from collections.abc import Iterable
from functools import lru_cache

from kg.catalog import decree_head
from kg.context import DocumentContext, jurisdiction
from kg.document import Document, strip_numbering
from kg.legal import LegalReading, body_agencies, clause_agencies, read_legal
from kg.naming import instrument_key
from kg.policydoc import PolicyReading, approved_title, carried_title, notice_reader, read_policy, title_kind, title_line
from kg.nlp.events import approvals, clause_actors, self_events, sentence_subject
from kg.nlp.grammar import CLOSING, OPENING, clause_end, clause_start, is_han
from kg.nlp.pipeline import make_nlp
from kg.nlp.places import leading_place
from kg.nlp.subjects import DISTRIBUTIVE, spread
from kg.nlp.tokens import keep_text
from kg.records import (
    Agency,
    BasedOn,
    Campaign,
    Citation,
    DocumentRecord,
    Event,
    Extraction,
    HistoryEvent,
    InternalLink,
    Instrument,
    LegalInfo,
    Mention,
    Quantity,
    SectionRecord,
    SentenceRecord,
    Subdivision,
)
from kg.reference import reference
from kg.vocab import EP

_SUBJECT_LEAD = re.compile(
    r"^(?:其中|全年|年内|累计|共计|共|总计|全国|同时|此外|另外|目前|已经|已|并|还|截至\d{4}年(?:底|末)?|"
    r"\d{4}年(?:度|底|末)?|力争|确保|推动|推进|组织|指导|督促|支持|完成|实现|新增)+"
)
_SUBJECT_TRAIL = re.compile(
    r"(?:为|达到|达|是|降到|降至|下降到|下降至|升至|提高到|提高至|提升到|提升至|增加到|增至|完成|实现|超过|"
    r"约|近|共|累计|分别|同比|总计|合计|控制在|保持在|稳定在|首次|已|均|平均|有|涉及)+$"
)
_SUBJECT_TAIL_STOP = re.compile(r"^(?:和|及|与|或|、|等|的|同比|较|比|以上|以下|左右|其中)")
# Subjects that name nothing: the figure takes the subject of the one before it.
_EMPTY_SUBJECTS = {"", "具体", "其中", "分别", "全年", "总计", "累计", "合计"}
# A sentence that opens by breaking down the one before (其中, 分区域看, 从流域看).
_BREAKDOWN = re.compile(r"\s*(?:其中|分(?:区域|地区|流域|地市|行业)看|从(?:区域|地区|流域|行业)看)")

def extract(document: Document) -> Extraction:
    nlp = make_nlp()
    doc = nlp.make_doc(document.text)
    keep_text(doc, document.text)
    doc.user_data["publisher"] = document.metadata.publisher  # resolves 省政府, 省委 …
    doc.user_data["jurisdiction"] = jurisdiction(document)  # …and, without one, 市经信局
    legal = read_legal(document)
    doc.user_data["articles"] = any(p.kind == "条" for p in legal.parts)  # a legal text prescribes documents
    doc.user_data["title_line"] = legal.title_span  # the document's own title, read whole by kg.legal
    for _, component in nlp.pipeline:
        doc = component(doc)
    sections = tuple(_section_record(document, s, doc) for s in document.sections)
    titles = [(t.start, t.end) for t in doc._.titles]
    reader = _Reader(document, DocumentContext(document, tuple(s.campaign for s in sections), titles))
    sentences = tuple(reader.sentence_record(s) for s in document.sentences)
    noted = legal.note_spans if legal.is_instrument else []
    policy = read_policy(
        document.text,
        title_line(document.text, document.metadata.title),
        document.metadata.title,
        [(s.start_char, s.end_char, s.id_) for s in doc.spans["agency"]],
        notice_reader(),
    )
    own = reader.self_events(policy, legal, [(s.start_char, s.end_char, s.id_) for s in doc.spans["agency"]])
    return Extraction(
        document=document_record(document),
        sections=sections,
        sentences=sentences,
        agencies=_with_publisher(tuple(
            _agency(name, mentions, doc.user_data.get("organs", {}))
            for name, mentions in reader.group(_acting(doc.spans["agency"], policy.copied))
        ), document.metadata, doc.user_data.get("organs", {})),
        campaigns=tuple(
            Campaign(name, mentions) for name, mentions in reader.group(doc.spans["campaign"])
        ),
        # the amending decisions a 题注 names (根据《…的决定》修正) are instruments; its events are the history's
        instruments=reader.instruments(doc._.titles, policy)
        + reader.policy_instruments(doc._.titles, policy, own, reader.itself(legal, policy)),
        events=reader.events(_outside_events(doc._.events, noted), doc._.titles, policy, own),
        quantities=tuple(q for match in doc._.quantities for q in reader.quantities(match)),
        based_on=tuple(
            BasedOn(b.subject, carried_title(b.title), b.number, reader.mention(b.start, b.end)) for b in policy.basis
        ),
        **reader.legal(legal, policy),
    )


def _acting(spans, copied: tuple[tuple[int, int], ...]) -> list:
    """The agency mentions outside the 抄送 lines."""
    return [s for s in spans if not any(a <= s.start_char < b for a, b in copied)]


def _agency(name: str, mentions, organs: dict) -> Agency:
    """A body the reference data lacks carries its parent and type from its name's grammar."""
    if name in reference().agencies or name not in organs:
        return Agency(name, mentions)
    organ = organs[name]
    return Agency(name, mentions, organ.parent, organ.organ_type)


def _with_publisher(agencies: tuple[Agency, ...], meta, organs: dict) -> tuple[Agency, ...]:
    """The body the page itself names as its author or source (front matter, a "来源:" line)
    issued the document: one of its agencies even where the text never names it. Its
    evidence is the document's dct:publisher, so it carries no sentence mention. A catalog's
    publisher is the researcher's note about the document, not the document's word."""
    if not meta.publisher or meta.from_catalog or any(a.name == meta.publisher for a in agencies):
        return agencies
    return (*agencies, _agency(meta.publisher, (), organs))


# A clause that dates its action (1990年12月24日国务院发布的《X》) reports it; a time it
# sets as a deadline (到2030年, 于2031年底前) dates no action done.
_DATED = re.compile(r"(?<![到至于])(?P<year>[0-9]{4})年(?![0-9]{0,2}月?[0-9]{0,2}日?(?:底|年底)?前)")


# A purpose clause that opens a sentence, before its verb: 为(深入)贯彻落实…, 为全面实施….
_PURPOSE = re.compile(r"为了?(?:深入|全面|认真|进一步|切实|更好地?)*")


def _year_in(text: str, start: int, end: int) -> int | None:
    """The year of the last date written between start and end that is no deadline."""
    years = [m["year"] for m in _DATED.finditer(text, start, end)]
    return int(years[-1]) if years else None


def _add_event(chosen: OrderedDict, event: Event) -> None:
    """Add a report event, or fold it into the same event told before: same title, action,
    time and status, and agencies that agree (none, or the same ones; the clause naming
    them is kept). Notice and self events are keyed (title, action) and take repeats."""
    base = (event.title, event.action)
    if base in chosen:
        if event.agencies and not chosen[base].agencies:
            chosen[base] = event
        return
    when = (event.status, event.year, event.period)
    for key, told in chosen.items():
        if key[:2] == base and key[2] == when and (not event.agencies or not told.agencies or event.agencies == told.agencies):
            if event.agencies and not told.agencies:
                chosen[key] = event
            return
    chosen[(*base, when, event.agencies)] = event


def _outside_events(events, spans: list[tuple[int, int]]):
    """Events read outside the given spans: a legal text's 题注 is its history, read by
    kg.legal, not a report of events on the titles it names."""
    return [e for e in events if not any(a <= e.trigger_start < b for a, b in spans)]


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

def _section_record(document: Document, section, doc) -> SectionRecord:
    o_start, o_end = document.to_original(section.start, section.end)
    heading_end = section.start + len(section.heading)
    named = [s.id_ for s in doc.spans["campaign"] if section.start <= s.start_char < heading_end]
    return SectionRecord(
        section.index, section.level, section.heading, o_start, o_end, named[0] if named else None
    )


class _Reader:
    """Maps matches in the normalised text to records about the original text."""

    def __init__(self, document: Document, context: DocumentContext):
        self.document = document
        self.text = document.text
        self.context = context

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

    def instruments(self, titles, policy: PolicyReading) -> tuple[Instrument, ...]:
        """One instrument per title, however often and however it is written: with or
        without 《》, quotes or a leading 关于. The 《》 form names it where there is one.
        A notice's own title is no instrument: the document it carries is."""

        grouped: OrderedDict[str, list] = OrderedDict()
        carried = {instrument_key(c.title) for c in policy.carried}
        for match in titles:
            if policy.in_notice_title(match.start) and instrument_key(match.title) not in carried:
                continue
            grouped.setdefault(instrument_key(match.title), []).append(match)
        replaced = _replacements(self.text, titles)
        instruments = []
        for matches in grouped.values():
            named = next((m for m in matches if m.bracketed), matches[0])
            instruments.append(
                Instrument(
                    title=named.title,
                    kind=named.kind,
                    bracketed=named.bracketed,
                    mentions=tuple(self.mention(m.start, m.end) for m in matches),
                    replaces=tuple(sorted({old for m in matches for old in replaced.get(m.title, ())})),
                )
            )
        return tuple(instruments)

    def policy_instruments(self, titles, policy: PolicyReading, own: tuple = (), itself=None) -> tuple[Instrument, ...]:
        """The documents a notice carries and those a preamble speaks for (the text itself,
        an attachment) that the title finder did not name. What a preamble carries out is
        named by its 《title》; the document a cited notice issued is described in the graph
        (kg.rdf) but is not named by this text."""
        known = {instrument_key(m.title) for m in titles if not policy.in_notice_title(m.start)}
        spans = {title: (a, b) for title, a, b in policy.documents}
        wanted = [(c.title, c.start, c.end) for c in policy.carried]
        # a subject whose title is not in the text is named by the sentence that says what it carries out
        wanted += [(b.subject, *spans.get(b.subject, (b.start, b.end))) for b in policy.basis]
        # the document that reports events on itself (制定本方案, 本办法自…起施行) is one
        wanted += [(e.title, *spans.get(e.title, span)) for e, span in own]
        wanted += [itself] if itself else []
        added: OrderedDict[str, Instrument] = OrderedDict()
        for title, start, end in wanted:
            key = instrument_key(title)
            if key not in known and key not in added:
                bracketed = self.text[start - 1 : start] == "《"
                added[key] = Instrument(title, title_kind(title), bracketed, (self.mention(start, end),))
        return tuple(added.values())

    def events(self, matches, titles, policy: PolicyReading, own: tuple = ()) -> tuple[Event, ...]:
        """The events the document reports on its titles. A (title, action) told twice in
        the same time and status is one event, kept from the clause that names its
        agencies; told for another year or by other agencies (印发 by the province in 2021,
        by a city in 2023) it is another event, so that no year or actor is lost. The
        issuance a notice makes of the document it carries is read from the notice's
        title, signature and number, and stands first."""

        chosen: OrderedDict[tuple, Event] = OrderedDict()
        names = {instrument_key(i.title): i.title for i in self.instruments(titles, policy)}
        for carried in policy.carried:
            title = names.get(instrument_key(carried.title), carried.title)
            line_start = self.text.rfind("\n", 0, carried.start) + 1
            line_end = self.text.find("\n", carried.end)
            chosen[(title, carried.action)] = Event(
                title=title,
                action=carried.action,
                agencies=policy.issuers,
                status="reported",
                year=int(policy.date[:4]) if policy.date else None,
                evidence=self.text[line_start : line_end if line_end >= 0 else len(self.text)].strip(),
                mention=self.mention(carried.start, carried.end),
                date=policy.date,
                number=policy.number,
            )
        from_notice = set(chosen)
        for event, _ in own:
            title = names.get(instrument_key(event.title), event.title)
            if not any(k[:2] == (title, event.action) for k in chosen):
                chosen[(title, event.action)] = event
        for match in matches:
            if policy.in_notice_title(match.trigger_start):
                continue  # read above, with the notice's signature and number
            title = names[instrument_key(titles[match.title_index].title)]
            sentence = self.document.sentence_at(match.trigger_start)
            context = self.context.at(max(match.clause_start, sentence.start), sentence)
            # the year of the last date before the verb in its clause (a rule's 1990年…发布、
            # 1994年…修订发布的《X》: 1990, then 1994), where the context gives none
            dated = _year_in(self.text, match.clause_start, match.trigger_start)
            # a relative clause (落实国务院2029年印发的《X》) or a verb marked done (制定了《X》,
            # 《X》已印发) reports a done act; in a plan, of the year it dates or of none
            done = match.relative or (match.done and not match.prescribed)
            past = match.relative or (done and context.goal)
            # the purpose a text opens with (为深入贯彻落实《X》，制定本方案) is what the text does by
            # being issued: X's implementation, told in the text's own year
            purpose = (match.clause_start == 0 or self.text[match.clause_start - 1] in "\n。") and bool(
                _PURPOSE.fullmatch(self.text, match.clause_start, match.trigger_start)
            )
            issued_year = int(policy.date[:4]) if policy.date else None
            event = Event(
                title=title,
                action=match.action,
                agencies=match.agencies,
                status="reported" if done or purpose else self._status(match, context, dated),
                year=issued_year if purpose else dated if past else context.year if context.year is not None else dated,
                period=None if past or purpose else context.period,
                evidence=self.text[match.clause_start : match.clause_end].strip(),
                mention=self.mention(
                    min(match.clause_start, match.trigger_start), max(match.clause_end, match.trigger_end)
                ),
            )
            if (title, match.action) in from_notice:
                continue  # the notice's own issuance, read from its title and signature
            _add_event(chosen, event)
        return tuple(chosen.values())

    def _status(self, match, context, dated: int | None) -> str:
        """A plan's tasks are planned, and so is what a modal asks or allows (应当编制) and
        what an article of a law or rule says with no time of its own (…主管部门制定国家…
        标准 is a standing duty); 1990年…发布的《X》 (dated) is reported."""
        standing = self.context.normative and context.year is None and dated is None
        return "planned" if context.goal or match.prescribed or standing else "reported"

    def self_events(
        self, policy: PolicyReading, legal: LegalReading, agencies: list[tuple[int, int, str]] = ()
    ) -> tuple[tuple[Event, tuple[int, int]], ...]:
        """The events a legal text or policy document reports on itself: the formulae of
        its own text (制定本方案, 现印发给你们, 请认真贯彻执行, 本办法自…起施行) and its
        history (公布 is its Issuance, 修正 its Revision, 施行 its Implementation). Each
        is about the document that holds it: the one a notice carries, an attachment, or
        the text itself. Each comes with its span in the normalised text. Its agencies are
        those its clause names before it (国家发展改革委会同有关部门对本意见落实情况开展评估); an
        issuance that names none is by the document's issuers (a decree's 现予公布)."""
        if not legal.is_instrument:
            return ()
        documents = sorted((start, title) for title, start, _ in policy.documents)
        own = legal.title or self.document.metadata.title
        approved = approved_title(own)
        if approved and not policy.carried:
            documents = [(0, approved)]  # a reply's 请…组织实施 asks it of the document it approves
        carried = [c.title for c in policy.carried]

        def subjects(pos: int) -> list[str]:
            if len(carried) > 1 and (policy.body is None or pos < policy.body):
                return carried  # a notice that issues several documents asks it of each
            return [next((t for s, t in reversed(documents) if s <= pos), documents[0][1] if documents else own)]

        events = []
        approving = approvals(self.text)
        # a decree's issuer is its head (国务院令, 生态环境部令); its signer is a person
        head = decree_head(self.text)
        decreed = tuple(a for a in body_agencies(head) if a in reference().agencies) if head else ()
        for found in self_events().find(self.text):
            start, end = clause_start(self.text, found.start), clause_end(self.text, found.end)
            issued = found.action == "Issuance"
            # the body a formula assigns (本规划由省林业局…组织实施) acts as those before it do
            named = clause_actors(self.text, list(agencies), approving, start, found.end)
            named = named or sentence_subject(self.text, list(agencies), found.start)
            for title in subjects(found.start):
                events.append((Event(
                    title=title, action=found.action,
                    agencies=named or ((policy.issuers or legal.issuers or decreed) if issued else ()),
                    # a formula that dates itself (本办法自2031年5月1日起施行) gives its year
                    status=found.status, year=int(policy.date[:4]) if issued and policy.date else _year_in(self.text, found.start, found.end),
                    evidence=self.text[start:end].strip(), mention=self.mention(found.start, found.end),
                ), (found.start, found.end)))
        to_report = reference().history_as_report
        for c in legal.note + legal.events:
            if c.action in to_report and (c.subject is None or c.subject == legal.title) and own:
                events.append((Event(
                    title=own, action=to_report[c.action], agencies=clause_agencies(c, legal.issuers),
                    status="reported", year=int(c.date[:4]) if c.date else None,  # the dated entry is the history's
                    evidence=self.text[c.start : c.end], mention=self.mention(c.start, c.end),
                ), (c.start, c.end)))
        return tuple(events)

    def own_span(self, legal: LegalReading) -> tuple[int, int] | None:
        """Where the document names itself: its title line, or, for a title only the catalog
        or front matter gives, the text's opening, where the document presents itself
        (…作出如下工作安排)."""
        if legal.title_span is None and legal.is_instrument and self.document.sentences:
            first = self.document.sentences[0]
            return first.start, first.end
        return legal.title_span

    def itself(self, legal: LegalReading, policy: PolicyReading) -> tuple[str, int, int] | None:
        """A legal text or policy document is an instrument of its own, whether or not it
        reports an act on itself (a list, a directory, a 纪要 has no 本办法自…起施行), when it
        has the form of one: articles, a 题注, a 文号 or 成文日期, or a place in a collection
        of such texts (a news headline may end in a kind: …方案出炉 部署十大重点工程). A
        notice that carries a document is not: the document it carries is."""
        span = self.own_span(legal)
        formal = legal.parts or legal.note or legal.number or policy.number or policy.date or self.document.metadata.category
        if not (legal.is_instrument and legal.kind and span and formal) or policy.carried:
            return None
        return legal.title, *span

    def legal(self, legal: LegalReading, policy: PolicyReading) -> dict:
        """The document as an instrument: its info, parts, history and citations. A
        report is no instrument: it keeps only what it says of the titles it names. A
        policy document's number, date and signers come from its own grammar (版头, 署名,
        成文日期) where a legal text's 题注 gives none."""
        if not legal.is_instrument:
            legal = replace(legal, note=[], events=[c for c in legal.events if c.subject], parts=[], citations=[], links=[])
        span = self.own_span(legal)
        info = LegalInfo(
            title=legal.title,
            kind=legal.kind,
            rank=legal.rank,
            issuers=legal.issuers if legal.note or not policy.issuers else policy.issuers,
            # without a 题注, a number in the opening lines after a cited 《title》 is that
            # title's: the policy reading tells the text's own 发文字号 from it
            number=(legal.number or policy.number) if legal.note else policy.number,
            date=legal.date or policy.date,
            mention=self.mention(*span) if span else None,
        )
        structure = tuple(
            Subdivision(p.kind, p.number, p.label, *self.document.to_original(p.start, p.end), p.parent)
            for p in legal.parts
        )
        history = tuple(
            HistoryEvent(
                date=c.date, action=c.action, body=c.body, via=c.via, evidence=self.text[c.start : c.end],
                agencies=clause_agencies(c, legal.issuers),
                subject=c.subject or legal.title, in_note=c in legal.note,
                mention=self.mention(c.start, c.end),
            )
            for c in legal.note + legal.events
        )
        cites = tuple(
            Citation(c.title, article.label if article else None, self.mention(c.start, c.end))
            for c, article in legal.citations
        )
        links = tuple(InternalLink(k.source, k.target, self.mention(k.start, k.end)) for k in legal.links)
        return {"legal": info if legal.is_instrument else None, "history": history, "cites": cites,
                "structure": structure, "links": links}

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

    def quantities(self, match) -> list[Quantity]:
        """The figure, or one figure per subject where 分别 spreads coordinated subjects over
        it (化学需氧量、氨氮排放总量分别下降8%、10%; 化肥、农药利用率分别达到43%)."""
        quantity = self.quantity(match)
        sentence = self.document.sentence_at(match.start)
        stretch = self.text[max(sentence.start, clause_start(self.text, match.start)) : match.end]
        subjects = spread(stretch, self.text[match.end : sentence.end], _trim_lead)
        if not subjects:
            return [quantity]
        relative = quantity.basis is not None
        return [
            replace(quantity, subject=s, indicator=None if self._rule(match, quantity.year) else _indicator(s, match.unit, quantity.role, relative=relative))
            if s
            else quantity
            for s in subjects
        ]

    def _rule(self, match, year: int | None) -> bool:
        """Does the figure state a rule (a threshold, a time limit, a fine's bound, any undated
        figure of a law)? It measures no headline series: 处200元罚款 is no sum of fines
        collected, 排放浓度不高于50毫克/立方米 no concentration measured."""
        return match.standing or (self.context.normative and year is None)

    def quantity(self, match) -> Quantity:
        sentence = self.document.sentence_at(match.start)
        before = self.text[sentence.start : match.start]
        context = self.context.at(match.start, sentence, goal=match.role == "target")
        # a goal set as a change (到2025年…比2020年下降13.5%) is a target that keeps its
        # sign and its basis; a goal set as a share (占比达到50%) is a target too
        role = "target" if match.role in ("level", "change", "share") and context.goal else match.role
        value, basis = match.value, match.basis
        if match.standing:  # a rule's threshold, time limit or fine: a level for no year
            role, context = "level", replace(context, year=None, period=None)
        elif self.context.normative and match.role in ("change", "share") and match.approx:
            # a law's or a list's bounded change or share (产能增加30%及以上的, 占…比例30%以下的)
            # is the threshold of a rule, not one measured in a year: a level, as written
            role, value, basis = "level", abs(match.value), None
            context = replace(context, year=None, period=None)
        elif match.requirement:  # a standard for each new work holds for no one year
            context = replace(context, year=None, period=None)
        elif match.baseline:  # 从A增至B: A is a level of an earlier time the text leaves unstated
            role, context = "level", replace(context, year=None, period=None)
        cell = self.context.tables.at(match.start)
        if cell is not None:  # a table's figure measures what its row names, or its column
            subject = _table_subject(*cell)  # where the rows name places
        else:
            subject = _subject(self.text, sentence.start, match.start, match.end, sentence.end)
        # 同比下降2.7%, 好于年度目标2.9…, 具体为29.3…: what the figure before measured.
        previous = getattr(self, "_previous_subject", None)
        if previous and previous[0] == sentence.index and (
            match.role in ("change", "target_gap") and not _names_a_measure(subject) or subject in _EMPTY_SUBJECTS
        ):
            subject = previous[1]
        elif previous and previous[0] == sentence.index - 1 and not subject and _BREAKDOWN.match(self.text, sentence.start):
            subject = previous[1]  # 其中,长江流域为98.1%: the parts of the figure the sentence before gave
        self._previous_subject = (sentence.index, subject)
        return Quantity(
            text=self.text[match.start : match.end],
            value=value,
            unit=match.unit,
            role=role,
            subject=subject,
            area=context.area.label_zh if context.area else "",
            area_id=str(context.area.iri) if context.area else None,
            year=context.year,
            period=context.period,
            basis=basis,
            approx=match.approx,
            evidence=self.text[sentence.start : sentence.end].strip(),
            mention=self.mention(match.start, match.end),
            indicator=None if self._rule(match, context.year) else _indicator(subject, match.unit, role, relative=basis is not None),
            campaign=context.campaign,
        )

def _table_subject(grid, row: int, column: int) -> str:
    """What a table's figure measures: its row's label, or, where the label is only a place
    (| 甲县 | 27 | 91.2 |), its column's header without the unit's bracket."""
    label = grid.label(row, with_unit=False)
    if label and leading_place(label) == len(label):
        return re.sub(r"[(（][^()（）]*[)）]\s*$", "", grid.header(column)).strip() or label
    return label


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of ``text`` between , ; : 、, ignoring those inside
    brackets and quotes (近岸海域优良(一、二类)海水水质面积比例 is one part)."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in OPENING:
            depth += 1
        elif c in CLOSING:
            depth = max(0, depth - 1)
        elif depth == 0 and c in ",;，；:：、。":
            parts.append((start, i))
            start = i + 1
    parts.append((start, len(text)))
    return parts


# 《A》替代《B》, 以《A》取代《B》; 将《B》修订为《A》: A replaces B.
_REPLACES = re.compile(r"^\)?(?:\(以下简称[^()]*\))?(?:同时|正式|全面)?(?:替代|取代|代替)$")
_REVISED_INTO = re.compile(r"^修订为$")


def _replacements(text: str, titles) -> dict[str, set[str]]:
    """new title → the titles the text says it replaces, read between two titles of one clause."""
    found: dict[str, set[str]] = {}
    ordered = sorted((t for t in titles if t.bracketed), key=lambda t: t.start)
    for first, second in zip(ordered, ordered[1:]):
        between = text[first.end + 1 : second.start - 1]
        if _REPLACES.match(between):
            found.setdefault(first.title, set()).add(second.title)
        elif _REVISED_INTO.match(between) and text[max(0, first.start - 2) : first.start - 1].endswith("将"):
            found.setdefault(second.title, set()).add(first.title)
    return found


def _subject(text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> str:
    """A short phrase naming what is measured: the noun phrase after the figure when the
    figure stands before one (完成1040个行政村生活污水治理), else the clause before it,
    trimmed of lead words (其中, 累计, 推动 …) and of the verb that links it to the figure."""
    following = text[end:sentence_end]
    tail_end = _clauses(following)[0][1]
    tail = re.split(r"[0-9]|同比|环比|(?:较|比|与)(?=上年|去年|“|[0-9])", following[:tail_end], maxsplit=1)[0].strip()
    tail = _SUBJECT_TRAIL.sub("", tail)
    if tail.startswith("的") and len(tail) >= 3:
        tail = tail[1:]  # X%的N: a part of N (30%的城市 measures 城市)
    if len(tail) >= 2 and not _SUBJECT_TAIL_STOP.match(tail) and is_han(tail[0]):
        return tail[:24]
    head = text[sentence_start:start]
    head = head[_phrase_start(head) :]
    head = head[_unclosed_bracket(head) + 1 :].strip()  # 5.59万件(其中办理五类案件4426件
    head = _trim_lead(head)
    # a subject never opens with a conjunction nor runs into a 分别 list (和重点海湾整治完成率
    # 分别达到90%和 is a fragment)
    head = re.split(rf"分别|{DISTRIBUTIVE}(?=[\u4e00-\u9fff]{{0,4}}$)", head)[0]
    subject = _SUBJECT_TRAIL.sub("", re.sub(r"^(?:以及|和|及|与|或)", "", head)).strip()
    return subject[-24:]


def _trim_lead(head: str) -> str:
    """The noun phrase without its numbering, lead words and place (2.产能, 第三条 …,
    全国累计, 北京市全年)."""
    head = strip_numbering(head)
    for _ in range(3):  # lead words and a place may come in any order
        trimmed = _SUBJECT_LEAD.sub("", head)
        place = leading_place(trimmed)
        if not re.match(r"以及|和|及|与|、", trimmed[place:]):  # 七大流域和重点海湾… lists the place
            trimmed = trimmed[place:]
        if trimmed == head:
            break
        head = trimmed
    return head


def _phrase_start(head: str) -> int:
    """Where the noun phrase before a figure starts: after the last break of the clause,
    where 、 counts as a break only after an item with its own figure (…33万余个、入海排污口),
    not between coordinated nouns (城市、农村黑臭水体 is one subject)."""
    parts = _clauses(head)
    i = len(parts) - 1
    while i > 0 and head[parts[i - 1][1]] == "、" and not re.search(r"[0-9]", head[parts[i - 1][0] : parts[i - 1][1]]):
        i -= 1
    return parts[i][0]


def _unclosed_bracket(text: str) -> int:
    """Index of the last opening bracket of ``text`` that is not closed, else -1."""
    opened: list[int] = []
    for i, c in enumerate(text):
        if c in "(（":
            opened.append(i)
        elif c in ")）" and opened:
            opened.pop()
    return opened[-1] if opened else -1


def _names_a_measure(subject: str) -> bool:
    return bool(subject) and subject not in _EMPTY_SUBJECTS and _indicator(subject) is not None


@lru_cache(maxsize=1)
def _indicator_units() -> dict[str, str]:
    ref = reference()
    return {
        notation: str(ref.graph.value(concept.iri, EP.unitLabel) or "")
        for notation, concept in ref.indicators.items()
    }


# A range of water-quality classes is written with any dash or tilde (Ⅰ—Ⅲ类, Ⅰ~Ⅲ类, I-III类).
_CLASS_RANGE = re.compile(r"(?<=[ⅠⅡⅢⅣⅤIV])\s*[—–~～-]+\s*(?=[ⅠⅡⅢⅣⅤIV])")


def _one_dash(text: str) -> str:
    return _CLASS_RANGE.sub("—", text)


@lru_cache(maxsize=1)
def _indicator_surfaces() -> dict:
    """The indicators' surface forms with their class ranges written one way."""
    surfaces: dict = {}
    for surface, concept in reference().indicator_surfaces.items():
        surfaces.setdefault(_one_dash(surface), concept)
    return surfaces


def _indicator(subject: str, unit: str | None = None, role: str = "level", relative: bool = False) -> str | None:
    """The headline indicator the subject names, if the figure's unit fits it (a count of
    重点湖(库) is not the lakes' good-quality share; a change, or a target set as one
    against a base (``relative``: 比2020年下降8%), may be in % or 百分点).
    ``unit`` None: any unit."""
    units = _indicator_units()
    best = None
    subject = _one_dash(subject)
    for surface, concept in _indicator_surfaces().items():
        if surface not in subject or (best is not None and len(surface) <= len(best[0])):
            continue
        expected = units.get(concept.notation or "", "")
        fits = (
            unit is None
            or unit == expected
            or ((role == "change" or relative) and unit in ("%", "百分点"))
            or (expected == "%" and unit == "百分点")
        )
        if fits:
            best = (surface, concept)
    return best[1].notation if best else None
