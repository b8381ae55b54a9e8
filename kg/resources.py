"""The one place that finds shipped data (ontology, reference data, named queries).

Everything is read through importlib.resources, so it works the same from a source
checkout and from an installed wheel.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def ontology_file(name: str) -> Traversable:
    return resources.files("kg.ontology").joinpath(name)


def reference_files() -> list[Traversable]:
    folder = resources.files("kg.ontology.reference")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".ttl")), key=lambda f: f.name)


def query_files() -> list[Traversable]:
    folder = resources.files("kg.queries")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".rq")), key=lambda f: f.name)


def template_file(name: str) -> Traversable:
    return resources.files("kg").joinpath("templates", name)
