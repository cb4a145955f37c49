"""The linking pools of many candidates in one statement (``pools_of``) score exactly what
one statement for each candidate (``earlier_appearances``) finds."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from provenance.db import async_engine, session_factory
from provenance.models import Speaker
from provenance.services import records
from provenance.services.statement_links import (
    EarlierAppearance,
    PoolRow,
    earlier_appearances,
    neighbours_of,
    pools_of,
    scored_pool,
    set_thresholds,
)
from tests.services.test_extraction_store_statements import _article, _store_counting


def test_pools_of_many_candidates_score_as_one_by_one(empty_url: str) -> None:
    for number in range(1, 5):
        _store_counting(empty_url, number, 4, told=number % 2 == 0)
    body, candidates = _article(9, 6)

    async def run() -> tuple[list[list[tuple[int, float]]], list[list[tuple[int, float]]]]:
        engine = async_engine(empty_url, pool_size=1)
        try:
            async with session_factory(engine)() as session, session.begin():
                article = await records.upsert_article(session, slug="pools-nine", body=body)
                await set_thresholds(session)
                found = await neighbours_of(
                    session, article_id=article.id, texts=[c.text for c in candidates]
                )
                speakers = [
                    await session.scalar(select(Speaker).where(Speaker.name == c.speaker.resolved))
                    for c in candidates
                ]
                assert all(s is not None for s in speakers)
                known = [s for s in speakers if s is not None]
                one_by_one = [
                    await earlier_appearances(
                        session,
                        text=c.text,
                        speaker=s,
                        article=article,
                        thresholds_set=True,
                        neighbours=n,
                    )
                    for c, s, n in zip(candidates, known, found.of_texts, strict=True)
                ]
                pools = await pools_of(
                    session, article=article, wanted=list(zip(known, found.of_texts, strict=True))
                )
                together = [
                    scored_pool(c.text, s, rows)
                    for c, s, rows in zip(candidates, known, pools, strict=True)
                ]
                await session.rollback()
        finally:
            await engine.dispose()

        return _ids(one_by_one), _ids(together)

    one_by_one, together = asyncio.run(run())
    assert together == one_by_one
    assert sum(len(x) for x in together) >= 6  # earlier articles' words are alike: scored
    assert asyncio.run(_empty(empty_url)) == []


def _ids(found: list[list[EarlierAppearance]]) -> list[list[tuple[int, float]]]:
    return [[(e.attribution_id, e.score) for e in x] for x in found]


async def _empty(url: str) -> list[list[PoolRow]]:
    engine = async_engine(url, pool_size=1)
    try:
        async with session_factory(engine)() as session:
            article = await records.upsert_article(session, slug="pools-none", body="Some words.")
            return await pools_of(session, article=article, wanted=[])
    finally:
        await engine.dispose()
