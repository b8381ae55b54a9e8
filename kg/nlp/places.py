"""Places named in a text, linked to the areas of the reference data (administrative
divisions with their GB/T 2260 codes, regions, basins and sea areas).

A name is matched whole, longest first (京津冀及周边地区 before 京津冀, 四川省 before 四川),
and only where jieba's segmentation of its clause makes it a word (沿海城市 holds no
海城市; a short form must be a word whole: 中山大学 is no place), and a name several divisions share (朝阳区) is kept only when the
document's own province tells which one it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.nlp.grammar import WordPattern, clause_end, clause_start
from kg.reference import Concept, reference

# The document's own area, named relatively: 全省, 本市, 我区 …
OWN_AREA = re.compile(r"(?:全|本|我)(?:省|市|区|县|州)")


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    area: Concept


@lru_cache(maxsize=1)
def _pattern() -> WordPattern:
    return WordPattern(reference().area_surfaces)


def _boundaries(text: str, start: int, end: int) -> set[int]:
    """Word boundaries jieba gives around text[start:end], read in its clause."""
    import jieba

    a = clause_start(text, start, reach=12)
    b = clause_end(text, end, reach=6)
    cuts, pos = {a}, a
    for word in jieba.lcut(text[a:b], HMM=False):
        pos += len(word)
        cuts.add(pos)
    return cuts


def _is_word(text: str, start: int, end: int, short: bool) -> bool:
    """Is the name a word of its clause? It must start a word (沿海|城市 is no 海城市); a
    short form must also end one (中山大学 is no 中山, 长治久安 no 长治)."""
    cuts = _boundaries(text, start, end)
    return start in cuts and (not short or end in cuts)


def find_places(text: str, within: Concept | None = None) -> list[Place]:
    """Every place named in ``text``, in order; ``within`` (the document's jurisdiction)
    decides between divisions of one name and gives 全省, 本市 … their area."""
    ref = reference()
    found = []
    for m in _pattern().finditer(text):
        candidates = ref.area_surfaces[m.group(0)]
        area = _choose(candidates, within)
        if area is None:
            continue
        if not _is_word(text, m.start(), m.end(), short=m.group(0) != area.label_zh):
            continue
        if len(m.group(0)) <= 2 and _is_county(area) and not _after_parent(found, m.start(), area):
            continue  # 和县, 城区, 南县 are words too (市和县级, 老城区): only after their parent
        found.append(Place(m.start(), m.end(), area))
    if within is not None:
        found += [Place(m.start(), m.end(), within) for m in OWN_AREA.finditer(text) if _own_level(m.group(0), within)]
        found.sort(key=lambda p: p.start)
    return _narrowest(found)


@lru_cache(maxsize=1)
def division_names() -> dict[str, str]:
    """Every administrative division as written (四川省, 四川, 梧州市, 梧州, 安新县) → its
    full name, from areas.ttl. A county's two-character name (和县, 城区, 矿区) is also a
    common word, so it is left to the text around it (find_places reads it after its parent)."""
    names: dict[str, str] = {}
    for surface, areas in reference().area_surfaces.items():
        divisions = [a for a in areas if (a.notation or "").isdigit()]
        if not divisions or (len(surface) < 3 and all(_is_county(a) for a in divisions)):
            continue
        names[surface] = divisions[0].label_zh
    return names


# Levels of autonomous areas, written whole when a text names its own (自治区人民政府).
AUTONOMOUS_LEVELS = ("自治区", "自治州", "自治县", "自治旗")


def level_word(place: str) -> str:
    """The word a text of ``place`` calls its level by: 省, 市, 县; 自治区 for an autonomous
    region (its texts never shorten it to 区, which names its districts)."""
    return next((w for w in AUTONOMOUS_LEVELS if place.endswith(w)), place[-1:])


@lru_cache(maxsize=64)
def enclosing_levels(name: str | None) -> dict[str, str]:
    """The divisions a place lies in, by the level word a relative name opens with: in a
    text of 成都市, 市 is 成都市 and 省 四川省 (市经信局, 省政府); 四川省 gives 省 only. An
    autonomous region's own texts call it 自治区 (自治区发展改革委), never 区, which names
    its districts; an autonomous prefecture's or county's say 州/自治州, 县/自治县."""
    ref = reference()
    name = name or ""
    # a chain as written (成都市武侯区) is read by its innermost place
    area = next((ref.areas[name[i:]] for i in range(max(len(name) - 1, 1)) if name[i:] in ref.areas), None)
    levels: dict[str, str] = {}
    while area is not None and (area.notation or "").isdigit():
        label = area.label_zh
        for word in {level_word(label), label[-1] if not label.endswith("自治区") else ""} - {""}:
            levels.setdefault(word, label)
        parent = ref.area_broader.get(area.iri)
        area = next((a for a in ref.areas.values() if a.iri == parent), None) if parent else None
    return levels


def _is_county(area: Concept) -> bool:
    code = area.notation or ""
    return code.isdigit() and not code.endswith("00")


def _after_parent(found: list[Place], start: int, area: Concept) -> bool:
    return bool(found) and found[-1].end == start and reference().area_within(area, found[-1].area)


def _choose(candidates: list[Concept], within: Concept | None) -> Concept | None:
    if len(candidates) == 1:
        return candidates[0]
    if within is None:
        return None
    inside = [c for c in candidates if reference().area_within(c, within)]
    return inside[0] if len(inside) == 1 else None


def _own_level(word: str, area: Concept) -> bool:
    """全省 names a province, 全市 a city (a municipality is both), 全县 a county."""
    code = area.notation or ""
    level = word[-1]
    if not code.isdigit():
        return False
    if code.endswith("0000"):
        return level in "省区市"
    if code.endswith("00"):
        return level in "市州区"
    return level in "县区市"


def _narrowest(places: list[Place]) -> list[Place]:
    """河北雄安新区, 四川省成都市: a place written right before a part of it names the part."""
    out: list[Place] = []
    for place in places:
        if out and out[-1].end == place.start and reference().area_within(place.area, out[-1].area):
            out[-1] = Place(out[-1].start, place.end, place.area)
        else:
            out.append(place)
    return out


def area_of_name(name: str, within: Concept | None = None) -> Concept | None:
    """The most specific area a name (a publisher, a title) states, if any."""
    places = find_places(name, within)
    if not places:
        return None
    return places[0].area


def leading_place(text: str) -> int:
    """Length of the place name ``text`` starts with (全国累计…, 北京市全年…, 全省…), else 0."""
    own = OWN_AREA.match(text)
    if own:
        return own.end()
    m = _pattern().match(text)
    return m.end() if m else 0
