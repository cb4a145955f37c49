"""Bulk import of the JSON Lines format: parse ahead, resolve in Python, COPY into the tables.

The file is read in chunks (``CHUNK_BYTES``). Each chunk's lines are parsed with the
format's own ``parse_line`` (a line that is not valid is reported exactly as the
line-by-line import reports it) one chunk ahead, in a worker process or a thread
(bulk_rows), resolved against what the database holds (bulk_resolve) and COPYed straight
into the tables in one transaction, which also records the chunk in the ledger
(import_chunks). A line the checks cannot vouch for (it would change an existing row,
refers to something missing, ...) cuts the chunk: the lines before it are written, the
line itself goes through the line-by-line write path (which loads it or says why not),
and the rest of the chunk is resolved again. So every line gets exactly the outcome the
line-by-line import gives it, and a killed import leaves only whole transactions behind.

As superuser the merge runs with ``session_replication_role = replica`` (no per-row
triggers): the checks above stand in for the checking triggers and foreign keys, and the
merge writes the audit history (one row per inserted row, as history_record() would),
the attribution notifications and the printed words itself. Any other role merges with
every trigger on: the same rows, slower.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import json
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from provenance.errors import ProvenanceError
from provenance.services import bulk_indexes, bulk_resolve, bulk_sql
from provenance.services.bulk_resolve import TABLES, Resolved, Resolver, lookup
from provenance.services.bulk_rows import Staged, parse_chunk, worker_start
from provenance.services.importing import (
    ImportInterrupted,
    ImportReport,
    LineProblem,
    _database_failed,
    _text_of,
    apply_line,
)
from provenance.services.jsonl_format import Line, parse_line
from provenance.services.transactions import write

#: A chunk ends at the first line that takes it past this many bytes.
CHUNK_BYTES = 8 * 1024 * 1024
#: Chunks at least this big are parsed in a worker process (smaller ones in a thread).
PROCESS_CHUNK_BYTES = 1024 * 1024
#: The cyclic garbage collector runs after this many chunks (half a second each time).
COLLECT_EVERY = 16
#: After this many cuts in one chunk, its remaining lines go through the write path.
MAX_CUTS = 16
#: Test hook: SIGKILL this process after this many chunks committed, mid-way through the next.
KILL_AFTER_ENV = "PROVENANCE_TEST_KILL_AFTER_CHUNKS"


@dataclass
class _Entry:
    """A line the parser took: its text, and its rows (None: the write path's)."""

    number: int
    raw: bytes
    staged: Staged | None
    _line: Line | None = None

    @property
    def line(self) -> Line:
        """The parsed line (parsed again here, where needed: the write path, duplicates)."""
        if self._line is None:
            self._line = parse_line(_text_of(self.raw, self.number))
        return self._line


def _chunks(lines: Iterable[bytes | str], chunk_bytes: int) -> Iterator[tuple[int, list[bytes]]]:
    """(first line number, raw lines) of about ``chunk_bytes`` each."""
    chunk: list[bytes] = []
    size = 0
    first = 1
    for number, raw in enumerate(lines, start=1):
        data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
        chunk.append(data)
        size += len(data)
        if size >= chunk_bytes:
            yield first, chunk
            first, chunk, size = number + 1, [], 0
    if chunk:
        yield first, chunk


def _digest(first: int, chunk: list[bytes]) -> str:
    digest = hashlib.sha256(str(first).encode())
    for data in chunk:
        digest.update(data)
    return digest.hexdigest()


def _libpq_url(url: str) -> str:
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


class _Loader:
    def __init__(
        self,
        connection: psycopg.AsyncConnection,
        factory: async_sessionmaker[AsyncSession],
        *,
        actor: str,
        replica: bool,
        report: ImportReport,
    ) -> None:
        self.connection = connection
        self.factory = factory
        self.actor = actor
        self.replica = replica
        self.report = report

    async def begin(self) -> None:
        await self.connection.execute(
            "SELECT set_config('provenance.actor', %s, true)", (self.actor,)
        )
        await self.connection.execute("SET LOCAL synchronous_commit = off")
        if self.replica:
            await self.connection.execute("SET LOCAL session_replication_role = replica")

    async def merge(self, lines: list[tuple[int, Staged, _Entry]]) -> Resolved:
        """Resolve ``lines`` against the database and write the rows of those before the
        first one the checks refuse (``Resolved.cut``)."""
        known = await lookup(self.connection, [(n, staged) for n, staged, _ in lines])
        resolved = Resolver(known).resolve(lines)
        counts = {table: len(rows) for table, rows in resolved.rows.items() if rows}
        if not counts:
            return resolved
        found = await (
            await self.connection.execute(bulk_sql.new_ids(list(counts)), list(counts.values()))
        ).fetchone()
        assert found is not None
        ids = dict(zip(counts, found, strict=True))
        bulk_resolve.number(resolved, ids)
        async with self.connection.cursor() as cursor:
            for table, columns in TABLES.items():
                rows = resolved.rows[table]
                if not rows:
                    continue
                statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT binary)"
                async with cursor.copy(statement) as copy:
                    copy.set_types(bulk_resolve.copy_types(table))
                    for row in rows:
                        await copy.write_row(row)
        if self.replica:
            for table in counts:
                await self.connection.execute(*bulk_sql.history(table, ids[table]))
            if "attributions" in counts:
                await self.connection.execute(*bulk_sql.notify(ids["attributions"]))
                for statement in bulk_sql.PRINTED_WORDS:
                    await self.connection.execute(statement, {"first": ids["attributions"][0]})
        return resolved

    async def write_path(self, entry: _Entry) -> None:
        """One line through the line-by-line import's write path, in its own transaction."""
        line = entry.line

        async def work(session: AsyncSession) -> int:
            return await apply_line(session, line)

        try:
            self.report.attributions += await write(self.factory, work, actor=self.actor)
            self.report.loaded += 1
        except ProvenanceError as error:
            if _database_failed(error):
                raise ImportInterrupted(entry.number, self.report, str(error)) from error
            self.report.problems.append(LineProblem(entry.number, str(error), error.field))


