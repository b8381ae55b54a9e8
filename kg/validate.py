"""SHACL validation of a built graph against ontology/shapes.ttl."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from kg import resources
from kg.errors import KgError
from kg.store import DUMP_FILE


def shapes_graph() -> Graph:
    return Graph().parse(data=resources.ontology_file("shapes.ttl").read_text(encoding="utf-8"), format="turtle")


def validate_graph(data: Graph) -> tuple[bool, str]:
    """(conforms, report text) for one graph holding every triple to check."""
    from pyshacl import validate

    # No inference: every node carries its class explicitly, and RDFS inference over
    # the whole graph costs more than the check itself.
    conforms, _, text = validate(data, shacl_graph=shapes_graph(), inference="none", advanced=False)
    return bool(conforms), text


def union_of_dump(path: Path) -> Graph:
    dataset = Dataset()
    dataset.parse(path, format="nquads")
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def validate_dump(out: Path) -> tuple[bool, str]:
    dump = Path(out) / DUMP_FILE
    if not dump.is_file():
        raise KgError(f"no built graph in {out}/ (run `kg build` first)")
    return validate_graph(union_of_dump(dump))
