"""Where documents are extracted: this process, a local Dask cluster (`--jobs N`) or a
running Dask cluster (`--cluster ADDRESS`).

Workers read each document by its path (a shared file system: the same absolute path
on every machine) and return its run (kg/docrun.py): the records and sorted N-Quads as
text, never spaCy objects. Runs come back in the input order, so the output does not
depend on how the work was spread, and at most WINDOW runs are in flight, so memory does
not grow with the corpus.

Dask rather than Ray (BENCHMARKS.md has the measurements): Dask is pure Python (24 MB
installed against Ray's 240 MB of native daemons), a local cluster starts in about 2 s
against Ray's 3.5 s on this machine, and a cluster of machines is `dask scheduler` on one
and `dask worker ADDRESS` on the others. Ray's lower per-task overhead (about 1 ms
against 3–15 ms) does not matter for tasks that take 0.1–1 s of extraction each.

jieba is module-global: each worker process is taught it (and loads spaCy) once, when
it joins a cluster (the TeachJieba plugin), before it takes a document; local workers
are forked from a process that was taught already.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Generator
from contextlib import ExitStack
from pathlib import Path

from kg.docrun import DocumentRun, Failure, run_document
from kg.errors import BuildError

WINDOW_PER_WORKER = 8  # runs in flight per worker: enough to hide one slow document
CONNECT_TIMEOUT = 30.0  # seconds to reach a cluster's scheduler


def teach_jieba(worker=None) -> None:
    """Once per worker process: the segmenter's words and the pipeline."""
    from kg.nlp.pipeline import make_nlp

    make_nlp()


def _teaching_plugin():
    from dask.distributed import WorkerPlugin  # dask is imported only when it is used

    class TeachJieba(WorkerPlugin):
        name = "kg-teach-jieba"

        def setup(self, worker) -> None:
            teach_jieba(worker)

    return TeachJieba()


def extract_runs(tasks: list[tuple[Path, str]], jobs: int, cluster: str | None = None
                 ) -> Generator[DocumentRun | Failure, None, None]:
    """The run of each (path, cache key), in the order given."""
    if cluster is None and (jobs <= 1 or len(tasks) <= 1):
        for path, key in tasks:
            yield run_document(path, key)
        return
    with ExitStack() as stack:
        client = _client(stack, cluster, min(jobs, len(tasks)))
        client.register_plugin(_teaching_plugin())
        workers = max(1, len(client.scheduler_info()["workers"]))
        yield from _in_order(client, tasks, WINDOW_PER_WORKER * workers)


def _client(stack: ExitStack, cluster: str | None, jobs: int):
    """A client of the cluster at ``cluster``, or of a local cluster of ``jobs`` worker
    processes on the loopback (closed with ``stack``)."""
    import dask
    from dask.distributed import Client, LocalCluster

    if cluster is not None:
        try:
            return stack.enter_context(Client(cluster, timeout=CONNECT_TIMEOUT))
        except (OSError, TimeoutError) as error:
            raise BuildError(f"cannot reach the Dask scheduler at {cluster}: {error}") from None
    # Forked workers inherit the taught segmenter and the loaded pipeline (a spawned worker
    # spends seconds importing spaCy); the sampling profiler slowed extraction down.
    teach_jieba()
    stack.enter_context(dask.config.set({
        "distributed.worker.multiprocessing-method": "fork",
        "distributed.worker.profile.enabled": False,
    }))
    local = stack.enter_context(LocalCluster(
        n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
        scheduler_port=0, dashboard_address=None, silence_logs=logging.ERROR,
    ))
    return stack.enter_context(Client(local))


def _in_order(client, tasks: list[tuple[Path, str]], window: int) -> Generator[DocumentRun | Failure, None, None]:
    """Submit at most ``window`` tasks ahead of the one whose result is awaited."""
    pending: deque = deque()
    remaining = iter(tasks)

    def submit_next() -> None:
        for path, key in remaining:
            # absolute: a worker may run in another folder, or on another machine
            pending.append(client.submit(run_document, path.absolute(), key, pure=False))
            return

    for _ in range(window):
        submit_next()
    while pending:
        future = pending.popleft()
        run = future.result()
        future.release()
        submit_next()
        yield run
