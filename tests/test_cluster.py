"""kg build on the distributed engine: a real Dask cluster (a scheduler and two worker
processes on the loopback, free ports) gives the same bytes as a single-process build."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import build
from kg.store import DUMP_FILE

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BAD = ROOT / "tests" / "data" / "bad"
DASK = Path(sys.executable).with_name("dask")


@pytest.fixture
def cluster(tmp_path):
    """tcp://127.0.0.1:PORT of a scheduler with two single-threaded worker processes."""
    from dask.distributed import Client

    scheduler_file = tmp_path / "scheduler.json"
    common = ["--no-dashboard"]
    processes = [subprocess.Popen(
        [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0", "--scheduler-file", str(scheduler_file), *common],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )]
    try:
        deadline = time.monotonic() + 30
        while not scheduler_file.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        for _ in range(2):
            processes.append(subprocess.Popen(
                [str(DASK), "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny", *common],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path,
            ))
        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=30)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_a_build_on_a_cluster_gives_the_bytes_of_a_local_build(cluster, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("002_8ae1168cbd7d920f.txt", "004_9eff9509ef8e18f9.txt", "catalog.toml"):
        shutil.copy(SEEDS / name, corpus)
    shutil.copy(BAD / "numbers.txt", corpus)
    (corpus / "empty.txt").write_bytes(b"")  # a bad file is named the same way on a worker
    local = build([corpus], tmp_path / "local")
    remote = build([corpus], tmp_path / "remote", cluster=cluster)
    assert remote.extracted == 3 and remote.documents == local.documents
    assert remote.skipped == local.skipped and len(remote.skipped) == 1
    for name in (DUMP_FILE, "records.jsonl", "manifest.json"):
        assert (tmp_path / "remote" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


def test_an_unreachable_cluster_is_a_clear_error(tmp_path, monkeypatch):
    from kg import engine
    from kg.errors import BuildError

    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", 1.0)
    with pytest.raises(BuildError, match="cannot reach the Dask scheduler"):
        build([SEEDS / "002_8ae1168cbd7d920f.txt"], tmp_path / "out", cluster="tcp://127.0.0.1:9")
    assert not (tmp_path / "out" / "current").exists()
