"""kg: the command line. Parsing, output formats and exit codes only; the work is done
by the library modules.

\b
Exit codes:
  0  success
  1  error
  2  usage error (bad option or argument)
  3  some input files were left out (bad input); the rest was built
  4  query error (unknown query or parameter, malformed SPARQL)
  5  build failed (nothing usable to build, or another build holds the output
     folder's lock); the previous output is unchanged
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


def _echo(data, output_format: str, as_text) -> None:
    """Print a result as JSON or as the text its formatter makes."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if output_format == "json" else as_text(data))


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
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes, forked from this one, that extract documents (the output is the same for any number).")
@click.option("--cluster", metavar="ADDRESS", default=None,
              help="Extract on a running Dask cluster (tcp://HOST:PORT of its scheduler) whose workers "
                   "see the source files at the same paths; the output is the same as a local build.")
def build(paths: tuple[Path, ...], out: Path, jobs: int, cluster: str | None) -> None:
    """Build the graph of source files or folders (default: seeds/).

    \b
    Files: .txt, .md, .html (UTF-8, UTF-16 or GB18030), .pdf (its text layer), .docx;
    Simplified or Traditional. Other files in a folder are named as not read.
    A catalog.toml in a file's folder gives its metadata. Unchanged files are taken
    from the previous build (OUT/records/); the new outputs replace the old ones in one
    atomic step, so an interrupted build leaves the previous graph as it was.
    \b
    Exit codes: 0 built; 3 built, but some files were left out (each is named);
    5 nothing built: no usable file, or another build holds OUT/.lock.
    \b
    Examples:
      kg build seeds --out out --jobs 2
      kg build /shared/corpus --out out --cluster tcp://10.0.0.5:8786
    """
    from kg.build import build as run_build

    try:
        report = run_build(list(paths) or [DEFAULT_SEEDS], out, jobs=jobs, cluster=cluster)
    except KgError as error:
        _fail(error)
    for path, problem in report.unread:
        click.echo(f"kg: {path}: {problem}", err=True)
    for path, note in report.viewer_pages:
        click.echo(f"kg: {path}: {note}", err=True)
    for path, problem in report.skipped:
        click.echo(f"kg: left out {path}: {problem}", err=True)
    reused = len(report.documents) - report.extracted
    click.echo(
        f"Built {len(report.documents)} document(s) ({report.extracted} extracted, {reused} unchanged), "
        f"{report.quads} quads, in {report.seconds:.1f} s → {out}/store, {out}/graph.nq"
    )
    if report.skipped:
        click.echo(f"kg: {len(report.skipped)} file(s) left out; see above and {out}/manifest.json", err=True)
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
@click.option("--gold", "gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Score this one folder of gold JSON files (ANNOTATION.md) instead of the standard sets.")
@click.option("--sources", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="With --gold: folder of the source documents (default: seeds/, then the gold folder's ../seeds).")
@click.option("--shared", "shared_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="The shared folder holding corpus/ (default: ../shared, or ../../shared from a worktree).")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--errors", "show_errors", is_flag=True,
              help="Also list every false positive and false negative, except those of the held-out table.")
@click.option("--heldout-errors", "show_heldout_errors", is_flag=True,
              help="Also list the misses of the held-out real documents (hidden otherwise, in the table and in "
                   "JSON, so that no one tunes rules on them by accident: look only to judge, never to tune).")
def evaluate(gold_dir: Path | None, sources: Path | None, shared_dir: Path | None, output_format: str,
             show_errors: bool, show_heldout_errors: bool) -> None:
    """Score the extractor against gold annotations: precision, recall, F1 per section.

    Without --gold it prints the real documents first: gold of ../shared/corpus/reports-gold
    and tests/data/real-gold, each source found by name in the folders of ../shared/corpus
    (rules were written while reading their misses, so these are partly training scores);
    then the held-out real documents of tests/data/heldout-gold, never tuned on (the honest
    measure of generality: --errors does not list their misses, only --heldout-errors does);
    then the statute book and the development documents (tests/data/gold on seeds/), which
    the extractor was tuned on, so their scores are training scores. Run it from the project
    folder; without ../shared the real tables are skipped with a message.

    \b
    Examples:
      kg eval
      kg eval --errors
      kg eval --gold tests/data/written/gold --sources tests/data/written
    """
    from kg.evaluate import HELDOUT_GOLD, eval_sets, evaluate_folder, find_shared, format_errors, format_scores
    from kg.evaluate import evaluate as score
    from kg.evaluate import format_tables, without_errors

    try:
        if gold_dir is not None:
            results = {str(gold_dir): evaluate_folder(gold_dir, sources)}
            held_out = gold_dir.resolve() == (Path.cwd() / HELDOUT_GOLD).resolve()
            hidden = set(results) if held_out else set()
        else:
            shared = shared_dir or find_shared(Path.cwd())
            if shared is None:
                click.echo("real documents: skipped, ../shared/corpus not found (give it with --shared)", err=True)
            sets = eval_sets(Path.cwd(), shared)
            results = {s.title: score(s.golds, s.sources) for s in sets}
            hidden = {s.title for s in sets if s.held_out}
    except KgError as error:
        _fail(error)
    if not show_heldout_errors:
        results = {title: without_errors(r) if title in hidden else r for title, r in results.items()}
    if gold_dir is not None:
        _echo(next(iter(results.values())), output_format, format_scores)
    else:
        _echo(results, output_format, format_tables)
    if output_format == "json":
        return
    for title, result in results.items():
        if show_heldout_errors if title in hidden else show_errors:
            click.echo(f"\n== errors: {title}")
            click.echo(format_errors(result))


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
@click.option("--endpoint", default=None, metavar="URL",
              help="Run the query on this SPARQL endpoint instead of the built graph (kg push puts the graph there).")
