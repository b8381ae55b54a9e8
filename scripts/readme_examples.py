"""Regenerate (or check) the output blocks of README.md from the real graph of the seeds.

An example in the README is a marker comment followed by a fenced block:

    <!-- kg query agency-instruments --param agency=国办 -->
    ```text
    …the output of that command…
    ```

`python scripts/readme_examples.py OUT` rewrites every block with the output of its
command run on the built graph in OUT; with --check it only reports the blocks that
differ (tests/test_readme.py uses it, so the README cannot drift from the tool).
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLE = re.compile(r"(<!-- (kg [^\n]*?) -->\n```text\n)(.*?)(```)", re.S)
GRAPH_COMMANDS = {"query", "sparql", "validate"}


def run_example(command: str, graph: Path) -> str:
    args = shlex.split(command)[1:]
    if args[0] in GRAPH_COMMANDS:
        args += ["--graph", str(graph)]
    result = CliRunner().invoke(main, args)
    if result.exit_code != 0:
        raise RuntimeError(f"README example `{command}` failed: {result.output}")
    return result.output


def examples(text: str) -> list[tuple[str, str]]:
    return [(m.group(2), m.group(3)) for m in EXAMPLE.finditer(text)]


def regenerate(text: str, graph: Path) -> str:
    return EXAMPLE.sub(lambda m: m.group(1) + run_example(m.group(2), graph) + m.group(4), text)


if __name__ == "__main__":
    graph = Path(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else Path("out")
    original = README.read_text(encoding="utf-8")
    updated = regenerate(original, graph)
    if "--check" in sys.argv:
        sys.exit(0 if updated == original else 1)
    README.write_text(updated, encoding="utf-8")
