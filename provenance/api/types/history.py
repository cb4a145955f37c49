"""HistoryEntry: one recorded change of a row, from the append-only audit trail."""

from __future__ import annotations

import weakref
from datetime import datetime
from enum import Enum
from typing import cast

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON

from provenance import models
from provenance.api.context import Info
from provenance.api.loaders import Loaders
from provenance.services import history as history_service


@strawberry.enum(description="What a recorded change did to its row.")
class HistoryOperation(Enum):
    INSERT = strawberry.enum_value("INSERT", description="The row was created.")
    UPDATE = strawberry.enum_value("UPDATE", description="Some of the row's columns changed.")
    DELETE = strawberry.enum_value("DELETE", description="The row was removed.")


@strawberry.type(description="One recorded change of this object: who, when, before, after.")
class HistoryEntry:
    at: datetime = strawberry.field(description="When the change was committed.")
    actor: str = strawberry.field(
        description="Who made it: the API token's name, the CLI user, or the database user."
    )
    operation: HistoryOperation = strawberry.field(description="What the change did.")
    before: JSON | None = strawberry.field(description="The row before; null for an INSERT.")
    after: JSON | None = strawberry.field(description="The row after; null for a DELETE.")
    changed_fields: list[str] = strawberry.field(
        description="The columns whose value differs between before and after."
    )

    @classmethod
    def from_model(cls, row: models.HistoryEntry) -> HistoryEntry:
        before, after = row.before or {}, row.after or {}
        changed = sorted(k for k in {*before, *after} if before.get(k) != after.get(k))
        return cls(
            at=row.at,
            actor=row.actor,
            operation=HistoryOperation(row.operation),
            before=cast("JSON | None", row.before),
            after=cast("JSON | None", row.after),
            changed_fields=changed,
        )


# One dataloader per request and table, so that `history` on a page of nodes is one statement.
_LOADERS: weakref.WeakKeyDictionary[Loaders, dict[str, DataLoader[int, list[models.HistoryEntry]]]]
_LOADERS = weakref.WeakKeyDictionary()


def _loader(info: Info, table: str) -> DataLoader[int, list[models.HistoryEntry]]:
    loaders = info.context.loaders
    per_table = _LOADERS.setdefault(loaders, {})
    if table not in per_table:

        async def load(row_ids: list[int]) -> list[list[models.HistoryEntry]]:
            return await loaders.run(history_service.history_of_rows, table=table, row_ids=row_ids)

        per_table[table] = DataLoader(load_fn=load)
    return per_table[table]


#: Why every type's history field is resolver-only (compiled/declare.resolver_only).
HISTORY = "audit trail, decoded from history rows in Python (types/history.py)"


async def history_field(info: Info, *, table: str, row_id: int) -> list[HistoryEntry]:
    """The resolver behind the `history` field of each node type."""
    rows = await _loader(info, table).load(row_id)
    return [HistoryEntry.from_model(row) for row in rows]
