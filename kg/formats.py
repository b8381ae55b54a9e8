"""PDF and DOCX files → their text, and for a PDF the paragraphs its lines belong to.

The text a binary file yields is the document's `original`: every span the extractor
finds is cited as a span of this extracted text (the file itself has no character
positions to point at). For a PDF it is the text layer page by page, pages separated by
a form feed as `pdftotext` writes them; for a DOCX, its paragraphs and table rows in order.

Library choice. PDF: pypdfium2 (Python bindings to PDFium, the PDF engine of Chromium;
binary wheels, no system library, releases every few weeks). pdfplumber (on pdfminer.six,
pure Python) reads the same text layer and the same CJK fonts, but measured here on a
30-page Chinese PDF it took 0.84 s against pypdfium2's 0.04 s (0.010 s against 0.0014 s on
a 3-page one), and PDFium also gives each character's box and font size, which is all the
paragraph re-joining needs. DOCX: python-docx, the standard reader (no other maintained
pure-Python reader of WordprocessingML exists).
"""

from __future__ import annotations

import io
import re
import statistics
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.document import starts_numbered
from kg.errors import InputError

PAGE_BREAK = "\f"  # between the pages of a PDF's text, as pdftotext writes it

# What a folder is searched for. A file of any other type in it is named as not read (a
# build never passes over a file in silence); catalog.toml is the folder's catalog.
READ_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".docx")
NOT_SOURCES = {"catalog.toml"}


def is_source(path: Path) -> bool:
    return path.suffix.lower() in READ_SUFFIXES


def unread_problem(path: Path) -> str | None:
    """Why a file found in a folder is not read, or None for a source file or the catalog."""
    if is_source(path) or path.name in NOT_SOURCES:
        return None
    kind = f"a {path.suffix.lower()} file" if path.suffix else "a file without a suffix"
    hint = "; save it as .docx" if path.suffix.lower() in (".doc", ".wps", ".rtf", ".odt") else ""
    return f"not read: {kind} is not a type kg reads ({', '.join(READ_SUFFIXES)}){hint}"


# A page that shows a PDF in a viewer (<PDF url=…>, <iframe src=….pdf>, <embed>, <object>):
# the text of the document is in the PDF, which the page does not hold.
_VIEWER = re.compile(
    r"<(?:pdf\b[^>]*?\burl|iframe\b[^>]*?\bsrc|embed\b[^>]*?\bsrc|object\b[^>]*?\bdata)"
    r"\s*=\s*[\"']?([^\"'\s>]+\.pdf)",
    re.I,
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
VIEWER_PAGE_TEXT = 1000  # Chinese characters: fewer beside a viewer, and the page is no text of its own
PAGE_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".xhtml")


def viewer_page(path: Path) -> str | None:
    """What to say of a page that only shows a PDF in a viewer (a standard printed as a PDF
    on a compilation site): it builds from its title and the little text beside the viewer,
    and the build names it as such rather than pass it off as the document read."""
    if path.suffix.lower() not in PAGE_SUFFIXES:
        return None
    try:
        page = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None  # the build names the file it cannot read
    shown = _VIEWER.search(page)
    if shown is None:
        return None
    own = len(_HAN.findall(_VIEWER.sub("", page)))
    if own >= VIEWER_PAGE_TEXT:
        return None
    return (f"a viewer page: it shows {shown.group(1).rsplit('/', 1)[-1]} in a PDF viewer and holds "
            f"{own} Chinese characters of its own; the text of that PDF is not read (give kg the PDF)")


def sniff(path: Path, data: bytes) -> str | None:
    """"pdf" or "docx" when the bytes are one (whatever the file is called), else None."""
    if b"%PDF-" in data[:1024]:  # the header may follow a little junk
        return "pdf"
    if data.startswith(b"PK\x03\x04") and _is_docx(data):
        return "docx"
    return None


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


# --- PDF: the text layer with each line's place on the page ------------------------------


@dataclass(frozen=True)
class Line:
    """One line of a PDF page: its span in the extracted text and where it sits."""

    start: int  # span in the extracted text, end exclusive (the line break is not in it)
    end: int
    page: int
    left: float  # points from the page's left edge
    right: float
    size: float  # font size of most of its characters


