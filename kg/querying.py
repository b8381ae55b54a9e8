"""Named SPARQL queries: queries/NAME.rq files with a strict header, run with their
parameters bound as RDF terms, never pasted into query text as text: in a VALUES block
(each term in its N-Triples form), on an endpoint and on the embedded store, where
pyoxigraph's substitutions bind them too (see ``run_named``).

Header lines (before the query):

    #+ title: One line
    #+ description: What the query answers
    #+ param NAME: TYPE = DEFAULT — what it means      (a default makes it optional)
    #+ param NAME: TYPE optional — what it means        (optional: "" when absent)
    #+ param NAME: TYPE — what it means                 (required)
    #+ columns: a, b, c
    #+ lists: b                                       (optional: columns that are lists of names)

A parameter NAME is bound to the variable ?NAME (dashes become underscores), which the
SELECT projects; the result keeps only the header's columns, in their order. An
optional string parameter that is not given is bound to "" (queries test `?x = ""`).
TYPE is string, integer, iri, name or title. A name (an entity's name as written: 国务院, 国办) is
a string that also binds ?NAME_forms to each form a label takes in the graph ("国务院"@zh,
"国务院"@en, "国务院"), so that a query finds the entity with one index lookup
(`?entity skos:prefLabel|skos:altLabel ?NAME_forms`) instead of comparing STR() of every
label; an optional name that is not given binds ?NAME_forms to UNDEF, which matches
every label. A list column is a GROUP_CONCAT written with separator="\\t" and shown joined
by 、 (LIST_JOINER), the way Chinese lists names: Virtuoso garbles a non-ASCII separator (and
any non-ASCII literal of the query text it joins with the data), so the query text keeps
to ASCII there and the join is made here, the same for every store. A title (a law's title: 水污染防治法) binds ?NAME_forms likewise to each form of
the title with and without the state's name before it (中华人民共和国水污染防治法), so that a
query finds the law by `?node dct:title ?NAME_forms`. A header that breaks these rules fails
naming the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg import resources
from kg.errors import QueryError
from kg.naming import state_name_forms
from kg.remote import check_default_graph, select
from kg.table import Table
from kg.vocab import PREFIXES

Term = ox.Literal | ox.NamedNode

_PARAM = re.compile(
    r"^(?P<name>[a-z][a-z0-9_-]*):\s*(?P<type>string|integer|iri|name|title)"
    r"(?:\s*=\s*(?P<default>[^—]+?)|\s+(?P<optional>optional))?\s*(?:—\s*(?P<doc>.*))?$"
)
PARAM_TYPES = ("string", "integer", "iri", "name", "title")
FORMS = ("name", "title")  # the types that also bind ?NAME_forms
LIST_SEPARATOR = "\t"  # what a list column's GROUP_CONCAT writes between its items
LIST_JOINER = "、"  # what is shown between them
NAME_LANGUAGES = ("zh", "en")  # the language tags of labels, titles and aliases (plus untagged)


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None
    optional: bool
    doc: str

    @property
    def required(self) -> bool:
        return self.default is None and not self.optional

    def term(self, value: str) -> Term:
        if self.type == "integer":
            if not re.fullmatch(r"-?\d+", value.strip()):
                raise QueryError(self.name, f"parameter {self.name} must be an integer, got {value!r}")
            return ox.Literal(value.strip(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
        if self.type == "iri":
            try:
                return ox.NamedNode(value.strip())
            except ValueError as error:
                raise QueryError(self.name, f"parameter {self.name} is not an IRI: {error}") from None
        return ox.Literal(value)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]
    sparql: str = field(repr=False)
    lists: tuple[str, ...] = ()

    def bindings(self, given: dict[str, str]) -> dict[ox.Variable, Term | tuple[Term | None, ...]]:
        """Each parameter's variable → its term; a name's forms → several terms (None: UNDEF)."""
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise QueryError(
                self.name,
                f"unknown parameter {', '.join(unknown)}; it takes: {self.signature() or 'no parameters'}",
            )
        bound = {}
        for parameter in self.parameters:
            value = given.get(parameter.name, parameter.default)
            if value is None:
                if parameter.required:
                    raise QueryError(
                        self.name, f"missing parameter {parameter.name} ({parameter.doc}); usage: {self.signature()}"
                    )
                if parameter.type not in ("string", *FORMS):
                    continue
                value = ""
            variable = parameter.name.replace("-", "_")
            bound[ox.Variable(variable)] = parameter.term(value)
            if parameter.type in FORMS:
                bound[ox.Variable(variable + "_forms")] = _forms(parameter.type, value)
        return bound

    def signature(self) -> str:
        parts = []
        for p in self.parameters:
            if p.required:
                parts.append(f"{p.name}=<{p.type}>")
            elif p.default is not None:
                parts.append(f"[{p.name}={p.default}]")
            else:
                parts.append(f"[{p.name}=<{p.type}>]")
        return " ".join(parts)


def _forms(kind: str, value: str) -> tuple[Term | None, ...]:
    """The literals a name or title parameter matches: each spelling (a title with and
    without the state's name) in each language tag and untagged; UNDEF when not given."""
    if not value:
        return (None,)
    spellings = state_name_forms(value) if kind == "title" else (value,)
    return tuple(ox.Literal(text, language=tag) for text in spellings for tag in NAME_LANGUAGES) + tuple(
        ox.Literal(text) for text in spellings)


def parse_named_query(name: str, text: str) -> NamedQuery:
    header: dict[str, str] = {}
    parameters = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#+"):
            continue
        key, _, value = line[2:].strip().partition(":")
        key, value = key.strip(), value.strip()
        if key.startswith("param "):
            m = _PARAM.match(key[len("param ") :] + ": " + value)
            if not m:
                raise QueryError(name, f"queries/{name}.rq line {number}: bad parameter line {line!r}")
            parameters.append(
                Parameter(m["name"], m["type"], m["default"], bool(m["optional"]), (m["doc"] or "").strip())
            )
        elif key in ("title", "description", "columns", "lists"):
            header[key] = value
        else:
            raise QueryError(name, f"queries/{name}.rq line {number}: unknown header {key!r}")
    for required in ("title", "description", "columns"):
        if not header.get(required):
            raise QueryError(name, f"queries/{name}.rq has no '#+ {required}:' header line")
    unknown = set(_names(header.get("lists", ""))) - set(_names(header["columns"]))
    if unknown:
        raise QueryError(name, f"queries/{name}.rq: '#+ lists:' names {sorted(unknown)}, which are not among its columns")
    return NamedQuery(
        name=name,
        title=header["title"],
        description=header["description"],
        parameters=tuple(parameters),
        columns=_names(header["columns"]),
        sparql=text,
        lists=_names(header.get("lists", "")),
    )


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


def named_queries() -> dict[str, NamedQuery]:
    return {
        f.name[:-3]: parse_named_query(f.name[:-3], f.read_text(encoding="utf-8"))
        for f in resources.query_files()
    }


def get_named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise QueryError(name, f"no such named query; the named queries are: {', '.join(sorted(queries))}")
    return queries[name]


def run_sparql(store: ox.Store, sparql: str, bindings: dict | None = None, name: str = "sparql") -> Table:
    """Run a SELECT (or ASK) query over the union of all named graphs."""
    try:
        results = store.query(
            sparql, use_default_graph_as_union=True, substitutions=bindings or None, prefixes=PREFIXES
        )
    except SyntaxError as error:
        raise QueryError(name, f"malformed SPARQL: {error}") from None
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryError(name, f"query failed: {error}") from None
    if isinstance(results, bool):
        return Table(["result"], [[ox.Literal(str(results).lower())]])
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError(name, "only SELECT and ASK queries give a table (CONSTRUCT/DESCRIBE: use kg export)")
    columns = [v.value for v in results.variables]
    rows = [[solution[c] for c in columns] for solution in results]
    return Table(columns, rows)


def run_named(store: ox.Store, name: str, params: dict[str, str]) -> Table:
    """Run a named query; the result has the header's columns. The parameters are bound
    twice: by pyoxigraph's substitutions, which every part of the query sees (a BIND in an
    OPTIONAL too), and by a VALUES block in the text, as on an endpoint (``with_values``),
    which Oxigraph looks up in its indexes where it compares a substituted term with
    every candidate (a label lookup on a million quads: 0.1 ms against 15 ms). A
    parameter is projected by the SELECT (pyoxigraph substitutes projected variables only);
    a name is read at the top level of its query, where the VALUES block binds it."""
    query = get_named_query(name)
    bindings = query.bindings(params)
    names = {ox.Variable(p.name.replace("-", "_")) for p in query.parameters if p.type in FORMS}
    # a name is bound by the VALUES block alone: substituted too, it made Oxigraph start
    # from every mention rather than from the name (mentions: 226 -> 1,038 ms)
    substituted = {v: t for v, t in bindings.items() if not isinstance(t, tuple) and v not in names}
    table = run_sparql(store, with_values(query.sparql, bindings), substituted, name=name)
    return _header_columns(query, table)


def run_named_remote(endpoint: str, name: str, params: dict[str, str], timeout: float = 60.0) -> Table:
    """Run a named query on a remote SPARQL 1.1 endpoint (kg query --endpoint).

    The protocol has no bindings, so the parameters go into the query text as a VALUES
    block of serialised RDF terms (see ``with_values``); the endpoint's default graph
    must be the union of its named graphs, as the embedded store's is."""
    query = get_named_query(name)
    sparql = with_values(query.sparql, query.bindings(params))
    table = _header_columns(query, select(endpoint, sparql, name=name, timeout=timeout))
    if not table.rows:
        check_default_graph(endpoint, name, timeout)
    return table


def _header_columns(query: NamedQuery, table: Table) -> Table:
    name = query.name
    missing = [c for c in query.columns if c not in table.columns]
    if missing:
        raise QueryError(name, f"queries/{name}.rq: header columns {missing} are not selected by the query")
    keep = [table.columns.index(c) for c in query.columns]
    lists = {query.columns.index(c) for c in query.lists}
    rows = [[_joined(row[i]) if n in lists else row[i] for n, i in enumerate(keep)] for row in table.rows]
    return Table(list(query.columns), rows)


def _joined(term: Term | None) -> Term | None:
    """A list column's items joined by LIST_JOINER (a plain string on every store)."""
    return term if term is None else ox.Literal(term.value.replace(LIST_SEPARATOR, LIST_JOINER))


# --- parameters as a VALUES block (for endpoints, which take no bindings) --------------

# What may come before the WHERE clause's "{": comments, strings and IRIs are skipped so
# that a "{" inside them is not taken for it.
_SKIP = re.compile(
    r"#[^\n]*"
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|"(?:[^"\\\n]|\\.)*"'
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
)


