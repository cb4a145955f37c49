"""Fidelity: how the words changed on one hop, as a GraphQL type."""

from __future__ import annotations

import strawberry

from provenance.api.context import Info
from provenance.api.types.enums import ChangeKind, FidelityVerdict
from provenance.services import fidelity as fidelity_service


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
    verdict: FidelityVerdict = strawberry.field(
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
