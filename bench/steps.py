"""Where extraction time goes (a tool for whoever makes it faster; not a test, not timed).

    .venv/bin/python bench/steps.py [--chars 500000] [--cprofile out.prof]

On the normalised text of the first plain-text documents of the benchmark corpus
(bench/corpus.py at its default size, held-out documents left out; the texts of
`make bench`'s extraction rate), one process: the CPU seconds of raw jieba, of each step of
kg.extract (the tokenizer, each pipeline component, the readers of kg.extract) and of
making each document's run (its graph and N-Quads, kg/docrun.py). CPU time, not wall
time: on a machine shared with other work it varies far less. With --cprofile, the whole
extraction and run making is also written as a cProfile file (read it with pstats).
"""

from __future__ import annotations

import argparse
import cProfile
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from corpus import make_corpus  # bench/corpus.py (this folder is on the path of a script)

CLOCK = time.process_time
# kg.extract's own steps besides the pipeline components (module functions and reader methods)
EXTRACT_STEPS = ("read_legal", "read_policy", "jurisdiction", "DocumentContext")
READER_STEPS = ("sentence_record", "quantities", "events", "instruments", "policy_instruments", "self_events", "legal")


def timed(name: str, fn, totals: dict[str, float]):
    def wrapper(*args, **kwargs):
        started = CLOCK()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[name] += CLOCK() - started
    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=500_000, help="characters of text to extract")
    parser.add_argument("--cprofile", type=Path, default=None, help="also write a cProfile file here")
    args = parser.parse_args()

    import jieba

    import kg.extract as extract_module
    from kg.catalog import Catalog
    from kg.docrun import make_run
    from kg.ingest import read_document
    from kg.nlp.pipeline import make_nlp

    nlp = make_nlp()
    with tempfile.TemporaryDirectory(prefix="kg-profile-") as tmp:
        make_corpus(Path(tmp), 7.5)
        documents, chars = [], 0
        for path in sorted(Path(tmp).glob("*.txt")):
            documents.append(read_document(path, Catalog()))
            chars += len(documents[-1].text)
            if chars >= args.chars:
                break
    make_run(extract_module.extract(documents[0]), "warm-up")  # lazy loads

    totals: dict[str, float] = defaultdict(float)
    started = CLOCK()
    for document in documents:
        jieba.lcut(document.text)
    totals["raw jieba.lcut (the ceiling)"] = CLOCK() - started

    nlp.tokenizer = timed("tokenizer (jieba, spaCy Doc)", nlp.tokenizer, totals)
    nlp._components = [(name, timed(name, component, totals)) for name, component in nlp._components]
    for name in EXTRACT_STEPS:
        setattr(extract_module, name, timed(name, getattr(extract_module, name), totals))
    for name in READER_STEPS:
        setattr(extract_module._Reader, name, timed(f"_Reader.{name}", getattr(extract_module._Reader, name), totals))
    profile = cProfile.Profile() if args.cprofile else None
    if profile:
        profile.enable()
    started = CLOCK()
    extractions = [extract_module.extract(d) for d in documents]
    totals["extraction, all of it"] = CLOCK() - started
    started = CLOCK()
    for extraction in extractions:
        make_run(extraction, "profile")
    totals["run making (graph, N-Quads)"] = CLOCK() - started
    if profile:
        profile.disable()
        profile.dump_stats(args.cprofile)

    print(f"{len(documents)} documents, {chars:,} characters; CPU seconds")
    jieba_seconds = totals["raw jieba.lcut (the ceiling)"]
    for name, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {name:32s} {seconds:7.3f}  {seconds / jieba_seconds:5.2f}× jieba")


if __name__ == "__main__":
    main()
