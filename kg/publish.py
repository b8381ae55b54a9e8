"""Publishing a build: one atomic rename.

A build writes into OUT/builds/.staging-*, renames the finished folder to
builds/<digest of its contents>, and then replaces OUT/current with one os.replace of
a symlink. That rename is the only moment the outputs change, and it is atomic, so a
build killed at any instant (SIGKILL included) leaves either the old outputs or the new
ones, all from the same build. The fixed links OUT/store, OUT/graph.nq … point through
`current`. The previous build is kept, so a `kg query` that opened it just before a swap
keeps reading a complete store (open_store resolves the links once, at open).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from kg.store import DUMP_FILE, STORE_DIR

RECORDS_FILE = "records.jsonl"
MANIFEST_FILE = "manifest.json"
OUTPUTS = (STORE_DIR, DUMP_FILE, RECORDS_FILE, MANIFEST_FILE)
BUILDS_DIR = "builds"
CURRENT = "current"


def current_build(out: Path) -> Path | None:
    """The folder of the published build of ``out``, if it has every output."""
    link = out / CURRENT
    if not link.is_symlink():
        return None
    folder = out / os.readlink(link)
    return folder if all((folder / name).exists() for name in OUTPUTS) else None


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for name in (DUMP_FILE, RECORDS_FILE, MANIFEST_FILE):
        with open(folder / name, "rb") as f:
            h.update(hashlib.file_digest(f, "sha256").digest())
    return h.hexdigest()[:16]


def publish(staging: Path, out: Path) -> None:
    """Make the staged build current with one atomic rename of the `current` link."""
    builds = staging.parent
    name = _digest(staging)
    final = builds / name
    if final.exists():
        # Only complete builds ever get a digest name (and they lose it before they are
        # deleted), so an existing folder holds exactly these outputs: reuse it.
        shutil.rmtree(staging)
    else:
        os.replace(staging, final)
    _fsync_dir(builds)
    previous = os.readlink(out / CURRENT) if (out / CURRENT).is_symlink() else None
    _replace_with_link(out / CURRENT, f"{BUILDS_DIR}/{name}")  # ← the moment the build is published
    _fsync_dir(out)
    for output in OUTPUTS:
        link = out / output
        target = f"{CURRENT}/{output}"
        if link.is_symlink() and os.readlink(link) == target:
            continue
        if link.is_dir() and not link.is_symlink():
            # A folder built by an older kg: it moves aside once (a folder cannot be
            # replaced by a link in one rename); from then on the link never changes.
            os.replace(link, builds / f".trash-legacy-{output}")
        _replace_with_link(link, target)
    keep = {name, Path(previous).name if previous else None}
    for old in builds.iterdir():
        if not old.name.startswith(".") and old.name not in keep:
            _delete(old)
    remove_leftovers(builds)


def _replace_with_link(link: Path, target: str) -> None:
    temporary = link.with_name(f".{link.name}.{os.getpid()}.link")
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    os.replace(temporary, link)


def _delete(folder: Path) -> None:
    """Rename first, then delete: a half-deleted folder never keeps a build's name."""
    trash = folder.with_name(f".trash-{folder.name}")
    os.replace(folder, trash)
    shutil.rmtree(trash, ignore_errors=True)


def remove_leftovers(builds: Path) -> None:
    """Staging and trash folders of builds that were killed (we hold the lock: none is live)."""
    for path in builds.iterdir():
        if path.name.startswith((".staging-", ".trash-")):
            shutil.rmtree(path, ignore_errors=True)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
