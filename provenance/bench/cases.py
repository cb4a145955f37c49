"""Benchmark cases: each GraphQL operation with its sample variables, SQL floor and twin.

A case is named after an operation file (``graphql/operations/X.graphql`` or the
benchmark's own ``bench/operations/X.graphql``). Beside it in ``bench/``:

- ``sql/X.sample.sql``: one row of variables per request (columns named like the
  operation's variables, in snake or camel case); ``%(count)s`` is how many rows to draw.
- ``sql/X.floor.sql``: the same data fetched by one hand-written statement (the floor).
- ``postgraphile/queries/X.graphql``: the same data asked of PostGraphile.

An operation without a sampler is listed as skipped, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphql import OperationDefinitionNode, parse
from graphql.language import ListTypeNode, NamedTypeNode, NonNullTypeNode, TypeNode

# Where each answer says how many items it returned, so the three targets can be checked
# to return the same data: (path in our API's answer, in the floor's, in PostGraphile's).
# A path ends in "#" to count a list's items; "-1" after it drops the SPEAKER hop.
ITEM_COUNTS: dict[str, tuple[str, str, str | None]] = {
    "AttributionChain": (
        "data.node.chain#-1",
        "hops#",
        "data.benchPostgraphileAttributionChain.nodes#",
    ),
    "QuotationSearch": (
        "data.quotations.totalCount",
        "totalCount",
        "data.benchPostgraphileSearchQuotations.totalCount",
    ),
    "QuotationChains": ("data.quotations.totalCount", "totalCount", None),
    "ArticleAnnotations": (
        "data.article.attributions.totalCount",
        "attributions.totalCount",
        "data.articleBySlug.attributions.totalCount",
    ),
    "SpeakerPage": (
        "data.speaker.quotations.totalCount",
        "quotations.totalCount",
        "data.speakerBySlug.quotations.totalCount",
    ),
    "OutletPage": (
        "data.outlet.articles.totalCount",
        "articles.totalCount",
        "data.outletBySlug.articles.totalCount",
    ),
    "SpeakerSearch": ("data.speakers.totalCount", "totalCount", None),
    "QuotationRelayGraph": ("data.quotation.relayGraph.nodes#", "relayGraph.nodes#", None),
}


@dataclass(frozen=True)
class Operation:
    """A GraphQL document and the types of the variables it declares."""

    document: str
    variables: dict[str, str] = field(default_factory=dict)  # name -> type name

    @classmethod
    def read(cls, path: Path) -> Operation:
        document = path.read_text()
        variables: dict[str, str] = {}
        for definition in parse(document).definitions:
            if isinstance(definition, OperationDefinitionNode):
                for variable in definition.variable_definitions or ():
                    variables[variable.variable.name.value] = _type_name(variable.type)
        return cls(document=document, variables=variables)

    def bind(self, row: dict[str, Any]) -> dict[str, Any]:
        """This operation's variables taken from a sampled row."""
        bound: dict[str, Any] = {}
        for name, type_name in self.variables.items():
            for column in (name, _snake(name)):
                if column in row:
                    value = row[column]
                    # PostgreSQL bigints travel as strings in GraphQL (BigInt scalars).
                    bound[name] = str(value) if type_name == "BigInt" else value
                    break
        return bound


@dataclass(frozen=True)
class Case:
    """One operation, how to sample its variables, and its floor and twin."""

    name: str
    operation: Operation
    sample_sql: str
    floor_sql: str | None
    postgraphile: Operation | None

    def item_count(self, target: str, answer: Any) -> int | None:
        """How many items ``answer`` (from "api", "floor" or "postgraphile") returned."""
        paths = ITEM_COUNTS.get(self.name)
        if paths is None:
            return None
        path = dict(zip(("api", "floor", "postgraphile"), paths, strict=True))[target]
        return None if path is None else _follow(answer, path)


INCLUDE = "-- @include "


def read_sql(path: Path) -> str:
    """A floor's SQL with each ``-- @include NAME`` line replaced by the file NAME beside it.

    Floors that share a part (the search before QuotationChains' appearances) write it once.
    """
    lines = []
    for line in path.read_text().splitlines(keepends=True):
        if line.startswith(INCLUDE):
            line = read_sql(path.parent / line.removeprefix(INCLUDE).strip())
        lines.append(line)
    return "".join(lines)


def discover(operations: list[Path], bench: Path) -> tuple[list[Case], dict[str, str]]:
    """The cases for these operation folders, and the operations skipped with why."""
    cases: list[Case] = []
    skipped: dict[str, str] = {}
    for folder in operations:
        for path in sorted(folder.glob("*.graphql")):
            name = path.stem
            sample = bench / "sql" / f"{name}.sample.sql"
            if not sample.exists():
                skipped[name] = f"no sampler ({sample.relative_to(bench.parent)})"
                continue
            floor = bench / "sql" / f"{name}.floor.sql"
            twin = bench / "postgraphile" / "queries" / f"{name}.graphql"
            cases.append(
                Case(
                    name=name,
                    operation=Operation.read(path),
                    sample_sql=sample.read_text(),
                    floor_sql=read_sql(floor) if floor.exists() else None,
                    postgraphile=Operation.read(twin) if twin.exists() else None,
                )
            )
    return cases, skipped


def _type_name(node: TypeNode) -> str:
    if isinstance(node, NonNullTypeNode | ListTypeNode):
        return _type_name(node.type)
    assert isinstance(node, NamedTypeNode)
    return node.name.value


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _follow(answer: Any, path: str) -> int | None:
    keys, counted, adjust = path.partition("#")
    value = answer
    for key in keys.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    if counted:
        return len(value) + int(adjust or 0) if isinstance(value, list) else None
    return value if isinstance(value, int) else None
