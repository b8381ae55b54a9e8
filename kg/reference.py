"""Reads the ontology's reference data once and serves it as lookup tables.

The reference data in ontology/reference/ is the one source of truth for names: the
extractor's gazetteers (agencies and their aliases, campaigns, title endings, trigger
verbs, units, indicators) and the explorer's English labels all come from here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS, TIME

from kg import resources
from kg.nlp.grammar import HAN_CHARS
from kg.vocab import EP, ORG


def normalise_label(text: str) -> str:
    """The same width normalisation ingest applies to text (full-width ASCII → ASCII)."""
    return "".join(
        chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else (" " if c == "\u3000" else c)
        for c in text
    )


@dataclass(frozen=True)
class Concept:
    iri: URIRef
    label_zh: str
    label_en: str | None
    notation: str | None


@dataclass(frozen=True)
class OrganType:
    """A type of organ read from a name's ending (ontology/reference/organ-types.ttl)."""

    iri: URIRef
    notation: str
    ending: str  # the full ending the canonical name is written with (人民政府)
    short_endings: frozenset[str]  # written short in texts, full in the canonical name (政府)
    prefix: str  # the canonical name starts with it (中共)
    directly_after_place: bool
    named_alone: bool
    unit_only: bool
    short_place: bool


@dataclass
class Reference:
    graph: Graph
    # surface form (normalised) → canonical concept, for gazetteer matching
    agency_surfaces: dict[str, Concept] = field(default_factory=dict)
    campaign_surfaces: dict[str, Concept] = field(default_factory=dict)
    indicator_surfaces: dict[str, Concept] = field(default_factory=dict)
    # canonical zh label → concept
    agencies: dict[str, Concept] = field(default_factory=dict)
    campaigns: dict[str, Concept] = field(default_factory=dict)
    units: dict[str, Concept] = field(default_factory=dict)
    # notation → concept, for the controlled lists
    kinds: dict[str, Concept] = field(default_factory=dict)
    actions: dict[str, Concept] = field(default_factory=dict)
    statuses: dict[str, Concept] = field(default_factory=dict)
    roles: dict[str, Concept] = field(default_factory=dict)
    document_kinds: dict[str, Concept] = field(default_factory=dict)
    legal_ranks: dict[str, Concept] = field(default_factory=dict)
    indicators: dict[str, Concept] = field(default_factory=dict)
    # title ending → kind notation; trigger verb → action notation
    title_suffixes: dict[str, str] = field(default_factory=dict)
    # the endings among them that give a kind only in 《》 or on a title line (解释, 预案, 战略)
    bracketed_suffixes: frozenset[str] = frozenset()
    trigger_verbs: dict[str, str] = field(default_factory=dict)
    # verb ending a clause of a legal text's history → action notation (修订 → Revision)
    history_verbs: dict[str, str] = field(default_factory=dict)
    # history action → the report action it is (Promulgation → Issuance, skos:closeMatch)
    history_as_report: dict[str, str] = field(default_factory=dict)
    # every labelled IRI → English label (for the explorer)
    english: dict[URIRef, str] = field(default_factory=dict)
    # relative names (省政府, 省委, 生态环境厅) → the classification they stand for, and
    # each agency's classification, to resolve them against a document's province
    relative_names: dict[str, URIRef] = field(default_factory=dict)
    classification: dict[URIRef, URIRef] = field(default_factory=dict)
    # canonical zh label → the canonical label of the body it is part of (org:subOrganizationOf)
    agency_parents: dict[str, str] = field(default_factory=dict)
    # areas: surface form → the areas it names (a county name may name several), each
    # area's parent (skos:broader), and the canonical zh label → area
    area_surfaces: dict[str, list[Concept]] = field(default_factory=dict)
    area_broader: dict[URIRef, URIRef] = field(default_factory=dict)
    areas: dict[str, Concept] = field(default_factory=dict)
    # named plan periods (十四五, 第十四个五年规划) → (first year, last year)
    plan_periods: dict[str, tuple[int, int]] = field(default_factory=dict)
    # name ending → the organ types it gives (委 is a Party committee right after a place,
    # a commission after a field of work)
    organ_endings: dict[str, list[OrganType]] = field(default_factory=dict)
    # named national programmes written without 《》 (programmes.ttl): surface → kind notation
    programmes: dict[str, str] = field(default_factory=dict)

    def area_within(self, area: Concept, whole: Concept) -> bool:
        """Is ``area`` a part (at any depth) of ``whole``?"""
        node = self.area_broader.get(area.iri)
        while node is not None:
            if node == whole.iri:
                return True
            node = self.area_broader.get(node)
        return False

    def local_agencies(self, publisher: str | None) -> dict[str, Concept]:
        """Relative names resolved for a document published by ``publisher``: in a
        work plan of 四川省生态环境厅, 省政府 is 四川省人民政府 and 省委 中共四川省委."""
        concept = self.agencies.get(publisher or "")
        place = _PROVINCE.match(concept.label_zh) if concept else None
        if not place:
            return {}
        resolved = {}
        for surface, cls in self.relative_names.items():
            for agency in self.agencies.values():
                if self.classification.get(agency.iri) == cls and place.group(0) in agency.label_zh:
                    resolved[surface] = agency
                    break
        return resolved


