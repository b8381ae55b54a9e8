"""Links inside a legal text: an article or paragraph that refers to another part of the
same text (本法第七十八条, 依照本条例第十二条, 第三十条第二款, 前款, 前两款, 本条第一款).

The grammar is that of Chinese legislative drafting (立法技术规范): a reference names an
article 第N条 (第N条之一 for one an amendment inserted), optionally its paragraph 第N款 and
item 第N项; references are listed with 、/和/及/或者 and ranged with 至 (第十条至第十二条).
A chain of them points into the text itself when it opens with 本法/本条例/本办法… or with
no name at all; one that opens after another text's name (《…》第十条, 刑法第十条, 该法第十条)
points into that text and is left to the citations. 前款 is the paragraph before the one
the reference stands in, 前两款 the two before it, 前条 the article before; 本条 (not 本条例)
is the article it stands in. Items (一)(二) are no parts of their own: a reference to one
points at its paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.legal.history import TEXT_KINDS
from kg.legal.structure import Part
from kg.nlp.grammar import NUMBER, cn_int

_N = rf"(?:{NUMBER})"
_ITEM = rf"(?:第(?:{_N}|\({_N}\))项)"
# One reference; the groups say which kind.
_REFERENCE = re.compile(
    rf"第(?P<article>{_N})条(?:之(?P<sub>{_N}))?(?:第(?P<para>{_N})款)?{_ITEM}?"
    rf"|第(?P<bare>{_N})款{_ITEM}?"
    rf"|(?<![当目提之以此事生空])前(?P<previous>[两二三四五]?)(?P<unit>款(?!项)|条(?![件例]))"
    rf"|(?<![基根资成版样原日文脚标])本条(?![例件])(?:第(?P<own>{_N})款)?{_ITEM}?"
)
_JOINER = re.compile(r"、|,|和|及|以及|或者|或|与|至|到")
_RANGE = ("至", "到")
# What names the text a chain points into, just before it: 本法, 本条例, 本实施办法 (the
# text itself), another name ending in a kind of text (刑法, 该条例), or a 《title》.
_KINDS = TEXT_KINDS
_TEXT_NAME = re.compile(rf"[\u4e00-\u9fff]{{0,10}}?{_KINDS}(?:的)?$")
_OWN_NAME = re.compile(rf"本(?:实施|暂行|试行)?{_KINDS}(?:的)?$")
_MAX_PARAGRAPHS = 30  # more than any article has
_COUNTS = {"": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}


@dataclass(frozen=True)
class Link:
    source: int  # index in the parts of the article or paragraph the reference stands in
    target: int  # index of the part it refers to
    start: int  # span of the reference chain as written (本法第十条至第十二条)
    end: int


def find_links(text: str, parts: list[Part]) -> list[Link]:
    """Every reference inside an article to another part of the same text."""
    index = _Index(parts)
    links: list[Link] = []
    for start, end, refs in _chains(text):
        source = index.innermost(start)
        named = _named_inside(text, start)
        if source is None or named is None:
            continue
        for target in dict.fromkeys(t for ref in refs for t in index.resolve(ref, source)):
            if target != source:
                links.append(Link(source, target, named, end))
    return links


def _chains(text: str):
    """(start, end, references) of each run of references joined by list words and 至."""
    chain: list[tuple[re.Match, str]] = []  # each reference with the joiner before it
    for m in _REFERENCE.finditer(text):
        joiner = text[chain[-1][0].end() : m.start()] if chain else None
        if chain and _JOINER.fullmatch(joiner or ""):
            chain.append((m, joiner))
            continue
        if chain:
            yield chain[0][0].start(), chain[-1][0].end(), _expand(chain)
        chain = [(m, "")]
    if chain:
        yield chain[0][0].start(), chain[-1][0].end(), _expand(chain)


def _named_inside(text: str, start: int) -> int | None:
    """Where a chain that points inside the text starts, with the name it gives the text
    (本条例第十条 from 本); None for a chain that points into another text."""
    before = text[max(0, start - 14) : start]
    if before.endswith("》") or before.endswith("》的"):
        return None
    own = _OWN_NAME.search(before)
    if own:
        return start - len(before) + own.start()
    return None if _TEXT_NAME.search(before) else start


@dataclass(frozen=True)
class _Ref:
    article: tuple[int, int] | None  # (number, 之N) of the article named; None: the one it stands in
    paragraphs: tuple[int, ...]  # paragraph numbers in that article; () the whole article
    back: tuple[str, int] | None = None  # 前N款 / 前N条: ("款"|"条", N)


def _expand(chain: list[tuple[re.Match, str]]) -> list[_Ref]:
    """The references of a chain, with 至 ranges filled in and a bare 第N款 after 第M条
    taken as a paragraph of article M (第十条第一款、第二款)."""
    refs: list[_Ref] = []
    for m, joiner in chain:
        ref = _read(m)
        last = refs[-1] if refs else None
        if last is not None and ref.article is None and m.group("bare") and last.article is not None:
            ref = _Ref(last.article, ref.paragraphs)
        if last is not None and joiner in _RANGE:
            refs.extend(_between(last, ref))
        refs.append(ref)
    return refs


def _read(m: re.Match) -> _Ref:
    if m.group("article"):
        article = (cn_int(m.group("article")), cn_int(m.group("sub")) if m.group("sub") else 0)
        return _Ref(article, (cn_int(m.group("para")),) if m.group("para") else ())
    if m.group("bare"):
        return _Ref(None, (cn_int(m.group("bare")),))
    if m.group("unit"):
        return _Ref(None, (), (m.group("unit"), _COUNTS[m.group("previous")]))
    return _Ref(None, (cn_int(m.group("own")),) if m.group("own") else ())


def _between(first: _Ref, last: _Ref) -> list[_Ref]:
    """What 至 spans strictly between two references: paragraphs of one article
    (第一款至第三款), or articles, with the paragraphs left in the first one and those
    before the named paragraph of the last (第十条第二款至第十二条第一款)."""
    if first.back or last.back:
        return []
    if first.article == last.article:
        if first.paragraphs and last.paragraphs:
            return [_Ref(first.article, (n,)) for n in range(first.paragraphs[-1] + 1, last.paragraphs[0])]
        return []
    if first.article is None or last.article is None:
        return []
    refs = []
    if first.paragraphs:  # resolving skips the numbers the article does not have
        refs.append(_Ref(first.article, tuple(range(first.paragraphs[-1] + 1, _MAX_PARAGRAPHS))))
    refs += [_Ref((n, 0), ()) for n in range(first.article[0] + 1, last.article[0])]
    if last.paragraphs and last.paragraphs[0] > 1:
        refs.append(_Ref(last.article, tuple(range(1, last.paragraphs[0]))))
    return refs


class _Index:
    """Where each article and paragraph of a text is, to resolve references."""

    def __init__(self, parts: list[Part]):
        self.parts = parts
        self.articles = {_article_key(p): i for i, p in enumerate(parts) if p.kind == "条"}
        self.order = sorted(self.articles.values())
        self.paragraphs: dict[int, dict[int, int]] = {}
        for i, p in enumerate(parts):
            if p.kind == "款" and p.parent is not None:
                self.paragraphs.setdefault(p.parent, {})[p.number] = i

    def innermost(self, pos: int) -> int | None:
        """The paragraph, else the article, that holds `pos` (None outside articles)."""
        found = None
        for i, p in enumerate(self.parts):
            if p.kind in ("条", "款") and p.start <= pos < p.end:
                found = i
        return found

    def resolve(self, ref: _Ref, source: int) -> list[int]:
        own_article = source if self.parts[source].kind == "条" else self.parts[source].parent
        if ref.back is not None:
            return self._back(ref.back, source, own_article)
        article = own_article if ref.article is None else self.articles.get(ref.article)
        if article is None:
            return []  # an article the text does not have: a quotation, or another text's
        if not ref.paragraphs:
            return [article]
        paragraphs = self.paragraphs.get(article, {})
        if not paragraphs:
            return [article] if ref.article is not None else []
        return [paragraphs[n] for n in ref.paragraphs if n in paragraphs]

    def _back(self, back: tuple[str, int], source: int, own_article: int) -> list[int]:
        unit, count = back
        if unit == "条":
            k = self.order.index(own_article)
            return self.order[max(0, k - count) : k]
        if self.parts[source].kind != "款":
            return []  # 前款 in an article of one paragraph: nothing before it to point at
        number = self.parts[source].number
        paragraphs = self.paragraphs[own_article]
        return [paragraphs[n] for n in range(max(1, number - count), number) if n in paragraphs]


def _article_key(part: Part) -> tuple[int, int]:
    sub = re.search(rf"之({NUMBER})", part.label)
    return part.number, cn_int(sub.group(1)) if sub else 0
