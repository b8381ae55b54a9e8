"""Chinese numerals in legal texts: dates (二〇二〇年十二月九日), article numbers (第七十八条)
and ordinals (第十三届). cn2an changes the length of what it converts, so it only ever
sees a matched span, never the text (FINDINGS.md)."""

from __future__ import annotations

import re

import cn2an

CN_DIGITS = "〇○零一二三四五六七八九"
CN_NUMBER = CN_DIGITS + "十百千两"
# A number as written in a numbering: 78, 七十八, 一百零五
NUMBER = rf"(?:\d+|[{CN_NUMBER}]+)"
# 2020年12月9日, 二〇二〇年十二月九日, 二○○二年六月四日 (○ is a common stand-in for 〇)
DATE = re.compile(
    rf"(?P<y>\d{{4}}|[{CN_DIGITS}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{CN_NUMBER}]{{1,3}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[{CN_NUMBER}]{{1,3}})\s*日"
)


_ZEROS = str.maketrans("○零", "〇〇")


def to_int(numeral: str) -> int:
    """78 for "78", "七十八" and "七八"; a year written digit by digit (二〇二〇) too."""
    if numeral.isdigit():
        return int(numeral)
    numeral = numeral.translate(_ZEROS).replace("两", "二")
    if not re.search("[十百千]", numeral):  # digit by digit: 二〇二〇, 一七二六
        return int("".join(str("〇一二三四五六七八九".index(c)) for c in numeral))
    return int(cn2an.cn2an(numeral, "smart"))


def iso_date(match: re.Match) -> str | None:
    """YYYY-MM-DD of a DATE match, or None when it names no day of the calendar."""
    year, month, day = (to_int(match.group(g)) for g in ("y", "m", "d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
