"""The three targets a case is measured against: our API, the SQL floor, PostGraphile.

Each target turns "request number i" into one call for the load generator, and can
fetch one answer for the same-data check.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import psycopg

from provenance.bench.cases import Case, Operation
from provenance.bench.http import HttpClient
from provenance.bench.loadgen import Call


def _graphql_error(answer: Any) -> str | None:
    if not isinstance(answer, dict):
        return "answer is not a JSON object"
    errors = answer.get("errors")
    if errors:
        return "GraphQL error: " + json.dumps(errors)[:400]
    return None


class GraphQLTarget:
    """A GraphQL server, asked ``operation`` with each sampled row's variables."""

    def __init__(self, client: HttpClient, path: str, operation: Operation) -> None:
        self._client = client
        self._path = path
        self._operation = operation

    async def answer(self, row: dict[str, Any], worker: int = 0) -> Any:
        response = await self._client.post_json(
            self._path,
            {"query": self._operation.document, "variables": self._operation.bind(row)},
            worker=worker,
        )
        if response.status != 200:
            return {"errors": [f"HTTP {response.status}: {response.text[:300]}"]}
        return response.json()

    def call(self, rows: list[dict[str, Any]]) -> Call:
        async def call(worker: int, index: int) -> str | None:
            return _graphql_error(await self.answer(rows[index % len(rows)], worker))

        return call


@asynccontextmanager
async def graphql_client(base: str, concurrency: int) -> AsyncIterator[HttpClient]:
    """Keep-alive connections to ``base`` for a whole run, one per worker."""
    client = HttpClient(base, size=concurrency)
    try:
        yield client
    finally:
        await client.close()


class FloorTarget:
    """The hand-written statement, one connection per worker (no pool overhead)."""

    def __init__(self, connections: list[psycopg.AsyncConnection[Any]], case: Case) -> None:
        assert case.floor_sql is not None
        self._connections = connections
        self._sql = case.floor_sql

    async def answer(self, row: dict[str, Any], worker: int = 0) -> Any:
        cursor = await self._connections[worker].execute(self._sql, row)
        found = await cursor.fetchone()
        return None if found is None else found[0]

    def call(self, rows: list[dict[str, Any]]) -> Call:
        async def call(worker: int, index: int) -> str | None:
            await self.answer(rows[index % len(rows)], worker)
            return None

        return call


@asynccontextmanager
async def floor_connections(
    url: str, concurrency: int
) -> AsyncIterator[list[psycopg.AsyncConnection[Any]]]:
    """``concurrency`` autocommit connections, closed at the end."""
    connections = [
        await psycopg.AsyncConnection.connect(url, autocommit=True) for _ in range(concurrency)
    ]
    try:
        yield connections
    finally:
        for connection in connections:
            await connection.close()
