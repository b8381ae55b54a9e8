"""Extraction records to JSON and back, and the per-document cache of `kg build`.

The cache (OUT/records/) keeps, for each document of the last build, its run (its
records, the sorted N-Quads of its named graph, kg/docrun.py), under a key made of everything the
result depends on: the file's bytes and name, the catalog.toml next to it, and the
extractor itself (the code of the kg package and the shipped ontology and reference
data). An unchanged document is then neither extracted nor turned into RDF again; a
change to any of those parts misses the cache and re-extracts.

Serialisation is generic over the record dataclasses (driven by their type hints), so
kg/records.py can grow fields without touching this module. Decimals travel as strings:
a float would lose digits (29.30 must stay 29.30).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import types
import typing
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import kg
from kg import resources
from kg.catalog import CATALOG_NAME
from kg.docrun import DocumentRun
from kg.records import Extraction

CACHE_DIR = "records"
FORMAT = 3  # bump when the layout of a cache entry changes


# --- records ⇄ JSON ------------------------------------------------------------------------


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_jsonable(kind: Any, value: Any) -> Any:
    """The value of type `kind` (a record class or a type hint) that to_jsonable gave."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [a for a in typing.get_args(kind) if a is not type(None)]
        return from_jsonable(inner, value)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_jsonable(args[0], v) for v in value)
        return tuple(from_jsonable(a, v) for a, v in zip(args, value, strict=True))
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{f.name: from_jsonable(hints[f.name], value[f.name]) for f in dataclasses.fields(kind) if f.init})
    if kind is Decimal:
        return Decimal(value)
    if kind in (int, str, bool) and not isinstance(value, kind):
        raise TypeError(f"expected {kind.__name__}, got {value!r}")
    return value


def extraction_to_json(extraction: Extraction) -> dict:
    return to_jsonable(extraction)


def extraction_from_json(data: dict) -> Extraction:
    return from_jsonable(Extraction, data)


# --- cache keys ------------------------------------------------------------------------------


@cache
def extractor_fingerprint() -> str:
    """A digest of everything extraction depends on besides the input: our code and data."""
    h = hashlib.sha256(f"cache format {FORMAT}".encode())
    package = Path(kg.__file__).parent
    for source in sorted(package.rglob("*.py")):
        h.update(str(source.relative_to(package)).encode() + b"\0" + source.read_bytes())
    for data in [resources.ontology_file("ecopolicy.ttl"), *resources.reference_files()]:
        h.update(data.name.encode() + b"\0" + data.read_bytes())
    return h.hexdigest()


def document_key(path: Path, data: bytes) -> str:
    """The cache key of one source file: its bytes, its name, its folder's catalog."""
    h = hashlib.sha256(extractor_fingerprint().encode())
    h.update(b"\0name\0" + path.name.encode("utf-8", "surrogateescape"))
    h.update(b"\0data\0" + hashlib.sha256(data).digest())
    catalog = path.resolve().parent / CATALOG_NAME
    if catalog.is_file():
        h.update(b"\0catalog\0" + catalog.read_bytes())
    return h.hexdigest()


# --- entries -----------------------------------------------------------------------------
#
# Two files per document: <doc-id>.nq, the sorted N-Quads of its graph (a run that the
# build merges as it is, never parsed), and <doc-id>.json, the key on its first line and
# then the rest of the run. The .json is written last: it is the entry's commit mark.


def entry_path(folder: Path, doc_id: str) -> Path:
    return folder / f"{doc_id}.json"


def quads_path(folder: Path, doc_id: str) -> Path:
    return folder / f"{doc_id}.nq"


def has(folder: Path, doc_id: str, key: str) -> bool:
    """Is there an entry of `doc_id` made from `key`? (Reads only the key line.)"""
    try:
        with open(entry_path(folder, doc_id), encoding="utf-8") as f:
            return f.readline().rstrip("\n") == key and quads_path(folder, doc_id).is_file()
    except (OSError, ValueError):
        return False


def load(folder: Path, doc_id: str, key: str) -> DocumentRun | None:
    """The cached run of `doc_id` if it was made from the same key, else None; its
    quads stay in their file (quads_path)."""
    try:
        with open(entry_path(folder, doc_id), encoding="utf-8") as f:
            if f.readline().rstrip("\n") != key:
                return None
            data = json.load(f)
        if not quads_path(folder, doc_id).is_file():
            return None
        return from_jsonable(DocumentRun, {**data, "key": key, "quads": None})
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, unreadable or from an older layout: extract again


def save(folder: Path, run: DocumentRun) -> None:
    """Write one entry atomically (a killed build leaves the old entry or the new one)."""
    folder.mkdir(parents=True, exist_ok=True)
    quads = quads_path(folder, run.doc_id)
    _write_atomically(quads, run.quads or "")
    header = {k: v for k, v in to_jsonable(run).items() if k not in ("key", "quads")}
    _write_atomically(entry_path(folder, run.doc_id), run.key + "\n" + json.dumps(header, ensure_ascii=False))


def _write_atomically(target: Path, text: str) -> None:
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)


def prune(folder: Path, keep: set[str]) -> None:
    """Drop the entries of documents that are no longer built (and leftover partials)."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.name.startswith(".") or path.suffix not in (".json", ".nq") or path.stem not in keep:
            path.unlink(missing_ok=True)
