"""The ontology, the SHACL shapes and the reference data: they parse, they define every
term the code uses, and the reference data keeps the promises the extractor relies on
(one canonical Chinese name per concept, unambiguous aliases, every controlled value of
the annotation guideline present).

Self-contained: reads only files of the repository (no network, no installed package data).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
import rdflib.namespace
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg.vocab import EP, ID, NIF, SDMX_ATTRIBUTE, SDMX_MEASURE

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
REFERENCE_DIR = ONTOLOGY_DIR / "reference"
EP_NS = str(EP._NS)
SH = Namespace("http://www.w3.org/ns/shacl#")
# rdflib's XSD namespace warns when pytest probes module attributes, so it is not one.
NON_NEGATIVE_INTEGER = rdflib.namespace.XSD.nonNegativeInteger
INTEGER = rdflib.namespace.XSD.integer

TTL_FILES = sorted(ONTOLOGY_DIR.glob("*.ttl")) + sorted(REFERENCE_DIR.glob("*.ttl"))
REFERENCE_FILES = sorted(REFERENCE_DIR.glob("*.ttl"))

# Controlled values of ../shared/ANNOTATION.md
INSTRUMENT_KINDS = {
    "Law", "AdministrativeRegulation", "Rule", "Plan", "Opinion", "Notice", "Standard", "List",
    "Strategy", "Other",
}
ACTION_TYPES = {"Drafting", "Issuance", "Forwarding", "Implementation", "Revision", "Evaluation",
                # the events of a legal text's history (../shared/corpus/README.md)
                "Adoption", "Amendment", "Promulgation", "Entry into force", "Approval", "Repeal"}
# Verbs that end a clause of a legal text's 题注, with the action they give.
HISTORY_VERBS = {"通过": "Adoption", "修正": "Amendment", "修改": "Amendment", "修订": "Revision",
                 "公布": "Promulgation", "发布": "Promulgation", "颁布": "Promulgation",
                 "施行": "Entry into force", "批准": "Approval", "废止": "Repeal"}
EVENT_STATUSES = {"planned", "reported"}
QUANTITY_ROLES = {"level", "change", "target", "target_gap", "share"}
DOCUMENT_KINDS = {
    "work-report", "speech", "conference-news", "achievements-summary", "provincial-work-plan",
}
# Title endings and trigger verbs the guideline names, with the kind / action they give.
TITLE_SUFFIXES = {
    "法": "Law", "条例": "AdministrativeRegulation", "规定": "Rule", "办法": "Rule", "规章": "Rule",
    "细则": "Rule", "规划": "Plan", "计划": "Plan", "方案": "Plan", "纲要": "Plan", "行动": "Plan",
    "工程": "Plan", "意见": "Opinion", "措施": "Opinion", "举措": "Opinion", "通知": "Notice",
    "标准": "Standard", "指南": "Standard", "规范": "Standard", "导则": "Standard", "通则": "Standard",
    "名录": "List", "清单": "List", "战略": "Strategy",
}
TRIGGER_VERBS = {
    "研究制定": "Drafting", "编制": "Drafting", "起草": "Drafting", "研究编制": "Drafting",
    "谋划": "Drafting", "制定": "Drafting", "印发": "Issuance", "出台": "Issuance", "发布": "Issuance",
    "颁布": "Issuance", "联合印发": "Issuance", "更新发布": "Issuance", "转发": "Forwarding",
    "实施": "Implementation", "全面实施": "Implementation", "落实": "Implementation",
    "贯彻落实": "Implementation", "执行": "Implementation", "修订": "Revision", "制修订": "Revision",
    "修改": "Revision", "评估": "Evaluation", "中期评估": "Evaluation", "成效评估": "Evaluation",
}
# Canonical names the guideline and the gold files use, and aliases they map to them.
CANONICAL_AGENCIES = {
    "生态环境部", "党中央", "国务院", "中共中央办公厅", "国务院办公厅", "全国人大常委会", "水利部",
    "四川省生态环境厅", "中央纪委国家监委驻生态环境部纪检监察组", "内蒙古自治区人民政府",
    "国务院新闻办公室", "广西壮族自治区人民政府", "中国环境与发展国际合作委员会", "联合国",
    "中央机构编制委员会办公室", "欧盟", "四川省人民政府",
}
AGENCY_ALIASES = {
    "中办": "中共中央办公厅", "国办": "国务院办公厅", "中共中央": "党中央", "部党组": "生态环境部",
    "部本级": "生态环境部", "中央编办": "中央机构编制委员会办公室", "国新办": "国务院新闻办公室",
    "国合会": "中国环境与发展国际合作委员会", "广西壮族自治区政府": "广西壮族自治区人民政府",
    "国家发展改革委": "国家发展和改革委员会", "发展改革委": "国家发展和改革委员会",
    "住房城乡建设部": "住房和城乡建设部", "市场监管总局": "国家市场监督管理总局",
}
CANONICAL_CAMPAIGNS = {
    "蓝天保卫战", "碧水保卫战", "净土保卫战", "污染防治攻坚战", "美丽中国建设", "无废城市建设",
    "中央生态环境保护督察", "绿盾", "清废行动", "美丽中国，我是行动者",
}
CAMPAIGN_ALIASES = {
    "深入打好蓝天保卫战": "蓝天保卫战", "打赢蓝天保卫战": "蓝天保卫战", "建设美丽中国": "美丽中国建设",
    "“无废城市”建设": "无废城市建设", "生态环境保护督察": "中央生态环境保护督察",
    "“绿盾”": "绿盾", "美丽中国,我是行动者": "美丽中国，我是行动者",
}
CAMPAIGN_BROADER = {"蓝天保卫战": "污染防治攻坚战", "碧水保卫战": "污染防治攻坚战", "净土保卫战": "污染防治攻坚战"}


@lru_cache(maxsize=None)
def parse(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def ontology() -> Graph:
    return parse(ONTOLOGY_DIR / "ecopolicy.ttl")


def shapes() -> Graph:
    return parse(ONTOLOGY_DIR / "shapes.ttl")


@lru_cache(maxsize=1)
def reference() -> Graph:
    graph = Graph()
    for path in REFERENCE_FILES:
        graph += parse(path)
    return graph


def ep_terms_in(graph: Graph) -> set[URIRef]:
    return {
        node
        for triple in graph
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(EP_NS)
    }


def defined_terms() -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {s for kind in kinds for s in ontology().subjects(RDF.type, kind) if str(s).startswith(EP_NS)}


def vocab_terms() -> set[URIRef]:
    return {EP[name] for name in EP.__annotations__}


def zh_pref(graph: Graph, node: URIRef) -> str:
    labels = [o for o in graph.objects(node, SKOS.prefLabel) if isinstance(o, Literal) and o.language == "zh"]
    assert len(labels) == 1, (node, labels)
    return str(labels[0])


def by_notation(cls: URIRef) -> dict[str, URIRef]:
    graph = reference()
    return {str(graph.value(node, SKOS.notation)): node for node in graph.subjects(RDF.type, cls)}


def by_name(cls: URIRef) -> dict[str, URIRef]:
    graph = reference()
    return {zh_pref(graph, node): node for node in graph.subjects(RDF.type, cls)}


# --- files -------------------------------------------------------------------------------


def test_files_exist():
    names = {p.name for p in TTL_FILES}
    assert {"ecopolicy.ttl", "shapes.ttl"} <= names
    assert {
        "agencies.ttl", "campaigns.ttl", "instrument-kinds.ttl", "action-types.ttl",
        "roles-and-kinds.ttl", "units.ttl", "indicators.ttl",
    } <= {p.name for p in REFERENCE_FILES}
    assert (ONTOLOGY_DIR / "__init__.py").exists() and (REFERENCE_DIR / "__init__.py").exists()


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: p.name)
def test_file_parses(path: Path):
    text = path.read_text(encoding="utf-8")  # UTF-8, or this raises
    assert "@prefix" in text
    assert len(parse(path)) > 0


# --- the ontology ------------------------------------------------------------------------


def test_ontology_header():
    graph = ontology()
    headers = list(graph.subjects(RDF.type, OWL.Ontology))
    assert len(headers) == 1
    header = headers[0]
    for prop in (DCTERMS.title, DCTERMS.description, OWL.versionInfo, RDFS.comment):
        assert graph.value(header, prop) is not None, prop


@pytest.mark.parametrize("name", sorted(EP.__annotations__))
def test_every_vocab_term_is_defined(name: str):
    graph = ontology()
    term = EP[name]
    assert term in defined_terms(), f"ep:{name} is not declared as a class or property"
    langs = {o.language for o in graph.objects(term, RDFS.label) if isinstance(o, Literal)}
    assert {"zh", "en"} <= langs, f"ep:{name} lacks an @zh or @en label"
    assert graph.value(term, RDFS.comment) is not None, f"ep:{name} lacks a comment"


def test_ontology_defines_only_vocab_terms():
    assert defined_terms() == vocab_terms()
    assert ep_terms_in(ontology()) <= vocab_terms()


def test_classes_and_properties_are_well_typed():
    graph = ontology()
    for name in EP.__annotations__:
        term = EP[name]
        is_class = (term, RDF.type, OWL.Class) in graph
        assert is_class == name[0].isupper(), f"ep:{name}: classes are capitalised, properties not"


def test_standard_vocabularies_are_reused():
    graph = ontology()
    nif = Namespace(str(NIF))
    prov = PROV
    qb = Namespace("http://purl.org/linked-data/cube#")
    org = Namespace("http://www.w3.org/ns/org#")
    eli = Namespace("http://data.europa.eu/eli/ontology#")
    expected = {
        EP.Document: {nif.Context, prov.Entity},
        EP.Section: {nif.Structure},
        EP.Sentence: {nif.Sentence},
        EP.Mention: {nif.Phrase},
        EP.Agency: {org.Organization},
        EP.PolicyInstrument: {eli.LegalResource, prov.Entity},
        EP.PolicyEvent: {prov.Activity},
        EP.Quantity: {qb.Observation},
    }
    for cls in (EP.Campaign, EP.Indicator, EP.InstrumentKind, EP.ActionType, EP.EventStatus,
                EP.QuantityRole, EP.DocumentKind, EP.Unit):
        expected[cls] = {SKOS.Concept}
    for cls, supers in expected.items():
        assert supers <= set(graph.objects(cls, RDFS.subClassOf)), cls
    itsrdf = Namespace("http://www.w3.org/2005/11/its/rdf#")
    assert (EP.mentionOf, RDFS.subPropertyOf, itsrdf.taIdentRef) in graph
    assert (EP.mentionOf, OWL.inverseOf, EP.hasMention) in graph


def test_suffix_and_verb_properties_take_chinese_literals():
    graph = ontology()
    for prop in (EP.titleSuffix, EP.triggerVerb):
        assert (prop, RDF.type, OWL.DatatypeProperty) in graph
        assert graph.value(prop, RDFS.range) == RDF.langString


# --- every ep: term used anywhere is defined ----------------------------------------------


@pytest.mark.parametrize(
    "path",
    [ONTOLOGY_DIR / "shapes.ttl", ONTOLOGY_DIR / "reference-shapes.ttl", *REFERENCE_FILES],
    ids=lambda p: p.name,
)
def test_ep_terms_used_are_defined(path: Path):
    undefined = ep_terms_in(parse(path)) - defined_terms()
    assert not undefined, f"{path.name} uses undefined terms: {sorted(undefined)}"


# --- reference data -------------------------------------------------------------------------


def reference_individuals() -> set[URIRef]:
    graph = reference()
    typed = {
        s for s, o in graph.subject_objects(RDF.type)
        if o in (SKOS.Concept, SKOS.ConceptScheme) or str(o).startswith(EP_NS)
    }
    return typed | {s for s in graph.subjects(SKOS.prefLabel, None)}


def test_reference_individuals_live_under_id():
    for node in reference_individuals():
        assert isinstance(node, URIRef) and str(node).startswith(str(ID)), node
        local = str(node)[len(str(ID)):]
        assert local.isascii(), f"IRI local names are readable ASCII: {node}"


def test_every_reference_individual_has_one_chinese_preflabel():
    graph = reference()
    for node in reference_individuals():
        zh_pref(graph, node)
        langs = [o.language for o in graph.objects(node, SKOS.prefLabel)]
        assert len(langs) == len(set(langs)), f"{node}: more than one prefLabel in a language"
        assert "en" in langs, f"{node}: no English prefLabel"


def test_pref_and_alt_labels_are_disjoint():
    graph = reference()
    for node in reference_individuals():
        pref = set(graph.objects(node, SKOS.prefLabel))
        alt = set(graph.objects(node, SKOS.altLabel))
        assert not pref & alt, node


@pytest.mark.parametrize("cls", [EP.Agency, EP.Campaign, EP.Indicator], ids=lambda c: c.split("#")[-1])
def test_no_surface_form_names_two_concepts(cls: URIRef):
    graph = reference()
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for node in graph.subjects(RDF.type, cls):
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in graph.objects(node, prop):
                if label.language == "zh":
                    owners[str(label)].add(node)
    shared = {label: nodes for label, nodes in owners.items() if len(nodes) > 1}
    assert not shared, shared


def test_canonical_agencies_and_aliases():
    graph = reference()
    names = by_name(EP.Agency)
    assert CANONICAL_AGENCIES <= set(names), CANONICAL_AGENCIES - set(names)
    for alias, canonical in AGENCY_ALIASES.items():
        assert (names[canonical], SKOS.altLabel, Literal(alias, lang="zh")) in graph, alias


def test_agency_hierarchy_and_classification():
    graph = reference()
    org = Namespace("http://www.w3.org/ns/org#")
    names = by_name(EP.Agency)
    assert (names["国务院办公厅"], org.subOrganizationOf, names["国务院"]) in graph
    assert (names["中共中央办公厅"], org.subOrganizationOf, names["党中央"]) in graph
    for node in names.values():
        assert graph.value(node, org.classification) is not None, node
        assert (node, RDF.type, org.Organization) in graph
    # the 2018 reform
    events = [e for e in graph.subjects(RDF.type, org.ChangeEvent)
              if (e, org.resultingOrganization, names["生态环境部"]) in graph]
    assert events and (events[0], org.originalOrganization, names["环境保护部"]) in graph


def test_provincial_governments():
    names = by_name(EP.Agency)
    governments = [n for n in names if n.endswith("人民政府") and n not in ("中央人民政府",)]
    assert len(governments) >= 31


def test_canonical_campaigns_and_variants():
    graph = reference()
    names = by_name(EP.Campaign)
    assert CANONICAL_CAMPAIGNS <= set(names), CANONICAL_CAMPAIGNS - set(names)
    for alias, canonical in CAMPAIGN_ALIASES.items():
        assert (names[canonical], SKOS.altLabel, Literal(alias, lang="zh")) in graph, alias
    for narrow, broad in CAMPAIGN_BROADER.items():
        assert (names[narrow], SKOS.broader, names[broad]) in graph
    for node in names.values():
        assert graph.value(node, SKOS.notation) is not None


def cue_words(concepts: dict, *props) -> dict[str, str]:
    """word → notation for the cue words (title endings, trigger verbs) of each concept;
    each word must be @zh and belong to one concept only."""
    graph = reference()
    words: dict[str, str] = {}
    for notation, node in concepts.items():
        for word in (w for prop in props for w in graph.objects(node, prop)):
            assert word.language == "zh"
            assert str(word) not in words, f"{word} given to two concepts"
            words[str(word)] = notation
    return words


def test_instrument_kinds():
    kinds = by_notation(EP.InstrumentKind)
    assert set(kinds) == INSTRUMENT_KINDS
    # ep:bracketedTitleSuffix is a sub-property: its endings are title endings too
    suffixes = cue_words(kinds, EP.titleSuffix, EP.bracketedTitleSuffix)
    for suffix, notation in TITLE_SUFFIXES.items():
        assert suffixes.get(suffix) == notation, suffix
    assert (EP.bracketedTitleSuffix, RDFS.subPropertyOf, EP.titleSuffix) in ontology()
    from kg.reference import reference as loaded

    assert {"解释", "纪要", "预案", "战略", "表"} <= loaded().bracketed_suffixes <= set(loaded().title_suffixes)
    for notation, node in kinds.items():
        assert reference().value(node, RDFS.comment) is not None, f"{notation}: legal rank comment"


def test_action_types_and_statuses():
    actions = by_notation(EP.ActionType)
    assert set(actions) == ACTION_TYPES
    verbs = cue_words(actions, EP.triggerVerb)
    for verb, notation in TRIGGER_VERBS.items():
        assert verbs.get(verb) == notation, verb
    history = cue_words(actions, EP.historyVerb)
    for verb, notation in HISTORY_VERBS.items():
        assert history.get(verb) == notation, verb
    assert set(by_notation(EP.EventStatus)) == EVENT_STATUSES


def test_roles_and_document_kinds():
    assert set(by_notation(EP.QuantityRole)) == QUANTITY_ROLES
    assert set(by_notation(EP.DocumentKind)) == DOCUMENT_KINDS


def test_units():
    graph = reference()
    units = by_notation(EP.Unit)
    qudt = Namespace("http://qudt.org/vocab/unit/")
    gold_units = {
        "%", "个", "人", "人次", "件", "元", "元/吨", "台", "吨", "吨/年", "家", "小时", "年", "座", "张",
        "微克/立方米", "户", "方", "条", "次", "百分点", "类", "起", "轮次", "部", "项", "方面", "期", "平方公里",
    }
    assert gold_units <= set(units), gold_units - set(units)
    for notation, node in units.items():
        assert notation and zh_pref(graph, node) == notation
        assert not notation.startswith(("万", "亿")), "multipliers are not units"
    assert (units["微克/立方米"], SKOS.exactMatch, qudt["MicroGM-PER-M3"]) in graph
    assert (units["%"], SKOS.exactMatch, qudt.PERCENT) in graph
    assert (units["吨"], SKOS.exactMatch, qudt.TONNE) in graph
    assert (units["个"], SKOS.broadMatch, qudt.NUM) in graph


def test_indicators():
    graph = reference()
    indicators = by_notation(EP.Indicator)
    units = {node for node in graph.subjects(RDF.type, EP.Unit)}
    for notation in ("PM2.5", "GoodAirDays", "SurfaceWaterGood", "CoastalGood", "PenaltyCases", "Fines"):
        assert notation in indicators
    for node in indicators.values():
        label = graph.value(node, EP.unitLabel)
        unit = graph.value(node, SDMX_ATTRIBUTE.unitMeasure)
        assert unit in units, node
        assert str(graph.value(unit, SKOS.notation)) == str(label), node
    surfaces = {str(o) for o in graph.objects(indicators["PM2.5"], SKOS.altLabel)}
    assert {"PM2.5平均浓度", "细颗粒物(PM2.5)平均浓度"} <= surfaces


# --- SHACL ----------------------------------------------------------------------------------


def test_shapes_cover_every_document_class():
    graph = shapes()
    targets = set(graph.objects(None, SH.targetClass))
    assert {EP.Document, EP.Section, EP.Sentence, EP.Mention, EP.PolicyInstrument,
            EP.PolicyEvent, EP.Quantity} <= targets
    for shape in graph.subjects(SH.targetClass, None):
        assert (shape, RDF.type, SH.NodeShape) in graph


def test_shapes_validate_an_empty_graph():
    conforms, _, text = validate(Graph(), shacl_graph=shapes())
    assert conforms, text


def test_reference_data_conforms_to_reference_shapes():
    conforms, _, text = validate(
        reference(), shacl_graph=parse(ONTOLOGY_DIR / "reference-shapes.ttl"), ont_graph=ontology()
    )
    assert conforms, text


def _document_graph() -> Graph:
    """A minimal, correct document graph in the shape the builder writes."""
    g = Graph()
    doc, sent, men_i, men_q = ID["doc/t"], ID["doc/t/s0"], ID["doc/t/m0"], ID["doc/t/m1"]
    inst, event, qty = ID["instrument/空气质量持续改善行动计划"], ID["event/t/0"], ID["quantity/t/0"]
    kind = by_notation(EP.InstrumentKind)["Plan"]
    action = by_notation(EP.ActionType)["Implementation"]
    status = by_notation(EP.EventStatus)["reported"]
    role = by_notation(EP.QuantityRole)["level"]
    unit = by_notation(EP.Unit)["微克/立方米"]
    nn = INTEGER  # what kg/rdf.py writes (Oxigraph normalises derived integer types)
    g.add((doc, RDF.type, EP.Document))
    g.add((doc, DCTERMS.title, Literal("测试")))
    g.add((doc, EP.fileName, Literal("t.txt")))
    g.add((doc, EP.contentHash, Literal("abc")))
    g.add((doc, DCTERMS.language, Literal("zh-Hans")))
    g.add((sent, RDF.type, EP.Sentence))
    g.add((sent, NIF.beginIndex, Literal(0, datatype=nn)))
    g.add((sent, NIF.endIndex, Literal(40, datatype=nn)))
    g.add((sent, NIF.referenceContext, doc))
    g.add((sent, EP.sentenceIndex, Literal(0)))
    for men, target, begin, end, text in (
        (men_i, inst, 2, 14, "空气质量持续改善行动计划"),
        (men_q, qty, 20, 31, "29.3微克/立方米"),
    ):
        g.add((men, RDF.type, EP.Mention))
        g.add((men, NIF.beginIndex, Literal(begin, datatype=nn)))
        g.add((men, NIF.endIndex, Literal(end, datatype=nn)))
        g.add((men, NIF.anchorOf, Literal(text)))
        g.add((men, NIF.referenceContext, doc))
        g.add((men, NIF.sentence, sent))
        g.add((men, EP.mentionOf, target))
    g.add((inst, RDF.type, EP.PolicyInstrument))
    g.add((inst, DCTERMS.title, Literal("空气质量持续改善行动计划", lang="zh")))
    g.add((inst, EP.instrumentKind, kind))
    g.add((inst, PROV.wasDerivedFrom, men_i))
    g.add((event, RDF.type, EP.PolicyEvent))
    g.add((event, EP.actionType, action))
    g.add((event, PROV.used, inst))
    g.add((event, EP.eventStatus, status))
    g.add((event, PROV.wasDerivedFrom, men_i))
    g.add((event, PROV.hadPrimarySource, doc))
    g.add((qty, RDF.type, EP.Quantity))
    g.add((qty, SDMX_MEASURE.obsValue, Literal(Decimal("29.3"))))
    g.add((qty, EP.unitLabel, Literal("微克/立方米")))
    g.add((qty, SDMX_ATTRIBUTE.unitMeasure, unit))
    g.add((qty, EP.role, role))
    g.add((qty, PROV.wasDerivedFrom, men_q))
    g.add((qty, PROV.hadPrimarySource, doc))
    return g


def _validate_document(graph: Graph) -> tuple[bool, str]:
    # As the builder validates: the document graph with the reference data it points to
    # (controlled values are typed there), the ontology for rdfs:subClassOf.
    conforms, _, text = validate(graph + reference(), shacl_graph=shapes(), ont_graph=ontology())
    return conforms, text


def test_a_correct_document_graph_conforms():
    conforms, text = _validate_document(_document_graph())
    assert conforms, text


@pytest.mark.parametrize(
    "breakage",
    [
        "float value", "no provenance", "inverted offsets", "negative offset", "string offset",
        "unknown language", "two kinds",
    ],
)
def test_a_broken_document_graph_does_not_conform(breakage: str):
    g = _document_graph()
    qty, inst, men = ID["quantity/t/0"], ID["instrument/空气质量持续改善行动计划"], ID["doc/t/m0"]
    if breakage == "float value":
        g.set((qty, SDMX_MEASURE.obsValue, Literal(29.3)))
    elif breakage == "no provenance":
        g.remove((qty, PROV.wasDerivedFrom, None))
    elif breakage == "inverted offsets":
        g.set((men, NIF.beginIndex, Literal(20, datatype=NON_NEGATIVE_INTEGER)))
    elif breakage == "negative offset":
        g.set((men, NIF.beginIndex, Literal(-1, datatype=INTEGER)))
    elif breakage == "string offset":
        g.set((men, NIF.beginIndex, Literal("2")))
    elif breakage == "unknown language":
        g.set((ID["doc/t"], DCTERMS.language, Literal("en")))
    elif breakage == "two kinds":
        g.add((inst, EP.instrumentKind, by_notation(EP.InstrumentKind)["Opinion"]))
    conforms, _ = _validate_document(g)
    assert not conforms
