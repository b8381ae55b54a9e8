"""Documents made in memory from text written in a test, with the metadata a catalog
would give, for the tests that read a figure's context."""

from __future__ import annotations

from pathlib import Path

from kg.document import Document, DocumentMetadata, find_sections, find_sentences


def make_document(text: str, **meta) -> Document:
    sections = find_sections(text)
    meta.setdefault("title", "测试文档")
    return Document(
        id="t", path=Path("t.txt"), original=text, text=text, offsets=list(range(len(text) + 1)),
        encoding="utf-8", script="zh-Hans", content_hash="0", metadata=DocumentMetadata(**meta),
        sections=sections, sentences=find_sentences(text, sections),
    )
