"""Mutations that record an attribution (a quotation in an article) and its upstream."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from provenance import models
from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.mutations.payloads import INPUT, UserError, fresh, perform
from provenance.api.types.attribution import Attribution
from provenance.api.types.nodes import database_id
from provenance.services import records
from provenance.services.tokens import Grant


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
class AttributionMutations:
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
