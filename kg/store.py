"""The embedded store: pyoxigraph, persisted in the output folder.

A build writes every named graph into a fresh on-disk store (RocksDB) and optimises it;
queries open it read-only, so `kg query` starts without re-parsing a dump (loading
N-Quads costs about 4 s per million quads) and several readers can share it.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg import resources
from kg.errors import KgError
from kg.vocab import ONTOLOGY_GRAPH, REFERENCE_GRAPH

STORE_DIR = "store"
DUMP_FILE = "graph.nq"


def load_shipped_graphs(store: ox.Store) -> None:
    """The ontology and the reference data, each in its own named graph."""
    ontology = resources.ontology_file("ecopolicy.ttl").read_bytes()
    store.load(ontology, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))
    for source in resources.reference_files():
        store.load(
            source.read_bytes(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(REFERENCE_GRAPH))
        )


def open_store(out: Path) -> ox.Store:
    """The built store of an output folder, read-only."""
    location = Path(out) / STORE_DIR
    if not location.is_dir():
        raise KgError(f"no built graph in {out}/ (run `kg build` first)")
    # OUT/store is a link through OUT/current (kg/build.py); resolve it once, so RocksDB
    # keeps reading the build it opened even if a new build is published meanwhile.
    return ox.Store.read_only(str(location.resolve()))
