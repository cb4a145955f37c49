"""An API client over a fresh seeded database, holding a token of chosen scopes."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from starlette.testclient import TestClient

from provenance.api.app import create_app
from provenance.config import Settings
from provenance.db import StatementCounter, async_engine, session_factory
from provenance.services.tokens import create_token
from provenance.services.transactions import write
from tests.api.conftest import GraphQLClient


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


# The same client the read tests use, here holding a token.
Client = GraphQLClient


@contextmanager
def client(
    url: str, *, scopes: list[str] | None = None, anonymous_read: bool = True
) -> Iterator[Client]:
    """A client of an app on ``url``; with ``scopes``, it sends a token that has them."""
    secret = make_token(url, "newsroom-editor", scopes) if scopes else None
    app = create_app(Settings(database_url=url, pool_size=2, anonymous_read=anonymous_read))
    with TestClient(app) as http:
        yield Client(http, StatementCounter(app.state.engine), secret)
