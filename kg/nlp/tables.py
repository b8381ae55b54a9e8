"""Tables read a row at a time: the figures of a grid of data take their unit, time and
subject from the cells of their row and the header of their column.

A table stands in the text one row a line, its cells between | marks (a Markdown page,
an HTML grid as kg/ingest.py writes it) or parted by tabs (a DOCX row). An indicator table

    | 指标 | 单位 | 2025年(基准值) | 2030年(目标值) |
    | 化学需氧量排放量 | 万吨 | 12.6 | 11.0 |

says in its header what its rows leave out: 11.0 is 万吨 (110000 吨) of 化学需氧量排放量 for
2030, a goal. The header is the rows above the first row that holds a figure; a header cell
left empty right of a cell with nothing above it continues that cell's span (目标值 over
2025年 and 2030年). The unit of a figure comes from its row's unit column (单位, 计量单位),
else from a bracket of its column's header or of its row's label (森林覆盖率(%)), else from
a 单位: note on the line above the table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

CELL_SEPARATORS = ("|", "\t")

# A cell that holds one figure: digits with an optional decimal part, sign, bound or %.
_FIGURE_CELL = re.compile(r"[<>≤≥约近]?\s*[+-]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?\s*%?")
_YEAR_CELL = re.compile(r"(?:19|20)[0-9]{2}")
# Headers that name the unit column, the label column, a goal and a result.
# (the unit a measure, a tax, a price or a fee is counted in; not 责任单位, 牵头单位: bodies)
_UNIT_HEADER = re.compile(r"^(?:计量|计税|计价|计费|计算|统计)?单位$")
_LABEL_HEADER = re.compile(r"指标|项目|名称|污染物|因子|任务|事项")  # not 类别: a group of rows
# The column of a row's own time: a deadline or a year (完成时限, 完成时间, 年度).
_TIME_HEADER = re.compile(r"时限|时间|期限|年度|年份")
# A cell that starts with a figure, with or without its unit (120公里, 95%), not with a year.
_FIGURE_START = re.compile(r"\s*[<>≤≥约近]?\s*[+-]?[0-9]")
_GOAL_HEADER = re.compile(r"目标|规划值|预期|预计|力争")
# A unit in brackets at the end of a header or a label: 森林覆盖率(%), 2025年(万吨).
_BRACKET_UNIT = re.compile(r"[(（]\s*(?:单位\s*[:：]\s*)?(?P<unit>[^()（）]{1,16}?)\s*[)）]\s*$")
# A note of the unit of the whole table, on the line above it: 单位:万吨, (单位：%).
_TABLE_UNIT = re.compile(r"单位\s*[:：]\s*(?P<unit>[^\s()（）,，;；。]{1,12})\s*[)）]?\s*$")


@dataclass(frozen=True)
class Cell:
    start: int  # offsets into the text
    end: int
    text: str


@dataclass(frozen=True)
class Grid:
    """A run of table rows; ``note`` is the line above it."""

    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""

    @cached_property
    def header_rows(self) -> int:
        """How many rows open the table before the first one holding a figure."""
        for k, row in enumerate(self.rows):
            if any(is_figure(c.text) for c in row[1:]) or (k and is_figure(row[0].text) and len(row) > 1):
                return k
        return min(1, len(self.rows))

    @cached_property
    def header_parts(self) -> tuple[tuple[str, ...], ...]:
        """The header cells of each column, top to bottom (a cell spanning columns, written
        once at its left, stands over each of them)."""
        width = max(len(r) for r in self.rows)
        columns: list[list[str]] = [[] for _ in range(width)]
        above = [""] * width  # what the rows above gave each column so far
        for row in self.rows[: self.header_rows]:
            texts = [c.text.strip() for c in row] + [""] * (width - len(row))
            resolved = []
            for k, t in enumerate(texts):
                if not t and k and not above[k] and resolved[k - 1]:
                    t = resolved[k - 1]  # a cell spanning columns, written once at its left
                resolved.append(t)
            for k, t in enumerate(resolved):
                if t:
                    columns[k].append(t)
                above[k] += texts[k]
        return tuple(tuple(parts) for parts in columns)

    @cached_property
    def headers(self) -> tuple[str, ...]:
        """The header of each column, its header rows' cells joined top to bottom."""
        return tuple("".join(parts) for parts in self.header_parts)

    def column(self, pattern: re.Pattern) -> int | None:
        return next((k for k, h in enumerate(self.headers) if pattern.search(h)), None)

    def position(self, start: int) -> tuple[int, int] | None:
        """(row, column) of the body cell holding text position ``start``."""
        for r, row in enumerate(self.rows[self.header_rows :], self.header_rows):
            if row and row[0].start - 2 <= start <= row[-1].end:
                for c, cell in enumerate(row):
                    if cell.start <= start <= cell.end:
                        return r, c
        return None

    def unit(self, r: int, c: int, is_unit: Callable[[str], bool] = bool) -> str:
        """The unit the row, the column or the table gives a bare figure; a bracket of a
        header or a label only where ``is_unit`` takes it (2025年(基准值) names no unit)."""
        row = self.rows[r]
        k = self.column(_UNIT_HEADER)
        if k is not None and k < len(row) and k != c and row[k].text.strip():
            return row[k].text.strip()
        # the column's own header cell first, then the cells spanning it above (PM2.5(微克/立方米)
        # over 2030年 and 同比变化), then the row's label
        parts = self.header_parts[c] if c < len(self.header_parts) else ()
        for text in (*reversed(parts), self.label(r)):
            m = _BRACKET_UNIT.search(text)
            # a bracket may give the basis beside the unit: (较2030年,%)
            for part in re.split(r"[,，、;；]", m["unit"]) if m else ():
                if is_unit(part.strip()):
                    return part.strip()
        m = _TABLE_UNIT.search(self.note)
        return m["unit"] if m and is_unit(m["unit"]) else ""

    def label(self, r: int, with_unit: bool = True) -> str:
        """What the row measures: its label column's cell, else its last cell of words
        before its first figure (a serial number and the unit column are no label)."""
        row = self.rows[r]
        k = self.column(_LABEL_HEADER)
        unit_column = self.column(_UNIT_HEADER)
        if k is None or k >= len(row) or not row[k].text.strip():
            words = [
                i for i, cell in enumerate(row)
                if cell.text.strip() and not is_figure(cell.text) and i != unit_column
            ]
            first_figure = next((i for i, cell in enumerate(row) if i and holds_figure(cell.text)), len(row))
            words = [i for i in words if i < first_figure] or words
            if not words:
                return ""
            k = words[-1]
        label = row[k].text.strip()
        return label if with_unit else _BRACKET_UNIT.sub("", label).strip()

    def row_time(self, r: int) -> str:
        """The text of the row's own time cell (2032年底前 under 完成时限), "" when none."""
        k = self.column(_TIME_HEADER)
        row = self.rows[r]
        return row[k].text.strip() if k is not None and k < len(row) else ""

    def header(self, c: int) -> str:
        return self.headers[c] if c < len(self.headers) else ""

    def is_goal(self, c: int) -> bool:
        """Does the column's header name a goal (目标值, 2030年目标, 规划值)?"""
        return bool(_GOAL_HEADER.search(self.header(c)))