def values_block(bindings: dict[ox.Variable, Term | tuple[Term | None, ...]]) -> str:
    """``VALUES (?a ?b) { (term term) }``, every term in its N-Triples form, which is valid
    SPARQL and escapes quotes, backslashes and newlines: user text never becomes syntax.
    A variable with several terms (a name's forms) gets a VALUES of its own, one row a term."""
    single = {v: t for v, t in bindings.items() if not isinstance(t, tuple)}
    blocks = []
    if single:
        variables = " ".join(str(v) for v in single)
        terms = " ".join(str(t) for t in single.values())
        blocks.append(f"VALUES ({variables}) {{ ({terms}) }}")
    for variable, terms in bindings.items():
        if isinstance(terms, tuple):
            blocks.append(f"VALUES {variable} {{ " + " ".join("UNDEF" if t is None else str(t) for t in terms) + " }")
    return " ".join(blocks)


_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


def _closing_brace(sparql: str, position: int) -> int:
    """The index of the "}" that closes the "{" just before ``position``."""
    depth = 1
    while position < len(sparql):
        skipped = _SKIP.match(sparql, position)
        if skipped:
            position = skipped.end()
            continue
        depth += {"{": 1, "}": -1}.get(sparql[position], 0)
        if depth == 0:
            return position
        position += 1
    raise QueryError("sparql", "a WHERE clause without its closing brace")


