"""Helpers for tests of the write path: run one write transaction against a database URL."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from provenance.db import async_engine, session_factory
from provenance.services.transactions import write

T = TypeVar("T")


def run_write(url: str, work: Callable[[AsyncSession], Awaitable[T]], actor: str = "tester") -> T:
    """Run ``work`` as one write transaction (services.transactions.write) on ``url``."""

    async def go() -> T:
        engine = async_engine(url, pool_size=1)
        factory: async_sessionmaker[AsyncSession] = session_factory(engine)
        try:
            return await write(factory, work, actor=actor)
        finally:
            await engine.dispose()

    return asyncio.run(go())