def read_pdf(data: bytes, path: Path) -> tuple[str, list[Line]]:
    """(text layer, lines) of a PDF, or InputError when it has no text layer to read."""
    import pypdfium2 as pdfium  # imported here: reading text files does not need PDFium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise InputError(path, "encrypted PDF: no text layer can be read without its password") from None
        raise InputError(path, f"not a readable PDF: {e}") from None
    chars: list[str] = []
    lines: list[Line] = []
    try:
        for n in range(len(pdf)):
            if n:
                chars.append(PAGE_BREAK)
            _read_page(pdf[n], n, chars, lines)
    finally:
        pdf.close()
    return "".join(chars), lines


def read_pdf_paragraphs(data: bytes, path: Path) -> tuple[str, str, list[int]]:
    """(text layer, its paragraphs, their index into the text layer); InputError when the
    PDF has no text beyond page numbers and headers (a scan: images only)."""
    text, lines = read_pdf(data, path)
    stream, index = pdf_stream(text, lines)
    if not _WORD.search(stream):
        raise InputError(path, "no text layer: the PDF holds only images (a scan?); it needs OCR first")
    return text, stream, index


_WORD = re.compile(r"[\w\u3400-\u9fff]")


def _read_page(page, n: int, chars: list[str], lines: list[Line]) -> None:
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    page_text = textpage.get_text_range()  # one char per PDFium char index, "\r\n" at line ends
    line: list[int] = []  # char indexes of the current line

    def close() -> None:
        start = len(chars) - len(line)
        boxes = [textpage.get_charbox(i) for i in line if not page_text[i].isspace()]
        if boxes:
            sizes = Counter(round(raw.FPDFText_GetFontSize(textpage.raw, i), 1) for i in line if not page_text[i].isspace())
            size = sizes.most_common(1)[0][0] or (boxes[0][3] - boxes[0][1])
            lines.append(Line(start, len(chars), n, min(b[0] for b in boxes), max(b[2] for b in boxes), size))
        line.clear()

    for i, ch in enumerate(page_text):
        if ch == "\r" and page_text[i + 1 : i + 2] == "\n":
            continue  # CRLF: the LF stands for both
        if ch in "\r\n":
            close()
            chars.append("\n")
            continue
        line.append(i)
        chars.append(ch)
    close()


# --- PDF: page furniture out, paragraphs joined ------------------------------------------

# A page number alone on its line: "3", "- 3 -", "— 3 —", "第3页", "第 3 页 共 12 页", "3/12".
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–−~·\s]*\d{1,4}[-—–−~·\s]*|第\s*\d{1,4}\s*页(?:\s*[,,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page\s*)?\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.I,
)
EDGE_LINES = 2  # running headers and footers sit in the first or last two lines of a page
# A line ends a paragraph when it stops short of the text's right edge by more than this
# many characters (a full line may stop one short: 。, ,  and closing quotes never start a line).
SHORT_BY = 1.5
# A sentence end, with any closing quotes or brackets after it; ":" and ";" end a lead-in
# or a list item in official texts, which then go on on a new line.
_ENDS_SENTENCE = re.compile(r"[。!?;:!?;:][”’」』)》】\"')]*\s*$")
# 成文日期 alone on its line (a signature's date): 2023年11月30日, 二〇二一年十月二十四日.
_DATE_LINE = re.compile(r"^\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日\s*$")
_LATIN = re.compile(r"[A-Za-z]")


def pdf_stream(text: str, lines: list[Line]) -> tuple[str, list[int]]:
    """The text of the PDF's paragraphs, one to a line, and the index of each char in `text`.

    Page numbers and running headers and footers are dropped; a line break inside a
    paragraph is dropped (Chinese has no spaces between words), or becomes a space
    between two Latin letters (typesetters break lines between Latin words, not in them).
    """
    body = _drop_furniture(text, lines)
    if not body:
        return "", []
    edges = _text_edges(body)
    chars: list[str] = []
    index: list[int] = []
    for k, ln in enumerate(body):
        chars.extend(text[ln.start : ln.end])
        index.extend(range(ln.start, ln.end))
        if k + 1 == len(body):
            break
        nxt = body[k + 1]
        if not _continues(text, ln, nxt, edges):
            chars.append("\n")
            index.append(ln.end)  # the break (a line end or a page break) after the line
        elif _LATIN.match(text[ln.end - 1]) and _LATIN.match(text[nxt.start]):
            chars.append(" ")  # "clean\nenergy": words of a Latin phrase keep their space
            index.append(ln.end)
    return "".join(chars), index


def _line_text(text: str, ln: Line) -> str:
    return text[ln.start : ln.end].strip()


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))  # the page number in it changes


