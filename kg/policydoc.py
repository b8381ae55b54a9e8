"""Policy documents: the notice that issues or forwards a document, its number, date and
signers, and the documents a text says it carries out.

The grammar read here is that of official documents (党政机关公文, GB/T 9704-2012):
  版头  发文机关标志 (…文件) and 发文字号 (国发〔2023〕24号) above the title, or the number
        in brackets after it;
  标题  issuer + 关于 + matter + kind: 国务院关于印发《…》的通知; a notice that issues a
        document (印发, 发布, 颁发) or forwards one (转发) names it in its title and again in
        its first sentence (现将《…》印发给你们);
  主送  the addressees, one line ending in a colon;
  署名  the issuing agencies, one or several a line, right above
  日期  成文日期, alone on its line (2023年11月30日, 二〇二三年十一月三十日), or in brackets
        under the title of a text published by the news agency;
  版记  抄送: and 印发 lines, which name no issuer.
A plan or opinion says what it carries out in its opening sentence: 为(深入)贯彻落实《…》
(文号)…, 根据《…》…, 制定本方案 / 现提出如下意见 / 现将《…》印发给你们.

Everything reads the normalised text (`Document.text`) and gives offsets into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.naming import instrument_key, split_qualifier, without_issuers
from kg.nlp.grammar import (
    CLAUSE_PUNCTUATION,
    DATE,
    DOCUMENT_KIND_END,
    DOCUMENT_NUMBER,
    HAN_CHARS,
    JOINER,
    TITLE,
    alternatives,
    iso_date,
    line_spans,
    title_cell,
)
from kg.nlp.titles import TitleKinds
from kg.reference import reference

HEAD_LINES = 6  # 版头, title and 主送 take the first lines; the body starts by then
SIGNATURE_LINE_MAX = 60  # a line of the signature names agencies and nothing else


@dataclass(frozen=True)
class Carried:
    """The document a notice issues or forwards (the title as written, without 《》)."""

    title: str
    action: str  # ActionType notation: Issuance or Forwarding
    start: int  # span of the title in the text
    end: int


@dataclass(frozen=True)
class Basis:
    """A document the text says it carries out (eli:based_on), with the number it gives."""

    subject: str  # title of the document that carries it out
    title: str
    number: str | None
    start: int  # span of 《title》(number) in the text
    end: int


@dataclass(frozen=True)
class PolicyReading:
    number: str | None  # the notice's own 发文字号
    date: str | None  # 成文日期, YYYY-MM-DD
    issuers: tuple[str, ...]  # canonical names of the agencies in the signature (else the title)
    carried: tuple[Carried, ...]
    basis: tuple[Basis, ...]
    number_span: tuple[int, int] | None = None
    date_span: tuple[int, int] | None = None
    # (title, start, end) of each document the text is or carries: its title line, the
    # carried title, each attachment's title; the records make them instruments
    documents: tuple[tuple[str, int, int], ...] = ()
    title_span: tuple[int, int] | None = None
    body: int | None = None  # where the first carried document's own text starts (its title line)
    # the 抄送/抄报 lines: the bodies they name receive a copy, they do not act
    copied: tuple[tuple[int, int], ...] = ()

    def in_notice_title(self, pos: int) -> bool:
        """Is `pos` in the title of a notice that carries a document? That title is read
        here: the document it carries is the instrument, the notice is the document."""
        return bool(self.carried and self.title_span and self.title_span[0] <= pos < self.title_span[1])


# --- the pieces of the grammar ------------------------------------------------------------

# A line that is only a date, maybe in brackets: the signature's 成文日期.
_DATE_LINE = re.compile(rf"\s*\(?\s*(?:{DATE.pattern})\s*\)?\s*")
# 主送机关: a line of addressees ending in a colon (各省、自治区、直辖市人民政府,…:).
_ADDRESSEES = re.compile(r"^[^。!?]{2,300}:$")
# 版记 and 附件说明 lines, which name agencies that did not sign.
_NOT_SIGNATURE = re.compile(r"^(?:抄送|抄报|主送|附件|印发|联系人|\(此件)")
# 版记 lines of the bodies a copy goes to.
_COPIED_TO = re.compile(r"^\s*(?:抄送|抄报)(?:机关|单位)?\s*:")
# A seal set for a body that has none of its own: (上海市发展和改革委员会代章).
_SEAL_FOR = re.compile(r"^\(.*代章\)$")
# The formula of the first sentence of a notice: 现将《X》印发给你们 / 《X》…现印发给你们.
_ISSUE_SENTENCE = "(?:现将|现把|特将|兹将)?{title}(?:[^。]{{0,40}}?)(?:{verbs})(?:给)?(?:你们|你单位|各单位)"
# What a 为…/根据… clause is for: the main clause of a preamble.
_PREAMBLE_MAIN = re.compile(
    r"(?:制定|制订|编制|提出|出台|印发)(?:了)?(?:本|如下|以下|此)|现将《|印发给你们|印发你们|现就[^。]{0,30}通知如下"
)
# The basis a preamble names: 为(深入)贯彻落实 / 为落实 / 根据 / 按照 / 依据 … 《title》.
_BASIS_CUE = re.compile(r"为(?:了)?(?:深入|全面|认真|进一步|切实)*(?:贯彻落实|贯彻|落实|实施|执行)|根据|按照|依据|依照")
_NUMBER_AFTER = re.compile(rf"\s*\(\s*({DOCUMENT_NUMBER.pattern})\s*\)")


def _head_end(text: str, lines: list[tuple[int, int]]) -> int:
    """End of the 版头, title and 主送 lines: the 主送 line if there is one near the top,
    else the first line that is a sentence of the body."""
    for a, b in lines[:HEAD_LINES]:
        line = text[a:b].strip()
        if _ADDRESSEES.match(line):
            return b
        if line.endswith("。") or _BASIS_CUE.match(line):
            return a
    return lines[min(len(lines), 2) - 1][1] if lines else 0


def copied_lines(text: str) -> tuple[tuple[int, int], ...]:
    """The 抄送 and 抄报 lines of the 版记: the bodies a copy goes to are informed, they do not
    act. (The 主送 line is kept: its bodies are those the text tells to carry it out, and a
    class of them, 各省…生态环境厅, is no agency anyway.)"""
    return tuple((a, b) for a, b in line_spans(text) if _COPIED_TO.match(text[a:b]))


def own_number(text: str) -> tuple[str, int, int] | None:
    """The notice's 发文字号: in the head, on its own line or in brackets after the title;
    a number right after a 《title》 is the number of the title it follows, not its own."""
    lines = line_spans(text)
    end = _head_end(text, lines)
    for m in DOCUMENT_NUMBER.finditer(text, 0, end):
        before = text[max(0, m.start() - 2) : m.start()]
        if "》" not in before:
            return m.group(), m.start(), m.end()
    return None


def signature(text: str, agencies: list[tuple[int, int, str]]) -> tuple[tuple[str, ...], str | None, tuple[int, int] | None]:
    """(issuers in the signature, 成文日期, the date's span): the first line that is only a
    date, and the agencies named on the lines right above it."""
    lines, date, span = signature_block(text)
    # a line of names the gazetteer does not know is still part of the signature
    names = [name for sa, sb in lines for s, e, name in agencies if sa <= s and e <= sb]
    return tuple(dict.fromkeys(names)), date, span


def signature_block(text: str) -> tuple[list[tuple[int, int]], str | None, tuple[int, int] | None]:
    """(the signature's lines, 成文日期, the date's span): the first line that is only a
    date, and the lines right above it up to the body, an attachment note or the addressees."""
    lines = line_spans(text)
    for k, (a, b) in enumerate(lines):
        m = _DATE_LINE.fullmatch(text[a:b]) if b - a <= 30 else None
        if not m:
            continue
        date = iso_date(DATE.search(text, a, b))
        if date is None:
            continue
        block: list[tuple[int, int]] = []
        for sa, sb in reversed(lines[:k]):
            line = text[sa:sb].strip()
            if _SEAL_FOR.match(line):
                continue
            if not line or len(line) > SIGNATURE_LINE_MAX or _NOT_SIGNATURE.match(line) or _ends_clause(line):
                break
            block.insert(0, (sa, sb))
        return block, date, (a, b)
    return [], None, None


def _ends_clause(line: str) -> bool:
    return line[-1] in CLAUSE_PUNCTUATION


def title_issuers(title_span: tuple[int, int], text: str, agencies: list[tuple[int, int, str]]) -> tuple[str, ...]:
    """Agencies named before 关于 (or before 印发 / 转发) in a title: the issuers a title gives."""
    a, b = title_span
    head = re.search(r"关于|印发|转发", text[a:b])
    end = a + head.start() if head else a
    return tuple(dict.fromkeys(name for s, e, name in agencies if a <= s and e <= end))


class NoticeReader:
    """Reads the document a notice carries, with the verbs of the reference data."""

    def __init__(self) -> None:
        ref = reference()
        self.verbs = {v: a for v, a in ref.trigger_verbs.items() if a in ("Issuance", "Forwarding") and len(v) == 2}
        verbs = alternatives(self.verbs)
        # 国务院关于印发《X》的通知, 关于印发X的通知, 梧州市人民政府印发关于X的通知, 转发…的通知
        self.in_title = re.compile(rf"(?:{verbs})(?P<carried>.+)的通知(?=\s*(?:\(\s*{DOCUMENT_NUMBER.pattern}\s*\))?\s*$)", re.S)
        self.in_sentence = re.compile(_ISSUE_SENTENCE.format(title=r"《(?P<carried>[^《》]+)》", verbs=verbs))

    def carried(self, text: str, title_span: tuple[int, int]) -> tuple[Carried, ...]:
        a, b = title_span
        m = self.in_title.search(text, a, b)
        if not m:
            return ()
        verb = text[m.start() : m.start() + 2]
        action = self.verbs[verb]
        inner = text[m.start("carried") : m.end("carried")].replace("\n", "")
        titled = list(TITLE.finditer(text, m.start("carried"), m.end("carried")))
        if titled:  # 印发《A》和《B》的通知: each title in brackets
            return tuple(Carried(t.group(1), action, t.start(1), t.end(1)) for t in titled)
        # Without 《》 the first sentence usually repeats the title in brackets: prefer it.
        for s in self.in_sentence.finditer(text, b, min(len(text), b + 600)):
            if _loose(s.group("carried")) in _loose(inner) or _loose(inner) in _loose(s.group("carried")):
                return (Carried(s.group("carried"), action, s.start("carried"), s.end("carried")),)
        return (Carried(inner, action, m.start("carried"), m.end("carried")),)


@lru_cache(maxsize=1)
def _title_kinds() -> TitleKinds:
    return TitleKinds(reference().title_suffixes)


# A reply that approves a document (国务院关于某某流域综合规划的批复, 关于同意《X》的批复):
# what it asks (请认真组织实施) is asked of the document it approves.
_APPROVING = re.compile(r"关于(?:同意|批准)?(?P<approved>[^关]+?)的批复$")


def approved_title(title: str) -> str | None:
    """The document a reply approves, where its title names one by a kind (else None)."""
    m = _APPROVING.search(title)
    approved = m.group("approved").strip("《》") if m else ""
    return approved if approved and _title_kinds().kind_of(split_qualifier(approved)[0]) else None


def title_kind(title: str) -> str:
    """The InstrumentKind notation a title's ending gives (Other when none does)."""
    return _title_kinds().kind_of(split_qualifier(title)[0]) or "Other"


def _loose(title: str) -> str:
    """A title as a notice's own title repeats it: without its issuers and without the 的
    a title drops before …的通知 (转发省发展改革委关于完善价格机制意见的通知)."""
    return instrument_key(without_issuers(title)).replace("的", "")


@lru_cache(maxsize=1)
def notice_reader() -> NoticeReader:
    return NoticeReader()


# 〈〉 are the 《》 of a title quoted inside a title: 《关于发布〈X〉的通知》
_INNER_TITLE = re.compile(r"[〈〉<>]")


def carried_title(title: str, forwarded: bool = False) -> str:
    """The document a cited notice issues (《国务院关于印发X的通知》 → X), else the title:
    a text that carries out a plan cites the notice that issued it by either. With
    `forwarded`, the document a notice forwards too (…转发省生态环境厅关于X意见的通知: its text
    is that opinion's)."""
    reader = notice_reader()
    m = reader.in_title.search(title)
    if not m or (reader.verbs[title[m.start() : m.start() + 2]] != "Issuance" and not forwarded):
        return title
    carried = m.group("carried")
    inner = re.fullmatch(r"[《〈<](.+)[》〉>]", carried)
    return inner.group(1) if inner else _INNER_TITLE.sub("", carried)


def title_line(text: str, title: str) -> tuple[int, int] | None:
    """The span of the title's line (or lines, when it wraps) among the first lines of the
    text, after a letterhead or number line, when the text has the title."""
    if not title:
        return None
    cell = title_cell(text)
    if cell is not None and title in text[cell[0] : cell[1]]:
        return cell  # a page's table names its cells (its 发文机关 may start the title)
    lines = line_spans(text)[:HEAD_LINES]
    for k, (a, b) in enumerate(lines):
        line = text[a:b].strip()
        if title in line:
            return a, b
        if len(line) >= 6 and title.startswith(line.strip("《》")):
            for _, end in lines[k + 1 :]:  # the title wraps: take lines until it is complete
                if title in text[a:end].replace("\n", ""):
                    return a, end
            return a, b
    return None


# An attachment's label alone on its line; the attachment's title follows it.
_ATTACHMENT = re.compile(r"附件\s*\d*")
_QUALIFIED_KIND_END = re.compile(rf"{DOCUMENT_KIND_END.pattern[:-1]}(?:\([^()]*\))?$")


def attachments(text: str) -> list[tuple[int, int, str]]:
    """(start, end, title) of each attachment: the lines after an 附件N line, up to the one
    that ends the title with a kind (…行动方案(2021-2025年)): a 公文 kind, or any kind of
    instrument an attachment may be (…实施指南, …技术规范, …名录)."""
    lines = line_spans(text)
    found = []
    for k, (a, b) in enumerate(lines):
        if not _ATTACHMENT.fullmatch(text[a:b].strip()):
            continue
        title = ""
        for ta, tb in lines[k + 1 : k + 4]:
            title += text[ta:tb].strip()
            if _QUALIFIED_KIND_END.search(title) or _title_kinds().kind_of(split_qualifier(title)[0]):
                found.append((lines[k + 1][0], tb, title))
                break
    return found


def basis(text: str, subjects: list[tuple[int, str]]) -> tuple[Basis, ...]:
    """Documents the preamble sentences say the text carries out. `subjects` are the
    (start, title) of the documents in the text (the notice's carried document starts where
    its title line is); a preamble sentence belongs to the last one that starts before it."""
    out: list[Basis] = []
    for sa, sb in _sentences(text):
        sentence = text[sa:sb]
        if not _PREAMBLE_MAIN.search(sentence):
            continue
        for cue in _BASIS_CUE.finditer(sentence):
            for title, number, start, end in _titles_after(text, sa + cue.end(), sb):
                subject = next((t for s, t in reversed(subjects) if s <= sa), subjects[0][1] if subjects else "")
                if title != subject:
                    out.append(Basis(subject, title, number, start, end))
    return tuple(dict.fromkeys(out))


# Between the titles of one list: 、 和 及 以及, an issuer (国家发展改革委等部门), 我省,
# and the words that close the phrase (精神, 要求, 部署).
_LIST_GAP = re.compile(
    rf"^(?:\s|{JOINER}|以及|[{HAN_CHARS}]{{0,20}}?(?:等部门|等单位|联合印发的|印发的|发布的)"
    rf"|[{HAN_CHARS}]{{1,20}}?(?:部|委|厅|局|办|院|政府|委员会|办公室|办公厅)|国家|我省|我市|我区|省|市|有关|的)*$"
)


def _titles_after(text: str, start: int, end: int) -> list[tuple[str, str | None, int, int]]:
    """The 《titles》 of the list that follows a cue, each with the number in brackets after it."""
    found = []
    pos = start
    for m in TITLE.finditer(text, start, end):
        if not _LIST_GAP.match(text[pos : m.start()]):
            break
        number = _NUMBER_AFTER.match(text, m.end())
        found.append((m.group(1), number.group(1) if number else None, m.start(), number.end() if number else m.end()))
        pos = number.end() if number else m.end()
    return found


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^。\n]+[。]?", text)]


