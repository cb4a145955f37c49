"""Chains of attribution: from the original speaker, through the first report, to an article.

A chain is read by walking upstream links from an attribution to the first report (one
recursive statement for any number of attributions), then reversing the walk:
SPEAKER (who said it), REPORTER (the first known publication), RELAY (each article that
took it from the one before, down to the one asked about).

The same statement brings each hop's speaker, article and outlet as plain rows, so that a
chain costs one statement however many hops and fields are asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.services.rows import ArticleRow, OutletRow, SpeakerRow


class ChainRole(StrEnum):
    """The part a hop plays in a chain."""

    SPEAKER = "speaker"
    REPORTER = "reporter"
    RELAY = "relay"


@dataclass(frozen=True, slots=True)
class ChainHop:
    """One hop of a chain; the SPEAKER hop has no attribution or article."""

    role: ChainRole
    speaker: SpeakerRow
    outlet: OutletRow | None = None
    article: ArticleRow | None = None
    attribution_id: int | None = None
    cue: str | None = None

    @property
    def published_on(self) -> date | None:
        return None if self.article is None else self.article.published_on

    @property
    def name(self) -> str:
        """The speaker's name for SPEAKER, else the outlet's, the article's title or slug."""
        if self.article is None:
            return self.speaker.name
        if self.outlet is not None:
            return self.outlet.name
        return self.article.title or self.article.slug


# Each hop's speaker, article (with its outlet) and the quotation's speaker are joined
# LATERAL behind OFFSET 0 so that the planner plans each small lookup on its own: as one
# eight-way join, planning took ten times as long as running the statement.
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
    SELECT w.origin_id, w.upstream_id IS NULL, a.id, a.cue,
           s.id, s.slug, s.name, s.kind, s.description, s.outlet_id,
           r.id, r.slug, r.title, r.url, r.published_on, r.language, r.cited_as,
           r.outlet_id, r.citation_only,
           r.outlet_id, r.outlet_slug, r.outlet_name, r.outlet_website,
           qs.id, qs.slug, qs.name, qs.kind, qs.description, qs.outlet_id,
           qs.outlet_id, qs.outlet_slug, qs.outlet_name, qs.outlet_website
    FROM walk w
    JOIN attributions a ON a.id = w.id
    CROSS JOIN LATERAL (
        SELECT s.id, s.slug, s.name, s.kind, s.description, s.outlet_id
        FROM speakers s WHERE s.id = a.speaker_id OFFSET 0
    ) s
    CROSS JOIN LATERAL (
        SELECT r.id, r.slug, r.title, r.url, r.published_on, r.language, r.cited_as,
               r.outlet_id, r.body IS NULL AS citation_only,
               o.slug AS outlet_slug, o.name AS outlet_name, o.website AS outlet_website
        FROM articles r LEFT JOIN outlets o ON o.id = r.outlet_id
        WHERE r.id = a.article_id OFFSET 0
    ) r
    CROSS JOIN LATERAL (
        SELECT s.id, s.slug, s.name, s.kind, s.description, s.outlet_id,
               o.slug AS outlet_slug, o.name AS outlet_name, o.website AS outlet_website
        FROM quotations q JOIN speakers s ON s.id = q.speaker_id
        LEFT JOIN outlets o ON o.id = s.outlet_id
        WHERE q.id = a.quotation_id OFFSET 0
    ) qs
    ORDER BY w.origin_id, w.depth DESC
    """
)

# The same chain as WALK_UPSTREAM, for the one attribution whose id is the SQL expression
# {attribution}, as rows (ord, role, cue, published_on, name, speaker_id, outlet_id,
# article_id, attribution_id) that compiled reads (api/compiled) build JSON from: the
# SPEAKER hop (the quotation's speaker, as of the deepest hop reached), the deepest hop
# (REPORTER if it was taken from nothing), then each RELAY below it. Tests compare both.
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

# Where each row's parts sit in WALK_UPSTREAM's select list.
_SPEAKER, _ARTICLE, _OUTLET = slice(4, 10), slice(10, 19), slice(19, 23)
_QUOTATION_SPEAKER, _QUOTATION_SPEAKER_OUTLET = slice(23, 29), slice(29, 33)


def _outlet(values: Sequence[Any]) -> OutletRow | None:
    return None if values[0] is None else OutletRow(*values)  # None: no outlet joined


async def chains_of(
    session: AsyncSession, *, attribution_ids: Sequence[int], max_depth: int = 64
) -> list[list[ChainHop]]:
    """The chain of each attribution (empty for an unknown id), in one statement."""
    result = await session.execute(
        WALK_UPSTREAM, {"ids": list(attribution_ids), "max_depth": max_depth}
    )
    chains: dict[int, list[ChainHop]] = {}
    for row in result:
        origin_id, is_first, attribution_id, cue = row[:4]
        chain = chains.get(origin_id)
        if chain is None:
            # The walk is ordered from the first report down, so the first row seen for an
            # origin is the earliest hop reached: name the speaker before it.
            chain = chains[origin_id] = [
                ChainHop(
                    role=ChainRole.SPEAKER,
                    speaker=SpeakerRow(*row[_QUOTATION_SPEAKER]),
                    outlet=_outlet(row[_QUOTATION_SPEAKER_OUTLET]),
                )
            ]
            role = ChainRole.REPORTER if is_first else ChainRole.RELAY
        else:
            role = ChainRole.RELAY
        chain.append(
            ChainHop(
                role=role,
                speaker=SpeakerRow(*row[_SPEAKER]),
                outlet=_outlet(row[_OUTLET]),
                article=ArticleRow(*row[_ARTICLE]),
                attribution_id=attribution_id,
                cue=cue,
            )
        )
    return [chains.get(i, []) for i in attribution_ids]
