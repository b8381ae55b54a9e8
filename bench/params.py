"""Parameters for the named queries, picked from the data: a query is never timed on an
empty answer.

For each parameter name, a SPARQL query lists candidate values, most used first (the
agencies that issue most, the instruments with most events, the indicators with most
figures …). For each named query the first combination of candidates that gives rows is
kept (the tries are not timed); a query no candidate answers is reported as such.
"""

from __future__ import annotations

import time
from itertools import product

from kg.querying import named_queries, run_named
from kg.vocab import SPARQL_PREFIXES

TRIES = 6  # candidates per parameter
BUDGET = 30.0  # seconds of tries per query: a query that slow is not timed (said in the report)

CANDIDATES = {
    "agency": """SELECT ?v WHERE { ?e prov:wasAssociatedWith ?a . ?a skos:prefLabel ?v FILTER(LANG(?v) = "zh") }
                 GROUP BY ?v ORDER BY DESC(COUNT(?e)) ?v LIMIT 6""",
    "campaign": """SELECT ?v WHERE { ?c a ep:Campaign ; skos:prefLabel ?v ; ep:hasMention ?m FILTER(LANG(?v) = "zh") }
                   GROUP BY ?v ORDER BY DESC(COUNT(?m)) ?v LIMIT 6""",
    "label": """SELECT ?v WHERE { ?c ep:hasMention ?m ; skos:prefLabel ?v FILTER(LANG(?v) = "zh") }
                GROUP BY ?v ORDER BY DESC(COUNT(?m)) ?v LIMIT 6""",
    "indicator": """SELECT ?v WHERE { ?q ep:measures ?i . ?i skos:notation ?v }
                    GROUP BY ?v ORDER BY DESC(COUNT(?q)) ?v LIMIT 6""",
    "area": """SELECT ?v WHERE { ?q ep:areaLabel ?a BIND(STR(?a) AS ?v) }
               GROUP BY ?v ORDER BY DESC(COUNT(?q)) ?v LIMIT 6""",
    "kind": """SELECT ?v WHERE { ?i ep:instrumentKind/skos:notation ?v } GROUP BY ?v ORDER BY DESC(COUNT(?i)) ?v LIMIT 6""",
    # titles of several sorts: most events, replaced, versioned, carried out locally, cited
    "title": """SELECT ?v WHERE {
                  { SELECT ?v (COUNT(?e) AS ?n) WHERE { ?e prov:used ?i . ?i dct:title ?t BIND(STR(?t) AS ?v) }
                    GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 2 }
                  UNION { SELECT ?v WHERE { ?i dct:replaces ?o ; dct:title ?t BIND(STR(?t) AS ?v) } ORDER BY ?v LIMIT 1 }
                  UNION { SELECT ?v WHERE { ?i ep:baseTitle ?t BIND(STR(?t) AS ?v) } ORDER BY ?v LIMIT 1 }
                  UNION { SELECT ?v WHERE { ?l eli:transposes ?i . ?i dct:title ?t BIND(STR(?t) AS ?v) } ORDER BY ?v LIMIT 1 }
                  UNION { SELECT ?v WHERE { ?d eli:cites ?i . ?i dct:title ?t BIND(STR(?t) AS ?v) } ORDER BY ?v LIMIT 1 }
                }""",
    "date": """SELECT ?v WHERE { ?d dct:issued ?i BIND(STR(?i) AS ?v) FILTER(STRLEN(?v) = 10) }
               GROUP BY ?v ORDER BY DESC(?v) LIMIT 6""",
}


def candidates(store, name: str) -> list[str]:
    sparql = CANDIDATES.get(name)
    if sparql is None:
        return []
    values = []
    for row in store.query(SPARQL_PREFIXES + sparql, use_default_graph_as_union=True):
        if row["v"] is not None and row["v"].value not in values:
            values.append(row["v"].value)
    return values[:TRIES]


def pick(store) -> dict[str, dict[str, str] | None]:
    """For each named query: parameters that give rows (optional ones are given too, so
    that the parameterised form is what is timed); None when no candidate gives rows."""
    chosen: dict[str, dict[str, str] | None] = {}
    cache: dict[str, list[str]] = {}
    for name, query in sorted(named_queries().items()):
        names = [p.name for p in query.parameters if p.name != "role"]  # role keeps its default
        lists = [cache.setdefault(n, candidates(store, n)) or [""] for n in names]
        chosen[name] = None
        started = time.perf_counter()
        for values in product(*lists):
            params = {n: v for n, v in zip(names, values, strict=True) if v}
            if any(p.required and p.name not in params for p in query.parameters):
                continue
            if run_named(store, name, params).rows:
                chosen[name] = params
                break
            if time.perf_counter() - started > BUDGET:
                break
    return chosen
