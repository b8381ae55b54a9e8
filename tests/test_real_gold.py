"""The real-document gold and `kg eval`'s tables.

tests/data/real-gold/ holds gold for documents written by others (their texts stay in
../shared/corpus and are never copied here). Every file must follow the gold format of
../shared/ANNOTATION.md with its additions; `kg eval` scores them with the reports' gold
as the real table, before the development table. tests/data/heldout-gold/ holds gold for
real documents nobody tuned on: `kg eval` scores them in their own table right after the
real one, and lists their misses only when asked with --heldout-errors.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, SHARED
from kg.cli import main

REAL_GOLD = ROOT / "tests" / "data" / "real-gold"
GOLD_FILES = sorted(REAL_GOLD.glob("*.json"))
HELDOUT_GOLD = ROOT / "tests" / "data" / "heldout-gold"
HELDOUT_FILES = sorted(HELDOUT_GOLD.glob("*.json"))
SHARED_GOLD = sorted((SHARED / "corpus" / "reports-gold").glob("*.json")) if SHARED else []

# Controlled values the guide names outside the reference data: legal history actions
# (ANNOTATION.md, additions). Legal ranks (效力级别) are the Chinese labels of the reference
# scheme (legal-ranks.ttl), the one source of their names: a standard's rank is 标准.
HISTORY_ACTIONS = {"Adoption", "Amendment", "Revision", "Promulgation", "Entry into force", "Approval", "Repeal"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PERIOD = re.compile(r"^(\d{4})-(\d{4})$")


def _notations(scheme: str) -> set[str]:
    from kg.reference import reference

    rows = reference().graph.query(
        "SELECT ?n WHERE { ?c skos:inScheme ?s ; skos:notation ?n . "
        f"FILTER(STRENDS(STR(?s), '{scheme}')) }}",
        initNs={"skos": "http://www.w3.org/2004/02/skos/core#"},
    )
    return {str(n) for (n,) in rows}


def _rank_labels() -> set[str]:
    from kg.reference import reference

    return {rank.label_zh for rank in reference().legal_ranks.values()}


def _keys(item: dict, required: set[str], optional: set[str] = frozenset()) -> None:
    assert required <= item.keys(), f"missing {required - item.keys()} in {item}"
    assert item.keys() <= required | optional, f"unknown {item.keys() - required - optional} in {item}"


def _check_quantity(q: dict, roles: set[str]) -> None:
    _keys(q, {"text", "value", "unit", "role", "subject", "area", "year", "evidence"}, {"basis", "approx", "period"})
    assert isinstance(q["value"], (int, float)) and not isinstance(q["value"], bool), q
    assert q["role"] in roles, q
    assert q["year"] is None or isinstance(q["year"], int), q
    assert isinstance(q["area"], str) and isinstance(q["unit"], str) and isinstance(q.get("basis", ""), str), q
    assert isinstance(q.get("approx", False), bool), q
    assert q["text"] in q["evidence"], q
    if "period" in q:
        start, end = PERIOD.match(q["period"]).groups()
        assert int(start) < int(end) == q["year"], f"a period ends in the figure's year: {q}"


def check_gold(gold: dict) -> None:
    """Raise AssertionError where a gold record leaves the format."""
    kinds, actions, roles = _notations("InstrumentKinds"), _notations("ActionTypes"), _notations("QuantityRoles")
    legal = {"document", "history", "cites"}
    _keys(gold, {"doc", "agencies", "campaigns", "instruments", "events", "quantities", "notes"}, legal)
    assert not legal & gold.keys() or legal <= gold.keys(), "document, history and cites come together"
    for name in ("agencies", "campaigns"):
        assert len(set(gold[name])) == len(gold[name]), f"repeated {name}"
    for i in gold["instruments"]:
        _keys(i, {"title", "kind", "bracketed"})
        assert i["kind"] in kinds and isinstance(i["bracketed"], bool), i
    titles = {i["title"] for i in gold["instruments"]}
    for e in gold["events"]:
        _keys(e, {"title", "action", "agencies", "evidence"}, {"period"})
        assert e["action"] in actions and e["title"] in titles, e
    for q in gold["quantities"]:
        _check_quantity(q, roles)
    assert gold["notes"] and all(isinstance(n, str) for n in gold["notes"])
    if "document" in gold:
        d = gold["document"]
        _keys(d, {"title", "kind", "rank", "issuers", "number", "date"})
        assert d["kind"] in kinds and d["rank"] in _rank_labels() and isinstance(d["issuers"], list), d
        assert d["date"] == "" or DATE.match(d["date"]), d
        for h in gold["history"]:
            _keys(h, {"date", "action", "body", "via"})
            assert DATE.match(h["date"]) and h["action"] in HISTORY_ACTIONS, h
        assert all(isinstance(t, str) and t for t in gold["cites"])


def test_there_is_real_gold():
    assert len(GOLD_FILES) >= 10


@pytest.mark.parametrize("path", GOLD_FILES + HELDOUT_FILES + SHARED_GOLD, ids=lambda p: p.name)
def test_gold_file_follows_the_format(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert Path(gold["doc"]).stem == path.stem
    check_gold(gold)


@pytest.mark.skipif(SHARED is None, reason="../shared is absent")
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_source_is_in_shared_and_evidence_is_its_text(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    sources = list((SHARED / "corpus").glob(f"*/{gold['doc']}"))
    assert len(sources) == 1, f"{gold['doc']} is not (once) in ../shared/corpus"
    text = sources[0].read_text(encoding="utf-8")
    for item in gold["quantities"] + gold["events"]:
        assert item["evidence"] in text, item


def _docs(files: list[Path]) -> set[str]:
    return {json.loads(f.read_text(encoding="utf-8"))["doc"] for f in files}


def test_held_out_gold_is_apart_from_the_tuned_gold_and_described():
    """A held-out document gold'ed twice would be tuned on through its other copy."""
    assert HELDOUT_FILES
    assert not _docs(HELDOUT_FILES) & _docs(GOLD_FILES + SHARED_GOLD)
    readme = (HELDOUT_GOLD / "README.md").read_text(encoding="utf-8")
    for path in HELDOUT_FILES:
        assert path.stem in readme, f"{path.name} is not described in heldout-gold/README.md"