_PROVINCE = re.compile(rf"^(?:中共)?([{HAN_CHARS}]{{2,8}}?(?:省|自治区|市))")


def _label(graph: Graph, node: URIRef, lang: str) -> str | None:
    for prop in (SKOS.prefLabel, RDFS.label):
        for value in graph.objects(node, prop):
            if isinstance(value, Literal) and value.language == lang:
                return str(value)
    return None


def _concept(graph: Graph, node: URIRef) -> Concept:
    notation = graph.value(node, SKOS.notation)
    return Concept(
        iri=node,
        label_zh=_label(graph, node, "zh") or str(notation or node),
        label_en=_label(graph, node, "en"),
        notation=str(notation) if notation is not None else None,
    )


def _surfaces(graph: Graph, node: URIRef) -> set[str]:
    forms = set()
    for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for value in graph.objects(node, prop):
            if isinstance(value, Literal) and (value.language or "zh").startswith("zh"):
                forms.add(normalise_label(unicodedata.normalize("NFC", str(value))))
    # Traditional-script texts (Taiwan, Hong Kong) quote names with 「」 where mainland
    # texts write “”: 「无废城市」建设 is “无废城市”建设.
    return forms | {f.translate(_CORNER_QUOTES) for f in forms if "“" in f}


_CORNER_QUOTES = str.maketrans("“”", "「」")


# Generated tables too large for rdflib's parser at every start (areas.ttl: 20k triples,
# 1.8 s); read with pyoxigraph into the lookup tables only (see _add_divisions).
GENERATED = ("areas.ttl",)


def load_reference_graph() -> Graph:
    graph = Graph()
    for source in resources.reference_files():
        if source.name in GENERATED:
            continue
        graph.parse(data=source.read_text(encoding="utf-8"), format="turtle")
    return graph


def _add_divisions(ref: Reference) -> None:
    """The administrative divisions of areas.ttl into the area tables (pyoxigraph parses
    it in a tenth of rdflib's time)."""
    import pyoxigraph as ox

    (source,) = [f for f in resources.reference_files() if f.name == "areas.ttl"]
    nodes: dict[str, dict[str, list]] = {}
    for triple in ox.parse(source.read_bytes(), format=ox.RdfFormat.TURTLE):
        props = nodes.setdefault(triple.subject.value, {})
        props.setdefault(triple.predicate.value, []).append(triple.object)
    for iri, props in sorted(nodes.items()):
        if ox.NamedNode(str(EP.Area)) not in props.get(str(RDF.type), []):
            continue
        labels = {lit.language: lit.value for lit in props.get(str(SKOS.prefLabel), [])}
        notation = props.get(str(SKOS.notation), [None])[0]
        concept = Concept(URIRef(iri), labels["zh"], labels.get("en"), notation.value if notation else None)
        ref.areas.setdefault(concept.label_zh, concept)
        for form in [concept.label_zh, *(lit.value for lit in props.get(str(SKOS.altLabel), []))]:
            ref.area_surfaces.setdefault(form, []).append(concept)
        for parent in props.get(str(SKOS.broader), []):
            ref.area_broader[concept.iri] = URIRef(parent.value)


