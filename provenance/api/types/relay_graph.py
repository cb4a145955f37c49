"""RelayGraph: every appearance of a quotation and who took it from whom."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.types.fidelity import Fidelity, fidelity_of
from provenance.api.types.nodes import attribution_by_id
from provenance.services import relay_graph as graph_service

if TYPE_CHECKING:
    from provenance.api.types.attribution import Attribution

AttributionRef = Annotated["Attribution", strawberry.lazy("provenance.api.types.attribution")]


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
        return await attribution_by_id(info, self.attribution_id)


@strawberry.type(description="A relay: `attribution` took the words from `upstream`.")
class RelayEdge:
    lag_days: int | None = strawberry.field(description="Days between the two articles.")
    upstream_id: strawberry.Private[int]
    attribution_id: strawberry.Private[int]

    @field(description="Where the words were taken from.")
    async def upstream(self, info: Info) -> AttributionRef:
        return await attribution_by_id(info, self.upstream_id)

    @field(description="Where they appeared next.")
    async def attribution(self, info: Info) -> AttributionRef:
        return await attribution_by_id(info, self.attribution_id)

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
    return await attribution_by_id(info, graph.first_appearance_id)
