"""`provenance ingest` and `provenance outlet-source`: web pages, WARC archives and feeds."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import click

from provenance import migrate
from provenance.cli.target import Target, database_target, in_session
from provenance.cli.writing import actor_option, write_once
from provenance.db import async_engine, session_factory
from provenance.ingest import files
from provenance.ingest.fetch import Fetcher, FetchPolicy
from provenance.ingest.items import Failure
from provenance.ingest.outlets import KINDS, add_source, list_sources, remove_source
from provenance.ingest.pipeline import (
    IngestOptions,
    IngestReport,
    Input,
    from_iterable,
    ingest,
)
from provenance.ingest.web import web_items


def _file_inputs(paths: list[Path | str], missing: list[Failure], cap: int) -> Iterator[Input]:
    yield from missing
    for path in paths:
        yield from files.path_items(path, max_bytes=cap)


async def _inputs(
    paths: list[Path | str],
    missing: list[Failure],
    fetcher: Fetcher,
    *,
    feeds: list[str],
    urls: list[str],
    cap: int,
) -> AsyncIterator[Input]:
    async for entry in from_iterable(_file_inputs(paths, missing, cap)):
        yield entry
    async for web in web_items(fetcher, feeds=feeds, urls=urls):
        yield web


def _ready_database(target: Target) -> None:
    """The embedded database is migrated on first use; another must be at the newest revision."""
    if target.cluster is not None:
        migrate.upgrade(target.url)
    elif migrate.current(target.url) != migrate.head():
        raise click.ClickException(
            "the database is not at the newest schema revision: run `provenance db upgrade`"
        )


@click.command("ingest")
@click.argument("paths", nargs=-1)
@click.option("--feed", "feeds", multiple=True, help="An RSS or Atom feed whose items to fetch.")
@click.option("--url", "urls", multiple=True, help="A page to fetch.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Pages per transaction.",
)
@click.option("--fast", is_flag=True, help="Skip trafilatura's fallback extractors (faster).")
@click.option(
    "--writers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Batches stored side by side, each in its own transaction (helps only when the "
    "database has idle cores; batches creating the same speaker retry).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Processes running trafilatura and the extractor while this one stores "
    "(0: a thread of this process).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=5_000_000,
    show_default=True,
    help="The largest page read or fetched.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=20.0,
    show_default=True,
    help="Seconds to wait for a server.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="Retries of a time-out, dropped connection, 429 or 5xx.",
)
@click.option(
    "--host-interval",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds between two requests to one host (robots.txt Crawl-delay wins).",
)
@click.option("--user-agent", default=FetchPolicy.user_agent, show_default=True)
@actor_option
def ingest_command(
    paths: tuple[str, ...],
    feeds: tuple[str, ...],
    urls: tuple[str, ...],
    as_json: bool,
    batch_size: int,
    fast: bool,
    writers: int,
    workers: int,
    max_bytes: int,
    timeout: float,
    retries: int,
    host_interval: float,
    user_agent: str,
    actor: str,
) -> None:
    """Store news pages with their extracted quotations: PATHS (HTML files, WARC or
    WARC.gz archives, folders of them, globs, '-' for stdin), --feed URL and --url URL.

    Each article is stored once (same canonical URL or same text: a duplicate), with its
    quotations as 'extracted' candidates. A page that fails is reported and the others
    load; running the same command again adds nothing and skips what was done. Exit
    status 1 when any page failed.
    """
    if not (paths or feeds or urls):
        raise click.UsageError("name files or folders to ingest, or give --feed or --url")
    found, missing = files.expand(list(paths))
    total = files.total_size(found) + len(urls)
    policy = FetchPolicy(
        user_agent=user_agent,
        timeout=timeout,
        max_bytes=max_bytes,
        retries=retries,
        per_host_interval=host_interval,
    )
    options = IngestOptions(batch_size=batch_size, fast=fast, writers=writers, workers=workers)
    with database_target() as target:
        _ready_database(target)
        with click.progressbar(
            length=max(total, 1), label="Ingesting", file=sys.stderr, show_pos=False
        ) as bar:
            seen = 0

            def progress(report: IngestReport) -> None:
                nonlocal seen
                bar.label = (
                    f"{len(report.stored)} stored, {len(report.duplicates)} dup, "
                    f"{report.already} done before, {len(report.failures)} failed, "
                    f"{report.rate():.0f} pages/s"
                )
                bar.update(min(report.progressed, total) - seen)
                seen = min(report.progressed, total)

            async def run() -> IngestReport:
                engine = async_engine(target.url, pool_size=options.writers + 1)
                try:
                    async with Fetcher(policy) as fetcher:
                        inputs = _inputs(
                            found,
                            missing,
                            fetcher,
                            feeds=list(feeds),
                            urls=list(urls),
                            cap=max_bytes,
                        )
                        return await ingest(
                            session_factory(engine),
                            inputs,
                            actor=actor,
                            options=options,
                            progress=progress,
                        )
                finally:
                    await engine.dispose()

            try:
                report = asyncio.run(run())
            except KeyboardInterrupt:
                raise click.ClickException(
                    "interrupted: what was stored is kept and recorded; run the same command "
                    "again to go on where it stopped"
                ) from None
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        for failure in report.failures:
            click.echo(f"failed: {failure.source}: {failure.reason}", err=True)
        click.echo(f"Ingested into {target.describe()}: {report.summary()}.")
    if report.failures:
        sys.exit(1)


@click.group("outlet-source")
def outlet_source() -> None:
    """The table that recognises a page's outlet from its host or declared site name."""


