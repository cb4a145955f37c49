"""Quotation: what was said, once, however many articles repeat it."""

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
from provenance.api.types.history import HistoryEntry, history_field
from provenance.api.types.nodes import LoadedNode, child_connection
from provenance.api.types.speaker import Speaker
from provenance.services.rows import QuotationRow, SpeakerRow

if TYPE_CHECKING:
    from provenance.api.types.attribution import Attribution
    from provenance.api.types.relay import RelayGraph


@strawberry.type(
    description="A statement as it was said, once. Each appearance in an article is an "
    "attribution, and the wording may differ between them."
)
class Quotation(LoadedNode[models.Quotation]):
    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Stable natural key.")
    text: str = strawberry.field(
        description="The best-known original wording, without editorial insertions."
    )
    language: str | None = strawberry.field(description="Language it was spoken in.")
    speaker_id: strawberry.Private[int]
    # The speaker when it was read with the quotation (search reads both in one
    # statement); otherwise `speaker` loads it.
    known_speaker: strawberry.Private[SpeakerRow | None] = None

    @classmethod
    def from_model(
        cls, row: models.Quotation | QuotationRow, *, speaker: SpeakerRow | None = None
    ) -> Quotation:
        return cls(
            id=row.id,
            slug=row.slug,
            text=row.text,
            language=row.language,
            speaker_id=row.speaker_id,
            known_speaker=speaker,
        )

    @classmethod
    def from_row(cls, row: QuotationRow, *, speaker: SpeakerRow) -> Quotation:
        return cls.from_model(row, speaker=speaker)

    @classmethod
    def node_loader(cls, info: Info) -> DataLoader[int, models.Quotation | None]:
        return info.context.loaders.quotation

    @field(description="Who originally said it.")
    async def speaker(self, info: Info) -> Speaker:
        if self.known_speaker is not None:
            return Speaker.from_model(self.known_speaker)
        row = await info.context.loaders.speaker.load(self.speaker_id)
        assert row is not None  # a foreign key guarantees it
        return Speaker.from_model(row)

    @field(description="Every appearance of the quotation in an article.")
    async def attributions(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Annotated[Attribution, strawberry.lazy("provenance.api.types.attribution")]]:
        from provenance.api.types.attribution import Attribution

        return await child_connection(
            info,
            model=models.Attribution,
            parent=models.Attribution.quotation_id,
            parent_id=self.id,
            convert=Attribution.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @field(
        description="Every appearance and who took it from whom, with dates, lags and depth "
        "(one recursive query for all quotations of a request)."
    )
    async def relay_graph(
        self, info: Info
    ) -> Annotated[RelayGraph, strawberry.lazy("provenance.api.types.relay")]:
        from provenance.api.types.relay import relay_graph_of

        return await relay_graph_of(info, self.id)

    @field(
        description="The first appearance: among appearances taken from no other, the "
        "earliest dated (undated last)."
    )
    async def first_appearance(
        self, info: Info
    ) -> Annotated[Attribution, strawberry.lazy("provenance.api.types.attribution")] | None:
        from provenance.api.types.relay import first_appearance_of

        return await first_appearance_of(info, self.id)

    @field(description="Every recorded change of this object, oldest first (the audit trail).")
    async def history(self, info: Info) -> list[HistoryEntry]:
        return await history_field(info, table="quotations", row_id=self.id)
