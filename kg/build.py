"""kg build: source files → one run per document → the output folder.

Layout of the output folder OUT:

    OUT/.lock                   held while a build runs (kg/lock.py): one build at a time
    OUT/builds/<digest>/        one complete build: store/, graph.nq, records.jsonl, manifest.json
    OUT/current -> builds/<digest>
    OUT/store -> current/store  (and graph.nq, records.jsonl, manifest.json the same way)
    OUT/records/<doc-id>.json   per-document cache: the run of the last build (kg/cache.py)
    OUT/records/<doc-id>.nq     … and its named graph as sorted N-Quads

A build costs its extraction and little else:
- each document's run (its records line, its sorted N-Quads, the instruments it names,
  its figures; kg/docrun.py) is made once and cached under a key of everything it
  depends on; an unchanged document is neither extracted nor turned into RDF again;
- graph.nq is a k-way merge of the cached runs and of the shared graphs (kg/merge.py);
- the shared graphs are made from the runs: the instruments graph is the union of
  their descriptions, the consistency graph compares their figures;
- the store is the previous build's store, copied, with the graphs of changed and
  removed documents replaced (a fresh store, bulk-loaded from the runs in batches, when most changed);
- when the manifest (documents, their keys, files left out) is the one already
  published, the published build is the answer and nothing is written.
The same inputs give byte-identical outputs, whatever the history of the folder, the
number of jobs or the engine (kg/engine.py). Publication is atomic (kg/publish.py).
"""

from __future__ import annotations

import json
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import cache, formats
from kg.consistency import consistency_graph
from kg.docrun import DocumentRun, Failure, canonical_lines, extract_file, shipped_lines
from kg.errors import BuildError
from kg.lock import build_lock
from kg.merge import merge_runs, write_distinct
from kg.publish import BUILDS_DIR, MANIFEST_FILE, RECORDS_FILE, current_build, publish, remove_leftovers
from kg.store import DUMP_FILE, STORE_DIR
from kg.vocab import CONSISTENCY_GRAPH, INSTRUMENTS_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH, document_graph

__all__ = ["BuildReport", "build", "collect_sources", "extract_file"]

SHARED_GRAPHS = (ONTOLOGY_GRAPH, REFERENCE_GRAPH, INSTRUMENTS_GRAPH, CONSISTENCY_GRAPH)
SHARED_RUN = "shared.nq"  # the shared graphs' sorted lines, in the staging folder
REUSE_LIMIT = 0.5  # copy the previous store when at most this share of documents changed
LOAD_BATCH = 32 * 1024 * 1024  # bytes of N-Quads per bulk load


@dataclass
class BuildReport:
    out: Path
    documents: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, problem)
    unread: list[tuple[str, str]] = field(default_factory=list)  # files of a type not read: (path, why)
    viewer_pages: list[tuple[str, str]] = field(default_factory=list)  # pages that only show a PDF: (path, what)
    quads: int = 0
    seconds: float = 0.0
    extracted: int = 0  # documents extracted in this build (the rest came from the cache)
    characters: int = 0  # characters of the original texts extracted in this build


def collect_sources(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]], list[tuple[str, str]]]:
    """(files to read in a stable order, missing paths, files of a type not read): folders
    are searched for source files; hidden files and folders (.git, .DS_Store) are not looked at."""
    sources, missing, unread = [], [], []
    for path in paths:
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if not p.is_file() or any(part.startswith(".") for part in p.relative_to(path).parts):
                    continue
                problem = formats.unread_problem(p)
                if problem:
                    unread.append((str(p), problem))
                elif formats.is_source(p):
                    sources.append(p)
        elif path.is_file():
            sources.append(path)
        else:
            missing.append((str(path), "no such file or folder"))
    return sources, missing, unread


# --- the runs: from the cache or extracted ----------------------------------------------------


def _runs(sources: list[Path], cache_dir: Path, jobs: int, cluster: str | None
          ) -> Iterator[tuple[Path, DocumentRun | Failure]]:
    """One run (or failure) per source, in the input order: cache hits are read here,
    the rest is extracted by the engine (the build caches the runs it keeps)."""
    from kg.engine import extract_runs

    keys: dict[Path, str | None] = {}
    unreadable: dict[Path, str] = {}
    for path in sources:
        try:
            keys[path] = cache.document_key(path, path.read_bytes())
        except OSError as e:
            keys[path], unreadable[path] = None, f"cannot read: {e.strerror or e}"
    misses = [(p, k) for p, k in keys.items() if k is not None and not cache.has(cache_dir, p.stem, k)]
    extracted = extract_runs(misses, jobs, cluster)
    try:
        missed = {p for p, _ in misses}
        for path in sources:
            key = keys[path]
            if key is None:
                yield path, Failure(path, unreadable[path])
                continue
            run = next(extracted) if path in missed else cache.load(cache_dir, path.stem, key)
            if run is None:  # an entry that vanished or broke since has() looked
                run = next(extract_runs([(path, key)], 1, None))
            yield path, run
    finally:
        extracted.close()


