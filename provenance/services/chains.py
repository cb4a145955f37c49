"""Chains of attribution: from the original speaker, through the first report, to an article.

A chain is read by walking upstream links from an attribution to the first report, then
reversing the walk: SPEAKER (who said it), REPORTER (the first known publication), RELAY
(each article that took it from the one before, down to the one asked about).

CHAIN_HOPS is the one statement of a chain: compiled reads (api/compiled) build the JSON
of its rows, and ``chains_of`` reads them for the resolvers, for any number of
attributions at once. A hop names its speaker, outlet and article by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import BigInteger


class ChainRole(StrEnum):
    """The part a hop plays in a chain."""

    SPEAKER = "speaker"
    REPORTER = "reporter"
    RELAY = "relay"


@dataclass(frozen=True, slots=True)
class ChainHop:
    """One row of CHAIN_HOPS; the SPEAKER hop has no attribution or article."""

    role: str  # a ChainRole's name: SPEAKER, REPORTER or RELAY
    cue: str | None
    published_on: date | None
    name: str  # the speaker's name for SPEAKER, else the outlet's, the title or the slug
    speaker_id: int
    outlet_id: int | None
    article_id: int | None
    attribution_id: int | None


# The chain of the one attribution whose id is the SQL expression {attribution}, at most
# {max_depth} hops up, as rows (ord, role, cue, published_on, name, speaker_id, outlet_id,
# article_id, attribution_id): the SPEAKER hop (the quotation's speaker, as of the
# deepest hop reached), the deepest hop (REPORTER if it was taken from nothing), then
# each RELAY below it.
CHAIN_HOPS = """
    WITH RECURSIVE walk(id, upstream_id, depth) AS (
        SELECT a.id, a.upstream_id, 0 FROM attributions a WHERE a.id = {attribution}
      UNION ALL
        SELECT a.id, a.upstream_id, w.depth + 1
        FROM walk w JOIN attributions a ON a.id = w.upstream_id
        WHERE w.depth < {max_depth}
    ), hops AS (
        SELECT w.depth, max(w.depth) OVER () AS deepest, w.upstream_id,
               a.id AS attribution_id, a.cue, a.speaker_id, a.article_id, a.quotation_id,
               r.outlet_id, r.published_on, coalesce(o.name, nullif(r.title, ''), r.slug) AS name
        FROM walk w
        JOIN attributions a ON a.id = w.id
        JOIN articles r ON r.id = a.article_id
        LEFT JOIN outlets o ON o.id = r.outlet_id
    )
    SELECT -1 AS ord, 'SPEAKER' AS role, NULL::text AS cue, NULL::date AS published_on,
           s.name, s.id AS speaker_id, s.outlet_id,
           NULL::bigint AS article_id, NULL::bigint AS attribution_id
    FROM hops h
    JOIN quotations q ON q.id = h.quotation_id
    JOIN speakers s ON s.id = q.speaker_id
    WHERE h.depth = h.deepest
  UNION ALL
    SELECT h.deepest - h.depth,
           CASE WHEN h.depth = h.deepest AND h.upstream_id IS NULL
                THEN 'REPORTER' ELSE 'RELAY' END,
           h.cue, h.published_on, h.name, h.speaker_id, h.outlet_id, h.article_id,
           h.attribution_id
    FROM hops h
"""

_CHAINS = text(
    "SELECT o.id AS origin_id, h.role, h.cue, h.published_on, h.name, h.speaker_id,"
    " h.outlet_id, h.article_id, h.attribution_id"
    " FROM unnest(:ids) AS o(id) CROSS JOIN LATERAL ("
    + CHAIN_HOPS.replace("{attribution}", "o.id").replace("{max_depth}", ":max_depth")
    + ") h ORDER BY o.id, h.ord"
).bindparams(bindparam("ids", type_=ARRAY(BigInteger)))


async def chains_of(
    session: AsyncSession, *, attribution_ids: Sequence[int], max_depth: int = 64
) -> list[list[ChainHop]]:
    """The chain of each attribution (empty for an unknown id), in one statement."""
    result = await session.execute(_CHAINS, {"ids": list(attribution_ids), "max_depth": max_depth})
    chains: dict[int, list[ChainHop]] = {}
    for origin_id, *hop in result:
        chains.setdefault(origin_id, []).append(ChainHop(*hop))
    return [chains.get(i, []) for i in attribution_ids]
