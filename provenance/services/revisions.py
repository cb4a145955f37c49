"""Revising an article's archived text: keep the old version, re-anchor every attribution."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import InvalidInputError, NotFoundError
from provenance.models import (
    AnchorStatus,
    Article,
    ArticleRevision,
    Attribution,
    AttributionMarker,
    AttributionReanchoring,
    ReanchorMethod,
)
from provenance.services.placement import Placement, place


@dataclass(frozen=True)
class Reanchored:
    """What happened to one attribution."""

    attribution_id: int
    method: ReanchorMethod
    confidence: float
    old_start: int | None
    new_start: int | None
    new_end: int | None
    new_text: str | None


@dataclass(frozen=True)
class RevisionResult:
    """The stored revision number (None when the text did not change) and the placements."""

    article_id: int
    revision: int | None
    attributions: tuple[Reanchored, ...]

    @property
    def orphaned(self) -> tuple[Reanchored, ...]:
        """Attributions that found no confident place in the new text."""
        return tuple(a for a in self.attributions if a.method is ReanchorMethod.ORPHANED)


def _moved_markers(attribution: Attribution, new_text: str) -> list[AttributionMarker] | None:
    """The attribution's markers placed in its new words, or None if one no longer fits."""
    moved = []
    for marker in attribution.markers:
        position = marker.position
        if marker.text is not None:
            at = new_text.find(marker.text)
            if at == -1:
                return None
            position = at
        moved.append(
            AttributionMarker(
                kind=marker.kind, text=marker.text, position=position, note=marker.note
            )
        )
    return moved


async def _apply(
    session: AsyncSession, attribution: Attribution, placement: Placement
) -> Placement:
    if placement.method is ReanchorMethod.ORPHANED or placement.text is None:
        attribution.start_offset = None
        attribution.end_offset = None
        attribution.anchor_status = AnchorStatus.ORPHANED
        await session.flush()
        return placement
    if placement.text != attribution.text:
        moved = _moved_markers(attribution, placement.text)
        if moved is None:  # the editorial marks are gone: a person must look at it
            return await _apply(
                session, attribution, Placement(ReanchorMethod.ORPHANED, placement.confidence)
            )
        # Markers are checked against the text they stand in: move them with the words.
        attribution.markers.clear()
        await session.flush()
        attribution.text = placement.text
        attribution.start_offset, attribution.end_offset = placement.start, placement.end
        attribution.anchor_status = AnchorStatus.ANCHORED
        await session.flush()
        attribution.markers.extend(moved)
    else:
        attribution.start_offset, attribution.end_offset = placement.start, placement.end
        attribution.anchor_status = AnchorStatus.ANCHORED
    await session.flush()
    return placement


async def revisions_of(
    session: AsyncSession, *, article_ids: Sequence[int]
) -> list[list[ArticleRevision]]:
    """The earlier texts of each article, oldest first (for dataloaders)."""
    rows = await session.scalars(
        select(ArticleRevision)
        .where(ArticleRevision.article_id.in_(set(article_ids)))
        .order_by(ArticleRevision.revision)
    )
    groups: defaultdict[int, list[ArticleRevision]] = defaultdict(list)
    for row in rows:
        groups[row.article_id].append(row)
    return [groups.get(i, []) for i in article_ids]


async def revise_article(session: AsyncSession, *, article_id: int, body: str) -> RevisionResult:
    """Replace an archived article's text, keeping the old one, and re-anchor its attributions."""
    article = await session.get(Article, article_id, with_for_update=True)
    if article is None:
        raise NotFoundError(f"no article with id {article_id}", field="article_id")
    if article.body is None:
        raise InvalidInputError(
            f"article {article.slug!r} is citation-only: it has no archived text to revise",
            field="article_id",
            hint="archive its first text with upsert_article(body=...)",
        )
    if not body.strip():
        raise InvalidInputError("the new text of the article is empty", field="body")
    if body == article.body:
        return RevisionResult(article_id=article_id, revision=None, attributions=())
    number = (
        await session.scalar(
            select(func.coalesce(func.max(ArticleRevision.revision), 0)).where(
                ArticleRevision.article_id == article_id
            )
        )
        or 0
    ) + 1
    revision = ArticleRevision(article_id=article_id, revision=number, body=article.body)
    session.add(revision)
    article.body = body
    await session.flush()
    attributions = (
        await session.scalars(
            select(Attribution)
            .where(Attribution.article_id == article_id, Attribution.text.is_not(None))
            .order_by(Attribution.id)
            .with_for_update()
        )
    ).all()
    # Place every appearance from its old selector first, then free all places at once, so
    # that one appearance may move to where another stood a moment ago.
    planned = []
    for attribution in attributions:
        await session.refresh(attribution, ["markers"])
        assert attribution.text is not None  # filtered above
        planned.append(
            (
                attribution,
                attribution.start_offset,
                attribution.end_offset,
                attribution.text,
                place(
                    body=body,
                    text=attribution.text,
                    prefix=attribution.prefix,
                    suffix=attribution.suffix,
                    old_start=attribution.start_offset,
                ),
            )
        )
        attribution.start_offset = attribution.end_offset = None
        attribution.anchor_status = AnchorStatus.ORPHANED
    await session.flush()
    taken: set[tuple[int, int]] = set()
    results = []
    for attribution, old_start, old_end, old_text, proposed in planned:
        if proposed.start is not None and (attribution.quotation_id, proposed.start) in taken:
            # Two appearances of one quotation cannot share a place: the later one waits.
            proposed = Placement(ReanchorMethod.ORPHANED, proposed.confidence)
        placement = await _apply(session, attribution, proposed)
        if placement.start is not None:
            taken.add((attribution.quotation_id, placement.start))
        session.add(
            AttributionReanchoring(
                revision_id=revision.id,
                attribution_id=attribution.id,
                method=placement.method,
                confidence=placement.confidence,
                old_start=old_start,
                old_end=old_end,
                new_start=placement.start,
                new_end=placement.end,
                old_text=old_text,
                new_text=placement.text,
            )
        )
        results.append(
            Reanchored(
                attribution_id=attribution.id,
                method=placement.method,
                confidence=placement.confidence,
                old_start=old_start,
                new_start=placement.start,
                new_end=placement.end,
                new_text=placement.text,
            )
        )
    await session.flush()
    return RevisionResult(article_id=article_id, revision=number, attributions=tuple(results))
