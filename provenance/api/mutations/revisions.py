"""Revising an article's archived text: the old one is kept, attributions re-anchored."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from provenance import models
from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.mutations.payloads import INPUT, UserError, perform
from provenance.api.types.article import Article
from provenance.api.types.attribution import Attribution
from provenance.services import records
from provenance.services.revisions import RevisionResult, revise_article
from provenance.services.tokens import Grant


@strawberry.input(description="A new archived text for an article (a correction, an update).")
class ReviseArticleInput:
    article_slug: str = strawberry.field(description="The article whose text changed.")
    body: str = strawberry.field(description="The new text exactly as retrieved.")


@strawberry.type(description="Where one attribution went in the new text.")
class Reanchoring:
    method: models.ReanchorMethod = strawberry.field(
        description="How the attribution was placed in the new text."
    )
    confidence: float = strawberry.field(description="How sure the placement is, 0 to 1.")
    start: int | None = strawberry.field(description="New span start; null when orphaned.")
    end: int | None = strawberry.field(description="New span end; null when orphaned.")
    attribution_id: strawberry.Private[int]

    @field(description="The attribution, as it is now.")
    async def attribution(self, info: Info) -> Attribution:
        row = await info.context.loaders.attribution.load(self.attribution_id)
        assert row is not None
        return Attribution.from_model(row)


@strawberry.type(description="The revised article and what happened to its attributions.")
class ReviseArticlePayload:
    article: Article | None = strawberry.field(
        description="The article with its new text; null when userErrors say why not."
    )
    revision: int | None = strawberry.field(
        description="The number the replaced text was kept under; null when nothing changed."
    )
    reanchorings: list[Reanchoring] = strawberry.field(
        description="Where each of the article's attributions went in the new text."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was written, one entry per problem; empty on success."
    )


@strawberry.type
class RevisionMutations:
    @field(
        description="Replace an article's archived text, keeping the old one, and place each "
        "attribution again: exact words first, then similar words in a matching context; "
        "what cannot be placed with confidence becomes ORPHANED, never moved to a lookalike."
    )
    async def revise_article(
        self, info: Info, input: Annotated[ReviseArticleInput, INPUT]
    ) -> ReviseArticlePayload:
        async def work(
            session: AsyncSession, _grant: Grant
        ) -> tuple[models.Article, RevisionResult]:
            article = await records.article_by_slug(session, input.article_slug)
            result = await revise_article(session, article_id=article.id, body=input.body)
            await session.refresh(article)
            return article, result

        outcome = await perform(info, work)
        if isinstance(outcome, list):
            return ReviseArticlePayload(
                article=None, revision=None, reanchorings=[], user_errors=outcome
            )
        article, result = outcome
        return ReviseArticlePayload(
            article=Article.from_model(article),
            revision=result.revision,
            reanchorings=reanchorings(result),
            user_errors=[],
        )


def reanchorings(result: RevisionResult) -> list[Reanchoring]:
    """What a revision did to each attribution, as GraphQL objects."""
    return [
        Reanchoring(
            method=r.method,
            confidence=r.confidence,
            start=r.new_start,
            end=r.new_end,
            attribution_id=r.attribution_id,
        )
        for r in result.attributions
    ]
