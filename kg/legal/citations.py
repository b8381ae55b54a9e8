"""Titles a text cites: each 《》 title, with the article it stands in.

Left out, as the annotation guide says: an annex of the text itself (本法所附《…》), the
text naming itself (本《清单》, or its own title), and a short name it defines
(以下简称《目录》), which stands for the full title wherever it is used afterwards."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.naming import instrument_key
from kg.nlp.grammar import NESTED_TITLE as TITLE

# (以下简称《目录》) / 以下称《条例》: a short name for the title just before it.
_ALIAS = re.compile(r"(?:以下简称|以下称|下称|简称)[为:]?\s*$")
_OWN = re.compile(r"(?:本|所附|附后的|附件)$")


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
    last: str | None = None  # the title named just before, None for the text itself
    for m in TITLE.finditer(text, start, end):
        title = m.group(1).strip()
        before = text[max(start, m.start() - 8) : m.start()]
        if _ALIAS.search(before):
            aliases[title] = last
            continue
        title = aliases.get(title, title)
        last = None if title is None or _OWN.search(before) or instrument_key(title) == own else title
        if last is not None:
            found.append(Cited(last, m.start(), m.end()))
    return found
