"""Reading the audit trail, and undoing a transaction from it.

The database triggers write ``history``; this module only reads it. Undoing replays a
transaction's changes backwards (delete what it inserted, restore what it updated or
deleted) after checking that nothing touched those rows since, so an undo never
overwrites later work.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import ConflictError, NotFoundError
from provenance.models import AUDITED_TABLES, HistoryEntry


async def current_transaction_id(session: AsyncSession) -> int:
    """The id history gives the changes of the current transaction."""
    value = await session.scalar(text("SELECT pg_current_xact_id()::text::bigint"))
    assert value is not None
    return int(value)


async def history_of(
    session: AsyncSession, *, table: str, row_id: int, limit: int | None = None
) -> Sequence[HistoryEntry]:
    """The recorded changes of one row, oldest first."""
    query = (
        select(HistoryEntry)
        .where(HistoryEntry.table_name == table, HistoryEntry.row_id == row_id)
        .order_by(HistoryEntry.id)
        .limit(limit)
    )
    return list(await session.scalars(query))


async def changes_of_transaction(
    session: AsyncSession, *, transaction_id: int
) -> Sequence[HistoryEntry]:
    """Everything one transaction changed, in the order it happened."""
    query = (
        select(HistoryEntry)
        .where(HistoryEntry.transaction_id == transaction_id)
        .order_by(HistoryEntry.id)
    )
    return list(await session.scalars(query))


async def _writable_columns(session: AsyncSession, table: str) -> list[str]:
    # Generated columns (quotations.search_vector) cannot be written back.
    rows = await session.execute(
        text(
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(:table) "
            "AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum"
        ),
        {"table": table},
    )
    return [row[0] for row in rows]


async def _current(session: AsyncSession, table: str, row_id: int) -> dict[str, Any] | None:
    row = await session.scalar(
        text(f"SELECT to_jsonb(t) FROM {table} AS t WHERE t.id = :id"), {"id": row_id}
    )
    return dict(row) if row is not None else None


def _changed_columns(entry: HistoryEntry) -> list[str]:
    before, after = entry.before or {}, entry.after or {}
    return sorted(name for name in after if before.get(name) != after.get(name))


async def _check_untouched(session: AsyncSession, entry: HistoryEntry) -> None:
    current = await _current(session, entry.table_name, entry.row_id)
    where = f"{entry.table_name} row {entry.row_id}"
    if entry.operation == "DELETE":
        if current is not None:
            raise ConflictError(f"{where} was deleted, but a row with its id exists again")
        return
    if current is None:
        raise ConflictError(f"{where} was deleted since", hint="undo the later change first")
    after = entry.after or {}
    columns = _changed_columns(entry) if entry.operation == "UPDATE" else list(after)
    stale = [c for c in columns if c != "created_at" and current.get(c) != after.get(c)]
    if stale:
        raise ConflictError(
            f"{where} changed since ({', '.join(stale)})", hint="undo the later change first"
        )


async def _reverse(session: AsyncSession, entry: HistoryEntry) -> None:
    table, params = entry.table_name, {"id": entry.row_id, "before": entry.before}
    if entry.operation == "INSERT":
        await session.execute(text(f"DELETE FROM {table} WHERE id = :id"), params)
        return
    if entry.operation == "UPDATE":
        writable = set(await _writable_columns(session, table))
        changed = [c for c in _changed_columns(entry) if c in writable]
        if not changed:
            return  # only generated columns changed; they follow the others
        columns = ", ".join(f'"{c}"' for c in changed)
        await session.execute(
            text(
                f"UPDATE {table} AS t SET ({columns}) = (SELECT {columns} FROM "
                f"jsonb_populate_record(NULL::{table}, CAST(:before AS jsonb))) WHERE t.id = :id"
            ),
            {**params, "before": _json(entry.before)},
        )
        return
    columns = ", ".join(f'"{c}"' for c in await _writable_columns(session, table))
    await session.execute(
        text(
            f"INSERT INTO {table} ({columns}) SELECT {columns} "
            f"FROM jsonb_populate_record(NULL::{table}, CAST(:before AS jsonb))"
        ),
        {**params, "before": _json(entry.before)},
    )


def _json(value: dict[str, Any] | None) -> str:
    return json.dumps(value)


async def undo_transaction(session: AsyncSession, *, transaction_id: int) -> int:
    """Reverse every recorded change of a transaction; return how many rows it restored."""
    entries = [
        e
        for e in await changes_of_transaction(session, transaction_id=transaction_id)
        if e.table_name in AUDITED_TABLES
    ]
    if not entries:
        raise NotFoundError(
            f"history holds no change of transaction {transaction_id}", field="transactionId"
        )
    # Net effect per row: the first image before the transaction, the last after it.
    for entry in reversed(entries):
        await _check_untouched_in_order(session, entry, entries)
        await _reverse(session, entry)
    return len(entries)


async def _check_untouched_in_order(
    session: AsyncSession, entry: HistoryEntry, entries: Sequence[HistoryEntry]
) -> None:
    # Only the last change of a row in the transaction can be compared with the row now;
    # earlier ones are checked implicitly by reversing the later ones first.
    later = [e for e in entries if e.id > entry.id and e.table_name == entry.table_name]
    if not any(e.row_id == entry.row_id for e in later):
        await _check_untouched(session, entry)


async def history_of_rows(
    session: AsyncSession, *, table: str, row_ids: Sequence[int]
) -> list[list[HistoryEntry]]:
    """The recorded changes of several rows of one table (one statement), oldest first."""
    query = (
        select(HistoryEntry)
        .where(HistoryEntry.table_name == table, HistoryEntry.row_id.in_(row_ids))
        .order_by(HistoryEntry.id)
    )
    found: dict[int, list[HistoryEntry]] = {row_id: [] for row_id in row_ids}
    for entry in await session.scalars(query):
        found[entry.row_id].append(entry)
    return [found[row_id] for row_id in row_ids]
