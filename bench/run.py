"""The benchmark of issue 6 (`make bench`): builds a generated corpus (5 MB by default,
`--mb 20` for the issue's 20 MB) and measures
extraction throughput, builds with --jobs 1 and 2, peak memory, the named queries, the
explorer, and the ceilings (raw jieba, a regex scan, rdflib's SPARQL). Writes BENCHMARKS.md.

    .venv/bin/python bench/run.py [--mb 5] [--sample-chars 1500000] [--write BENCHMARKS.md]

Everything is made in a temporary folder; the generator is seeded, so every run builds
the same corpus. Figures depend on the machine: the table says which one.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
KG = Path(sys.executable).with_name("kg")
PARAMS = {  # sensible values for the named queries' parameters
    "agency": "生态环境部", "campaign": "蓝天保卫战", "indicator": "PM2.5", "label": "蓝天保卫战",
    "title": "空气质量持续改善行动计划", "kind": "Plan", "area": "全国",
}
PROVINCES = ["北京市", "天津市", "河北省", "山西省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省",
             "河南省", "湖北省", "湖南省", "广东省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省"]
NOTES = "<!-- notes: kept by bench/run.py -->"
EXPLORER_LIMIT = 60.0
QUERY_LIMIT = 10.0  # seconds for all the runs of one query (in either engine)
_NUMBER = re.compile(r"(?<![\d.])(\d+)(\.\d+)?")
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?\n?")


# --- the corpus ------------------------------------------------------------------------


def vary_numbers(text: str, rng: random.Random) -> str:
    """Every number changes, keeping its shape (years stay plausible years)."""

    def one(m: re.Match) -> str:
        whole, fraction = m.group(1), m.group(2) or ""
        if m.string[m.end() : m.end() + 1] in ("月", "日", "-") or m.string[m.start() - 1 : m.start()] == "-":
            return m.group(0)  # months and days stay valid dates
        if len(whole) == 4 and whole.startswith(("19", "20")):
            return str(rng.randint(2015, 2030)) + fraction
        digits = "".join(rng.choice("0123456789") for _ in whole)
        digits = (str(rng.randint(1, 9)) + digits[1:]) if len(whole) > 1 else digits
        return digits + "".join(rng.choice("0123456789") if c.isdigit() else c for c in fraction)

    return _NUMBER.sub(one, text)


def vary_names(text: str, rng: random.Random) -> str:
    province = rng.choice(PROVINCES)
    return re.sub("|".join(PROVINCES), lambda m: province if rng.random() < 0.5 else m.group(0), text)


def make_corpus(folder: Path, megabytes: float, seed: int = 6) -> tuple[int, int]:
    """Seeds with numbers and names varied, and documents made of shuffled seed sentences."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    sentences = [s for text in seeds for s in _SENTENCE.findall(text) if len(s) > 8]
    folder.mkdir(parents=True, exist_ok=True)
    total, n = 0, 0
    while total < megabytes * 1024 * 1024:
        if n % 3 == 2:  # a generated document in the same style: a heading and seed sentences
            body = "".join(rng.sample(sentences, 60))
            text = f"{rng.choice(PROVINCES)}生态环境厅关于{rng.randint(2018, 2026)}年生态环境保护工作的报告\n" + body
        else:
            text = seeds[n % len(seeds)]
        data = vary_names(vary_numbers(text, rng), rng).encode("utf-8")
        (folder / f"doc{n:05d}.txt").write_bytes(data)
        total += len(data)
        n += 1
    return n, total


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


def time_queries(out: Path, repeat: int = 7) -> list[tuple[str, dict, float, int]]:
    """Median time of each named query; a query slower than QUERY_LIMIT is stopped.
    Each runs in a forked child that opens the store itself (RocksDB and fork don't mix)."""
    from kg.querying import named_queries, run_named
    from kg.store import open_store

    rows = []
    for name, query in sorted(named_queries().items()):
        params = {p.name: PARAMS[p.name] for p in query.parameters if p.name in PARAMS}
        if any(p.required and p.name not in params for p in query.parameters):
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


