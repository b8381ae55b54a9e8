"""No test copies the real documents: every phrase a test is written on is our own wording.

../shared/corpus holds documents by others, read at test time and never copied into the
project (not even as fixtures). This guard fails when a string literal of a test module, or
a text a test reads from tests/data, holds a run of 16 or more Han characters found verbatim
in a source text of the corpus. Gold files are left out: their evidence quotes the document
they annotate, by design.

Two kinds of name are not wording and are cut out before comparing: titles in 《》 and the
name of a people's congress meeting (第十三届全国人民代表大会常务委员会第六次会议), which a
legal text's history must give as written.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

import opencc
import pytest

from conftest import ROOT, SHARED

RUN = 16
_HAN_RUN = re.compile(rf"[\u3400-\u4dbf\u4e00-\u9fff]{{{RUN},}}")
_NUMERAL = "[一二三四五六七八九十百零〇0-9]+"
_NAMES = re.compile(
    rf"《[^》]*》|第{_NUMERAL}届[\u4e00-\u9fff]{{0,12}}?人民代表大会(?:常务委员会)?第{_NUMERAL}次(?:全体)?会议"
)
_TESTS = ROOT / "tests"
_DATA_TEXT = (".txt", ".md", ".html", ".toml")


def _test_texts() -> list[tuple[str, str]]:
    """(where, text): every string literal of the test modules and every text file a test
    reads from tests/data outside its gold folders."""
    texts = []
    for module in sorted(_TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append((f"{module.relative_to(ROOT)}:{node.lineno}", node.value))
    for path in sorted((_TESTS / "data").rglob("*")):
        if path.is_file() and path.suffix in _DATA_TEXT and not any("gold" in p for p in path.parts):
            try:
                texts.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
            except UnicodeDecodeError:
                continue  # tests/data/bad: undecodable on purpose
    return texts


@lru_cache(maxsize=1)
def _simplifier() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _windows(text: str) -> set[str]:
    """Every run of RUN Han characters of ``text`` outside names, also in Simplified form."""
    simplified = _simplifier().convert(text)
    out = set()
    for variant in {text, simplified}:
        for piece in _NAMES.split(variant):
            for m in _HAN_RUN.finditer(piece):
                out.update(m.group(0)[i : i + RUN] for i in range(len(m.group(0)) - RUN + 1))
    return out


def _corpus_sources(shared: Path) -> list[Path]:
    corpus = shared / "corpus"
    return sorted(p for p in corpus.rglob("*") if p.is_file() and not p.parent.name.endswith("-gold")
                  and p.suffix in (".md", ".txt", ".html"))


def copies(texts: list[tuple[str, str]], sources: list[Path]) -> dict[str, set[str]]:
    """where → the source files one of its runs is found in verbatim."""
    windows: dict[str, set[str]] = {}
    for where, text in texts:
        for window in _windows(text):
            windows.setdefault(window, set()).add(where)
    found: dict[str, set[str]] = {}
    for source in sources:
        for m in _HAN_RUN.finditer(source.read_text(encoding="utf-8", errors="replace")):
            run = m.group(0)
            for i in range(len(run) - RUN + 1):
                for where in windows.get(run[i : i + RUN], ()):
                    found.setdefault(where, set()).add(source.name)
    return found


def test_the_guard_finds_a_copied_run_and_ignores_names(tmp_path):
    source = tmp_path / "doc.txt"
    source.write_text("各地区各部门要把这项工作摆在更加突出的位置抓紧抓实。依照《某某省水资源管理与保护实施条例》办理。",
                      encoding="utf-8")
    texts = [("copied", "要把这项工作摆在更加突出的位置抓紧抓实"),
             ("reworded", "要将此项任务放到更为重要的地位并抓实抓细"),
             ("a title", "依照《某某省水资源管理与保护实施条例》处理"),
             ("traditional", "要把這項工作擺在更加突出的位置抓緊抓實")]
    assert copies(texts, [source]) == {"copied": {"doc.txt"}, "traditional": {"doc.txt"}}


def test_the_guard_cuts_out_meeting_names():
    assert _windows("第十三届全国人民代表大会常务委员会第六次会议") == set()
    assert _windows("某省第九届人民代表大会常务委员会第三次会议批准") == set()


@pytest.mark.skipif(SHARED is None, reason="../shared is not beside the clone")
def test_no_test_copies_a_sentence_of_the_corpus():
    found = copies(_test_texts(), _corpus_sources(SHARED))
    assert not found, "test text copies the corpus (reword it): " + "; ".join(
        f"{where} ← {', '.join(sorted(files)[:3])}" for where, files in sorted(found.items()))
