"""The committed schema and the frontend operations cannot drift from the code."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    build_ast_schema,
    get_named_type,
    parse,
    validate,
)
from graphql.type import specified_scalar_types

from provenance.api.connection import DEFAULT_PAGE_SIZE
from provenance.api.schema import build_schema, schema_sdl
from tests.api.conftest import GraphQLClient

pytestmark = pytest.mark.reads_only  # only reads: the session's shared database

GRAPHQL_DIR = Path(__file__).resolve().parents[2] / "graphql"
SPECIFIED_SCALARS = set(specified_scalar_types)
OPERATIONS = sorted((GRAPHQL_DIR / "operations").glob("*.graphql"))

# Variables for each operation, against the seeded database. Every operation file needs
# an entry: a new operation without one fails test_every_operation_has_variables.
VARIABLES = {
    "ArticleAnnotations": {"slug": "seed-000"},
    "Node": None,  # filled in from a listing, since ids are opaque
    "OutletPage": {"slug": "bbc"},
    "QuotationChains": {"search": "monitored by a US fighter jet"},
    "QuotationRelayGraph": {"slug": "truck-driver-took-everything"},
    "SpeakerPage": {"slug": "talal-silo"},
    "SpeakerSearch": {"search": "Silo"},
}


def test_committed_schema_matches_the_code() -> None:
    committed = (GRAPHQL_DIR / "schema.graphql").read_text()
    assert committed == schema_sdl(), "run `make schema` and commit graphql/schema.graphql"


def test_every_operation_has_variables() -> None:
    assert sorted(VARIABLES) == sorted(path.stem for path in OPERATIONS)


@pytest.mark.parametrize("path", OPERATIONS, ids=lambda p: p.stem)
def test_operation_is_valid_against_the_schema(path: Path) -> None:
    errors = validate(build_schema()._schema, parse(path.read_text()))
    assert errors == []


@pytest.mark.parametrize("path", OPERATIONS, ids=lambda p: p.stem)
def test_operation_runs_on_the_seeds(api: GraphQLClient, path: Path) -> None:
    variables = VARIABLES[path.stem]
    if variables is None:
        first = api.data("{ quotations(first: 1) { edges { node { id } } } }")
        variables = {"id": first["quotations"]["edges"][0]["node"]["id"]}
    data = api.data(path.read_text(), variables)
    (root,) = data.values()
    assert root, f"{path.stem} returned nothing"
    # Every list the operation asks for has items on the seeds: a wrong filter shows.
    assert "'edges': []" not in str(root) or path.stem == "OutletPage"


def _undescribed(schema: GraphQLSchema) -> list[str]:
    """Every type, field, argument, enum value and input field without a description."""
    missing: list[str] = []
    for name, named in schema.type_map.items():
        if name.startswith("__") or name in SPECIFIED_SCALARS:
            continue
        if not named.description:
            missing.append(name)
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in named.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                missing += [
                    f"{name}.{field_name}({arg})"
                    for arg, argument in field.args.items()
                    if not argument.description
                ]
        elif isinstance(named, GraphQLInputObjectType):
            missing += [f"{name}.{f}" for f, value in named.fields.items() if not value.description]
        elif isinstance(named, GraphQLEnumType):
            missing += [f"{name}.{v}" for v, value in named.values.items() if not value.description]
    return missing


def test_everything_in_the_schema_is_described() -> None:
    assert _undescribed(build_schema()._schema) == []


def test_the_description_check_finds_what_is_undescribed() -> None:
    bare = build_ast_schema(parse("type Query { a(b: Int): E } enum E { X }"))
    assert _undescribed(bare) == ["Query", "Query.a", "Query.a(b)", "E", "E.X"]


def test_connections_take_first_or_last_and_say_the_default_page_size() -> None:
    query = build_schema()._schema.query_type
    assert query is not None
    arguments = query.fields["quotations"].args
    # No default in the schema: a default first would clash with a client's last.
    assert arguments["first"].default_value is None
    assert arguments["last"].default_value is None
    # The default page size is said in words instead, on every connection's first.
    speaker = build_schema()._schema.type_map["Speaker"]
    assert isinstance(speaker, GraphQLObjectType)
    for field in [*query.fields.values(), *speaker.fields.values()]:
        if get_named_type(field.type).name.endswith("Connection"):
            assert f"means {DEFAULT_PAGE_SIZE} (the default page size)" in (
                field.args["first"].description or ""
            ), field
