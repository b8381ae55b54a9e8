"""kg build: source files → records → one named graph per document → the output folder.

The output folder holds the query store (store/), a sorted N-Quads dump of every named
graph (graph.nq), the records in the gold format (records.jsonl) and a manifest of what
was built and what was left out. Everything is written to a staging folder first and
moved into place only when the whole build succeeded, so a failed build leaves the
previous output as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.catalog import Catalog
from kg.errors import BuildError, InputError
from kg.records import Extraction
from kg.store import DUMP_FILE, STORE_DIR, graph_to_store, load_shipped_graphs, write_sorted_dump
from kg.vocab import document_graph

SOURCE_SUFFIXES = {".txt", ".md", ".html", ".htm"}
RECORDS_FILE = "records.jsonl"
MANIFEST_FILE = "manifest.json"
OUTPUTS = (STORE_DIR, DUMP_FILE, RECORDS_FILE, MANIFEST_FILE)


@dataclass
class BuildReport:
    out: Path
    documents: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, problem)
    quads: int = 0
    seconds: float = 0.0


def collect_sources(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to read, in a stable order; folders are searched for source files."""
    sources, missing = [], []
    for path in paths:
        if path.is_dir():
            sources.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES
            )
        elif path.is_file():
            sources.append(path)
        else:
            missing.append((str(path), "no such file or folder"))
    return sources, missing


def extract_file(path: Path, catalogs: dict[Path, Catalog | None]) -> Extraction:
    """Read and extract one file (raises InputError for a file that cannot be used)."""
    from kg.extract import extract  # spaCy is imported only by commands that extract
    from kg.ingest import read_document

    folder = path.parent
    if folder not in catalogs:
        catalogs[folder] = Catalog.find_for(path)
    return extract(read_document(path, catalogs[folder]))


def extract_all(sources: list[Path], report: BuildReport) -> list[Extraction]:
    catalogs: dict[Path, Catalog | None] = {}
    extractions = []
    seen: dict[str, Path] = {}
    for path in sources:
        try:
            extraction = extract_file(path, catalogs)
        except InputError as error:
            report.skipped.append((str(path), error.problem))
            continue
        doc_id = extraction.document.id
        if doc_id in seen:
            report.skipped.append((str(path), f"same document id {doc_id!r} as {seen[doc_id]}"))
            continue
        seen[doc_id] = path
        extractions.append(extraction)
        report.documents.append(doc_id)
    return extractions


def build(paths: list[Path], out: Path) -> BuildReport:
    """Build the graph of ``paths`` into ``out``; returns what was built and left out."""
    from kg.rdf import document_graph_triples

    started = time.perf_counter()
    out = Path(out)
    report = BuildReport(out=out)
    sources, report.skipped = collect_sources(paths)
    extractions = extract_all(sources, report)
    if not extractions:
        raise BuildError("nothing to build: no readable source document in " + ", ".join(map(str, paths)))

    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        store = ox.Store(str(staging / STORE_DIR))
        load_shipped_graphs(store)
        for extraction in extractions:
            graph = document_graph_triples(extraction)
            graph_to_store(store, graph, document_graph(extraction.document.id))
        store.optimize()
        store.flush()
        report.quads = write_sorted_dump(store, staging / DUMP_FILE)
        del store  # release the RocksDB lock before the folder moves
        with open(staging / RECORDS_FILE, "w", encoding="utf-8") as records:
            for extraction in extractions:
                records.write(json.dumps(extraction.to_gold(), ensure_ascii=False) + "\n")
        manifest = {
            "documents": {
                e.document.id: {"file": e.document.file_name, "sha256": e.document.content_hash}
                for e in extractions
            },
            "skipped": [{"path": p, "problem": problem} for p, problem in report.skipped],
            "quads": report.quads,
        }
        (staging / MANIFEST_FILE).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        _replace_outputs(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def _replace_outputs(staging: Path, out: Path) -> None:
    """Move the staged outputs over the previous ones, each with one rename."""
    for name in OUTPUTS:
        target = out / name
        if target.is_dir():
            retired = out / f".retired-{name}-{os.getpid()}"
            os.replace(target, retired)
            os.replace(staging / name, target)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(staging / name, target)
