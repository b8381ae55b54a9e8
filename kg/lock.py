"""One build at a time per output folder: an advisory lock on OUT/.lock.

flock(), not lockf(): flock locks belong to the open file, so a second build fails even
from the same process (tests rely on it), and the kernel drops the lock when the holder
dies, even by SIGKILL, so a killed build never leaves a stale lock behind. The lock file
itself is never deleted (deleting it would let two builds lock two different files).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import BuildError

LOCK_FILE = ".lock"


class BuildLocked(BuildError):
    """Another build holds the output folder's lock (exit code 5, like any failed build)."""

    def __init__(self, lock: Path, holder: str) -> None:
        self.lock = lock
        who = f" by process {holder}" if holder else ""
        super().__init__(
            f"another build is running on {lock.parent}/ (lock {lock} is held{who}); "
            "the previous output is unchanged — try again when it ends"
        )


@contextmanager
def build_lock(out: Path) -> Iterator[Path]:
    """Hold OUT/.lock for the duration of the block, or raise BuildLocked at once."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            raise BuildLocked(path, holder) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)  # for the message above only
        yield path
    finally:
        os.close(fd)  # releases the lock
