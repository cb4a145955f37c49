"""Mutations that record what was published: articles, quotations, attributions, relays."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from provenance import models
from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.mutations.payloads import INPUT, UserError, fresh, perform
from provenance.api.mutations.revisions import Reanchoring, reanchorings
from provenance.api.types.article import Article
from provenance.api.types.attribution import Attribution
from provenance.api.types.nodes import database_id
from provenance.api.types.quotation import Quotation
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


@strawberry.input(description="A statement as it was said, once.")
class RecordQuotationInput:
    slug: str = strawberry.field(
        description="A stable readable key (lower case, hyphens), to refer to it later."
    )
    speaker_slug: str = strawberry.field(description="Who said it.")
    text: str = strawberry.field(description="The best-known original wording.")
    language: str | None = strawberry.field(
        default=None,
        description="The language the words were said in (BCP 47, e.g. en, tr), when known.",
    )


@strawberry.type(description="The recorded quotation, or why it was not recorded.")
class RecordQuotationPayload:
    quotation: Quotation | None = strawberry.field(
        description="The recorded quotation; null when userErrors say why not."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was written, one entry per problem; empty on success."
    )


@strawberry.input(description="An editorial change the article made to the quoted words.")
class MarkerInput:
    kind: models.MarkerKind = strawberry.field(description="Which editorial change.")
    text: str | None = strawberry.field(
        default=None, description="The marker as printed; found in the attribution's text."
    )
    position: int | None = strawberry.field(
        default=None, description="Where text starts, when it occurs more than once."
    )
    note: str | None = strawberry.field(
        default=None,
        description="Free text, e.g. what an elision left out or the language translated from.",
    )


@strawberry.input(
    description="One appearance of a quotation in an article. Give the words exactly as "
    "printed: the server finds their span, and refuses words that are not in the article "
    "or that occur more than once unless start says which."
)
class RecordAttributionInput:
    article_slug: str = strawberry.field(description="The article the words appear in.")
    quotation_slug: str = strawberry.field(description="The quotation the words render.")
    kind: models.AttributionKind = strawberry.field(
        description="How the article presents the words."
    )
    text: str | None = strawberry.field(
        default=None, description="The words as printed, quotation marks excluded."
    )
    start: int | None = strawberry.field(
        default=None, description="Start offset of the words in the body, if ambiguous."
    )
    speaker_slug: str | None = strawberry.field(
        default=None, description="The speaker the article names; default: the quotation's."
    )
    speaker_label: str | None = strawberry.field(
        default=None,
        description='The speaker exactly as the article names them ("he", "the former spokesman").',
    )
    cue: str | None = strawberry.field(
        default=None,
        description='The words that introduce the quotation ("told Anadolu Agency", '
        '"according to the BBC").',
    )
    upstream: relay.GlobalID | None = strawberry.field(
        default=None, description="The attribution this one was taken from."
    )
    markers: list[MarkerInput] = strawberry.field(
        default_factory=list, description="Editorial changes the article made to the words."
    )


@strawberry.type(description="The recorded attribution, or why it was not recorded.")
class AttributionPayload:
    attribution: Attribution | None = strawberry.field(
        description="The recorded or changed attribution; null when userErrors say why not."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was written, one entry per problem; empty on success."
    )


@strawberry.input(description="Which attribution another was taken from (null: none).")
class LinkUpstreamInput:
    attribution: relay.GlobalID = strawberry.field(
        description="The attribution that took the words from another."
    )
    upstream: relay.GlobalID | None = strawberry.field(
        default=None, description="The attribution it took them from (same quotation; no cycles)."
    )


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

    @field(description="Record a quotation (what was said, once).")
    async def record_quotation(
        self, info: Info, input: Annotated[RecordQuotationInput, INPUT]
    ) -> RecordQuotationPayload:
        async def work(session: AsyncSession, _grant: Grant) -> models.Quotation:
            speaker = await records.speaker_by_slug(session, input.speaker_slug)
            quotation = await records.upsert_quotation(
                session,
                slug=input.slug,
                speaker_id=speaker.id,
                text=input.text,
                language=input.language,
            )
            return await fresh(session, quotation)

        result = await perform(info, work)
        if isinstance(result, list):
            return RecordQuotationPayload(quotation=None, user_errors=result)
        return RecordQuotationPayload(quotation=Quotation.from_model(result), user_errors=[])

    @field(description="Record one appearance of a quotation in an article, by its words.")
    async def record_attribution(
        self, info: Info, input: Annotated[RecordAttributionInput, INPUT]
    ) -> AttributionPayload:
        async def work(session: AsyncSession, _grant: Grant) -> models.Attribution:
            article = await records.article_by_slug(session, input.article_slug)
            quotation = await records.quotation_by_slug(session, input.quotation_slug)
            speaker = (
                await records.speaker_by_slug(session, input.speaker_slug)
                if input.speaker_slug
                else None
            )
            attribution = await records.record_attribution(
                session,
                article=article,
                quotation=quotation,
                kind=input.kind,
                text=input.text,
                start=input.start,
                speaker_id=speaker.id if speaker else None,
                speaker_label=input.speaker_label,
                cue=input.cue,
                upstream_id=database_id(input.upstream, "Attribution", "upstream")
                if input.upstream
                else None,
                markers=[
                    records.MarkerInput(m.kind, m.text, m.position, m.note) for m in input.markers
                ],
            )
            return await fresh(session, attribution)

        return _attribution_payload(await perform(info, work))

    @field(description="Say which attribution another was taken from, or that it was not.")
    async def link_upstream(
        self, info: Info, input: Annotated[LinkUpstreamInput, INPUT]
    ) -> AttributionPayload:
        async def work(session: AsyncSession, _grant: Grant) -> models.Attribution:
            attribution = await records.link_upstream(
                session,
                attribution_id=database_id(input.attribution, "Attribution", "attribution"),
                upstream_id=database_id(input.upstream, "Attribution", "upstream")
                if input.upstream
                else None,
            )
            return await fresh(session, attribution)

        return _attribution_payload(await perform(info, work))


def _attribution_payload(result: models.Attribution | list[UserError]) -> AttributionPayload:
    if isinstance(result, list):
        return AttributionPayload(attribution=None, user_errors=result)
    return AttributionPayload(attribution=Attribution.from_model(result), user_errors=[])
