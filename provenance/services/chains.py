"""Chains of attribution: from the original speaker, through the first report, to an article.

A chain is read by walking upstream links from an attribution to the first report (one
recursive statement for any number of attributions), then reversing the walk:
SPEAKER (who said it), REPORTER (the first known publication), RELAY (each article that
took it from the one before, down to the one asked about).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


class ChainRole(StrEnum):
    """The part a hop plays in a chain."""

    SPEAKER = "speaker"
    REPORTER = "reporter"
    RELAY = "relay"


@dataclass(frozen=True)
class ChainHop:
    """One hop of a chain; the SPEAKER hop has no attribution or article."""

    role: ChainRole
    speaker_id: int
    attribution_id: int | None = None
    article_id: int | None = None
    outlet_id: int | None = None
    cue: str | None = None
    published_on: date | None = None


WALK_UPSTREAM = text(
    """
    WITH RECURSIVE walk(origin_id, id, upstream_id, depth) AS (
        SELECT a.id, a.id, a.upstream_id, 0
        FROM attributions a
        WHERE a.id = ANY(:ids)
      UNION ALL
        SELECT w.origin_id, a.id, a.upstream_id, w.depth + 1
        FROM walk w
        JOIN attributions a ON a.id = w.upstream_id
        WHERE w.depth < :max_depth
    )
    SELECT w.origin_id, w.upstream_id IS NULL AS is_first, a.id, a.article_id,
           a.speaker_id, a.cue, q.speaker_id AS quotation_speaker_id,
           ar.outlet_id, ar.published_on
    FROM walk w
    JOIN attributions a ON a.id = w.id
    JOIN quotations q ON q.id = a.quotation_id
    JOIN articles ar ON ar.id = a.article_id
    ORDER BY w.origin_id, w.depth DESC
    """
)


async def chains_of(
    session: AsyncSession, *, attribution_ids: Sequence[int], max_depth: int = 64
) -> list[list[ChainHop]]:
    """The chain of each attribution (empty for an unknown id), in one statement."""
    rows = await session.execute(
        WALK_UPSTREAM, {"ids": list(attribution_ids), "max_depth": max_depth}
    )
    chains: dict[int, list[ChainHop]] = {}
    for row in rows:
        chain = chains.get(row.origin_id)
        if chain is None:
            # The walk is ordered from the first report down, so the first row seen for an
            # origin is the earliest hop reached: name the speaker before it.
            chain = chains[row.origin_id] = [
                ChainHop(role=ChainRole.SPEAKER, speaker_id=row.quotation_speaker_id)
            ]
            role = ChainRole.REPORTER if row.is_first else ChainRole.RELAY
        else:
            role = ChainRole.RELAY
        chain.append(
            ChainHop(
                role=role,
                speaker_id=row.speaker_id,
                attribution_id=row.id,
                article_id=row.article_id,
                outlet_id=row.outlet_id,
                cue=row.cue,
                published_on=row.published_on,
            )
        )
    return [chains.get(i, []) for i in attribution_ids]
