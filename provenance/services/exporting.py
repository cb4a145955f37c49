"""Export records of the JSON Lines exchange format: one article (the import compares a line
with what is stored), and the whole database (``export_to``, streamed by export_stream).

Order of the whole export: outlets, speakers, quotations (each by slug), then articles so
that every attribution comes after the attribution it was taken from (ties by slug;
export_order). Importing an export into an empty database and exporting again gives the
same bytes.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class ExportEntry:
    """One attribution's export item, with its id and its upstream's (for the order)."""

    item: AttributionItem
    id: int
    upstream_id: int | None


async def _attributions(
    session: AsyncSession, article_id: int | None = None
) -> dict[int, list[ExportEntry]]:
    """Attribution items per article id, in the order of the article's text."""
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
               a.upstream_id, upa.slug AS upstream_article,
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
    items: dict[int, list[ExportEntry]] = defaultdict(list)
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
        items[r.article_id].append(ExportEntry(item, r.id, r.upstream_id))
    return items


_ARTICLE_COLUMNS = (
    "SELECT a.id, a.slug, a.url, o.slug AS outlet, a.title, a.published_on, a.language, "
    "a.body, a.cited_as FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id"
)


def _article_line(row: Any, items: list[ExportEntry]) -> ArticleLine:
    return ArticleLine(
        slug=row.slug,
        url=row.url,
        outlet=row.outlet,
        title=row.title,
        published_on=row.published_on,
        language=row.language,
        body=row.body,
        cited_as=row.cited_as,
        attributions=tuple(entry.item for entry in items),
    )


async def export_article(session: AsyncSession, *, slug: str) -> ArticleLine | None:
    """One article as its export line, or None if there is no article with this slug."""
    rows = await _rows(session, f"{_ARTICLE_COLUMNS} WHERE a.slug = :slug", {"slug": slug})
    if not rows:
        return None
    attributions = await _attributions(session, article_id=rows[0].id)
    return _article_line(rows[0], attributions.get(rows[0].id, []))


async def export_to(session: AsyncSession, out: TextIO) -> int:
    """Write the export to ``out``, one line per record; return the number of lines.

    Streamed (``export_stream``) as UTF-8 bytes into the binary buffer of a file or of
    standard output; any other text stream (``io.StringIO``) gets them decoded.
    ``session`` must not have run a statement yet.
    """
    from provenance.services.export_stream import stream_export

    if isinstance(out, io.TextIOWrapper):
        out.flush()
        return (await stream_export(session, out=out.buffer)).lines
    return (await stream_export(session, out=_Decoded(out))).lines


class _Decoded:
    """Bytes written as text (each write is whole lines, so whole characters)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, data: bytes, /) -> int:
        self.out.write(data.decode())
        return len(data)
