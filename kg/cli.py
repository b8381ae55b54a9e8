"""kg: the command line. Parsing, output formats and exit codes only; the work is done
by the library modules.

\b
Exit codes:
  0  success
  1  error
  2  usage error (bad option or argument)
  3  some input files were left out (bad input); the rest was built
  4  query error (unknown query or parameter, malformed SPARQL)
  5  build failed (nothing usable to build); the previous output is unchanged
  6  the graph does not conform to the SHACL shapes (kg validate)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.errors import KgError

DEFAULT_OUT = Path("out")
DEFAULT_SEEDS = Path("seeds")


def _fail(error: KgError) -> None:
    click.echo(f"kg: {error}", err=True)
    sys.exit(error.exit_code)


def graph_option(command):
    return click.option(
        "--graph",
        "graph_dir",
        type=click.Path(path_type=Path),
        default=DEFAULT_OUT,
        show_default=True,
        help="Output folder of `kg build` to read.",
    )(command)


def format_option(command):
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["table", "csv", "json"]),
        default="table",
        show_default=True,
        help="How to print the rows.",
    )(command)


@click.group(help=__doc__)
@click.version_option(package_name="ecopolicy-kg")
def main() -> None:
    pass


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Output folder (store/, graph.nq, records.jsonl, manifest.json).")
def build(paths: tuple[Path, ...], out: Path) -> None:
    """Build the graph of source files or folders (default: seeds/).

    \b
    Files: .txt, .md, .html; UTF-8, UTF-16 or GB18030; Simplified or Traditional.
    A catalog.toml in a file's folder gives its metadata.
    \b
    Example:
      kg build seeds --out out
    """
    from kg.build import build as run_build

    try:
        report = run_build(list(paths) or [DEFAULT_SEEDS], out)
    except KgError as error:
        _fail(error)
    for path, problem in report.skipped:
        click.echo(f"kg: left out {path}: {problem}", err=True)
    click.echo(
        f"Built {len(report.documents)} document(s), {report.quads} quads, in {report.seconds:.1f} s "
        f"→ {out}/store, {out}/graph.nq"
    )
    if report.skipped:
        sys.exit(3)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["gold", "summary"]), default="gold",
              show_default=True, help="gold: one JSON object per document (ANNOTATION.md).")
def extract(files: tuple[Path, ...], output_format: str) -> None:
    """Print what the extractor reads in FILES, one JSON object per document.

    \b
    Example:
      kg extract seeds/000_6f03f2aa24c77ee1.txt --format gold
    """
    from kg.build import extract_file
    from kg.errors import InputError

    catalogs: dict = {}
    left_out = False
    for path in files:
        try:
            extraction = extract_file(path, catalogs)
        except InputError as error:
            click.echo(f"kg: {error}", err=True)
            left_out = True
            continue
        record = extraction.to_gold()
        if output_format == "summary":
            record = {k: (len(v) if isinstance(v, list) else v) for k, v in record.items()}
        click.echo(json.dumps(record, ensure_ascii=False))
    if left_out:
        sys.exit(3)


@main.command(name="eval")
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of gold JSON files (ANNOTATION.md).")
@click.option("--sources", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Folder of the source documents (default: seeds/, then the gold folder's ../seeds).")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--errors", "show_errors", is_flag=True, help="Also list every false positive and false negative.")
def evaluate(gold_dir: Path, sources: Path | None, output_format: str, show_errors: bool) -> None:
    """Score the extractor against gold annotations: precision, recall, F1 per section.

    \b
    Example:
      kg eval --gold ../shared/gold
    """
    from kg.evaluate import evaluate_folder, format_errors, format_scores

    try:
        scores = evaluate_folder(gold_dir, sources)
    except KgError as error:
        _fail(error)
    if output_format == "json":
        click.echo(json.dumps(scores, ensure_ascii=False, indent=2))
    else:
        click.echo(format_scores(scores))
        if show_errors:
            click.echo()
            click.echo(format_errors(scores))


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{value!r} is not key=value", param_hint="--param")
        params[key.strip()] = text
    return params


@main.command()
@click.argument("name", required=False)
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@graph_option
@format_option
def query(name: str | None, params: tuple[str, ...], list_queries: bool, graph_dir: Path, output_format: str) -> None:
    """Run the named query NAME (queries/NAME.rq) on the built graph.

    \b
    Examples:
      kg query --list
      kg query documents
      kg query mentions --param label=蓝天保卫战 --format csv
    """
    from kg.querying import FORMATTERS, named_queries, run_named
    from kg.store import open_store

    try:
        if list_queries or not name:
            for query_name, q in sorted(named_queries().items()):
                click.echo(f"{query_name} {q.signature()}".rstrip())
                click.echo(f"    {q.title}. {q.description}")
                for p in q.parameters:
                    click.echo(f"    --param {p.name}=<{p.type}>  {p.doc}")
            return
        table = run_named(open_store(graph_dir), name, _parse_params(params))
    except KgError as error:
        _fail(error)
    click.echo(FORMATTERS[output_format](table))


@main.command()
@click.argument("query_text")
@graph_option
@format_option
def sparql(query_text: str, graph_dir: Path, output_format: str) -> None:
    """Run a raw SPARQL SELECT or ASK query (text, or a file path) on the built graph.

    The default graph is the union of all named graphs; the prefixes of `kg query --list`
    (ep:, nif:, prov:, skos:, dct: …) are predeclared.

    \b
    Example:
      kg sparql 'SELECT ?title WHERE { ?i a ep:PolicyInstrument ; dct:title ?title }'
    """
    from kg.querying import FORMATTERS, run_sparql
    from kg.store import open_store

    path = Path(query_text)
    if len(query_text) < 256 and path.is_file():
        query_text = path.read_text(encoding="utf-8")
    try:
        table = run_sparql(open_store(graph_dir), query_text)
    except KgError as error:
        _fail(error)
    click.echo(FORMATTERS[output_format](table))


@main.command()
@graph_option
def validate(graph_dir: Path) -> None:
    """Check the built graph against the SHACL shapes (ontology/shapes.ttl).

    \b
    Example:
      kg validate
    """
    from kg.validate import validate_dump

    try:
        conforms, text = validate_dump(graph_dir)
    except KgError as error:
        _fail(error)
    click.echo(text)
    if not conforms:
        sys.exit(6)


@main.command()
@click.option("--focus", default=None, help="Label of the node to centre on (an instrument, agency, campaign …).")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(0, 10), help="Hops around the focus.")
@click.option("--out", "out_file", type=click.Path(path_type=Path), default=DEFAULT_OUT / "explorer.html",
              show_default=True, help="HTML file to write.")
@graph_option
def viz(focus: str | None, depth: int, out_file: Path, graph_dir: Path) -> None:
    """Write a self-contained interactive HTML explorer of the graph (works offline).

    \b
    Examples:
      kg viz
      kg viz --focus 空气质量持续改善行动计划 --depth 2 --out lineage.html
    """
    from kg.store import open_store
    from kg.viz import write_explorer

    try:
        summary = write_explorer(open_store(graph_dir), out_file, focus=focus, depth=depth)
    except KgError as error:
        _fail(error)
    click.echo(f"Wrote {out_file} ({summary})")


if __name__ == "__main__":
    main()

