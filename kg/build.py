"""kg build: source files → records → one named graph per document → the output folder.

Layout of the output folder OUT:

    OUT/.lock                   held while a build runs (kg/lock.py): one build at a time
    OUT/builds/<digest>/        one complete build: store/, graph.nq, records.jsonl, manifest.json
    OUT/current -> builds/<digest>
    OUT/store -> current/store  (and graph.nq, records.jsonl, manifest.json the same way)
    OUT/records/<doc-id>.json   per-document cache: the records and RDF of the last build

Why a `current` symlink: a build writes into OUT/builds/.staging-*, renames the finished
folder to builds/<digest of its contents>, and then replaces `current` with one
os.replace of a symlink. That rename is the only moment the outputs change, and it is
atomic, so a build killed at any instant (SIGKILL included) leaves either the old
outputs or the new ones, all four from the same build. Renaming the four outputs one
by one (the earlier design) had moments where store/ was new and graph.nq old, or
store/ was missing. The fixed links OUT/store, OUT/graph.nq … keep every path the
README documents. The previous build is kept, so a `kg query` that opened it just before
a swap keeps reading a complete store (open_store resolves the links once, at open).

Incremental: a document whose bytes, name, catalog and extractor are unchanged is taken
from the cache, neither extracted nor turned into RDF again (kg/cache.py); the store is
then refilled from the per-document N-Triples, which is fast, and a fresh store per
build keeps the result independent of the history of the folder. Removed documents
leave the graph and the cache. The same inputs give byte-identical sorted N-Quads.

`jobs` > 1 extracts in a pool of forked workers that return records and N-Triples,
never spaCy Docs, in the input order (the output does not depend on the pool).
"""

from __future__ import annotations

import hashlib
import heapq
import json
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg import cache, formats
from kg.catalog import Catalog
from kg.consistency import consistency_graph
from kg.errors import BuildError, InputError
from kg.lock import build_lock
from kg.rdf import instrument_descriptions
from kg.records import Extraction
from kg.store import DUMP_FILE, STORE_DIR, load_shipped_graphs
from kg.vocab import CONSISTENCY_GRAPH, INSTRUMENTS_GRAPH, document_graph

RECORDS_FILE = "records.jsonl"
MANIFEST_FILE = "manifest.json"
OUTPUTS = (STORE_DIR, DUMP_FILE, RECORDS_FILE, MANIFEST_FILE)
BUILDS_DIR = "builds"
CURRENT = "current"
SORT_CHUNK = 100_000  # N-Quads lines sorted in memory at a time (about 50 MB of str)


@dataclass
class BuildReport:
    out: Path
    documents: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, problem)
    unread: list[tuple[str, str]] = field(default_factory=list)  # files of a type not read: (path, why)
    quads: int = 0
    seconds: float = 0.0
    extracted: int = 0  # documents extracted in this build (the rest came from the cache)
    characters: int = 0  # characters of the original texts extracted in this build


@dataclass(frozen=True)
class Outcome:
    """What one source file gave: an entry (records + RDF) or the problem that left it out."""

    path: Path
    entry: cache.Entry | None
    problem: str | None = None
    cached: bool = False


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


def extract_file(path: Path, catalogs: dict[Path, Catalog | None]) -> Extraction:
    """Read and extract one file (raises InputError for a file that cannot be used)."""
    from kg.extract import extract  # spaCy is imported only by commands that extract
    from kg.ingest import read_document

    folder = path.parent
    if folder not in catalogs:
        catalogs[folder] = Catalog.find_for(path)
    return extract(read_document(path, catalogs[folder]))


def document_ntriples(extraction: Extraction) -> bytes:
    from kg.rdf import document_graph_triples

    return document_graph_triples(extraction).serialize(format="nt", encoding="utf-8")


# --- one document, in this process or in a worker ---------------------------------------------

_worker_cache_dir: Path | None = None  # set before the pool forks; workers inherit it
_worker_catalogs: dict[Path, Catalog | None] = {}


def _extract(task: tuple[Path, str]) -> Outcome:
    """Extract one file and make its RDF; every failure becomes a named problem."""
    path, key = task
    try:
        extraction = extract_file(path, _worker_catalogs)
        entry = cache.Entry(key, extraction, document_ntriples(extraction))
        if _worker_cache_dir is not None:
            cache.save(_worker_cache_dir, entry)  # here, in the worker: serialising is work too
    except InputError as error:
        return Outcome(path, None, error.problem)
    except Exception as error:  # a bug must not cost the rest of the corpus; name the file
        return Outcome(path, None, f"extraction failed ({type(error).__name__}: {error}); please report this file")
    return Outcome(path, entry)