@graph_option
@format_option
def query(name: str | None, params: tuple[str, ...], list_queries: bool, endpoint: str | None, graph_dir: Path,
          output_format: str) -> None:
    """Run the named query NAME (queries/NAME.rq) on the built graph, or on a SPARQL
    endpoint with --endpoint (its default graph must be the union of its named graphs).

    \b
    Examples:
      kg query --list
      kg query documents
      kg query mentions --param label=蓝天保卫战 --format csv
      kg query documents --endpoint 'http://127.0.0.1:7878/query?union-default-graph'
    """
    from kg.querying import FORMATTERS, named_queries, run_named, run_named_remote
    from kg.store import open_store

    try:
        if list_queries or not name:
            for query_name, q in sorted(named_queries().items()):
                click.echo(f"{query_name} {q.signature()}".rstrip())
                click.echo(f"    {q.title}. {q.description}")
                for p in q.parameters:
                    click.echo(f"    --param {p.name}=<{p.type}>  {p.doc}")
            return
        if endpoint:
            table = run_named_remote(endpoint, name, _parse_params(params))
        else:
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
@click.option("--depth", default=2, show_default=True, type=click.IntRange(0, 10),
              help="Hops around the focus (for an instrument: links to its versions and implementations).")
@click.option("--timeline", default=None, metavar="LABEL",
              help="Open the page on the timeline of this node: an instrument's events by year, "
                   "a campaign's instruments and outcomes, an indicator's values.")
@click.option("--max-nodes", default=None, type=click.IntRange(1), show_default="5000",
              help="Keep at most this many nodes, the most central ones; the page says what was left out.")
@click.option("--out", "out_file", type=click.Path(path_type=Path), default=DEFAULT_OUT / "explorer.html",
              show_default=True, help="HTML file to write.")
@graph_option
def viz(focus: str | None, depth: int, timeline: str | None, max_nodes: int | None, out_file: Path,
        graph_dir: Path) -> None:
    """Write a self-contained interactive HTML explorer of the graph (works offline).

    The first view is an overview of documents, campaigns, instruments and agencies, laid
    out once (the same graph gives the same picture). Search by name, alias or Traditional
    spelling; filters by class, campaign, document and year; click a node for its
    attributes and source sentences, and its timeline (instruments as rows, years as
    columns). The URL keeps the view, so a link reopens it; export as PNG, CSV or GEXF.
    Focused on an instrument, it draws its lineage.

    \b
    Examples:
      kg viz
      kg viz --timeline 空气质量持续改善行动计划 --out timeline.html
      kg viz --focus 空气质量持续改善行动计划 --depth 2 --out lineage.html
    """
    from kg.store import STORE_DIR, open_store
    from kg.viz import MAX_NODES, table_beside, write_explorer

    try:
        store = open_store(graph_dir)  # the build it opened: its explorer table is beside its store
        summary = write_explorer(store, out_file, focus=focus, depth=depth, max_nodes=max_nodes or MAX_NODES,
                                 timeline=timeline, table=table_beside(graph_dir / STORE_DIR))
    except KgError as error:
        _fail(error)
    click.echo(f"Wrote {out_file} ({summary})")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback makes the graph readable from the network.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535))
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(1),
              help="Refuse results with more rows (or triples) than this; clients page with LIMIT/OFFSET.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds a query may run before it is stopped (HTTP 503).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 32),
              help="Queries answered at the same time (one process each).")
