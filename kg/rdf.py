"""Extraction records → the RDF of one document, destined for its own named graph.

Every extracted node carries its provenance: prov:wasDerivedFrom an ep:Mention (a NIF
phrase with the character span in the original text, its sentence and, through the
sentence, its section) and prov:hadPrimarySource the ep:Document. Agencies, campaigns,
units and indicators are reference concepts shared by all documents; a document's graph
only adds its mentions of them.
"""

from __future__ import annotations

from kg.legal.graph import LegalTriples, descriptions
from kg.naming import instrument_key, national_instrument, split_qualifier
from kg.policydoc import title_kind
from kg.records import Agency, BasedOn, Event, Extraction, Mention, Quantity
from kg.reference import Reference, reference
# Oxigraph terms under rdflib's names (kg/terms.py): the graph is written by Oxigraph
from kg.terms import (
    DCTERMS,
    ELI,
    EP,
    NIF,
    ORG,
    PROV,
    QB,
    RDF,
    RDFS,
    SDMX_ATTRIBUTE,
    SDMX_DIMENSION,
    SDMX_MEASURE,
    SKOS,
    TIME,
    XSD,
    Literal,
    URIRef,
    as_rdflib,
    mint,
    node as _term,
)
from kg.vocab import digest


def instrument_iri(title: str) -> URIRef:
    return mint("instrument", instrument_key(title))


def document_iri(doc_id: str) -> URIRef:
    return mint("document", doc_id)


def _year(value: int) -> Literal:
    return Literal(f"{value:04d}", datatype=XSD.gYear)


def _count(value: int) -> Literal:
    # xsd:integer, not nonNegativeInteger: Oxigraph stores derived integer types as
    # xsd:integer, and the shapes check the sign with sh:minInclusive instead.
    return Literal(value, datatype=XSD.integer)