def _outcomes(sources: list[Path], cache_dir: Path, jobs: int) -> Iterator[Outcome]:
    """One outcome per source, in the input order: cache hits are read here, the rest
    is extracted (in a pool of `jobs` forked workers when there is more than one)."""
    global _worker_cache_dir
    _worker_cache_dir = cache_dir
    keys: dict[Path, str | None] = {}
    unreadable: dict[Path, str] = {}
    for path in sources:
        try:
            keys[path] = cache.document_key(path, path.read_bytes())
        except OSError as e:
            keys[path], unreadable[path] = None, f"cannot read: {e.strerror or e}"
    misses = [(p, k) for p, k in keys.items() if k is not None and not cache.has(cache_dir, p.stem, k)]
    if jobs <= 1 or len(misses) <= 1:
        extracted: Iterator[Outcome] = map(_extract, misses)
        pool = None
    else:
        from kg.nlp.pipeline import make_nlp

        # jieba is module-global: teach it (make_nlp does) and load its dictionary here,
        # before forking, so every worker inherits the trained segmenter.
        make_nlp()
        pool = multiprocessing.get_context("fork").Pool(processes=min(jobs, len(misses)))
        extracted = pool.imap(_extract, misses, chunksize=1)  # imap keeps the input order
    try:
        missed = {p for p, _ in misses}
        for path in sources:
            key = keys[path]
            if key is None:
                yield Outcome(path, None, unreadable[path])
            elif path in missed:
                yield next(extracted)
            else:
                entry = cache.load(cache_dir, path.stem, key)
                yield Outcome(path, entry, cached=True) if entry else _extract((path, key))
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


# --- the build ---------------------------------------------------------------------------


def build(paths: list[Path], out: Path, jobs: int = 1) -> BuildReport:
    """Build the graph of ``paths`` into ``out``; returns what was built and left out.

    Raises BuildError when nothing could be built and BuildLocked (a BuildError) when
    another build holds ``out``; in both cases the previous output is unchanged.
    """
    started = time.perf_counter()
    out = Path(out)
    report = BuildReport(out=out)
    sources, report.skipped, report.unread = collect_sources(paths)
    if not sources:
        unread = f" ({_problems(report.unread)})" if report.unread else ""
        raise BuildError("nothing to build: no source file in " + ", ".join(map(str, paths)) + unread)
    with build_lock(out):
        builds = out / BUILDS_DIR
        builds.mkdir(exist_ok=True)
        _remove_leftovers(builds)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=builds))
        try:
            _build_into(staging, sources, out / cache.CACHE_DIR, jobs, report)
            _publish(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        cache.prune(out / cache.CACHE_DIR, set(report.documents))
    report.seconds = time.perf_counter() - started
    return report


def _build_into(staging: Path, sources: list[Path], cache_dir: Path, jobs: int, report: BuildReport) -> None:
    """Stream every document into a fresh store and the records file; nothing is held
    per document after it is written, so memory does not grow with the corpus."""
    store = ox.Store(str(staging / STORE_DIR))
    load_shipped_graphs(store)
    documents: dict[str, dict] = {}
    seen: dict[str, Path] = {}
    shared: set[str] = set()  # N-Triples lines of the instruments graph, kept once
    with open(staging / RECORDS_FILE, "w", encoding="utf-8") as records:
        for outcome in _outcomes(sources, cache_dir, jobs):
            if outcome.entry is None:
                report.skipped.append((str(outcome.path), outcome.problem or "unknown problem"))
                continue
            extraction = outcome.entry.extraction
            doc_id = extraction.document.id
            if doc_id in seen:
                report.skipped.append((str(outcome.path), f"same document id {doc_id!r} as {seen[doc_id]}"))
                continue
            seen[doc_id] = outcome.path
            # bulk_load: no transaction per call, several times faster on disk; the store is
            # private to this staging folder until it is published, so nothing sees it half-made.
            store.bulk_load(outcome.entry.ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(document_graph(doc_id))))
            shared.update(instrument_descriptions(extraction).serialize(format="nt").splitlines())
            records.write(json.dumps(extraction.to_gold(), ensure_ascii=False) + "\n")
            documents[doc_id] = {"file": extraction.document.file_name, "sha256": extraction.document.content_hash}
            report.documents.append(doc_id)
            if not outcome.cached:
                report.extracted += 1
                report.characters += extraction.document.length
    if not documents:
        raise BuildError("nothing to build: no readable source document (" + _problems(report.skipped) + ")")
    store.bulk_load(
        "\n".join(sorted(line for line in shared if line)).encode("utf-8"),
        format=ox.RdfFormat.N_TRIPLES,
        to_graph=ox.NamedNode(str(INSTRUMENTS_GRAPH)),
    )
    # contradictions between documents are computed over everything just loaded
    store.bulk_load(
        consistency_graph(store).serialize(format="nt", encoding="utf-8"),
        format=ox.RdfFormat.N_TRIPLES,
        to_graph=ox.NamedNode(str(CONSISTENCY_GRAPH)),
    )
    store.optimize()
    store.flush()
    report.quads = write_sorted_dump(store, staging / DUMP_FILE)
    del store  # release RocksDB's lock before the folder moves
    manifest = {
        "documents": documents,
        "skipped": [{"path": p, "problem": problem} for p, problem in report.skipped],
        "unread": [{"path": p, "problem": problem} for p, problem in report.unread],
        "quads": report.quads,
    }
    (staging / MANIFEST_FILE).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def _problems(skipped: list[tuple[str, str]], limit: int = 3) -> str:
    shown = "; ".join(f"{p}: {problem}" for p, problem in skipped[:limit])
    return shown + (f"; and {len(skipped) - limit} more" if len(skipped) > limit else "")


