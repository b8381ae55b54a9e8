"""Where documents are extracted: this process, or a pool of local worker processes.

Workers read each document by its path and return its run (kg/docrun.py): records and
sorted N-Quads as text, never spaCy objects. Runs come back in the input order, so the
output does not depend on how the work was spread.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Generator
from pathlib import Path

from kg.docrun import DocumentRun, Failure, run_document


def _run(task: tuple[Path, str]) -> DocumentRun | Failure:
    return run_document(*task)


def extract_runs(tasks: list[tuple[Path, str]], jobs: int, cluster: str | None = None
                 ) -> Generator[DocumentRun | Failure, None, None]:
    """The run of each (path, cache key), in the order given."""
    if jobs <= 1 or len(tasks) <= 1:
        yield from map(_run, tasks)
        return
    from kg.nlp.pipeline import make_nlp

    # jieba is module-global: teach it (make_nlp does) and load its dictionary here,
    # before forking, so every worker inherits the trained segmenter.
    make_nlp()
    pool = multiprocessing.get_context("fork").Pool(processes=min(jobs, len(tasks)))
    try:
        yield from pool.imap(_run, tasks, chunksize=1)  # imap keeps the input order
    finally:
        pool.terminate()
        pool.join()
