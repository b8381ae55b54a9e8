"""path → Document: read, reject bad files, decode, strip markup and page clutter, fold
full-width forms, convert Traditional to Simplified, and keep an offset map to the file.

Every step either drops characters or replaces one character by one character, so the
map from `Document.text` back to `Document.original` is a plain list of indexes.
"""

from __future__ import annotations

import codecs
import hashlib
import html
import re
import unicodedata
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import opencc

from kg import formats
from kg.catalog import Catalog
from kg.document import Document, find_sections, find_sentences
from kg.errors import InputError
from kg.nlp.grammar import HAN, HAN_CHARS

MAX_BYTES = 20 * 1024 * 1024  # official texts are far smaller; anything bigger is a mistake

# --- reading and decoding --------------------------------------------------------------

_MAGIC = {  # signatures of files people drop into a folder of texts by mistake
    b"%PDF": "PDF",
    b"\x89PNG": "PNG",
    b"GIF8": "GIF",
    b"\xff\xd8\xff": "JPEG",
    b"PK\x03\x04": "ZIP archive, not a .docx",
    b"\x1f\x8b": "gzip",
    b"\x7fELF": "ELF",
    b"\xd0\xcf\x11\xe0": "Office 97-2003 .doc/.xls; save it as .docx",
}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
MAX_CONTROL_SHARE = 0.02  # text has tabs and newlines, hardly any other control characters


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from None
    if not path.is_file():
        raise InputError(path, "not a regular file")
    if size > MAX_BYTES:
        raise InputError(path, f"file is {size:,} bytes, larger than the limit of {MAX_BYTES:,} bytes")
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from None


def _utf16_guesses(data: bytes) -> tuple[str, ...]:
    """UTF-16 byte orders to try, the likelier first: ASCII in UTF-16-LE puts NULs at odd places."""
    if len(data) % 2:
        return ()
    sample = data[:65536]
    if sample[1::2].count(0) >= sample[0::2].count(0):
        return ("utf-16-le", "utf-16-be")
    return ("utf-16-be", "utf-16-le")


def _plausible(text: str) -> bool:
    """Decoded text that is mostly common Han, ASCII and punctuation (guards UTF-16 guesses)."""
    sample = text[:20000]
    ok = sum(
        1
        for c in sample
        if ("\x20" <= c < "\x7f" or c in "\t\n\r")
        or "\u2000" <= c <= "\u206f"  # general punctuation: “ ” — …
        or "\u3000" <= c <= "\u303f"  # CJK punctuation: 。、《》
        or "\u4e00" <= c <= "\u9fff"  # common Han
        or "\uff00" <= c <= "\uffef"  # full-width forms
    )
    return ok >= 0.95 * len(sample)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """(text, encoding) or InputError. Order: BOM, UTF-8, UTF-16 without BOM, GB18030."""
    for magic, name in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"binary file ({name}), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as e:
                raise InputError(path, f"undecodable: {encoding} byte order mark, but bad bytes at {e.start}") from None
    nul = b"\x00" in data
    if not nul:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    # UTF-16 without a BOM: NULs give ASCII away, but pure Chinese UTF-16 has none, so the
    # decoded text decides (GB18030 bytes read as UTF-16 give Hangul and private-use chars).
    for encoding in _utf16_guesses(data):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, encoding
    if nul:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("gb18030"), "gb18030"  # GB18030 is a superset of GBK and GB2312
    except UnicodeDecodeError as e:
        raise InputError(path, f"undecodable: not UTF-8, UTF-16 or GB18030 (bad bytes at offset {e.start})") from None


def _check_text(text: str, path: Path) -> None:
    if not text.strip():
        raise InputError(path, "empty file (nothing but whitespace)")
    sample = text[:65536]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    if controls > MAX_CONTROL_SHARE * len(sample):
        raise InputError(path, f"binary file ({controls} control characters in the first {len(sample)}), not text")


# --- markup: each reader gives (stream, index) with index[i] = position in the original --


_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