@dataclass(frozen=True)
class _Ledger:
    digest: str
    first_line: int
    lines: int
    loaded_before: int
    attributions_before: int
    problems_before: int


async def _load_chunk(loader: _Loader, entries: list[_Entry], ledger: _Ledger | None) -> None:
    """Load one chunk: bulk segments, cut at every line the write path must take."""
    report = loader.report
    cuts = 0
    pending = entries
    while pending:
        if cuts >= MAX_CUTS:
            for entry in pending:
                await loader.write_path(entry)
            break
        lines: list[tuple[int, Staged, _Entry]] = []
        upto: int | None = None  # the first line the Python checks leave to the write path
        for entry in pending:
            if entry.staged is None:
                upto = entry.number
                break
            lines.append((entry.number, entry.staged, entry))
        async with loader.connection.transaction():
            await loader.begin()
            resolved = await loader.merge(lines)
            cut = resolved.cut if resolved.cut is not None else upto
            report.loaded += resolved.lines
            report.attributions += resolved.attributions
            if cut is None and ledger is not None:
                await _record_chunk(loader, ledger)
            _maybe_die()
        if cut is None:
            return
        cuts += 1
        position = next(i for i, e in enumerate(pending) if e.number == cut)
        await loader.write_path(pending[position])
        pending = pending[position + 1 :]
    if ledger is not None:
        async with loader.connection.transaction():
            await _record_chunk(loader, ledger)


_committed_chunks = [0]


def _maybe_die() -> None:
    """The interruption test's hook: SIGKILL inside the transaction of the chunk after the
    given number of committed ones."""
    limit = os.environ.get(KILL_AFTER_ENV)
    if limit is not None and _committed_chunks[0] >= int(limit):
        os.kill(os.getpid(), signal.SIGKILL)


