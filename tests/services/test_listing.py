"""Quotation search stages: whole words, printed words, near-misses (never for stop words)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from provenance.db import async_engine, session_factory
from provenance.services.listing import quotation_matches


async def _matches(url: str, search: str) -> list[int]:
    engine = async_engine(url)
    try:
        async with session_factory(engine)() as session:
            found = quotation_matches(search)
            return list((await session.scalars(select(found.c.id))).all())
    finally:
        await engine.dispose()


@pytest.mark.parametrize("search", ["and of", "the", "to be or not to be"])
def test_a_search_of_stop_words_only_matches_nothing(seeded_url: str, search: str) -> None:
    assert asyncio.run(_matches(seeded_url, search)) == []


def test_a_misspelt_search_still_finds_near_misses(seeded_url: str) -> None:
    assert asyncio.run(_matches(seeded_url, "montored by a US figter jet"))
