"""Arguments that would make one request do unbounded work are refused, naming them."""

from __future__ import annotations

import pytest
from strawberry.relay import GlobalID

from tests.api.conftest import GraphQLClient

pytestmark = pytest.mark.reads_only  # only reads: the session's shared database


def _errors(body: dict[str, object]) -> list[dict[str, object]]:
    errors = body.get("errors")
    assert isinstance(errors, list), body
    return errors


def test_a_search_longer_than_the_limit_is_refused(api: GraphQLClient) -> None:
    query = "query($s: String!) { quotations(search: $s) { totalCount } }"
    api.statements.reset()
    body = api(query, {"s": "Raqqa " * 100})  # 600 characters
    (error,) = _errors(body)
    assert error["extensions"] == {
        "code": "INVALID_INPUT",
        "field": "search",
        "hint": "search for a shorter, distinctive part of the quote",
    }
    assert error["message"] == "search is 600 characters long; at most 500 are accepted"
    assert api.statements.reset() == 0  # refused before any SQL
    # At the limit it is a search like any other.
    assert api.data(query, {"s": "Raqqa " * 83})["quotations"]["totalCount"] >= 1


def test_speaker_search_and_similar_quotes_are_capped_alike(api: GraphQLClient) -> None:
    long = "x" * 501
    speakers = _errors(
        api("query($s: String!) { speakers(search: $s) { totalCount } }", {"s": long})
    )
    assert speakers[0]["extensions"]["field"] == "search"  # type: ignore[index]
    similar_query = "query($t: String!) { similarQuotes(text: $t) { similarity } }"
    similar = _errors(api(similar_query, {"t": long}))
    assert similar[0]["extensions"]["field"] == "text"  # type: ignore[index]


def test_nodes_takes_at_most_a_page_of_ids(api: GraphQLClient) -> None:
    query = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
    page = [str(GlobalID("Quotation", str(i))) for i in range(1, 101)]
    assert len(api.data(query, {"ids": page})["nodes"]) == 100
    api.statements.reset()
    (error,) = _errors(api(query, {"ids": [*page, page[0]]}))
    assert error["extensions"] == {
        "code": "INVALID_INPUT",
        "field": "ids",
        "hint": "ask for 100 at a time",
    }
    assert error["message"] == "ids has 101 ids; at most 100 are accepted"
    assert api.statements.reset() == 0
