"""The ledger of ingested pages (ingested_items): what a later run skips, and duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy import text as sql_text
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


class Row(NamedTuple):
    """A page to note as ingested (the columns of ``ingested_items``)."""

    key: str
    source: str
    article_id: int
    outcome: str
    text_sha256: str
    author: str | None
    site_name: str | None


# Many pages in one constant statement (prepared once, whatever their number), in order.
_RECORD_MANY_SQL = sql_text(
    """
    INSERT INTO ingested_items (key, source, article_id, outcome, text_sha256, author, site_name)
    SELECT * FROM unnest(
        CAST(:keys AS text[]), CAST(:sources AS text[]), CAST(:article_ids AS bigint[]),
        CAST(:outcomes AS text[]), CAST(:digests AS text[]), CAST(:authors AS text[]),
        CAST(:site_names AS text[])
    )
    ON CONFLICT (key) DO NOTHING
    """
)


async def record_many(session: AsyncSession, rows: Sequence[Row]) -> None:
    """Note the pages as ingested, in one statement (a key already recorded stays as it
    was, and so does the second of two rows with one key)."""
    if not rows:
        return
    await session.execute(
        _RECORD_MANY_SQL,
        {
            "keys": [r.key for r in rows],
            "sources": [r.source for r in rows],
            "article_ids": [r.article_id for r in rows],
            "outcomes": [r.outcome for r in rows],
            "digests": [r.text_sha256 for r in rows],
            "authors": [r.author for r in rows],
            "site_names": [r.site_name for r in rows],
        },
    )
