"""The written grammar of official Chinese that every reader of the text relies on: what a
Han character is, where a clause ends, what a 《title》 looks like, the function words that
join coordinated phrases, and how a word list becomes one regular expression.

One module so that the extractor's steps agree on the same ranges (a clause that ends at
： for one step ends there for all). Word lists that are domain data (verbs → actions,
organ types, places) live in ontology/reference/, not here; only function words do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Han characters: the unified ideographs, extension A, compatibility ideographs and the
# supplementary planes (rare characters in personal and place names). For use inside [].
HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_CHARS}]")
HAN_RUN = re.compile(f"[{HAN_CHARS}]+")
NOT_HAN = f"[^{HAN_CHARS}]"

# A clause ends at these (ingest turns full-width ，；：！？ into ASCII; both are listed so
# the patterns also hold on text that did not pass through ingest). 、 和 及 join phrases
# inside a clause and are not breaks.
CLAUSE_PUNCTUATION = ",;。，；:：!?！？\n"
CLAUSE_BREAK = re.compile(f"[{re.escape(CLAUSE_PUNCTUATION)}]")
# One character that stays inside the clause: IN_CLAUSE + "{0,12}" is a short stretch.
IN_CLAUSE = f"[^{re.escape(CLAUSE_PUNCTUATION)}]"

# 《title》: group 1 is the title without its brackets.
TITLE = re.compile(r"《([^《》\n]*)》")
# One or more 《…》 written together at the end of a text (a list of titles).
TITLES_AT_END = re.compile(r"(?:《[^《》]*》)+$")

# Conjunctions of coordinated noun phrases, longest first (以及 before 及).
CONJUNCTIONS = ("以及", "及其", "、", "和", "及", "与", "或")
CONJUNCTION = re.compile("|".join(CONJUNCTIONS))
# The one-character joiners of a list of actors or nouns (中共中央、国务院; 省委和省政府).
JOINER = "[、和及与]"

# Quotation marks of both scripts and widths (Traditional texts quote with 「」).
QUOTES = "“”「」『』\"'‘’"

# Opening and closing brackets and quotes, both widths.
OPENING = "(（“「《[『"
CLOSING = ")）”」》]』"


def is_han(char: str) -> bool:
    return bool(char) and HAN.fullmatch(char[0]) is not None


def alternatives(words: Iterable[str]) -> str:
    """The words as one alternation, longest first so that the longest form wins
    (生态环境部办公厅 before 生态环境部); a pattern that never matches when empty."""
    forms = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in forms) if forms else "(?!)"


def alternation(words: Iterable[str]) -> re.Pattern:
    return re.compile(alternatives(words))


def clause_start(text: str, pos: int, reach: int = 200) -> int:
    """Start of the clause that holds ``pos``, looking back at most ``reach`` characters."""
    breaks = list(CLAUSE_BREAK.finditer(text, max(0, pos - reach), pos))
    return breaks[-1].end() if breaks else max(0, pos - reach)


def clause_end(text: str, pos: int, reach: int = 200) -> int:
    """End of the clause that holds ``pos`` (the break itself is not included)."""
    m = CLAUSE_BREAK.search(text, pos, pos + reach)
    return m.start() if m else min(len(text), pos + reach)


def inside_title(text: str, pos: int) -> bool:
    """Is ``pos`` inside an open 《 (more 《 than 》 before it)?"""
    head = text[:pos]
    return head.count("《") > head.count("》")
