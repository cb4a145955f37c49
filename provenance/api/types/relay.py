"""Relay graphs, hop fidelity, similar quotes and outlet relays as GraphQL types."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.types.enums import described
from provenance.api.types.outlet import Outlet
from provenance.models import AnchorStatus, ReanchorMethod
from provenance.services import fidelity as fidelity_service
from provenance.services import outlet_relays as relays_service
from provenance.services import relay_graph as graph_service
from provenance.services import similar as similar_service
from provenance.services.fidelity import ChangeKind, Verdict

if TYPE_CHECKING:
    from provenance.api.types.attribution import Attribution
    from provenance.api.types.quotation import Quotation

__all__ = ["AnchorStatus", "ReanchorMethod"]  # registered below for the other modules

AttributionRef = Annotated["Attribution", strawberry.lazy("provenance.api.types.attribution")]
QuotationRef = Annotated["Quotation", strawberry.lazy("provenance.api.types.quotation")]

described(
    AnchorStatus,
    description="ANCHORED: the words stand at their span. ORPHANED: a revision removed them.",
    values={
        "ANCHORED": "The words stand at the attribution's span of the current text.",
        "ORPHANED": "A revision removed the words and no confident new place was found.",
    },
)
described(
    ReanchorMethod,
    description="How an attribution was placed in a revised text: EXACT, FUZZY or ORPHANED.",
    values={
        "EXACT": "The same words, found again.",
        "FUZZY": "Similar words between a matching prefix and suffix.",
        "ORPHANED": "No place found with confidence: the attribution has no span now.",
    },
)
described(
    Verdict,
    name="FidelityVerdict",
    description="What happened to the words on one hop: IDENTICAL, TRUNCATED (cut at an "
    "end), ELIDED (cut in the middle), INSERTED (bracketed insertion), REWORDED or "
    "TRANSLATED (the article marks it as a translation).",
    values={
        "IDENTICAL": "The same words as the hop before.",
        "TRUNCATED": "Words cut at the start or the end.",
        "ELIDED": "Words left out in the middle, marked or not.",
        "INSERTED": 'A bracketed editorial insertion ("IS [Daesh] fighters").',
        "REWORDED": "Other words: a paraphrase or a change.",
        "TRANSLATED": "A translation of the hop before.",
    },
)
described(
    ChangeKind,
    name="WordChangeKind",
    description="INSERT, DELETE or REPLACE a run of words.",
    values={
        "INSERT": "Words this appearance has and its source does not.",
        "DELETE": "Words its source has and this appearance does not.",
        "REPLACE": "Words of the source replaced by others.",
    },
)


async def _attribution(info: Info, attribution_id: int) -> Attribution:
    from provenance.api.types.attribution import Attribution

    row = await info.context.loaders.attribution.load(attribution_id)
    assert row is not None  # ids come from the same database
    return Attribution.from_model(row)


@strawberry.type(description="One run of words that differs between a hop and its source.")
class HopChange:
    kind: ChangeKind = strawberry.field(
        description="Whether words were inserted, deleted or replaced."
    )
    upstream_text: str | None = strawberry.field(description="The words in the source.")
    text: str | None = strawberry.field(description="The words in this appearance.")
    position: int = strawberry.field(
        description="Index of the first upstream word concerned, counting words from 0."
    )


@strawberry.type(
    description="How faithful an appearance is to the words it was taken from (its "
    "upstream's text, or the quotation's canonical text when the upstream has none). Word "
    "by word, ignoring case and punctuation."
)
class Fidelity:
    verdict: Verdict = strawberry.field(
        description="The strongest change from the hop before (IDENTICAL when none)."
    )
    similarity: float = strawberry.field(
        description="2 x words in common / all words of both texts, 0 to 1."
    )
    compared_with_upstream: bool = strawberry.field(
        description="True when compared with the upstream's printed words, false when "
        "with the quotation's canonical text."
    )
    upstream_text: str = strawberry.field(description="The words compared against.")
    changes: list[HopChange] = strawberry.field(description="The word-level differences.")

    @classmethod
    def from_service(cls, hop: fidelity_service.Fidelity) -> Fidelity:
        return cls(
            verdict=hop.comparison.verdict,
            similarity=hop.comparison.similarity,
            compared_with_upstream=hop.compared_with == "upstream",
            upstream_text=hop.upstream_text,
            changes=[
                HopChange(
                    kind=c.kind, upstream_text=c.upstream_text, text=c.text, position=c.position
                )
                for c in hop.comparison.changes
            ],
        )


async def fidelity_of(info: Info, attribution_id: int) -> Fidelity | None:
    """The resolver behind Attribution.fidelity (batched by the fidelity loader)."""
    hop = await info.context.loaders.fidelity.load(attribution_id)
    return None if hop is None else Fidelity.from_service(hop)


@strawberry.type(description="One appearance in a relay graph.")
class RelayNode:
    depth: int | None = strawberry.field(
        description="0 for a first report, one more per relay; null when beyond the depth cap."
    )
    lag_days: int | None = strawberry.field(
        description="Days since the upstream article, when both are dated."
    )
    published_on: date | None = strawberry.field(description="The article's date, if known.")
    first_appearance: bool = strawberry.field(
        description="Whether this is the quotation's first appearance."
    )
    attribution_id: strawberry.Private[int]

    @field(description="The appearance itself.")
    async def attribution(self, info: Info) -> AttributionRef:
        return await _attribution(info, self.attribution_id)


@strawberry.type(description="A relay: `attribution` took the words from `upstream`.")
class RelayEdge:
    lag_days: int | None = strawberry.field(description="Days between the two articles.")
    upstream_id: strawberry.Private[int]
    attribution_id: strawberry.Private[int]

    @field(description="Where the words were taken from.")
    async def upstream(self, info: Info) -> AttributionRef:
        return await _attribution(info, self.upstream_id)

    @field(description="Where they appeared next.")
    async def attribution(self, info: Info) -> AttributionRef:
        return await _attribution(info, self.attribution_id)

    @field(description="How the words changed on this hop; null when they are not archived.")
    async def fidelity(self, info: Info) -> Fidelity | None:
        return await fidelity_of(info, self.attribution_id)


@strawberry.type(
    description="Every appearance of a quotation and who took it from whom (a tree in the "
    "common case; never a cycle)."
)
class RelayGraph:
    nodes: list[RelayNode] = strawberry.field(
        description="Every appearance of the quotation, with its article and place in the graph."
    )
    edges: list[RelayEdge] = strawberry.field(
        description="Who took the words from whom (upstream to downstream), with the time lag."
    )
    max_depth: int | None = strawberry.field(description="The deepest relay (0: first reports).")

    @classmethod
    def from_service(cls, graph: graph_service.RelayGraph) -> RelayGraph:
        return cls(
            nodes=[
                RelayNode(
                    depth=n.depth,
                    lag_days=n.lag_days,
                    published_on=n.published_on,
                    first_appearance=n.attribution_id == graph.first_appearance_id,
                    attribution_id=n.attribution_id,
                )
                for n in graph.nodes
            ],
            edges=[
                RelayEdge(
                    lag_days=e.lag_days, upstream_id=e.upstream_id, attribution_id=e.attribution_id
                )
                for e in graph.edges
            ],
            max_depth=graph.max_depth,
        )


async def relay_graph_of(info: Info, quotation_id: int) -> RelayGraph:
    """The resolver behind Quotation.relayGraph (batched by the relay graph loader)."""
    return RelayGraph.from_service(await info.context.loaders.relay_graph.load(quotation_id))


async def first_appearance_of(info: Info, quotation_id: int) -> Attribution | None:
    """The resolver behind Quotation.firstAppearance."""
    graph = await info.context.loaders.relay_graph.load(quotation_id)
    if graph.first_appearance_id is None:
        return None
    return await _attribution(info, graph.first_appearance_id)


@strawberry.type(description="A candidate link: other words that resemble the ones looked for.")
class SimilarQuote:
    similarity: float = strawberry.field(description="Trigram similarity, 0 to 1.")
    same_quotation: bool = strawberry.field(
        description="Already an appearance of the quotation looked from."
    )
    speaker_match: bool | None = strawberry.field(
        description="Said by the same recorded speaker (by identity, aliases and roles, never "
        "by a look-alike name); null when the speaker looked for is unknown."
    )
    quotation_id: strawberry.Private[int]
    attribution_id: strawberry.Private[int | None]

    @field(description="The quotation of the candidate.")
    async def quotation(self, info: Info) -> QuotationRef:
        from provenance.api.types.quotation import Quotation

        row = await info.context.loaders.quotation.load(self.quotation_id)
        assert row is not None
        return Quotation.from_model(row)

    @field(description="The candidate appearance; null when the candidate is a quotation.")
    async def attribution(self, info: Info) -> AttributionRef | None:
        if self.attribution_id is None:
            return None
        return await _attribution(info, self.attribution_id)

    @classmethod
    def from_service(cls, found: similar_service.SimilarQuote) -> SimilarQuote:
        return cls(
            similarity=found.similarity,
            same_quotation=found.same_quotation,
            speaker_match=found.speaker_match,
            quotation_id=found.quotation_id,
            attribution_id=found.id if found.kind == "attribution" else None,
        )


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


async def similar_quotes_field(
    info: Info,
    *,
    text: str | None,
    attribution_id: int | None,
    speaker: str | None,
    first: int,
    min_similarity: float,
) -> list[SimilarQuote]:
    """The resolver behind Query.similarQuotes."""
    found = await info.context.loaders.run(
        lambda s: similar_service.similar_quotes(
            s,
            text=text,
            attribution_id=attribution_id,
            speaker=speaker,
            limit=first,
            min_similarity=min_similarity,
        )
    )
    return [SimilarQuote.from_service(f) for f in found]


async def outlet_relays_field(
    info: Info, *, from_date: date | None, to_date: date | None
) -> list[OutletRelay]:
    """The resolver behind Query.outletRelays."""
    rows = await info.context.loaders.run(
        lambda s: relays_service.outlet_relays(s, from_date=from_date, to_date=to_date)
    )
    return [OutletRelay.from_service(r) for r in rows]
