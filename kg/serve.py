"""kg serve: a read-only SPARQL 1.1 Protocol endpoint over the built store, and the explorer.

    GET  /sparql?query=…                       (also /query)
    POST /sparql   application/sparql-query or form-encoded query=…
    GET  /                                     a query editor with the named queries as examples
                                               (also /sparql without a query, in a browser)
    GET  /explorer.html                        the explorer of the current build

The server always answers from the current build: when `kg build` publishes a new one
(OUT/current moves), the next request opens it (new query workers; the old ones finish
their query and stop), and the explorer is regenerated when out/explorer.html is older
than the build. --cors adds the headers (and answers the OPTIONS preflight) that let a
page from another origin query it.

The default graph is the union of the named graphs, as in `kg query`, unless the request
names its own with default-graph-uri / named-graph-uri. SELECT and ASK results come as
SPARQL JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or
RDF/XML, chosen by the Accept header (or a format= parameter).

Why queries run in worker processes: pyoxigraph cannot cancel a query, and a thread
cannot be stopped, so a runaway query in a thread would keep a core busy until it ends.
A worker process can be killed: each query runs in one of a few workers that hold the
store open read-only; past the time limit the worker is killed and replaced and the
client gets 503. A result larger than the row limit is refused (400) rather than cut
short, since a silently truncated answer looks complete to the researcher who gets it.
SPARQL Update is refused with 403 (and the store is open read-only anyway).
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import re
import signal
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from kg import resources
from kg.errors import KgError
from kg.store import STORE_DIR, open_store
from kg.vocab import PREFIXES

QUERY_PATHS = ("/sparql", "/query")
MAX_BODY = 1_000_000  # bytes of a POSTed query
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# (media type, format) in the server's order of preference; the first is the default.
RESULT_TYPES = [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("application/xml", ox.QueryResultsFormat.XML),
    ("text/xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
]
GRAPH_TYPES = [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("text/plain", ox.RdfFormat.N_TRIPLES),
]
# format=… in the URL (browsers, curl; SPARQLWrapper sends it too). For a query whose
# results cannot take the named format (json for CONSTRUCT …), the Accept header decides.
FORMAT_NAMES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle",
    "ntriples": "application/n-triples", "nt": "application/n-triples", "n-triples": "application/n-triples",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml", "rdf+xml": "application/rdf+xml",
}

_UPDATE = re.compile(
    # a comment is skipped whole: a word in it ("… with the clause …") is no keyword
    r"^(?:\s+|#[^\n]*(?:\n|$)|BASE\s*<[^>]*>|PREFIX\s+[^:\s]*:\s*<[^>]*>)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Settings:
    max_rows: int = 10_000
    timeout: float = 30.0  # seconds per query
    workers: int = 2


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes


def _text(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


# IRIs, strings and comments, blanked out before looking for prefixed names
_NOT_NAMES = re.compile(r'<[^<>\s]*>|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*')
_DECLARED = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:", re.I)
_PREFIXED = re.compile(r"(?<![\w?$:])([A-Za-z][\w-]*)?:(?=[\w%\\])")
_POSITION = re.compile(r"^error at (\d+):(\d+): ")


def syntax_message(query: str, error: str) -> str:
    """A parse error in plain words: an undeclared prefix is named (the parser lists every
    character range it would have accepted), any other error keeps its first line only."""
    where = _POSITION.match(error)
    at = f" (line {where[1]}, column {where[2]})" if where else ""
    if "Prefix not found" in error:
        bare = _NOT_NAMES.sub(" ", query)
        declared = set(PREFIXES) | {m or "" for m in _DECLARED.findall(bare)}
        unknown = sorted({p for p in _PREFIXED.findall(bare) if p not in declared})
        if unknown:
            return (f"Unknown prefix {', '.join(p + ':' for p in unknown)}{at}. Declare it with "
                    f"PREFIX {unknown[0]}: <…>, or use one this endpoint knows: "
                    + ", ".join(p + ":" for p in sorted(PREFIXES)))
    text = error[where.end():] if where else error
    if len(text) > 200:  # the parser's list of expected characters helps nobody
        text = text[:text.find("[")].rstrip(" ,") if "[" in text else text[:200] + "…"
    return f"Malformed query{at}: {text}"


def negotiate(accept: str | None, offered: list[tuple[str, object]]) -> tuple[str, object] | None:
    """The offered type the Accept header likes best (q values, type/* and */*); ties go
    to the server's order. No Accept header: the first offered. Nothing acceptable: None."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = []
    for part in accept.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    best, best_q = None, 0.0
    for media, fmt in offered:
        kind = media.split("/")[0] + "/*"
        # the most specific matching range decides (RFC 9110 §12.5.1)
        matches = [(3 if r == media else 2 if r == kind else 1, q) for r, q in ranges if r in (media, kind, "*/*")]
        if matches:
            q = max(matches)[1]
            if q > best_q:
                best, best_q = (media, fmt), q
    return best