@outlet_source.command("list")
def outlet_source_list() -> None:
    """Every mapping: kind, pattern, outlet."""
    with database_target() as target:
        rules = in_session(target.url, list_sources)
    for rule in rules:
        click.echo(f"{rule.kind:<10} {rule.pattern:<36} {rule.outlet_name} ({rule.outlet_slug})")


@outlet_source.command("add")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("pattern")
@click.argument("outlet")
@click.option("--slug", help="The outlet's slug (default: from its name).")
@click.option("--website", help="The outlet's home page.")
@actor_option
def outlet_source_add(
    kind: str, pattern: str, outlet: str, slug: str | None, website: str | None, actor: str
) -> None:
    """Map a host (example.com, with its subdomains) or a site name to OUTLET (its name)."""
    with database_target() as target:
        rule = write_once(
            target.url,
            lambda s: add_source(
                s,
                kind=kind,
                pattern=pattern,
                outlet_name=outlet,
                outlet_slug=slug,
                website=website,
            ),
            actor=actor,
        )
    click.echo(f"{rule.kind} {rule.pattern!r} -> {rule.outlet_name} ({rule.outlet_slug})")


@outlet_source.command("remove")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("pattern")
@actor_option
def outlet_source_remove(kind: str, pattern: str, actor: str) -> None:
    """Forget the mapping of a host or site name."""
    with database_target() as target:
        removed = write_once(
            target.url, lambda s: remove_source(s, kind=kind, pattern=pattern), actor=actor
        )
    if not removed:
        raise click.ClickException(f"no {kind} {pattern!r} in the outlet table")
    click.echo(f"removed {kind} {pattern!r}")


@click.command("ingest-benchmark")
@click.option("--pages", type=click.IntRange(min=1), default=500, show_default=True)
@click.option("--batch-size", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--fast", is_flag=True, help="trafilatura without its fallback extractors.")
@click.option("--writers", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--workers", type=click.IntRange(min=0), default=1, show_default=True)
def ingest_benchmark(pages: int, batch_size: int, fast: bool, writers: int, workers: int) -> None:
    """Ingest a generated WARC.gz of news pages end to end, in a scratch database it drops."""
    from provenance.bench.ingest import run_benchmark

    options = IngestOptions(batch_size=batch_size, fast=fast, writers=writers, workers=workers)
    with database_target() as target:
        result = run_benchmark(url=target.url, pages=pages, options=options)
    click.echo(
        f"Ingested {result.stored} of {result.pages} pages ({result.archive_bytes} bytes of "
        f"WARC.gz) with {result.candidates} candidate attributions in {result.seconds:.2f} s: "
        f"{result.rate:.1f} articles/s"
    )
    click.echo(
        f"  reading, trafilatura and the extractor: {result.extract_seconds:.2f} s "
        f"({result.extract_seconds / result.pages * 1000:.1f} ms a page); storing articles "
        f"and candidates: {result.store_seconds:.2f} s "
        f"({result.store_seconds / max(result.stored, 1) * 1000:.1f} ms an article)"
    )
    per_article = 1000 / max(result.stored, 1)
    click.echo(
        f"  CPU an article: {result.python_cpu_seconds * per_article:.1f} ms Python "
        f"(process and extraction workers) + {result.database_cpu_seconds * per_article:.1f} ms "
        "PostgreSQL (its backends, when on this machine)"
    )
    click.echo(
        f"The same archive again (all already ingested) in {result.again_seconds:.2f} s: "
        f"{result.again_rate:.0f} pages/s"
    )