def _mentions(sparql: str, start: int, end: int, inner: list[tuple[int, int]], variable: ox.Variable) -> bool:
    """Whether the WHERE clause sparql[start:end] reads ``variable`` outside its sub-selects' clauses."""
    own, position = [], start
    for inner_start, inner_end in inner:
        if start < inner_start and inner_end < end:
            own.append(sparql[position:inner_start])
            position = max(position, inner_end)
    own.append(sparql[position:end])
    return re.search(rf"[?$]{re.escape(variable.value)}\b", "".join(own)) is not None


def with_values(sparql: str, bindings: dict[ox.Variable, Term | tuple[Term | None, ...]]) -> str:
    """The query with its parameters bound by a VALUES block at the start of its WHERE
    clause. That binds them before any FILTER of the clause sees them, as pyoxigraph's
    substitutions do (a trailing VALUES would join only after the filters had run)."""
    if not bindings:
        return sparql
    # A sub-select is evaluated on its own, so every WHERE clause (the outer one and each
    # sub-select's) gets the parameters; binding a variable twice to one value changes
    # nothing. A name's forms (several rows) go only where the clause itself reads them:
    # elsewhere they would multiply its rows.
    clauses = [(m.end(), _closing_brace(sparql, m.end())) for m in _WHERE.finditer(sparql)]
    if clauses:
        blocks = [(start, values_block({v: t for v, t in bindings.items()
                                        if not isinstance(t, tuple) or _mentions(sparql, start, end, clauses, v)}))
                  for start, end in clauses]
        for start, block in reversed(blocks):
            if block:
                sparql = f"{sparql[:start]}\n  {block}\n{sparql[start:]}"
        return sparql
    block = values_block(bindings)
    position = 0
    while position < len(sparql):
        skipped = _SKIP.match(sparql, position)
        if skipped:
            position = skipped.end()
        elif sparql[position] == "{":
            return f"{sparql[:position + 1]}\n  {block}\n{sparql[position + 1:]}"
        else:
            position += 1
    raise QueryError("sparql", "no WHERE clause to bind the parameters in")

