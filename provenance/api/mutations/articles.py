"""Mutations that record an article: archived, citation-only, or a new text of one."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.mutations.payloads import INPUT, UserError, fresh, perform
from provenance.api.mutations.revisions import Reanchoring, reanchorings
from provenance.api.types.article import Article
from provenance.api.types.attribution import Attribution
from provenance.services import records
from provenance.services.tokens import Grant


@strawberry.input(
    description="An article: its archived text (body) or, if known only "
    "from a citation, how it was cited (citedAs)."
)
class RecordArticleInput:
    slug: str = strawberry.field(description="Natural key: lowercase words joined by hyphens.")
    outlet_slug: str | None = strawberry.field(default=None, description="The publisher.")
    url: str | None = strawberry.field(
        default=None, description="Where the article was published; unique when given."
    )
    title: str | None = strawberry.field(default=None, description="The headline as printed.")
    published_on: date | None = strawberry.field(
        default=None, description="The publication date (YYYY-MM-DD), when known."
    )
    language: str = strawberry.field(default="en", description="BCP 47 tag of the text.")
    body: str | None = strawberry.field(default=None, description="The text exactly as archived.")
    cited_as: str | None = strawberry.field(
        default=None, description='How a citing article refers to it ("reports by the BBC").'
    )


@strawberry.type(
    description="The recorded article, or why it was not recorded. A body that differs from "
    "the archived text is a revision (as reviseArticle): the old text is kept, each "
    "attribution whose words are still in the new text is re-anchored, and the others are "
    "listed in unanchored."
)
class RecordArticlePayload:
    article: Article | None = strawberry.field(
        description="The recorded article; null when userErrors say why not."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was written, one entry per problem; empty on success."
    )
    revision: int | None = strawberry.field(
        default=None,
        description="When body changed the archived text: the number the replaced text was "
        "kept under (see Article.revisions); null when the text did not change.",
    )
    reanchorings: list[Reanchoring] = strawberry.field(
        default_factory=list,
        description="When body changed the archived text: where each attribution went "
        "(EXACT, FUZZY or ORPHANED); empty when the text did not change.",
    )
    unanchored_ids: strawberry.Private[list[int]] = dataclasses.field(default_factory=list)

    @field(
        description="The attributions whose words could not be placed with confidence in the "
        "new body: they are now ORPHANED (no span) and need a person to place them again or "
        "remove them. Empty when every attribution was re-anchored or the text did not change."
    )
    async def unanchored(self, info: Info) -> list[Attribution]:
        rows = await info.context.loaders.attribution.load_many(self.unanchored_ids)
        return [Attribution.from_model(row) for row in rows if row is not None]


@strawberry.type
class ArticleMutations:
    @field(
        description="Record an article (archived or citation-only); the same input twice "
        "changes nothing."
    )
    async def record_article(
        self, info: Info, input: Annotated[RecordArticleInput, INPUT]
    ) -> RecordArticlePayload:
        async def work(session: AsyncSession, _grant: Grant) -> records.RecordedArticle:
            outlet = (
                await records.outlet_by_slug(session, input.outlet_slug)
                if input.outlet_slug
                else None
            )
            recorded = await records.record_article(
                session,
                slug=input.slug,
                outlet_id=outlet.id if outlet else None,
                url=input.url,
                title=input.title,
                published_on=input.published_on,
                language=input.language,
                body=input.body,
                cited_as=input.cited_as,
            )
            return records.RecordedArticle(
                await fresh(session, recorded.article), recorded.revision
            )

        result = await perform(info, work)
        if isinstance(result, list):
            return RecordArticlePayload(article=None, user_errors=result)
        payload = RecordArticlePayload(article=Article.from_model(result.article), user_errors=[])
        if result.revision is not None:
            payload.revision = result.revision.revision
            payload.reanchorings = reanchorings(result.revision)
            payload.unanchored_ids = [r.attribution_id for r in result.revision.orphaned]
        return payload
