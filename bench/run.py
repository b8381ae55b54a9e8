"""The benchmark of issues 6 and 11 (`make bench`): builds a corpus of real documents varied
to size (bench/corpus.py; 7.5 MB, about a million quads, by default) and measures, side by
side in one run: extraction against raw jieba, whole builds with --jobs 1 and 2, a rebuild
with nothing changed and with one document changed, the serial part (merge and store load),
the distinct things in the graph, every named query on parameters that give rows
(bench/params.py) on the embedded store and on Virtuoso (when installed), the explorer,
and rdflib's SPARQL on the seeds. Writes BENCHMARKS.md.

    .venv/bin/python bench/run.py [--mb 7.5] [--sample-chars 1500000] [--write BENCHMARKS.md]

Everything is made in a temporary folder; the generator is seeded, so every run builds
the same corpus. Figures depend on the machine and its load: the report says both.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import make_corpus  # bench/corpus.py and bench/params.py (this folder is on the path of a script)
from params import BUDGET

from kg.errors import KgError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
KG = Path(sys.executable).with_name("kg")
NOTES = "<!-- notes: kept by bench/run.py -->"
EXPLORER_LIMIT = 60.0
QUERY_LIMIT = 10.0  # seconds for all the runs of one query (in either engine)


# --- measuring ---------------------------------------------------------------------------


def run_build(corpus: Path, out: Path, jobs: int) -> dict:
    """`kg build` in a child process: wall time and the peak RSS of its largest process."""
    started = time.perf_counter()
    process = subprocess.Popen([str(KG), "build", str(corpus), "--out", str(out), "--jobs", str(jobs)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    stdout, stderr = process.stdout.read(), process.stderr.read()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 3):
        raise SystemExit(f"kg build failed ({process.returncode}): {stderr}")
    quads = int(re.search(r"(\d+) quads", stdout).group(1))
    return {"wall": wall, "rss_mb": usage.ru_maxrss / 1024, "quads": quads, "line": stdout.strip()}


def extraction_ceilings(corpus: Path, sample_chars: int) -> dict:
    """Extraction alone, raw jieba and a regex scan, in this process, on the same texts."""
    import jieba

    from kg.catalog import Catalog
    from kg.extract import extract
    from kg.ingest import read_document
    from kg.nlp.pipeline import make_nlp

    make_nlp()
    documents, chars = [], 0
    for path in sorted(corpus.glob("*.txt")):
        documents.append(read_document(path, Catalog()))
        chars += len(documents[-1].text)
        if chars >= sample_chars:
            break
    texts = [d.text for d in documents]
    extract(documents[0])  # warm up (jieba's dictionary, lazy imports)

    def rate(fn) -> float:
        started = time.perf_counter()
        for item in fn[1]:
            fn[0](item)
        return chars / (time.perf_counter() - started)

    regex = re.compile(r"《[^》]{2,60}》|\d+(?:\.\d+)?\s*(?:%|万吨|微克/立方米|个|吨)|生态环境部|保卫战")
    tracemalloc_peak = _tracemalloc_extract(documents[:5])
    return {
        "chars": chars,
        "documents": len(documents),
        "extract": rate((extract, documents)),
        "jieba": rate((jieba.lcut, texts)),
        "regex": rate((lambda t: regex.findall(t), texts)),
        "tracemalloc_mb": tracemalloc_peak,
    }


def _tracemalloc_extract(documents) -> float:
    import tracemalloc

    from kg.extract import extract

    tracemalloc.start()
    for d in documents:
        extract(d)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024 / 1024


def pick_params(out: Path) -> dict[str, dict | None]:
    """Parameters that give rows, picked from the data (bench/params.py), in a child."""
    from params import pick

    from kg.store import open_store

    return _in_child(lambda: pick(open_store(out)), 600)


def time_queries(out: Path, chosen: dict[str, dict | None], repeat: int = 7) -> list[tuple[str, dict | None, float, int]]:
    """Median time of each named query on parameters that give rows; a query slower than
    QUERY_LIMIT is stopped. Each runs in a forked child that opens the store itself
    (RocksDB and fork don't mix)."""
    from kg.querying import run_named
    from kg.store import open_store

    rows = []
    for name, params in sorted(chosen.items()):
        if params is None:
            rows.append((name, None, float("nan"), 0))
            print(f"  {name}: no parameters give rows; not timed", flush=True)
            continue

        def timed(name=name, params=params):
            store = open_store(out)
            return _median_run(lambda: run_named(store, name, params), repeat)

        ms, count = _in_child(timed, QUERY_LIMIT)
        rows.append((name, params, ms, count))
        print(f"  {name}: {_ms(ms)}, {count} rows", flush=True)
    return rows


def _median_run(fn, repeat: int) -> tuple[float, int]:
    """Median milliseconds of fn() after a warm-up; fewer repeats when one run is slow."""
    started = time.perf_counter()
    table = fn()
    if time.perf_counter() - started > 1:
        repeat = 1
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        table = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, len(table.rows) if hasattr(table, "rows") else len(table)


def _in_child(fn, limit: float):
    """fn() in a forked child, or (inf, -1) when it takes longer than `limit` seconds."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(target=lambda: child.send(fn()))
    process.start()
    result = parent.recv() if parent.poll(limit) else (float("inf"), -1)
    process.kill()
    process.join()
    return result


def rdflib_comparison(dump: Path, chosen: dict[str, dict | None], repeat: int = 3) -> list[tuple[str, float, float]]:
    """The same named queries on the same graph, pyoxigraph (in memory) against rdflib."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.querying import named_queries, run_named, with_values
    from kg.vocab import PREFIXES

    store = ox.Store()
    store.load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    dataset = Dataset(default_union=True)
    dataset.parse(str(dump), format="nquads")
    rows = []
    for name, query in sorted(named_queries().items()):
        params = chosen.get(name)
        if params is None:
            continue
        ox_ms = _median_run(lambda: run_named(store, name, params), repeat)[0]
        # the same text on both: the parameters in a VALUES block, as run_named binds them
        rdflib_ms = _rdflib_median(dataset, with_values(query.sparql, query.bindings(params)), PREFIXES, repeat)
        print(f"  {name}: pyoxigraph {ox_ms:.1f} ms, rdflib {_ms(rdflib_ms)}", flush=True)
        rows.append((name, ox_ms, rdflib_ms))
    return rows


def _rdflib_median(dataset, sparql: str, prefixes, repeat: int) -> float:
    """rdflib's median time, stopped after QUERY_LIMIT s (some of its plans never end)."""
    run = lambda: list(dataset.query(sparql, initNs=prefixes))  # noqa: E731
    return _in_child(lambda: _median_run(run, repeat), QUERY_LIMIT)[0]


def time_explorer(out: Path, html: Path) -> dict:
    """write_explorer on the built store, in a child stopped after EXPLORER_LIMIT s: the
    first overview of the build (reads the store, keeps the explorer table beside it)
    and a later one (reads the table)."""
    from kg.store import STORE_DIR, open_store
    from kg.viz import table_beside, write_explorer

    def timed():
        store = open_store(out)
        started = time.perf_counter()
        note = write_explorer(store, html, max_nodes=5000, table=table_beside(out / STORE_DIR))
        return time.perf_counter() - started, note

    table_beside(out / STORE_DIR).unlink(missing_ok=True)
    first, note = _in_child(timed, EXPLORER_LIMIT)
    later, _ = _in_child(timed, EXPLORER_LIMIT)
    return {"first": first, "later": later,
            "note": note if later != float("inf") else f"stopped after {EXPLORER_LIMIT:.0f} s"}


def corpus_chars(folder: Path) -> int:
    """Characters of the corpus as read (UTF-8; the rare file in another encoding is
    counted by its decodable characters)."""
    return sum(len(p.read_bytes().decode("utf-8", "ignore")) for p in folder.iterdir() if p.is_file())


def change_one_document(corpus: Path) -> None:
    """Append a sentence to one document, as an edited file would be."""
    path = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n2025年，生态环境部印发《排污许可证申请与核发技术规范》。\n",
                    encoding="utf-8")


