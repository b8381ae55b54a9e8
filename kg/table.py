"""A query's answer as a table: what the embedded store (kg/querying.py) and a remote
endpoint (kg/remote.py) both give, so neither module needs the other's."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Table:
    columns: list[str]
    rows: list[list[object]]  # pyoxigraph terms or None
