"""The row-by-row export as it was before the streamed one: the reference for byte identity.

Kept here, in the tests only, so that tests/services/test_export_stream.py can compare the
streamed export (provenance/services/export_stream.py) with it byte for byte.

Export the database in the JSON Lines exchange format, in a canonical order.

Order: outlets, speakers, quotations (each by slug), then articles so that every
attribution comes after the attribution it was taken from (ties by slug). Articles that
relay each other (A takes one quote from B, B another from A) cannot both come first: the
first of them by slug is then written in parts, one line with the attributions that are
ready and a later line with the rest, so one pass imports everything. Importing an export
into an empty database and exporting again gives the same bytes.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterator, Sequence
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


def _ready_part(entries: list[ExportEntry], written: set[int]) -> list[ExportEntry]:
    """The entries whose upstream is written, absent, or itself in the part (same article)."""
    part: set[int] = set()
    grew = True
    while grew:
        grew = False
        for entry in entries:
            if entry.id not in part and (
                entry.upstream_id is None
                or entry.upstream_id in written
                or entry.upstream_id in part
            ):
                part.add(entry.id)
                grew = True
    return [e for e in entries if e.id in part]


def _components(nodes: list[int], edges: dict[int, set[int]]) -> list[list[int]]:
    """Strongly connected components (Tarjan, iterative), each a list of nodes."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    found: list[list[int]] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
    return found


def _within_circle(
    members: list[int],
    slugs: dict[int, str],
    remaining: dict[int, list[ExportEntry]],
    article_of: dict[int, int],
    written: set[int],
) -> Iterator[tuple[int, list[ExportEntry]]]:
    """Articles that relay each other in a circle, in parts (see upstream_first)."""
    inside = set(members)
    followers: dict[int, list[int]] = defaultdict(list)
    unmet = dict.fromkeys(members, 0)
    for article in members:
        for entry in remaining[article]:
            upstream_article = article_of.get(entry.upstream_id or -1)
            if upstream_article in inside and upstream_article != article:
                followers[entry.upstream_id or -1].append(entry.id)
                unmet[article] += 1
    ready = [(slugs[a], a) for a in members if unmet[a] == 0]
    partly = [(slugs[a], a) for a in members]
    heapq.heapify(ready)
    heapq.heapify(partly)
    done: set[int] = set()
    while len(done) < len(members):
        if ready:
            _, article = heapq.heappop(ready)
            if article in done:
                continue
            part = remaining[article]
        else:
            _, article = heapq.heappop(partly)  # never empty: attributions have no circle
            if article in done:
                continue
            part = _ready_part(remaining[article], written)
            if not part:
                continue
        yield article, part
        ids = {e.id for e in part}
        written.update(ids)
        remaining[article] = [e for e in remaining[article] if e.id not in ids]
        if not remaining[article]:
            done.add(article)
        for entry in part:
            for follower in followers.get(entry.id, ()):
                waiting = article_of[follower]
                unmet[waiting] -= 1
                if waiting not in done:
                    heapq.heappush(partly, (slugs[waiting], waiting))
                    if unmet[waiting] == 0:
                        heapq.heappush(ready, (slugs[waiting], waiting))


def upstream_first(
    slugs: dict[int, str], entries: dict[int, list[ExportEntry]]
) -> Iterator[tuple[int, list[ExportEntry]]]:
    """(article id, attributions) in an order where every upstream comes first.

    Articles are ordered by Kahn's algorithm over the graph of who relays whom (ties by
    slug), each circle of articles relaying each other taken as one node. Inside a circle
    no article can come first whole: the first by slug whose attributions' upstreams are
    all written is written in part, which unblocks the others. Attributions never relay
    in a circle (a trigger refuses it), so some article of a circle always has such
    attributions; articles outside circles are never split. O(n log n).
    """
    article_of = {e.id: a for a, es in entries.items() for e in es}
    remaining = {a: list(entries.get(a, [])) for a in slugs}
    relays: dict[int, set[int]] = defaultdict(set)  # upstream article -> relaying articles
    for article, article_entries in remaining.items():
        for entry in article_entries:
            upstream_article = article_of.get(entry.upstream_id or -1)
            if upstream_article is not None and upstream_article != article:
                relays[upstream_article].add(article)
    order = sorted(slugs, key=slugs.__getitem__)
    components = _components(order, relays)
    component_of = {a: i for i, members in enumerate(components) for a in members}
    first_slug = [min(slugs[a] for a in members) for members in components]
    unmet = [0] * len(components)
    after: dict[int, set[int]] = defaultdict(set)
    for upstream_article, relaying in relays.items():
        for article in relaying:
            c_up, c_down = component_of[upstream_article], component_of[article]
            if c_up != c_down and c_down not in after[c_up]:
                after[c_up].add(c_down)
                unmet[c_down] += 1
    ready = [(first_slug[c], c) for c in range(len(components)) if unmet[c] == 0]
    heapq.heapify(ready)
    written: set[int] = set()
    while ready:
        _, component = heapq.heappop(ready)
        members = components[component]
        if len(members) == 1:
            yield members[0], remaining[members[0]]
            written.update(e.id for e in remaining[members[0]])
        else:
            yield from _within_circle(members, slugs, remaining, article_of, written)
        for follower in after[component]:
            unmet[follower] -= 1
            if unmet[follower] == 0:
                heapq.heappush(ready, (first_slug[follower], follower))


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


async def _articles(session: AsyncSession) -> list[Line]:
    attributions = await _attributions(session)
    rows = {r.id: r for r in await _rows(session, _ARTICLE_COLUMNS)}
    return [
        _article_line(rows[article_id], part)
        for article_id, part in upstream_first({i: r.slug for i, r in rows.items()}, attributions)
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