def serial_part(out: Path, tmp: Path) -> dict:
    """The parts of a build that one process does whatever the number of workers: the
    k-way merge of the cached runs into graph.nq and the bulk load of the store."""
    import json

    import pyoxigraph as ox

    from kg import cache
    from kg.merge import merge_runs

    documents = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]
    runs = [cache.quads_path(out / cache.CACHE_DIR, d) for d in documents]
    started = time.perf_counter()
    lines = merge_runs(runs, tmp / "merged.nq")
    merge = time.perf_counter() - started
    started = time.perf_counter()
    store = ox.Store(str(tmp / "store"))
    store.bulk_load(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    store.optimize()
    store.flush()
    load = time.perf_counter() - started
    del store
    return {"lines": lines, "merge": merge, "load": load, "quads": sum(1 for _ in open(out / "graph.nq", "rb"))}


DISTINCT = {
    "documents": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ep:Document }",
    "instruments": "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a ep:PolicyInstrument }",
    "agencies named": "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ep:Agency ; ep:hasMention ?m }",
    "places (figure areas)": "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?q ep:areaLabel ?a }",
    "years (figures and events)": "SELECT (COUNT(DISTINCT ?y) AS ?n) WHERE { { ?q sdmx-dimension:refPeriod ?y } UNION { ?e ep:year ?y } }",
    "figures": "SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE { ?q a ep:Quantity }",
    "events": "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ep:PolicyEvent }",
}


