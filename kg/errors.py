"""Typed errors the library raises and the CLI turns into one line and an exit code.

The library never prints and never exits: it raises one of these, and `kg/cli.py`
prints `str(error)` and exits with `error.exit_code`.

Exit codes of the `kg` command:
    0  success
    1  error (any other KgError)
    2  usage error (bad options or arguments; click's own code)
    3  bad input file(s) left out: the rest was processed, the bad ones are named
    4  query error (unknown named query, bad parameter, SPARQL syntax)
    5  build failed
"""

from __future__ import annotations

from pathlib import Path

EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "error",
    2: "usage error",
    3: "bad input file(s) left out",
    4: "query error",
    5: "build failed",
}


class KgError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 1


class InputError(KgError):
    """A file that cannot be used (missing, empty, binary, undecodable, too large …)."""

    exit_code = 3

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class QueryError(KgError):
    """A named or raw query that cannot be run."""

    exit_code = 4

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        super().__init__(f"query {name}: {problem}")


class BuildError(KgError):
    """The graph could not be built."""

    exit_code = 5
