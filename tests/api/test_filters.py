"""Root lists: filters, orderBy keysets and backward pages, compiled and resolved alike."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from tests.api.compiled.test_executor import assert_alike, global_id, raw
from tests.api.conftest import GraphQLClient, serve

PAGE = """
  totalCount
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  edges { cursor node { id %s } }
"""


@pytest.fixture
def review_url(seeded_url: str) -> str:
    """The seed with three attributions turned into extracted candidates to review."""
    with psycopg.connect(seeded_url) as connection:
        ids = [r[0] for r in connection.execute("SELECT id FROM attributions ORDER BY id LIMIT 3")]
        for row_id, confidence in zip(ids, (0.9, 0.4, 0.65), strict=True):
            connection.execute(
                "UPDATE attributions SET status = 'extracted', confidence = %s WHERE id = %s",
                (confidence, row_id),
            )
    return seeded_url


@pytest.fixture
def both(review_url: str) -> Iterator[tuple[GraphQLClient, GraphQLClient]]:
    with serve(review_url) as compiled, serve(review_url, compiled_reads=False) as resolvers:
        yield compiled, resolvers


def listing(field: str, arguments: str, fields: str) -> str:
    return f"query ($f: {field}) {{ list: {arguments} {{ {PAGE % fields} }} }}"


def walk(
    client: GraphQLClient, query: str, variables: dict[str, Any], *, backward: bool = False
) -> list[str]:
    """Every node id of a list, a page of 2 at a time, forward or backward."""
    found: list[str] = []
    cursor = None
    while True:
        page = client.data(query, {**variables, "c": cursor})["list"]
        ids = [edge["node"]["id"] for edge in page["edges"]]
        found = ids + found if backward else found + ids
        info = page["pageInfo"]
        if not (info["hasPreviousPage"] if backward else info["hasNextPage"]):
            return found
        cursor = info["startCursor"] if backward else info["endCursor"]


def test_the_review_queue_lists_extracted_candidates_lowest_confidence_first(
    both: tuple[GraphQLClient, GraphQLClient],
) -> None:
    api, resolvers = both
    query = (
        "{ list: attributions(filter: {status: EXTRACTED}, orderBy: CONFIDENCE_ASC) {"
        + PAGE % "status confidence"
        + "} }"
    )
    answer = assert_alike(api, resolvers, query, None)
    page = api.data(query)["list"]
    assert [e["node"]["confidence"] for e in page["edges"]] == [0.4, 0.65, 0.9]
    assert {e["node"]["status"] for e in page["edges"]} == {"EXTRACTED"}
    assert page["totalCount"] == 3
    assert '"hasNextPage":false' in answer


QUERIES = [
    ("quotations", "QuotationOrder", "text"),
    ("articles", "ArticleOrder", "publishedAt"),
    ("attributions", "AttributionOrder", "confidence"),
    ("speakers", "SpeakerOrder", "name"),
]


def _orders(client: GraphQLClient, enum: str) -> list[str]:
    found = client.data(f'{{ __type(name: "{enum}") {{ enumValues {{ name }} }} }}')
    return [value["name"] for value in found["__type"]["enumValues"]]


@pytest.mark.parametrize(("field", "enum", "leaf"), QUERIES)
def test_every_ordering_pages_forward_and_backward_alike_on_both_paths(
    both: tuple[GraphQLClient, GraphQLClient], field: str, enum: str, leaf: str
) -> None:
    api, resolvers = both
    for order in _orders(api, enum):
        forward = (
            f"query ($c: String) {{ list: {field}(orderBy: {order}, first: 2, after: $c)"
            f" {{ {PAGE % leaf} }} }}"
        )
        backward = forward.replace("first: 2, after: $c", "last: 2, before: $c")
        everything = api.data(
            f"{{ list: {field}(orderBy: {order}, first: 100) {{ {PAGE % leaf} }} }}"
        )
        ids = [e["node"]["id"] for e in everything["list"]["edges"]]
        assert len(ids) == everything["list"]["totalCount"] > 2
        assert walk(api, forward, {}) == ids == walk(resolvers, forward, {})
        assert walk(api, backward, {}, backward=True) == ids
        assert walk(resolvers, backward, {}, backward=True) == ids
        # Every page alike on both paths, byte for byte, in one statement when compiled.
        cursor = None
        for _ in range(3):
            assert_alike(api, resolvers, backward, {"c": cursor})
            page = api.data(backward, {"c": cursor})["list"]
            cursor = page["pageInfo"]["startCursor"]


FILTERS: list[tuple[str, str, dict[str, Any], int]] = [
    ("quotations", "QuotationFilter", {"speaker": "talal-silo"}, 0),
    ("quotations", "QuotationFilter", {"outlet": "bbc"}, 0),
    ("quotations", "QuotationFilter", {"kind": "INDIRECT"}, 0),
    ("quotations", "QuotationFilter", {"status": "EXTRACTED"}, 0),
    ("quotations", "QuotationFilter", {"publishedFrom": "2017-11-14"}, 0),
    (
        "quotations",
        "QuotationFilter",
        {"publishedFrom": "2017-11-14", "dateOf": "ANY_APPEARANCE"},
        0,
    ),
    ("articles", "ArticleFilter", {"outlet": "anadolu-agency"}, 0),
    ("articles", "ArticleFilter", {"publishedTo": "2017-11-13", "language": "en"}, 0),
    ("attributions", "AttributionFilter", {"kind": "DIRECT", "outlet": "bbc"}, 0),
    ("attributions", "AttributionFilter", {"speaker": "eric-pahon"}, 0),
    ("attributions", "AttributionFilter", {"publishedFrom": "2017-11-13"}, 0),
    ("speakers", "SpeakerFilter", {"kind": "UNNAMED"}, 0),
]


@pytest.mark.parametrize(("field", "filter_type", "value", "_"), FILTERS)
def test_every_filter_finds_something_in_the_seed_alike_on_both_paths(
    both: tuple[GraphQLClient, GraphQLClient],
    field: str,
    filter_type: str,
    value: dict[str, Any],
    _: int,
) -> None:
    api, resolvers = both
    query = (
        f"query ($f: {filter_type}) {{ list: {field}(filter: $f, first: 100) {{ {PAGE % 'id'} }} }}"
    )
    assert_alike(api, resolvers, query, {"f": value})
    some = api.data(query, {"f": value})["list"]
    everything = api.data(query, {"f": {}})["list"]
    assert 0 < some["totalCount"] < everything["totalCount"]
    assert some["totalCount"] == len(some["edges"])


def test_filters_take_global_ids_as_well_as_slugs(api: GraphQLClient, seeded_url: str) -> None:
    with psycopg.connect(seeded_url) as connection:
        row = connection.execute("SELECT id FROM speakers WHERE slug = 'eric-pahon'").fetchone()
    assert row is not None
    query = "query ($s: String) { attributions(filter: {speaker: $s}) { totalCount } }"
    by_slug = api.data(query, {"s": "eric-pahon"})
    assert by_slug == api.data(query, {"s": global_id("Speaker", row[0])})
    assert by_slug["attributions"]["totalCount"] > 0
    assert api.data(query, {"s": "nobody-known"})["attributions"]["totalCount"] == 0
    wrong = api(query, {"s": global_id("Outlet", 1)})
    assert "is not the id of a Speaker" in wrong["errors"][0]["message"]
    assert wrong["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


def test_a_cursor_of_another_ordering_is_refused(api: GraphQLClient) -> None:
    first = api.data(
        "{ articles(orderBy: PUBLISHED_AT_DESC, first: 1) { pageInfo { endCursor } } }"
    )
    cursor = first["articles"]["pageInfo"]["endCursor"]
    for order in ("PUBLISHED_AT_ASC", "ID_ASC"):
        body = api(
            f"query ($c: String) {{ articles(orderBy: {order}, after: $c) {{ totalCount }} }}",
            {"c": cursor},
        )
        (error,) = body["errors"]
        assert "another ordering" in error["message"]
        assert error["extensions"]["code"] == "INVALID_INPUT"


def test_first_and_last_together_are_refused(api: GraphQLClient) -> None:
    body = api("{ quotations(first: 2, last: 2) { totalCount } }")
    (error,) = body["errors"]
    assert error["message"].startswith("give first or last, not both")
    assert error["extensions"]["code"] == "INVALID_INPUT"


def test_search_keeps_to_its_own_order(api: GraphQLClient) -> None:
    body = api('{ quotations(search: "Raqqa", orderBy: RELAY_COUNT_DESC) { totalCount } }')
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    found = api.data(
        '{ quotations(search: "Raqqa", filter: {speaker: "eric-pahon"}) { totalCount } }'
    )
    assert found["quotations"]["totalCount"] > 0
    assert raw(api, "{ __typename }")
