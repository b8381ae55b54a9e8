"""Write PDF and DOCX files of texts written in the tests, laid out as official documents are.

PDF: reportlab with its built-in Adobe CID font STSong-Light, which a PDF names without
embedding it (readers map its codes through the standard UniGB CMap), so no font file
is needed. Paragraphs are set as a typesetter sets them: wrapped by width, the first line
indented two characters, no line starting with a closing punctuation mark, titles centred,
the signature and date set to the right, a page number at the bottom of every page and,
if asked, a running header at the top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

FONT = "STSong-Light"
PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
LEFT, RIGHT = 80.0, 515.0  # the text block
TOP, BOTTOM = 760.0, 90.0
NO_LINE_START = ",。、;:!?)》”’,。、;:!?)》」』"


@dataclass(frozen=True)
class Block:
    kind: str  # title | body | heading | right (a signature line or date) | plain (no indent)
    text: str


def title(text: str) -> Block:
    return Block("title", text)


def body(text: str) -> Block:
    return Block("body", text)


def heading(text: str) -> Block:
    return Block("heading", text)


def right(text: str) -> Block:
    return Block("right", text)


def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return pdfmetrics


def wrap(text: str, size: float, width: float, indent: float = 0.0) -> list[str]:
    """Lines of `text` no wider than `width` (the first `indent` narrower)."""
    metrics = _font()
    lines: list[str] = []
    line, avail = "", width - indent
    for piece in re.findall(r"[A-Za-z0-9.%]+|.", text):  # a Latin word or a number is not broken
        if line and metrics.stringWidth(line + piece, FONT, size) > avail and piece[0] not in NO_LINE_START:
            lines.append(line)
            line, avail = "", width
        line += piece
    if line:
        lines.append(line)
    return lines


def write_pdf(
    path: Path,
    blocks: list[Block],
    *,
    size: float = 14.0,
    header: str | None = None,
    page_number: str = "— {n} —",
    encrypt: str | None = None,
    images_only: bool = False,
) -> Path:
    """A PDF of `blocks`; `images_only` draws shapes and no text (a scan has no text layer)."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    metrics = _font()
    enc = pdfencrypt.StandardEncryption(encrypt, canPrint=1) if encrypt else None
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), encrypt=enc)
    page = [1]
    y = [TOP]

    def furniture() -> None:
        c.setFont(FONT, 9)
        if header:
            c.drawCentredString(PAGE_W / 2, PAGE_H - 50, header)
        c.drawCentredString(PAGE_W / 2, 50, page_number.format(n=page[0]))

    def new_page() -> None:
        furniture()
        c.showPage()
        page[0] += 1
        y[0] = TOP

    def put(line: str, x: float, font_size: float, how: str = "left") -> None:
        if y[0] < BOTTOM:
            new_page()
        c.setFont(FONT, font_size)
        if images_only:
            c.rect(x, y[0], metrics.stringWidth(line, FONT, font_size), font_size * 0.8, fill=1)
        elif how == "centre":
            c.drawCentredString(PAGE_W / 2, y[0], line)
        elif how == "right":
            c.drawRightString(RIGHT - 4 * font_size, y[0], line)
        else:
            c.drawString(x, y[0], line)
        y[0] -= font_size * 1.6

    width = RIGHT - LEFT
    for block in blocks:
        if block.kind == "title":
            big = size * 1.5
            for line in wrap(block.text, big, width * 0.8):
                put(line, LEFT, big, "centre")
            y[0] -= size
        elif block.kind == "right":
            put(block.text, LEFT, size, "right")
        elif block.kind == "plain":
            for line in wrap(block.text, size, width):
                put(line, LEFT, size)
        else:  # body and headings: the first line indented two characters
            lines = wrap(block.text, size, width, indent=2 * size)
            for k, line in enumerate(lines):
                put(line, LEFT + (2 * size if k == 0 else 0), size)
    furniture()
    c.showPage()
    c.save()
    return path


def write_docx(path: Path, items: list[str | list[list[str]]], header: str | None = None) -> Path:
    """A DOCX of paragraphs (str) and tables (rows of cells), in order."""
    import docx

    d = docx.Document()
    if header:
        d.sections[0].header.paragraphs[0].text = header
    for item in items:
        if isinstance(item, str):
            d.add_paragraph(item)
        else:
            table = d.add_table(rows=len(item), cols=len(item[0]))
            for r, row in enumerate(item):
                for k, cell in enumerate(row):
                    table.cell(r, k).text = cell
    d.save(str(path))
    return path
