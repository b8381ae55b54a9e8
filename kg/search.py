"""What the explorer's search box needs to find a node by a Traditional spelling.

The page cannot run OpenCC, so it carries a small character map: for every character of
the labels and aliases it shows, the Traditional forms OpenCC gives it (Taiwan and Hong
Kong standards too) → the Simplified character. The page maps a query through it before
matching, so 生態環境部 finds 生态环境部. Only characters that occur in the labels are in
the map, so it stays small (a few thousand entries for a big graph).
"""

from __future__ import annotations

from collections.abc import Iterable

import opencc

# the Traditional standards a researcher may type in (generic, Taiwan, Hong Kong)
CONFIGS = ("s2t", "s2tw", "s2hk")


def traditional_map(texts: Iterable[str]) -> dict[str, str]:
    """Traditional character → Simplified character, for the characters of ``texts``.
    OpenCC converts phrase by phrase but keeps the length in code points, so the forms
    line up character by character with the Simplified text."""
    simplified = sorted({ch for text in texts for ch in text if not ch.isascii()})
    if not simplified:
        return {}
    line = "".join(simplified)
    mapping: dict[str, str] = {}
    for config in CONFIGS:
        converted = opencc.OpenCC(config).convert(line)
        if len(converted) != len(line):  # a converter that changed the length: cannot align
            continue
        for simple, traditional in zip(line, converted):
            if simple != traditional:
                mapping.setdefault(traditional, simple)
    return dict(sorted(mapping.items()))
