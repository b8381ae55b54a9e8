"""Our ontology namespace as a closed namespace, the standard vocabularies we reuse, and
deterministic IRIs for the things we mint.

No IRI is spelled as a string anywhere else in the code: terms come from here, and a test
checks that every ``EP`` term used in code, shapes and queries is defined in the ontology.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/ecopolicy-kg/"


class EP(DefinedNamespace):
    """ecopolicy-kg ontology terms (ontology/ecopolicy.ttl defines each one)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Document: URIRef
    Section: URIRef
    Sentence: URIRef
    Area: URIRef
    Mention: URIRef
    Agency: URIRef
    Campaign: URIRef
    PolicyInstrument: URIRef
    NationalProgramme: URIRef
    InstrumentKind: URIRef
    OrganType: URIRef
    DepartmentName: URIRef
    PolicyEvent: URIRef
    LegalRank: URIRef
    LegalStatus: URIRef
    ActionType: URIRef
    EventStatus: URIRef
    Indicator: URIRef
    Quantity: URIRef
    QuantityRole: URIRef
    DocumentKind: URIRef
    Unit: URIRef
    Conflict: URIRef

    # document metadata and structure
    documentKind: URIRef
    reviewsFrom: URIRef
    reviewsTo: URIRef
    plansFrom: URIRef
    plansTo: URIRef
    contentHash: URIRef
    fileName: URIRef
    inSection: URIRef
    sectionLevel: URIRef
    sectionIndex: URIRef
    sentenceIndex: URIRef
    mentionCount: URIRef
    headingCampaign: URIRef

    # mentions and provenance
    mentionOf: URIRef
    hasMention: URIRef

    # instruments
    instrumentKind: URIRef
    titleSuffix: URIRef
    bracketedTitleSuffix: URIRef
    nameEnding: URIRef
    shortEnding: URIRef
    namePrefix: URIRef
    directlyAfterPlace: URIRef
    namedAlone: URIRef
    unitOnly: URIRef
    shortPlace: URIRef
    bracketed: URIRef
    baseTitle: URIRef
    versionQualifier: URIRef

    # events
    actionType: URIRef
    triggerVerb: URIRef
    historyVerb: URIRef
    legalRank: URIRef
    meeting: URIRef
    byDecision: URIRef
    eventStatus: URIRef
    year: URIRef
    evidence: URIRef

    # quantities
    unitLabel: URIRef
    role: URIRef
    subjectText: URIRef
    areaLabel: URIRef
    basis: URIRef
    approximate: URIRef
    measures: URIRef
    campaign: URIRef
    impliedPreviousValue: URIRef
    conflictKind: URIRef



class _Terms(Namespace):
    """rdflib's Namespace, each term made once: Namespace makes and checks a new URIRef at
    every attribute access (ELI.number), a cost paid for every triple of every document.
    Only attribute terms are kept (a fixed vocabulary), not ID[...] keys (unbounded)."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term
        return term


# Standard vocabularies that rdflib does not ship.
NIF = _Terms("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = _Terms("http://www.w3.org/2005/11/its/rdf#")
ORG = _Terms("http://www.w3.org/ns/org#")
ELI = _Terms("http://data.europa.eu/eli/ontology#")
SDMX_MEASURE = _Terms("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_DIMENSION = _Terms("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_ATTRIBUTE = _Terms("http://purl.org/linked-data/sdmx/2009/attribute#")
QUDT_UNIT = _Terms("http://qudt.org/vocab/unit/")
QB = _Terms("http://purl.org/linked-data/cube#")

ID = Namespace(BASE + "id/")
_ID = str(ID)

PREFIXES = {
    "ep": str(EP._NS),
    "id": str(ID),
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "org": str(ORG),
    "eli": str(ELI),
    "sdmx-measure": str(SDMX_MEASURE),
    "sdmx-dimension": str(SDMX_DIMENSION),
    "sdmx-attribute": str(SDMX_ATTRIBUTE),
    "unit": str(QUDT_UNIT),
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "qb": "http://purl.org/linked-data/cube#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "time": "http://www.w3.org/2006/time#",
}

# The same prefixes as PREFIX lines, for queries written in code.
SPARQL_PREFIXES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())

_SLUG_UNSAFE = re.compile(r"[^0-9A-Za-z\u3400-\u9fff\uf900-\ufaff._-]+")


@lru_cache(maxsize=65536)  # a document's key is the slug of most of its IRIs
def slug(text: str) -> str:
    """A readable, IRI-safe key for a name: NFKC, unsafe runs → '-'.

    Chinese characters are kept (IRIs allow them; they read better than hashes in a
    browser), so 空气质量持续改善行动计划 stays legible in its IRI.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    return _SLUG_UNSAFE.sub("-", text).strip("-") or "_"


def digest(*parts: object) -> str:
    """A short stable hash of meaningful parts (never a clock or a counter)."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:12]


def mint(kind: str, *parts: object) -> URIRef:
    """Deterministic IRI ``id/{kind}/{parts...}`` for a thing we mint."""
    return URIRef(minted(kind, *parts))


def minted(kind: str, *parts: object) -> str:
    """The IRI ``mint`` makes, as a string."""
    # an offset or an index (most parts) is its own slug
    return _ID + kind + "/" + "/".join(str(p) if type(p) is int and p >= 0 else slug(str(p)) for p in parts)


def document_graph(doc_id: str) -> URIRef:
    """The named graph that holds everything extracted from one document."""
    return ID["graph/" + slug(doc_id)]


REFERENCE_GRAPH = ID["graph/reference"]
CONSISTENCY_GRAPH = ID["graph/consistency"]
INSTRUMENTS_GRAPH = ID["graph/instruments"]
ONTOLOGY_GRAPH = ID["graph/ontology"]
