"""A document's run writes the N-Quads lines Oxigraph's store would dump (kg/docrun.py)."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox

from kg.docrun import nquads_lines
from kg import terms
from kg.terms import Literal

# kg.terms.XSD makes a node for any attribute name: not imported here, where pytest
# looks for its marks on every name of the module
_XSD = terms.XSD.integer, terms.XSD.decimal, terms.XSD.gYear, terms.XSD.date, terms.XSD.double
INTEGER, DECIMAL, GYEAR, DATE, DOUBLE = _XSD
G = ox.NamedNode("https://example.org/graph/d1")
S = ox.NamedNode("https://example.org/id/水质/断面1")
P = ox.NamedNode("https://example.org/p")


def store_lines(triples) -> list[str]:
    store = ox.Store()
    store.extend([ox.Quad(s, p, o, G) for s, p, o in triples])
    data = ox.serialize(store.quads_for_pattern(None, None, None, G), format=ox.RdfFormat.N_QUADS)
    return sorted(set(data.decode("utf-8").splitlines(keepends=True)))


OBJECTS = [
    # typed literals the store keeps as values, in their canonical form
    Literal(Decimal("29.30"), datatype=DECIMAL),
    Literal(Decimal("21900000000000.0"), datatype=DECIMAL),
    Literal(Decimal("0.050"), datatype=DECIMAL),
    Literal(Decimal("-3"), datatype=DECIMAL),
    ox.Literal("007", datatype=INTEGER),
    Literal(12, datatype=INTEGER),
    Literal("2031", datatype=GYEAR),
    Literal("2031-03-05", datatype=DATE),
    Literal(True),
    ox.Literal("1.50E3", datatype=DOUBLE),
    ox.Literal("not a number", datatype=DECIMAL),  # kept as written
    # strings: quotes, backslashes, line breaks, tabs, control and non-BMP characters
    Literal('“达标”率 "95%" \\ 行1\n行2\r\t\x01 𠀀'),
    Literal("水质优良", lang="zh"),
    Literal(""),
    ox.BlankNode("b0"),
    ox.NamedNode("https://example.org/id/单位/市生态环境局?x=1#frag"),
]


def test_lines_are_the_stores():
    triples = [(S, P, o) for o in OBJECTS] + [(ox.BlankNode("b1"), P, S)]
    assert nquads_lines(triples, G) == store_lines(triples)


def test_lines_are_distinct_and_sorted():
    triples = [(S, P, Literal(Decimal("1.0"), datatype=DECIMAL)),
               (S, P, Literal(Decimal("1.00"), datatype=DECIMAL)),  # the same value: one line
               (S, P, Literal("甲")), (S, P, Literal("甲"))]
    lines = nquads_lines(triples, G)
    assert lines == store_lines(triples) and len(lines) == 2
