"""`provenance import`, `provenance export`, `provenance import-benchmark`: JSON Lines."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import click

from provenance.cli.target import database_target, in_session
from provenance.cli.writing import actor_option

if TYPE_CHECKING:
    from provenance.services.importing import ImportInterrupted, ImportReport

STDIO = Path("-")
# Export lines reach the file in pieces this large.
EXPORT_BUFFER_BYTES = 1 << 20


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


class _Counter:
    """Progress for a stream of unknown length: lines so far, on a terminal's stderr."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.lines = 0
        self.shown = 0.0
        self.terminal = sys.stderr.isatty()

    def update(self, lines: int) -> None:
        self.lines += lines
        now = time.monotonic()
        if self.terminal and now - self.shown > 0.2:
            self.shown = now
            click.echo(f"\r{self.label}: {self.lines} lines", nl=False, err=True)

    def finish(self) -> None:
        if self.terminal and self.lines:
            click.echo(f"\r{self.label}: {self.lines} lines", err=True)


@contextlib.contextmanager
def _progress(file: Path) -> Iterator[Callable[[int], None]]:
    if file == STDIO:
        counter = _Counter("Importing standard input")
        yield counter.update
        counter.finish()
        return
    with click.progressbar(
        length=_count_lines(file), label=f"Importing {file.name}", file=sys.stderr
    ) as bar:
        yield bar.update


def _database_lost(
    shown: str, stopped: ImportInterrupted, *, saved: str, rerun: str
) -> click.ClickException:
    """The problems found so far, then what to run once the database is back."""
    for problem in stopped.report.problems:
        click.echo(f"{shown}:{problem}", err=True)
    return click.ClickException(
        f"{shown}:{stopped}\nThe {saved} before it are saved: once the database is back, "
        f"run the same command with {rerun}"
    )


@contextlib.contextmanager
def _lines_of(file: Path) -> Iterator[BinaryIO]:
    if file == STDIO:
        yield sys.stdin.buffer
        return
    with file.open("rb") as handle:
        yield handle


@click.command("import")
@click.argument(
    "file", type=click.Path(exists=True, dir_okay=False, path_type=Path, allow_dash=True)
)
@click.option(
    "--from-line",
    type=click.IntRange(min=1),
    default=1,
    help="Skip the lines before this one (to resume an interrupted import faster).",
)
@click.option(
    "--bulk/--line-by-line",
    default=None,
    help="COPY into staging tables, check set-wise, merge (default: for files of at least "
    "PROVENANCE_BULK_IMPORT_BYTES, when it is not 0); or one transaction per line.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="With --bulk: skip the chunks an interrupted bulk import of this file committed.",
)
@click.option(
    "--chunk-bytes",
    type=click.IntRange(min=1),
    default=None,
    hidden=True,
    help="With --bulk: bytes per committed chunk (tests; default 8 MiB).",
)
@actor_option
def import_(
    file: Path,
    from_line: int,
    bulk: bool | None,
    resume: bool,
    chunk_bytes: int | None,
    actor: str,
) -> None:
    """Load FILE (JSON Lines, docs/import-format.md; '-' reads standard input); loading it
    twice changes nothing.

    Line by line, each line is its own transaction; files of at least
    PROVENANCE_BULK_IMPORT_BYTES (8 MiB) take the bulk path, one transaction per chunk.
    Either way a bad line is reported with its number and the others still load. Exit
    status 1 when any line was refused.
    """
    from provenance.config import Settings
    from provenance.db import async_engine, session_factory
    from provenance.services.importing import ImportInterrupted, import_lines

    shown = "<stdin>" if file == STDIO else str(file)
    if bulk is None:
        threshold = Settings.from_env().bulk_import_bytes
        bulk = file != STDIO and threshold > 0 and file.stat().st_size >= threshold
    if bulk:
        _bulk_import(
            file, shown, from_line=from_line, resume=resume, actor=actor, chunk_bytes=chunk_bytes
        )
        return

    started = time.perf_counter()
    with database_target() as target:

        async def load(progress: Callable[[int], None]) -> ImportReport:
            engine = async_engine(target.url, pool_size=1)
            try:
                # Bytes: each line is decoded alone, so one that is not UTF-8 is refused alone.
                with _lines_of(file) as handle:
                    return await import_lines(
                        session_factory(engine),
                        handle,
                        actor=actor,
                        progress=progress,
                        from_line=from_line,
                    )
            finally:
                await engine.dispose()

        try:
            with _progress(file) as progress:
                report = asyncio.run(load(progress))
        except KeyboardInterrupt:
            raise click.ClickException(
                "interrupted: every line before the one in progress is saved; run the same "
                "command again (optionally with --from-line) to finish"
            ) from None
        except ImportInterrupted as stopped:
            raise _database_lost(
                shown, stopped, saved="lines", rerun=f"--from-line {stopped.line_number}"
            ) from None
    seconds = time.perf_counter() - started
    for problem in report.problems:
        click.echo(f"{shown}:{problem}", err=True)
    click.echo(
        f"Loaded {report.loaded} of {report.lines - report.skipped} lines "
        f"({report.attributions} attributions) into {target.describe()} in {seconds:.1f} s; "
        f"{len(report.problems)} refused."
    )
    if report.problems:
        sys.exit(1)