class _DocumentGraph:
    def __init__(self, extraction: Extraction, ref: Reference):
        self.ex = extraction
        self.ref = ref
        # an insertion-ordered set: an rdflib Graph indexes every triple three ways, which
        # cost more than the extraction itself on large documents, and nothing queries it
        self.triples: dict[tuple, None] = {}
        self.doc_id = extraction.document.id
        self.doc = document_iri(self.doc_id)
        self.sentences = {s.index: s for s in extraction.sentences}

    def add(self, s, p, o) -> None:
        # a subject or object may be a reference concept's IRI, an rdflib term
        self.triples[(_term(s), p, _term(o))] = None

    def build(self) -> list[tuple]:
        self.document()
        for section in self.ex.sections:
            self.section(section)
        for sentence in self.ex.sentences:
            self.sentence(sentence)
        for agency in self.ex.agencies:
            node = self.agency(agency.name, agency)
            for mention in agency.mentions:
                self.derive(node, mention)
        for campaign in self.ex.campaigns:
            for mention in campaign.mentions:
                self.derive(self.ref.campaigns[campaign.name].iri, mention)
        for instrument in self.ex.instruments:
            self.instrument(instrument)
        for event in self.ex.events:
            if not self.restates_history(event):
                self.event(event)
        for quantity in self.ex.quantities:
            self.quantity(quantity)
        for based in self.ex.based_on:
            self.based_on(based)
        LegalTriples(self, self.ex, self.ref, instrument_iri).add_all()
        return list(self.triples)

    def agency(self, name: str, record: Agency | None = None) -> URIRef:
        """The reference agency of that name, else a body read from its name's grammar:
        described in the document graph, with its type and its parent (org:subOrganizationOf)."""
        if name in self.ref.agencies:
            return self.ref.agencies[name].iri
        node = mint("agency", name)
        self.add(node, RDF.type, EP.Agency)
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, SKOS.prefLabel, Literal(name, lang="zh"))
        self.add(node, RDFS.label, Literal(name, lang="zh"))
        if record is not None:
            organ = next((t for ts in self.ref.organ_endings.values() for t in ts if t.notation == record.organ_type), None)
            if organ is not None:
                self.add(node, ORG.classification, organ.iri)
            if record.parent:
                self.add(node, ORG.subOrganizationOf, self.agency(record.parent))
        return node

    def document(self) -> None:
        d = self.ex.document
        self.add(self.doc, RDF.type, EP.Document)
        self.add(self.doc, DCTERMS.identifier, Literal(d.id))
        self.add(self.doc, DCTERMS.title, Literal(d.title, lang="zh"))
        self.add(self.doc, RDFS.label, Literal(d.title, lang="zh"))
        self.add(self.doc, EP.fileName, Literal(d.file_name))
        self.add(self.doc, EP.contentHash, Literal(d.content_hash))
        self.add(self.doc, DCTERMS.language, Literal(d.script))
        if d.publisher:
            agency = self.ref.agencies.get(d.publisher)
            self.add(self.doc, DCTERMS.publisher, agency.iri if agency else Literal(d.publisher, lang="zh"))
        if d.published:
            datatype = XSD.date if len(d.published) == 10 else XSD.gYear
            self.add(self.doc, DCTERMS.issued, Literal(d.published, datatype=datatype))
        if d.kind and d.kind in self.ref.document_kinds:
            self.add(self.doc, EP.documentKind, self.ref.document_kinds[d.kind].iri)
        for period, first, last in ((d.reviews, EP.reviewsFrom, EP.reviewsTo), (d.plans, EP.plansFrom, EP.plansTo)):
            if period:
                self.add(self.doc, first, _year(period[0]))
                self.add(self.doc, last, _year(period[1]))
        if d.source:
            self.add(self.doc, DCTERMS.source, URIRef(d.source))

    def section(self, section) -> None:
        node = mint("section", self.doc_id, section.index)
        self.add(node, RDF.type, EP.Section)
        self.add(node, RDFS.label, Literal(section.heading, lang="zh"))
        self.add(node, NIF.beginIndex, _count(section.start))
        self.add(node, NIF.endIndex, _count(section.end))
        self.add(node, NIF.referenceContext, self.doc)
        self.add(node, EP.sectionLevel, _count(section.level))
        self.add(node, EP.sectionIndex, _count(section.index))
        if section.campaign:
            self.add(node, EP.headingCampaign, self.ref.campaigns[section.campaign].iri)

    def sentence(self, sentence) -> None:
        node = mint("sentence", self.doc_id, sentence.index)
        self.add(node, RDF.type, EP.Sentence)
        self.add(node, NIF.beginIndex, _count(sentence.start))
        self.add(node, NIF.endIndex, _count(sentence.end))
        self.add(node, NIF.anchorOf, Literal(sentence.text))
        self.add(node, NIF.referenceContext, self.doc)
        self.add(node, EP.sentenceIndex, _count(sentence.index))
        if sentence.section is not None:
            self.add(node, EP.inSection, mint("section", self.doc_id, sentence.section))

    def period(self, node: URIRef, period: tuple[int, int] | None) -> None:
        """A statement covering several years points (time:hasTime) to an OWL-Time interval
        shared by every statement of the same years; refPeriod keeps the last year, so
        year series still join on one gYear."""
        if not period:
            return
        interval = mint("period", f"{period[0]}-{period[1]}")
        self.add(node, TIME.hasTime, interval)
        self.add(interval, RDF.type, TIME.ProperInterval)
        self.add(interval, RDFS.label, Literal(f"{period[0]}-{period[1]}"))
        for edge, year in ((TIME.hasBeginning, period[0]), (TIME.hasEnd, period[1])):
            instant = mint("year", year)
            self.add(interval, edge, instant)
            self.add(instant, RDF.type, TIME.Instant)
            self.add(instant, TIME.inXSDgYear, _year(year))

    def derive(self, node: URIRef, mention: Mention) -> URIRef:
        """Record that ``node`` was read at ``mention``."""
        m = mint("mention", self.doc_id, mention.start, mention.end)
        self.add(m, RDF.type, EP.Mention)
        self.add(m, NIF.beginIndex, _count(mention.start))
        self.add(m, NIF.endIndex, _count(mention.end))
        self.add(m, NIF.anchorOf, Literal(mention.text))
        self.add(m, NIF.referenceContext, self.doc)
        self.add(m, NIF.sentence, mint("sentence", self.doc_id, mention.sentence))
        self.add(m, EP.mentionOf, node)
        self.add(node, EP.hasMention, m)
        self.add(node, PROV.wasDerivedFrom, m)
        self.add(node, PROV.hadPrimarySource, self.doc)
        return m

    def _in_brackets(self, mention: Mention) -> bool:
        sentence = self.sentences[mention.sentence]
        before = mention.start - sentence.start - 1
        return 0 <= before < len(sentence.text) and sentence.text[before] == "《"

    def instrument(self, instrument) -> None:
        # What the instrument is (title, kind, versions, what it transposes) is shared by
        # every document that names it and lives once in the instruments graph
        # (instrument_descriptions); this document's graph holds its mentions of it.
        node = instrument_iri(instrument.title)
        for mention in instrument.mentions:
            # how the title is written is a fact about each mention, not the instrument
            self.add(self.derive(node, mention), EP.bracketed, Literal(self._in_brackets(mention)))
        for old in instrument.replaces:
            # what this document says, so it stays in this document's graph
            self.add(node, DCTERMS.replaces, instrument_iri(old))

    def restates_history(self, event: Event) -> bool:
        """Is the event a legal text's own history told again (公布 as Issuance, 施行 as
        Implementation: the gold format's events)? The graph holds that history once, as
        dated history events with their meeting and decision; a second node from the same
        words would double a law's timeline."""
        key, m = instrument_key(event.title), event.mention
        return any(
            h.subject and h.mention and instrument_key(h.subject) == key and m.start < h.mention.end and h.mention.start < m.end
            for h in self.ex.history
        )

    def event(self, event: Event) -> None:
        action = self.ref.actions[event.action]
        # one node per event the document tells: the same action on one title in another
        # year, status or by other agencies is another event (kg.extract folds repeats)
        node = mint("event", self.doc_id, digest(
            instrument_key(event.title), event.action, event.status, event.year, event.period, *event.agencies
        ))
        self.add(node, RDF.type, EP.PolicyEvent)
        self.add(node, RDF.type, PROV.Activity)
        self.add(node, RDFS.label, Literal(f"{action.label_zh}《{event.title}》", lang="zh"))
        self.add(node, EP.actionType, action.iri)
        self.add(node, PROV.used, instrument_iri(event.title))
        self.add(node, EP.eventStatus, self.ref.statuses[event.status].iri)
        self.add(node, EP.evidence, Literal(event.evidence, lang="zh"))
        if event.year is not None:
            self.add(node, EP.year, _year(event.year))
        self.period(node, event.period)
        for name in event.agencies:
            self.add(node, PROV.wasAssociatedWith, self.agency(name))
        if event.date:
            self.add(node, DCTERMS.date, Literal(event.date, datatype=XSD.date))
        if event.number or event.date:
            # the notice that issues a document gives it its number, date and issuers
            instrument = instrument_iri(event.title)
            if event.number:
                self.add(node, DCTERMS.identifier, Literal(event.number))
                self.add(instrument, ELI.id_local, Literal(event.number))
            if event.date:
                self.add(instrument, ELI.date_document, Literal(event.date, datatype=XSD.date))
            for name in event.agencies:
                self.add(instrument, ELI.passed_by, self.agency(name))
        self.derive(node, event.mention)

    def based_on(self, based: BasedOn) -> None:
        """What a text says it carries out: eli:based_on, and the number it gives the title
        (so a title cited in another form still meets its instrument by its number)."""
        target = instrument_iri(based.title)
        self.add(instrument_iri(based.subject), ELI.based_on, target)
        if based.number:
            self.add(target, ELI.id_local, Literal(based.number))
        self.derive(target, based.mention)

    def quantity(self, q: Quantity) -> None:
        node = mint("quantity", self.doc_id, q.mention.start, digest(q.text))
        self.add(node, RDF.type, EP.Quantity)
        self.add(node, RDF.type, QB.Observation)
        self.add(node, RDFS.label, Literal(q.text, lang="zh"))
        self.add(node, SDMX_MEASURE.obsValue, Literal(q.value, datatype=XSD.decimal))
        self.add(node, EP.unitLabel, Literal(q.unit))
        unit = self.ref.units.get(q.unit)
        if unit:
            self.add(node, SDMX_ATTRIBUTE.unitMeasure, unit.iri)
        self.add(node, EP.role, self.ref.roles[q.role].iri)
        if q.subject:
            self.add(node, EP.subjectText, Literal(q.subject, lang="zh"))
        if q.area:
            self.add(node, EP.areaLabel, Literal(q.area, lang="zh"))
        if q.area_id:
            self.add(node, SDMX_DIMENSION.refArea, URIRef(q.area_id))
        if q.year is not None:
            self.add(node, SDMX_DIMENSION.refPeriod, _year(q.year))
        self.period(node, q.period)
        if q.basis is not None:
            self.add(node, EP.basis, Literal(q.basis))
        self.add(node, EP.approximate, Literal(q.approx))
        if q.indicator and q.indicator in self.ref.indicators:
            self.add(node, EP.measures, self.ref.indicators[q.indicator].iri)
        if q.campaign:
            self.add(node, EP.campaign, self.ref.campaigns[q.campaign].iri)
        self.derive(node, q.mention)


