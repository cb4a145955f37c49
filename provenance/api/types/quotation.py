"""Quotation: what was said, once, however many articles repeat it."""

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
    sql_field,
)
from provenance.api.connection import Connection
from provenance.api.context import Info
from provenance.api.types.history import HISTORY, HistoryEntry, history_field
from provenance.api.types.nodes import LoadedNode
from provenance.api.types.speaker import Speaker

if TYPE_CHECKING:
    from provenance.api.types.attribution import Attribution
    from provenance.api.types.relay_graph import RelayGraph


async def _speaker(self: Quotation, info: Info) -> Speaker:
    if self.known_speaker is not None:
        return Speaker.from_model(self.known_speaker)
    row = await info.context.loaders.speaker.load(self.speaker_id)
    assert row is not None  # a foreign key guarantees it
    return Speaker.from_model(row)


async def _relay_graph(self: Quotation, info: Info) -> RelayGraph:
    from provenance.api.types.relay_graph import relay_graph_of

    return await relay_graph_of(info, self.id)


async def _first_appearance(self: Quotation, info: Info) -> Attribution | None:
    from provenance.api.types.relay_graph import first_appearance_of

    return await first_appearance_of(info, self.id)


async def _history(self: Quotation, info: Info) -> list[HistoryEntry]:
    return await history_field(info, table="quotations", row_id=self.id)


@read_type(models.Quotation)
@strawberry.type(
    description="A statement as it was said, once. Each appearance in an article is an "
    "attribution, and the wording may differ between them."
)
class Quotation(LoadedNode[models.Quotation]):
    id: relay.NodeID[int]
    slug: str = sql_field(column=models.Quotation.slug, description="Stable natural key.")
    text: str = sql_field(
        column=models.Quotation.text,
        description="The best-known original wording, without editorial insertions.",
    )
    language: str | None = sql_field(
        column=models.Quotation.language, description="Language it was spoken in."
    )
    speaker: Speaker = related(
        models.Quotation.speaker_id, resolver=_speaker, description="Who originally said it."
    )
    attributions: Connection[
        Annotated[Attribution, strawberry.lazy("provenance.api.types.attribution")]
    ] = children(
        models.Attribution.quotation_id,
        description="Every appearance of the quotation in an article.",
    )
    relay_graph: Annotated[RelayGraph, strawberry.lazy("provenance.api.types.relay_graph")] = (
        resolver_only(
            reason="graph of appearances built in Python (types/relay_graph.py)",
            resolver=_relay_graph,
            description="Every appearance and who took it from whom, with dates, lags and "
            "depth (one recursive query for all quotations of a request).",
        )
    )
    first_appearance: (
        Annotated[Attribution, strawberry.lazy("provenance.api.types.attribution")] | None
    ) = resolver_only(
        reason="ranked over the relay graph in Python (types/relay_graph.py)",
        resolver=_first_appearance,
        description="The first appearance: among appearances taken from no other, the "
        "earliest dated (undated last).",
    )
    history: list[HistoryEntry] = resolver_only(
        reason=HISTORY,
        resolver=_history,
        description="Every recorded change of this object, oldest first (the audit trail).",
    )
    speaker_id: strawberry.Private[int]
    # The speaker when it was read with the quotation (the search reads both in one
    # statement: services/quotation_search.py records); otherwise `speaker` loads it.
    known_speaker: strawberry.Private[Any] = None

    @classmethod
    def from_model(cls, row: Any, *, speaker: Any = None) -> Quotation:
        """From a models.Quotation, or a search record of its columns (and its speaker's)."""
        return build(cls, row, known_speaker=speaker)

    @classmethod
    def node_loader(cls, info: Info) -> DataLoader[int, models.Quotation | None]:
        return info.context.loaders.quotation