def is_figure(text: str) -> bool:
    text = text.strip()
    return bool(_FIGURE_CELL.fullmatch(text)) and not _YEAR_CELL.fullmatch(text)


def holds_figure(text: str) -> bool:
    """Does a cell start with a figure (120公里, 95%, 3.2), not a year (2032年底前)?"""
    m = _FIGURE_START.match(text)
    return bool(m) and not _YEAR_CELL.match(text.strip().lstrip("<>≤≥约近+-"))


def cells(line: str, separator: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell of a table row (a row's outer | open no cell)."""
    bounds = [i for i, c in enumerate(line) if c == separator]
    edges = ([-1] if separator == "\t" or not line.lstrip().startswith("|") else []) + bounds
    if separator == "\t" or not line.rstrip().endswith("|"):
        edges.append(len(line))
    return [(a + 1, b, line[a + 1 : b]) for a, b in zip(edges, edges[1:])]


def separator_of(line: str) -> str | None:
    """The cell separator of a table row, None for a line of running text."""
    return next((c for c in CELL_SEPARATORS if line.count(c) >= 2 - (c == "\t")), None)


def grids(text: str) -> list[Grid]:
    """Every run of table rows in ``text``, in order."""
    found: list[Grid] = []
    rows: list[tuple[Cell, ...]] = []
    note = previous = ""
    position = 0
    for line in text.split("\n") + [""]:
        separator = separator_of(line)
        if separator is None:
            if rows:
                found.append(Grid(tuple(rows), note))
                rows = []
            previous = line
        else:
            if not rows:
                note = previous
            rows.append(tuple(Cell(position + a, position + b, t) for a, b, t in cells(line, separator)))
        position += len(line) + 1
    return found


class Tables:
    """The grids of one text, and the cell a position stands in."""

    def __init__(self, text: str):
        self.grids = [g for g in grids(text) if len(g.rows) >= 2]
        self._ends = [g.rows[-1][-1].end if g.rows[-1] else 0 for g in self.grids]

    def at(self, start: int) -> tuple[Grid, int, int] | None:
        """(grid, row, column) of the body cell at ``start``, None outside a grid's body."""
        for grid, end in zip(self.grids, self._ends):
            if grid.rows[0] and grid.rows[0][0].start - 2 <= start <= end:
                where = grid.position(start)
                return (grid, *where) if where else None
        return None