@pytest.mark.skipif(SHARED is None, reason="../shared is absent")
@pytest.mark.parametrize("path", HELDOUT_FILES, ids=lambda p: p.name)
def test_held_out_source_is_in_shared_and_evidence_is_the_text_read(path):
    """Evidence is checked against the text the project reads (an HTML page's visible text,
    full-width punctuation folded)."""
    from kg.ingest import normalise, read_document

    gold = json.loads(path.read_text(encoding="utf-8"))
    sources = list((SHARED / "corpus").glob(f"*/{gold['doc']}"))
    assert len(sources) == 1, f"{gold['doc']} is not (once) in ../shared/corpus"
    text = read_document(sources[0]).text
    for item in gold["quantities"] + gold["events"]:
        assert normalise(item["evidence"]) in text, item


@pytest.mark.parametrize(
    ("gold", "problem"),
    [
        ({"quantities": [{"value": "5", "role": "level"}]}, "value"),
        ({"quantities": [{"role": "goal"}]}, "role"),
        ({"quantities": [{"year": "2025"}]}, "year"),
        ({"quantities": [{"period": "2021–2025", "year": 2025}]}, "period"),
        ({"events": [{"action": "Approval"}]}, "action"),
        ({"instruments": [{"kind": "Programme"}]}, "kind"),
    ],
)
def test_a_gold_file_off_the_format_is_refused(gold, problem):
    record = _tiny_gold()
    for key, items in gold.items():
        record[key] = [{**record[key][0], **items[0]}]
    with pytest.raises((AssertionError, AttributeError)):
        check_gold(record)


# ---- kg eval on a tiny case: one real document and one development document, written here

REAL_TEXT = "到2030年，全市公交车新能源比例达到95%以上。市交通局印发《公交电动化实施方案》。"
DEV_TEXT = "2024年，全省新增充电桩1200个。"


def _tiny_gold(doc: str = "r1.txt") -> dict:
    return {
        "doc": doc, "agencies": [], "campaigns": [],
        "instruments": [{"title": "公交电动化实施方案", "kind": "Plan", "bracketed": True}],
        "events": [{"title": "公交电动化实施方案", "action": "Issuance", "agencies": [],
                    "evidence": "印发《公交电动化实施方案》"}],
        "quantities": [{"text": "95%以上", "value": 95, "unit": "%", "role": "target", "subject": "公交车新能源比例",
                        "area": "", "year": 2030, "approx": True, "evidence": "全市公交车新能源比例达到95%以上"}],
        "notes": ["written for the test"],
    }


