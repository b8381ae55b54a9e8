"""Sorted runs of N-Quads lines → one sorted, distinct file (graph.nq).

Each document's run is sorted when it is made (kg/docrun.py) and kept in the cache, so
the dump of a build is a k-way merge (heapq.merge) that reads every line once and holds
one line per run in memory. More runs than FAN_IN are merged in rounds through
temporary files, so a corpus of a million documents does not open a million files.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path

FAN_IN = 256  # runs open at once


def merge_runs(runs: list[Path], target: Path) -> int:
    """Merge sorted files into ``target``, dropping repeated and blank lines; the count
    of lines written. Intermediate rounds are written next to ``target`` and removed."""
    made: list[Path] = []
    try:
        while len(runs) > FAN_IN:
            merged = []
            for start in range(0, len(runs), FAN_IN):
                partial = target.with_name(f"{target.name}.round{len(made)}")
                _merge(runs[start : start + FAN_IN], partial)
                made.append(partial)
                merged.append(partial)
            runs = merged
        return _merge(runs, target)
    finally:
        for path in made:
            path.unlink(missing_ok=True)


def _merge(runs: list[Path], target: Path) -> int:
    with ExitStack() as stack:
        # as bytes: UTF-8 sorts as the text does, and nothing is decoded or encoded again
        files = [stack.enter_context(open(run, "rb")) for run in runs]
        return write_distinct(heapq.merge(*files), target)


def write_distinct(lines: Iterable[bytes], path: Path) -> int:
    """Write sorted lines (UTF-8) once each, each ending in a newline; the count written."""
    count, previous = 0, None
    with open(path, "wb") as out:
        for line in lines:
            if not line.endswith(b"\n"):
                line += b"\n"
            if line != previous and line.strip():
                out.write(line)
                count += 1
            previous = line
    return count