# --- the sorted dump -------------------------------------------------------------------------


def write_sorted_dump(store: ox.Store, path: Path) -> int:
    """Every quad as sorted, distinct N-Quads lines: the same inputs give the same bytes.

    An external merge sort: runs of SORT_CHUNK lines are sorted in memory and merged from
    files, so a graph of millions of quads does not need its whole text in memory.
    """
    raw = path.with_name(path.name + ".unsorted")
    store.dump(raw, format=ox.RdfFormat.N_QUADS)
    runs: list[Path] = []
    try:
        with open(raw, encoding="utf-8") as lines:
            while chunk := list(islice(lines, SORT_CHUNK)):
                chunk.sort()
                run = path.with_name(f"{path.name}.run{len(runs)}")
                with open(run, "w", encoding="utf-8") as f:
                    f.writelines(chunk)
                runs.append(run)
                del chunk
        files = [open(run, encoding="utf-8") for run in runs]
        try:
            return _write_distinct(heapq.merge(*files), path)
        finally:
            for f in files:
                f.close()
    finally:
        raw.unlink(missing_ok=True)
        for run in runs:
            run.unlink(missing_ok=True)


def _write_distinct(lines: Iterable[str], path: Path) -> int:
    count, previous = 0, None
    with open(path, "w", encoding="utf-8") as out:
        for line in lines:
            if not line.endswith("\n"):
                line += "\n"
            if line != previous and line.strip():
                out.write(line)
                count += 1
            previous = line
    return count


# --- publishing: one atomic rename --------------------------------------------------------


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for name in (DUMP_FILE, RECORDS_FILE, MANIFEST_FILE):
        with open(folder / name, "rb") as f:
            h.update(hashlib.file_digest(f, "sha256").digest())
    return h.hexdigest()[:16]


def _publish(staging: Path, out: Path) -> None:
    """Make the staged build current with one atomic rename of the `current` link."""
    builds = staging.parent
    name = _digest(staging)
    final = builds / name
    if final.exists():
        # Only complete builds ever get a digest name (and they lose it before they are
        # deleted), so an existing folder holds exactly these outputs: reuse it.
        shutil.rmtree(staging)
    else:
        os.replace(staging, final)
    _fsync_dir(builds)
    previous = os.readlink(out / CURRENT) if (out / CURRENT).is_symlink() else None
    _replace_with_link(out / CURRENT, f"{BUILDS_DIR}/{name}")  # ← the moment the build is published
    _fsync_dir(out)
    for output in OUTPUTS:
        link = out / output
        target = f"{CURRENT}/{output}"
        if link.is_symlink() and os.readlink(link) == target:
            continue
        if link.is_dir() and not link.is_symlink():
            # A folder built by an older kg: it moves aside once (a folder cannot be
            # replaced by a link in one rename); from then on the link never changes.
            os.replace(link, builds / f".trash-legacy-{output}")
        _replace_with_link(link, target)
    keep = {name, Path(previous).name if previous else None}
    for old in builds.iterdir():
        if not old.name.startswith(".") and old.name not in keep:
            _delete(old)
    _remove_leftovers(builds)


def _replace_with_link(link: Path, target: str) -> None:
    temporary = link.with_name(f".{link.name}.{os.getpid()}.link")
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    os.replace(temporary, link)


def _delete(folder: Path) -> None:
    """Rename first, then delete: a half-deleted folder never keeps a build's name."""
    trash = folder.with_name(f".trash-{folder.name}")
    os.replace(folder, trash)
    shutil.rmtree(trash, ignore_errors=True)


def _remove_leftovers(builds: Path) -> None:
    """Staging and trash folders of builds that were killed (we hold the lock: none is live)."""
    for path in builds.iterdir():
        if path.name.startswith((".staging-", ".trash-")):
            shutil.rmtree(path, ignore_errors=True)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