def rdflib_comparison(dump: Path, repeat: int = 3) -> list[tuple[str, float, float]]:
    """The same named queries on the same graph, pyoxigraph (in memory) against rdflib."""
    import pyoxigraph as ox
    from rdflib import Dataset, Literal, URIRef, Variable

    from kg.querying import named_queries, run_named
    from kg.vocab import PREFIXES

    store = ox.Store()
    store.load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    dataset = Dataset(default_union=True)
    dataset.parse(str(dump), format="nquads")
    rows = []
    for name, query in sorted(named_queries().items()):
        params = {p.name: PARAMS[p.name] for p in query.parameters if p.name in PARAMS}
        if any(p.required and p.name not in params for p in query.parameters):
            continue
        bindings = {}
        for variable, term in query.bindings(params).items():
            if isinstance(term, ox.NamedNode):
                bindings[Variable(variable.value)] = URIRef(term.value)
            else:
                bindings[Variable(variable.value)] = Literal(term.value, lang=term.language,
                                                             datatype=None if term.language else term.datatype.value)
        ox_ms = _median_run(lambda: run_named(store, name, params), repeat)[0]
        rdflib_ms = _rdflib_median(dataset, query.sparql, PREFIXES, bindings, repeat)
        print(f"  {name}: pyoxigraph {ox_ms:.1f} ms, rdflib {_ms(rdflib_ms)}", flush=True)
        rows.append((name, ox_ms, rdflib_ms))
    return rows


def _rdflib_median(dataset, sparql: str, prefixes, bindings, repeat: int) -> float:
    """rdflib's median time, stopped after QUERY_LIMIT s (some of its plans never end)."""
    run = lambda: list(dataset.query(sparql, initNs=prefixes, initBindings=bindings))  # noqa: E731
    return _in_child(lambda: _median_run(run, repeat), QUERY_LIMIT)[0]


