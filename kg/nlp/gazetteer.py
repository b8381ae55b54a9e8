"""Agencies and campaigns named in the text, by their names and aliases in the reference data.

Matches are found with one regular expression per kind (longest alternative first) and
kept only where they align with jieba's tokens (`alignment_mode="strict"`): that is what
refuses 生态环境部门 (a generic "ecology departments") as 生态环境部.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.reference import Concept, reference


def _alternation(surfaces: dict[str, Concept]) -> re.Pattern:
    forms = sorted(surfaces, key=len, reverse=True)
    return re.compile("|".join(re.escape(f) for f in forms) if forms else "(?!)")


_BRACKETED = re.compile(r"《[^《》\n]*》")


class GazetteerComponent:
    """Writes ``doc.spans["agency"]`` and ``doc.spans["campaign"]``; ``span.id_`` is the
    canonical Chinese name of the concept.

    An agency named inside a title (《生态环境部权责清单》) is part of the name, not an
    actor, so agency matches inside 《》 are skipped; campaign names there still count.
    """

    def __init__(self, tables: dict[str, dict[str, Concept]], outside_titles: tuple[str, ...] = ("agency",)):
        self.tables = tables
        self.patterns = {kind: _alternation(table) for kind, table in tables.items()}
        self.outside_titles = outside_titles

    def __call__(self, doc: Doc) -> Doc:
        titles = [m.span() for m in _BRACKETED.finditer(doc.text)]
        for kind, pattern in self.patterns.items():
            spans = []
            for m in pattern.finditer(doc.text):
                if kind in self.outside_titles and any(a < m.start() < b for a, b in titles):
                    continue
                span = doc.char_span(m.start(), m.end(), label=kind, alignment_mode="strict")
                if span is None:
                    continue
                span.id_ = self.tables[kind][m.group(0)].label_zh
                spans.append(span)
            doc.spans[kind] = spans
        return doc


@Language.factory("ep_gazetteer")
def make_gazetteer(nlp: Language, name: str):
    ref = reference()
    return GazetteerComponent({"agency": ref.agency_surfaces, "campaign": ref.campaign_surfaces})
