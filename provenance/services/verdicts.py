"""Verifying and disputing attributions: a verdict, with who and why, and its history."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import InvalidInputError
from provenance.models import Attribution, AttributionStatus, AttributionVerdict
from provenance.services.records import attribution_by_id

VERDICTS = (AttributionStatus.VERIFIED, AttributionStatus.DISPUTED)


async def judge_attribution(
    session: AsyncSession,
    *,
    attribution_id: int,
    verdict: AttributionStatus,
    actor: str,
    reason: str,
) -> tuple[Attribution, AttributionVerdict]:
    """Record a verdict on an attribution and make it the attribution's status."""
    if verdict not in VERDICTS:
        raise InvalidInputError(
            f"{verdict!r} is not a verdict", field="verdict", hint="verified or disputed"
        )
    if not reason.strip():
        raise InvalidInputError(
            "a verdict needs its reason",
            field="reason",
            hint="say what was checked, or what is wrong",
        )
    if not actor.strip():
        raise InvalidInputError("a verdict needs the name of who gives it", field="actor")
    attribution = await attribution_by_id(session, attribution_id)
    row = AttributionVerdict(
        attribution_id=attribution.id, verdict=verdict.value, actor=actor, reason=reason
    )
    session.add(row)
    if attribution.status != verdict:
        attribution.status = verdict
    await session.flush()
    return attribution, row


async def verify_attribution(
    session: AsyncSession, *, attribution_id: int, actor: str, reason: str
) -> tuple[Attribution, AttributionVerdict]:
    """Say that an attribution was checked against its source and is right."""
    return await judge_attribution(
        session,
        attribution_id=attribution_id,
        verdict=AttributionStatus.VERIFIED,
        actor=actor,
        reason=reason,
    )


async def dispute_attribution(
    session: AsyncSession, *, attribution_id: int, actor: str, reason: str
) -> tuple[Attribution, AttributionVerdict]:
    """Say that an attribution is doubtful or wrong, and why."""
    return await judge_attribution(
        session,
        attribution_id=attribution_id,
        verdict=AttributionStatus.DISPUTED,
        actor=actor,
        reason=reason,
    )


async def verdicts_of(
    session: AsyncSession, *, attribution_id: int
) -> Sequence[AttributionVerdict]:
    """The verdicts given on an attribution, oldest first."""
    query = (
        select(AttributionVerdict)
        .where(AttributionVerdict.attribution_id == attribution_id)
        .order_by(AttributionVerdict.id)
    )
    return list(await session.scalars(query))


async def verdicts_of_many(
    session: AsyncSession, *, attribution_ids: Sequence[int]
) -> list[list[AttributionVerdict]]:
    """The verdicts of several attributions (one statement), each list oldest first."""
    query = (
        select(AttributionVerdict)
        .where(AttributionVerdict.attribution_id.in_(attribution_ids))
        .order_by(AttributionVerdict.id)
    )
    found: dict[int, list[AttributionVerdict]] = {i: [] for i in attribution_ids}
    for row in await session.scalars(query):
        found[row.attribution_id].append(row)
    return [found[i] for i in attribution_ids]