async def _record_chunk(loader: _Loader, ledger: _Ledger) -> None:
    report = loader.report
    problems = [
        [p.line_number, p.message, p.field] for p in report.problems[ledger.problems_before :]
    ]
    await loader.connection.execute(
        "INSERT INTO import_chunks (digest, first_line, lines, loaded, attributions, problems) "
        "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (digest) DO NOTHING",
        (
            ledger.digest,
            ledger.first_line,
            ledger.lines,
            report.loaded - ledger.loaded_before,
            report.attributions - ledger.attributions_before,
            json.dumps(problems),
        ),
    )


@dataclass
class _Parsed:
    """One chunk, read, parsed and staged (in the parse-ahead thread)."""

    first: int
    lines: int
    digest: str
    entries: list[_Entry]
    problems: list[LineProblem]
    skipped: int
    done: bool  # the ledger holds it (--resume): not parsed


def _read(
    chunks: Iterator[tuple[int, list[bytes]]], done: Callable[[str], bool]
) -> tuple[int, list[bytes], str, bool] | None:
    """The next chunk, its digest and whether the ledger holds it (None: no more)."""
    item = next(chunks, None)
    if item is None:
        return None
    first, chunk = item
    digest = _digest(first, chunk)
    return first, chunk, digest, done(digest)


async def _is_superuser(connection: psycopg.AsyncConnection) -> bool:
    """Whether triggers may be switched off (the merge then writes what they would)."""
    found = await (
        await connection.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    ).fetchone()
    return bool(found and found[0])


async def bulk_import_lines(
    url: str,
    factory: async_sessionmaker[AsyncSession],
    lines: Iterable[bytes | str],
    *,
    actor: str,
    progress: Callable[[int, int], None] | None = None,
    from_line: int = 1,
    resume: bool = False,
    chunk_bytes: int = CHUNK_BYTES,
    parse_process: bool | None = None,
) -> ImportReport:
    """Load JSON Lines in bulk, with the results of ``importing.import_lines``.

    ``progress(lines, attributions)`` is called after each chunk. ``resume`` skips the
    chunks the ledger holds (an interrupted bulk import of the same file); a finished
    import deletes its ledger rows. ``parse_process``: parse in a worker process (None:
    when chunks are at least ``PROCESS_CHUNK_BYTES``) rather than a thread.
    """
    # The cyclic garbage collector would walk every live row again and again while a
    # chunk's millions of small objects are made (twice the time of the checks); those
    # rows hold no cycles, so it runs every COLLECT_EVERY chunks instead (_take).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return await _bulk_import(
            url,
            factory,
            lines,
            actor=actor,
            progress=progress,
            from_line=from_line,
            resume=resume,
            chunk_bytes=chunk_bytes,
            parse_process=parse_process,
        )
    finally:
        if collecting:
            gc.enable()


async def _bulk_import(
    url: str,
    factory: async_sessionmaker[AsyncSession],
    lines: Iterable[bytes | str],
    *,
    actor: str,
    progress: Callable[[int, int], None] | None,
    from_line: int,
    resume: bool,
    chunk_bytes: int,
    parse_process: bool | None,
) -> ImportReport:
    report = ImportReport()
    digests: list[str] = []
    libpq = _libpq_url(url)
    async with await psycopg.AsyncConnection.connect(libpq, autocommit=True) as connection:
        replica = await _is_superuser(connection)
        # Only a superuser's import (triggers off) builds the search indexes afterwards.
        dropped = await asyncio.to_thread(bulk_indexes.start, libpq) if replica else None
        try:
            await _load_all(
                connection,
                _Loader(connection, factory, actor=actor, replica=replica, report=report),
                lines,
                digests,
                progress=progress,
                from_line=from_line,
                resume=resume,
                chunk_bytes=chunk_bytes,
                parse_process=parse_process,
            )
        finally:
            if dropped is not None:
                await asyncio.to_thread(bulk_indexes.finish, libpq, dropped)
        async with connection.transaction():
            await connection.execute("DELETE FROM import_chunks WHERE digest = ANY(%s)", (digests,))
    report.problems.sort(key=lambda problem: problem.line_number)
    return report


