"""`provenance export`, streamed: lines built by PostgreSQL, copied out as bytes.

The whole export is one REPEATABLE READ, READ ONLY snapshot (concurrent writes cannot tear
it, and it runs on a read replica too), shared by two connections (``pg_export_snapshot``)
so that two server processes build lines at once:

1. the second connection copies the outlet, speaker and quotation lines out while the
   first reads the relay edges between articles and the article order is computed
   (``export_order``: one query, plus the attributions of the articles that relay each
   other in a circle, if any);
2. the first connection copies the article lines' heads (everything before their
   attributions) in export order while the second copies each line's attribution items,
   and the two are joined line by line. The heads are read ahead into a temporary file,
   so their connection keeps working while the items are still being sorted.

Every statement's rows are finished JSON Lines records (``export_sql``), read with
``COPY (...) TO STDOUT`` as CSV with the control characters \\x01 as delimiter and \\x02 as
quote: JSON text never holds a raw control character (``to_json`` escapes them all) nor a
line break, so PostgreSQL never quotes or escapes a value and every row arrives as the
line's UTF-8 bytes and a newline, one row per CopyData message. Nothing is decoded or
re-encoded on the way to the file. Memory stays at the order (three integers per article)
plus what is in flight, whatever the size of the database (the heads read ahead wait on
disk).

The bytes are exactly those of ``jsonl_format.format_line`` over the records of the
previous, row-by-row implementation (tests/services/test_export_stream.py compares them).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
from collections import deque
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass
from typing import Any, Protocol

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.services import export_sql
from provenance.services.export_order import CircleRow, relay_graph

# Bytes gathered before one write to the output.
WRITE_BYTES = 1 << 20

# Rows as they are: see the module docstring.
_COPY_OPTIONS = "(FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02', ENCODING 'UTF8')"

# One article line: the article's id and which of its attributions (None: all of them).
Placed = tuple[int, tuple[int, ...] | None]

Connection = psycopg.AsyncConnection[Any]


class Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


@dataclass
class ExportCount:
    """What an export wrote: lines, and attributions in its article lines."""

    lines: int = 0
    attributions: int = 0


async def _driver_connection(session: AsyncSession) -> Connection:
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    assert isinstance(driver, psycopg.AsyncConnection)
    return driver


async def _all(
    connection: Connection, query: str, params: dict[str, Any] | None = None
) -> list[tuple[Any, ...]]:
    async with connection.cursor() as cursor:
        await cursor.execute(query.encode(), params)
        return await cursor.fetchall() if cursor.description is not None else []


async def _rows(
    connection: Connection, query: str, params: dict[str, Any] | None = None
) -> AsyncGenerator[memoryview, None]:
    """The rows of ``query``, each ending in a newline (see the module docstring), as
    views of psycopg's buffers (each row its own buffer: slicing copies nothing)."""
    statement = f"COPY ({query}) TO STDOUT {_COPY_OPTIONS}".encode()
    async with connection.cursor() as cursor, cursor.copy(statement, params) as copy:
        async for row in copy:
            yield memoryview(row)


async def _copy_lines(connection: Connection, query: str, out: Writable) -> int:
    """Write every row of ``query`` (one finished line each); return the number of lines."""
    lines = 0
    pending: list[memoryview] = []
    size = 0
    async for row in _rows(connection, query):
        pending.append(row)
        size += len(row)
        if size >= WRITE_BYTES:
            out.write(b"".join(pending))
            lines += len(pending)
            pending, size = [], 0
    if pending:
        out.write(b"".join(pending))
        lines += len(pending)
    return lines


async def _records(connection: Connection, out: Writable) -> int:
    """The outlet, speaker and quotation lines, in that order; return their number."""
    lines = 0
    for query in (export_sql.OUTLETS, export_sql.SPEAKERS, export_sql.QUOTATIONS):
        lines += await _copy_lines(connection, query, out)
    return lines


async def _order(connection: Connection) -> list[Placed]:
    """The article lines in export order, as (article id, attribution ids or None)."""
    ((ids, upstreams, relaying),) = await _all(connection, export_sql.ARTICLE_GRAPH)
    ids = ids or []
    rank = dict(zip(ids, range(len(ids)), strict=True)).__getitem__
    graph = relay_graph(len(ids), list(map(rank, upstreams or [])), list(map(rank, relaying or [])))
    rows: list[CircleRow] = []
    circles = graph.circle_ranks
    if circles:
        rank_of = {ids[r]: r for r in circles}
        params = {"articles": _array([ids[r] for r in circles])}
        ((articles, attributions, upstreams_of, upstream_articles),) = await _all(
            connection, export_sql.CIRCLE_ATTRIBUTIONS, params
        )
        rows = list(
            zip(
                map(rank_of.__getitem__, articles or []),
                attributions or [],
                upstreams_of or [],
                map(rank_of.get, upstream_articles or []),
                strict=True,
            )
        )
    return [(ids[r], part) for r, part in graph.order(rows)]


def _array(values: list[int]) -> str:
    """An integer array as PostgreSQL's text (much faster than psycopg's list dumper)."""
    return "{" + ",".join(map(str, values)) + "}"


