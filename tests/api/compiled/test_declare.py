"""A field declared once is answered by both paths alike, and one declared otherwise fails."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import psycopg
import pytest
import strawberry
from sqlalchemy import func
from strawberry import relay
from strawberry.permission import BasePermission
from strawberry.schema.config import StrawberryConfig
from strawberry.types.base import get_object_definition

from provenance import models
from provenance.api.compiled.declare import read_type, sql_field
from provenance.api.compiled.executor import CompiledReads
from provenance.api.compiled.sources import sources, unchecked, undeclared
from provenance.api.metrics import fallbacks
from provenance.api.types.attribution import Attribution
from tests.api.compiled.test_executor import global_id, raw
from tests.api.conftest import GraphQLClient, serve


@read_type(models.Attribution)
@strawberry.type(name="AttributionPlus", description="An attribution with more fields.")
class AttributionPlus(Attribution):
    # The one declaration each new field takes: both paths answer it from here.
    prefix: str | None = sql_field(
        column=models.Attribution.prefix, description="Up to 32 characters before the span."
    )
    recorded_at: datetime = sql_field(
        column=models.Attribution.created_at, description="A timestamptz column."
    )
    text_length: int | None = sql_field(
        expr=lambda row: func.length(row[models.Attribution.text]),
        description="An SQL expression: PostgreSQL computes it on both paths.",
    )
    normalised_text: str | None = sql_field(
        column=models.Attribution.normalised_text,
        description="A deferred column, which the row the resolvers load does not hold.",
    )
    unmarked: bool = sql_field(
        expr=lambda row: ~row[models.Attribution.text].like("%[%"),
        description="An expression with a percent sign (a LIKE pattern).",
    )


@strawberry.type
class PlusQuery:
    node: relay.Node = relay.node()
    nodes: list[relay.Node] = relay.node()


def plus_schema() -> strawberry.Schema:
    return strawberry.Schema(
        query=PlusQuery,
        types=[AttributionPlus],
        config=StrawberryConfig(auto_camel_case=True),
        execution_context_class=CompiledReads,
    )


@pytest.fixture
def plus_pair(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[GraphQLClient, GraphQLClient]]:
    schema = plus_schema()
    monkeypatch.setattr("provenance.api.app.build_schema", lambda _settings: schema)
    with serve(seeded_url) as compiled, serve(seeded_url, compiled_reads=False) as resolvers:
        yield compiled, resolvers


PLUS = (
    "id prefix text kind confidence recordedAt textLength normalisedText unmarked"
    " markers span { start prefix } article { slug citationOnly outlet { name } }"
)


def test_a_field_declared_once_is_compiled_and_resolved_alike(
    plus_pair: tuple[GraphQLClient, GraphQLClient], seeded_url: str
) -> None:
    api, resolvers = plus_pair
    with psycopg.connect(seeded_url) as connection:
        ids = [
            row_id
            for (row_id,) in connection.execute(
                "SELECT id FROM attributions WHERE prefix <> '' ORDER BY id LIMIT 5"
            )
        ]
        # Values whose JSON PostgreSQL writes otherwise than Python: microseconds with
        # trailing zeros, a whole second, a whole float.
        for row_id, at, confidence in zip(
            ids, ["2020-01-02 03:04:05.12+00", "2020-01-02 03:04:05+00"], [1.0, 0.0], strict=False
        ):
            connection.execute(
                "UPDATE attributions SET created_at = %s, confidence = %s WHERE id = %s",
                (at, confidence, row_id),
            )
    assert len(ids) == 5
    query = f"query ($id: ID!) {{ node(id: $id) {{ ... on AttributionPlus {{ {PLUS} }} }} }}"
    before = dict(fallbacks())
    answers = []
    for row_id in ids:
        variables: dict[str, Any] = {"id": global_id("AttributionPlus", row_id)}
        api.statements.reset()
        compiled = raw(api, query, variables)
        assert api.statements.reset() == 1, "not answered by one compiled statement"
        assert compiled == raw(resolvers, query, variables)
        answers.append(compiled)
    assert dict(fallbacks()) == before, "a field declared once fell back"
    assert '"recordedAt":"2020-01-02T03:04:05.120000+00:00"' in answers[0]
    assert '"confidence":1.0' in answers[0]
    assert '"recordedAt":"2020-01-02T03:04:05+00:00","textLength":' in answers[1]
    assert all('"normalisedText":"' in answer for answer in answers)
    # The resolvers read an expression for all the rows of a request in one statement.
    many = f"query ($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on AttributionPlus {{ {PLUS} }} }} }}"
    variables = {"ids": [global_id("AttributionPlus", row_id) for row_id in ids]}
    resolvers.statements.reset()
    listed = raw(resolvers, many, variables)
    assert resolvers.statements.reset() <= 8, "a statement per row"
    assert listed == raw(api, many, variables)


class Deny(BasePermission):
    message = "no"

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:  # noqa: ARG002
        return False


@read_type(models.Outlet)
@strawberry.type(name="OutletUndeclared")
class OutletUndeclared:
    name: str = sql_field(column=models.Outlet.name, description="Declared.")
    website: str | None = strawberry.field(description="Not declared.")
    slug: str = sql_field(column=models.Outlet.slug, description="Declared, then guarded.")


@strawberry.type
class UndeclaredQuery:
    @strawberry.field
    def outlet(self) -> OutletUndeclared | None:
        return None


def test_a_field_neither_declared_nor_resolver_only_is_named() -> None:
    schema = strawberry.Schema(query=UndeclaredQuery)._schema
    assert undeclared(schema) == ["OutletUndeclared.website"]
    assert set(sources(schema)["OutletUndeclared"].fields) == {"name", "slug"}


def test_a_compiled_field_with_permissions_is_named() -> None:
    definition = get_object_definition(OutletUndeclared, strict=True)
    (slug,) = [f for f in definition.fields if f.python_name == "slug"]
    slug.permission_classes = [Deny]
    try:
        schema = strawberry.Schema(query=UndeclaredQuery)._schema
        assert unchecked(schema) == ["OutletUndeclared.slug permission_classes"]
    finally:
        slug.permission_classes = []


@read_type()
@strawberry.type(name="Tableless")
class Tableless:
    length: int = sql_field(
        expr=lambda row: func.length(row[models.Attribution.text]), description="Read by id."
    )


@strawberry.type
class TablelessQuery:
    @strawberry.field
    def tableless(self) -> Tableless | None:
        return None


def test_an_expression_needs_a_table_to_be_read_by_id_and_takes_no_resolver() -> None:
    schema = strawberry.Schema(query=TablelessQuery)._schema
    with pytest.raises(TypeError, match=r"Tableless\.length: an expression is read by id"):
        sources(schema)
    with pytest.raises(TypeError, match="computed by PostgreSQL on both paths"):
        sql_field(
            expr=lambda row: row[models.Attribution.text],
            resolver=lambda: None,
            description="Twice.",
        )
