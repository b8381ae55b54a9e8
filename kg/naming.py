"""Names of policy instruments: the identity of a title, its version qualifier, and the
national instrument a local one carries out.

Pure string functions (no spaCy), shared by the extractor, the RDF builder and the
evaluator, so that one instrument gets one IRI whether it is written in Traditional or
Simplified, with or without 《》, quotes or a leading 关于.
"""

from __future__ import annotations

import re
import unicodedata

from kg.nlp.grammar import QUOTES

ISSUERS_MAX = 60  # the issuers named before 关于 in a title (ten ministries fit)
# Quotes, title marks (also the nested 〈〉 and <> of a title inside a title) and spaces.
_QUOTES_AND_SPACE = re.compile(rf"[{QUOTES}《》〈〉<>\s]")
# The state's name before a national law's title: 《中华人民共和国大气污染防治法》 and
# 大气污染防治法 are the same law (laws cite each other both ways).
_STATE_NAME = "中华人民共和国"
# Version qualifiers after the base title: (2025—2030年), (试行), (2023—2025), (征求意见稿),
# and the batch or edition of a list issued in parts (第一批, 第二版)
QUALIFIER = re.compile(r"\((?:[^()]*\d{4}[^()]*|试行|暂行|修订|修订版|征求意见稿|草案|第[一二三四五六七八九十\d]+[批版])\)")
_FINAL_QUALIFIER = re.compile(QUALIFIER.pattern + "$")
# A local plan that carries out a national one: 国家土壤污染源头防控行动计划四川省工作方案
# = national title + place + one of these endings.
_LOCAL_TAIL = re.compile(r"(?:(?:工作|实施|行动)方案|实施意见|实施细则|工作计划|行动计划)$")
_PLACE_END = ("省", "自治区", "市", "州", "县", "区")


def instrument_key(title: str) -> str:
    """The identity of an instrument's title: the same whether written with or without
    《》 or quotes, with or without a leading 关于 or 中华人民共和国, in full or half width."""
    key = _QUOTES_AND_SPACE.sub("", unicodedata.normalize("NFKC", title))
    if key.startswith(_STATE_NAME) and len(key) > len(_STATE_NAME) + 1:
        key = key[len(_STATE_NAME) :]
    issuers, about, rest = key.partition("关于")
    if about and issuers and len(issuers) <= ISSUERS_MAX:
        # joint issuers are listed with 、 or spaces or nothing: 中共中央、国务院关于… is
        # 中共中央 国务院关于… is 中共中央国务院关于…
        key = issuers.replace("、", "") + about + rest
    return key[2:] if key.startswith("关于") and len(key) > 4 else key


def state_name_forms(title: str) -> tuple[str, ...]:
    """A law's title as written, with the state's name before it and without it
    (水污染防治法 → also 中华人民共和国水污染防治法, and back): the forms one law is found by."""
    forms = [title, _STATE_NAME + title]
    if title.startswith(_STATE_NAME) and len(title) > len(_STATE_NAME):
        forms.append(title[len(_STATE_NAME):])
    return tuple(forms)


def without_issuers(title: str) -> str:
    """某部等部门关于推进某项工作的意见 → 关于推进某项工作的意见: the short form a title is
    cited by (the issuers then stand before the 《》 or nowhere)."""
    issuers, about, rest = title.partition("关于")
    return about + rest if about and issuers and len(issuers) <= ISSUERS_MAX else title


def issuer_form(title: str, earlier: list[str]) -> str | None:
    """《某部等部门关于发布…的通知》 after 《关于发布…的通知》 (or the other way round) is one
    document cited with and without its issuers: the earlier form, which stands for both."""
    issuers, about, rest = title.partition("关于")
    if not about:
        return None
    key = instrument_key(about + rest)
    for other_title in earlier:
        other, other_about, other_rest = other_title.partition("关于")
        # exactly one names issuers: two issuers' notices of one subject are two documents
        if other_about and bool(issuers) != bool(other) and instrument_key(other_about + other_rest) == key:
            return other_title
    return None


def split_qualifier(title: str) -> tuple[str, str]:
    """空气质量…方案(2025—2030年) → (空气质量…方案, (2025—2030年))."""
    m = _FINAL_QUALIFIER.search(title)
    if not m or m.start() == 0:
        return title, ""
    return title[: m.start()], m.group(0)


def national_instrument(title: str, suffixes: list[str]) -> tuple[str, str] | None:
    """(national title, place) when ``title`` names a local plan carrying out a national
    instrument whose title ends with one of ``suffixes``; None otherwise.

    The place is two to six characters ending in 省/自治区/市/州/县/区, and the split is
    kept only where the part before it is itself a title (ends with a kind's ending)."""
    key = instrument_key(title)
    tail = _LOCAL_TAIL.search(key)
    if not tail:
        return None
    head = key[: tail.start()]
    for place_end in _PLACE_END:
        if not head.endswith(place_end):
            continue
        for length in range(len(place_end) + 2, len(place_end) + 7):
            national, place = head[:-length], head[-length:]
            national = national[2:] if national.startswith("国家") else national
            if len(national) >= 4 and any(national.endswith(suffix) for suffix in suffixes):
                return national, place
    return None
