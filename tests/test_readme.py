"""The README's example outputs are the real outputs of their commands on the seeds."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("readme_examples", ROOT / "scripts" / "readme_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _check_examples(on: str, graph: Path, at_least: int) -> None:
    script = _script()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = [(command, shown) for where, command, shown in script.examples(text) if where == on]
    assert len(found) >= at_least
    for command, shown in found:
        assert script.run_example(command, graph) == shown, f"README output of `{command}` is stale: run `make readme`"


def test_readme_examples_are_current(built):
    _check_examples("", built, 4)


def test_readme_statute_examples_are_current(built_laws):
    """The examples on the statute book (../shared/corpus/laws; skipped without it)."""
    _check_examples("laws", built_laws, 3)
