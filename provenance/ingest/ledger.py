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


async def known_duplicates(
    session: AsyncSession, *, urls: Sequence[str], digests: Sequence[str]
) -> tuple[dict[str, int], dict[str, int]]:
    """Stored articles by canonical URL, and by normalised-text hash, for a whole batch."""
    by_url: dict[str, int] = {}
    by_digest: dict[str, int] = {}
    if urls:
        rows = await session.execute(select(Article.url, Article.id).where(Article.url.in_(urls)))
        by_url = {url: article_id for url, article_id in rows if url is not None}
    if digests:
        rows = await session.execute(
            select(IngestedItem.text_sha256, IngestedItem.article_id).where(
                IngestedItem.text_sha256.in_(digests), IngestedItem.outcome == "stored"
            )
        )
        by_digest = {str(digest): article_id for digest, article_id in rows}
    return by_url, by_digest


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