# --- output formats -------------------------------------------------------------------

def _plain(term) -> str:
    if term is None:
        return ""
    return term.value


def _short(term) -> str:
    """IRIs shortened with our prefixes for the table view."""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
    return _plain(term)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_table(table: Table, max_cell: int = 60) -> str:
    def cell(term) -> str:
        text = _short(term).replace("\n", " ")
        return text if len(text) <= max_cell else text[: max_cell - 1] + "…"

    cells = [[cell(t) for t in row] for row in table.rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(table.columns)]
    lines = [
        "  ".join(_pad(c, w) for c, w in zip(table.columns, widths)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def format_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows([[_plain(t) for t in row] for row in table.rows])
    return buffer.getvalue().rstrip("\n")


def _json_value(term):
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype.endswith(("#integer", "#nonNegativeInteger", "#int")):
            return int(term.value)
        if datatype.endswith(("#decimal", "#double", "#float")):
            return float(term.value)
        if datatype.endswith("#boolean"):
            return term.value == "true"
    return term.value


def format_json(table: Table) -> str:
    rows = [{c: _json_value(t) for c, t in zip(table.columns, row)} for row in table.rows]
    return json.dumps(rows, ensure_ascii=False, indent=2)


FORMATTERS = {"table": format_table, "csv": format_csv, "json": format_json}