def distinct_counts(out: Path) -> dict[str, int]:
    from kg.store import open_store
    from kg.vocab import SPARQL_PREFIXES

    def count():
        store = open_store(out)
        return {k: int(next(iter(store.query(SPARQL_PREFIXES + q, use_default_graph_as_union=True)))["n"].value)
                for k, q in DISTINCT.items()}

    return _in_child(count, 600)


def virtuoso_comparison(out: Path, folder: Path, chosen: dict[str, dict | None], repeat: int = 7,
                        limit: float = QUERY_LIMIT) -> dict | None:
    """Virtuoso of our own in ``folder``: `kg push --bulk` time and each named query's
    median, on the same graph and parameters as the embedded store; None when Virtuoso
    is not installed."""
    import shutil

    from kg import virtuoso
    from kg.querying import run_named_remote

    if shutil.which(virtuoso.SERVER) is None:
        return None
    server = virtuoso.start(folder)
    try:
        started = time.perf_counter()
        subprocess.run([str(KG), "push", "--bulk", "--isql", server.isql, "--load-dir", str(server.load_dir),
                        "--graph", str(out)], check=True, capture_output=True)
        load = time.perf_counter() - started
        print(f"  virtuoso load {load:.0f} s", flush=True)
        queries = {}
        for name, params in sorted(chosen.items()):
            if params is None:
                continue
            ms, count = _in_child(lambda name=name, params=params: _median_run(
                lambda: run_named_remote(server.sparql, name, params, timeout=limit), repeat), limit)
            queries[name] = (ms, count)
            print(f"  virtuoso {name}: {_ms(ms)}, {count} rows", flush=True)
        return {"load": load, "queries": queries}
    finally:
        server.stop()


# --- 10 million quads: the embedded store against Virtuoso (issue 11 item 3) ---------------

SCALE_MARK = "<!-- 10M section: kept by bench/run.py when it is not run -->"
_DOC_KEY = re.compile(rb"\bd(\d{6})_")  # a bench document's key (bench/corpus.py names files d000123_…)
_DOC_GRAPH = re.compile(rb"/graph/d\d{6}_[^>]*> \.$")


