"""`provenance export`, streamed: lines built by PostgreSQL, read through a server-side cursor.

The whole export is one REPEATABLE READ, READ ONLY snapshot (concurrent writes cannot tear
it, and it runs on a read replica too). First the article order is computed from the relay
edges between articles (``export_order``: two small queries, plus the attributions of the
articles that relay each other in a circle, if any); then each kind of line is one
statement whose rows are finished JSON Lines records (``export_sql``), fetched from a named
cursor ``FETCH_ROWS`` at a time and written in one piece per batch. Memory stays at one
batch plus the order (three integers per article), whatever the size of the database.

The bytes are exactly those of ``jsonl_format.format_line`` over the records of the
previous, row-by-row implementation (tests/services/test_export_stream.py compares them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import psycopg
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.services import export_sql
from provenance.services.export_order import CircleRow, relay_graph

# Rows per FETCH from the server-side cursor: big enough that the round trips do not count.
FETCH_ROWS = 2_000


# One article line: the article's id and which of its attributions (None: all of them).
Placed = tuple[int, tuple[int, ...] | None]


class Writable(Protocol):
    def write(self, text: str, /) -> int: ...


@dataclass
class ExportCount:
    """What an export wrote: lines, and attributions in its article lines."""

    lines: int = 0
    attributions: int = 0


async def _driver_connection(session: AsyncSession) -> psycopg.AsyncConnection[Any]:
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    assert isinstance(driver, psycopg.AsyncConnection)
    return driver


async def _all(
    connection: psycopg.AsyncConnection[Any], sql: str, params: dict[str, Any] | None = None
) -> list[tuple[Any, ...]]:
    async with connection.cursor() as cursor:
        await cursor.execute(sql.encode(), params)
        return await cursor.fetchall() if cursor.description is not None else []


async def _stream(
    connection: psycopg.AsyncConnection[Any],
    name: str,
    sql: str,
    out: Writable,
    params: dict[str, Any] | None = None,
) -> int:
    """Write every row of ``sql`` (one text column) as a line; return the number of lines."""
    lines = 0
    async with connection.cursor(name=name) as cursor:
        await cursor.execute(sql.encode(), params)
        while rows := await cursor.fetchmany(FETCH_ROWS):
            out.write("\n".join([row[0] for row in rows]) + "\n")
            lines += len(rows)
    return lines


async def _order(connection: psycopg.AsyncConnection[Any]) -> list[Placed]:
    """The article lines in export order, as (article id, attribution ids or None)."""
    ((ids, upstreams, relaying),) = await _all(connection, export_sql.ARTICLE_GRAPH)
    ids = ids or []
    graph = relay_graph(len(ids), upstreams or [], relaying or [])
    rows: list[CircleRow] = []
    circles = graph.circle_ranks
    if circles:
        rank_of = {ids[rank]: rank for rank in circles}
        params = {"articles": [ids[rank] for rank in circles]}
        for article, attribution, upstream, upstream_article in await _all(
            connection, export_sql.CIRCLE_ATTRIBUTIONS, params
        ):
            rows.append((rank_of[article], attribution, upstream, rank_of.get(upstream_article)))
    return [(ids[rank], part) for rank, part in graph.order(rows)]


def _order_arrays(order: list[Placed]) -> dict[str, list[Any]]:
    part_lines: list[int] = []
    part_ids: list[int] = []
    for line, (_, part) in enumerate(order, start=1):
        if part is not None:
            part_lines.extend([line] * len(part))
            part_ids.extend(part)
    return {
        "articles": [article for article, _ in order],
        "split": [part is not None for _, part in order],
        "part_lines": part_lines,
        "part_ids": part_ids,
    }


async def _article_lines(
    connection: psycopg.AsyncConnection[Any], order: list[Placed], out: Writable
) -> int:
    """Write the article lines: heads and their lines' attribution items, two cursors
    merged by line number (the items cursor skips the lines without attributions)."""
    params = _order_arrays(order)
    lines = 0
    async with (
        connection.cursor(name="export_article_heads") as heads,
        connection.cursor(name="export_attribution_items") as items,
    ):
        for name in export_sql.NESTED_LOOP:
            await _all(connection, f"SET LOCAL {name} = off")
        await heads.execute(export_sql.ARTICLE_HEADS.encode(), params)
        for name in export_sql.NESTED_LOOP:
            await _all(connection, f"RESET {name}")
        await items.execute(export_sql.ATTRIBUTION_ITEMS.encode(), params)
        pending: list[tuple[int, str]] = await items.fetchmany(FETCH_ROWS)
        at = 0
        while batch := await heads.fetchmany(FETCH_ROWS):
            written: list[str] = []
            for (head,) in batch:
                lines += 1
                if at == len(pending) and pending:
                    pending, at = await items.fetchmany(FETCH_ROWS), 0
                if at < len(pending) and pending[at][0] == lines:
                    written.append(f'{head},"attributions":[{pending[at][1]}]}}\n')
                    at += 1
                else:
                    written.append(head + "}\n")
            out.write("".join(written))
    return lines


async def stream_export(
    session: AsyncSession,
    *,
    out: Writable,
    on_articles: Callable[[], None] | None = None,
) -> ExportCount:
    """Write the whole export to ``out`` in one snapshot; return what was written.

    ``session`` must not have run a statement yet (the snapshot is set first).
    ``on_articles`` is called when the order is known and the article lines start.
    """
    connection = await _driver_connection(session)
    await _all(connection, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    # The attributions' sort fits in memory rather than in temporary files.
    await _all(connection, "SET LOCAL work_mem = '256MB'")
    count = ExportCount()
    count.lines += await _stream(connection, "export_outlets", export_sql.OUTLETS, out)
    count.lines += await _stream(connection, "export_speakers", export_sql.SPEAKERS, out)
    count.lines += await _stream(connection, "export_quotations", export_sql.QUOTATIONS, out)
    order = await _order(connection)
    if on_articles is not None:
        on_articles()
    count.lines += await _article_lines(connection, order, out)
    (found,) = (await _all(connection, "SELECT count(*) FROM attributions"))[0]
    count.attributions = int(found)
    return count