# --- executing one query (inside a worker process) -------------------------------------

def _term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        value = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            value["datatype"] = term.datatype.value
        return value
    return {"type": "triple", "value": {
        "subject": _term_json(term.subject), "predicate": _term_json(term.predicate),
        "object": _term_json(term.object),
    }}


def _choose(accept: list[str | None], offered: list[tuple[str, object]]) -> tuple[str, object] | None:
    """The first of the client's preferences (format=, then Accept) that can be met."""
    for preference in accept:
        chosen = negotiate(preference, offered)
        if chosen:
            return chosen
    return None


def _solutions(results: ox.QuerySolutions, accept: list, max_rows: int) -> Answer:
    chosen = _choose(accept, RESULT_TYPES)
    if chosen is None:
        return _text(406, "Not acceptable: SELECT results come as " + ", ".join(m for m, _ in RESULT_TYPES))
    columns = [v.value for v in results.variables]
    bindings = []
    for solution in results:
        if len(bindings) == max_rows:
            return _text(400, (
                f"The result has more than {max_rows} rows, the limit of this endpoint. "
                "Page through it with LIMIT and OFFSET (or start kg serve with a larger --max-rows)."
            ))
        bindings.append({c: _term_json(solution[c]) for c in columns if solution[c] is not None})
    data = json.dumps({"head": {"vars": columns}, "results": {"bindings": bindings}}, ensure_ascii=False)
    media, fmt = chosen
    body = data.encode("utf-8")
    if fmt != ox.QueryResultsFormat.JSON:
        body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)
    return Answer(200, f"{media}; charset=utf-8", body)


def _boolean(result: ox.QueryBoolean, accept: list) -> Answer:
    chosen = _choose(accept, RESULT_TYPES)
    if chosen is None:
        return _text(406, "Not acceptable: ASK results come as " + ", ".join(m for m, _ in RESULT_TYPES))
    media, fmt = chosen
    return Answer(200, f"{media}; charset=utf-8", result.serialize(format=fmt))


def _triples(results: ox.QueryTriples, accept: list, max_rows: int) -> Answer:
    chosen = _choose(accept, GRAPH_TYPES)
    if chosen is None:
        return _text(406, "Not acceptable: CONSTRUCT results come as " + ", ".join(m for m, _ in GRAPH_TYPES))
    triples = []
    for triple in results:
        if len(triples) == max_rows:
            return _text(400, f"The result has more than {max_rows} triples, the limit of this endpoint.")
        triples.append(triple)
    media, fmt = chosen
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    return Answer(200, f"{media}; charset=utf-8", ox.serialize(triples, format=fmt, prefixes=prefixes))


def execute(store: ox.Store, request: dict, max_rows: int) -> Answer:
    """One protocol request (query, accept, default-graph-uri, named-graph-uri) → an answer."""
    options: dict = {"prefixes": PREFIXES}
    try:
        if request["default_graphs"]:
            options["default_graph"] = [ox.NamedNode(g) for g in request["default_graphs"]]
        else:
            options["use_default_graph_as_union"] = True
        if request["named_graphs"]:
            options["named_graphs"] = [ox.NamedNode(g) for g in request["named_graphs"]]
    except ValueError as error:
        return _text(400, f"Bad graph IRI: {error}")
    try:
        results = store.query(request["query"], **options)
        accept = request["accept"]
        if isinstance(results, ox.QuerySolutions):
            return _solutions(results, accept, max_rows)
        if isinstance(results, ox.QueryTriples):
            return _triples(results, accept, max_rows)
        return _boolean(results, accept)
    except SyntaxError as error:
        return _text(400, syntax_message(request["query"], str(error)))
    except (OSError, ValueError, RuntimeError) as error:
        return _text(500, f"Query failed: {error}")


