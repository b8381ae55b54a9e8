"""The RDF terms of a document's graph, made as Oxigraph terms.

A document's graph is written by Oxigraph (kg/docrun.py), and making each term as an
rdflib term first, then converting it, cost more than the extraction of the text: an
rdflib Literal takes microseconds to build and a Namespace makes a new URIRef at every
access. kg/rdf.py and kg/legal/graph.py therefore import their vocabularies, ``Literal``,
``URIRef`` and ``mint`` from here, with rdflib's names and arguments, and get Oxigraph
terms of the same lexical forms (a literal of any other Python value than a string or an
integer is made by rdflib, as before, then converted). ``as_rdflib`` turns them back for
readers that compare with rdflib terms (tests).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
import rdflib
from rdflib.namespace import DCTERMS as _DCTERMS, PROV as _PROV, RDF as _RDF, RDFS as _RDFS, SKOS as _SKOS
from rdflib.namespace import TIME as _TIME, XSD as _XSD

from kg import vocab

Term = ox.NamedNode | ox.Literal | ox.BlankNode
_OX_TERMS = (ox.NamedNode, ox.Literal, ox.BlankNode)


class Terms:
    """A namespace (rdflib's, which checks the names of a closed one) whose attributes are
    Oxigraph named nodes, each made once."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        node = ox.NamedNode(str(getattr(self._namespace, name)))
        self.__dict__[name] = node
        return node


RDF, RDFS, XSD, SKOS, DCTERMS, PROV, TIME = map(Terms, (_RDF, _RDFS, _XSD, _SKOS, _DCTERMS, _PROV, _TIME))
EP, ELI, NIF, ORG, QB = map(Terms, (vocab.EP, vocab.ELI, vocab.NIF, vocab.ORG, vocab.QB))
SDMX_MEASURE, SDMX_DIMENSION, SDMX_ATTRIBUTE = map(
    Terms, (vocab.SDMX_MEASURE, vocab.SDMX_DIMENSION, vocab.SDMX_ATTRIBUTE))
_INTEGER = XSD.integer


def Literal(value, lang: str | None = None, datatype: ox.NamedNode | None = None) -> ox.Literal:  # noqa: N802 (rdflib's name)
    """rdflib.Literal(value, lang, datatype) as an Oxigraph literal."""
    if type(value) is str and datatype is None:
        return ox.Literal(value, language=lang) if lang else ox.Literal(value)
    if type(value) is int and datatype == _INTEGER:
        return ox.Literal(str(value), datatype=_INTEGER)
    if datatype is not None:
        datatype = datatype.value if isinstance(datatype, ox.NamedNode) else str(datatype)
    if type(value) in _BY_TEXT:
        return _converted(type(value), str(value), lang, datatype)
    return _convert(value, lang, datatype)


def _convert(value, lang: str | None, datatype: str | None) -> ox.Literal:
    return to_ox(rdflib.Literal(value, lang=lang, datatype=None if datatype is None else rdflib.URIRef(datatype)))


# Values that their text gives back exactly (a Decimal keeps its digits: 29.30 is not
# 29.3): their literals recur (a year, true, a figure), and rdflib's take microseconds.
_BY_TEXT = {str: str, bool: lambda text: text == "True", Decimal: Decimal}


@lru_cache(maxsize=16384)
def _converted(kind: type, text: str, lang: str | None, datatype: str | None) -> ox.Literal:
    return _convert(_BY_TEXT[kind](text), lang, datatype)


def URIRef(iri: str) -> ox.NamedNode:  # noqa: N802 (rdflib's name)
    return ox.NamedNode(str(iri))


def mint(kind: str, *parts: object) -> ox.NamedNode:
    """kg.vocab.mint as an Oxigraph named node."""
    return ox.NamedNode(vocab.minted(kind, *parts))


def node(term) -> Term:
    """A term of either library as an Oxigraph term (reference concepts carry rdflib IRIs)."""
    if type(term) in _OX_TERMS:
        return term
    if type(term) is rdflib.URIRef:
        return _named(term)
    return to_ox(term)


@lru_cache(maxsize=8192)
def _named(iri: rdflib.URIRef) -> ox.NamedNode:
    """The IRIs of the reference data recur in every document: each is made once."""
    return ox.NamedNode(str(iri))


def to_ox(term) -> Term:
    if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return term
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


_STRING = ox.NamedNode(str(_XSD.string))


def as_rdflib(term: Term):
    """An Oxigraph term as the rdflib term it was made as."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype == _STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