@lru_cache(maxsize=1)
def reference() -> Reference:
    graph = load_reference_graph()
    ref = Reference(graph=graph)

    def concepts(cls: URIRef) -> list[Concept]:
        return [_concept(graph, n) for n in sorted(set(graph.subjects(RDF.type, cls)))]

    for table, surfaces, cls in (
        (ref.agencies, ref.agency_surfaces, EP.Agency),
        (ref.campaigns, ref.campaign_surfaces, EP.Campaign),
    ):
        for concept in concepts(cls):
            table[concept.label_zh] = concept
            for form in _surfaces(graph, concept.iri):
                surfaces.setdefault(form, concept)
    for concept in concepts(EP.Indicator):
        ref.indicators[concept.notation or concept.label_zh] = concept
        for form in _surfaces(graph, concept.iri):
            ref.indicator_surfaces.setdefault(form, concept)
    for concept in concepts(EP.Area):
        ref.areas.setdefault(concept.label_zh, concept)
        for form in _surfaces(graph, concept.iri):
            ref.area_surfaces.setdefault(form, []).append(concept)
        parent = graph.value(concept.iri, SKOS.broader)
        if parent is not None:
            ref.area_broader[concept.iri] = parent
    _add_divisions(ref)
    for concept in concepts(EP.Unit):
        ref.units[concept.notation or concept.label_zh] = concept
        # symbols written in Latin letters (MW, kV): the unit as the text writes it
        for symbol in graph.objects(concept.iri, SKOS.altLabel):
            ref.units.setdefault(str(symbol), concept)
    for table, cls in (
        (ref.kinds, EP.InstrumentKind),
        (ref.actions, EP.ActionType),
        (ref.statuses, EP.EventStatus),
        (ref.roles, EP.QuantityRole),
        (ref.document_kinds, EP.DocumentKind),
        (ref.legal_ranks, EP.LegalRank),
    ):
        for concept in concepts(cls):
            if concept.notation:
                table[concept.notation] = concept
    for notation, concept in ref.kinds.items():
        for suffix in graph.objects(concept.iri, EP.titleSuffix):
            ref.title_suffixes[normalise_label(str(suffix))] = notation
        for suffix in graph.objects(concept.iri, EP.bracketedTitleSuffix):
            ref.title_suffixes[normalise_label(str(suffix))] = notation
            ref.bracketed_suffixes |= {normalise_label(str(suffix))}
    for notation, concept in ref.actions.items():
        for verb in graph.objects(concept.iri, EP.triggerVerb):
            ref.trigger_verbs[normalise_label(str(verb))] = notation
        for verb in graph.objects(concept.iri, EP.historyVerb):
            ref.history_verbs[normalise_label(str(verb))] = notation
        for match in graph.objects(concept.iri, SKOS.closeMatch):
            ref.history_as_report[notation] = str(graph.value(match, SKOS.notation))
        if len(set(graph.objects(concept.iri, SKOS.inScheme))) > 1:
            ref.history_as_report[notation] = notation  # Revision is in both schemes
    for agency in ref.agencies.values():
        cls = graph.value(agency.iri, ORG.classification)
        if cls is not None:
            ref.classification[agency.iri] = cls
        parent = graph.value(agency.iri, ORG.subOrganizationOf)
        if parent is not None:
            ref.agency_parents[agency.label_zh] = _label(graph, parent, "zh") or str(parent)
    for cls in set(ref.classification.values()):
        for form in _surfaces(graph, cls) - {_label(graph, cls, "zh")}:
            ref.relative_names[form] = cls
    for interval in graph.subjects(RDF.type, TIME.ProperInterval):
        bounds = [graph.value(graph.value(interval, edge), TIME.inXSDgYear) for edge in (TIME.hasBeginning, TIME.hasEnd)]
        if all(b is not None for b in bounds):
            for form in _surfaces(graph, interval):
                ref.plan_periods[form] = (int(str(bounds[0])), int(str(bounds[1])))
    _read_organ_types(graph, ref)
    for node in set(graph.subjects(RDF.type, EP.NationalProgramme)):
        kind = str(graph.value(graph.value(node, DCTERMS.type), SKOS.notation))
        for form in _surfaces(graph, node):
            ref.programmes[form] = kind
    for node in set(graph.subjects(SKOS.prefLabel, None)):
        english = _label(graph, node, "en")
        if english and isinstance(node, URIRef):
            ref.english[node] = english
    return ref


def _read_organ_types(graph: Graph, ref: Reference) -> None:
    for node in sorted(set(graph.subjects(RDF.type, EP.OrganType))):
        organ = OrganType(
            iri=node,
            notation=str(graph.value(node, SKOS.notation)),
            ending=_label(graph, node, "zh") or "",
            short_endings=frozenset(str(v) for v in graph.objects(node, EP.shortEnding)),
            prefix=str(graph.value(node, EP.namePrefix) or ""),
            directly_after_place=bool(graph.value(node, EP.directlyAfterPlace)),
            named_alone=bool(graph.value(node, EP.namedAlone)),
            unit_only=bool(graph.value(node, EP.unitOnly)),
            short_place=bool(graph.value(node, EP.shortPlace)),
        )
        for ending in graph.objects(node, EP.nameEnding):
            ref.organ_endings.setdefault(normalise_label(str(ending)), []).append(organ)
