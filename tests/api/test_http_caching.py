"""HTTP caching: Cache-Control, ETag and 304 on anonymous GET answers, gzip, Vary with CORS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from provenance.api.app import create_app
from provenance.config import Settings
from tests.api.writing_client import make_token

QUERY = "{ outlets(first: 20) { edges { node { id name slug } } } }"
ORIGIN = "https://newsroom.example"


@pytest.fixture
def http(seeded_url: str) -> Iterator[TestClient]:
    settings = Settings(database_url=seeded_url, pool_size=2, cors_origins=(ORIGIN,))
    with TestClient(create_app(settings)) as client:
        yield client


def vary(headers: object) -> set[str]:
    assert hasattr(headers, "get")
    return {v.strip().lower() for v in headers.get("vary", "").split(",") if v.strip()}


def test_an_anonymous_get_query_is_cacheable_with_an_etag_and_304(http: TestClient) -> None:
    first = http.get("/graphql", params={"query": QUERY}, headers={"Origin": ORIGIN})
    assert first.status_code == 200
    assert first.headers["cache-control"] == "public, max-age=60"
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    assert {"accept", "authorization", "accept-encoding", "origin"} <= vary(first.headers)

    again = http.get(
        "/graphql", params={"query": QUERY}, headers={"If-None-Match": etag, "Origin": ORIGIN}
    )
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert again.headers["access-control-allow-origin"] == ORIGIN
    other = http.get(
        "/graphql", params={"query": "{ speakers { totalCount } }"}, headers={"If-None-Match": etag}
    )
    assert other.status_code == 200


def test_answers_with_per_token_data_errors_or_by_post_are_never_stored(
    http: TestClient, seeded_url: str
) -> None:
    secret = make_token(seeded_url, "cache-reader", ["read"])
    with_token = http.get(
        "/graphql", params={"query": QUERY}, headers={"Authorization": f"Bearer {secret}"}
    )
    assert with_token.status_code == 200
    assert with_token.headers["cache-control"] == "private, no-store"
    assert "etag" not in with_token.headers
    by_post = http.post("/graphql", json={"query": QUERY})
    assert by_post.headers["cache-control"] == "no-store"
    assert "etag" not in by_post.headers
    failing = http.get("/graphql", params={"query": "{ nope }"})
    assert failing.headers["cache-control"] == "no-store"
    assert "etag" not in failing.headers


def test_answers_are_gzipped_for_clients_that_accept_it(http: TestClient) -> None:
    big = "{ __schema { types { name description } } }"
    response = http.get("/graphql", params={"query": big}, headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["data"]["__schema"]["types"]
    plain = http.get("/graphql", params={"query": big}, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.headers["etag"] == response.headers["etag"]  # the same answer


def test_graphiql_files_are_gzipped_with_a_weak_etag_and_304(http: TestClient) -> None:
    path = "/graphiql/graphiql.min.js"
    response = http.get(path, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    etag = response.headers["etag"]
    assert etag.startswith("W/")
    again = http.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
