"""Import the JSON Lines exchange format through the shared write path.

Each line is one transaction (services.transactions.write): a bad line is reported with
its number and reason and the others still load; an interrupted import keeps every line
committed so far, and running it again skips nothing but changes nothing either, because
every record function is an idempotent upsert by natural key. Concurrent imports of
overlapping data are safe: a transaction that loses a race is retried.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import defer

from provenance.errors import InvalidInputError, NotFoundError, ProvenanceError
from provenance.models import Article, Attribution, AttributionVerdict, Quotation
from provenance.services import records
from provenance.services.exporting import export_article
from provenance.services.jsonl_format import (
    ArticleLine,
    AttributionItem,
    Line,
    OutletLine,
    QuotationLine,
    SpeakerLine,
    decode_line,
    format_line,
    parse_line,
)
from provenance.services.transactions import write


@dataclass(frozen=True)
class LineProblem:
    """A line that did not load, and why."""

    line_number: int
    message: str
    field: str | None = None

    def __str__(self) -> str:
        where = f" ({self.field})" if self.field else ""
        return f"line {self.line_number}{where}: {self.message}"


@dataclass
class ImportReport:
    """What an import did: lines loaded, attributions in them, and the lines refused."""

    lines: int = 0
    loaded: int = 0
    skipped: int = 0
    attributions: int = 0
    problems: list[LineProblem] = field(default_factory=list)


async def _outlet_id(session: AsyncSession, slug: str | None) -> int | None:
    return (await records.outlet_by_slug(session, slug)).id if slug else None


@dataclass
class _Lookups:
    """What the attributions of one line refer to, fetched in a few statements."""

    quotations: dict[str, Quotation]
    articles: dict[str, tuple[int, str]]  # upstream key (slug or URL) -> (id, slug)
    appearances: dict[tuple[int, int], list[tuple[int, int | None]]]  # -> [(id, start)]


async def _lookups(session: AsyncSession, line: ArticleLine) -> _Lookups:
    slugs = {item.quotation for item in line.attributions}
    quotations = {
        q.slug: q
        for q in await session.scalars(
            select(Quotation)
            .options(defer(Quotation.search_vector))
            .where(Quotation.slug.in_(slugs))
        )
    }
    keys = {
        item.upstream.article
        for item in line.attributions
        if item.upstream is not None and not _same_article(line, item)
    }
    articles: dict[str, tuple[int, str]] = {}
    if keys:
        rows = await session.execute(
            select(Article.id, Article.slug, Article.url).where(
                or_(Article.slug.in_(keys), Article.url.in_(keys))
            )
        )
        for article_id, slug, url in rows:
            for key in (slug, url):
                if key in keys:
                    articles[key] = (article_id, slug)
    appearances: dict[tuple[int, int], list[tuple[int, int | None]]] = defaultdict(list)
    if articles:
        found = await session.execute(
            select(
                Attribution.id,
                Attribution.article_id,
                Attribution.quotation_id,
                Attribution.start_offset,
            ).where(
                Attribution.article_id.in_({a for a, _ in articles.values()}),
                Attribution.quotation_id.in_({q.id for q in quotations.values()}),
            )
        )
        for attribution_id, article_id, quotation_id, start in found:
            appearances[(article_id, quotation_id)].append((attribution_id, start))
    return _Lookups(quotations, articles, appearances)


async def _same_article_appearances(
    session: AsyncSession, article: Article, quotation: Quotation
) -> tuple[tuple[int, str], list[tuple[int, int | None]]]:
    rows = await session.execute(
        select(Attribution.id, Attribution.start_offset).where(
            Attribution.article_id == article.id, Attribution.quotation_id == quotation.id
        )
    )
    return (article.id, article.slug), [(r[0], r[1]) for r in rows]


async def _upstream_id(
    session: AsyncSession,
    line: ArticleLine,
    article: Article,
    item: AttributionItem,
    quotation: Quotation,
    lookups: _Lookups,
) -> int | None:
    if item.upstream is None:
        return None
    if _same_article(line, item):
        (_, slug), candidates = await _same_article_appearances(session, article, quotation)
    else:
        found = lookups.articles.get(item.upstream.article)
        if found is None:
            raise NotFoundError(
                f"no article {item.upstream.article!r}",
                field="upstream.article",
                hint="the upstream article must be in the database or on an earlier line",
            )
        slug = found[1]
        candidates = lookups.appearances.get((found[0], quotation.id), [])
    if item.upstream.start is not None:
        candidates = [c for c in candidates if c[1] == item.upstream.start]
    if len(candidates) != 1:
        where = f" at {item.upstream.start}" if item.upstream.start is not None else ""
        raise InvalidInputError(
            f"article {slug!r} has {len(candidates) or 'no'} appearance(s) of quotation "
            f"{quotation.slug!r}{where}",
            field="upstream",
            hint="give upstream.start when the quotation appears there more than once",
        )
    return candidates[0][0]


async def _record_attribution(
    session: AsyncSession,
    line: ArticleLine,
    article: Article,
    item: AttributionItem,
    lookups: _Lookups,
) -> Attribution:
    quotation = lookups.quotations.get(item.quotation)
    if quotation is None:
        raise NotFoundError(f"no quotation with slug {item.quotation!r}", field="quotation")
    speaker_id = (await records.speaker_by_slug(session, item.speaker)).id if item.speaker else None
    attribution = await records.record_attribution(
        session,
        article=article,
        quotation=quotation,
        kind=item.kind,
        text=item.text,
        start=item.start,
        speaker_id=speaker_id,
        speaker_label=item.speaker_label,
        cue=item.cue,
        upstream_id=await _upstream_id(session, line, article, item, quotation, lookups),
        markers=[records.MarkerInput(m.kind, m.text, m.position, m.note) for m in item.markers],
        orphaned=item.orphaned,
    )
    if attribution.status != item.status:
        attribution.status = item.status
    if attribution.confidence != item.confidence:
        attribution.confidence = item.confidence
    for verdict in item.verdicts:
        known = await session.scalar(
            select(AttributionVerdict.id).where(
                AttributionVerdict.attribution_id == attribution.id,
                AttributionVerdict.created_at == verdict.at,
                AttributionVerdict.actor == verdict.actor,
                AttributionVerdict.verdict == verdict.verdict.value,
            )
        )
        if known is None:
            session.add(
                AttributionVerdict(
                    attribution_id=attribution.id,
                    verdict=verdict.verdict.value,
                    actor=verdict.actor,
                    reason=verdict.reason,
                    created_at=verdict.at,
                )
            )
    await session.flush()
    return attribution


def _same_article(line: ArticleLine, item: AttributionItem) -> bool:
    return item.upstream is not None and item.upstream.article in (line.slug, line.url)


async def _record_article(session: AsyncSession, line: ArticleLine) -> int:
    article = await records.upsert_article(
        session,
        slug=line.slug,
        outlet_id=await _outlet_id(session, line.outlet),
        url=line.url,
        title=line.title,
        published_on=line.published_on,
        language=line.language,
        body=line.body,
        cited_as=line.cited_as,
    )
    lookups = await _lookups(session, line)
    # An attribution relayed from elsewhere in the same article waits for its upstream.
    in_line = {(item.quotation, item.start) for item in line.attributions}
    recorded: set[tuple[str, int | None]] = set()
    pending = list(enumerate(line.attributions))
    while pending:
        waiting = []
        for index, item in pending:
            upstream_key = (item.quotation, item.upstream.start if item.upstream else None)
            if _same_article(line, item) and upstream_key in in_line - recorded:
                waiting.append((index, item))
                continue
            try:
                await _record_attribution(session, line, article, item, lookups)
            except ProvenanceError as error:
                error.field = f"attributions[{index}].{error.field or ''}".rstrip(".")
                raise
            recorded.add((item.quotation, item.start))
        if len(waiting) == len(pending):
            raise InvalidInputError(
                "attributions of the same quotation in this article relay each other in a circle",
                field="attributions",
            )
        pending = waiting
    return len(line.attributions)


async def apply_line(session: AsyncSession, line: Line) -> int:
    """Record one line through the write path; return how many attributions it holds."""
    if isinstance(line, OutletLine):
        await records.upsert_outlet(session, slug=line.slug, name=line.name, website=line.website)
        return 0
    if isinstance(line, SpeakerLine):
        await records.upsert_speaker(
            session,
            slug=line.slug,
            name=line.name,
            kind=line.kind,
            description=line.description,
            outlet_id=await _outlet_id(session, line.outlet),
            aliases=line.aliases,
        )
        return 0
    if isinstance(line, QuotationLine):
        speaker = await records.speaker_by_slug(session, line.speaker)
        await records.upsert_quotation(
            session, slug=line.slug, speaker_id=speaker.id, text=line.text, language=line.language
        )
        return 0
    # A line that reads exactly like the article's export is already there: skip its checks.
    present = await export_article(session, slug=line.slug)
    if present is not None and format_line(present) == format_line(line):
        return len(line.attributions)
    return await _record_article(session, line)


_BOM = "\ufeff"


class ImportInterrupted(Exception):
    """The database failed (not the line): lines before ``line_number`` are saved."""

    def __init__(self, line_number: int, report: ImportReport, reason: str) -> None:
        super().__init__(f"stopped at line {line_number}: {reason}")
        self.line_number = line_number
        self.report = report
        self.reason = reason


def _database_failed(error: ProvenanceError) -> bool:
    """Whether the error is the database or the connection failing, not a refusal."""
    cause = error.__cause__
    return isinstance(cause, OperationalError) or (
        isinstance(cause, DBAPIError) and cause.connection_invalidated
    )


def _text_of(raw: str | bytes, number: int) -> str:
    text = decode_line(raw) if isinstance(raw, bytes) else raw
    text = text.rstrip("\r\n")
    return text.removeprefix(_BOM) if number == 1 else text


async def import_lines(
    factory: async_sessionmaker[AsyncSession],
    lines: Iterable[str | bytes],
    *,
    actor: str,
    progress: Callable[[int], None] | None = None,
    from_line: int = 1,
) -> ImportReport:
    """Load numbered lines, one transaction each; collect the problems.

    Lines are text, or bytes decoded here as UTF-8 so that a line that is not UTF-8 is
    refused alone. A line that cannot be decoded, is not JSON, nests too deep, holds what
    PostgreSQL cannot store, breaks a rule of the format or the database is reported with
    its number and reason, and the others still load. Lines before ``from_line`` are
    skipped (resuming an interrupted import faster; running it from the start is also
    safe, only slower).
    """
    report = ImportReport()
    for number, raw in enumerate(lines, start=1):
        report.lines += 1
        if number < from_line:
            report.skipped += 1
        elif raw.strip():
            try:
                line = parse_line(_text_of(raw, number))

                async def work(session: AsyncSession, line: Line = line) -> int:
                    return await apply_line(session, line)

                report.attributions += await write(factory, work, actor=actor)
                report.loaded += 1
            except ProvenanceError as error:
                if _database_failed(error):
                    raise ImportInterrupted(number, report, str(error)) from error
                report.problems.append(LineProblem(number, str(error), error.field))
        if progress is not None:
            progress(1)
    return report
