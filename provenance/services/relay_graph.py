"""Relay graphs: every appearance of a quotation, who took it from whom, when and how deep."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import BigInteger

from provenance.errors import InvalidInputError

# Deeper chains than this are cut (and reported as unreachable) so a bad link cannot hang a query.
DEFAULT_MAX_DEPTH = 64

# One statement for any number of quotations: walk down from the first reports along the
# upstream_id index, guarding against cycles and depth, then take every appearance of those
# quotations (quotation_id index) so unreachable ones still show, with depth NULL.
RELAY_GRAPH_SQL = text(
    """
    WITH RECURSIVE walk(id, depth, path) AS (
        SELECT a.id, 0, ARRAY[a.id]
        FROM attributions a
        WHERE a.quotation_id = ANY(:quotation_ids) AND a.upstream_id IS NULL
        UNION ALL
        SELECT c.id, w.depth + 1, w.path || c.id
        FROM walk w
        JOIN attributions c ON c.upstream_id = w.id
        WHERE w.depth < :max_depth AND c.id <> ALL (w.path)
    )
    SELECT a.id, a.quotation_id, a.article_id, ar.slug AS article_slug, ar.outlet_id,
           o.slug AS outlet_slug, o.name AS outlet_name, ar.published_on, a.speaker_id,
           a.speaker_label, a.kind, a.text, a.upstream_id, w.depth,
           ar.published_on - upar.published_on AS lag_days,
           a.anchor_status, ar.body IS NULL AS citation_only
    FROM attributions a
    JOIN articles ar ON ar.id = a.article_id
    LEFT JOIN outlets o ON o.id = ar.outlet_id
    LEFT JOIN walk w ON w.id = a.id
    LEFT JOIN attributions up ON up.id = a.upstream_id
    LEFT JOIN articles upar ON upar.id = up.article_id
    WHERE a.quotation_id = ANY(:quotation_ids)
    ORDER BY a.quotation_id, w.depth NULLS LAST, ar.published_on NULLS LAST, a.id
    """
).bindparams(bindparam("quotation_ids", type_=ARRAY(BigInteger())))


@dataclass(frozen=True)
class RelayNode:
    """One appearance of the quotation in the graph."""

    attribution_id: int
    quotation_id: int
    article_id: int
    article_slug: str
    outlet_id: int | None
    outlet_slug: str | None
    outlet_name: str | None
    published_on: date | None
    speaker_id: int
    speaker_label: str | None
    kind: str
    text: str | None
    upstream_id: int | None
    depth: int | None  # 0 for a first report; None when cut by the depth cap or a cycle
    lag_days: int | None  # days since the upstream article, when both are dated
    anchor_status: str
    citation_only: bool


@dataclass(frozen=True)
class RelayEdge:
    """A relay: ``attribution_id`` took the words from ``upstream_id``."""

    upstream_id: int
    attribution_id: int
    lag_days: int | None


@dataclass(frozen=True)
class RelayGraph:
    """All appearances of one quotation and the upstream links between them."""

    quotation_id: int
    nodes: tuple[RelayNode, ...]
    edges: tuple[RelayEdge, ...]
    first_appearance_id: int | None

    @property
    def first_appearance(self) -> RelayNode | None:
        """The earliest first report (see ``first_appearance_of``)."""
        return next((n for n in self.nodes if n.attribution_id == self.first_appearance_id), None)

    @property
    def max_depth(self) -> int | None:
        """The deepest relay (0 when only first reports), None for an empty graph."""
        depths = [n.depth for n in self.nodes if n.depth is not None]
        return max(depths) if depths else None

    @property
    def unreachable(self) -> tuple[RelayNode, ...]:
        """Appearances not reached from a first report (beyond the depth cap)."""
        return tuple(n for n in self.nodes if n.depth is None)


def first_appearance_of(nodes: Sequence[RelayNode]) -> RelayNode | None:
    """Among appearances with no upstream, the earliest dated one (undated last, then by id).

    An undated first report still beats a dated relay: whatever was taken from it came later.
    """
    roots = [n for n in nodes if n.upstream_id is None] or list(nodes)
    if not roots:
        return None
    return min(
        roots, key=lambda n: (n.published_on is None, n.published_on or date.min, n.attribution_id)
    )


async def relay_graphs(
    session: AsyncSession, *, quotation_ids: Sequence[int], max_depth: int = DEFAULT_MAX_DEPTH
) -> dict[int, RelayGraph]:
    """The relay graph of each quotation, in one recursive SQL statement (for dataloaders)."""
    if max_depth < 0:
        raise InvalidInputError("max_depth cannot be negative", field="max_depth")
    ids = sorted(set(quotation_ids))
    nodes: dict[int, list[RelayNode]] = {qid: [] for qid in ids}
    if ids:
        result = await session.execute(
            RELAY_GRAPH_SQL, {"quotation_ids": ids, "max_depth": max_depth}
        )
        for row in result.mappings():
            nodes[row["quotation_id"]].append(
                RelayNode(
                    attribution_id=row["id"],
                    quotation_id=row["quotation_id"],
                    article_id=row["article_id"],
                    article_slug=row["article_slug"],
                    outlet_id=row["outlet_id"],
                    outlet_slug=row["outlet_slug"],
                    outlet_name=row["outlet_name"],
                    published_on=row["published_on"],
                    speaker_id=row["speaker_id"],
                    speaker_label=row["speaker_label"],
                    kind=row["kind"],
                    text=row["text"],
                    upstream_id=row["upstream_id"],
                    depth=row["depth"],
                    lag_days=row["lag_days"],
                    anchor_status=row["anchor_status"],
                    citation_only=row["citation_only"],
                )
            )
    graphs = {}
    for qid, members in nodes.items():
        first = first_appearance_of(members)
        graphs[qid] = RelayGraph(
            quotation_id=qid,
            nodes=tuple(members),
            edges=tuple(
                RelayEdge(
                    upstream_id=n.upstream_id, attribution_id=n.attribution_id, lag_days=n.lag_days
                )
                for n in members
                if n.upstream_id is not None
            ),
            first_appearance_id=first.attribution_id if first else None,
        )
    return graphs


async def relay_graph(
    session: AsyncSession, *, quotation_id: int, max_depth: int = DEFAULT_MAX_DEPTH
) -> RelayGraph:
    """The relay graph of one quotation."""
    graphs = await relay_graphs(session, quotation_ids=[quotation_id], max_depth=max_depth)
    return graphs[quotation_id]
