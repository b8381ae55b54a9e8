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


def test_readme_examples_are_current(built):
    script = _script()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = [(command, shown) for on, command, shown in script.examples(text) if on == ""]
    assert len(found) >= 4
    for command, shown in found:
        assert script.run_example(command, built) == shown, (
            f"README output of `{command}` is stale: run `make readme`"
        )


def test_readme_statute_examples_are_current(built_laws):
    """The examples on the statute book (../shared/corpus/laws; skipped without it)."""
    script = _script()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = [(command, shown) for on, command, shown in script.examples(text) if on == "laws"]
    assert len(found) >= 3
    for command, shown in found:
        assert script.run_example(command, built_laws) == shown, (
            f"README output of `{command}` is stale: run `make readme`"
        )