def _worker(connection, location: str, max_rows: int) -> None:
    """A worker process: open the store, then answer requests until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    try:
        store = ox.Store.read_only(location)
    except OSError as error:
        connection.send(("failed", str(error)))
        return
    connection.send(("ready", ""))
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(execute(store, request, max_rows))


# --- the worker pool -------------------------------------------------------------------

class Worker:
    def __init__(self, context, location: str, max_rows: int) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, location, max_rows), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.connection.poll(timeout):
            self.kill()
            raise KgError(f"a query worker did not start within {timeout:.0f} s")
        try:
            state, problem = self.connection.recv()
        except (EOFError, OSError):
            state, problem = "failed", f"it exited with code {self.process.exitcode}"
        if state != "ready":
            self.kill()
            raise KgError(f"a query worker could not open the store: {problem}")

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class WorkerPool:
    """A few worker processes; a query that runs past the time limit kills its worker."""

    def __init__(self, location: Path, settings: Settings) -> None:
        self.location = str(location)
        self.settings = settings
        # spawn, not fork: the parent may hold RocksDB handles and threads
        self.context = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.closed = False
        workers = [self._new() for _ in range(settings.workers)]
        try:
            for worker in workers:
                worker.wait_ready(60)
        except KgError:
            for worker in workers:
                worker.kill()
            raise
        for worker in workers:
            self.idle.put(worker)

    def _new(self) -> Worker:
        return Worker(self.context, self.location, self.settings.max_rows)

    def run(self, request: dict) -> Answer:
        timeout = self.settings.timeout
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            return _text(503, f"All {self.settings.workers} query workers are busy; try again later.")
        try:
            worker.connection.send(request)
            if worker.connection.poll(timeout):
                answer = worker.connection.recv()
                if self.closed:  # a newer build is served now: this worker is done
                    worker.kill()
                else:
                    self.idle.put(worker)
                return answer
        except (EOFError, OSError):
            pass  # the worker died (e.g. out of memory): replace it below
        worker.kill()
        if not self.closed:
            replacement = self._new()
            try:
                replacement.wait_ready(60)
                self.idle.put(replacement)
            except KgError:
                pass
        return _text(503, f"The query did not finish within the time limit of {timeout:g} s and was stopped.")

    def close(self) -> None:
        self.closed = True
        while True:
            try:
                self.idle.get_nowait().kill()
            except queue.Empty:
                return


# --- HTTP ------------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    server: "SparqlServer"
    server_version = "ecopolicy-kg"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if self.server.verbose:
            super().log_message(format, *args)

    def _cors(self) -> None:
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", "*")

    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Vary", "Accept")
        self._cors()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def do_OPTIONS(self) -> None:  # noqa: N802 - the CORS preflight
        self.send_response(204)
        self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        if self.server.cors:
            self._cors()
            self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _wants_html(self) -> bool:
        return "text/html" in (self.headers.get("Accept") or "")

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query)
        if url.path in ("/", "/index.html"):
            self._send(self.server.editor())
        elif url.path in ("/explorer", "/explorer.html"):
            self._send(self.server.explorer())
        elif url.path == "/favicon.ico":  # browsers ask; there is none
            self._send(Answer(204, "image/x-icon", b""))
        elif url.path in QUERY_PATHS and "query" not in params and "update" not in params:
            # a person at the endpoint's address gets the editor, a program the usage
            self._send(self.server.editor() if self._wants_html() else _text(400, (
                "No query. GET /sparql?query=… or POST one (application/sparql-query, or form-encoded query=…); "
                "a query editor is at /.")))
        elif url.path in QUERY_PATHS:
            self._query(params, None)
        else:
            self._send(_text(404, f"Not found. The SPARQL endpoint is at {QUERY_PATHS[0]}, a query editor at /, "
                                  "the explorer at /explorer.html."))

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        if url.path not in QUERY_PATHS:
            self._send(_text(404, f"Not found. POST queries to {QUERY_PATHS[0]}."))
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(_text(413, f"The request body is larger than {MAX_BODY} bytes."))
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        params = urllib.parse.parse_qs(url.query)
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type == "application/sparql-query":
            self._query(params, body)
        elif content_type == "application/x-www-form-urlencoded":
            for key, values in urllib.parse.parse_qs(body).items():
                params.setdefault(key, []).extend(values)
            self._query(params, None)
        elif content_type == "application/sparql-update":
            self._send(_text(403, "SPARQL Update is not allowed: this endpoint is read-only."))
        else:
            self._send(_text(415, "POST a query as application/sparql-query or form-encoded query=…"))

    def _query(self, params: dict[str, list[str]], body: str | None) -> None:
        if "update" in params:
            self._send(_text(403, "SPARQL Update is not allowed: this endpoint is read-only."))
            return
        texts = params.get("query", []) + ([body] if body is not None else [])
        if len(texts) != 1:
            self._send(_text(400, "Give exactly one query (query=… or a application/sparql-query body)."))
            return
        if _UPDATE.match(texts[0]):
            self._send(_text(403, "SPARQL Update is not allowed: this endpoint is read-only."))
            return
        # a format= parameter first; when the results cannot take it, the Accept header
        accept = [self.headers.get("Accept")]
        named = FORMAT_NAMES.get(params.get("format", [""])[0].lower())
        if named:
            accept.insert(0, named)
        self._send(self.server.current_pool().run({
            "query": texts[0],
            "accept": accept,
            "default_graphs": params.get("default-graph-uri", []),
            "named_graphs": params.get("named-graph-uri", []),
        }))


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, graph_dir: Path, host: str, port: int, settings: Settings, verbose: bool = False,
                 cors: bool = False):
        open_store(graph_dir)  # fails early, with the usual message, when nothing was built
        self.graph_dir = Path(graph_dir)
        self.settings = settings
        self.verbose = verbose
        self.cors = cors
        self._lock = threading.Lock()
        self._build = self._current_build()
        self.pool = WorkerPool(self._build, settings)
        self._explorer: tuple[Path, Answer] | None = None
        try:
            super().__init__((host, port), Handler)
        except OSError:
            self.pool.close()
            raise

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{QUERY_PATHS[0]}"

    def _current_build(self) -> Path:
        """The store of the published build (OUT/store links through OUT/current)."""
        return (self.graph_dir / STORE_DIR).resolve()

    def current_pool(self) -> WorkerPool:
        """The workers of the current build; a newly published build gets new workers."""
        build = self._current_build()
        with self._lock:
            if build != self._build and build.is_dir():
                fresh = WorkerPool(build, self.settings)
                old, self.pool, self._build = self.pool, fresh, build
                old.close()
            return self.pool

    def editor(self) -> Answer:
        return Answer(200, "text/html; charset=utf-8", editor_page().encode("utf-8"))

    def explorer(self) -> Answer:
        """out/explorer.html when it is newer than the current build; otherwise the
        explorer of the current build, written afresh (kept until the next build)."""
        build = self._current_build()
        with self._lock:
            if self._explorer is None or self._explorer[0] != build:
                path = self.graph_dir / "explorer.html"
                if not path.is_file() or path.stat().st_mtime < build.stat().st_mtime:
                    import tempfile

                    from kg.viz import table_beside, write_explorer

                    with tempfile.TemporaryDirectory() as folder:
                        path = Path(folder) / "explorer.html"
                        write_explorer(ox.Store.read_only(str(build)), path, table=table_beside(build))
                        body = path.read_bytes()
                else:
                    body = path.read_bytes()
                self._explorer = (build, Answer(200, "text/html; charset=utf-8", body))
            return self._explorer[1]

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def editor_page() -> str:
    """The query editor: the named queries as examples (their parameters bound to the
    example their header gives), and the prefixes the endpoint knows."""
    from kg.querying import named_queries, with_values

    examples = []
    for name, query in sorted(named_queries().items()):
        given = {}
        for parameter in query.parameters:
            example = re.search(r"e\.g\.\s*([^\s,]+)", parameter.doc)
            if parameter.required and example:
                given[parameter.name] = example.group(1)
        try:
            sparql = with_values(query.sparql, query.bindings(given))
        except KgError:  # a required parameter with no example: the editor shows it unbound
            sparql = query.sparql
        sparql = "\n".join(line for line in sparql.splitlines() if not line.startswith("#+"))  # the header is shown apart
        examples.append({"name": name, "title": query.title, "description": query.description, "sparql": sparql})
    from kg.page import script_json

    template = resources.template_file("editor.html").read_text(encoding="utf-8")
    return template.replace("{{DATA}}", script_json({"examples": examples, "prefixes": PREFIXES}))


def make_server(graph_dir: Path, host: str = "127.0.0.1", port: int = 7878,
                settings: Settings = Settings(), verbose: bool = False, cors: bool = False) -> SparqlServer:
    """A server bound to (host, port), not yet serving: call serve_forever()."""
    try:
        return SparqlServer(graph_dir, host, port, settings, verbose, cors)
    except OSError as error:
        raise KgError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
