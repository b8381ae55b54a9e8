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

A parameter NAME is bound to the variable ?NAME (dashes become underscores), which the
SELECT projects; the result keeps only the header's columns, in their order. An
optional string parameter that is not given is bound to "" (queries test `?x = ""`).
TYPE is string, integer, iri or name. A name (an entity's name as written: 国务院, 国办) is
a string that also binds ?NAME_forms to each form a label takes in the graph ("国务院"@zh,
"国务院"@en, "国务院"), so that a query finds the entity with one index lookup
(`?entity skos:prefLabel|skos:altLabel ?NAME_forms`) instead of comparing STR() of every
label; an optional name that is not given binds ?NAME_forms to UNDEF, which matches
every label. A header that breaks these rules fails naming the file.
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
from kg.remote import check_default_graph, select
from kg.table import Table
from kg.vocab import PREFIXES

Term = ox.Literal | ox.NamedNode

_PARAM = re.compile(
    r"^(?P<name>[a-z][a-z0-9_-]*):\s*(?P<type>string|integer|iri|name)"
    r"(?:\s*=\s*(?P<default>[^—]+?)|\s+(?P<optional>optional))?\s*(?:—\s*(?P<doc>.*))?$"
)
PARAM_TYPES = ("string", "integer", "iri", "name")
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
                if parameter.type not in ("string", "name"):
                    continue
                value = ""
            variable = parameter.name.replace("-", "_")
            bound[ox.Variable(variable)] = parameter.term(value)
            if parameter.type == "name":
                bound[ox.Variable(variable + "_forms")] = (
                    tuple(ox.Literal(value, language=tag) for tag in NAME_LANGUAGES) + (ox.Literal(value),)
                    if value else (None,))
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
        elif key in ("title", "description", "columns"):
            header[key] = value
        else:
            raise QueryError(name, f"queries/{name}.rq line {number}: unknown header {key!r}")
    for required in ("title", "description", "columns"):
        if not header.get(required):
            raise QueryError(name, f"queries/{name}.rq has no '#+ {required}:' header line")
    return NamedQuery(
        name=name,
        title=header["title"],
        description=header["description"],
        parameters=tuple(parameters),
        columns=tuple(c.strip() for c in header["columns"].split(",")),
        sparql=text,
    )


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
    names = {ox.Variable(p.name.replace("-", "_")) for p in query.parameters if p.type == "name"}
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
    return Table(list(query.columns), [[row[i] for i in keep] for row in table.rows])


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


def with_values(sparql: str, bindings: dict[ox.Variable, Term | tuple[Term | None, ...]]) -> str:
    """The query with its parameters bound by a VALUES block at the start of its WHERE
    clause. That binds them before any FILTER of the clause sees them, as pyoxigraph's
    substitutions do (a trailing VALUES would join only after the filters had run)."""
    block = values_block(bindings)
    if not block:
        return sparql
    # A sub-select is evaluated on its own, so every WHERE clause (the outer one and each
    # sub-select's) gets the block; binding a variable twice to one value changes nothing.
    wheres = [m.end() for m in _WHERE.finditer(sparql)]
    if wheres:
        for end in reversed(wheres):
            sparql = f"{sparql[:end]}\n  {block}\n{sparql[end:]}"
        return sparql
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
