"""Speaker: whoever said the words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.dataloader import DataLoader

from provenance import models
from provenance.api.connection import After, Connection, First
from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.paging import Before, Last
from provenance.api.types.editorial import SpeakerMerge, merges_field
from provenance.api.types.enums import AliasKind, SpeakerKind
from provenance.api.types.history import HistoryEntry, history_field
from provenance.api.types.nodes import LoadedNode, child_connection
from provenance.services.rows import SpeakerRow

if TYPE_CHECKING:
    from provenance.api.types.outlet import Outlet
    from provenance.api.types.quotation import Quotation


@strawberry.type(description="A name or role description that articles use for a speaker.")
class SpeakerAlias:
    alias: str = strawberry.field(description="The words as articles print them.")
    kind: AliasKind = strawberry.field(description="NAME or ROLE.")


@strawberry.type(
    description="Whoever said the words: a person, an organisation, an outlet speaking for "
    "itself, or an unnamed source. Similar names never imply the same speaker."
)
class Speaker(LoadedNode[models.Speaker]):
    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Stable natural key.")
    name: str = strawberry.field(description="Display name, or a description if unnamed.")
    kind: SpeakerKind = strawberry.field(description="What kind of source the speaker is.")
    description: str | None = strawberry.field(description="Who the speaker is, when known.")
    outlet_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, row: models.Speaker | SpeakerRow) -> Speaker:
        return cls(
            id=row.id,
            slug=row.slug,
            name=row.name,
            kind=models.SpeakerKind(row.kind),
            description=row.description,
            outlet_id=row.outlet_id,
        )

    @classmethod
    def node_loader(cls, info: Info) -> DataLoader[int, models.Speaker | None]:
        return info.context.loaders.speaker

    @field(description="Names and role descriptions articles use for this speaker.")
    async def aliases(self, info: Info) -> list[SpeakerAlias]:
        rows = await info.context.loaders.aliases.load(self.id)
        return [SpeakerAlias(alias=r.alias, kind=models.AliasKind(r.kind)) for r in rows]

    @field(description="For an outlet speaking for itself: that outlet.")
    async def outlet(
        self, info: Info
    ) -> Annotated[Outlet, strawberry.lazy("provenance.api.types.outlet")] | None:
        from provenance.api.types.outlet import Outlet

        if self.outlet_id is None:
            return None
        row = await info.context.loaders.outlet.load(self.outlet_id)
        return None if row is None else Outlet.from_model(row)

    @field(description="The quotations this speaker said, oldest record first.")
    async def quotations(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Annotated[Quotation, strawberry.lazy("provenance.api.types.quotation")]]:
        from provenance.api.types.quotation import Quotation

        return await child_connection(
            info,
            model=models.Quotation,
            parent=models.Quotation.speaker_id,
            parent_id=self.id,
            convert=Quotation.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @field(description="Every recorded change of this object, oldest first (the audit trail).")
    async def history(self, info: Info) -> list[HistoryEntry]:
        return await history_field(info, table="speakers", row_id=self.id)

    @field(description="The merges that folded other speakers into this one, newest first.")
    async def merges(self, info: Info) -> list[SpeakerMerge]:
        return await merges_field(info, speaker_id=self.id)