def read_policy(
    text: str, title_span: tuple[int, int] | None, title: str, agencies: list[tuple[int, int, str]], reader: NoticeReader
) -> PolicyReading:
    """What the text says of itself as a policy document. `title_span` is the title line in
    the text (None when the title comes from elsewhere); `agencies` are the (start, end,
    canonical name) of the agencies found in the text."""
    number = own_number(text)
    signers, date, date_span = signature(text, agencies)
    # the issuers the title names (发文机关 before 关于) and those that sign, both
    named = title_issuers(title_span, text, agencies) if title_span else ()
    issuers = tuple(dict.fromkeys(named + signers))
    carried = reader.carried(text, title_span) if title_span else ()
    # The basis a notice gives is that of the document it carries, whose own text starts
    # at its title line after the notice.
    subjects = [(0, carried[0].title if carried else title)]
    for c in carried:
        line = _title_line(text, c.title, title_span[1] if title_span else 0)
        if line is not None:
            subjects.append((line, c.title))
    bodies = [start for start, _ in subjects[1:]]
    annexes = attachments(text)
    subjects += [(start, name) for start, _, name in annexes]
    subjects.sort()
    documents = [(c.title, c.start, c.end) for c in carried] + [(name, a, b) for a, b, name in annexes]
    if title_span and not carried:
        documents.insert(0, (title, *title_span))
    return PolicyReading(
        number=number[0] if number else None,
        date=date,
        issuers=issuers,
        carried=carried,
        basis=_own_title(basis(text, subjects), title),
        number_span=number[1:] if number else None,
        date_span=date_span,
        documents=tuple(documents),
        title_span=title_span,
        body=min(bodies) if bodies else None,
        copied=copied_lines(text),
    )


def _own_title(found: tuple[Basis, ...], title: str) -> tuple[Basis, ...]:
    """An attachment that cites the text it is attached to by its short title (《关于…的
    意见》 for 某部等部门关于…的意见) carries out that text."""
    short = instrument_key(without_issuers(title))
    return tuple(replace(b, title=title) if instrument_key(b.title) == short else b for b in found)


def _title_line(text: str, title: str, after: int) -> int | None:
    """Start of the line that is the carried document's title (its first page), if any."""
    for a, b in line_spans(text):
        if a >= after and text[a:b].strip().strip("《》") == title:
            return a
    return None
