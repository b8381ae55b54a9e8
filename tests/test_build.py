"""kg build: atomic publication (a killed build loses nothing), one build at a time,
incremental and reproducible output, --jobs, and the record (de)serialisation."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import cache, merge
from kg.build import build
from kg.cli import main
from kg.lock import LOCK_FILE, BuildLocked, build_lock
from kg.store import DUMP_FILE, open_store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BAD = ROOT / "tests" / "data" / "bad"
KG = Path(sys.executable).with_name("kg")
SMALL = ["002_8ae1168cbd7d920f.txt", "004_9eff9509ef8e18f9.txt"]  # two of the smaller seeds


def graphs_of(dump: Path) -> dict[str, list[str]]:
    """N-Quads lines by named graph."""
    out: dict[str, list[str]] = {}
    for line in dump.read_text(encoding="utf-8").splitlines():
        out.setdefault(line.rsplit(" ", 2)[-2], []).append(line)
    return out


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in SMALL:
        shutil.copy(SEEDS / name, folder)
    shutil.copy(SEEDS / "catalog.toml", folder)
    shutil.copy(BAD / "numbers.txt", folder)
    return folder


def test_incremental_rebuilds_replace_only_what_changed(corpus, tmp_path):
    out = tmp_path / "out"
    first = build([corpus], out)
    assert first.extracted == 3 and sorted(first.documents) == sorted(p.stem for p in corpus.glob("*.txt"))
    before = (out / DUMP_FILE).read_bytes()

    again = build([corpus], out)
    assert again.extracted == 0  # nothing changed: every document came from the cache
    assert (out / DUMP_FILE).read_bytes() == before

    changed = corpus / "numbers.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "2024年，生态环境部印发《排污许可管理办法》。\n", encoding="utf-8")
    third = build([corpus], out)
    assert third.extracted == 1
    # the store was the previous one with one graph replaced: it holds exactly the dump
    assert store_lines(out) == set((out / DUMP_FILE).read_text(encoding="utf-8").splitlines())
    old, new = graphs_of_bytes(before), graphs_of(out / DUMP_FILE)
    differing = {g for g in old.keys() | new.keys() if old.get(g) != new.get(g)}
    # the document's own graph, and the shared graph that describes the instrument it
    # now names (rebuilt from every document's records at each build)
    assert differing == {
        "<https://w3id.org/ecopolicy-kg/id/graph/numbers>",
        "<https://w3id.org/ecopolicy-kg/id/graph/instruments>",
    }

    (corpus / SMALL[0]).unlink()
    fourth = build([corpus], out)
    assert fourth.extracted == 0 and SMALL[0][:-4] not in fourth.documents
    assert not any(SMALL[0][:-4] in g for g in graphs_of(out / DUMP_FILE))
    assert {p.stem for p in (out / cache.CACHE_DIR).iterdir()} == set(fourth.documents)
    # the previous build is kept for readers in flight; older ones are deleted
    assert len([p for p in (out / "builds").iterdir()]) == 2


def store_lines(out: Path) -> set[str]:
    store = open_store(out)
    return set(ox.serialize(store, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())


def test_a_rebuild_with_nothing_changed_keeps_the_published_build(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out)
    published = os.readlink(out / "current")
    stamp = (out / "current" / "store").stat().st_mtime_ns
    again = build([corpus], out)
    assert again.extracted == 0 and again.quads == build([corpus], tmp_path / "fresh").quads
    assert os.readlink(out / "current") == published and (out / "current" / "store").stat().st_mtime_ns == stamp


def test_runs_merge_in_rounds_into_sorted_distinct_lines(tmp_path, monkeypatch):
    monkeypatch.setattr(merge, "FAN_IN", 2)
    texts = ["a\nc\ne\n", "b\nc\n", "", "a\nd\nz\n", "y\n"]
    runs = []
    for i, text in enumerate(texts):
        runs.append(tmp_path / f"run{i}")
        runs[-1].write_text(text, encoding="utf-8")
    assert merge.merge_runs(runs, tmp_path / "all") == 7
    assert (tmp_path / "all").read_text(encoding="utf-8") == "a\nb\nc\nd\ne\ny\nz\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*(r.name for r in runs), "all"])


def graphs_of_bytes(data: bytes) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in data.decode("utf-8").splitlines():
        out.setdefault(line.rsplit(" ", 2)[-2], []).append(line)
    return out


def test_same_inputs_give_the_same_bytes_with_or_without_cache_and_jobs(corpus, tmp_path):
    one = build([corpus], tmp_path / "one")
    two = build([corpus], tmp_path / "two", jobs=2)
    assert two.extracted == 3
    dump = (tmp_path / "one" / DUMP_FILE).read_bytes()
    assert dump == (tmp_path / "two" / DUMP_FILE).read_bytes()
    assert dump.decode("utf-8").splitlines() == sorted(set(dump.decode("utf-8").splitlines()))
    assert (tmp_path / "one" / "records.jsonl").read_bytes() == (tmp_path / "two" / "records.jsonl").read_bytes()
    assert one.documents == two.documents  # input order, whatever the pool did


def _dies(path, key):
    os._exit(3)  # as a worker killed in the middle of a document (out of memory)


def test_a_worker_that_dies_stops_the_build_with_a_named_file_not_a_hang(corpus, tmp_path, monkeypatch):
    from kg import engine
    from kg.errors import BuildError

    def hung(*_):
        raise AssertionError("the build waits for a worker that is gone")

    monkeypatch.setattr(engine, "run_document", _dies)  # forked workers inherit it
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)
    try:
        with pytest.raises(BuildError, match=r"corpus/.*a worker process stopped"):
            build([corpus], tmp_path / "out", jobs=2)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert not (tmp_path / "out" / "current").exists()  # nothing was published


def test_records_round_trip_through_json(seed_extractions):
    extraction = max(seed_extractions.values(), key=lambda e: len(e.quantities))
    data = json.loads(json.dumps(cache.extraction_to_json(extraction), ensure_ascii=False))
    assert cache.extraction_from_json(data) == extraction
    q = extraction.quantities[0]
    trailing = cache.from_jsonable(type(q), {**cache.to_jsonable(q), "value": "29.30"})
    assert trailing.value == Decimal("29.30") and str(trailing.value) == "29.30"


def test_a_second_build_fails_fast_naming_the_lock(corpus, tmp_path):
    out = tmp_path / "out"
    with build_lock(out):
        started = time.perf_counter()
        with pytest.raises(BuildLocked, match=r"\.lock"):
            build([corpus], out)
        result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out)])
        assert time.perf_counter() - started < 5
    assert result.exit_code == 5
    assert str(out / LOCK_FILE) in result.output and "another build is running" in result.output
    assert not (out / "current").exists()  # nothing was touched
    assert build([corpus], out).documents  # the lock is free again


def test_a_killed_build_leaves_the_previous_output_usable(built, tmp_path):
    """SIGKILL a real `kg build` at several moments; the old graph must stay whole."""
    out = tmp_path / "out"
    shutil.copytree(built, out, symlinks=True)
    before = (out / DUMP_FILE).read_bytes()
    corpus = tmp_path / "changed"
    shutil.copytree(SEEDS, corpus)
    for path in corpus.glob("*.txt"):  # every document changed: nothing comes from the cache
        path.write_text(path.read_text(encoding="utf-8") + "\n2025年，生态环境部印发《排污许可管理办法》。\n", encoding="utf-8")
    runner = CliRunner()
    for delay in (0.0, 0.5, 1.0, 1.6):
        process = subprocess.Popen([str(KG), "build", str(corpus), "--out", str(out)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not any((out / "builds").glob(".staging-*")) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        result = runner.invoke(main, ["query", "documents", "--graph", str(out), "--format", "json"])
        assert result.exit_code == 0, result.output
        dump = (out / DUMP_FILE).read_bytes()
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert len(json.loads(result.output)) == len(manifest["documents"]) == 5
        if dump != before:  # the kill came after the swap: then it is the whole new build
            assert "排污许可管理办法" in dump.decode("utf-8")
            before = dump
    final = build([corpus], out)
    assert len(final.documents) == 5
    assert not [p for p in (out / "builds").iterdir() if p.name.startswith(".")]  # leftovers cleaned


def test_an_output_folder_of_the_old_layout_is_taken_over(corpus, tmp_path):
    out = tmp_path / "out"
    (out / "store").mkdir(parents=True)
    (out / "store" / "OLD").write_text("x")
    (out / DUMP_FILE).write_text("old\n")
    build([corpus], out)
    for name in ("store", DUMP_FILE, "records.jsonl", "manifest.json"):
        assert (out / name).is_symlink() and os.readlink(out / name) == f"current/{name}"
    assert open_store(out) is not None and (out / DUMP_FILE).read_text() != "old\n"


def _store_lines(out: Path) -> list[str]:
    data = ox.serialize(open_store(out), format=ox.RdfFormat.N_QUADS)
    return sorted(set(data.decode("utf-8").splitlines()))


def test_a_store_loaded_while_extracting_holds_the_dump(corpus, tmp_path):
    """A first build loads its store as the documents come (a thread); a second file of
    the same document id is left out of the graph as of the records."""
    out = tmp_path / "out"
    build([corpus], out)
    assert _store_lines(out) == (out / DUMP_FILE).read_text(encoding="utf-8").splitlines()

    other = tmp_path / "other"
    other.mkdir()
    (other / SMALL[0]).write_text("关于加强河道保洁工作的通知\n\n2024年，全市清理河道120公里。\n", encoding="utf-8")
    again = tmp_path / "again"
    report = build([corpus, other], again)
    assert any("same document id" in problem for _, problem in report.skipped)
    dump = (again / DUMP_FILE).read_text(encoding="utf-8")
    assert _store_lines(again) == dump.splitlines()
    assert "河道" not in dump and "河道" not in (again / "records.jsonl").read_text(encoding="utf-8")
    assert dump == (out / DUMP_FILE).read_text(encoding="utf-8")