def replicate(out: Path, big: Path, target_quads: int) -> dict:
    """A build folder of about ``target_quads`` quads: the documents of ``out`` copied with
    new keys (d000123_… → d000123r01_…), so each copy is another set of documents naming
    the same agencies, instruments and campaigns; the shared graphs once."""
    import json

    lines = (out / "graph.nq").read_bytes().splitlines(keepends=True)
    documents = [line for line in lines if _DOC_GRAPH.search(line.rstrip())]
    shared = len(lines) - len(documents)
    copies = max(1, round((target_quads - shared) / max(len(documents), 1)))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    big.mkdir(parents=True, exist_ok=True)
    with open(big / "graph.nq", "wb") as f:
        f.writelines(line for line in lines if not _DOC_GRAPH.search(line.rstrip()))
        for copy in range(copies):
            suffix = f"r{copy:02d}_".encode()
            f.writelines(_DOC_KEY.sub(lambda m: b"d" + m.group(1) + suffix, line) for line in documents)
    keys = {f"{d[:7]}r{c:02d}_{d[8:]}": info for d, info in manifest["documents"].items() for c in range(copies)}
    quads = shared + copies * len(documents)
    (big / "manifest.json").write_text(json.dumps({**manifest, "documents": keys, "quads": quads}), encoding="utf-8")
    return {"copies": copies, "quads": quads, "documents": len(keys)}


def load_embedded(big: Path) -> float:
    """Seconds to bulk-load big/graph.nq into a new embedded store (in 32 MB batches, as
    kg build does) and optimise it."""
    import pyoxigraph as ox

    started = time.perf_counter()
    store = ox.Store(str(big / "store"))
    with open(big / "graph.nq", "rb") as f:
        while batch := f.read(32 * 1024 * 1024):
            batch += f.readline()  # to the end of the line
            store.bulk_load(batch, format=ox.RdfFormat.N_QUADS)
    store.optimize()
    store.flush()
    del store
    return time.perf_counter() - started


def scale_comparison(out: Path, tmp: Path, chosen: dict[str, dict | None], target_quads: int) -> list[str]:
    """The section on ~10M quads: load time and each named query's median, embedded
    store against Virtuoso, on the same parameters as the million-quad run."""
    import shutil

    big = tmp / "big"
    print(f"  replicating to {target_quads:,} quads …", flush=True)
    size = replicate(out, big, target_quads)
    print(f"  {size}; embedded load …", flush=True)
    embedded_load = load_embedded(big)
    print(f"  embedded load {embedded_load:.0f} s; queries …", flush=True)
    embedded = dict((n, (ms, rows)) for n, p, ms, rows in time_queries(big, chosen, repeat=3) if p is not None)
    server = virtuoso_comparison(big, tmp / "virtuoso-big", chosen, 3, QUERY_LIMIT * 3)
    remote = server["queries"] if server else {}
    lines = [
        SCALE_MARK,
        f"## 10 million quads: embedded store against Virtuoso (made {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {os.getloadavg()[0]:.1f})",
        "",
        f"The whole-corpus build's documents copied {size['copies']} times with new document keys (each copy another "
        f"set of documents naming the same agencies, instruments and campaigns; shared graphs once): "
        f"{size['documents']:,} documents, {size['quads']:,} quads. `make bench BENCH_10M=1` remakes this section; "
        "otherwise it is kept from the last run that made it.",
        "",
        f"Load: embedded store (bulk load in 32 MB batches, optimise) {embedded_load:.0f} s; Virtuoso (`kg push --bulk`) "
        + (f"{server['load']:.0f} s." if server else "not installed."),
        "",
        "| query | parameters | embedded median | rows | Virtuoso median | rows |",
        "|---|---|---|---|---|---|",
        *[f"| {n} | {', '.join(f'{k}={v}' for k, v in p.items()) or '—'} | {_ms(embedded[n][0])} | {embedded[n][1]} | "
          f"{_ms(remote[n][0]) if n in remote else '—'} | {remote[n][1] if n in remote else '—'} |"
          for n, p in sorted(chosen.items()) if p is not None and n in embedded],
        "",
        "Medians of 3 (after a warm-up); a query is stopped after "
        f"{QUERY_LIMIT:.0f} s on the embedded store and {QUERY_LIMIT * 3:.0f} s on Virtuoso.",
        "",
    ]
    shutil.rmtree(big, ignore_errors=True)
    return lines