@click.option("--verbose", is_flag=True, help="Log every request to stderr.")
@click.option("--cors", is_flag=True, help="Let pages from any origin query the endpoint (CORS headers, OPTIONS preflight).")
@graph_option
def serve(host: str, port: int, max_rows: int, timeout: float, workers: int, verbose: bool, cors: bool,
          graph_dir: Path) -> None:
    """Serve the built graph as a read-only SPARQL 1.1 endpoint, a query editor and the explorer.

    Queries: GET or POST /sparql (also /query); results as SPARQL JSON, XML, CSV or TSV,
    CONSTRUCT/DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML, by the Accept header.
    The default graph is the union of the named graphs. SPARQL Update is refused.
    A browser at / gets a query editor with the named queries as examples; the explorer
    is at /explorer.html. A new `kg build` is served without a restart.

    \b
    Example:
      kg serve --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s a ep:Agency } LIMIT 5' \\
           http://127.0.0.1:7878/sparql
    """
    import signal

    from kg.serve import Settings, make_server

    try:
        server = make_server(graph_dir, host, port, Settings(max_rows=max_rows, timeout=timeout, workers=workers),
                             verbose=verbose, cors=cors)
    except KgError as error:
        _fail(error)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"kg: warning: listening on {host}: anyone who can reach it can query the graph", err=True)
    base = server.url.rsplit("/", 1)[0]
    click.echo(f"SPARQL endpoint {server.url} · query editor {base}/ · explorer {base}/explorer.html · "
               "Ctrl-C to stop", err=True)

    def stop(signum, frame):  # SIGTERM stops the server as Ctrl-C does, workers included
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command()
@click.option("--endpoint", metavar="URL",
              help="The Graph Store HTTP Protocol URL (Oxigraph: http://HOST:7878/store).")
@click.option("--timeout", default=120.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds to wait for each request.")
@click.option("--bulk", is_flag=True,
              help="Load graph.nq with Virtuoso's bulk loader (through isql) instead of HTTP.")
@click.option("--isql", default="127.0.0.1:1111", show_default=True, metavar="HOST:PORT",
              help="With --bulk: Virtuoso's SQL port.")
@click.option("--load-dir", type=click.Path(path_type=Path), metavar="DIR",
              help="With --bulk: a folder the Virtuoso server reads (listed in its DirsAllowed).")
@graph_option
def push(endpoint: str | None, timeout: float, bulk: bool, isql: str, load_dir: Path | None, graph_dir: Path) -> None:
    """Write every named graph of the built graph to a remote store (SPARQL 1.1 Graph
    Store HTTP Protocol): one PUT per document graph, plus the reference and ontology
    graphs. Each PUT replaces that graph only. With --bulk, a Virtuoso loads the sorted
    N-Quads with its bulk loader instead, after clearing the graphs it replaces (seconds
    for a million quads). Credentials, if the store needs them, come from
    KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD.

    \b
    Examples:
      kg push --endpoint http://127.0.0.1:7878/store
      kg query documents --endpoint 'http://127.0.0.1:7878/query?union-default-graph'
      kg push --bulk --isql 127.0.0.1:1111 --load-dir /var/lib/virtuoso/load
    """
    try:
        if bulk:
            if load_dir is None:
                raise KgError("--bulk needs --load-dir, a folder the Virtuoso server reads (its DirsAllowed)")
            from kg.virtuoso import push_bulk

            graphs, quads, seconds = push_bulk(graph_dir, isql, load_dir)
            click.echo(f"Bulk-loaded {graphs} graph(s), {quads} quads, in {seconds:.1f} s → Virtuoso at {isql}")
            return
        if not endpoint:
            raise KgError("give --endpoint URL (or --bulk for Virtuoso's bulk loader)")
        from kg.remote import push as run_push
        from kg.store import open_store

        report = run_push(open_store(graph_dir), endpoint, timeout=timeout)
    except KgError as error:
        _fail(error)
    click.echo(f"Pushed {report.graphs} graph(s), {report.triples} triples, in {report.seconds:.1f} s → {endpoint}")


@main.command()
@click.option("--format", "export_format", required=True,
              type=click.Choice(["graphml", "gexf", "jsonld", "nquads", "turtle", "trig"]),
              help="graphml/gexf: the explorer's network (Gephi); jsonld/nquads/trig: every named graph; "
                   "turtle: every triple, graphs merged.")
@click.option("--out", "out_file", type=click.Path(path_type=Path), default=None,
              help="File to write (default: standard output).")
@graph_option
def export(export_format: str, out_file: Path | None, graph_dir: Path) -> None:
    """Export the built graph for other tools (Gephi, networkx, any RDF store).

    \b
    Examples:
      kg export --format graphml --out out/graph.graphml
      kg export --format turtle > graph.ttl
    """
    from kg.export import export_bytes, write_export
    from kg.store import open_store

    try:
        if out_file is None:
            sys.stdout.buffer.write(export_bytes(open_store(graph_dir), export_format))
            sys.stdout.flush()
            return
        size = write_export(open_store(graph_dir), export_format, out_file)
    except KgError as error:
        _fail(error)
    click.echo(f"Wrote {out_file} ({size} bytes, {export_format})")


@main.command()
@click.option("--top", default=10, show_default=True, type=click.IntRange(1), help="How many central nodes to list.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@graph_option
def stats(top: int, output_format: str, graph_dir: Path) -> None:
    """Counts by class, the most central agencies and instruments, connected components.

    \b
    Example:
      kg stats --top 5
    """
    from kg.export import format_stats, graph_stats
    from kg.store import open_store

    try:
        summary = graph_stats(open_store(graph_dir), top=top)
    except KgError as error:
        _fail(error)
    _echo(summary, output_format, format_stats)


if __name__ == "__main__":
    main()
