"""Engines: generic plans and reads outside transactions for the API, pings of idle connections."""

from __future__ import annotations

import asyncio

import psycopg
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from provenance import db
from provenance.db import async_engine, read_only


async def _plan_cache_mode(engine: AsyncEngine) -> str:
    async with engine.connect() as connection:
        return str(await connection.scalar(text("SHOW plan_cache_mode")))


async def _one_transaction(engine: AsyncEngine) -> bool:
    """Whether two statements on one connection ran in the same transaction."""
    async with engine.connect() as connection:
        first = await connection.scalar(text("SELECT transaction_timestamp()"))
        await asyncio.sleep(0.01)
        second = await connection.scalar(text("SELECT transaction_timestamp()"))
        return bool(first == second)


def test_api_engine_plans_once_and_reads_without_a_transaction(empty_url: str) -> None:
    async def check() -> tuple[str, str, bool, bool]:
        api = async_engine(empty_url, pool_size=1, generic_plans=True)
        plain = async_engine(empty_url, pool_size=1)
        try:
            return (
                await _plan_cache_mode(api),
                await _plan_cache_mode(plain),
                await _one_transaction(read_only(api)),
                await _one_transaction(api),
            )
        finally:
            await api.dispose()
            await plain.dispose()

    api_mode, plain_mode, reads_share_one, writes_share_one = asyncio.run(check())
    assert api_mode == "force_generic_plan"
    assert plain_mode == "auto"
    assert not reads_share_one  # each read statement is its own (autocommit) transaction
    assert writes_share_one  # the engine itself still opens transactions for writes


def test_an_idle_pooled_connection_is_pinged_and_replaced_when_dead(empty_url: str) -> None:
    now = [0.0]  # the engine's clock: it moves only when the test moves it

    async def scenario() -> tuple[int, int, int, bool, int]:
        engine = async_engine(empty_url, pool_size=1, clock=lambda: now[0])
        try:
            first = await _backend_pid(engine)
            await _terminate(empty_url, first)
            now[0] += db.PING_AFTER_IDLE_SECONDS  # idle as long as the window: pinged, replaced
            second = await _backend_pid(engine)

            await _terminate(empty_url, second)  # used a moment ago: trusted, not pinged
            now[0] += db.PING_AFTER_IDLE_SECONDS / 2
            try:
                await _backend_pid(engine)
            except DBAPIError as error:
                failed = error.connection_invalidated
            else:
                failed = False
            third = await _backend_pid(engine)  # the failure invalidated the pool
            return first, second, third, failed, await _backend_pid(engine)
        finally:
            await engine.dispose()

    first, second, third, failed, again = asyncio.run(scenario())
    assert second != first
    assert failed  # one request fails, with its connection found dead
    assert third not in (first, second)
    assert again == third  # a healthy connection is reused


async def _backend_pid(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int(await connection.scalar(text("SELECT pg_backend_pid()")))


async def _terminate(url: str, pid: int) -> None:
    """End the backend ``pid`` and wait until it is gone (up to 10 s)."""
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as other:
        ended = await other.execute("SELECT pg_terminate_backend(%s, 10000)", (pid,))
        assert (await ended.fetchone()) == (True,)


def test_statement_limits_are_set_on_every_connection(empty_url: str) -> None:
    async def shown() -> tuple[list[str], list[str]]:
        limited = async_engine(
            empty_url,
            pool_size=1,
            limits=db.StatementLimits(statement=0.25, idle_in_transaction=3),
        )
        plain = async_engine(empty_url, pool_size=1)
        names = ("statement_timeout", "idle_in_transaction_session_timeout")
        try:
            results = []
            for engine in (limited, plain):
                async with engine.connect() as connection:
                    results.append([str(await connection.scalar(text(f"SHOW {n}"))) for n in names])
            return results[0], results[1]
        finally:
            await limited.dispose()
            await plain.dispose()

    limited, plain = asyncio.run(shown())
    assert limited == ["250ms", "3s"]
    assert plain == ["0", "0"]
