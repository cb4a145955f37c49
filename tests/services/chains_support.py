"""Helpers for the chain tests: run service code in one session against a test database."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from provenance.db import async_engine, session_factory

T = TypeVar("T")


def in_session(url: str, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``work`` in one committed transaction and return its result."""

    async def go() -> T:
        engine = async_engine(url, pool_size=1)
        try:
            async with session_factory(engine)() as session, session.begin():
                return await work(session)
        finally:
            await engine.dispose()

    return asyncio.run(go())


async def quotation_id(session: AsyncSession, slug: str) -> int:
    """The id of the quotation with this slug."""
    from sqlalchemy import text

    return int(
        (
            await session.execute(text("SELECT id FROM quotations WHERE slug = :s"), {"s": slug})
        ).scalar_one()
    )


async def attribution_id(session: AsyncSession, quotation_slug: str, article_slug: str) -> int:
    """The id of the quotation's appearance in the article."""
    from sqlalchemy import text

    return int(
        (
            await session.execute(
                text(
                    "SELECT a.id FROM attributions a JOIN quotations q ON q.id = a.quotation_id "
                    "JOIN articles ar ON ar.id = a.article_id WHERE q.slug = :q AND ar.slug = :a"
                ),
                {"q": quotation_slug, "a": article_slug},
            )
        ).scalar_one()
    )
