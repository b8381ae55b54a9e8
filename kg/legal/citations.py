"""Titles a text cites: each 《》 title, with the article it stands in.

Left out, as the annotation guide says: an annex of the text itself (本法所附《…》), the
text naming itself (本《清单》, its own title, or the document its notice issues:
关于印发X的通知 is X's own notice), a licence (《…许可证》), and a short name it defines
(以下简称《目录》; 以下分别简称《意见》《通知》 for the titles just before it, in order),
which stands for the full title wherever it is used afterwards. A bare kind (《条例》 after
《某省某某保护条例》) is the short form official texts use for the last title of that kind.
One document cited with and without its issuers (某部等部门关于X的通知, 关于X的通知) is
cited once, in the form first written."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.naming import instrument_key, issuer_form
from kg.nlp.grammar import JOINER, OWN_TEXT_BEFORE as _OWN, TITLE_LIST_JOINERS as _LIST_JOINERS
from kg.nlp.grammar import NESTED_TITLE as TITLE
from kg.policydoc import carried_title
from kg.reference import reference

# (以下简称《目录》) / 以下称《条例》: a short name for the title just before it.
_ALIAS = re.compile(r"(?:以下简称|以下称|下称|简称)[为:]?\s*$")
# (以下分别简称《意见》《通知》): short names for the titles just before them, in order.
_ALIASES = re.compile(rf"(?:以下)?分别(?:简称|称)[为:]?\s*((?:{TITLE.pattern}(?:{JOINER}|\s)*)+)")
# 《核设施建造许可证》: a licence or certificate, not an instrument
_LICENCE = re.compile(r"(?:证|证书|执照)$")


@dataclass(frozen=True)
class Cited:
    title: str
    start: int  # span of the title with its 《》 in the text
    end: int


def find_citations(text: str, start: int, end: int, own_title: str) -> list[Cited]:
    """《》 titles between `start` and `end` that name another instrument."""
    own = {instrument_key(own_title), instrument_key(carried_title(own_title))}
    kinds = reference().title_suffixes
    aliases: dict[str, str | None] = {}  # short name → full title (None: the text itself)
    grouped = _grouped_aliases(text, start, end)
    found: list[Cited] = []
    last: str | None = None  # the title named just before (None: the text itself or its annex)
    last_end = -1
    for m in TITLE.finditer(text, start, end):
        title: str | None = m.group(1).strip()
        before = text[max(start, m.start() - 8) : m.start()]
        if m.start() in grouped:
            aliases[title] = _nth_before(found, m.start(), *grouped[m.start()])
            continue
        if _ALIAS.search(before):
            aliases[title] = last
            continue
        listed = last_end >= 0 and text[last_end : m.start()] in _LIST_JOINERS
        if _OWN.search(before) or (listed and last is None):
            title = None  # 本法所附《甲表》、《乙表》: both are parts of the text itself
        elif title in aliases:
            title = aliases[title]
        elif title in kinds:  # 《条例》: the last title of that kind, else the text itself
            title = next((c.title for c in reversed(found) if c.title.endswith(title)), None)
        if title is not None and (instrument_key(title) in own or _LICENCE.search(title)):
            title = None
        if title is not None:
            title = issuer_form(title, [c.title for c in found]) or title
        last, last_end = title, m.end()
        if title is not None:
            found.append(Cited(title, m.start(), m.end()))
    return found


def _grouped_aliases(text: str, start: int, end: int) -> dict[int, tuple[int, int]]:
    """For each short name of a 分别简称 list: (its place in the list, the list's length)."""
    grouped = {}
    for m in _ALIASES.finditer(text, start, end):
        names = list(TITLE.finditer(text, m.start(1), m.end(1)))
        grouped |= {t.start(): (i, len(names)) for i, t in enumerate(names)}
    return grouped


def _nth_before(found: list[Cited], position: int, index: int, count: int) -> str | None:
    """The index-th of the `count` titles cited last before `position`."""
    before = [c.title for c in found if c.end <= position]
    return before[len(before) - count + index] if len(before) >= count else None
