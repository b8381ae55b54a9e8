"""Costly objects shared by the whole suite: the spaCy pipeline and one build of the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "gold"
# ../shared (real documents by others, read at test time, never copied): beside the clone
# on CI and in /work/main, two levels up from a worktree. Tests that need it skip without it.
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parents[1]) if (p / "shared" / "corpus").is_dir()), None)


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import make_nlp

    return make_nlp()


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The output folder of `kg build seeds`."""
    from kg.build import build

    out = tmp_path_factory.mktemp("out")
    build([SEEDS], out)
    return out


@pytest.fixture(scope="session")
def built_laws(tmp_path_factory) -> Path:
    """The output folder of `kg build ../shared/corpus/laws` (skipped without ../shared)."""
    if SHARED is None:
        pytest.skip("../shared is not beside the clone")
    from kg.build import build

    out = tmp_path_factory.mktemp("laws")
    build([SHARED / "corpus" / "laws"], out)
    return out


@pytest.fixture(scope="session")
def store(built):
    from kg.store import open_store

    return open_store(built)


@pytest.fixture(scope="session")
def seed_extractions():
    """Extraction records of every seed, by document id."""
    from kg.build import extract_file

    catalogs: dict = {}
    return {p.stem: extract_file(p, catalogs) for p in sorted(SEEDS.glob("*.txt"))}
