"""Where documents are extracted: this process, worker processes forked from it
(`--jobs N`) or a running Dask cluster (`--cluster ADDRESS`).

Workers read each document by its path (a shared file system: the same absolute path
on every machine) and return its run (kg/docrun.py): the records and sorted N-Quads as
text, never spaCy objects. Runs come back in the input order, so the output does not
depend on how the work was spread, and at most WINDOW runs are in flight, so memory does
not grow with the corpus.

Dask rather than Ray (BENCHMARKS.md has the measurements): Dask is pure Python (24 MB
installed against Ray's 240 MB of native daemons), and a cluster of machines is `dask
scheduler` on one and `dask worker ADDRESS` on the others. Ray's lower per-task overhead
(about 1 ms against 3–15 ms) does not matter for tasks that take 0.1–1 s of extraction
each. On one machine neither is needed: a pool of forked processes starts in 0.15 s
against a local Dask cluster's 1–3 s (measured here, its import included), and its
per-document overhead is a pipe's, not a scheduler's running in the parent.

jieba is module-global: each worker process is taught it (and loads spaCy) once, when
it joins a cluster (the TeachJieba plugin), before it takes a document; local workers
are forked from a process that was taught already.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable, Generator
from contextlib import ExitStack, contextmanager
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
        if tasks:
            teach_jieba()
        with _frozen():
            for path, key in tasks:
                yield run_document(path, key)
        return
    if cluster is None:
        yield from _forked(tasks, min(jobs, len(tasks)))
        return
    with ExitStack() as stack:
        client = _client(stack, cluster)
        client.register_plugin(_teaching_plugin())
        workers = max(1, len(client.scheduler_info()["workers"]))

        def submit(path: Path, key: str):
            # absolute: a worker may run in another folder, or on another machine
            future = client.submit(run_document, path.absolute(), key, pure=False)

            def result() -> DocumentRun | Failure:
                try:
                    return future.result()
                finally:
                    future.release()
            return result

        yield from _in_order(submit, tasks, WINDOW_PER_WORKER * workers)


def _forked(tasks: list[tuple[Path, str]], jobs: int) -> Generator[DocumentRun | Failure, None, None]:
    """``jobs`` worker processes forked from this one: they inherit the taught segmenter
    and the loaded pipeline, and start in a tenth of a second, where a local Dask cluster
    took seconds (its import, scheduler and nannies) and milliseconds of the parent's CPU
    per document, which two busy workers on two cores leave it no room for. A worker that
    dies (killed, out of memory) stops the build with the file it was reading."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def submit(path: Path, key: str):
        future = pool.submit(run_document, path, key)

        def result() -> DocumentRun | Failure:
            try:
                return future.result()
            except BrokenProcessPool:
                raise BuildError(f"{path}: a worker process stopped (killed, or out of memory?) while extracting "
                                 "this file or one sent after it; --jobs 1 reads one file at a time") from None
        return result

    teach_jieba()
    # a forked worker shares the parent's memory until it writes to it, and the collector
    # writes to every object it visits (the segmenter's dictionary, the reference data):
    # frozen, they stay shared (the workers' CPU time 7.0 -> 6.4 s on a 2 MB corpus)
    with _frozen(), ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from _in_order(submit, tasks, WINDOW_PER_WORKER * jobs)


@contextmanager
def _frozen() -> Generator[None, None, None]:
    """The objects made so far (the taught segmenter's dictionary, the reference data, the
    pipeline: millions) left out of the garbage collector's full passes while documents
    are extracted: none of them is garbage, and visiting them all took 1.3 s of a 2 MB
    build's 13.5 s of CPU (0.55 s frozen)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _client(stack: ExitStack, cluster: str):
    """A client of the cluster at ``cluster`` (closed with ``stack``)."""
    from dask.distributed import Client  # dask is imported only when it is used

    try:
        return stack.enter_context(Client(cluster, timeout=CONNECT_TIMEOUT))
    except (OSError, TimeoutError) as error:
        raise BuildError(f"cannot reach the Dask scheduler at {cluster}: {error}") from None


def _in_order(submit: Callable[[Path, str], Callable[[], DocumentRun | Failure]], tasks: list[tuple[Path, str]],
              window: int) -> Generator[DocumentRun | Failure, None, None]:
    """Submit at most ``window`` tasks ahead of the one whose result is awaited;
    ``submit`` returns the function that waits for its task's run."""
    pending: deque = deque()
    remaining = iter(tasks)

    def submit_next() -> None:
        for path, key in remaining:
            pending.append(submit(path, key))
            return

    for _ in range(window):
        submit_next()
    while pending:
        run = pending.popleft()()
        submit_next()
        yield run
