"""The Doc's tokens, and cheap views of a Doc that several components need.

spaCy rebuilds ``doc.text`` from the tokens at every access and makes a Python Token
object per token on every iteration; on a long document those two costs dominated the
whole extraction. These helpers compute each view once per Doc (kept in doc.user_data).

The tokenizer is spaCy's jieba tokenizer (spacy.lang.zh.ChineseTokenizer) with its
alignment of words to the text done in one pass: spaCy's get_words_and_spaces looks for
each word in a copy of the rest of the text (``text[pos:].index(word)``), which grows
with the square of a long document. The tokens are the same; their offsets, found on
the way, are kept as token_words.
"""

from __future__ import annotations

import jieba
from spacy.attrs import IDX, LENGTH
from spacy.errors import Errors
from spacy.tokens import Doc
from spacy.vocab import Vocab


class JiebaTokenizer:
    """text → Doc: jieba's words (HMM on, as spaCy cuts them), whitespace as spaCy keeps it."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = [w for w in jieba.cut(text, cut_all=False) if w]
        tokens, spaces, starts = align(words, text)
        doc = Doc(self.vocab, words=tokens, spaces=spaces)
        keep_text(doc, text)
        doc.user_data["ep_words"] = list(zip(starts, tokens))
        return doc


def align(words: list[str], text: str) -> tuple[list[str], list[bool], list[int]]:
    """spacy.util.get_words_and_spaces(words, text), and the start of each token: the text
    between two words is a token of its own, one space after a word is its trailing space."""
    if "".join("".join(words).split()) != "".join(text.split()):
        raise ValueError(Errors.E194.format(text=text, words=words))
    tokens: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []
    pos = 0
    for word in words:
        if word.isspace():
            continue
        start = text.find(word, pos)
        if start < 0:
            raise ValueError(Errors.E194.format(text=text, words=words))
        if start > pos:
            tokens.append(text[pos:start])
            spaces.append(False)
            starts.append(pos)
        tokens.append(word)
        spaces.append(False)
        starts.append(start)
        pos = start + len(word)
        if pos < len(text) and text[pos] == " ":
            spaces[-1] = True
            pos += 1
    if pos < len(text):
        tokens.append(text[pos:])
        spaces.append(False)
        starts.append(pos)
    return tokens, spaces, starts


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
    """(start offset, text) of every token, in order (kept by JiebaTokenizer; read from
    the Doc for one made otherwise)."""
    if "ep_words" not in doc.user_data:
        text = doc_text(doc)
        doc.user_data["ep_words"] = [
            (start, text[start : start + length]) for start, length in doc.to_array([IDX, LENGTH]).tolist()
        ]
    return doc.user_data["ep_words"]
