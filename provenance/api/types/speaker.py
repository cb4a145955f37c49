"""Speaker: whoever said the words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.dataloader import DataLoader

from provenance import models
from provenance.api.compiled.declare import (
    build,
    children,
    read_type,
    related,
    resolver_only,
    rows,
    sql_field,
)
from provenance.api.connection import Connection
from provenance.api.context import Info
from provenance.api.types.editorial import SpeakerMerge, merges_field
from provenance.api.types.enums import AliasKind, SpeakerKind
from provenance.api.types.history import HISTORY, HistoryEntry, history_field
from provenance.api.types.nodes import LoadedNode

if TYPE_CHECKING:
    from provenance.api.types.outlet import Outlet
    from provenance.api.types.quotation import Quotation


@read_type(models.SpeakerAlias)
@strawberry.type(description="A name or role description that articles use for a speaker.")
class SpeakerAlias:
    alias: str = sql_field(
        column=models.SpeakerAlias.alias, description="The words as articles print them."
    )
    kind: AliasKind = sql_field(column=models.SpeakerAlias.kind, description="NAME or ROLE.")


async def _history(self: Speaker, info: Info) -> list[HistoryEntry]:
    return await history_field(info, table="speakers", row_id=self.id)


async def _merges(self: Speaker, info: Info) -> list[SpeakerMerge]:
    return await merges_field(info, speaker_id=self.id)


@read_type(models.Speaker)
@strawberry.type(
    description="Whoever said the words: a person, an organisation, an outlet speaking for "
    "itself, or an unnamed source. Similar names never imply the same speaker."
)
class Speaker(LoadedNode[models.Speaker]):
    id: relay.NodeID[int]
    slug: str = sql_field(column=models.Speaker.slug, description="Stable natural key.")
    name: str = sql_field(
        column=models.Speaker.name, description="Display name, or a description if unnamed."
    )
    kind: SpeakerKind = sql_field(
        column=models.Speaker.kind, description="What kind of source the speaker is."
    )
    description: str | None = sql_field(
        column=models.Speaker.description, description="Who the speaker is, when known."
    )
    aliases: list[SpeakerAlias] = rows(
        models.SpeakerAlias.speaker_id,
        loader="aliases",
        description="Names and role descriptions articles use for this speaker.",
    )
    outlet: Annotated[Outlet, strawberry.lazy("provenance.api.types.outlet")] | None = related(
        models.Speaker.outlet_id, description="For an outlet speaking for itself: that outlet."
    )
    quotations: Connection[
        Annotated[Quotation, strawberry.lazy("provenance.api.types.quotation")]
    ] = children(
        models.Quotation.speaker_id,
        description="The quotations this speaker said, oldest record first.",
    )
    history: list[HistoryEntry] = resolver_only(
        reason=HISTORY,
        resolver=_history,
        description="Every recorded change of this object, oldest first (the audit trail).",
    )
    merges: list[SpeakerMerge] = resolver_only(
        reason="editorial merge log, rarely read (types/editorial.py)",
        resolver=_merges,
        description="The merges that folded other speakers into this one, newest first.",
    )
    outlet_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, row: Any) -> Speaker:
        """From a models.Speaker, or a search record of its columns."""
        return build(cls, row)

    @classmethod
    def node_loader(cls, info: Info) -> DataLoader[int, models.Speaker | None]:
        return info.context.loaders.speaker