def projection(chars_per_core: float, chars_per_quad: float, merge_rate: float, load_rate: float) -> list[str]:
    """Hours for 1 GB and 100 GB of UTF-8 text (about 3 bytes a character) on N cores:
    extraction spreads over the cores; the merge and the embedded store's load do not."""
    lines = ["| corpus | cores | extraction | merge + embedded store load (one process) | total |", "|---|---|---|---|---|"]
    for gb in (1, 100):
        chars = gb * 1e9 / 3
        quads = chars / chars_per_quad
        serial = quads / merge_rate + quads / load_rate
        for cores in (8, 64, 512):
            extraction = chars / chars_per_core / cores
            lines.append(f"| {gb} GB ({quads / 1e6:,.0f}M quads) | {cores} | {_hours(extraction)} | {_hours(serial)} | {_hours(extraction + serial)} |")
    return lines


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:.1f} h" if seconds >= 3600 else f"{seconds / 60:.0f} min"


# --- the report ----------------------------------------------------------------------------


def _ms(value: float) -> str:
    return f"> {QUERY_LIMIT:.0f} s (stopped)" if value == float("inf") else f"{value:.1f} ms"


def _ratio(slow: float, fast: float) -> str:
    return "—" if slow == float("inf") else f"{slow / fast:.0f}×"


