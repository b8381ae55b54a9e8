"""The benchmark corpus: real documents varied to size.

The sources are the seeds and the real documents of ../shared/corpus (laws, policy
documents, reports; read where they are, never copied into the repository; the seeds
alone when ../shared is absent). Each copy is varied the way a real corpus varies, so that
a big corpus has many distinct instruments, agencies, places and years rather than the
same few repeated:
- its years move together by a few years (a plan for 2021—2025 stays a five-year plan);
- each province it names becomes another province (so do the agencies and local
  instruments named after it); the provinces are read from the reference data;
- an instrument title in 《》 that names no place is, now and then, made a province's
  own (《大气污染防治条例》 → 《江苏省大气污染防治条例》), as provinces enact their own;
- every other number changes, keeping its digits' shape.
The generator is seeded: the same size gives the same corpus.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parents[1]) if (p / "shared" / "corpus").is_dir()), None)
TEXT_SUFFIXES = {".txt", ".md", ".html", ".htm"}
# Held-out documents (PREAMBLE: nobody runs the extractor on them but their annotator):
# these policy documents, and every document with gold in tests/data/heldout-gold.
HELD_OUT = ("p01_", "p02_", "p03_", "p04_", "p06_", "p12_")
HELDOUT_GOLD = ROOT / "tests" / "data" / "heldout-gold"

_YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-4]\d)(?!\d)")
_NUMBER = re.compile(r"(?<![\d.])(\d+)(\.\d+)?")
_TITLE = re.compile(r"《([^《》\n]{4,40})》")
_GOVERNMENT = re.compile(r"^(.{2,8}?(?:省|自治区))人民政府$")
_NATIONAL = ("中华人民共和国", "国务院", "全国", "国家", "中共中央", "中央")


def sources() -> list[Path]:
    """The real documents to vary, in a stable order."""
    found = sorted(SEEDS.glob("*.txt"))
    if SHARED is not None:
        found += sorted(p for p in (SHARED / "corpus").rglob("*")
                        if p.suffix.lower() in TEXT_SUFFIXES and p.is_file() and "gold" not in p.parent.name
                        and p.name != "README.md" and not held_out(p))
    return found


def held_out(path: Path) -> bool:
    """A held-out document: listed above, or named (by its stem) by a held-out gold file."""
    if path.parent.name == "policy" and path.name.startswith(HELD_OUT):
        return True
    gold = [g.name for g in HELDOUT_GOLD.iterdir()] if HELDOUT_GOLD.is_dir() else []
    return any(name.startswith(path.stem) for name in gold)


def provinces() -> list[str]:
    """Province names, from the provincial governments of the reference data."""
    from kg.reference import reference

    names = {m.group(1) for label in reference().agencies if (m := _GOVERNMENT.match(label))}
    return sorted(names)


def vary(text: str, rng: random.Random, places: list[str]) -> str:
    shift = rng.randint(-6, 3)
    named = sorted({p for p in places if p in text}, key=len, reverse=True)
    swap = dict(zip(named, rng.sample(places, len(named)), strict=True))
    own = rng.choice(places)

    def title(m: re.Match) -> str:
        name = m.group(1)
        if rng.random() < 0.3 and not any(p in name for p in places) and not name.startswith(_NATIONAL):
            return f"《{own}{name}》"
        return m.group(0)

    def number(m: re.Match) -> str:
        whole, fraction = m.group(1), m.group(2) or ""
        if _YEAR.fullmatch(whole) and not fraction:
            return str(int(whole) + shift)
        after, before = m.string[m.end() : m.end() + 1], m.string[m.start() - 1 : m.start()]
        if after in ("月", "日", "-", "号", "条", "款", "章", "/") or before in ("-", "第", "/") or len(whole) > 6:
            return m.group(0)  # dates, article numbers and identifiers stay valid
        digits = "".join(rng.choice("0123456789") for _ in whole)
        digits = (str(rng.randint(1, 9)) + digits[1:]) if len(whole) > 1 else digits
        return digits + "".join(rng.choice("0123456789") if c.isdigit() else c for c in fraction)

    if swap:
        text = re.sub("|".join(map(re.escape, named)), lambda m: swap[m.group(0)], text)
    return _NUMBER.sub(number, _TITLE.sub(title, text))


def make_corpus(folder: Path, megabytes: float, seed: int = 11) -> tuple[int, int]:
    """Varied copies of the real documents until ``megabytes`` of text; (files, bytes).
    Every document appears once as it is before its varied copies."""
    rng = random.Random(seed)
    originals = [(p, p.read_bytes()) for p in sources()]
    places = provinces()
    folder.mkdir(parents=True, exist_ok=True)
    total, n = 0, 0
    while total < megabytes * 1024 * 1024:
        path, data = originals[n % len(originals)]
        if n >= len(originals):
            try:
                data = vary(data.decode("utf-8"), rng, places).encode("utf-8")
            except UnicodeDecodeError:
                pass  # another encoding: copied as it is (ingest detects it)
        (folder / f"d{n:06d}_{path.stem[:40]}{path.suffix.lower()}").write_bytes(data)
        total += len(data)
        n += 1
    return n, total