def _drop_furniture(text: str, lines: list[Line]) -> list[Line]:
    """Lines without page numbers and running headers and footers (lines repeated at the
    top or bottom of at least two pages and a third of them)."""
    pages: dict[int, list[Line]] = {}
    for ln in lines:
        pages.setdefault(ln.page, []).append(ln)
    edge = {id(ln) for page in pages.values() for ln in page[:EDGE_LINES] + page[-EDGE_LINES:]}
    seen: Counter[str] = Counter()
    for page in pages.values():
        seen.update({_furniture_key(_line_text(text, ln)) for ln in page if id(ln) in edge})
    running = {k for k, c in seen.items() if c >= 2 and 3 * c >= len(pages)}
    return [
        ln
        for ln in lines
        if id(ln) not in edge
        or not (_PAGE_NUMBER.match(_line_text(text, ln)) or _furniture_key(_line_text(text, ln)) in running)
    ]


@dataclass(frozen=True)
class _Edges:
    left: float  # where the text's lines start and end on most pages
    right: float


def _text_edges(lines: list[Line]) -> _Edges:
    """The text block's left and right edges: per page the outermost line ends, then the
    median over pages (a wide table or a stray line on one page does not move them)."""
    pages: dict[int, list[Line]] = {}
    for ln in lines:
        pages.setdefault(ln.page, []).append(ln)
    return _Edges(
        statistics.median(min(ln.left for ln in p) for p in pages.values()),
        statistics.median(max(ln.right for ln in p) for p in pages.values()),
    )


def _continues(text: str, a: Line, b: Line, edges: _Edges) -> bool:
    """Does line `b` go on with the paragraph of line `a`?"""
    first = unicodedata.normalize("NFKC", _line_text(text, b))  # full-width (一) → (一)
    if starts_numbered(first) or _DATE_LINE.match(first):
        return False  # a heading, a list item, an attachment, a signature date
    if _ENDS_SENTENCE.search(text[a.start : a.end]):
        return False
    if abs(a.size - b.size) > 0.15 * max(a.size, b.size):
        return False  # a title above the body, a note in small print
    if _centred(a, edges) and _centred(b, edges):
        return True  # a title or heading set in the middle, wrapped over lines
    if b.left > edges.left + SHORT_BY * b.size:
        return False  # an indented first line starts a paragraph
    return a.right >= edges.right - SHORT_BY * a.size  # a full line runs on


def _centred(ln: Line, edges: _Edges) -> bool:
    indent, gap = ln.left - edges.left, edges.right - ln.right
    return indent > ln.size / 2 and abs(indent - gap) < 2 * ln.size


# --- DOCX: paragraphs and tables in the order of the body --------------------------------

CELL_SEPARATOR = "\t"  # the cells of a table row stay on one line, as one sentence


def read_docx(data: bytes, path: Path) -> str:
    """The body's paragraphs and table rows, one to a line (headers and footers left out:
    they repeat on every page and are no part of the text)."""
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as e:
        raise InputError(path, f"not a readable DOCX: {e}") from None
    return "\n".join(_block_lines(body))


def _block_lines(parent) -> list[str]:
    """Lines of the paragraphs (w:p) and tables (w:tbl) under `parent`, in order."""
    out: list[str] = []
    for child in parent.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(_paragraph_text(child))
        elif tag == "tbl":
            out.extend(_table_lines(child))
        elif tag == "sdt":  # a content control wraps paragraphs and tables of its own
            content = child.find(_w("sdtContent"))
            if content is not None:
                out.extend(_block_lines(content))
    return out


def _table_lines(tbl) -> list[str]:
    lines: list[str] = []
    for row in tbl.iterchildren(_w("tr")):
        cells: list[str] = []
        for cell in row.iterchildren(_w("tc")):
            inner = _block_lines(cell)  # a cell holds paragraphs and maybe a table
            cells.append(" ".join(s for s in inner if s.strip()))
        if any(c.strip() for c in cells):
            lines.append(CELL_SEPARATOR.join(cells))
    return lines


def _paragraph_text(p) -> str:
    """Text of a paragraph's runs, hyperlinks and inserted (tracked) text; tabs and breaks as
    in Word; deleted (tracked) text is not part of it."""
    out: list[str] = []
    for run in p.iter(_w("r")):  # runs, also inside hyperlinks and insertions
        for el in run.iterchildren(_w("t"), _w("tab"), _w("br"), _w("cr")):  # w:delText is deleted text
            name = el.tag.rsplit("}", 1)[-1]
            out.append((el.text or "") if name == "t" else "\t" if name == "tab" else "\n")
    return "".join(out)


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag
