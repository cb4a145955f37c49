"""No N+1: the statements a request issues do not grow with the items it returns."""

from __future__ import annotations

import pytest

from tests.api.conftest import GraphQLClient

pytestmark = pytest.mark.reads_only  # only reads: the session's shared database

NESTED = """
query ($first: Int!) {
  quotations(first: $first) {
    totalCount
    edges { node {
      text speaker { name aliases { alias } }
      attributions(first: 10) { totalCount edges { node {
        text markers markerSpans { kind }
        article { publishedAt outlet { name } }
        upstream { id speaker { name } }
        chain { role name speaker { name } outlet { name } article { publishedAt } }
      } } }
    } }
  }
}
"""


@pytest.mark.parametrize(
    "query",
    [
        NESTED,
        """query ($first: Int!) { speakers(first: $first) { edges { node { name aliases { alias }
             quotations(first: 5) { totalCount edges { node { text } } } } } } }""",
        """query ($first: Int!) { articles(first: $first) { edges { node { outlet { name }
             attributions(first: 5) { totalCount edges { node {
               text quotation { text } } } } } } } }""",
    ],
)
def test_statement_count_does_not_grow_with_items(api: GraphQLClient, query: str) -> None:
    api.statements.reset()
    one = api.data(query, {"first": 1})
    few = api.statements.reset()
    many = api.data(query, {"first": 25})
    lots = api.statements.reset()
    assert len(str(many)) > 3 * len(str(one))  # the larger request really returns more
    # A dataloader batch can split in two when its keys arrive across event-loop ticks
    # (timing, not size); N+1 would instead add a statement per item, 24 or more here.
    assert lots <= few + 1, f"{few} statements for 1 item, {lots} for 25"
    assert lots <= 12


SEARCH = """
query ($search: String!) {
  quotations(search: $search, first: 5) {
    totalCount
    edges { node { id slug text language speaker { id slug name kind description } } }
  }
}
"""


@pytest.mark.parametrize(
    ("search", "statements"),
    [
        ("Daesh", 1),  # the page, its speakers and the count in one statement
        ("montored by a US figter jett", 2),  # no word matches: then the near-misses
    ],
)
def test_a_search_page_comes_with_its_speakers(
    api: GraphQLClient, search: str, statements: int
) -> None:
    api.statements.reset()
    found = api.data(SEARCH, {"search": search})["quotations"]
    assert api.statements.reset() == statements
    nodes = [edge["node"] for edge in found["edges"]]
    assert nodes
    assert found["totalCount"] >= len(nodes)
    # The same quotations and speakers as looked up by id, field for field.
    by_id = api.data(
        """query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Quotation {
             id slug text language speaker { id slug name kind description } } } }""",
        {"ids": [node["id"] for node in nodes]},
    )["nodes"]
    assert by_id == nodes


def test_a_speaker_search_counts_its_matches_in_the_same_statement(api: GraphQLClient) -> None:
    query = """query ($after: String) { speakers(search: "the", first: 1, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { slug } } } }"""
    api.statements.reset()
    first = api.data(query)["speakers"]
    assert api.statements.reset() == 1
    assert first["totalCount"] > 1
    assert first["pageInfo"]["hasNextPage"]
    # The next page counts every match too, not only those after the cursor.
    after = first["pageInfo"]["endCursor"]
    second = api.data(query, {"after": after})["speakers"]
    assert second["totalCount"] == first["totalCount"]
    assert second["edges"] != first["edges"]
