"""Scores extraction records against gold annotations (../shared/ANNOTATION.md):
precision, recall and F1 per section, micro-averaged over documents.

Titles are compared as the annotation guide says: ignoring quotes, 《》, spaces and a
leading 关于 or 中华人民共和国. Quantities are compared as multisets of (value, unit), then
with the role, the year, the area and the period added. Legal texts add the document's
title, its history as (date, action) and its citations as titles (../shared/corpus/README.md);
a gold file without them (a report) is left out of those sections rather than counted as
empty, and a statute's gold (no quantities) is left out of the report sections.

`kg eval` scores its sets apart, because they mean different things: the real documents
(gold of ../shared/corpus/reports-gold and tests/data/real-gold, on texts written by
others and annotated before the extractor was run on them, but whose misses rules were then
written from: partly training), the held-out real documents (tests/data/heldout-gold, never
tuned on: the honest measure of generality, whose misses are not shown unless asked), the
statute book and the development documents (tests/data/gold on seeds/, training scores).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from kg.errors import InputError
from kg.naming import instrument_key
from kg.reference import normalise_label, reference


def _number(value) -> Decimal:
    return Decimal(str(value)).normalize()


def _title(title: str) -> str:
    return instrument_key(title)


def _agency(name: str) -> str:
    """An agency by its canonical name: the guide asks for canonical names, and the reference
    data is their one source, so a gold file that writes an alias (全国人民代表大会常务委员会
    for 全国人大常委会) and a record that writes the name count as one agency."""
    concept = reference().agency_surfaces.get(normalise_label(name))
    return concept.label_zh if concept is not None else name


def _area(name: str) -> str:
    """An area by its canonical name, as agencies are (京津冀地区 and 京津冀 are one region); a
    form naming several areas (朝阳区) or none stays as written."""
    labels = {c.label_zh for c in reference().area_surfaces.get(normalise_label(name), [])}
    return labels.pop() if len(labels) == 1 else name


def _legal(record: dict) -> dict:
    """The statute gold of ../shared/corpus/laws-gold gives the document's title at the top
    level; the gold format (ANNOTATION.md, additions) gives it in `document`."""
    if "document" not in record and "title" in record:
        return {**record, "document": {"title": record["title"]}}
    return record


def _when(key: str, items: Callable[[dict], Iterable]) -> Callable[[dict], Iterable | None]:
    """Items of a record that annotates `key`; None for one that does not (a statute's gold
    has no quantities, a report's has no history): such a record is left out of the section."""
    return lambda r: items(r) if key in r else None


# section name → function(gold-format record) → items to compare (None: not annotated)
SECTIONS: dict[str, Callable[[dict], Iterable | None]] = {
    "agencies": _when("agencies", lambda r: {_agency(a) for a in r["agencies"]}),
    "campaigns": _when("campaigns", lambda r: set(r["campaigns"])),
    "instruments": _when("instruments", lambda r: {_title(i["title"]) for i in r["instruments"]}),
    "instruments《》": _when("instruments", lambda r: {_title(i["title"]) for i in r["instruments"] if i["bracketed"]}),
    "instrument kinds": _when("instruments", lambda r: {(_title(i["title"]), i["kind"]) for i in r["instruments"]}),
    "events": _when("events", lambda r: {(_title(e["title"]), e["action"]) for e in r["events"]}),
    "quantities value+unit": _when("quantities", lambda r: [(_number(q["value"]), q["unit"]) for q in r["quantities"]]),
    "quantities +role": _when("quantities", lambda r: [(_number(q["value"]), q["unit"], q["role"]) for q in r["quantities"]]),
    "quantities +year": _when("quantities", lambda r: [(_number(q["value"]), q["unit"], q.get("year")) for q in r["quantities"]]),
    "quantities +area": _when("quantities", lambda r: [(_number(q["value"]), q["unit"], _area(q.get("area") or "")) for q in r["quantities"]]),
    "quantities +period": _when("quantities", lambda r: [(_number(q["value"]), q["unit"], q.get("period")) for q in r["quantities"]]),
    "titles": _when("document", lambda r: {_title(r["document"]["title"])}),
    "history": _when("history", lambda r: [(h["date"], h["action"]) for h in r["history"]]),
    "cites": _when("cites", lambda r: {_title(t) for t in r["cites"]}),
}


def score_records(pairs: list[tuple[dict, dict]]) -> dict[str, dict]:
    """pairs of (gold, predicted) records → scores per section, with the misses."""
    scores = {}
    for section, items in SECTIONS.items():
        tp = fp = fn = scored = 0
        errors = []
        for gold, predicted in pairs:
            wanted = items(_legal(gold))
            if wanted is None:
                continue
            scored += 1
            g, p = Counter(wanted), Counter(items(predicted) or ())
            hit = sum((g & p).values())
            tp += hit
            fp += sum(p.values()) - hit
            fn += sum(g.values()) - hit
            errors += [("fp", gold["doc"], _show(item)) for item in sorted((p - g).elements(), key=str)]
            errors += [("fn", gold["doc"], _show(item)) for item in sorted((g - p).elements(), key=str)]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[section] = {
            "precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn, "errors": errors,
            "documents": scored,
        }
    return scores


def _show(item) -> str:
    if isinstance(item, tuple):
        return " | ".join(_show(x) for x in item)
    return format(item, "f") if isinstance(item, Decimal) else str(item)


def _source_for(gold_file: Path, name: str, folders: list[Path]) -> Path:
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    searched = ", ".join(str(f) for f in folders) or "no folder"
    raise InputError(gold_file, f"its source document {name} is not in {searched}")


def _gold_files(gold_dirs: list[Path]) -> list[Path]:
    files = [f for d in gold_dirs for f in sorted(d.glob("*.json"))]
    if not files:
        raise InputError(gold_dirs[0] if gold_dirs else Path("."), "no gold .json files in this folder")
    return files


def evaluate(gold_dirs: list[Path], source_folders: list[Path]) -> dict:
    """Score the extractor on every gold file of gold_dirs; each file's source document is
    found by name in the first of source_folders that holds it."""
    from kg.build import extract_file

    pairs, catalogs = [], {}
    for gold_file in _gold_files(gold_dirs):
        try:
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InputError(gold_file, f"not a gold JSON file: {error}") from None
        if not isinstance(gold, dict) or "doc" not in gold:
            raise InputError(gold_file, 'a gold file is a JSON object with "doc" naming its source')
        predicted = extract_file(_source_for(gold_file, gold["doc"], source_folders), catalogs).to_gold()
        pairs.append((gold, predicted))
    return {"documents": [g["doc"] for g, _ in pairs], "scores": score_records(pairs)}


def evaluate_folder(gold_dir: Path, sources: Path | None = None) -> dict:
    """One gold folder; sources in `sources`, else seeds/, the gold folder's ../seeds or itself."""
    folders = [sources] if sources else [Path("seeds"), gold_dir.parent / "seeds", gold_dir]
    return evaluate([gold_dir], folders)


# The sets of `kg eval`, relative to the project root; the real ones live in ../shared
# (never copied into the project).
DEV_GOLD, DEV_SOURCES = Path("tests/data/gold"), Path("seeds")
REAL_GOLD = Path("tests/data/real-gold")
HELDOUT_GOLD = Path("tests/data/heldout-gold")


class EvalSet(NamedTuple):
    title: str
    golds: list[Path]
    sources: list[Path]
    held_out: bool = False  # its misses stay hidden unless asked for, so no one tunes on them


def find_shared(start: Path) -> Path | None:
    """../shared beside the clone, or two levels up from a git worktree; None if absent."""
    for parent in (start.resolve().parent, start.resolve().parents[1]):
        if (parent / "shared" / "corpus").is_dir():
            return parent / "shared"
    return None


def eval_sets(root: Path, shared: Path | None) -> list[EvalSet]:
    """The sets to score, real first, then the held-out real documents; the sets of
    ../shared only when it is present."""
    sets = []
    if shared is not None:
        corpus = shared / "corpus"
        sources = sorted(d for d in corpus.iterdir() if d.is_dir() and not d.name.endswith("-gold"))
        sets.append(EvalSet("real documents (written by others, annotated from the text alone; rules were "
                            "then written while reading its misses: partly training scores)",
                            [corpus / "reports-gold", root / REAL_GOLD], sources))
        if any((root / HELDOUT_GOLD).glob("*.json")):
            sets.append(EvalSet("held-out real documents (annotated this session, never tuned on)",
                                [root / HELDOUT_GOLD], sources, held_out=True))
        if (corpus / "laws-gold").is_dir():
            sets.append(EvalSet("statute book (../shared/corpus/laws; its rules were written looking at it: "
                                "training scores)", [corpus / "laws-gold"], [corpus / "laws"]))
    sets.append(EvalSet("development documents (the extractor was tuned on them: training scores)",
                        [root / DEV_GOLD], [root / DEV_SOURCES]))
    return sets


def without_errors(result: dict) -> dict:
    """A result with its misses left out (a held-out set's scores without what it missed)."""
    return {**result, "scores": {name: {k: v for k, v in s.items() if k != "errors"}
                                 for name, s in result["scores"].items()}}


def format_errors(result: dict) -> str:
    lines = []
    for section, s in result["scores"].items():
        for kind, doc, item in s["errors"]:
            lines.append(f"{section}\t{kind}\t{doc}\t{item}")
    return "\n".join(lines)


def format_tables(results: dict[str, dict]) -> str:
    """Several titled score tables, one after the other."""
    return "\n\n".join(f"== {title}\n{format_scores(result)}" for title, result in results.items())


def format_scores(result: dict) -> str:
    lines = [f"documents: {', '.join(result['documents'])}", ""]
    lines.append(f"{'section':<24}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for section, s in result["scores"].items():
        if not s["documents"]:
            continue  # no gold file annotates this section
        lines.append(
            f"{section:<24}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}"
        )
    return "\n".join(lines)
