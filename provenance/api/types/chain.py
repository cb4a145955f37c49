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
    role: ChainRole
    cue: str | None = strawberry.field(
        description='How this article introduced the words ("the BBC reported, citing").'
    )
    published_at: date | None = strawberry.field(
        description="Publication date of this hop's article, when known."
    )
    hop: strawberry.Private[Hop]

    @classmethod
    def from_hop(cls, hop: Hop) -> ChainHop:
        return cls(role=hop.role, cue=hop.cue, published_at=hop.published_on, hop=hop)

    @field(
        description="A display name: the speaker's for SPEAKER, else the outlet's, the "
        "article's title, or its slug."
    )
    async def name(self, info: Info) -> str:
        loaders = info.context.loaders
        if self.hop.article_id is None:
            speaker = await loaders.speaker.load(self.hop.speaker_id)
            return speaker.name if speaker else ""
        if self.hop.outlet_id is not None:
            outlet = await loaders.outlet.load(self.hop.outlet_id)
            if outlet is not None:
                return outlet.name
        article = await loaders.article.load(self.hop.article_id)
        if article is None:
            return ""
        return article.title or article.slug

    @field(description="SPEAKER: who said the words. Otherwise: who this article says spoke.")
    async def speaker(self, info: Info) -> Speaker:
        row = await info.context.loaders.speaker.load(self.hop.speaker_id)
        assert row is not None
        return Speaker.from_model(row)

    @field(
        description="The outlet of this hop's article; for SPEAKER, the outlet if an outlet "
        "spoke for itself."
    )
    async def outlet(self, info: Info) -> Outlet | None:
        loaders = info.context.loaders
        outlet_id = self.hop.outlet_id
        if self.hop.article_id is None:
            speaker = await loaders.speaker.load(self.hop.speaker_id)
            outlet_id = speaker.outlet_id if speaker else None
        if outlet_id is None:
            return None
        row = await loaders.outlet.load(outlet_id)
        return None if row is None else Outlet.from_model(row)

    @field(description="This hop's article; null for SPEAKER.")
    async def article(self, info: Info) -> Article | None:
        if self.hop.article_id is None:
            return None
        row = await info.context.loaders.article.load(self.hop.article_id)
        return None if row is None else Article.from_model(row)

    @field(description="This hop's appearance of the quotation; null for SPEAKER.")
    async def attribution(
        self, info: Info
    ) -> Annotated[Attribution, strawberry.lazy("provenance.api.types.attribution")] | None:
        from provenance.api.types.attribution import Attribution

        if self.hop.attribution_id is None:
            return None
        row = await info.context.loaders.attribution.load(self.hop.attribution_id)
        return None if row is None else Attribution.from_model(row)