class _Rate:
    """Progress of a bulk import on stderr: lines, share of the file, attributions per second."""

    def __init__(self, label: str, total: int | None) -> None:
        self.label = label
        self.total = total
        self.lines = 0
        self.attributions = 0
        self.started = time.perf_counter()

    def update(self, lines: int, attributions: int) -> None:
        self.lines += lines
        self.attributions += attributions
        seconds = max(time.perf_counter() - self.started, 1e-9)
        share = f" {100 * self.lines / self.total:3.0f}%" if self.total else ""
        click.echo(
            f"\r{self.label}:{share} {self.lines} lines, {self.attributions} attributions, "
            f"{self.attributions / seconds:,.0f} attributions/s",
            nl=False,
            err=True,
        )

    def finish(self) -> None:
        if self.lines:
            click.echo("", err=True)


def _bulk_import(
    file: Path, shown: str, *, from_line: int, resume: bool, actor: str, chunk_bytes: int | None
) -> None:
    from provenance.db import async_engine, session_factory
    from provenance.services.bulk_import import CHUNK_BYTES, bulk_import_lines
    from provenance.services.importing import ImportInterrupted

    started = time.perf_counter()
    with database_target() as target:
        rate = _Rate(f"Importing {shown}", None if file == STDIO else _count_lines(file))

        async def load() -> ImportReport:
            engine = async_engine(target.url, pool_size=1)
            try:
                with _lines_of(file) as handle:
                    return await bulk_import_lines(
                        target.url,
                        session_factory(engine),
                        handle,
                        actor=actor,
                        progress=rate.update,
                        from_line=from_line,
                        resume=resume,
                        chunk_bytes=chunk_bytes or CHUNK_BYTES,
                    )
            finally:
                await engine.dispose()

        try:
            report = asyncio.run(load())
        except KeyboardInterrupt:
            raise click.ClickException(
                "interrupted: every chunk committed so far is saved; run the same command "
                "with --resume to skip them"
            ) from None
        except ImportInterrupted as stopped:
            raise _database_lost(shown, stopped, saved="chunks", rerun="--resume") from None
        finally:
            rate.finish()
    seconds = time.perf_counter() - started
    for problem in report.problems:
        click.echo(f"{shown}:{problem}", err=True)
    click.echo(
        f"Loaded {report.loaded} of {report.lines - report.skipped} lines "
        f"({report.attributions} attributions) into {target.describe()} in {seconds:.1f} s "
        f"in bulk ({report.attributions / max(seconds, 1e-9):,.0f} attributions/s); "
        f"{len(report.problems)} refused."
    )
    if report.problems:
        sys.exit(1)


@click.command("export")
@click.argument(
    "file", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True), required=False
)
def export(file: Path | None) -> None:
    """Write the whole database as JSON Lines to FILE ('-' or none: standard output).

    One consistent snapshot, streamed: lines are built by PostgreSQL and read through a
    server-side cursor, so memory stays small whatever the size of the database.
    """
    from provenance.services.exporting import export_to

    with database_target() as target:
        if file is None or file == STDIO:
            in_session(target.url, lambda session: export_to(session, sys.stdout))
            return
        with file.open("w", encoding="utf-8", buffering=EXPORT_BUFFER_BYTES) as out:
            count = in_session(target.url, lambda session: export_to(session, out))
    click.echo(f"Wrote {count} lines from {target.describe()} to {file}.", err=True)


@click.command("import-benchmark")
@click.option("--articles", type=click.IntRange(min=1), default=200, show_default=True)
@click.option(
    "--attributions-per-article", type=click.IntRange(min=1), default=20, show_default=True
)
@click.option(
    "--bulk",
    "bulk_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Instead: import this JSON Lines file (e.g. an export of `provenance bench "
    "generate`) with --bulk into an empty scratch database, COPY the rows it wrote into "
    "another, and print both rates and their ratio.",
)
def import_benchmark(articles: int, attributions_per_article: int, bulk_file: Path | None) -> None:
    """Time `provenance import` on generated data, in a scratch database it drops after."""
    if bulk_file is not None:
        _bulk_benchmark(bulk_file)
        return
    from provenance.bench.jsonl_import import run_benchmark

    with database_target() as target:
        result = run_benchmark(
            url=target.url, articles=articles, per_article=attributions_per_article
        )
    click.echo(
        f"Imported {result.lines} lines, {result.attributions} attributions in "
        f"{result.seconds:.2f} s: {result.rate:.0f} attributions/s"
    )
    click.echo(
        f"Imported the same file again (no change) in {result.again_seconds:.2f} s: "
        f"{result.again_rate:.0f} attributions/s"
    )


def _bulk_benchmark(file: Path) -> None:
    from provenance.bench.bulk_jsonl_import import run

    with database_target() as target:
        result = run(url=target.url, file=file)
    click.echo(
        f"bulk import: {result.lines} lines, {result.attributions} attributions in "
        f"{result.bulk_seconds:.1f} s: {result.bulk_rate:,.0f} attributions/s"
    )
    click.echo(
        f"raw COPY of the same rows: {result.copy_seconds:.1f} s: "
        f"{result.copy_rate:,.0f} attributions/s"
    )
    click.echo(f"ratio (bulk / raw COPY): {result.ratio:.2f}")
