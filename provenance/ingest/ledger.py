"""The ledger of ingested pages (ingested_items): what a later run skips, and duplicates."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.models import Article, IngestedItem


async def known_keys(session: AsyncSession, keys: Sequence[str]) -> set[str]:
    """Which of ``keys`` an earlier run recorded."""
    if not keys:
        return set()
    found = await session.scalars(select(IngestedItem.key).where(IngestedItem.key.in_(keys)))
    return set(found)


async def duplicate_of(session: AsyncSession, *, url: str | None, text_sha256: str) -> int | None:
    """The stored article with this canonical URL, else with the same normalised text."""
    if url is not None:
        article_id = await session.scalar(select(Article.id).where(Article.url == url))
        if article_id is not None:
            return article_id
    return await session.scalar(
        select(IngestedItem.article_id).where(
            IngestedItem.text_sha256 == text_sha256, IngestedItem.outcome == "stored"
        )
    )


async def record(
    session: AsyncSession,
    *,
    key: str,
    source: str,
    article_id: int,
    outcome: str,
    text_sha256: str,
    author: str | None,
    site_name: str | None,
) -> None:
    """Note the page as ingested (once: a key already recorded stays as it was)."""
    await session.execute(
        insert(IngestedItem)
        .values(
            key=key,
            source=source,
            article_id=article_id,
            outcome=outcome,
            text_sha256=text_sha256,
            author=author,
            site_name=site_name,
        )
        .on_conflict_do_nothing(index_elements=["key"])
    )
