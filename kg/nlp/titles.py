"""Policy instruments written in 《》, with their kind read from the title's ending.

A title's kind comes from the endings listed on each InstrumentKind in the reference
data (…方案 → Plan, …条例 → AdministrativeRegulation). A bracketed name whose ending
names no kind is a book, a journal or a report (《习近平生态文明思想学习问答》,
《党委中心组学习》) and is not an instrument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.reference import reference

_BRACKETED = re.compile(r"《([^《》\n]{2,120})》")
# Version qualifiers after the base title: (2025—2030年), (试行), (2023—2025), (征求意见稿)
_QUALIFIER = re.compile(r"\((?:[^()]*\d{4}[^()]*|试行|暂行|修订|修订版|征求意见稿|草案)\)$")
# Quotes and spaces are not part of the ending a kind is read from (“十四五”规划).
_EDGE_NOISE = "“”\"'‘’ "


@dataclass(frozen=True)
class TitleMatch:
    start: int  # offsets of the title (without 《》) in Document.text
    end: int
    title: str
    base_title: str
    qualifier: str
    kind: str
    bracketed: bool


def split_qualifier(title: str) -> tuple[str, str]:
    """空气质量…方案(2025—2030年) → (空气质量…方案, (2025—2030年))."""
    m = _QUALIFIER.search(title)
    if not m or m.start() == 0:
        return title, ""
    return title[: m.start()], m.group(0)


class TitleKinds:
    """Title ending → InstrumentKind notation, longest ending first."""

    def __init__(self, suffixes: dict[str, str]):
        self.suffixes = sorted(suffixes.items(), key=lambda item: len(item[0]), reverse=True)

    def kind_of(self, base_title: str) -> str | None:
        stripped = base_title.rstrip(_EDGE_NOISE)
        for suffix, kind in self.suffixes:
            if stripped.endswith(suffix) and len(stripped) > len(suffix):
                return kind
        return None


class TitleComponent:
    """Writes ``doc._.titles``: the instruments written in 《》."""

    def __init__(self, kinds: TitleKinds):
        self.kinds = kinds
        if not Doc.has_extension("titles"):
            Doc.set_extension("titles", default=None)

    def __call__(self, doc: Doc) -> Doc:
        titles = []
        for m in _BRACKETED.finditer(doc.text):
            title = m.group(1).strip()
            base, qualifier = split_qualifier(title)
            kind = self.kinds.kind_of(base)
            if kind is None:
                continue
            titles.append(TitleMatch(m.start(1), m.end(1), title, base, qualifier, kind, True))
        doc._.titles = titles
        return doc


@Language.factory("ep_titles")
def make_title_component(nlp: Language, name: str):
    return TitleComponent(TitleKinds(reference().title_suffixes))
