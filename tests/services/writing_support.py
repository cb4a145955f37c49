"""Helpers for tests of the write path: run one write transaction against a database URL."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from provenance.db import async_engine, session_factory
from provenance.services.exporting import export_to
from provenance.services.importing import ImportReport, import_lines
from provenance.services.transactions import write

T = TypeVar("T")


def run_in_transaction(url: str, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``work`` in one plain transaction on ``url`` (no audit actor set)."""

    async def go() -> T:
        engine = async_engine(url, pool_size=1)
        try:
            async with session_factory(engine)() as session, session.begin():
                return await work(session)
        finally:
            await engine.dispose()

    return asyncio.run(go())


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


def export_text(url: str) -> str:
    """The JSON Lines export of the database at ``url``."""

    async def go() -> str:
        engine = async_engine(url, pool_size=1)
        try:
            async with session_factory(engine)() as session, session.begin():
                out = io.StringIO()
                await export_to(session, out)
                return out.getvalue()
        finally:
            await engine.dispose()

    return asyncio.run(go())


def import_text(url: str, data: str, actor: str = "importer") -> ImportReport:
    """Import JSON Lines ``data`` into the database at ``url``."""

    async def go() -> ImportReport:
        engine = async_engine(url, pool_size=1)
        try:
            return await import_lines(session_factory(engine), data.splitlines(), actor=actor)
        finally:
            await engine.dispose()

    return asyncio.run(go())
