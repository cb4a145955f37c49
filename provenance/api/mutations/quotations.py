"""Mutations that record a quotation: what was said, once."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from provenance import models
from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.mutations.payloads import INPUT, UserError, fresh, perform
from provenance.api.types.quotation import Quotation
from provenance.services import records
from provenance.services.tokens import Grant


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


@strawberry.type
class QuotationMutations:
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
