"""Titles a text cites: each 《》 title, with the article it stands in.

Left out, as the annotation guide says: an annex of the text itself (本法所附《…》), the
text naming itself (本《清单》, or its own title), a licence (《…许可证》), and a short name it defines
(以下简称《目录》), which stands for the full title wherever it is used afterwards."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.naming import instrument_key
from kg.nlp.grammar import NESTED_TITLE as TITLE

# (以下简称《目录》) / 以下称《条例》: a short name for the title just before it.
_ALIAS = re.compile(r"(?:以下简称|以下称|下称|简称)[为:]?\s*$")
# 本法所附《…》, 本《清单》: the text itself or its annex (《某法》所附《…》 is another text's annex: cited)
_OWN = re.compile(r"(?:^|[^》])(?:本[\u4e00-\u9fff]{0,4}所附|本|附后的|附件)$")
# 《核设施建造许可证》: a licence or certificate, not an instrument
_LICENCE = re.compile(r"(?:证|证书|执照)$")
_LIST_JOINERS = ("、", "和", "及", "与", "以及")


@dataclass(frozen=True)
class Cited:
    title: str
    start: int  # span of the title with its 《》 in the text
    end: int


def find_citations(text: str, start: int, end: int, own_title: str) -> list[Cited]:
    """《》 titles between `start` and `end` that name another instrument."""
    own = instrument_key(own_title)
    aliases: dict[str, str | None] = {}  # short name → full title (None: the text itself)
    found: list[Cited] = []
    last: str | None = None  # the title named just before (None: the text itself or its annex)
    last_end = -1
    for m in TITLE.finditer(text, start, end):
        title: str | None = m.group(1).strip()
        before = text[max(start, m.start() - 8) : m.start()]
        if _ALIAS.search(before):
            aliases[title] = last
            continue
        listed = last_end >= 0 and text[last_end : m.start()] in _LIST_JOINERS
        if _OWN.search(before) or (listed and last is None):
            title = None  # 本法所附《甲表》、《乙表》: both are parts of the text itself
        elif title in aliases:
            title = aliases[title]
        if title is not None and (instrument_key(title) == own or _LICENCE.search(title)):
            title = None
        last, last_end = title, m.end()
        if title is not None:
            found.append(Cited(title, m.start(), m.end()))
    return found