def instrument_descriptions(extraction: Extraction) -> list[tuple]:
    """What the instruments a document names are: type, title, kind, version, the national
    instrument a local one carries out. These triples are the same whichever document names
    the instrument, so a build keeps them once, in the instruments graph
    (kg.vocab.INSTRUMENTS_GRAPH), rather than in every document's graph: repeated in
    hundreds of graphs they multiply every join over the union of the graphs."""
    ref = reference()
    g: dict[tuple, None] = {}

    def add(s, p, o) -> None:
        g[(_term(s), p, _term(o))] = None

    named = {i.title: i.kind for i in extraction.instruments}
    for b in extraction.based_on:
        # what a text carries out may be a document only its notice names (国务院关于印发X的通知 → X)
        for title in (b.subject, b.title):
            named.setdefault(title, title_kind(title))
    for title, kind in named.items():
        node = instrument_iri(title)
        add(node, RDF.type, EP.PolicyInstrument)
        add(node, DCTERMS.title, Literal(title, lang="zh"))
        add(node, RDFS.label, Literal(title, lang="zh"))
        add(node, EP.instrumentKind, ref.kinds[kind].iri)
        base, qualifier = split_qualifier(title)
        if qualifier:
            # versions of one instrument share a base title (…方案(2023—2030年), …(试行))
            add(node, EP.baseTitle, Literal(base, lang="zh"))
            add(node, EP.versionQualifier, Literal(qualifier, lang="zh"))
        national = national_instrument(base, list(ref.title_suffixes))
        if national:
            # a local plan carrying out a national one (…行动计划四川省工作方案)
            national_title, _place = national
            add(node, ELI.transposes, instrument_iri(national_title))
            add(instrument_iri(national_title), DCTERMS.title, Literal(national_title, lang="zh"))
    for triple in descriptions(extraction, ref, instrument_iri):
        add(*triple)
    return list(g)


def document_graph_triples(extraction: Extraction) -> list[tuple]:
    """The triples (Oxigraph terms) of one document's named graph, without duplicates
    (the graph name is kg.vocab.document_graph(extraction.document.id))."""
    return _DocumentGraph(extraction, reference()).build()


def document_triples(extraction: Extraction) -> list[tuple]:
    """The same triples as rdflib terms."""
    return [tuple(map(as_rdflib, triple)) for triple in document_graph_triples(extraction)]
