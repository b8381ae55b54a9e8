"""Everything the tool needs ships in the wheel: ontology, reference data, queries, template."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_the_shipped_data(tmp_path):
    source = tmp_path / "src"
    for name in ("kg", "ontology", "queries"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("ecopolicy_kg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        "kg/ontology/ecopolicy.ttl",
        "kg/ontology/shapes.ttl",
        "kg/ontology/reference/agencies.ttl",
        "kg/ontology/reference/campaigns.ttl",
        "kg/queries/documents.rq",
        "kg/queries/mentions.rq",
        "kg/templates/explorer.html",
    }
    assert shipped <= names, shipped - names
    for path in (ROOT / "queries").glob("*.rq"):
        assert f"kg/queries/{path.name}" in names
    for path in (ROOT / "ontology" / "reference").glob("*.ttl"):
        assert f"kg/ontology/reference/{path.name}" in names
