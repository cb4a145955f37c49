"""API clients over the seeded database, and a statement counter.

``api`` and ``resolvers_api`` serve a fresh clone per test (the test may write);
``read_api`` and ``read_resolvers_api`` serve the session's shared read-only database
through one app each (for tests that only read: a write through them fails), and so do
``api`` and ``resolvers_api`` in a test marked ``reads_only``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from provenance.api.app import create_app
from provenance.config import Settings
from provenance.db import StatementCounter
from tests.conftest import marked_reads_only


class GraphQLClient:
    """Posts GraphQL requests, with a bearer token if given, and returns the decoded JSON."""

    def __init__(
        self, http: TestClient, statements: StatementCounter, secret: str | None = None
    ) -> None:
        self.http = http
        self.statements = statements
        self.secret = secret

    def __call__(
        self, query: str, variables: dict[str, Any] | None = None, *, secret: str | None = None
    ) -> dict[str, Any]:
        token = secret or self.secret
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code in (200, 400), response.text
        body: dict[str, Any] = response.json()
        return body

    def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The data of a request that must succeed."""
        body = self(query, variables)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data


@contextlib.contextmanager
def serve(url: str, *, compiled_reads: bool = True) -> Iterator[GraphQLClient]:
    """A client of the API over ``url``, with compiled reads on or off."""
    settings = Settings(
        database_url=url,
        pool_size=2,
        compiled_reads=compiled_reads,
        # These clients send many requests a minute from one address (tests/api/
        # test_rate_limits.py tests the limit).
        rate_limit_anonymous_points=0,
    )
    app = create_app(settings)
    counter = StatementCounter(app.state.engine)
    with TestClient(app) as http:
        yield GraphQLClient(http, counter)


@pytest.fixture
def api(request: pytest.FixtureRequest) -> Iterator[GraphQLClient]:
    """The API over a fresh seeded database (``read_api`` for a test marked reads_only)."""
    if marked_reads_only(request):
        yield request.getfixturevalue("read_api")
        return
    with serve(request.getfixturevalue("seeded_url")) as client:
        yield client


@pytest.fixture
def resolvers_api(request: pytest.FixtureRequest) -> Iterator[GraphQLClient]:
    """The same API with compiled reads off: every field goes through its resolver."""
    if marked_reads_only(request):
        yield request.getfixturevalue("read_resolvers_api")
        return
    with serve(request.getfixturevalue("seeded_url"), compiled_reads=False) as client:
        yield client


@pytest.fixture(scope="session")
def _shared_api(shared_seeded_url: str) -> Iterator[GraphQLClient]:
    with serve(shared_seeded_url) as client:
        yield client


@pytest.fixture(scope="session")
def _shared_resolvers_api(shared_seeded_url: str) -> Iterator[GraphQLClient]:
    with serve(shared_seeded_url, compiled_reads=False) as client:
        yield client


@pytest.fixture
def read_api(_shared_api: GraphQLClient) -> GraphQLClient:
    """``api`` over the shared read-only seeded database, its statement count at zero."""
    _shared_api.statements.reset()
    _shared_api.secret = None
    return _shared_api


@pytest.fixture
def read_resolvers_api(_shared_resolvers_api: GraphQLClient) -> GraphQLClient:
    """``resolvers_api`` over the shared read-only seeded database."""
    _shared_resolvers_api.statements.reset()
    _shared_resolvers_api.secret = None
    return _shared_resolvers_api
