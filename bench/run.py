"""The benchmark of issue 6 (`make bench`): builds a corpus of about 20 MB and measures
extraction throughput, builds with --jobs 1 and 2, peak memory, the named queries, the
explorer, and the ceilings (raw jieba, a regex scan, rdflib's SPARQL). Writes BENCHMARKS.md.

    .venv/bin/python bench/run.py [--mb 20] [--sample-chars 1500000] [--write BENCHMARKS.md]

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
_NUMBER = re.compile(r"(?<![\d.])(\d+)(\.\d+)?")
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?\n?")


# --- the corpus ------------------------------------------------------------------------


def vary_numbers(text: str, rng: random.Random) -> str:
    """Every number changes, keeping its shape (years stay plausible years)."""

    def one(m: re.Match) -> str:
        whole, fraction = m.group(1), m.group(2) or ""
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


def time_queries(store, repeat: int = 7) -> list[tuple[str, dict, float, int]]:
    from kg.querying import named_queries, run_named

    rows = []
    for name, query in sorted(named_queries().items()):
        params = {p.name: PARAMS[p.name] for p in query.parameters if p.name in PARAMS}
        if any(p.required and p.name not in params for p in query.parameters):
            continue
        run_named(store, name, params)  # warm up
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            table = run_named(store, name, params)
            times.append(time.perf_counter() - started)
        rows.append((name, params, statistics.median(times) * 1000, len(table.rows)))
    return rows


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
        ox_times, rdflib_times = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            run_named(store, name, params)
            ox_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            list(dataset.query(query.sparql, initNs=PREFIXES, initBindings=bindings))
            rdflib_times.append(time.perf_counter() - started)
        rows.append((name, statistics.median(ox_times) * 1000, statistics.median(rdflib_times) * 1000))
    return rows


def time_explorer(store, out: Path) -> tuple[float, str]:
    from kg.viz import write_explorer

    started = time.perf_counter()
    note = write_explorer(store, out, max_nodes=5000)
    return time.perf_counter() - started, note


# --- the report ----------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB of UTF-8 text")
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
        store = open_store(tmp / "out-1")
        queries = time_queries(store)
        print("explorer …", flush=True)
        explorer_s, explorer_note = time_explorer(store, tmp / "explorer.html")
        del store
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
        "Written by `make bench` (bench/run.py); do not edit by hand. "
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
        f"| parameterised named queries < 100 ms median ({one['quads']:,} quads) | slowest {slowest:.0f} ms | {verdict(slowest < 100)} |",
        f"| explorer of 5,000 nodes < 2 s | {explorer_s:.1f} s ({explorer_note}) | {verdict(explorer_s < 2)} |",
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
        *[f"| {n} | {', '.join(f'{k}={v}' for k, v in p.items()) or '—'} | {ms:.1f} ms | {rows} |" for n, p, ms, rows in queries],
        "",
        f"## pyoxigraph against rdflib's own SPARQL (the seeds graph, {seeds['quads']:,} quads, in memory; median of 3)",
        "",
        "| query | pyoxigraph | rdflib | rdflib / pyoxigraph |",
        "|---|---|---|---|",
        *[f"| {n} | {a:.1f} ms | {b:.1f} ms | {b / a:.0f}× |" for n, a, b in comparison],
        "",
    ]
    args.write.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
