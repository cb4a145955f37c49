"""ChainHop: one step on the way from a speaker to an article."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.types.article import Article
from provenance.api.types.enums import ChainRole
from provenance.api.types.outlet import Outlet
from provenance.api.types.speaker import Speaker
from provenance.services.chains import ChainHop as Hop

if TYPE_CHECKING:
    from provenance.api.types.attribution import Attribution


@strawberry.type(
    description="One hop of a chain of attribution. The SPEAKER hop names who said the "
    "words; REPORTER and RELAY hops are appearances in articles."
)
class ChainHop:
    # Plain values, not resolvers: a chain comes with its speakers, articles and outlets
    # from one statement, and plain fields are the cheapest for GraphQL to resolve.
    role: ChainRole = strawberry.field(
        description="The hop's place in the chain: SPEAKER, REPORTER or RELAY."
    )
    cue: str | None = strawberry.field(
        description='How this article introduced the words ("the BBC reported, citing").'
    )
    published_on: date | None = strawberry.field(
        description="Publication date of this hop's article, when known."
    )
    name: str = strawberry.field(
        description="A display name: the speaker's for SPEAKER, else the outlet's, the "
        "article's title, or its slug."
    )
    speaker: Speaker = strawberry.field(
        description="SPEAKER: who said the words. Otherwise: who this article says spoke."
    )
    outlet: Outlet | None = strawberry.field(
        description="The outlet of this hop's article; for SPEAKER, the outlet if an outlet "
        "spoke for itself."
    )
    article: Article | None = strawberry.field(description="This hop's article; null for SPEAKER.")
    attribution_id: strawberry.Private[int | None]

    @field(
        description="Publication date of this hop's article: the same as publishedOn.",
        deprecation_reason="use publishedOn (the same date; *On names a Date, *At a DateTime)",
    )
    def published_at(self) -> date | None:
        return self.published_on

    @classmethod
    def from_hop(cls, hop: Hop) -> ChainHop:
        return cls(
            role=hop.role,
            cue=hop.cue,
            published_on=hop.published_on,
            name=hop.name,
            speaker=Speaker.from_model(hop.speaker),
            outlet=None if hop.outlet is None else Outlet.from_model(hop.outlet),
            article=None if hop.article is None else Article.from_row(hop.article),
            attribution_id=hop.attribution_id,
        )

    @field(description="This hop's appearance of the quotation; null for SPEAKER.")
    async def attribution(
        self, info: Info
    ) -> Annotated[Attribution, strawberry.lazy("provenance.api.types.attribution")] | None:
        from provenance.api.types.attribution import Attribution

        if self.attribution_id is None:
            return None
        row = await info.context.loaders.attribution.load(self.attribution_id)
        return None if row is None else Attribution.from_model(row)
