"""Regenerate (or check) the output blocks of README.md from the real graph of the seeds.

An example in the README is a marker comment followed by a fenced block:

    <!-- kg query agency-instruments --param agency=国办 -->
    ```text
    …the output of that command…
    ```

`python scripts/readme_examples.py OUT [LAWS_OUT]` rewrites every block with the output
of its command run on the built graph in OUT; with --check it only reports the blocks that
differ (tests/test_readme.py uses it, so the README cannot drift from the tool).

An example marked `<!-- laws: kg … -->` runs on the graph of ../shared/corpus/laws (the
statute book, not shipped with the project) built in LAWS_OUT; without LAWS_OUT those
blocks are left as they are.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLE = re.compile(r"(<!-- (?:(laws): )?(kg [^\n]*?) -->\n```text\n)(.*?)(```)", re.S)
GRAPH_COMMANDS = {"query", "sparql", "validate"}


def run_example(command: str, graph: Path) -> str:
    args = shlex.split(command)[1:]
    if args[0] in GRAPH_COMMANDS:
        args += ["--graph", str(graph)]
    result = CliRunner().invoke(main, args)
    if result.exit_code != 0:
        raise RuntimeError(f"README example `{command}` failed: {result.output}")
    return result.output


def examples(text: str) -> list[tuple[str, str, str]]:
    """(graph the example runs on: "" for the seeds or "laws", command, output shown)."""
    return [(m.group(2) or "", m.group(3), m.group(4)) for m in EXAMPLE.finditer(text)]


def regenerate(text: str, graph: Path, laws: Path | None = None) -> str:
    def block(m: re.Match) -> str:
        on = laws if m.group(2) == "laws" else graph
        if on is None:
            return m.group(0)
        return m.group(1) + run_example(m.group(3), on) + m.group(5)

    return EXAMPLE.sub(block, text)


if __name__ == "__main__":
    paths = [Path(a) for a in sys.argv[1:] if not a.startswith("-")]
    graph = paths[0] if paths else Path("out")
    original = README.read_text(encoding="utf-8")
    updated = regenerate(original, graph, paths[1] if len(paths) > 1 else None)
    if "--check" in sys.argv:
        sys.exit(0 if updated == original else 1)
    README.write_text(updated, encoding="utf-8")
