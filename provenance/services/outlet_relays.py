"""Outlet relay graph: which outlets relay quotations first published by which others."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import Date

from provenance.errors import InvalidInputError

RELAYS_SQL = text(
    "SELECT * FROM outlet_relays_between(:from_date, :to_date) "
    "ORDER BY relays DESC, source_outlet NULLS LAST, relay_outlet NULLS LAST"
).bindparams(bindparam("from_date", type_=Date()), bindparam("to_date", type_=Date()))


@dataclass(frozen=True)
class OutletRelay:
    """Quotations first published by ``source`` and printed later by ``relay``."""

    source_outlet_id: int | None  # None: the first appearance's outlet is unknown
    source_outlet: str | None
    relay_outlet_id: int | None
    relay_outlet: str | None
    quotations: int
    relays: int
    median_lag_days: float | None
    first_relayed_on: date | None
    last_relayed_on: date | None


async def outlet_relays(
    session: AsyncSession, *, from_date: date | None = None, to_date: date | None = None
) -> list[OutletRelay]:
    """Outlet-to-outlet relays whose relaying article falls in the period, most relayed first."""
    if from_date and to_date and from_date > to_date:
        raise InvalidInputError(
            f"the period starts ({from_date}) after it ends ({to_date})", field="fromDate"
        )
    result = await session.execute(RELAYS_SQL, {"from_date": from_date, "to_date": to_date})
    return [OutletRelay(**row) for row in result.mappings()]
