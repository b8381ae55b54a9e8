"""The kg command through click's CliRunner: every command, its help, its exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "gold"
COMMANDS = ["build", "extract", "eval", "query", "sparql", "validate", "viz", "serve", "push", "export", "stats"]


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_help_documents_exit_codes(runner):
    result = runner.invoke(main, ["--help"])
    assert "Exit codes" in result.output and "left out" in result.output


def test_readme_shows_every_command_and_the_quick_start():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    for command in COMMANDS:
        assert f"kg {command}" in readme


def test_extract_prints_gold_format(runner):
    result = runner.invoke(main, ["extract", str(SEEDS / "000_6f03f2aa24c77ee1.txt"), "--format", "gold"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert set(record) == {"doc", "agencies", "campaigns", "instruments", "events", "quantities"}
    assert record["doc"] == "000_6f03f2aa24c77ee1.txt"
    assert "生态环境部" in record["agencies"]


def test_eval_prints_scores_per_section(runner):
    result = runner.invoke(main, ["eval", "--gold", str(GOLD), "--sources", str(SEEDS)])
    assert result.exit_code == 0, result.output
    for section in ("agencies", "campaigns", "instruments《》", "events", "quantities value+unit"):
        assert section in result.output


def test_build_query_sparql_validate_viz(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "graph.nq").is_file() and (out / "store").is_dir()

    listed = runner.invoke(main, ["query", "--list", "--graph", str(out)])
    assert "mentions label=<name>" in listed.output

    csv_out = runner.invoke(main, ["query", "documents", "--graph", str(out), "--format", "csv"])
    assert csv_out.exit_code == 0 and len(csv_out.output.strip().splitlines()) == 6

    raw = runner.invoke(
        main, ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?d a ep:Document }", "--graph", str(out), "--format", "json"]
    )
    assert raw.exit_code == 0 and json.loads(raw.output) == [{"n": 5}]

    valid = runner.invoke(main, ["validate", "--graph", str(out)])
    assert valid.exit_code == 0 and "Conforms: True" in valid.output

    html_file = tmp_path / "explorer.html"
    viz = runner.invoke(main, ["viz", "--graph", str(out), "--out", str(html_file)])
    assert viz.exit_code == 0 and html_file.is_file()


def test_bad_files_are_left_out_and_named(runner, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / "002_8ae1168cbd7d920f.txt", corpus)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(corpus), "--out", str(out)])
    assert result.exit_code == 3
    assert "empty.txt" in result.output and "image.txt" in result.output
    assert "Built 1 document" in result.output


def test_failed_build_keeps_the_previous_output(runner, tmp_path):
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(SEEDS / "002_8ae1168cbd7d920f.txt"), "--out", str(out)]).exit_code == 0
    before = (out / "graph.nq").read_bytes()
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    result = runner.invoke(main, ["build", str(tmp_path / "empty.txt"), "--out", str(out)])
    assert result.exit_code == 5
    assert (out / "graph.nq").read_bytes() == before
    assert runner.invoke(main, ["query", "documents", "--graph", str(out)]).exit_code == 0


def test_query_errors_exit_4(runner, tmp_path, built):
    unknown = runner.invoke(main, ["query", "nope", "--graph", str(built)])
    assert unknown.exit_code == 4 and "documents" in unknown.output
    bad_param = runner.invoke(main, ["query", "mentions", "--param", "x=1", "--graph", str(built)])
    assert bad_param.exit_code == 4 and "label" in bad_param.output
    malformed = runner.invoke(main, ["sparql", "SELECT WHERE {", "--graph", str(built)])
    assert malformed.exit_code == 4
    no_graph = runner.invoke(main, ["query", "documents", "--graph", str(tmp_path / "nothing")])
    assert no_graph.exit_code == 1 and "kg build" in no_graph.output
