"""An API client over a fresh seeded database, holding a token of chosen scopes."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from starlette.testclient import TestClient

from provenance.api.app import create_app
from provenance.config import Settings
from provenance.db import async_engine, session_factory
from provenance.services.tokens import create_token
from provenance.services.transactions import write


def make_token(url: str, name: str, scopes: list[str]) -> str:
    """Create a token in the database at ``url``; return its secret."""

    async def go() -> str:
        engine = async_engine(url, pool_size=1)
        try:

            async def work(session: Any) -> str:
                _, secret = await create_token(session, name=name, scopes=scopes)
                return secret

            return await write(session_factory(engine), work, actor="test")
        finally:
            await engine.dispose()

    return asyncio.run(go())


class Client:
    """Posts GraphQL with an optional bearer token; returns the decoded JSON."""

    def __init__(self, http: TestClient, secret: str | None) -> None:
        self.http = http
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
        body = self(query, variables)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data


@contextmanager
def client(
    url: str, *, scopes: list[str] | None = None, anonymous_read: bool = True
) -> Iterator[Client]:
    """A client of an app on ``url``; with ``scopes``, it sends a token that has them."""
    secret = make_token(url, "newsroom-editor", scopes) if scopes else None
    app = create_app(Settings(database_url=url, pool_size=2, anonymous_read=anonymous_read))
    with TestClient(app) as http:
        yield Client(http, secret)