def _seconds(value: float) -> str:
    return "stopped" if value == float("inf") else f"{value:.1f} s"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # 7.5 MB of the real corpus varied gives about a million quads, the size of the query
    # target; larger runs (--mb 50) take long on two shared cores.
    parser.add_argument("--mb", type=float, default=7.5, help="corpus size in MB of UTF-8 text")
    parser.add_argument("--sample-chars", type=int, default=1_500_000, help="characters for the in-process rates")
    parser.add_argument("--write", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--scale-quads", type=int, default=0,
                        help="also compare the embedded store and Virtuoso on about this many quads (10000000: "
                             "half an hour or more); the section of the last such run is kept otherwise")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        tmp = Path(tmp)
        print(f"corpus of {args.mb} MB …", flush=True)
        corpus = tmp / "corpus"
        files, size = make_corpus(corpus, args.mb)
        chars = corpus_chars(corpus)
        quarter = tmp / "quarter"
        quarter.mkdir()
        for path in sorted(corpus.iterdir())[: files // 4]:
            os.link(path, quarter / path.name)

        print("seeds build …", flush=True)
        seeds = run_build(SEEDS, tmp / "seeds-out", 1)
        print("ceilings …", flush=True)
        rates = extraction_ceilings(corpus, args.sample_chars)
        print("build --jobs 1 (quarter) …", flush=True)
        small = run_build(quarter, tmp / "out-quarter", 1)
        print("build --jobs 1 …", flush=True)
        one = run_build(corpus, tmp / "out-1", 1)
        print("rebuild, nothing changed …", flush=True)
        again = run_build(corpus, tmp / "out-1", 1)
        print("rebuild, one document changed …", flush=True)
        change_one_document(corpus)
        changed = run_build(corpus, tmp / "out-1", 1)
        print("build --jobs 2 …", flush=True)
        two = run_build(corpus, tmp / "out-2", 2)
        identical = (tmp / "out-1" / "graph.nq").read_bytes() == (tmp / "out-2" / "graph.nq").read_bytes()
        print("serial part …", flush=True)
        serial = serial_part(tmp / "out-1", tmp)
        counts = distinct_counts(tmp / "out-1")
        print("parameters from the data …", flush=True)
        chosen = pick_params(tmp / "out-1")
        print("queries …", flush=True)
        queries = time_queries(tmp / "out-1", chosen)
        print("virtuoso …", flush=True)
        try:
            remote = virtuoso_comparison(tmp / "out-1", tmp / "virtuoso", chosen)
        except (OSError, subprocess.CalledProcessError, KgError) as error:  # report it, keep the rest
            remote = None
            print(f"  virtuoso failed: {error}", flush=True)
        print("explorer …", flush=True)
        explorer = time_explorer(tmp / "out-1", tmp / "explorer.html")
        scale = None
        if args.scale_quads:
            print("10M quads …", flush=True)
            scale = scale_comparison(tmp / "out-1", tmp, chosen, args.scale_quads)
        print("rdflib comparison …", flush=True)
        seeds_chosen = pick_params(tmp / "seeds-out")
        comparison = rdflib_comparison(tmp / "seeds-out" / "graph.nq", seeds_chosen)
    load_after = os.getloadavg()[0]

    build_rate = chars / one["wall"]
    speedup = one["wall"] / two["wall"]
    share = rates["extract"] / rates["jieba"]
    build_share = build_rate / rates["jieba"]
    nothing = again["wall"] / one["wall"]
    memory_growth = one["rss_mb"] / small["rss_mb"]
    timed = [(n, p, ms, rows) for n, p, ms, rows in queries if p is not None]
    parameterised = [(n, p, ms, rows) for n, p, ms, rows in timed if p]
    slowest = max(parameterised, key=lambda r: r[2], default=("—", {}, 0.0, 0))
    untimed = [n for n, p, _, _ in queries if p is None]
    serial_seconds = serial["merge"] + serial["load"]
    per_core = chars / max(one["wall"] - serial_seconds, 1e-9)
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py); the tables are regenerated, the notes at the end are kept. "
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, {platform.system()}; "
        f"load average {load_before:.1f} at the start and {load_after:.1f} at the end of the run"
        + (" (a machine loaded by other work: absolute figures are slow, ratios measured side by side hold better)." if max(load_before, load_after) > (os.cpu_count() or 1) else "."),
        "",
        f"Corpus: {files} documents, {size / 1024 / 1024:.1f} MB of text, {chars:,} characters: the seeds and the real documents "
        "of ../shared/corpus once as they are, then copies varied in years, provinces, local instrument titles and figures (bench/corpus.py).",
        "",
        "| in the graph | distinct |",
        "|---|---|",
        f"| quads | {one['quads']:,} |",
        *[f"| {k} | {v:,} |" for k, v in counts.items()],
        "",
        "## Targets (issues 6 and 11)",
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| extraction ≥ 60% of raw jieba chars/s (one process) | {rates['extract']:,.0f} vs {rates['jieba']:,.0f} chars/s = {share:.0%} | {verdict(share >= 0.6)} |",
        f"| whole build (--jobs 1, start-up included) ≥ 30% of raw jieba chars/s | {build_rate:,.0f} chars/s = {build_share:.0%} | {verdict(build_share >= 0.3)} |",
        f"| rebuild with nothing changed < 10% of a full build | {again['wall']:.1f} s / {one['wall']:.1f} s = {nothing:.0%} | {verdict(nothing < 0.1)} |",
        f"| `kg build --jobs 2` ≥ 1.6× `--jobs 1` (whole build, wall) | {one['wall']:.1f} s / {two['wall']:.1f} s = {speedup:.2f}× | {verdict(speedup >= 1.6)} |",
        f"| --jobs 2 and an incremental rebuild give the bytes of a fresh --jobs 1 build | {'identical' if identical else 'DIFFERENT'} | {verdict(identical)} |",
        f"| peak memory flat in the number of documents | {small['rss_mb']:.0f} MB for {files // 4} docs, {one['rss_mb']:.0f} MB for {files} docs ({memory_growth:.2f}×) | {verdict(memory_growth < 1.25)} |",
        f"| `kg build seeds` < 5 s wall, start-up included | {seeds['wall']:.1f} s | {verdict(seeds['wall'] < 5)} |",
        f"| parameterised named queries < 100 ms median ({one['quads']:,} quads), on rows | slowest {slowest[0]} {_ms(slowest[2])} | {verdict(slowest[2] < 100)} |",
        f"| explorer of 5,000 nodes < 2 s (a view after the first of a build) | {_seconds(explorer['later'])} ({explorer['note']}); "
        f"the first view of a build, which reads the store and keeps the table: {_seconds(explorer['first'])} | {verdict(explorer['later'] < 2)} |",
        "",
        "## Extraction and its ceilings",
        "",
        f"On the normalised text of the first {rates['documents']} documents ({rates['chars']:,} characters), one process:",
        "",
        "| step | characters/s |",
        "|---|---|",
        f"| kg extraction (spaCy + jieba + our components + records) | {rates['extract']:,.0f} |",
        f"| raw `jieba.lcut` (ceiling) | {rates['jieba']:,.0f} |",
        f"| plain regex scan (ceiling) | {rates['regex']:,.0f} |",
        "",
        f"tracemalloc peak while extracting 5 documents: {rates['tracemalloc_mb']:.1f} MB.",
        "",
        "## Builds",
        "",
        "| build | wall | peak RSS (largest process) | quads | throughput |",
        "|---|---|---|---|---|",
        f"| seeds, --jobs 1 | {seeds['wall']:.1f} s | {seeds['rss_mb']:.0f} MB | {seeds['quads']:,} | |",
        f"| quarter corpus, --jobs 1 | {small['wall']:.1f} s | {small['rss_mb']:.0f} MB | {small['quads']:,} | |",
        f"| whole corpus, --jobs 1 | {one['wall']:.1f} s | {one['rss_mb']:.0f} MB | {one['quads']:,} | {build_rate:,.0f} chars/s |",
        f"| whole corpus again, nothing changed | {again['wall']:.1f} s | {again['rss_mb']:.0f} MB | {again['quads']:,} | |",
        f"| whole corpus again, one document changed | {changed['wall']:.1f} s | {changed['rss_mb']:.0f} MB | {changed['quads']:,} | |",
        f"| whole corpus, --jobs 2 (forked workers) | {two['wall']:.1f} s | {two['rss_mb']:.0f} MB | {two['quads']:,} | {chars / two['wall']:,.0f} chars/s |",
        "",
        f"The serial part, measured alone on the whole corpus: merging the {serial['lines']:,} lines of the cached runs "
        f"{serial['merge']:.1f} s ({serial['lines'] / serial['merge']:,.0f} lines/s); bulk-loading and optimising the embedded store "
        f"{serial['load']:.1f} s ({serial['quads'] / serial['load']:,.0f} quads/s).",
        "",
        f"### On paper: a big corpus on a cluster (measured here: {per_core:,.0f} characters/s per core for extraction and RDF, "
        f"{chars / one['quads']:.1f} characters per quad)",
        "",
        *projection(per_core, chars / one["quads"], serial["lines"] / serial["merge"], serial["quads"] / serial["load"]),
        "",
        f"## Named queries (pyoxigraph, on-disk store of the whole corpus: {one['quads']:,} quads; median of 7; parameters picked from the data)",
        "",
        "| query | parameters | median | rows |" + (" Virtuoso median | Virtuoso rows |" if remote else ""),
        "|---|---|---|---|" + ("---|---|" if remote else ""),
        *[f"| {n} | {', '.join(f'{k}={v}' for k, v in p.items()) or '—'} | {_ms(ms)} | {rows if rows >= 0 else '—'} |"
          + (f" {_ms(remote['queries'][n][0])} | {remote['queries'][n][1]} |" if remote and n in remote["queries"] else "")
          for n, p, ms, rows in timed],
        "",
        *([f"Not timed (no candidate parameter gave rows within {BUDGET:.0f} s of tries): {', '.join(untimed)}.", ""] if untimed else []),
        *([f"Virtuoso (Debian's virtuoso-opensource, a server of its own started by the bench): `kg push --bulk` of "
           f"{one['quads']:,} quads in {remote['load']:.1f} s, against {serial['load']:.1f} s for the embedded store's bulk load.", ""]
          if remote else ["Virtuoso is not installed (`make virtuoso`): no server-store figures.", ""]),
        f"## pyoxigraph against rdflib's own SPARQL (the seeds graph, {seeds['quads']:,} quads, in memory; median of 3)",
        "",
        "| query | pyoxigraph | rdflib | rdflib / pyoxigraph |",
        "|---|---|---|---|",
        *[f"| {n} | {a:.1f} ms | {_ms(b)} | {_ratio(b, a)} |" for n, a, b in comparison],
        "",
    ]
    notes = ""  # the hand-written analysis after NOTES survives a new run
    previous = args.write.read_text(encoding="utf-8") if args.write.is_file() else ""
    if NOTES in previous:
        notes = previous[previous.index(NOTES):]
    if scale is None and SCALE_MARK in previous:  # the last 10M section, until a run remakes it
        scale = previous[previous.index(SCALE_MARK):previous.index(NOTES) if NOTES in previous else None].rstrip("\n").split("\n") + [""]
    lines += scale or []
    args.write.write_text("\n".join(lines) + ("\n" + notes if notes else ""), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