class _HtmlText(HTMLParser):
    """Text of content elements, with the position in the markup of every character."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "head",
            "template", "iframe", "svg", "button", "select", "textarea", "object"}  # fmt: skip
    SKIP_ATTR = re.compile(r"nav|menu|footer|share|comment|copyright|breadcrumb", re.I)
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
             "section", "article", "main", "blockquote", "pre", "dd", "dt", "dl", "hr", "title",
             "figure", "figcaption", "td", "th", "center", "caption"}  # fmt: skip
    VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "source", "area", "base", "col", "embed", "param", "track"}

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=False)  # entities come one by one, with positions
        self.markup = markup
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", markup)]
        self.chars: list[str] = []
        self.index: list[int] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, starts a skipped subtree)
        self.skipping = 0
        self.pre = 0
        self.space: tuple[int, bool] | None = None  # pending whitespace run: (position, has a line break)
        self.tables: list[_Table] = []  # open tables, innermost last
        self.grids: list[_Table] = []  # closed tables, to be written a row a line

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(self, ch: str, pos: int) -> None:
        if self.skipping:
            return
        if ch in " \t\n\r\f" and not self.pre:
            # Markup whitespace shows as one space; the run is held until the next char.
            if self.space is None:
                self.space = (pos, False)
            self.space = (self.space[0], self.space[1] or ch in "\n\r")
            return
        if self.space is not None:
            at, broke = self.space
            self.space = None
            prev = self.chars[-1] if self.chars else "\n"
            # A line break between two Chinese chars is no space (as browsers show it).
            if prev != "\n" and not (broke and _wide(prev) and _wide(ch)):
                self.chars.append(" ")
                self.index.append(at)
        self.chars.append(ch)
        self.index.append(pos)

    def _break(self) -> None:
        if self.skipping:
            return
        self.space = None  # no space at a line end
        if self.chars and self.chars[-1] != "\n":
            self.chars.append("\n")
            self.index.append(self._pos())  # the '<' of the tag that ends the block

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _TABLE_TAGS and not self.skipping:
            self._table_start(tag, dict(attrs))
        if tag in self.BLOCK:
            self._break()
        if tag in ("td", "th") and self.tables and not self.skipping and self.tables[-1].rows:
            self.tables[-1].rows[-1][-1].start = len(self.chars)  # the cell's text starts after its break
        if tag in self.VOID:
            return
        who = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        skip = tag in self.SKIP or bool(self.SKIP_ATTR.search(who))
        self.stack.append((tag, skip))
        self.skipping += skip
        self.pre += tag == "pre"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _ in self.stack):
            return  # a stray end tag closes nothing
        if tag in _TABLE_TAGS and not self.skipping:
            self._table_end(tag)
        while self.stack:  # close unclosed children (<p>, <li> may omit their end tag)
            t, skip = self.stack.pop()
            self.skipping -= skip
            self.pre -= t == "pre"
            if t == tag:
                break
        if tag in self.BLOCK:
            self._break()

    # --- tables: the cells of each row, to write a grid of data a row a line ---------------

    def _table_start(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "table":
            if self.tables:
                self.tables[-1].nested = True  # a table of tables lays out a page
            self.tables.append(_Table())
            return
        if not self.tables:
            return
        table = self.tables[-1]
        table.close_cell(len(self.chars))
        if tag == "tr":
            table.rows.append([])
        elif tag in ("td", "th"):
            if not table.rows:
                table.rows.append([])  # a cell with no <tr> before it opens a row
            table.rows[-1].append(_Cell(self._pos(), _span(attrs.get("colspan")), _span(attrs.get("rowspan"))))

    def _table_end(self, tag: str) -> None:
        if not self.tables:
            return
        self.tables[-1].close_cell(len(self.chars))
        if tag == "table":
            table = self.tables.pop()
            if table.is_grid(self.chars):
                self.grids.append(table)

    def handle_data(self, data: str) -> None:
        start = self._pos()
        for k, ch in enumerate(data):
            self._emit(ch, start + k)

    def _reference(self, pos: int) -> None:
        raw = _ENTITY.match(self.markup, pos)
        text = raw.group() if raw else "&"
        decoded = html.unescape(text)
        if len(decoded) == 1:
            self._emit(decoded, pos)  # the decoded char maps to the entity's '&'
        else:  # unknown entity: keep it as written, char by char
            for k, ch in enumerate(text):
                self._emit(ch, pos + k)

    def handle_entityref(self, name: str) -> None:
        self._reference(self._pos())

    def handle_charref(self, name: str) -> None:
        self._reference(self._pos())


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _html_stream(markup: str) -> tuple[str, list[int]]:
    parser = _HtmlText(markup)
    parser.feed(markup)
    parser.close()
    chars, index = parser.chars, parser.index
    for table in sorted(parser.grids, key=lambda t: t.rows[0][0].anchor, reverse=True):
        chars, index = table.rows_as_lines(chars, index)
    return "".join(chars), index


# --- HTML tables -------------------------------------------------------------------------
# A grid of data (指标 | 单位 | 2025年 | 2030年) is read a row at a time: its figures take their
# unit, year and subject from the cells of their row and column. The row is written as a
# Markdown row (| 指标 | 单位 | 28.5 | 25 |), as a Markdown page has it and as a DOCX row is
# one line, so that one reader serves all three. A cell spanning columns or rows is followed
# by (or leaves) empty cells, so the columns stay aligned. Two kinds of table stay one cell a
# line: a form of labels and values (索引号: … 标题: …, the information table of a government
# page, which the metadata readers take a label a line) and a table laying out a page (a
# table inside it, or a cell holding paragraphs).

_TABLE_TAGS = ("table", "tr", "td", "th")
# A label of a form: a cell ending in a colon, or a field of a government page's information
# table written without one (索引号, 发文字号, 成文日期 …).
_FORM_LABEL = re.compile(
    r"[:：]\s*$|^\s*(?:索\s*引\s*号|主\s*题\s*分\s*类|发\s*文\s*机\s*关|成\s*文\s*日\s*期|标\s*题|发\s*文\s*字\s*号"
    r"|发\s*布\s*日\s*期|有\s*效\s*性|主\s*题\s*词)\s*$"
)
_GRID_CELL_LINES = 3  # a cell of data holds a word or two lines; more is a page's layout


def _span(value: str | None) -> int:
    return int(value) if value and value.strip().isdigit() and 0 < int(value) <= 100 else 1


class _Cell:
    def __init__(self, anchor: int, colspan: int, rowspan: int) -> None:
        self.anchor = anchor  # the position of its tag in the markup
        self.colspan, self.rowspan = colspan, rowspan
        self.start: int | None = None  # its text in the parser's chars
        self.end: int | None = None


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[_Cell]] = []
        self.nested = False

    def close_cell(self, at: int) -> None:
        if self.rows and self.rows[-1] and self.rows[-1][-1].end is None:
            self.rows[-1][-1].end = at

    def is_grid(self, chars: list[str]) -> bool:
        rows = [r for r in self.rows if r]
        if self.nested or sum(len(r) >= 2 for r in rows) < 2:
            return False
        texts = [[_cell_text(chars, c) for c in r] for r in rows]
        if any(t.count("\n") >= _GRID_CELL_LINES for r in texts for t in r):
            return False
        return sum(any(_FORM_LABEL.search(t) for t in r) for r in texts) * 2 <= len(rows)

    def rows_as_lines(self, chars: list[str], index: list[int]) -> tuple[list[str], list[int]]:
        """`chars` and `index` with each row's cells on one line between | marks."""
        carried: dict[int, int] = {}  # column → rows a cell above still spans
        lines = []
        for row in self.rows:
            cells = [c for c in row if c.start is not None and c.end is not None]
            if not cells:
                continue
            line: list[str] = []
            at: list[int] = []
            column = 0

            def spanned(anchor: int) -> None:
                nonlocal column
                while carried.get(column, 0) > 0:
                    carried[column] -= 1
                    _write_cell(line, at, "", [], anchor)
                    column += 1

            for cell in cells:
                spanned(cell.anchor)
                _write_cell(line, at, chars[cell.start : cell.end], index[cell.start : cell.end], cell.anchor)
                for k in range(cell.colspan):
                    if cell.rowspan > 1:
                        carried[column + k] = cell.rowspan - 1
                    if k:
                        _write_cell(line, at, "", [], at[-1])
                column += cell.colspan
            spanned(at[-1])
            line.append(" |")
            at.append(at[-1])
            lines.append((cells[0].start, cells[-1].end, line, at))
        for start, end, line, at in reversed(lines):  # from the end: earlier positions hold
            chars = chars[:start] + list("".join(line)) + chars[end:]
            index = index[:start] + [p for p, piece in zip(at, line) for _ in piece] + index[end:]
        return chars, index


