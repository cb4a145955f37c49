"""Relay connections: cursors, page info, totals, node refetch."""

from __future__ import annotations

import re

import pytest

from tests.api.conftest import GraphQLClient

pytestmark = pytest.mark.reads_only  # only reads: the session's shared database

PAGE = """
query ($after: String) {
  quotations(first: 10, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id } }
  }
}
"""


def test_pages_cover_the_list_once(api: GraphQLClient) -> None:
    seen: list[str] = []
    after = None
    while True:
        page = api.data(PAGE, {"after": after})["quotations"]
        seen += [edge["node"]["id"] for edge in page["edges"]]
        assert page["pageInfo"]["hasPreviousPage"] == (after is not None)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == page["totalCount"] == 26


def test_search_pages_cover_the_matches_once(api: GraphQLClient) -> None:
    query = """query ($after: String) { quotations(search: "Daesh", first: 2, after: $after) {
        totalCount totalCountIsExact pageInfo { hasNextPage endCursor } edges { node { id } } }
        }"""
    seen: list[str] = []
    after = None
    while True:
        page = api.data(query, {"after": after})["quotations"]
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == page["totalCount"] > 2
    assert page["totalCountIsExact"] is True


def test_node_refetches_every_type(api: GraphQLClient) -> None:
    ids = api.data(
        """{ quotations(first: 1) { edges { node { id speaker { id }
             attributions(first: 1) { edges { node {
               id article { id outlet { id } } } } } } } } }"""
    )["quotations"]["edges"][0]["node"]
    attribution = ids["attributions"]["edges"][0]["node"]
    for global_id, typename in [
        (ids["id"], "Quotation"),
        (ids["speaker"]["id"], "Speaker"),
        (attribution["id"], "Attribution"),
        (attribution["article"]["id"], "Article"),
        (attribution["article"]["outlet"]["id"], "Outlet"),
    ]:
        node = api.data("query ($id: ID!) { node(id: $id) { __typename id } }", {"id": global_id})
        assert node["node"] == {"__typename": typename, "id": global_id}


def test_unknown_node_is_null(api: GraphQLClient) -> None:
    data = api.data('{ node(id: "U3BlYWtlcjo5OTk5OQ==") { id } }')  # Speaker:99999
    assert data["node"] is None


def test_get_requests_and_graphiql(api: GraphQLClient) -> None:
    response = api.http.get("/graphql", params={"query": "{ outlets { totalCount } }"})
    assert response.json() == {"data": {"outlets": {"totalCount": 2}}}
    assert api.http.get("/healthz").json()["status"] == "ok"


def test_graphiql_is_served_without_a_cdn(api: GraphQLClient) -> None:
    page = api.http.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert "/graphiql/graphiql.min.js" in assets
    for asset in assets:
        assert asset.startswith("/graphiql/"), f"{asset} is not served by the API"
        response = api.http.get(asset)
        assert response.status_code == 200, asset
        assert len(response.content) > 500


def test_search_within_one_speaker(api: GraphQLClient) -> None:
    query = """query ($speaker: ID, $search: String!) {
        quotations(search: $search, speaker: $speaker, first: 50) {
          totalCount totalCountIsExact edges { node { speaker { id } } } } }"""
    everyone = api.data(query, {"search": "Daesh", "speaker": None})["quotations"]
    speaker = everyone["edges"][0]["node"]["speaker"]["id"]
    theirs = api.data(query, {"search": "Daesh", "speaker": speaker})["quotations"]
    assert {edge["node"]["speaker"]["id"] for edge in theirs["edges"]} == {speaker}
    assert 0 < theirs["totalCount"] == len(theirs["edges"]) <= everyone["totalCount"]
    # A misspelt search (near-misses) keeps to the speaker too.
    misspelt = {"search": "montored by a US figter jett"}
    found = api.data(query, {**misspelt, "speaker": None})["quotations"]["edges"]
    sayer = found[0]["node"]["speaker"]["id"]
    theirs = api.data(query, {**misspelt, "speaker": sayer})["quotations"]
    assert {edge["node"]["speaker"]["id"] for edge in theirs["edges"]} == {sayer}
    others = {edge["node"]["speaker"]["id"] for edge in found} - {sayer}
    for other in others:
        edges = api.data(query, {**misspelt, "speaker": other})["quotations"]["edges"]
        assert {edge["node"]["speaker"]["id"] for edge in edges} == {other}