def time_explorer(out: Path, html: Path) -> tuple[float, str]:
    """write_explorer on the built store, in a child stopped after EXPLORER_LIMIT s."""
    from kg.store import open_store
    from kg.viz import write_explorer

    def timed():
        store = open_store(out)
        started = time.perf_counter()
        note = write_explorer(store, html, max_nodes=5000)
        return time.perf_counter() - started, note

    seconds, note = _in_child(timed, EXPLORER_LIMIT)
    return seconds, note if seconds != float("inf") else f"stopped after {EXPLORER_LIMIT:.0f} s"


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
    # 5 MB gives about 1M quads (the size of the query target) and runs in minutes; the
    # issue's 20 MB (`--mb 20`, about 4M quads) takes far longer while some named queries
    # take seconds each (see BENCHMARKS.md).
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB of UTF-8 text")
    parser.add_argument("--sample-chars", type=int, default=1_500_000, help="characters for the in-process rates")
    parser.add_argument("--write", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()

    from kg.store import open_store

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        tmp = Path(tmp)
        print(f"corpus of {args.mb} MB …", flush=True)
        corpus = tmp / "corpus"
        files, size = make_corpus(corpus, args.mb)
        quarter = tmp / "quarter"
        quarter.mkdir()
        for path in sorted(corpus.glob("*.txt"))[: files // 4]:
            os.link(path, quarter / path.name)

        print("seeds build …", flush=True)
        seeds = run_build(SEEDS, tmp / "seeds-out", 1)
        print("ceilings …", flush=True)
        rates = extraction_ceilings(corpus, args.sample_chars)
        print("build --jobs 1 (quarter) …", flush=True)
        small = run_build(quarter, tmp / "out-quarter", 1)
        print("build --jobs 1 …", flush=True)
        one = run_build(corpus, tmp / "out-1", 1)
        print("build --jobs 2 …", flush=True)
        two = run_build(corpus, tmp / "out-2", 2)
        print("rebuild, nothing changed …", flush=True)
        again = run_build(corpus, tmp / "out-2", 2)
        print("queries …", flush=True)
        queries = time_queries(tmp / "out-1")
        print("explorer …", flush=True)
        explorer_s, explorer_note = time_explorer(tmp / "out-1", tmp / "explorer.html")
        print("rdflib comparison …", flush=True)
        comparison = rdflib_comparison(tmp / "seeds-out" / "graph.nq")

    chars_total = size / 3  # UTF-8 Chinese: about 3 bytes a character (the rates use exact counts)
    speedup = one["wall"] / two["wall"]
    share = rates["extract"] / rates["jieba"]
    memory_growth = one["rss_mb"] / small["rss_mb"]
    parameterised = [(n, p, ms, rows) for n, p, ms, rows in queries if p]
    slowest = max((ms for _, _, ms, _ in parameterised), default=0.0)
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py); the tables are regenerated, the notes at the end are kept. "
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, {platform.system()}.",
        "",
        f"Corpus: {files} generated documents, {size / 1024 / 1024:.1f} MB of UTF-8 "
        "(the seeds with numbers and province names varied, and documents of shuffled seed sentences).",
        "",
        "## Targets (issue 6)",
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| extraction ≥ 60% of raw jieba chars/s (one process) | {rates['extract']:,.0f} vs {rates['jieba']:,.0f} chars/s = {share:.0%} | {verdict(share >= 0.6)} |",
        f"| `kg build --jobs 2` ≥ 1.6× `--jobs 1` (whole build, wall) | {one['wall']:.1f} s / {two['wall']:.1f} s = {speedup:.2f}× | {verdict(speedup >= 1.6)} |",
        f"| peak memory flat in the number of documents | {small['rss_mb']:.0f} MB for {files // 4} docs, {one['rss_mb']:.0f} MB for {files} docs ({memory_growth:.2f}×) | {verdict(memory_growth < 1.25)} |",
        f"| `kg build seeds` < 5 s wall, start-up included | {seeds['wall']:.1f} s | {verdict(seeds['wall'] < 5)} |",
        f"| parameterised named queries < 100 ms median ({one['quads']:,} quads) | slowest {_ms(slowest)} | {verdict(slowest < 100)} |",
        f"| explorer of 5,000 nodes < 2 s | {_seconds(explorer_s)} ({explorer_note}) | {verdict(explorer_s < 2)} |",
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
        f"| quarter corpus, --jobs 1 | {small['wall']:.1f} s | {small['rss_mb']:.0f} MB | {small['quads']:,} | {chars_total / 4 / small['wall']:,.0f} chars/s |",
        f"| whole corpus, --jobs 1 | {one['wall']:.1f} s | {one['rss_mb']:.0f} MB | {one['quads']:,} | {chars_total / one['wall']:,.0f} chars/s |",
        f"| whole corpus, --jobs 2 | {two['wall']:.1f} s | {two['rss_mb']:.0f} MB | {two['quads']:,} | {chars_total / two['wall']:,.0f} chars/s |",
        f"| whole corpus again, nothing changed (cache) | {again['wall']:.1f} s | {again['rss_mb']:.0f} MB | {again['quads']:,} | |",
        "",
        f"## Named queries (pyoxigraph, on-disk store of the whole corpus: {one['quads']:,} quads; median of 7)",
        "",
        "| query | parameters | median | rows |",
        "|---|---|---|---|",
        *[f"| {n} | {', '.join(f'{k}={v}' for k, v in p.items()) or '—'} | {_ms(ms)} | {rows if rows >= 0 else '—'} |" for n, p, ms, rows in queries],
        "",
        f"## pyoxigraph against rdflib's own SPARQL (the seeds graph, {seeds['quads']:,} quads, in memory; median of 3)",
        "",
        "| query | pyoxigraph | rdflib | rdflib / pyoxigraph |",
        "|---|---|---|---|",
        *[f"| {n} | {a:.1f} ms | {_ms(b)} | {_ratio(b, a)} |" for n, a, b in comparison],
        "",
    ]
    notes = ""  # the hand-written analysis after NOTES survives a new run
    if args.write.is_file() and NOTES in (previous := args.write.read_text(encoding="utf-8")):
        notes = previous[previous.index(NOTES):]
    args.write.write_text("\n".join(lines) + ("\n" + notes if notes else ""), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
