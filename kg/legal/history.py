"""The history of a legal text: the clauses of its 题注 (or 修订信息 block, or 公布令), and
the 自…起施行 / 原《…》同时废止 sentences of any text.

A history clause is a date, who acted (a meeting, a decree, an amending decision) and a
verb at its end: 2014年4月24日第十二届全国人民代表大会常务委员会第八次会议修订;
根据2018年10月26日…会议《关于修改<…>等十五部法律的决定》修正; 自2021年3月1日起施行.
The verbs and the actions they stand for are reference data (ep:historyVerb)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.nlp.grammar import DATE, NUMBER, iso_date, part_start
from kg.nlp.grammar import NESTED_TITLE as TITLE
from kg.reference import reference

# Before the body: a preposition or the date's own phrase (该文件于…以粤府令第197号公布).
_BODY_LEAD = re.compile(r"^(?:[,，、\s]|由|以|经|在|于)+")
# After the body: an ordinal of the change (第一次修正) and a connective (修订通过 is one verb).
_BODY_TAIL = re.compile(rf"(?:[,，、\s]|第{NUMBER}次|并|予以|正式)+$")
# A note's verb acts on the text itself and takes no object: 公布了…, 发布《…》 tell of another.
_HAS_OBJECT = re.compile(r"[《了“]")
# A line that is a 题注: wrapped in brackets, or opening with a date or 经/该文件于 (the
# note of a judicial interpretation is often not bracketed: 经…通过。现予公布，自…起施行。)
_NOTE_OPEN = re.compile(rf"^\s*(?:\(|（|〔|经|该(?:文件|规定|办法|条例)?于|于|根据|{DATE.pattern})")
# 本法, 本条例, 本办法 …: the text itself, in a sentence of its own articles.
# The kinds a legal or normative text names itself by (本法, 本条例 …) or another text by
# (刑法, 该条例): one list for the 题注 reader and the article links.
TEXT_KINDS = r"(?:法|条例|规定|办法|细则|决定|解释|规则|准则|章程|标准|规范|方案|计划|规划|意见|通知|目录|名录|清单)"
SELF_REFERENCE = re.compile(rf"本(?:实施)?{TEXT_KINDS}")
_ENTRY = re.compile(rf"自(?P<date>{DATE.pattern})起(?:施行|实施|生效)")
_REPEAL = re.compile(r"(?:原|同时)?《(?P<title>[^《》\n]+)》[^。《]{0,40}?同时(?:废止|失效)")


@dataclass(frozen=True)
class Clause:
    date: str
    action: str
    body: str
    via: str
    subject: str | None  # the title it happens to; None: the text itself
    start: int  # span in the text, date to verb
    end: int


@lru_cache(maxsize=1)
def _verbs() -> re.Pattern:
    verbs = reference().history_verbs
    return re.compile("|".join(sorted(map(re.escape, verbs), key=len, reverse=True)))


def action_of(verb: str) -> str:
    return reference().history_verbs[verb]


def note_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the lines between `start` and `end` that read as a 题注."""
    spans, pos = [], start
    for line in text[start:end].split("\n"):
        if _NOTE_OPEN.match(line) and DATE.search(line) and _verbs().search(line):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def read_note(text: str, start: int, end: int) -> list[Clause]:
    """Every clause of a 题注 between `start` and `end`, in order."""
    clauses = []
    dates = [m for m in DATE.finditer(text, start, end)]
    for k, date in enumerate(dates):
        stop = dates[k + 1].start() if k + 1 < len(dates) else end
        clause = _clause(text, date, stop)
        if clause:
            clauses.append(clause)
    return clauses


def _clause(text: str, date: re.Match, stop: int) -> Clause | None:
    iso = iso_date(date)
    segment = text[date.end() : stop]
    masked = TITLE.sub(lambda m: "\x00" * len(m.group()), segment)  # verbs inside titles don't count
    verb = _verbs().search(masked)
    if iso is None or verb is None or re.search(r"[。;]", masked[: verb.start()]):
        return None
    if _HAS_OBJECT.match(segment, verb.end()):
        return None  # 发布《…》: an act on another text, told in a sentence, not a note
    before = segment[: verb.start()]
    via = TITLE.search(before)
    body = TITLE.sub("", before)
    body = _BODY_TAIL.sub("", _BODY_LEAD.sub("", body))
    if body in ("起", "之日起"):
        body = ""
    return Clause(
        date=iso,
        action=action_of(verb.group()),
        body=body.strip(),
        via=via.group(1) if via else "",
        subject=None,
        start=date.start(),
        end=date.end() + verb.end(),
    )


def sentence_events(text: str, start: int, end: int) -> list[Clause]:
    """自…起施行 and 原《…》同时废止 in a paragraph of any text: the entry into force of the
    text itself (本法自…起施行) or of the title named before it in its sentence, and the
    repeal of a title on the day the text itself comes into force."""
    paragraph = text[start:end]
    found = []
    for m in _ENTRY.finditer(paragraph):
        sentence_start = part_start(paragraph, m.start(), reach=m.start())
        subject = _subject_before(paragraph[sentence_start : m.start()])
        if subject is not False:
            found.append(Clause(iso_date(DATE.match(m.group("date"))) or "", "Entry into force", "", "", subject,
                                start + m.start(), start + m.end()))
    when = next((c.date for c in found if c.subject is None), None)
    for m in _REPEAL.finditer(paragraph):
        if when:
            found.append(Clause(when, "Repeal", "", "", m.group("title"), start + m.start(), start + m.end()))
    return [c for c in found if c.date]


def _subject_before(head: str):
    """None for the text itself (本法…), a title named just before, or False for neither."""
    own = max((m.end() for m in SELF_REFERENCE.finditer(head)), default=-1)
    named = max(TITLE.finditer(head), key=lambda m: m.end(), default=None)
    if named is not None and named.end() > own:
        return named.group(1)
    return None if own >= 0 else False
