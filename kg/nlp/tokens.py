"""Cheap views of a Doc that several components need.

spaCy rebuilds ``doc.text`` from the tokens at every access and makes a Python Token
object per token on every iteration; on a long document those two costs dominated the
whole extraction. These helpers compute each view once per Doc (kept in doc.user_data).
"""

from __future__ import annotations

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc


def keep_text(doc: Doc, text: str) -> None:
    """The text the Doc was made of: spaCy's tokenizer keeps every character (its tokens
    and their trailing spaces rebuild it exactly), so it is ``doc.text`` without the
    rebuilding."""
    doc.user_data["ep_text"] = text


def doc_text(doc: Doc) -> str:
    if "ep_text" not in doc.user_data:
        doc.user_data["ep_text"] = doc.text
    return doc.user_data["ep_text"]


def token_words(doc: Doc) -> list[tuple[int, str]]:
    """(start offset, text) of every token, in order."""
    if "ep_words" not in doc.user_data:
        text = doc_text(doc)
        doc.user_data["ep_words"] = [
            (start, text[start : start + length]) for start, length in doc.to_array([IDX, LENGTH]).tolist()
        ]
    return doc.user_data["ep_words"]