def _cell_text(chars: list[str], cell: _Cell) -> str:
    if cell.start is None or cell.end is None:
        return ""
    return "".join(chars[cell.start : cell.end]).strip()


def _write_cell(line: list[str], at: list[int], text: list[str] | str, where: list[int], anchor: int) -> None:
    """Append "| " and the cell's text (its line breaks as spaces, no edge spaces) to `line`,
    one piece per character, with the markup positions in `at`."""
    line.append("| " if not line else " | ")
    at.append(anchor)
    kept = [(("" if ch == "\n" else ch), p) for ch, p in zip(text, where)]
    while kept and kept[0][0] in ("", " "):
        kept.pop(0)
    while kept and kept[-1][0] in ("", " "):
        kept.pop()
    for ch, p in kept:
        line.append(ch or " ")
        at.append(p)


# Markdown: only syntax is dropped; the words stay.
_MD_DROP_LINE = re.compile(r"^\s*(?:```|~~~|(?:[-*_]\s*){3,}$|\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$)")
_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))")  # heading, quote, bullet
_MD_TRAILING_HASHES = re.compile(r"\s+#+\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](url) → text; ![alt](src) → alt
_MD_EMPHASIS = re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1|(?<![*A-Za-z0-9])\*(?=[^\s*])([^*\n]+?)(?<=\S)\*|`")


# Extensions of Markdown sites (VuePress, VitePress, markdown-it plugins): container
# fences (::: tip 修订信息 … :::) keep their label, tab markers and [[toc]] go, and a
# trailing attribute list ({align=center}) is syntax. Inline HTML tags are syntax too;
# an entity (&emsp;, &lt;) is one character of text.
_MD_CONTAINER = re.compile(r"^\s*:::+\s*(?:[A-Za-z-]+\b\s*)?")
_MD_DROP_EXTENSION = re.compile(r"^\s*(?:@tab\b.*|\[\[toc\]\])\s*$")
_MD_ATTRIBUTES = re.compile(r"\s*\{[^{}\n]*=[^{}\n]*\}\s*$")
_MD_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")


def _markdown_keep(line: str) -> list[tuple[int, str]] | None:
    """(position, character) of `line` to keep, or None to drop the line (fences, rules,
    table rules, tab markers)."""
    if _MD_DROP_LINE.match(line) or _MD_DROP_EXTENSION.match(line):
        return None
    drop: set[int] = set()
    m = _MD_PREFIX.match(line) or _MD_CONTAINER.match(line)
    if m:
        drop.update(range(m.start(), m.end()))
    if line.lstrip().startswith("#"):
        t = _MD_TRAILING_HASHES.search(line)
        if t:
            drop.update(range(t.start(), t.end()))
    for pattern in (_MD_ATTRIBUTES, _MD_TAG):
        for m in pattern.finditer(line):
            drop.update(range(m.start(), m.end()))
    for m in _MD_LINK.finditer(line):
        drop.update(range(m.start(), m.start(1)))
        drop.update(range(m.end(1), m.end()))
    for m in _MD_EMPHASIS.finditer(line):
        if m.group(1):
            drop.update(range(m.start(), m.start(2)))
            drop.update(range(m.end(2), m.end()))
        elif m.group(3):
            drop.update((m.start(), m.end() - 1))
        else:
            drop.add(m.start())  # a backtick
    replace: dict[int, str] = {}
    for m in _ENTITY.finditer(line):
        decoded = html.unescape(m.group())
        if len(decoded) == 1 and m.start() not in drop:
            replace[m.start()] = decoded  # the decoded char maps to the entity's '&'
            drop.update(range(m.start() + 1, m.end()))
    return [(k, replace.get(k, line[k])) for k in range(len(line)) if k not in drop]


# YAML front matter of a Markdown page: `key: value` lines between two --- lines. The
# page's title, author, date and category (a list: its first item) are metadata; the title
# also stays in the text as its first line, as a page printed without front matter has it.
_FRONT_MATTER_KEYS = {"title": "title", "author": "publisher", "date": "published", "category": "category"}


def _front_matter(stream: str) -> tuple[int, dict[str, str], tuple[int, int] | None]:
    """(where the text after the front matter starts, captured values, span of the title's
    value in the stream) of a Markdown page."""
    m = re.match(r"---[ \t]*\r?\n(.*?\r?\n)---[ \t]*(?:\r?\n|$)", stream, re.S)
    if not m:
        return 0, {}, None
    captured, key, title_span = {}, "", None
    for line in re.finditer(r"[^\r\n]+", m.group(1)):
        item = re.match(r"\s+-\s+(.+)", line.group())
        if item:  # an item of the list under the last key
            value = item.group(1)
        else:
            key, _, value = (part.strip() for part in line.group().partition(":"))
        raw = value.strip().strip("\"'")
        if key in _FRONT_MATTER_KEYS and raw:
            captured.setdefault(_FRONT_MATTER_KEYS[key], normalise(raw))
            if key == "title" and title_span is None:
                start = m.start(1) + line.start() + line.group().index(raw, len(key))
                title_span = (start, start + len(raw))
    return m.end(), captured, title_span


# --- clutter: lines of the page around the article -------------------------------------
# Matched on the folded, Simplified form of a stripped line. Tuned for Chinese government
# and news pages and WeChat reposts. A `capture` name keeps the value as metadata.

SPACED_MAX = 16  # the longest name set out character by character
SHORT = 40  # prompts and counters are short lines; a sentence mentioning 公众号 is not clutter
CLUTTER: list[tuple[re.Pattern[str], str | None]] = [
    # scraper header lines; keep the values
    (re.compile(r"^Title:\s*(.+)$"), "title"),
    (re.compile(r"^Date:\s*(\d{4}-\d{1,2}-\d{1,2}|None|)\b.*$"), "published"),
    (re.compile(r"^URL:\s*(\S+)"), "source"),
    # WeChat profile residue: lone dashes, "公众号 -", "我们 -", "- 关注森林"
    (re.compile(r"^[-–—_=*·•|]+$"), None),
    (re.compile(r"^\S{1,12}\s+-$"), None),
    (re.compile(r"^-\s+\S{1,12}$"), None),
    # follow, scan and share prompts
    (re.compile(rf"^(?=.{{0,{SHORT}}}$).*(?:公众号|扫码|扫一扫|二维码|长按识别|点击关注|关注我们|分享到|分享至)"), None),
    # bylines; "来源:" keeps the publisher (or URL) it names
    (re.compile(r"^(?:文章|信息|稿件|新闻)?来源\s*[:|丨]\s*(\S*)"), "publisher"),
    (re.compile(r"^(?:作者|责任编辑|编辑|责编|审核|审校|校对|初审|复审|终审|摄影|图片|记者|通讯员|撰稿|供稿|监制|策划)\s*[:|丨]"), None),
    # counters and reactions: "浏览18 评论0", "阅读 1234", "点赞", "在看"
    (re.compile(r"^(?:(?:浏览|阅读|评论|点赞|在看|收藏|转发|分享)(?:量|数)?\s*:?\s*\d+\s*)+$"), None),
    (re.compile(r"^(?:点赞|在看|收藏|分享|转发|留言)(?:\s*[|/·]?\s*(?:点赞|在看|收藏|分享|转发|留言))*$"), None),
    (re.compile(r"^(?:原文链接|阅读原文|查看原文|点击阅读原文)"), None),
    # copyright, registration and site-owner lines
    (re.compile(r"^(?=.{0,80}$).*(?:版权所有|Copyright|©|\(c\) ?\d{4}|ICP备|ICP证|公网安备)", re.I), None),
    (re.compile(r"^(?:主办|承办|协办|主管|技术支持|网站标识码)(?:单位)?\s*[:|]"), None),
    (re.compile(r"^(?:Powered by|基于.{1,20}技术构建$)", re.I), None),
    # date stamps: "2024-05-28 23:20:36", a WeChat "时事报告 2024-05-28 16:06北京", a "28 05月" badge
    (re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"), "published"),
    (re.compile(r"^\S{0,12}\s*(\d{4}-\d{2}-\d{2})\s+\d{1,2}:\d{2}\S{0,6}$"), "published"),
    (re.compile(r"^\d{1,2}\s+\d{1,2}月$"), None),
    # navigation and comment prompts
    (re.compile(r"^(?:返回|首页|目录|上一篇|下一篇|上一页|下一页|返回顶部|返回首页|返回列表|打印|打印本页|关闭|关闭窗口|纠错|字号|【?[大中小]】?)$"), None),
    (re.compile(r"^(?:上一篇|下一篇)\s*[:]"), None),
    # breadcrumbs: "首页 > 政务公开 > 通知", "当前位置:首页 / 政策"
    (re.compile(r"^(?:(?:当前位置|您的位置|您现在的位置|所在位置)\s*[::]|首页\s*[>›»/])"), None),
    (re.compile(r"^(?:发表评论|我要评论|欢迎参与讨论|◎欢迎参与讨论|网友评论)"), None),
    (re.compile(r"^(?:特别声明|免责声明|声明)\s*[:]|^Notice: The content above"), None),
    (re.compile(r"^附件下载"), None),
]
# Lines that end an article: once one is met in the back half of a page, it and every
# line after it (links to other articles, disclaimers, comment boxes) are dropped.
FOOTER = re.compile(
    r"^(?:(?:文章|信息|稿件|新闻)?来源\s*[:|丨]|原文链接|阅读原文|责任编辑|浏览\s*\d+|发表评论|相关阅读|相关推荐"
    r"|推荐阅读|相关新闻|相关文章|相关稿件|相关链接|相关报道|相关专题|延伸阅读|上一篇|下一篇|特别声明|免责声明|附件下载|版权所有)"
)
HEADER_LINES = 20  # a line repeated within the first lines is the page repeating its title

# --- folding and script ----------------------------------------------------------------

_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}  # zero-width marks: no text


def fold_char(ch: str) -> str:
    """Full-width ASCII → ASCII, ideographic and no-break spaces → space, CR → LF."""
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E:
        return chr(o - 0xFEE0)
    if ch in "\u3000\xa0" or "\u2000" <= ch <= "\u200a":  # ideographic, no-break, em … spaces
        return " "
    if ch == "\r":
        return "\n"
    return ch


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


# Traditional text uses tw2s: it also turns 著 into 着 where mainland texts write 着
# (著力, 随著 → 着力, 随着) and keeps 显著/著名. On Simplified text tw2s would break
# 显著 → 显着, so Simplified documents go through t2s, which leaves them as they are
# and still fixes stray Traditional characters. Both keep the length in code points.
CONVERSION = {"zh-Hant": "tw2s", "zh-Hans": "t2s"}
HANT_SHARE = 0.08  # Traditional texts change ~35% of their Han chars under t2s; Simplified ~0%


def detect_script(text: str) -> str:
    han = HAN.findall(text)
    if not han:
        return "zh-Hans"
    sample = "".join(han[:50000])
    changed = sum(a != b for a, b in zip(sample, _converter("t2s").convert(sample)))
    return "zh-Hant" if changed >= HANT_SHARE * len(sample) else "zh-Hans"


def to_simplified(text: str, script: str) -> str:
    """Convert, keeping the length; per character where a conversion would change it."""
    convert = _converter(CONVERSION[script]).convert
    out = convert(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, convert(ch)) for ch in text))


def normalise(s: str, script: str = "zh-Hans") -> str:
    """What `Document.text` holds for kept characters `s` (fold, then convert)."""
    return to_simplified("".join(fold_char(c) for c in s), script)


# --- cleaning ---------------------------------------------------------------------------


def _lines(stream: str) -> list[tuple[int, int, int]]:
    """(start, end, break) per line of stream; break is the position of its '\n' (or -1)."""
    out, pos = [], 0
    for m in re.finditer(r"\r\n|\r|\n", stream):
        out.append((pos, m.start(), m.end() - 1))  # map a CRLF line break to the LF
        pos = m.end()
    out.append((pos, len(stream), -1))
    return out


def _clean(stream: str, index: list[int] | None, markdown: bool) -> tuple[str, list[int], dict[str, str]]:
    """Kept lines of the stream, folded and stripped, with offsets into the original."""
    at = (lambda p: p) if index is None else index.__getitem__
    t2s = _converter("t2s").convert  # clutter patterns are written in Simplified
    chars: list[str] = []
    offsets: list[int] = []
    seen: set[str] = set()
    pending_break = -1
    body, captured, title = _front_matter(stream) if markdown else (0, {}, None)
    for n, (start, end, brk) in enumerate(_lines(stream)):
        line = stream[start:end]
        if start < body:
            if not (title and start <= title[0] < end):
                continue
            keep = [(k - start, stream[k]) for k in range(*title)]  # the title line stays
        else:
            keep = _markdown_keep(line) if markdown else enumerate(line)
        if keep is None:
            continue
        kept = [(fold_char(ch), start + k) for k, ch in keep if ch not in _DROP]
        while kept and kept[0][0].isspace() and not _opens_empty_cell(kept):
            kept.pop(0)
        while kept and kept[-1][0].isspace():
            kept.pop()
        if not kept:
            continue
        kept = _without_digit_spaces(_unspaced(kept))
        key = t2s("".join(c for c, _ in kept))
        if FOOTER.match(key) and start > len(stream) // 2:
            _capture(key, captured)
            break
        if _capture(key, captured) or (n < HEADER_LINES and key in seen):
            continue
        seen.add(key)
        if chars:
            chars.append("\n")
            offsets.append(at(pending_break))
        chars.extend(c for c, _ in kept)
        offsets.extend(at(p) for _, p in kept)
        pending_break = brk if brk >= 0 else kept[-1][1]
    if offsets:
        offsets.append(offsets[-1] + 1)
    else:
        offsets.append(0)
    return "".join(chars), offsets, captured


def _opens_empty_cell(kept: list[tuple[str, int]]) -> bool:
    """Does a tab open a row of tab-parted cells (a DOCX table's row whose first cell is
    empty, as a header's corner often is)? It stays, or every column would shift left."""
    return kept[0][0] == "\t" and any(c == "\t" for c, _ in kept[1:]) and any(not c.isspace() for c, _ in kept)


_ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")


def _unspaced(kept: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A short line of Han characters set apart by spaces (科  技  部, 国 务 院 文 件: names
    spread to one width in a signature or letterhead) without the spaces."""
    chars = [c for c, _ in kept if not c.isspace()]
    if not 2 <= len(chars) <= SPACED_MAX or not all(HAN.match(c) for c in chars):
        return kept
    gaps = "".join("s" if c.isspace() else "c" for c, _ in kept)
    if "cc" in gaps:
        return kept  # two characters written together: the spaces are between words
    return [(c, o) for c, o in kept if not c.isspace()]


def _without_digit_spaces(kept: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Chinese sets no space between words; a single space between a Han character and an
    Arabic number is typesetting (3 日, 第 38 条, 国务院令第 412 号, 29.3 微克/立方米) and goes.
    Runs of spaces, which align the columns of a table in a PDF's text, stay, and so does the
    space after a number that opens the line: it numbers a heading (01 推动…, 4.2 技术要求)."""
    line = "".join(c for c, _ in kept)
    numbered = _LINE_NUMBER.match(line)
    gone = {m.start() for m in _DIGIT_SPACE.finditer(line)} - ({numbered.end()} if numbered else set())
    return [kept[k] for k in range(len(kept)) if k not in gone] if gone else kept


_LINE_NUMBER = re.compile(r"[0-9][0-9.]*(?= )")
_DIGIT_SPACE = re.compile(rf"(?<=[{HAN_CHARS}]) (?=[0-9])|(?<=[0-9]) (?=[{HAN_CHARS}])")


def _capture(key: str, captured: dict[str, str]) -> bool:
    """True when `key` is a clutter line; its value goes to `captured` (first one wins)."""
    for pattern, name in CLUTTER:
        m = pattern.search(key)
        if m:
            if name and m.groups() and m.group(1) and m.group(1) != "None":
                value = m.group(1).strip()
                if name == "publisher" and value.startswith(("http://", "https://")):
                    name = "source"  # "文章来源:https://…" names an address, not a publisher
                captured.setdefault(name, value)
            date = _ISO_DATE.search(key)  # "来源:生态环境部 2025-03-20 18:00" dates the page
            if date:
                captured.setdefault("published", date.group())
            return True
    return False


def clean(original: str, fmt: str = "text", script: str | None = None) -> tuple[str, list[int], str, dict[str, str]]:
    """(text, offsets, script, captured header values) of a decoded file."""
    if fmt == "html":
        stream, index = _html_stream(original)
    else:
        stream, index = original, None
    return clean_stream(stream, index, fmt, script)


def clean_stream(
    stream: str, index: list[int] | None, fmt: str = "text", script: str | None = None
) -> tuple[str, list[int], str, dict[str, str]]:
    """`clean` of a stream already read out of markup or a PDF, `index` its map to the original."""
    folded, offsets, captured = _clean(stream, index, markdown=fmt == "markdown")
    script = script or detect_script(folded)
    text = to_simplified(folded, script)
    if not len(text) == len(folded) == len(offsets) - 1:  # the offset map needs 1:1
        raise AssertionError(f"normalising changed the length ({len(folded)} → {len(text)})")
    return text, offsets, script, captured


# --- the entry point --------------------------------------------------------------------

_LOOKS_HTML = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


def _format(path: Path, original: str) -> str:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml") or _LOOKS_HTML.match(original[:2048]):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "text"


def _extracted(path: Path, data: bytes) -> tuple[str, str, list[int] | None, str, str]:
    """(original, stream, index, format, encoding): the text a file holds and the stream
    of it that cleaning reads. For a PDF or DOCX the original is the text extracted
    from it, so every span reads back from `Document.original`."""
    kind = formats.sniff(path, data)
    if kind == "pdf":
        original, stream, index = formats.read_pdf_paragraphs(data, path)
        return original, stream, index, "pdf", "pdf"
    if kind == "docx":
        original = formats.read_docx(data, path)
        if not original.strip():
            raise InputError(path, "empty DOCX (no text in its paragraphs or tables)")
        return original, original, None, "docx", "docx"
    original, encoding = decode(data, path)
    _check_text(original, path)
    fmt = _format(path, original)
    stream, index = _html_stream(original) if fmt == "html" else (original, None)
    return original, stream, index, fmt, encoding


def read_document(path: Path, catalog: Catalog | None = None) -> Document:
    """Read one file into a Document, or raise InputError saying why it cannot be used.

    Without a catalog, the catalog.toml next to the file (if any) gives the metadata.
    """
    path = Path(path)
    data = _read(path)
    if not data.strip():
        raise InputError(path, "empty file (nothing but whitespace)")
    if catalog is None:
        catalog = Catalog.find_for(path)
    original, stream, index, fmt, encoding = _extracted(path, data)
    text, offsets, script, captured = clean_stream(stream, index, fmt, catalog.script_for(path))
    if not HAN.search(text):
        raise InputError(path, "no Chinese text after removing markup and page clutter")
    sections = find_sections(text)
    return Document(
        id=path.stem,
        path=path,
        original=original,
        text=text,
        offsets=offsets,
        encoding=encoding,
        script=script,
        content_hash=hashlib.sha256(data).hexdigest(),
        metadata=catalog.metadata_for(path, text, captured),
        sections=sections,
        sentences=find_sentences(text, sections),
        format=fmt,
    )
