"""Malformed and impossible ids, cursors and text: INVALID_INPUT naming the argument."""

from __future__ import annotations

import base64
import json
import logging

import pytest

from tests.api.conftest import GraphQLClient

pytestmark = pytest.mark.reads_only  # only reads: the session's shared database


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


BAD_IDS = [
    b64("Quotation:99999999999999999999999"),  # beyond a bigint
    b64("Node:1"),  # the interface, not a type
    b64("Query:1"),
    b64("Quotation:-1"),
    b64("Quotation:\u0967\u0968"),  # Devanagari digits are no row id
    b64(":1"),
    "garbage!!",
    "RIB",
    "",
]


@pytest.mark.parametrize(
    ("query", "argument"),
    [
        ("query ($id: ID!) { node(id: $id) { id } }", "id"),
        ("query ($id: ID!) { nodes(ids: [$id]) { id } }", "ids"),
        ("query ($id: ID!) { quotation(id: $id) { id } }", "id"),
        ("query ($id: ID!) { quotations(speaker: $id) { totalCount } }", "speaker"),
        ("query ($id: ID!) { articles(outlet: $id) { totalCount } }", "outlet"),
    ],
)
def test_a_bad_id_is_invalid_input_naming_the_argument(
    api: GraphQLClient, query: str, argument: str, caplog: pytest.LogCaptureFixture
) -> None:
    for bad in BAD_IDS:
        with caplog.at_level(logging.INFO, logger="provenance.api"):
            body = api(query, {"id": bad})
        (error,) = body["errors"]
        assert error["extensions"]["code"] == "INVALID_INPUT", (bad, error)
        assert error["extensions"]["field"] == argument, (bad, error)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]


BAD_CURSORS = [
    "garbage",
    "%%%",
    b64("null"),
    b64("[1e400]"),
    b64("[true]"),
    b64("[99999999999999999999999]"),
    b64('["\\u0000"]'),
    b64("[1, 2, 3, 4, 5]"),
    b64('{"a": 1}'),
]


@pytest.mark.parametrize(
    "query",
    [
        "query ($c: String) { outlets(after: $c) { totalCount } }",
        "query ($c: String) { quotations(after: $c) { totalCount } }",
        'query ($c: String) { quotations(search: "jet", after: $c) { totalCount } }',
        'query ($c: String) { outlet(slug: "bbc") { articles(after: $c) { totalCount } } }',
    ],
)
def test_a_bad_cursor_is_invalid_input_naming_after(api: GraphQLClient, query: str) -> None:
    for bad in BAD_CURSORS:
        (error,) = api(query, {"c": bad})["errors"]
        assert error["extensions"]["code"] == "INVALID_INPUT", (bad, error)
        assert error["extensions"]["field"] == "after", (bad, error)


@pytest.mark.parametrize(
    ("query", "argument"),
    [
        ("query ($s: String) { quotations(search: $s) { totalCount } }", "search"),
        ("query ($s: String) { speaker(slug: $s) { name } }", "slug"),
    ],
)
def test_text_postgresql_cannot_hold_is_refused(
    api: GraphQLClient, query: str, argument: str
) -> None:
    nul = api(query, {"s": "a\u0000b"})
    assert nul["errors"][0]["extensions"] == {"code": "INVALID_INPUT", "field": argument}
    for surrogate in ("\ud800", "x\udfffy"):
        body = json.dumps({"query": query, "variables": {"s": surrogate}})  # escaped
        response = api.http.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 400
        assert "lone surrogate" in response.json()["errors"][0]["message"]


def test_a_nul_in_a_literal_is_refused(api: GraphQLClient) -> None:
    (error,) = api('{ quotations(search: "a\\u0000b") { totalCount } }')["errors"]
    assert error["extensions"] == {"code": "INVALID_INPUT", "field": "search"}


def test_a_child_page_past_the_last_keeps_its_count(
    api: GraphQLClient, resolvers_api: GraphQLClient
) -> None:
    last = api.data('{ outlet(slug: "bbc") { articles { edges { cursor } } } }')
    cursor = last["outlet"]["articles"]["edges"][-1]["cursor"]
    query = 'query ($c: String) { outlet(slug: "bbc") { articles(after: $c) { totalCount } } }'
    compiled = api.data(query, {"c": cursor})
    assert compiled == resolvers_api.data(query, {"c": cursor})
    assert compiled["outlet"]["articles"]["totalCount"] >= 1
