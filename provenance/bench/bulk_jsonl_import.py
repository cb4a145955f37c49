"""The bulk import of a JSON Lines file next to a raw COPY of the rows it writes.

Both run in scratch databases beside the given one (same server), migrated to head and
dropped afterwards:

- ``bulk``: ``provenance import --bulk FILE`` into an empty database, end to end (parsing,
  staging, set-wise checks, merge with audit history and printed words, index builds).
- ``raw COPY``: the rows that import wrote to the data tables (outlets ... verdicts), dumped
  to files beforehand, COPYed into another empty database with the triggers off and the
  same index handling (GIN indexes dropped, built after on two connections): the floor
  for loading these rows into this schema, with no parsing and no checks.
"""

from __future__ import annotations

import asyncio
import secrets
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from provenance import migrate
from provenance.db import async_engine, session_factory
from provenance.services import bulk_indexes
from provenance.services.bulk_import import bulk_import_lines

#: The tables a JSON Lines import writes rows into, in foreign-key order.
DATA_TABLES = (
    "outlets",
    "speakers",
    "speaker_aliases",
    "quotations",
    "articles",
    "attributions",
    "attribution_markers",
    "attribution_verdicts",
)


@dataclass(frozen=True)
class BulkBenchmark:
    """One bulk import and one raw COPY of the same rows."""

    lines: int
    attributions: int
    bulk_seconds: float
    copy_seconds: float

    @property
    def bulk_rate(self) -> float:
        """Attributions per second, bulk import end to end."""
        return self.attributions / self.bulk_seconds

    @property
    def copy_rate(self) -> float:
        """Attributions per second, raw COPY of the same rows."""
        return self.attributions / self.copy_seconds

    @property
    def ratio(self) -> float:
        """Bulk rate over raw COPY rate."""
        return self.bulk_rate / self.copy_rate


def _url(url: str, name: str) -> str:
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    return parsed.set(drivername="postgresql", database=name).render_as_string(hide_password=False)


@contextmanager
def _scratch(url: str) -> Iterator[str]:
    name = f"provenance_bulk_{secrets.token_hex(4)}"
    with psycopg.connect(_url(url, "postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            scratch = _url(url, name)
            migrate.upgrade(scratch)
            yield scratch
        finally:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _bulk(url: str, file: Path) -> tuple[int, int, float]:
    async def load() -> tuple[int, int]:
        engine = async_engine(url, pool_size=1)
        try:
            with file.open("rb") as handle:
                report = await bulk_import_lines(
                    url, session_factory(engine), handle, actor="benchmark"
                )
        finally:
            await engine.dispose()
        if report.problems:
            raise RuntimeError(f"{file}:{report.problems[0]}")
        return report.lines, report.attributions

    started = time.perf_counter()
    lines, attributions = asyncio.run(load())
    return lines, attributions, time.perf_counter() - started


def _dump(url: str, folder: Path) -> None:
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        for table in DATA_TABLES:
            query = sql.SQL("COPY {} ({}) TO STDOUT (FORMAT binary)").format(
                sql.Identifier(table), _columns(connection, table)
            )
            with (folder / table).open("wb") as out, cursor.copy(query) as copy:
                for data in copy:
                    out.write(data)


def _columns(connection: psycopg.Connection, table: str) -> sql.Composed:
    names = connection.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
        "AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
        (table,),
    ).fetchall()
    return sql.SQL(", ").join(sql.Identifier(str(name)) for (name,) in names)


def _raw_copy(url: str, folder: Path) -> float:
    started = time.perf_counter()
    dropped = bulk_indexes.start(url) or []
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        for table in DATA_TABLES:
            query = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT binary)").format(
                sql.Identifier(table), _columns(connection, table)
            )
            with (folder / table).open("rb") as source, cursor.copy(query) as copy:
                while data := source.read(1 << 20):
                    copy.write(data)
    bulk_indexes.finish(url, dropped)
    return time.perf_counter() - started


def run(*, url: str, file: Path) -> BulkBenchmark:
    """Time the bulk import of ``file`` and a raw COPY of the rows it wrote."""
    with tempfile.TemporaryDirectory(prefix="provenance-bulk-") as folder:
        with _scratch(url) as bulk_url:
            lines, attributions, bulk_seconds = _bulk(bulk_url, file)
            _dump(bulk_url, Path(folder))
        with _scratch(url) as copy_url:
            copy_seconds = _raw_copy(copy_url, Path(folder))
    return BulkBenchmark(lines, attributions, bulk_seconds, copy_seconds)
