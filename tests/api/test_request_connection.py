"""A request's connection: one at a time, given back on close, refused after it."""

from __future__ import annotations

import asyncio

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from provenance.api.request_connection import RequestConnection, RequestFinishedError
from provenance.db import async_engine, read_only


def _checked_out(engine: AsyncEngine) -> int:
    return int(engine.sync_engine.pool.checkedout())  # type: ignore[attr-defined]


async def _value(connection: AsyncConnection) -> int:
    return int((await connection.execute(text("SELECT 42"))).scalar_one())


def test_work_after_close_is_refused_and_takes_no_connection(seeded_url: str) -> None:
    async def scenario() -> None:
        engine = read_only(async_engine(seeded_url, pool_size=1))
        try:
            scope = RequestConnection(engine)
            assert await scope.run_core(_value) == 42
            assert await scope.run_core(_value) == 42  # the same connection, still held
            assert _checked_out(engine) == 1
            await scope.close()
            assert _checked_out(engine) == 0
            with pytest.raises(RequestFinishedError):
                await scope.run_core(_value)
            assert _checked_out(engine) == 0
            await scope.close()  # twice is fine
        finally:
            await engine.dispose()

    asyncio.run(scenario())


def test_close_cancels_a_statement_still_running_for_the_request(seeded_url: str) -> None:
    async def sleep(connection: AsyncConnection) -> None:
        await connection.execute(text("SELECT pg_sleep(60)"))

    def sleeping() -> int:
        with psycopg.connect(seeded_url, autocommit=True) as watcher:
            row = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%'"
                " AND state = 'active'"
            ).fetchone()
        assert row is not None
        return int(row[0])

    async def scenario() -> None:
        engine = read_only(async_engine(seeded_url, pool_size=1))
        try:
            scope = RequestConnection(engine)
            orphan = asyncio.create_task(scope.run_core(sleep))
            while not await asyncio.to_thread(sleeping):
                assert not orphan.done()
                await asyncio.sleep(0.02)
            await scope.close()
            assert orphan.cancelled()
            assert await asyncio.to_thread(sleeping) == 0
            assert _checked_out(engine) == 0
        finally:
            await engine.dispose()

    asyncio.run(scenario())


def test_a_connection_the_database_dropped_is_replaced_and_the_read_repeated(
    seeded_url: str,
) -> None:
    async def pid(connection: AsyncConnection) -> int:
        return int((await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one())

    async def scenario() -> None:
        engine = read_only(async_engine(seeded_url, pool_size=1))
        try:
            scope = RequestConnection(engine)
            first = await scope.run_core(pid)
            with psycopg.connect(seeded_url, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (first,))
            second = await scope.run_core(pid)
            assert second != first
            await scope.close()
        finally:
            await engine.dispose()

    asyncio.run(scenario())
