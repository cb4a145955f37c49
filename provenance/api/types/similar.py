"""SimilarQuote: other words that resemble the ones looked for (Query.similarQuotes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.types.nodes import attribution_by_id
from provenance.services import similar as similar_service

if TYPE_CHECKING:
    from provenance.api.types.attribution import Attribution
    from provenance.api.types.quotation import Quotation

AttributionRef = Annotated["Attribution", strawberry.lazy("provenance.api.types.attribution")]
QuotationRef = Annotated["Quotation", strawberry.lazy("provenance.api.types.quotation")]


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
        return await attribution_by_id(info, self.attribution_id)

    @classmethod
    def from_service(cls, found: similar_service.SimilarQuote) -> SimilarQuote:
        return cls(
            similarity=found.similarity,
            same_quotation=found.same_quotation,
            speaker_match=found.speaker_match,
            quotation_id=found.quotation_id,
            attribution_id=found.id if found.kind == "attribution" else None,
        )


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
        similar_service.similar_quotes,
        text=text,
        attribution_id=attribution_id,
        speaker=speaker,
        limit=first,
        min_similarity=min_similarity,
    )
    return [SimilarQuote.from_service(f) for f in found]
