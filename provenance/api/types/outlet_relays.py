"""OutletRelay: quotations one outlet published first and another printed later."""

from __future__ import annotations

from datetime import date

import strawberry

from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.types.outlet import Outlet
from provenance.services import outlet_relays as relays_service


@strawberry.type(
    description="Quotations first published by one outlet and printed later by another."
)
class OutletRelay:
    quotations: int = strawberry.field(description="Distinct quotations relayed.")
    relays: int = strawberry.field(description="Appearances relayed.")
    median_lag_days: float | None = strawberry.field(
        description="Median days from first appearance to relay, over dated pairs."
    )
    first_relayed_on: date | None = strawberry.field(
        description="The earliest publication date of a relayed appearance."
    )
    last_relayed_on: date | None = strawberry.field(
        description="The latest publication date of a relayed appearance."
    )
    source_outlet_id: strawberry.Private[int | None]
    relay_outlet_id: strawberry.Private[int | None]

    @field(description="Where the quotations first appeared; null when the outlet is unknown.")
    async def source(self, info: Info) -> Outlet | None:
        return await _outlet(info, self.source_outlet_id)

    @field(description="Who printed them later; null when the outlet is unknown.")
    async def relay(self, info: Info) -> Outlet | None:
        return await _outlet(info, self.relay_outlet_id)

    @classmethod
    def from_service(cls, row: relays_service.OutletRelay) -> OutletRelay:
        return cls(
            quotations=row.quotations,
            relays=row.relays,
            median_lag_days=row.median_lag_days,
            first_relayed_on=row.first_relayed_on,
            last_relayed_on=row.last_relayed_on,
            source_outlet_id=row.source_outlet_id,
            relay_outlet_id=row.relay_outlet_id,
        )


async def _outlet(info: Info, outlet_id: int | None) -> Outlet | None:
    if outlet_id is None:
        return None
    row = await info.context.loaders.outlet.load(outlet_id)
    return None if row is None else Outlet.from_model(row)


async def outlet_relays_field(
    info: Info, *, from_date: date | None, to_date: date | None
) -> list[OutletRelay]:
    """The resolver behind Query.outletRelays."""
    rows = await info.context.loaders.run(
        relays_service.outlet_relays, from_date=from_date, to_date=to_date
    )
    return [OutletRelay.from_service(r) for r in rows]
