"""Import throughput: generate a JSON Lines file of relayed quotations, import it, time it.

The benchmark runs in a scratch database created next to the target one and dropped
afterwards, so it never touches real data.
"""

from __future__ import annotations

import random
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from provenance import migrate
from provenance.db import async_engine, session_factory
from provenance.models import AliasKind, AttributionKind, SpeakerKind
from provenance.services.importing import ImportReport, import_lines
from provenance.services.jsonl_format import (
    ArticleLine,
    AttributionItem,
    Line,
    OutletLine,
    QuotationLine,
    SpeakerLine,
    UpstreamRef,
    format_line,
)

WORDS = ("the", "convoy", "left", "city", "at", "night", "officials", "said", "deal", "road")


@dataclass(frozen=True)
class BenchmarkResult:
    """One timed import."""

    lines: int
    attributions: int
    seconds: float
    #: The same file imported a second time (every line already there: nothing changes).
    again_seconds: float

    @property
    def rate(self) -> float:
        """Attributions imported per second."""
        return self.attributions / self.seconds if self.seconds else 0.0

    @property
    def again_rate(self) -> float:
        """Attributions per second when importing the same file again."""
        return self.attributions / self.again_seconds if self.again_seconds else 0.0


def generate(*, articles: int, per_article: int, seed: int = 1) -> Iterator[Line]:
    """Synthetic outlets, speakers, quotations and articles that relay each other."""
    rng = random.Random(seed)
    outlets = [f"outlet-{i}" for i in range(5)]
    for slug in outlets:
        yield OutletLine(slug=slug, name=slug.replace("-", " ").title())
    speakers = [f"speaker-{i}" for i in range(50)]
    for slug in speakers:
        yield SpeakerLine(
            slug=slug,
            name=slug.title(),
            kind=SpeakerKind.PERSON,
            aliases=((slug.title(), AliasKind.NAME),),
        )
    quotations = [f"quotation-{i}" for i in range(max(1, articles * per_article // 3))]
    for index, slug in enumerate(quotations):
        words = " ".join(rng.choice(WORDS) for _ in range(12))
        yield QuotationLine(slug=slug, speaker=speakers[index % len(speakers)], text=words)
    appearances: dict[str, str] = {}  # quotation -> the last article it appeared in
    for number in range(articles):
        slug = f"article-{number}"
        chosen = rng.sample(quotations, min(per_article, len(quotations)))
        parts, items, offset = [], [], 0
        for position, quotation in enumerate(chosen):
            # A unique tag makes every quoted span occur once in the body.
            words = f"{quotation} {' '.join(rng.choice(WORDS) for _ in range(10))} #{position}"
            before = f"Paragraph {position}: someone said, \u201c"
            parts.append(f"{before}{words}\u201d.\n")
            upstream = appearances.get(quotation)
            items.append(
                AttributionItem(
                    quotation=quotation,
                    kind=AttributionKind.DIRECT,
                    text=words,
                    start=offset + len(before),
                    cue="said",
                    upstream=UpstreamRef(article=upstream) if upstream else None,
                )
            )
            offset += len(parts[-1])
            appearances[quotation] = slug
        yield ArticleLine(
            slug=slug,
            outlet=outlets[number % len(outlets)],
            body="".join(parts),
            attributions=tuple(items),
        )


def _scratch_url(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def run_benchmark(*, url: str, articles: int, per_article: int) -> BenchmarkResult:
    """Import generated data into a scratch database beside ``url`` and time it."""
    import asyncio

    name = f"provenance_bench_{secrets.token_hex(4)}"
    admin = psycopg.connect(_scratch_url(url, "postgres"), autocommit=True)
    try:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        scratch = _scratch_url(url, name)
        migrate.upgrade(scratch)
        lines = [format_line(line) for line in generate(articles=articles, per_article=per_article)]

        async def load() -> ImportReport:
            engine = async_engine(scratch, pool_size=1)
            try:
                return await import_lines(session_factory(engine), lines, actor="benchmark")
            finally:
                await engine.dispose()

        started = time.perf_counter()
        report = asyncio.run(load())
        seconds = time.perf_counter() - started
        if report.problems:
            raise RuntimeError(f"the generated data did not load: {report.problems[0]}")
        started = time.perf_counter()
        asyncio.run(load())
        again = time.perf_counter() - started
        return BenchmarkResult(
            lines=report.lines,
            attributions=report.attributions,
            seconds=seconds,
            again_seconds=again,
        )
    finally:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.close()
