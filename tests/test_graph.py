"""The built graph of the seeds: provenance, SHACL conformance, determinism, named graphs."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.ingest import read_document
from kg.store import DUMP_FILE
from kg.vocab import PREFIXES, SPARQL_PREFIXES, document_graph

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def select(store, body: str) -> list:
    return list(store.query(SPARQL_PREFIXES + body, use_default_graph_as_union=True))


def test_every_extracted_node_has_a_source(store):
    orphans = select(
        store,
        """SELECT ?node WHERE {
             VALUES ?class { ep:PolicyInstrument ep:PolicyEvent ep:Quantity }
             ?node a ?class .
             FILTER NOT EXISTS { ?node prov:wasDerivedFrom ?m . ?m a ep:Mention }
           }""",
    )
    assert orphans == []


def test_mention_spans_read_back_from_the_original_text(store, seed_extractions):
    texts = {doc_id: read_document(SEEDS / ex.document.file_name).original for doc_id, ex in seed_extractions.items()}
    rows = select(
        store,
        """SELECT ?id ?begin ?end ?anchor WHERE {
             ?m a ep:Mention ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor ;
                nif:referenceContext/dct:identifier ?id .
           }""",
    )
    assert len(rows) > 300
    for row in rows:
        text = texts[row["id"].value]
        assert text[int(row["begin"].value) : int(row["end"].value)] == row["anchor"].value


def test_traditional_document_keeps_its_original_text(store):
    # 003 is written in Traditional characters: matching ran on Simplified text, but
    # the mention quotes the document as written.
    rows = select(
        store,
        """SELECT ?anchor WHERE {
             ?m ep:mentionOf ?agency ; nif:anchorOf ?anchor ;
                nif:referenceContext/dct:identifier "003_e45c85666a528bad" .
             ?agency skos:prefLabel "国务院办公厅"@zh .
           }""",
    )
    assert {r["anchor"].value for r in rows} == {"國辦"}


def test_one_named_graph_per_document(store, seed_extractions):
    graphs = {g.value for g in store.named_graphs()}
    for doc_id in seed_extractions:
        assert str(document_graph(doc_id)) in graphs


def test_graph_conforms_to_shapes(built):
    from kg.validate import validate_dump

    conforms, report = validate_dump(built)
    assert conforms, report[:3000]


def test_shapes_catch_a_quantity_without_provenance():
    from rdflib import RDF, XSD, Graph, Literal, URIRef

    from kg.validate import validate_graph
    from kg.vocab import EP, SDMX_MEASURE

    bad = Graph()
    node = URIRef("https://example.org/q")
    bad.add((node, RDF.type, EP.Quantity))
    bad.add((node, SDMX_MEASURE.obsValue, Literal("29.3", datatype=XSD.decimal)))
    conforms, _ = validate_graph(bad)
    assert not conforms


def test_build_is_deterministic(built, tmp_path):
    from kg.build import build
    
    build([SEEDS], tmp_path)
    assert (tmp_path / DUMP_FILE).read_bytes() == (built / DUMP_FILE).read_bytes()


def test_decimal_values_keep_their_digits(store):
    rows = select(
        store,
        """SELECT ?value ?text WHERE {
             ?q a ep:Quantity ; sdmx-measure:obsValue ?value ; ep:hasMention/nif:anchorOf ?text .
             FILTER(CONTAINS(?text, "29.3"))
           }""",
    )
    assert rows and all(r["value"].datatype == ox.NamedNode(PREFIXES["xsd"] + "decimal") for r in rows)
    assert {r["value"].value for r in rows} >= {"29.3"}


def test_relative_names_resolve_to_the_publishers_province(seed_extractions):
    # Sichuan's work plan says 省委, 省政府 and 生态环境厅 for its own bodies
    names = {a.name for a in seed_extractions["004_9eff9509ef8e18f9"].agencies}
    assert {"中共四川省委", "四川省人民政府", "四川省生态环境厅"} <= names
    # a national document names no provincial body by those words
    assert not any("四川" in a.name for a in seed_extractions["000_6f03f2aa24c77ee1"].agencies)
