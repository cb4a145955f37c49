"""The write path: record outlets, speakers, articles, quotations and attributions.

Every writer (the seed loader, the CLI, GraphQL mutations, bulk import) goes through these
functions, so validation lives here once. Each function is an idempotent upsert by natural
key: recording the same thing twice changes nothing. The caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import InvalidInputError, NotFoundError
from provenance.models import (
    AliasKind,
    AnchorStatus,
    Article,
    Attribution,
    AttributionKind,
    AttributionMarker,
    AttributionStatus,
    MarkerKind,
    Outlet,
    Quotation,
    Speaker,
    SpeakerAlias,
    SpeakerKind,
)
from provenance.services.revisions import RevisionResult, revise_article
from provenance.services.slugs import check_slug
from provenance.spans import find_span


@dataclass(frozen=True)
class MarkerInput:
    """An editorial marker as given by a writer; position is found from text if omitted."""

    kind: MarkerKind
    text: str | None = None
    position: int | None = None
    note: str | None = None


def _assign(row: object, **values: object) -> None:
    """Set attributes that differ, so an unchanged upsert issues no UPDATE."""
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)


async def upsert_outlet(
    session: AsyncSession, *, slug: str, name: str, website: str | None = None
) -> Outlet:
    """Record an outlet by slug."""
    check_slug(slug)
    outlet = await session.scalar(select(Outlet).where(Outlet.slug == slug))
    if outlet is None:
        outlet = Outlet(slug=slug, name=name, website=website)
        session.add(outlet)
    else:
        _assign(outlet, name=name, website=website)
    await session.flush()
    return outlet


async def outlet_by_slug(session: AsyncSession, slug: str) -> Outlet:
    """The outlet with this slug, or a NotFoundError naming it."""
    outlet = await session.scalar(select(Outlet).where(Outlet.slug == slug))
    if outlet is None:
        raise NotFoundError(f"no outlet with slug {slug!r}", field="outlet")
    return outlet


async def upsert_speaker(
    session: AsyncSession,
    *,
    slug: str,
    name: str,
    kind: SpeakerKind,
    description: str | None = None,
    outlet_id: int | None = None,
    aliases: Sequence[tuple[str, AliasKind]] = (),
) -> Speaker:
    """Record a speaker by slug, adding any aliases it does not have yet."""
    check_slug(slug)
    if (kind == SpeakerKind.OUTLET) != (outlet_id is not None):
        raise InvalidInputError(
            "a speaker of kind 'outlet' needs the outlet it speaks for, and only it has one",
            field="outlet",
        )
    speaker = await session.scalar(select(Speaker).where(Speaker.slug == slug))
    if speaker is None:
        speaker = Speaker(
            slug=slug, name=name, kind=kind, description=description, outlet_id=outlet_id
        )
        session.add(speaker)
        await session.flush()
    else:
        _assign(speaker, name=name, kind=kind, description=description, outlet_id=outlet_id)
    known = set(
        await session.scalars(
            select(SpeakerAlias.alias).where(SpeakerAlias.speaker_id == speaker.id)
        )
    )
    for alias, alias_kind in aliases:
        if alias not in known:
            session.add(SpeakerAlias(speaker_id=speaker.id, alias=alias, kind=alias_kind))
            known.add(alias)
    await session.flush()
    return speaker


async def speaker_by_slug(session: AsyncSession, slug: str) -> Speaker:
    """The speaker with this slug, or a NotFoundError naming it."""
    speaker = await session.scalar(select(Speaker).where(Speaker.slug == slug))
    if speaker is None:
        raise NotFoundError(f"no speaker with slug {slug!r}", field="speaker")
    return speaker


@dataclass(frozen=True)
class RecordedArticle:
    """The recorded article and, when its archived text changed, the revision made."""

    article: Article
    revision: RevisionResult | None = None


async def upsert_article(
    session: AsyncSession,
    *,
    slug: str,
    outlet_id: int | None = None,
    url: str | None = None,
    title: str | None = None,
    published_on: date | None = None,
    language: str = "en",
    body: str | None = None,
    cited_as: str | None = None,
    known_new: bool = False,
) -> Article:
    """Record an article by slug: archived (body) or citation-only (cited_as).

    ``known_new``: the caller checked that no article has this slug (the look-up is
    skipped; the database still refuses a duplicate)."""
    recorded = await record_article(
        session,
        slug=slug,
        outlet_id=outlet_id,
        url=url,
        title=title,
        published_on=published_on,
        language=language,
        body=body,
        cited_as=cited_as,
        known_new=known_new,
    )
    return recorded.article


async def record_article(
    session: AsyncSession,
    *,
    slug: str,
    outlet_id: int | None = None,
    url: str | None = None,
    title: str | None = None,
    published_on: date | None = None,
    language: str = "en",
    body: str | None = None,
    cited_as: str | None = None,
    known_new: bool = False,
) -> RecordedArticle:
    """Like upsert_article, and say what a new text did to the attributions.

    A new body of an archived article is a revision (services.revisions): the old text is
    kept, each attribution whose words are still there is re-anchored (recorded in
    attribution_reanchorings), and the others become orphaned, listed in the result.
    """
    check_slug(slug)
    if body is None and not cited_as:
        raise InvalidInputError(
            "an article needs its text (body) or, when known only from a citation, cited_as",
            field="body",
        )
    article = (
        None if known_new else await session.scalar(select(Article).where(Article.slug == slug))
    )
    values = {
        "outlet_id": outlet_id,
        "url": url,
        "title": title,
        "published_on": published_on,
        "language": language,
        "body": body,
        "cited_as": cited_as,
    }
    revision = None
    if article is None:
        article = Article(slug=slug, **values)
        session.add(article)
    elif body is not None and article.body is not None and body != article.body:
        # A new text of an archived article: keep the old one and re-anchor its attributions.
        del values["body"]
        _assign(article, **values)
        await session.flush()
        revision = await revise_article(session, article_id=article.id, body=body)
    else:
        _assign(article, **values)
    await session.flush()
    return RecordedArticle(article, revision)


async def article_by_slug(session: AsyncSession, slug: str) -> Article:
    """The article with this slug, or a NotFoundError naming it."""
    article = await session.scalar(select(Article).where(Article.slug == slug))
    if article is None:
        raise NotFoundError(f"no article with slug {slug!r}", field="article")
    return article


async def upsert_quotation(
    session: AsyncSession, *, slug: str, speaker_id: int, text: str, language: str | None = None
) -> Quotation:
    """Record a quotation (the statement, once) by slug."""
    check_slug(slug)
    if not text.strip():
        raise InvalidInputError("a quotation needs its words", field="text")
    quotation = await session.scalar(select(Quotation).where(Quotation.slug == slug))
    if quotation is None:
        quotation = Quotation(slug=slug, speaker_id=speaker_id, text=text, language=language)
        session.add(quotation)
    else:
        _assign(quotation, speaker_id=speaker_id, text=text, language=language)
    await session.flush()
    return quotation


async def quotation_by_slug(session: AsyncSession, slug: str) -> Quotation:
    """The quotation with this slug, or a NotFoundError naming it."""
    quotation = await session.scalar(select(Quotation).where(Quotation.slug == slug))
    if quotation is None:
        raise NotFoundError(f"no quotation with slug {slug!r}", field="quotation")
    return quotation


def _place_markers(text: str | None, markers: Sequence[MarkerInput]) -> list[MarkerInput]:
    placed = []
    for marker in markers:
        if marker.text is None:
            placed.append(marker)
            continue
        if text is None:
            raise InvalidInputError(
                f"marker {marker.text!r} needs the attribution's text to stand in",
                field="markers",
            )
        start, _ = find_span(text, marker.text, start=marker.position)
        placed.append(MarkerInput(marker.kind, marker.text, start, marker.note))
    return placed


async def record_attribution(
    session: AsyncSession,
    *,
    article: Article,
    quotation: Quotation,
    kind: AttributionKind,
    text: str | None = None,
    start: int | None = None,
    speaker_id: int | None = None,
    speaker_label: str | None = None,
    cue: str | None = None,
    upstream_id: int | None = None,
    markers: Sequence[MarkerInput] = (),
    orphaned: bool = False,
    status: AttributionStatus | None = None,
    confidence: float | None = None,
    known_new: bool = False,
) -> Attribution:
    """Record one appearance of a quotation in an article, anchored to its exact text.

    ``orphaned`` records words a revision removed from the article (kept, with no span).
    ``status`` and ``confidence``, when given, are written with the row (one INSERT, no
    UPDATE after it). ``known_new``: the caller knows no appearance of the quotation is
    recorded at that place yet (it just created the article, or checked), so the look-up
    is skipped; the database still refuses a duplicate.
    """
    if orphaned:
        if article.body is None or text is None or start is not None:
            raise InvalidInputError(
                "only words of an archived article, without a start, can be orphaned",
                field="orphaned",
            )
        span: tuple[int | None, int | None] = (None, None)
    elif article.body is None:
        if start is not None:
            raise InvalidInputError(
                f"article {article.slug!r} is citation-only: it has no text to anchor to",
                field="start",
            )
        span = (None, None)
    else:
        if text is None:
            raise InvalidInputError(
                f"an attribution in archived article {article.slug!r} needs its exact text",
                field="text",
            )
        span = find_span(article.body, text, start=start)
    placed = _place_markers(text, markers)
    anchor = AnchorStatus.ORPHANED if orphaned else AnchorStatus.ANCHORED
    place = (
        Attribution.text == text  # orphans have no span: their words identify them
        if orphaned
        else Attribution.start_offset.is_not_distinct_from(span[0])
    )
    attribution = (
        None
        if known_new
        else await session.scalar(
            select(Attribution).where(
                Attribution.article_id == article.id,
                Attribution.quotation_id == quotation.id,
                Attribution.anchor_status
                == (AnchorStatus.ORPHANED if orphaned else AnchorStatus.ANCHORED),
                place,
            )
        )
    )
    values: dict[str, object] = {
        "speaker_id": speaker_id if speaker_id is not None else quotation.speaker_id,
        "speaker_label": speaker_label,
        "kind": kind,
        "text": text,
        "start_offset": span[0],
        "end_offset": span[1],
        "cue": cue,
        "upstream_id": upstream_id,
        "anchor_status": anchor,
    }
    if status is not None:
        values["status"] = status
    if confidence is not None:
        values["confidence"] = confidence
    if attribution is None:
        attribution = Attribution(article_id=article.id, quotation_id=quotation.id, **values)
        session.add(attribution)
        await session.flush()
        existing: list[AttributionMarker] = []
        if not placed:
            return attribution
    else:
        _assign(attribution, **values)
        await session.flush()
        existing = list(
            await session.scalars(
                select(AttributionMarker)
                .where(AttributionMarker.attribution_id == attribution.id)
                .order_by(AttributionMarker.id)
            )
        )
    wanted = [(m.kind, m.text, m.position, m.note) for m in placed]
    if [(m.kind, m.text, m.position, m.note) for m in existing] != wanted:
        for old in existing:
            await session.delete(old)
        await session.flush()
        for kind_, marker_text, position, note in wanted:
            session.add(
                AttributionMarker(
                    attribution_id=attribution.id,
                    kind=kind_,
                    text=marker_text,
                    position=position,
                    note=note,
                )
            )
        await session.flush()
    return attribution


async def attribution_by_id(session: AsyncSession, attribution_id: int) -> Attribution:
    """The attribution with this id, or a NotFoundError naming it."""
    attribution = await session.get(Attribution, attribution_id)
    if attribution is None:
        raise NotFoundError(f"no attribution with id {attribution_id}", field="attribution")
    return attribution


async def link_upstream(
    session: AsyncSession, *, attribution_id: int, upstream_id: int | None
) -> Attribution:
    """Say which attribution this one was taken from (None: it is the first known report)."""
    attribution = await attribution_by_id(session, attribution_id)
    if upstream_id is not None:
        try:
            upstream = await attribution_by_id(session, upstream_id)
        except NotFoundError as error:
            error.field = "upstream"
            raise
        if upstream.quotation_id != attribution.quotation_id:
            raise InvalidInputError(
                f"attribution {upstream_id} relays another quotation than attribution "
                f"{attribution_id}",
                field="upstream",
                hint="an upstream attribution is an earlier appearance of the same quotation",
            )
        if upstream.id == attribution.id:
            raise InvalidInputError("an attribution cannot be its own upstream", field="upstream")
    # The database refuses a cycle (attributions_check_no_cycle); write.translate reports it.
    _assign(attribution, upstream_id=upstream_id)
    await session.flush()
    return attribution
