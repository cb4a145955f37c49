"""`history` on each node: the audit trail through GraphQL, batched per request."""

from __future__ import annotations

import pytest

from tests.api.conftest import GraphQLClient

pytestmark = pytest.mark.reads_only  # only reads: the session's shared database

HISTORY = """
query($first: Int!) {
  quotations(first: $first) {
    edges { node { slug history { actor operation changedFields after } } }
  }
}
"""


def test_history_shows_how_each_row_was_recorded(api: GraphQLClient) -> None:
    edges = api.data(HISTORY, {"first": 3})["quotations"]["edges"]
    for edge in edges:
        (inserted,) = edge["node"]["history"]
        assert inserted["operation"] == "INSERT"
        assert inserted["after"]["slug"] == edge["node"]["slug"]
        assert "text" in inserted["changedFields"]


def test_history_costs_the_same_statements_for_1_or_26_nodes(api: GraphQLClient) -> None:
    api.data(HISTORY, {"first": 1})
    api.statements.reset()
    api.data(HISTORY, {"first": 1})
    few = api.statements.reset()
    api.data(HISTORY, {"first": 26})
    many = api.statements.reset()
    assert many == few, f"{few} statements for 1 quotation, {many} for 26"
