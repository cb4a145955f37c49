"""The committed schema and the frontend operations cannot drift from the code."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import parse, validate

from provenance.api.schema import build_schema, schema_sdl
from tests.api.conftest import GraphQLClient

GRAPHQL_DIR = Path(__file__).resolve().parents[2] / "graphql"
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
