"""Export the database in the JSON Lines exchange format, in a canonical order.

Order: outlets, speakers, quotations (each by slug), then articles so that an article
comes after every article its attributions were taken from (ties by slug). Importing an
export into an empty database and exporting again gives the same bytes.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.models import (
    AliasKind,
    AttributionKind,
    AttributionStatus,
    MarkerKind,
    SpeakerKind,
)
from provenance.services.jsonl_format import (
    ArticleLine,
    AttributionItem,
    Line,
    MarkerItem,
    OutletLine,
    QuotationLine,
    SpeakerLine,
    UpstreamRef,
    VerdictItem,
    format_line,
)


async def _rows(
    session: AsyncSession, sql: str, params: dict[str, Any] | None = None
) -> Sequence[Any]:
    return (await session.execute(text(sql), params or {})).all()


async def _outlets(session: AsyncSession) -> list[Line]:
    rows = await _rows(session, "SELECT slug, name, website FROM outlets ORDER BY slug")
    return [OutletLine(slug=r.slug, name=r.name, website=r.website) for r in rows]


async def _speakers(session: AsyncSession) -> list[Line]:
    aliases: dict[int, list[tuple[str, AliasKind]]] = defaultdict(list)
    for row in await _rows(
        session, "SELECT speaker_id, alias, kind FROM speaker_aliases ORDER BY speaker_id, id"
    ):
        aliases[row.speaker_id].append((row.alias, AliasKind(row.kind)))
    rows = await _rows(
        session,
        "SELECT s.id, s.slug, s.name, s.kind, s.description, o.slug AS outlet "
        "FROM speakers s LEFT JOIN outlets o ON o.id = s.outlet_id ORDER BY s.slug",
    )
    return [
        SpeakerLine(
            slug=r.slug,
            name=r.name,
            kind=SpeakerKind(r.kind),
            description=r.description,
            outlet=r.outlet,
            aliases=tuple(aliases[r.id]),
        )
        for r in rows
    ]


async def _quotations(session: AsyncSession) -> list[Line]:
    rows = await _rows(
        session,
        "SELECT q.slug, s.slug AS speaker, q.text, q.language FROM quotations q "
        "JOIN speakers s ON s.id = q.speaker_id ORDER BY q.slug",
    )
    return [
        QuotationLine(slug=r.slug, speaker=r.speaker, text=r.text, language=r.language)
        for r in rows
    ]


# Restricts the attribution queries to one article (:article), or keeps them all.
_OF_ARTICLE = "attribution_id IN (SELECT id FROM attributions WHERE article_id = :article)"


async def _attributions(
    session: AsyncSession, article_id: int | None = None
) -> dict[int, list[tuple[AttributionItem, int]]]:
    """Attribution items per article id, each with the article id of its upstream (or -1)."""
    params = {"article": article_id}
    one = article_id is not None
    markers: dict[int, list[MarkerItem]] = defaultdict(list)
    for r in await _rows(
        session,
        "SELECT attribution_id, kind, text, position, note FROM attribution_markers "
        f"{'WHERE ' + _OF_ARTICLE if one else ''} ORDER BY attribution_id, id",
        params,
    ):
        markers[r.attribution_id].append(MarkerItem(MarkerKind(r.kind), r.text, r.position, r.note))
    verdicts: dict[int, list[VerdictItem]] = defaultdict(list)
    for r in await _rows(
        session,
        "SELECT attribution_id, verdict, actor, reason, created_at FROM attribution_verdicts "
        f"{'WHERE ' + _OF_ARTICLE if one else ''} ORDER BY attribution_id, created_at, id",
        params,
    ):
        verdicts[r.attribution_id].append(
            VerdictItem(AttributionStatus(r.verdict), r.actor, r.reason, r.created_at)
        )
    rows = await _rows(
        session,
        f"""
        SELECT a.id, a.article_id, q.slug AS quotation, a.kind, a.text, a.start_offset,
               CASE WHEN a.speaker_id <> q.speaker_id THEN s.slug END AS speaker,
               a.speaker_label, a.cue, a.status, a.confidence,
               a.anchor_status = 'orphaned' AS orphaned,
               up.article_id AS upstream_article_id, upa.slug AS upstream_article,
               up.start_offset AS upstream_start
        FROM attributions a
        JOIN quotations q ON q.id = a.quotation_id
        JOIN speakers s ON s.id = a.speaker_id
        LEFT JOIN attributions up ON up.id = a.upstream_id
        LEFT JOIN articles upa ON upa.id = up.article_id
        {"WHERE a.article_id = :article" if one else ""}
        ORDER BY a.article_id, a.start_offset NULLS LAST, q.slug, a.id
        """,
        params,
    )
    items: dict[int, list[tuple[AttributionItem, int]]] = defaultdict(list)
    for r in rows:
        upstream = (
            UpstreamRef(article=r.upstream_article, start=r.upstream_start)
            if r.upstream_article is not None
            else None
        )
        item = AttributionItem(
            quotation=r.quotation,
            kind=AttributionKind(r.kind),
            text=r.text,
            start=r.start_offset,
            speaker=r.speaker,
            speaker_label=r.speaker_label,
            cue=r.cue,
            upstream=upstream,
            status=AttributionStatus(r.status),
            confidence=r.confidence,
            markers=tuple(markers[r.id]),
            orphaned=r.orphaned,
            verdicts=tuple(verdicts[r.id]),
        )
        upstream_article = r.upstream_article_id if r.upstream_article_id is not None else -1
        items[r.article_id].append((item, upstream_article))
    return items


def _upstream_first(slugs: dict[int, str], needs: dict[int, set[int]]) -> Iterator[int]:
    """Article ids so that each comes after the articles it relays (Kahn, ties by slug)."""
    waiting = {a: {n for n in needs.get(a, set()) if n != a and n in slugs} for a in slugs}
    relayed_by: dict[int, set[int]] = defaultdict(set)
    for article, upstreams in waiting.items():
        for upstream in upstreams:
            relayed_by[upstream].add(article)
    ready = [(slugs[a], a) for a, ups in waiting.items() if not ups]
    heapq.heapify(ready)
    done: set[int] = set()
    while ready:
        _, article = heapq.heappop(ready)
        done.add(article)
        yield article
        for follower in relayed_by[article]:
            waiting[follower].discard(article)
            if not waiting[follower] and follower not in done:
                heapq.heappush(ready, (slugs[follower], follower))
    # Articles relaying each other in a circle: no order satisfies both; keep slug order.
    yield from sorted((a for a in slugs if a not in done), key=slugs.__getitem__)


_ARTICLE_COLUMNS = (
    "SELECT a.id, a.slug, a.url, o.slug AS outlet, a.title, a.published_on, a.language, "
    "a.body, a.cited_as FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id"
)


def _article_line(row: Any, items: list[tuple[AttributionItem, int]]) -> ArticleLine:
    return ArticleLine(
        slug=row.slug,
        url=row.url,
        outlet=row.outlet,
        title=row.title,
        published_on=row.published_on,
        language=row.language,
        body=row.body,
        cited_as=row.cited_as,
        attributions=tuple(item for item, _ in items),
    )


async def _articles(session: AsyncSession) -> list[Line]:
    attributions = await _attributions(session)
    rows = {r.id: r for r in await _rows(session, _ARTICLE_COLUMNS)}
    needs = {a: {up for _, up in items if up != -1} for a, items in attributions.items()}
    return [
        _article_line(rows[article_id], attributions.get(article_id, []))
        for article_id in _upstream_first({i: r.slug for i, r in rows.items()}, needs)
    ]


async def export_article(session: AsyncSession, *, slug: str) -> ArticleLine | None:
    """One article as its export line, or None if there is no article with this slug."""
    rows = await _rows(session, f"{_ARTICLE_COLUMNS} WHERE a.slug = :slug", {"slug": slug})
    if not rows:
        return None
    attributions = await _attributions(session, article_id=rows[0].id)
    return _article_line(rows[0], attributions.get(rows[0].id, []))


async def export_lines(session: AsyncSession) -> list[Line]:
    """Every outlet, speaker, quotation and article, in the canonical order."""
    # One snapshot for all the queries, so that concurrent writes cannot tear the export.
    await session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
    return [
        *await _outlets(session),
        *await _speakers(session),
        *await _quotations(session),
        *await _articles(session),
    ]


async def export_to(session: AsyncSession, out: TextIO) -> int:
    """Write the export to ``out``, one line per record; return the number of lines."""
    lines = await export_lines(session)
    for line in lines:
        out.write(format_line(line) + "\n")
    return len(lines)
