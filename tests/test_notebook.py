"""notebooks/policy_lineage.ipynb runs from top to bottom, so it cannot rot."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "policy_lineage.ipynb"
CELL_TIMEOUT = 120  # seconds; the first cell builds the graph of the seeds


@pytest.fixture(scope="module")
def executed():
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError, naming the cell, when a cell fails
    return notebook


def _outputs(notebook, kind: str) -> list:
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs if kind in o.get("data", {})]


def _text(notebook) -> str:
    return "".join(o.get("text", "") for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs)


def test_notebook_answers_the_lineage_questions(executed):
    text = _text(executed)
    assert "国务院办公厅" in text and "中办、国办印发" in text  # agency-instruments
    assert "深入推进蓝天保卫战,推动印发《空气质量持续改善行动计划》。" in text  # mentions
    assert "空气质量持续改善行动计划\n  2023  Issuance" in text  # the timeline, in time order
    assert "优良天数比例" in text  # the indicator series


def test_notebook_plots_and_shows_the_explorer(executed):
    assert len(_outputs(executed, "image/png")) >= 2  # the instrument timeline and the series
    frames = [o["data"]["text/html"] for o in _outputs(executed, "text/html")]
    assert any(f.startswith("<iframe srcdoc=") and "vis.Network" in f for f in frames)
    assert not [o for cell in executed.cells for o in cell.get("outputs", []) if o.output_type == "error"]
