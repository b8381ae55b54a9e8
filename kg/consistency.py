"""Consistency of the figures across documents, recorded in the graph.

Two checks, both on quantities that measure an indicator:
- levels that disagree: two documents give one indicator, area and year different levels,
  further apart than the rounding of the figures allows;
- a change that contradicts the series: a level with its year-on-year change implies the
  previous year's value (29.3 down 2.7% → about 30.1); where another document gives that
  previous year's level and it is further off than rounding allows, that is a conflict.

Each implied value is recorded on the change (ep:impliedPreviousValue) and each conflict
is an ep:Conflict node that points to both quantities, so researchers see contradictions
with both sources instead of silently getting one of two numbers. Tolerances come from
the digits as written (29.3 is known to ±0.05), never from a fixed percentage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg.vocab import EP, SPARQL_PREFIXES, SDMX_DIMENSION, digest, mint

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")

_FIGURES = SPARQL_PREFIXES + """
SELECT DISTINCT ?q ?indicator ?area ?year ?value ?unit ?role ?basis ?approx ?text ?sentence ?document WHERE {
  ?q a ep:Quantity ; ep:measures ?indicator ; sdmx-measure:obsValue ?value ; ep:unitLabel ?unit ;
     ep:role/skos:notation ?role ; sdmx-dimension:refPeriod ?year ;
     ep:hasMention ?m ; prov:hadPrimarySource/dct:identifier ?document .
  ?m nif:anchorOf ?text ; nif:sentence ?sentence .
  OPTIONAL { ?q ep:areaLabel ?areaLabel }
  OPTIONAL { ?q ep:basis ?basis }
  OPTIONAL { ?q ep:approximate ?approx }
  BIND(COALESCE(STR(?areaLabel), "") AS ?area)
  FILTER(?role IN ("level", "change"))
}
"""


@dataclass(frozen=True)
class Figure:
    iri: str
    indicator: str
    area: str
    year: int
    value: Decimal
    unit: str
    role: str
    basis: str
    approx: bool
    text: str  # the number as written, for its precision
    sentence: str
    document: str

    @property
    def half_unit(self) -> Decimal:
        """Half of the last digit as written: 29.3 → 0.05, 30 → 0.5, 3.9万 → 500."""
        written = _NUMBER.findall(self.text)[-1].replace(",", "")
        decimals = len(written.split(".", 1)[1]) if "." in written else 0
        scale = abs(self.value / Decimal(written)) if Decimal(written) else Decimal(1)
        return Decimal(5) * Decimal(10) ** (-decimals - 1) * scale


def read_figures(store: ox.Store) -> list[Figure]:
    """The figures of everything in ``store`` (the build reads one document at a time)."""
    figures = []
    for row in store.query(_FIGURES, use_default_graph_as_union=True):
        figures.append(
            Figure(
                iri=row["q"].value,
                indicator=row["indicator"].value,
                area=row["area"].value,
                year=int(row["year"].value[:4]),
                value=Decimal(row["value"].value),
                unit=row["unit"].value,
                role=row["role"].value,
                basis=row["basis"].value if row["basis"] else "",
                approx=bool(row["approx"]) and row["approx"].value == "true",
                text=row["text"].value,
                sentence=row["sentence"].value,
                document=row["document"].value,
            )
        )
    return sorted(figures, key=lambda f: (f.indicator, f.area, f.year, f.document, f.iri))


def implied_previous(level: Figure, change: Figure) -> tuple[Decimal, Decimal] | None:
    """(previous year's value, tolerance) implied by a level and its year-on-year change."""
    if change.basis != "yoy":
        return None
    if change.unit == "%":  # a relative change
        factor = 1 + change.value / 100
        if factor <= 0:
            return None
        previous = level.value / factor
        tolerance = level.half_unit / factor + abs(previous) * change.half_unit / 100 / factor
    elif change.unit == "百分点" and level.unit == "%" or change.unit == level.unit:
        previous = level.value - change.value
        tolerance = level.half_unit + change.half_unit
    else:
        return None
    return previous.quantize(Decimal("0.01")), tolerance


@dataclass(frozen=True)
class Conflict:
    kind: str  # "levels disagree" | "change contradicts series"
    first: Figure
    second: Figure
    note: str


def find_conflicts(figures: list[Figure]) -> tuple[list[Conflict], list[tuple[Figure, Decimal]]]:
    figures = sorted(figures, key=lambda f: (f.indicator, f.area, f.year, f.document, f.iri))
    levels = [f for f in figures if f.role == "level" and not f.approx]
    # levels grouped by series point: only figures of one indicator, area, year and unit
    # are compared, so the work grows with the figures, not with their pairs
    series: dict[tuple, list[Figure]] = {}
    for f in levels:
        series.setdefault((f.indicator, f.area, f.year, f.unit), []).append(f)
    conflicts = []
    for group in series.values():
        for a, b in combinations(group, 2):
            if a.document != b.document and abs(a.value - b.value) > a.half_unit + b.half_unit:
                conflicts.append(Conflict("levels disagree", a, b, f"{a.text} ≠ {b.text}"))
    implied = []
    by_sentence = {}
    for f in figures:
        by_sentence.setdefault((f.sentence, f.document, f.indicator, f.area, f.year), []).append(f)
    for group in by_sentence.values():
        group_levels = [f for f in group if f.role == "level" and not f.approx]
        for change in (f for f in group if f.role == "change"):
            if len(group_levels) != 1:
                continue  # ambiguous pairing: say nothing rather than guess
            result = implied_previous(group_levels[0], change)
            if result is None:
                continue
            previous, tolerance = result
            implied.append((change, previous))
            point = (change.indicator, change.area, change.year - 1, group_levels[0].unit)
            for other in series.get(point, ()):
                if other.document != change.document and abs(other.value - previous) > tolerance + other.half_unit:
                    conflicts.append(
                        Conflict(
                            "change contradicts series", change, other,
                            f"{group_levels[0].text} and {change.text} imply about {previous} in {change.year - 1}; "
                            f"{other.document} gives {other.text}",
                        )
                    )
    return conflicts, implied


def consistency_graph(figures: list[Figure]) -> Graph:
    """The triples of the consistency graph of ``figures`` (those of every document: the
    build keeps each document's figures with its cached run, kg/docrun.py)."""
    conflicts, implied = find_conflicts(figures)
    g = Graph()
    for change, previous in implied:
        g.add((URIRef(change.iri), EP.impliedPreviousValue, Literal(previous, datatype=XSD.decimal)))
    for conflict in conflicts:
        node = mint("conflict", digest(conflict.kind, conflict.first.iri, conflict.second.iri))
        g.add((node, RDF.type, EP.Conflict))
        g.add((node, EP.conflictKind, Literal(conflict.kind)))
        g.add((node, EP.measures, URIRef(conflict.first.indicator)))
        g.add((node, SDMX_DIMENSION.refPeriod, Literal(f"{conflict.second.year:04d}", datatype=XSD.gYear)))
        if conflict.first.area:
            g.add((node, EP.areaLabel, Literal(conflict.first.area, lang="zh")))
        g.add((node, PROV.wasDerivedFrom, URIRef(conflict.first.iri)))
        g.add((node, PROV.wasDerivedFrom, URIRef(conflict.second.iri)))
        g.add((node, RDFS.comment, Literal(conflict.note, lang="zh")))
    return g
