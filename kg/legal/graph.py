"""A legal text's records → RDF: the text as an instrument (eli:LegalResource) with its rank,
issuers, number and dates; its parts (eli:LegalResourceSubdivision, eli:has_part); its
history as events on the instrument (with the meeting as written, the agency behind it and
the amending decision, itself an instrument that eli:amends each law it names); what it
cites, from the document and from each article (eli:cites); and the references between its
own parts (本法第十条, 前款: eli:cites from the citing article or paragraph to the part).

The triples of what an instrument is (type, title, kind, rank) are the same in every
document and go to the shared instruments graph (`descriptions`); the rest is what this
document says and stays in its own graph (`add_legal`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from kg.naming import instrument_key, split_qualifier
from kg.nlp.titles import TitleKinds
from kg.records import Extraction, HistoryEvent
from kg.reference import Reference
# Oxigraph terms under rdflib's names, as in kg/rdf.py (kg/terms.py)
from kg.terms import DCTERMS, ELI, EP, NIF, PROV, RDF, RDFS, XSD, Literal, URIRef, mint
from kg.vocab import digest

# Titles inside a decision's title: 关于修改<中华人民共和国森林法>等十五部法律的决定
_INNER_TITLE = re.compile(r"[<〈《]([^<>〈〉《》]+)[>〉》]")


def part_iri(doc_id: str, index: int) -> URIRef:
    return mint("part", doc_id, index)


def named_titles(extraction: Extraction) -> Iterator[tuple[str, str | None]]:
    """(title, rank) of every instrument a legal text is, cites or names in its history."""
    legal = extraction.legal
    if legal is not None:
        yield legal.title, legal.rank
    for cited in extraction.cites:
        yield cited.title, None
    for event in extraction.history:
        yield event.subject, None
        if event.via:
            yield event.via, None
            for inner in _INNER_TITLE.findall(event.via):
                yield inner, None


def descriptions(extraction: Extraction, ref: Reference, iri: Callable[[str], URIRef]) -> Iterator[tuple]:
    """What each of those instruments is, for the shared instruments graph."""
    kinds = TitleKinds(ref.title_suffixes)
    for title, rank in named_titles(extraction):
        node = iri(title)
        yield node, RDF.type, EP.PolicyInstrument
        yield node, RDF.type, ELI.LegalResource
        yield node, DCTERMS.title, Literal(title, lang="zh")
        yield node, RDFS.label, Literal(title, lang="zh")
        kind = kinds.kind_of(split_qualifier(title)[0]) or "Other"
        yield node, EP.instrumentKind, ref.kinds[kind].iri
        if rank:
            yield node, EP.legalRank, ref.legal_ranks[rank].iri


class LegalTriples:
    """Adds a legal text's own facts to a document graph builder (kg.rdf._DocumentGraph):
    uses its `add`, `derive` (provenance) and `agency` (agency IRIs)."""

    def __init__(self, graph, extraction: Extraction, ref: Reference, iri: Callable[[str], URIRef]):
        self.g, self.ex, self.ref, self.iri = graph, extraction, ref, iri
        self.doc_id = extraction.document.id

    def add_all(self) -> None:
        legal = self.ex.legal
        if legal is not None:
            self.instrument()
            self.parts()
        for event in self.ex.history:
            self.event(event)
        self.citations()

    def instrument(self) -> None:
        legal, g = self.ex.legal, self.g
        node = self.iri(legal.title)
        g.add(g.doc, ELI.realizes, node)
        if legal.mention:
            g.derive(node, legal.mention)
        for name in legal.issuers:
            g.add(node, ELI.passed_by, g.agency(name))
        carried = {e.number for e in self.ex.events if e.number}
        if legal.number and legal.number not in carried:
            # a notice's number goes with the document it issues (kg.rdf, events), so
            # that a title cited with that number meets the document, not the notice
            g.add(node, ELI.id_local, Literal(legal.number))
        if legal.date:
            g.add(node, ELI.date_document, _date(legal.date))
        own = [h for h in self.ex.history if h.subject == legal.title]
        published = [h.date for h in own if h.action == "Promulgation"]
        if published:
            g.add(node, ELI.date_publication, _date(max(published)))
        in_force = [h.date for h in own if h.action == "Entry into force"]
        if in_force:
            g.add(node, ELI.first_date_entry_in_force, _date(min(in_force)))

    def parts(self) -> None:
        g, whole = self.g, self.iri(self.ex.legal.title)
        for index, part in enumerate(self.ex.structure):
            node = part_iri(self.doc_id, index)
            parent = whole if part.parent is None else part_iri(self.doc_id, part.parent)
            g.add(node, RDF.type, ELI.LegalResourceSubdivision)
            g.add(node, RDFS.label, Literal(self.full_label(part), lang="zh"))
            g.add(node, DCTERMS.type, Literal(part.kind, lang="zh"))
            g.add(node, ELI.number, Literal(str(part.number)))
            g.add(node, NIF.beginIndex, Literal(part.start, datatype=XSD.integer))
            g.add(node, NIF.endIndex, Literal(part.end, datatype=XSD.integer))
            g.add(node, NIF.referenceContext, g.doc)
            g.add(node, ELI.is_part_of, parent)
            g.add(parent, ELI.has_part, node)

    def full_label(self, part) -> str:
        """A paragraph is named with its article (第三十条第二款), as a reference names it."""
        if part.kind == "款" and part.parent is not None:
            return self.ex.structure[part.parent].label + part.label
        return part.label

    def event(self, h: HistoryEvent) -> None:
        g = self.g
        action = self.ref.actions[h.action]
        subject = self.iri(h.subject)
        node = mint("history", self.doc_id, digest(instrument_key(h.subject), h.action, h.date))
        g.add(node, RDF.type, EP.PolicyEvent)
        g.add(node, RDF.type, PROV.Activity)
        g.add(node, RDFS.label, Literal(f"{action.label_zh}《{h.subject}》", lang="zh"))
        g.add(node, EP.actionType, action.iri)
        g.add(node, PROV.used, subject)
        g.add(node, EP.eventStatus, self.ref.statuses["reported"].iri)
        g.add(node, EP.evidence, Literal(h.evidence, lang="zh"))
        g.add(node, EP.year, Literal(h.date[:4], datatype=XSD.gYear))
        g.add(node, DCTERMS.date, _date(h.date))
        if h.body:
            g.add(node, EP.meeting, Literal(h.body, lang="zh"))
        for name in h.agencies:
            g.add(node, PROV.wasAssociatedWith, g.agency(name))
        if h.via:
            self.decision(node, h, subject)
        if h.action == "Repeal" and self.ex.legal is not None and h.subject != self.ex.legal.title:
            g.add(self.iri(self.ex.legal.title), ELI.repeals, subject)
        g.derive(node, h.mention)
        g.derive(subject, h.mention)

    def decision(self, event: URIRef, h: HistoryEvent, subject: URIRef) -> None:
        """The amending decision: an instrument that amends this text and each law it names."""
        g, decision = self.g, self.iri(h.via)
        g.add(event, EP.byDecision, decision)
        for amended in {subject, *(self.iri(t) for t in _INNER_TITLE.findall(h.via))}:
            g.add(decision, ELI.amends, amended)
            g.add(amended, ELI.amended_by, decision)
        for name in h.agencies:
            g.add(decision, ELI.passed_by, g.agency(name))
        g.derive(decision, h.mention)

    def citations(self) -> None:
        g = self.g
        own = self.iri(self.ex.legal.title) if self.ex.legal is not None else None
        articles = {p.label: part_iri(self.doc_id, i) for i, p in enumerate(self.ex.structure) if p.kind == "条"}
        for cited in self.ex.cites:
            target = self.iri(cited.title)
            if own is not None:
                g.add(own, ELI.cites, target)
            if cited.article in articles:
                g.add(articles[cited.article], ELI.cites, target)
            g.derive(target, cited.mention)
        for link in self.ex.links:
            # an article or paragraph that refers to another part of the same text
            target = part_iri(self.doc_id, link.target)
            g.add(part_iri(self.doc_id, link.source), ELI.cites, target)
            g.derive(target, link.mention)


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)
