"""Document limits: measured in one pass, fragments once, refused with a code naming them."""

from __future__ import annotations

import pytest
from graphql import OperationDefinitionNode, parse

from provenance.api.document_limits import DocumentLimits, Measure, check, measure_operation
from provenance.api.schema import build_schema
from tests.api.conftest import GraphQLClient

pytestmark = pytest.mark.reads_only  # only reads: the session's shared database

SCHEMA = build_schema()._schema


def fragment_bomb(levels: int, *, on: str = "Query", leaf: str = "outlets { totalCount }") -> str:
    """``levels`` fragments on ``on``, each spreading the next ten times."""
    fragments = [
        f"fragment F{i} on {on} {{ " + " ".join([f"...F{i + 1}"] * 10) + " }"
        for i in range(1, levels)
    ]
    fragments.append(f"fragment F{levels} on {on} {{ {leaf} }}")
    root = "{ ...F1 }" if on == "Query" else "{ outlets { ...F1 } }"
    return root + "\n" + "\n".join(fragments)


def measure(query: str, variables: dict[str, object] | None = None) -> tuple[Measure, int]:
    document = parse(query)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    measurement = measure_operation(SCHEMA, document, operation, variables, max_depth=12)
    return measurement.measure, measurement.visited


@pytest.mark.parametrize("levels", [8, 20])
def test_the_fragment_bomb_is_measured_in_linear_work(levels: int) -> None:
    query = fragment_bomb(levels)
    result, visited = measure(query)
    # 10^(levels-1) root fields once expanded, yet each spread is visited once.
    assert result.root_fields == 10 ** (levels - 1)
    selections = query.count("...") + 3  # the spreads, the root spread's field and its child
    assert visited <= selections


@pytest.mark.parametrize("levels", [8, 20])
def test_the_fragment_bomb_is_refused_naming_the_limit(api: GraphQLClient, levels: int) -> None:
    body = api(fragment_bomb(levels))
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "MAX_ROOT_FIELDS_EXCEEDED"
    assert error["extensions"]["value"] == 10 ** (levels - 1)
    assert body.get("data") is None


def test_a_bomb_below_a_connection_is_refused_by_its_cost(api: GraphQLClient) -> None:
    body = api(fragment_bomb(8, on="OutletConnection", leaf="totalCount"))
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "MAX_COST_EXCEEDED"
    assert "PROVENANCE_MAX_QUERY_COST" in error["message"]


def test_cost_multiplies_page_sizes_through_nesting() -> None:
    query = """query ($n: Int) {
      quotations(first: 10) { edges { node { attributions(first: $n) { totalCount } } } }
    }"""
    result, _ = measure(query, {"n": 5})
    # quotations 1 + 10 x (edges 1 + node 1 + attributions 1 + 5 x totalCount 1)
    assert result.cost == 1 + 10 * (1 + 1 + 1 + 5)
    default, _ = measure(query)
    assert default.cost == 1 + 10 * (3 + 20)  # default page size
    ids, _ = measure('{ nodes(ids: ["a", "b", "c"]) { id } }')
    assert ids.cost == 1 + 3


def test_aliased_fields_in_fragments_count_per_spread() -> None:
    query = "{ ...A ...A } fragment A on Query { a: outlets { totalCount } }"
    result, _ = measure(query)
    # The same spread twice is merged by GraphQL, but counted twice here: a bound, not exact.
    assert result.aliases == 2
    assert check(result, DocumentLimits(max_aliases=1)) is not None


def test_the_cost_is_returned_when_asked(api: GraphQLClient) -> None:
    response = api.http.post(
        "/graphql",
        json={
            "query": "{ outlets(first: 5) { edges { node { name } } } }",
            "extensions": {"cost": True},
        },
    )
    assert response.json()["extensions"]["cost"] == {"requested": 1 + 5 * 3, "limit": 50_000}


def test_an_expensive_query_is_refused_with_its_cost(api: GraphQLClient) -> None:
    query = (
        "{ quotations(first: 100) { edges { node { attributions(first: 100) { edges { node {"
        " downstream(first: 100) { totalCount } } } } } } } }"
    )
    (error,) = api(query)["errors"]
    assert error["extensions"]["code"] == "MAX_COST_EXCEEDED"
    assert error["extensions"]["value"] > error["extensions"]["limit"] == 50_000


def test_the_introspection_query_of_graphiql_is_accepted(api: GraphQLClient) -> None:
    from graphql import get_introspection_query

    body = api(get_introspection_query(descriptions=True))
    assert "errors" not in body
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


def test_a_long_chain_of_fragments_is_refused_not_crashed(api: GraphQLClient) -> None:
    chain = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} }}" for i in range(550))
    body = api("{ ...F0 } " + chain + " fragment F550 on Query { outlets { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] in ("MAX_DEPTH_EXCEEDED", "MAX_TOKENS_EXCEEDED")


def test_two_operations_without_a_name_are_refused(api: GraphQLClient) -> None:
    body = api("query A { outlets { totalCount } } query B { speakers { totalCount } }")
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "OPERATION_NAME_REQUIRED"
    assert body.get("data") is None
    named = api.http.post(
        "/graphql",
        json={
            "query": "query A { outlets { totalCount } } query B { speakers { totalCount } }",
            "operationName": "B",
        },
    ).json()
    assert named == {"data": {"speakers": {"totalCount": 8}}}


def test_syntax_and_validation_errors_carry_a_code(api: GraphQLClient) -> None:
    assert api("{ outlets {")["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    unknown = api("{ nope }")["errors"][0]["extensions"]["code"]
    assert unknown == "GRAPHQL_VALIDATION_FAILED"
    many = "{ " + " ".join(f"a{i}: __typename" for i in range(3000)) + " }"
    assert api(many)["errors"][0]["extensions"]["code"] == "MAX_TOKENS_EXCEEDED"
