"""Predictable limits and clear errors."""

from __future__ import annotations

import pytest

from tests.api.conftest import GraphQLClient

pytestmark = pytest.mark.reads_only  # only reads: the session's shared database


def test_first_above_the_maximum_is_refused(api: GraphQLClient) -> None:
    body = api("{ quotations(first: 101) { totalCount } }")
    (error,) = body["errors"]
    assert "first must be between 0 and 100" in error["message"]
    assert error["extensions"] == {
        "code": "INVALID_INPUT",
        "field": "first",
        "hint": "page through longer lists with after (or before)",
    }


def test_a_foreign_cursor_is_refused(api: GraphQLClient) -> None:
    body = api('{ outlets(after: "bm90LWEtY3Vyc29y") { totalCount } }')
    assert body["errors"][0]["extensions"]["field"] == "after"


def test_blank_search_is_refused(api: GraphQLClient) -> None:
    body = api('{ quotations(search: "  ") { totalCount } }')
    assert body["errors"][0]["extensions"]["field"] == "search"


def test_deep_queries_are_refused(api: GraphQLClient) -> None:
    nested = "upstream { " * 14 + "id" + " }" * 14
    body = api(f'{{ attribution(id: "QXR0cmlidXRpb246MQ==") {{ {nested} }} }}')
    assert "more than 12 levels deep" in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["code"] == "MAX_DEPTH_EXCEEDED"
    assert body.get("data") is None


def test_too_many_aliases_are_refused(api: GraphQLClient) -> None:
    aliases = " ".join(f"a{i}: outlets {{ totalCount }}" for i in range(40))
    body = api(f"{{ {aliases} }}")
    assert "aliases" in body["errors"][0]["message"].lower()
    assert body["errors"][0]["extensions"] == {
        "code": "MAX_ALIASES_EXCEEDED",
        "limit": 30,
        "value": 40,
    }


def test_wrong_id_type_is_named(api: GraphQLClient) -> None:
    outlet = api.data('{ outlet(slug: "bbc") { id } }')["outlet"]["id"]
    body = api("query ($id: ID!) { speaker(id: $id) { name } }", {"id": outlet})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert "is not the id of a Speaker" in body["errors"][0]["message"]


@pytest.mark.parametrize("first", [0, 1, 100])
def test_page_sizes_within_the_limit_work(api: GraphQLClient, first: int) -> None:
    data = api.data(f"{{ attributions: quotations(first: {first}) {{ edges {{ cursor }} }} }}")
    assert len(data["attributions"]["edges"]) == min(first, 26)
