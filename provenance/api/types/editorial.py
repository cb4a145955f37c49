"""Editors' records on nodes: verdicts on an attribution, merges a speaker absorbed."""

from __future__ import annotations

import weakref
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from provenance import models
from provenance.api.context import Info
from provenance.api.loaders import Loaders
from provenance.services import speakers, verdicts


@strawberry.type(description="A verdict: who checked an attribution, when, and why.")
class Verdict:
    verdict: models.AttributionStatus = strawberry.field(description="VERIFIED or DISPUTED.")
    actor: str = strawberry.field(description="Who gave it (the API token's name, a CLI user).")
    reason: str = strawberry.field(description="What was checked, or what is wrong.")
    at: datetime = strawberry.field(description="When the verdict was given.")

    @classmethod
    def from_model(cls, row: models.AttributionVerdict) -> Verdict:
        return cls(
            verdict=models.AttributionStatus(row.verdict),
            actor=row.actor,
            reason=row.reason,
            at=row.created_at,
        )


@strawberry.type(description="A merge of one speaker into another, undoable from history.")
class SpeakerMerge:
    merge_id: int = strawberry.field(description="What undoMerge takes.")
    survivor_slug: str = strawberry.field(description="The speaker that remains.")
    absorbed_slug: str = strawberry.field(
        description="The speaker folded into it (its slug still resolves to the survivor)."
    )
    actor: str = strawberry.field(description="Who merged them, as recorded in the audit history.")
    reason: str | None = strawberry.field(description="Why, as given by whoever merged them.")
    merged_at: datetime = strawberry.field(description="When they were merged.")
    undone_at: datetime | None = strawberry.field(
        description="When the merge was undone; null while it stands."
    )
    undone_by: str | None = strawberry.field(
        description="Who undid the merge; null while it stands."
    )

    @classmethod
    def from_model(cls, row: models.SpeakerMerge) -> SpeakerMerge:
        return cls(
            merge_id=row.id,
            survivor_slug=row.survivor_slug,
            absorbed_slug=row.absorbed_slug,
            actor=row.actor,
            reason=row.reason,
            merged_at=row.created_at,
            undone_at=row.undone_at,
            undone_by=row.undone_by,
        )


Fetch = Callable[[AsyncSession, Sequence[int]], Awaitable[list[list[Any]]]]
# One dataloader per request and kind, so that a page of nodes costs one statement.
_LOADERS: weakref.WeakKeyDictionary[Loaders, dict[str, DataLoader[int, list[Any]]]]
_LOADERS = weakref.WeakKeyDictionary()


def _loader(info: Info, kind: str, fetch: Fetch) -> DataLoader[int, list[Any]]:
    loaders = info.context.loaders
    per_kind = _LOADERS.setdefault(loaders, {})
    if kind not in per_kind:

        async def load(ids: list[int]) -> list[list[Any]]:
            return await loaders.run(fetch, ids)

        per_kind[kind] = DataLoader(load_fn=load)
    return per_kind[kind]


async def verdicts_field(info: Info, *, attribution_id: int) -> list[Verdict]:
    """The resolver of Attribution.verdicts."""
    loader = _loader(
        info,
        "verdicts",
        lambda s, ids: verdicts.verdicts_of_many(s, attribution_ids=ids),
    )
    return [Verdict.from_model(row) for row in await loader.load(attribution_id)]


async def merges_field(info: Info, *, speaker_id: int) -> list[SpeakerMerge]:
    """The resolver of Speaker.merges."""
    loader = _loader(info, "merges", lambda s, ids: speakers.merges_into(s, survivor_ids=ids))
    return [SpeakerMerge.from_model(row) for row in await loader.load(speaker_id)]