def _write(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")


@pytest.fixture()
def project(tmp_path, monkeypatch) -> Path:
    """A project folder with one development document, beside a ../shared with one real one."""
    root = tmp_path / "project"
    _write(root / "seeds" / "d1.txt", DEV_TEXT)
    dev = _tiny_gold("d1.txt")
    dev.update(instruments=[], events=[], quantities=[])
    _write(root / "tests" / "data" / "gold" / "d1.json", dev)
    (root / "tests" / "data" / "real-gold").mkdir(parents=True)
    _write(tmp_path / "shared" / "corpus" / "reports" / "r1.txt", REAL_TEXT)
    _write(tmp_path / "shared" / "corpus" / "reports-gold" / "r1.json", _tiny_gold())
    monkeypatch.chdir(root)
    return root


def test_eval_prints_the_real_table_then_the_development_table(project):
    result = CliRunner().invoke(main, ["eval"])
    assert result.exit_code == 0, result.output
    real, dev = result.output.index("== real documents"), result.output.index("== development documents")
    assert real < dev
    assert "documents: r1.txt" in result.output and "documents: d1.txt" in result.output
    for section in ("quantities +area", "quantities +period", "events"):
        assert section in result.output


def test_eval_finds_a_real_source_in_any_corpus_folder(project):
    shared = project.parent / "shared" / "corpus"
    _write(shared / "policy" / "p1.txt", REAL_TEXT)
    _write(project / "tests" / "data" / "real-gold" / "p1.json", _tiny_gold("p1.txt"))
    result = CliRunner().invoke(main, ["eval", "--format", "json"])
    assert result.exit_code == 0, result.output
    tables = json.loads(result.output)
    real = next(t for title, t in tables.items() if title.startswith("real"))
    assert real["documents"] == ["r1.txt", "p1.txt"]
    assert real["scores"]["quantities value+unit"]["tp"] == 2


def test_eval_names_the_gold_file_whose_source_is_missing(project):
    _write(project / "tests" / "data" / "real-gold" / "gone.json", _tiny_gold("gone.txt"))
    result = CliRunner().invoke(main, ["eval"])
    assert result.exit_code == 3
    assert "gone.json" in result.output and "gone.txt" in result.output


def test_eval_without_shared_skips_the_real_table_and_says_so(project):
    shutil.rmtree(project.parent / "shared")
    result = CliRunner().invoke(main, ["eval"])
    assert result.exit_code == 0, result.output
    assert "real documents: skipped" in result.output
    assert "== development documents" in result.output and "== real documents" not in result.output


# ---- the held-out table: scored like the real one, its misses shown only when asked

HELDOUT_MISS = "全市充电桩达到3000个。"


@pytest.fixture()
def heldout(project) -> Path:
    """The tiny project with one held-out document whose gold has a figure the text lacks."""
    _write(project.parent / "shared" / "corpus" / "policy" / "h1.txt", REAL_TEXT)
    gold = _tiny_gold("h1.txt")
    gold["quantities"].append({**gold["quantities"][0], "text": "3000个", "value": 3000, "unit": "个",
                               "evidence": HELDOUT_MISS, "approx": False})
    _write(project / "tests" / "data" / "heldout-gold" / "h1.json", gold)
    return project


def test_eval_prints_the_held_out_table_right_after_the_real_one(heldout):
    result = CliRunner().invoke(main, ["eval"])
    assert result.exit_code == 0, result.output
    titles = [line for line in result.output.splitlines() if line.startswith("== ")]
    assert titles[0].startswith("== real documents") and "partly training" in titles[0]
    assert titles[1] == "== held-out real documents (annotated this session, never tuned on)"
    assert titles[-1].startswith("== development documents")
    held_out = result.output.split(titles[1])[1].split("\n== ")[0]
    assert "documents: h1.txt" in held_out
    assert re.search(r"quantities value\+unit\s+1\.000\s+0\.500", held_out)


def test_eval_errors_leave_out_the_held_out_misses_unless_asked(heldout):
    shown = CliRunner().invoke(main, ["eval", "--errors"]).output
    assert "== errors: real documents" in shown and "== errors: development documents" in shown
    assert "h1.txt" not in shown.split("== errors:", 1)[1] and "held-out" not in shown.split("== errors:", 1)[1]
    asked = CliRunner().invoke(main, ["eval", "--heldout-errors"]).output
    assert "== errors: held-out real documents" in asked and "fn\th1.txt\t3000 | 个" in asked
    assert "== errors: real documents" not in asked


def test_eval_json_has_the_held_out_table_without_its_misses_unless_asked(heldout):
    tables = json.loads(CliRunner().invoke(main, ["eval", "--format", "json"]).output)
    held_out = tables["held-out real documents (annotated this session, never tuned on)"]
    assert held_out["documents"] == ["h1.txt"] and held_out["scores"]["quantities value+unit"]["fn"] == 1
    assert all("errors" not in s for s in held_out["scores"].values())
    assert all("errors" in s for t, r in tables.items() if not t.startswith("held-out") for s in r["scores"].values())
    asked = json.loads(CliRunner().invoke(main, ["eval", "--format", "json", "--heldout-errors"]).output)
    scores = asked["held-out real documents (annotated this session, never tuned on)"]["scores"]
    assert scores["quantities value+unit"]["errors"] == [["fn", "h1.txt", "3000 | 个"]]


def test_eval_with_gold_on_the_held_out_folder_hides_its_misses_too(heldout):
    args = ["eval", "--gold", "tests/data/heldout-gold", "--sources", str(heldout.parent / "shared" / "corpus" / "policy")]
    shown = CliRunner().invoke(main, [*args, "--errors"]).output
    assert "documents: h1.txt" in shown and "3000" not in shown
    assert "fn\th1.txt\t3000 | 个" in CliRunner().invoke(main, [*args, "--heldout-errors"]).output


def test_eval_without_shared_has_no_held_out_table(heldout):
    shutil.rmtree(heldout.parent / "shared")
    result = CliRunner().invoke(main, ["eval"])
    assert result.exit_code == 0, result.output
    assert "held-out" not in result.output


def test_eval_help_says_the_held_out_misses_are_hidden():
    text = CliRunner().invoke(main, ["eval", "--help"]).output
    assert "--heldout-errors" in text and "except those of the held-out table" in text
