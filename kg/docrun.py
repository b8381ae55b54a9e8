"""One source file → its run: everything a build needs of one document, made in one
place (this process, a forked worker or a worker of a cluster) and cached as it is.

A run holds the document's records as one JSON line (their own serialisation,
Extraction.to_gold, so the build never looks inside them), its named graph as sorted,
distinct N-Quads lines (graph.nq is a k-way merge of these runs, kg/merge.py), the
descriptions of the instruments it names (the instruments graph is their union) and its
figures (the consistency graph compares figures across documents, kg/consistency.py).

N-Quads lines are written by Oxigraph from a small in-memory store, so they are exactly
the lines the on-disk store would dump (Oxigraph writes 29.30 as 29.3), and loading the
merged file gives the same store as loading each document.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kg.catalog import Catalog
from kg.consistency import Figure, read_figures
from kg.errors import InputError
from kg.records import Extraction
from kg.store import load_shipped_graphs
from kg.terms import to_ox
from kg.vocab import EP, INSTRUMENTS_GRAPH, document_graph


@dataclass(frozen=True)
class DocumentRun:
    doc_id: str
    key: str  # the cache key it was made under (kg/cache.py)
    file: str
    sha256: str
    characters: int  # of the original text
    record: str  # the records as one JSON line (records.jsonl)
    instruments: tuple[str, ...]  # sorted N-Quads lines of the instruments graph
    figures: tuple[Figure, ...]
    quads: str | None  # sorted N-Quads lines of the document's graph (None: read from the cache)


@dataclass(frozen=True)
class Failure:
    """A source file that gave no document, and why (named to the user)."""

    path: Path
    problem: str


def extract_file(path: Path, catalogs: dict[Path, Catalog | None]) -> Extraction:
    """Read and extract one file (raises InputError for a file that cannot be used)."""
    from kg.extract import extract  # spaCy is imported only by commands that extract
    from kg.ingest import read_document

    folder = path.parent
    if folder not in catalogs:
        catalogs[folder] = Catalog.find_for(path)
    return extract(read_document(path, catalogs[folder]))


_catalogs: dict[Path, Catalog | None] = {}  # per process: one catalog read per folder


def run_document(path: Path, key: str) -> DocumentRun | Failure:
    """Extract one file and make its run; every failure becomes a named problem."""
    try:
        return make_run(extract_file(path, _catalogs), key)
    except InputError as error:
        return Failure(path, error.problem)
    except Exception as error:  # a bug must not cost the rest of the corpus; name the file
        return Failure(path, f"extraction failed ({type(error).__name__}: {error}); please report this file")


def make_run(extraction: Extraction, key: str) -> DocumentRun:
    from kg.rdf import document_graph_triples, document_iri, instrument_descriptions
    from kg.terms import EP, RDF, XSD, Literal

    document = extraction.document
    graph = ox.NamedNode(str(document_graph(document.id)))
    triples = document_graph_triples(extraction)
    # counted here, once, so that listing documents does not count every mention of the store
    mentions = sum(1 for _, p, o in triples if p == RDF.type and o == EP.Mention)
    triples.append((document_iri(document.id), EP.mentionCount, Literal(mentions, datatype=XSD.integer)))
    figures = tuple(read_figures(_figures_store(triples, graph)))
    quads = nquads_lines(triples, graph)
    return DocumentRun(
        doc_id=document.id,
        key=key,
        file=document.file_name,
        sha256=document.content_hash,
        characters=document.length,
        record=json.dumps(extraction.to_gold(), ensure_ascii=False),
        instruments=tuple(canonical_lines(instrument_descriptions(extraction), ox.NamedNode(str(INSTRUMENTS_GRAPH)))),
        figures=figures,
        quads="".join(quads),
    )


# --- triples → Oxigraph's N-Quads lines ---------------------------------------------------


def _figures_store(triples: list[tuple], graph: ox.NamedNode) -> ox.Store:
    """A new in-memory store of what kg.consistency's figure query reads of one document:
    the triples of its quantities and of every node they point to (mention, document,
    role), and the shipped descriptions of those nodes (a role's notation). The query
    only follows these, so it finds what it finds in the whole graph; the rest (most of
    the graph) is not indexed. A new store per document, as Oxigraph's memory store keeps
    the strings of a removed graph: one store for all grew by 10 MB a document."""
    quantities = {s for s, p, o in triples if p == _TYPE and o == _QUANTITY}
    near = quantities | {o for s, _, o in triples if s in quantities and type(o) is not ox.Literal}
    quads = [ox.Quad(s, p, o, graph) for s, p, o in triples if s in near]
    shipped = _shipped_by_subject()
    named = {q.object for q in quads if isinstance(q.object, ox.NamedNode)}
    store = ox.Store()
    store.extend(quads)
    store.extend([quad for term in named for quad in shipped.get(term, ())])
    return store


@cache
def _shipped_by_subject() -> dict[ox.NamedNode, list[ox.Quad]]:
    """The ontology and reference quads by subject, once per process."""
    store = ox.Store()
    load_shipped_graphs(store)
    by_subject: dict[ox.NamedNode, list[ox.Quad]] = {}
    for quad in store:
        by_subject.setdefault(quad.subject, []).append(quad)
    return by_subject


def to_quads(triples, graph: ox.NamedNode) -> list[ox.Quad]:
    """Triples of rdflib or Oxigraph terms as quads of ``graph``."""
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in triples]


def nquads_lines(triples, graph: ox.NamedNode) -> list[str]:
    """Triples of Oxigraph terms as the sorted, distinct N-Quads lines Oxigraph's store
    dumps for them: the terms as Oxigraph writes them, a typed literal in the form the
    store keeps (it stores 29.30^^xsd:decimal as the value 29.3). Written without a
    store, which indexed every quad six ways to be read back once."""
    typed = {o for _, _, o in triples if type(o) is ox.Literal and o.datatype not in _PLAIN}
    stored = _stored_forms(typed)
    tail = f" {graph} .\n"
    return sorted({f"{s} {p} {stored[o] if o in stored else o}{tail}" for s, p, o in triples})


def canonical_lines(triples, graph: ox.NamedNode) -> list[str]:
    """Triples of rdflib or Oxigraph terms as the sorted N-Quads lines Oxigraph's store
    would dump for them."""
    return nquads_lines([(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples], graph)


_PLAIN = {ox.NamedNode("http://www.w3.org/2001/XMLSchema#string"),
          ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")}
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_QUANTITY = ox.NamedNode(str(EP.Quantity))
_stored: dict[ox.Literal, str] = {}  # typed literal → its N-Triples form as the store keeps it
STORED_KEPT = 100_000  # literals whose stored form is kept, per process


def _stored_forms(literals: set[ox.Literal]) -> dict[ox.Literal, str]:
    """Each typed literal as Oxigraph's store writes it back, found by storing the new
    ones once (the store, not this code, knows its canonical forms)."""
    new = [literal for literal in literals if literal not in _stored]
    if new:
        if len(_stored) + len(new) > STORED_KEPT:
            _stored.clear()  # memory stays flat on a long corpus
            new = list(literals)
        store = ox.Store()
        store.extend([ox.Quad(ox.NamedNode(f"urn:x:{n}"), _TYPE, literal) for n, literal in enumerate(new)])
        for quad in store:
            _stored[new[int(quad.subject.value[6:])]] = str(quad.object)
    return {literal: _stored[literal] for literal in literals}


def shipped_lines() -> list[str]:
    """The ontology and reference graphs as sorted N-Quads lines."""
    store = ox.Store()
    load_shipped_graphs(store)
    data = ox.serialize(store, format=ox.RdfFormat.N_QUADS)
    return sorted(set(data.decode("utf-8").splitlines(keepends=True)))