def _order_arrays(order: list[Placed]) -> dict[str, str]:
    part_lines: list[int] = []
    part_ids: list[int] = []
    for line, (_, part) in enumerate(order, start=1):
        if part is not None:
            part_lines.extend([line] * len(part))
            part_ids.extend(part)
    return {
        "articles": _array([article for article, _ in order]),
        "split": "{" + ",".join(["f" if part is None else "t" for _, part in order]) + "}",
        "part_lines": _array(part_lines),
        "part_ids": _array(part_ids),
    }


async def _read_ahead(rows: AsyncGenerator[memoryview, None]) -> AsyncGenerator[bytes, None]:
    """The rows of ``rows``, read as fast as the server sends them into a temporary file
    and handed out from there: the article heads are written while the attribution items
    are still being sorted, instead of waiting for them, without holding them in memory."""
    with tempfile.TemporaryFile() as spool:
        lengths: deque[int] = deque()
        more = asyncio.Event()
        finished = False

        async def fill() -> None:
            nonlocal finished
            try:
                async for row in rows:
                    spool.write(row)
                    spool.flush()
                    lengths.append(len(row))
                    more.set()
            finally:
                finished = True
                more.set()

        task = asyncio.ensure_future(fill())
        offset = 0
        try:
            while True:
                if lengths:
                    length = lengths.popleft()
                    yield os.pread(spool.fileno(), length, offset)
                    offset += length
                elif finished:
                    await task  # its error, if any
                    return
                else:
                    more.clear()
                    await more.wait()
        finally:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await rows.aclose()


async def _article_lines(
    heads_connection: Connection, items_connection: Connection, order: list[Placed], out: Writable
) -> int:
    """Write the article lines: heads from one connection, the attribution items of the
    lines that have some from the other, joined by line number (both come in blocks of
    ``export_sql.BLOCK_LINES`` lines, see export_sql)."""
    params = _order_arrays(order)
    for name in export_sql.NESTED_LOOP:
        await _all(heads_connection, f"SET LOCAL {name} = off")
    heads = _read_ahead(_rows(heads_connection, export_sql.ARTICLE_HEADS, params))
    items = _rows(items_connection, export_sql.ATTRIBUTION_ITEMS, params)
    separator = export_sql.SEPARATOR
    block: list[bytes] = []
    taken = 0

    async def next_item() -> tuple[int, bytes]:
        """The next line number with attributions (0: none left) and its items."""
        nonlocal block, taken
        if taken == len(block):
            row = await anext(items, None)
            if row is None:
                return 0, b""
            block, taken = bytes(row[:-1]).split(separator), 0
        entry = block[taken]
        cut = entry.index(b"\x04") + 1
        prefix = entry[:cut]
        found = [entry[cut:]]
        taken += 1
        while taken < len(block) and block[taken].startswith(prefix):
            found.append(block[taken][cut:])
            taken += 1
        return int(prefix[:-1]), b",".join(found)

    try:
        waiting, found = await next_item()
        lines = 0
        async for row in heads:
            pending: list[bytes] = []
            for head in row[:-1].split(separator):
                lines += 1
                pending.append(head)
                if waiting == lines:
                    pending += (b',"attributions":[', found, b"]}\n")
                    waiting, found = await next_item()
                else:
                    pending.append(b"}\n")
            out.write(b"".join(pending))
        assert not waiting, "attribution items without their article line"
    finally:
        await heads.aclose()
        await items.aclose()
    return lines


async def _sharing_snapshot(connection: Connection) -> Connection:
    """A second connection to the same database in the snapshot of ``connection``."""
    ((snapshot,),) = await _all(connection, "SELECT pg_export_snapshot()")
    info = connection.info
    other = await psycopg.AsyncConnection.connect(
        make_conninfo(info.dsn, password=info.password), autocommit=True
    )
    try:
        await other.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        await other.execute(sql.SQL("SET TRANSACTION SNAPSHOT {}").format(sql.Literal(snapshot)))
        await other.execute("SET LOCAL work_mem = '256MB'")
    except BaseException:
        await other.close()
        raise
    return other


async def stream_export(
    session: AsyncSession,
    *,
    out: Writable,
    on_articles: Callable[[], None] | None = None,
) -> ExportCount:
    """Write the whole export to ``out`` (UTF-8 bytes) in one snapshot; return what was
    written.

    ``session`` must not have run a statement yet (the snapshot is set first).
    ``on_articles`` is called when the order is known and the article lines start.
    """
    connection = await _driver_connection(session)
    await _all(connection, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    # The attributions' sort fits in memory rather than in temporary files.
    await _all(connection, "SET LOCAL work_mem = '256MB'")
    other = await _sharing_snapshot(connection)
    try:
        records = asyncio.ensure_future(_records(other, out))
        try:
            order = await _order(connection)
        finally:
            records_lines = await records
        if on_articles is not None:
            on_articles()
        count = ExportCount(lines=records_lines)
        count.lines += await _article_lines(connection, other, order, out)
        await other.execute("COMMIT")
    finally:
        await other.close()
    (found,) = (await _all(connection, "SELECT count(*) FROM attributions"))[0]
    count.attributions = int(found)
    return count
