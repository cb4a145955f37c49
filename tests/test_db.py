"""Engines: the API's generic plans and its reads outside transactions."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

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