async def _load_all(
    connection: psycopg.AsyncConnection,
    loader: _Loader,
    lines: Iterable[bytes | str],
    digests: list[str],
    *,
    progress: Callable[[int, int], None] | None,
    from_line: int,
    resume: bool,
    chunk_bytes: int,
    parse_process: bool | None,
) -> None:
    ledger_rows: dict[str, tuple[int, int, list[list[Any]]]] = {}
    if resume:
        for digest, *row in await (
            await connection.execute(
                "SELECT digest, loaded, attributions, problems FROM import_chunks"
            )
        ).fetchall():
            ledger_rows[digest] = (row[0], row[1], row[2])
    chunks = _chunks(lines, chunk_bytes)
    loop = asyncio.get_running_loop()
    done = ledger_rows.__contains__
    with contextlib.ExitStack() as stack:
        reader = stack.enter_context(ThreadPoolExecutor(1, thread_name_prefix="bulk-read"))
        # Parsing costs more than anything else in Python: a worker process of its own
        # (for big chunks; small ones are not worth its start) or a thread.
        parser: Executor = stack.enter_context(
            ProcessPoolExecutor(
                1, mp_context=multiprocessing.get_context("spawn"), initializer=worker_start
            )
            if (chunk_bytes >= PROCESS_CHUNK_BYTES if parse_process is None else parse_process)
            else ThreadPoolExecutor(1, thread_name_prefix="bulk-parse")
        )

        async def prepare() -> _Parsed | None:
            item = await loop.run_in_executor(reader, _read, chunks, done)
            if item is None:
                return None
            first, chunk, digest, is_done = item
            if is_done:
                return _Parsed(first, len(chunk), digest, [], [], 0, True)
            result = await loop.run_in_executor(parser, parse_chunk, first, chunk, from_line)
            return _Parsed(
                first,
                len(chunk),
                digest,
                [_Entry(n, chunk[n - first], staged) for n, staged in result.entries],
                [LineProblem(*problem) for problem in result.problems],
                result.skipped,
                False,
            )

        # One chunk ahead: the next is read, parsed and staged while this one merges.
        ahead = asyncio.ensure_future(prepare())
        try:
            while (parsed := await ahead) is not None:
                ahead = asyncio.ensure_future(prepare())
                await _take(loader, parsed, ledger_rows, digests, progress)
        finally:
            if not ahead.done():
                ahead.cancel()
                with contextlib.suppress(BaseException):
                    await ahead


async def _take(
    loader: _Loader,
    parsed: _Parsed,
    ledger_rows: dict[str, tuple[int, int, list[list[Any]]]],
    digests: list[str],
    progress: Callable[[int, int], None] | None,
) -> None:
    """Load one parsed chunk, or count it from the ledger when it is done already."""
    report = loader.report
    digests.append(parsed.digest)
    report.lines += parsed.lines
    if parsed.done:
        loaded, attributions, problems = ledger_rows[parsed.digest]
        report.loaded += loaded
        report.attributions += attributions
        report.problems.extend(LineProblem(n, m, f) for n, m, f in problems)
        if progress is not None:
            progress(parsed.lines, attributions)
        return
    report.skipped += parsed.skipped
    before = (report.loaded, report.attributions, len(report.problems))
    report.problems.extend(parsed.problems)
    ledger = _Ledger(parsed.digest, parsed.first, parsed.lines, *before)
    await _load_chunk(loader, parsed.entries, ledger)
    _committed_chunks[0] += 1
    if _committed_chunks[0] % COLLECT_EVERY == 0:
        gc.collect()  # see bulk_import_lines
    if progress is not None:
        progress(parsed.lines, report.attributions - before[1])
