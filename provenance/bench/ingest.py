"""Ingest throughput: a WARC.gz of synthetic news pages, ingested end to end, timed.

It runs in a scratch database created next to the target one and dropped afterwards, so
it never touches real data. Timed: reading the archive, trafilatura, the extractor, the
duplicate checks and storing articles and candidates; then the same archive again (every
page already in the ledger).
"""

from __future__ import annotations

import asyncio
import os
import random
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from provenance import migrate
from provenance.db import async_engine, session_factory
from provenance.ingest.files import path_items
from provenance.ingest.pipeline import IngestOptions, IngestReport, from_iterable, ingest
from provenance.ingest.synthetic import news_page, synthetic_article, write_warc


@dataclass(frozen=True)
class IngestBenchmark:
    """One timed ingest of a generated archive, and the same archive again."""

    pages: int
    stored: int
    candidates: int
    seconds: float
    again_seconds: float
    archive_bytes: int
    extract_seconds: float
    store_seconds: float
    python_cpu_seconds: float  # the ingest process and its extraction workers
    database_cpu_seconds: float  # the PostgreSQL backends that served the ingest

    @property
    def rate(self) -> float:
        return self.stored / self.seconds if self.seconds else 0.0

    @property
    def again_rate(self) -> float:
        return self.pages / self.again_seconds if self.again_seconds else 0.0


def build_archive(path: Path, *, pages: int, seed: int = 1) -> int:
    """Write a WARC.gz of ``pages`` distinct synthetic news pages; its size in bytes."""
    rng = random.Random(seed)
    specs = [synthetic_article(number, rng=rng) for number in range(1, pages + 1)]
    with path.open("wb") as out:
        write_warc(out, ((s.url, news_page(s).encode()) for s in specs), gzip=True)
    return path.stat().st_size


def _scratch_url(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _cpu_seconds() -> float:
    """User and system time of this process and of its finished children (the workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


async def _backend_cpu_seconds(engine: AsyncEngine) -> float:
    """CPU time of the PostgreSQL backends serving the scratch database (from /proc, so only
    when the server runs on this machine; 0 when they cannot be read)."""
    async with engine.connect() as connection:
        pids = await connection.scalars(
            text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        )
        total = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


async def _ingest(url: str, archive: Path, options: IngestOptions) -> tuple[IngestReport, float]:
    """The report, and the backends' CPU seconds (read while their connections are open)."""
    engine = async_engine(url, pool_size=options.writers + 1)
    try:
        inputs = from_iterable(path_items(archive, max_bytes=5_000_000))
        report = await ingest(session_factory(engine), inputs, actor="benchmark", options=options)
        return report, await _backend_cpu_seconds(engine)
    finally:
        await engine.dispose()


def run_benchmark(*, url: str, pages: int, options: IngestOptions) -> IngestBenchmark:
    """Build the archive, ingest it twice into a scratch database beside ``url``."""
    name = f"provenance_bench_{secrets.token_hex(4)}"
    admin = psycopg.connect(_scratch_url(url, "postgres"), autocommit=True)
    try:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        scratch = _scratch_url(url, name)
        migrate.upgrade(scratch)
        with tempfile.TemporaryDirectory() as folder:
            archive = Path(folder) / "bench.warc.gz"
            size = build_archive(archive, pages=pages)
            started, cpu = time.perf_counter(), _cpu_seconds()
            first, database_cpu = asyncio.run(_ingest(scratch, archive, options))
            seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
            if first.failures:
                raise RuntimeError(f"a generated page failed: {first.failures[0]}")
            started = time.perf_counter()
            asyncio.run(_ingest(scratch, archive, options))
            again = time.perf_counter() - started
        return IngestBenchmark(
            pages,
            len(first.stored),
            first.candidates,
            seconds,
            again,
            size,
            first.extract_seconds,
            first.store_seconds,
            cpu,
            database_cpu,
        )
    finally:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.close()
