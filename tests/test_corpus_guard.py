"""No test copies the texts we tune on: every phrase a test is written on is our own wording.

../shared/corpus holds documents by others, read at test time and never copied into the
project (not even as fixtures); the development seeds (seeds/) are what the extractor was
first tuned on, so a rule tested on a seed's own sentence is only shown to fit that sentence.
This guard fails when a string literal of a test module, or a text a test reads from
tests/data, holds a run of 16 or more Han characters found verbatim in a source text of the
corpus or of the seeds. Gold files are left out (never read): their evidence quotes the
document they annotate, by design. A test of what the build makes of a seed reads the seed
for the sentence it expects rather than spelling it out.

Three kinds of name are not wording and are cut out before comparing: titles in 《》, the
name of a people's congress meeting (第十三届全国人民代表大会常务委员会第六次会议), which a
legal text's history must give as written, and the names of bodies in the reference data
long enough to be a run on their own (中央纪委国家监委驻生态环境部纪检监察组).
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

import opencc
import pytest

from conftest import ROOT, SEEDS, SHARED

RUN = 16
_HAN_RUN = re.compile(rf"[\u3400-\u4dbf\u4e00-\u9fff]{{{RUN},}}")
_NUMERAL = "[一二三四五六七八九十百零〇0-9]+"
_ZH_LABEL = re.compile(r'"([^"]+)"@zh')


def _long_agency_names() -> list[str]:
    """Labels of bodies in the reference data that are a run on their own, longest first."""
    text = (ROOT / "ontology" / "reference" / "agencies.ttl").read_text(encoding="utf-8")
    return sorted({n for n in _ZH_LABEL.findall(text) if _HAN_RUN.fullmatch(n)}, key=len, reverse=True)


_NAMES = re.compile(
    rf"《[^》]*》|第{_NUMERAL}届[\u4e00-\u9fff]{{0,12}}?人民代表大会(?:常务委员会)?第{_NUMERAL}次(?:全体)?会议"
    + "".join(f"|{re.escape(name)}" for name in _long_agency_names())
)
_TESTS = ROOT / "tests"
_DATA_TEXT = (".txt", ".md", ".html", ".toml")


@lru_cache(maxsize=1)
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


def test_the_guard_cuts_out_long_names_of_bodies():
    assert _windows("中央纪委国家监委驻生态环境部纪检监察组") == set()


def _report(found: dict[str, set[str]]) -> str:
    return "; ".join(f"{where} ← {', '.join(sorted(files)[:3])}" for where, files in sorted(found.items()))


@pytest.mark.skipif(SHARED is None, reason="../shared is not beside the clone")
def test_no_test_copies_a_sentence_of_the_corpus():
    found = copies(_test_texts(), _corpus_sources(SHARED))
    assert not found, "test text copies the corpus (reword it): " + _report(found)


def test_no_test_copies_a_sentence_of_the_seeds():
    found = copies(_test_texts(), sorted(SEEDS.glob("*.txt")))
    assert not found, "test text copies a seed (reword it in new wording): " + _report(found)
