"""Mutations that judge an attribution: verify or dispute it, saying why."""

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
from provenance.api.types.editorial import Verdict
from provenance.api.types.nodes import database_id
from provenance.services import verdicts
from provenance.services.tokens import Grant


@strawberry.input(description="A verdict on an attribution and its reason.")
class JudgeAttributionInput:
    attribution: relay.GlobalID = strawberry.field(description="The attribution judged.")
    reason: str = strawberry.field(description="What was checked, or what is wrong.")


@strawberry.type(description="The judged attribution and the verdict, or why it failed.")
class VerdictPayload:
    attribution: Attribution | None = strawberry.field(
        description="The judged attribution, with its new status; null when userErrors say why not."
    )
    verdict: Verdict | None = strawberry.field(
        description="The recorded verdict; null when userErrors say why not."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was written, one entry per problem; empty on success."
    )


async def _judge(
    info: Info, input: JudgeAttributionInput, status: models.AttributionStatus
) -> VerdictPayload:
    async def work(
        session: AsyncSession, grant: Grant
    ) -> tuple[models.Attribution, models.AttributionVerdict]:
        attribution, verdict = await verdicts.judge_attribution(
            session,
            attribution_id=database_id(input.attribution, "Attribution", "attribution"),
            verdict=status,
            actor=grant.actor,
            reason=input.reason,
        )
        return await fresh(session, attribution), await fresh(session, verdict)

    result = await perform(info, work)
    if isinstance(result, list):
        return VerdictPayload(attribution=None, verdict=None, user_errors=result)
    attribution, verdict = result
    return VerdictPayload(
        attribution=Attribution.from_model(attribution),
        verdict=Verdict.from_model(verdict),
        user_errors=[],
    )


@strawberry.type
class VerdictMutations:
    @field(description="Say that an attribution was checked against its source and is right.")
    async def verify_attribution(
        self, info: Info, input: Annotated[JudgeAttributionInput, INPUT]
    ) -> VerdictPayload:
        return await _judge(info, input, models.AttributionStatus.VERIFIED)

    @field(description="Say that an attribution is doubtful or wrong, and why.")
    async def dispute_attribution(
        self, info: Info, input: Annotated[JudgeAttributionInput, INPUT]
    ) -> VerdictPayload:
        return await _judge(info, input, models.AttributionStatus.DISPUTED)