# --- the build ---------------------------------------------------------------------------


def build(paths: list[Path], out: Path, jobs: int = 1, cluster: str | None = None) -> BuildReport:
    """Build the graph of ``paths`` into ``out``; returns what was built and left out.

    ``jobs`` processes extract on this machine; ``cluster`` (a scheduler address) sends
    the extraction to a running cluster instead (kg/engine.py).
    Raises BuildError when nothing could be built and BuildLocked (a BuildError) when
    another build holds ``out``; in both cases the previous output is unchanged.
    """
    started = time.perf_counter()
    out = Path(out)
    report = BuildReport(out=out)
    sources, report.skipped, report.unread = collect_sources(paths)
    report.viewer_pages = [(str(p), note) for p in sources if (note := formats.viewer_page(p))]
    if not sources:
        problems = report.skipped + report.unread  # a missing path, files of other types
        shown = f" ({_problems(problems)})" if problems else ""
        raise BuildError("nothing to build: no source file in " + ", ".join(map(str, paths)) + shown)
    with build_lock(out):
        builds = out / BUILDS_DIR
        builds.mkdir(exist_ok=True)
        remove_leftovers(builds)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=builds))
        try:
            if _build_into(staging, sources, out, jobs, cluster, report):
                publish(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        cache.prune(out / cache.CACHE_DIR, set(report.documents))
    report.seconds = time.perf_counter() - started
    return report


def _build_into(staging: Path, sources: list[Path], out: Path, jobs: int, cluster: str | None,
                report: BuildReport) -> bool:
    """Write the outputs into ``staging``; False when the published build already is
    this build (same documents, same keys, same files left out)."""
    cache_dir = out / cache.CACHE_DIR
    published = current_build(out)
    previous = _read_manifest(published)
    # with no published store to copy, a fresh one is loaded while the documents are extracted
    with _StoreLoader(staging / STORE_DIR, active=previous is None) as loader:
        return _write_outputs(staging, sources, cache_dir, jobs, cluster, report, published, previous, loader)


def _write_outputs(staging: Path, sources: list[Path], cache_dir: Path, jobs: int, cluster: str | None,
                   report: BuildReport, published: Path | None, previous: dict | None,
                   loader: _StoreLoader) -> bool:
    documents: dict[str, dict] = {}
    seen: dict[str, str] = {}
    instruments: set[str] = set()
    figures = []
    with open(staging / RECORDS_FILE, "w", encoding="utf-8") as records:
        for path, run in _runs(sources, cache_dir, jobs, cluster):
            if isinstance(run, Failure):
                report.skipped.append((str(path), run.problem))
                continue
            if run.doc_id in seen:
                report.skipped.append((str(path), f"same document id {run.doc_id!r} as {seen[run.doc_id]}"))
                continue  # not cached: the cache entry of that id stays the kept file's
            seen[run.doc_id] = str(path)
            if run.quads is not None:
                cache.save(cache_dir, run)
            loader.add(cache.quads_path(cache_dir, run.doc_id))
            records.write(run.record + "\n")
            instruments.update(run.instruments)
            figures.extend(run.figures)
            documents[run.doc_id] = {"file": run.file, "sha256": run.sha256, "key": run.key}
            report.documents.append(run.doc_id)
            if run.quads is not None:  # extracted in this build
                report.extracted += 1
                report.characters += run.characters
    if not documents:
        raise BuildError("nothing to build: no readable source document (" + _problems(report.skipped) + ")")
    manifest = {
        "documents": documents,
        "skipped": [{"path": p, "problem": problem} for p, problem in report.skipped],
        "unread": [{"path": p, "problem": problem} for p, problem in report.unread],
        "viewer_pages": [{"path": p, "note": note} for p, note in report.viewer_pages],
    }
    if previous is not None and {k: v for k, v in previous.items() if k != "quads"} == manifest:
        report.quads = previous["quads"]
        return False
    _write_shared_run(staging / SHARED_RUN, instruments, figures)
    loader.add(staging / SHARED_RUN)  # loaded into the store while the runs are merged
    runs = [cache.quads_path(cache_dir, doc_id) for doc_id in documents] + [staging / SHARED_RUN]
    report.quads = merge_runs(runs, staging / DUMP_FILE)
    _fill_store(staging, published, previous, documents, cache_dir, loader.finish())
    (staging / SHARED_RUN).unlink()
    manifest["quads"] = report.quads
    (staging / MANIFEST_FILE).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return True


def _read_manifest(folder: Path | None) -> dict | None:
    if folder is None:
        return None
    try:
        return json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_shared_run(path: Path, instruments: set[str], figures: list) -> None:
    """The ontology, reference, instruments and consistency graphs as one sorted run."""
    lines = set(shipped_lines())
    lines.update(instruments)
    lines.update(canonical_lines(consistency_graph(figures), ox.NamedNode(str(CONSISTENCY_GRAPH))))
    write_distinct((line.encode() for line in sorted(lines)), path)


def _fill_store(staging: Path, published: Path | None, previous: dict | None, documents: dict, cache_dir: Path,
                loaded: ox.Store | None) -> None:
    """The query store: the one ``loaded`` while the documents came, or the published one
    copied with the changed graphs replaced, or, when most documents changed, a fresh one
    bulk-loaded from the runs."""
    location = staging / STORE_DIR
    before = (previous or {}).get("documents", {})
    changed = [d for d, info in documents.items() if before.get(d, {}).get("key") != info["key"]]
    removed = [d for d in before if d not in documents]
    if loaded is not None:
        store = loaded  # the shared run included
    elif published is None or len(changed) + len(removed) > REUSE_LIMIT * len(documents):
        store = ox.Store(str(location))
        # bulk_load: no transaction, several times faster on disk; the store is private
        # to this staging folder until it is published, so nothing sees it half-made
        _load_in_batches(store, [cache.quads_path(cache_dir, d) for d in documents] + [staging / SHARED_RUN])
    else:
        shutil.copytree(published / STORE_DIR, location)
        store = ox.Store(str(location))
        for graph in [*map(document_graph, changed + removed), *SHARED_GRAPHS]:
            store.remove_graph(ox.NamedNode(str(graph)))
        for doc_id in changed:
            _bulk_load(store, path=str(cache.quads_path(cache_dir, doc_id)))
        _bulk_load(store, path=str(staging / SHARED_RUN))
    store.optimize()
    store.flush()
    del store  # release RocksDB's lock before the folder moves


class _StoreLoader:
    """A fresh store bulk-loaded from the documents' runs as they arrive, on a thread:
    Oxigraph's loader leaves Python's lock while it works, so the load overlaps the
    extraction instead of following it. Inactive it loads nothing and _fill_store loads
    as before."""

    def __init__(self, location: Path, active: bool):
        self.location = location
        self.store: ox.Store | None = None
        self.runs: queue.Queue[Path | None] = queue.Queue()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._load, daemon=True) if active else None

    def __enter__(self) -> _StoreLoader:
        if self.thread is not None:
            self.store = ox.Store(str(self.location))
            self.thread.start()
        return self

    def add(self, run: Path) -> None:
        if self.thread is not None:
            self.runs.put(run)

    def _load(self) -> None:
        try:
            _load_in_batches(self.store, iter(self.runs.get, None))
        except BaseException as error:  # raised in the build's thread by finish()
            self.error = error

    def _stop(self) -> None:
        if self.thread is not None and self.thread.is_alive():
            self.runs.put(None)
            self.thread.join()

    def finish(self) -> ox.Store | None:
        self._stop()
        if self.error is not None:
            raise self.error
        return self.store

    def __exit__(self, *exc) -> None:
        self._stop()
        self.store = None


def _load_in_batches(store: ox.Store, runs: Iterable[Path]) -> None:
    """Bulk-load runs a few at a time: Oxigraph's bulk loader holds about six times its
    input in memory (1 GB for a 150 MB graph.nq in one call, 230 MB in batches, measured),
    and one call per document is three times slower."""
    batch: list[bytes] = []
    size = 0
    for run in runs:
        batch.append(run.read_bytes())
        size += len(batch[-1])
        if size >= LOAD_BATCH:
            _bulk_load(store, b"".join(batch))
            batch, size = [], 0
    if batch:
        _bulk_load(store, b"".join(batch))


def _bulk_load(store: ox.Store, data: bytes | None = None, path: str | None = None) -> None:
    """Load runs of N-Quads that Oxigraph wrote (its serialiser or its terms' own
    N-Triples form, kg/docrun.py): valid, so the loader skips validating each IRI again
    (lenient: 15% of the load's CPU, which --jobs N spends beside the workers)."""
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS, path=path, lenient=True)


def _problems(skipped: list[tuple[str, str]], limit: int = 3) -> str:
    shown = "; ".join(f"{p}: {problem}" for p, problem in skipped[:limit])
    return shown + (f"; and {len(skipped) - limit} more" if len(skipped) > limit else "")
