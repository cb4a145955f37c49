"""Mutations on speakers: create, add an alias, merge two, undo a merge."""

from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from provenance import models
from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.mutations.payloads import UserError, fresh, perform
from provenance.api.types.editorial import SpeakerMerge
from provenance.api.types.speaker import Speaker
from provenance.services import records, speakers
from provenance.services.tokens import Grant


@strawberry.input(description="A name or role description articles use for a speaker.")
class AliasInput:
    alias: str
    kind: models.AliasKind


@strawberry.input(
    description="A new speaker. The same input twice changes nothing; a "
    "different speaker with the same slug is refused."
)
class CreateSpeakerInput:
    slug: str
    name: str
    kind: models.SpeakerKind
    description: str | None = None
    outlet_slug: str | None = strawberry.field(
        default=None, description="For kind OUTLET: the outlet that speaks."
    )
    aliases: list[AliasInput] = strawberry.field(default_factory=list)


@strawberry.input(description="One more name or role for a speaker.")
class AddSpeakerAliasInput:
    speaker_slug: str
    alias: str
    kind: models.AliasKind


@strawberry.type(description="The speaker, or why the change did not happen.")
class SpeakerPayload:
    speaker: Speaker | None
    user_errors: list[UserError]


@strawberry.input(description="Two speaker rows that are one speaker.")
class MergeSpeakersInput:
    survivor_slug: str = strawberry.field(description="The speaker that remains.")
    absorbed_slug: str = strawberry.field(description="The speaker folded into it.")
    reason: str | None = strawberry.field(default=None, description="Why they are one.")


@strawberry.input(description="A merge to undo.")
class UndoMergeInput:
    merge_id: int = strawberry.field(description="The mergeId a mergeSpeakers payload gave.")


@strawberry.type(description="The merge and the speaker it concerns, or why it failed.")
class MergePayload:
    merge: SpeakerMerge | None
    speaker: Speaker | None = strawberry.field(
        description="mergeSpeakers: the survivor; undoMerge: the restored speaker."
    )
    user_errors: list[UserError]


def _speaker_payload(result: models.Speaker | list[UserError]) -> SpeakerPayload:
    if isinstance(result, list):
        return SpeakerPayload(speaker=None, user_errors=result)
    return SpeakerPayload(speaker=Speaker.from_model(result), user_errors=[])


def _merge_payload(
    result: tuple[models.SpeakerMerge, models.Speaker] | list[UserError],
) -> MergePayload:
    if isinstance(result, list):
        return MergePayload(merge=None, speaker=None, user_errors=result)
    merge, speaker = result
    return MergePayload(
        merge=SpeakerMerge.from_model(merge), speaker=Speaker.from_model(speaker), user_errors=[]
    )


@strawberry.type
class SpeakerMutations:
    @field(description="Create a speaker, with the aliases articles use for them.")
    async def create_speaker(self, info: Info, input: CreateSpeakerInput) -> SpeakerPayload:
        async def work(session: AsyncSession, _grant: Grant) -> models.Speaker:
            speaker = await speakers.create_speaker(
                session,
                slug=input.slug,
                name=input.name,
                kind=input.kind,
                description=input.description,
                outlet_slug=input.outlet_slug,
                aliases=[(a.alias, a.kind) for a in input.aliases],
            )
            return await fresh(session, speaker)

        return _speaker_payload(await perform(info, work))

    @field(description="Give a speaker one more name or role as articles print it.")
    async def add_speaker_alias(self, info: Info, input: AddSpeakerAliasInput) -> SpeakerPayload:
        async def work(session: AsyncSession, _grant: Grant) -> models.Speaker:
            await speakers.add_speaker_alias(
                session, speaker_slug=input.speaker_slug, alias=input.alias, kind=input.kind
            )
            return await records.speaker_by_slug(session, input.speaker_slug)

        return _speaker_payload(await perform(info, work))

    @field(
        description="Fold one speaker into another: quotations, attributions and aliases "
        "move to the survivor. undoMerge reverses it."
    )
    async def merge_speakers(self, info: Info, input: MergeSpeakersInput) -> MergePayload:
        async def work(
            session: AsyncSession, grant: Grant
        ) -> tuple[models.SpeakerMerge, models.Speaker]:
            merge = await speakers.merge_speakers(
                session,
                survivor_slug=input.survivor_slug,
                absorbed_slug=input.absorbed_slug,
                actor=grant.actor,
                reason=input.reason,
            )
            return merge, await records.speaker_by_slug(session, input.survivor_slug)

        return _merge_payload(await perform(info, work))

    @field(
        description="Undo a speaker merge from the audit history, if nothing it moved "
        "has changed since."
    )
    async def undo_merge(self, info: Info, input: UndoMergeInput) -> MergePayload:
        async def work(
            session: AsyncSession, grant: Grant
        ) -> tuple[models.SpeakerMerge, models.Speaker]:
            merge = await speakers.undo_merge(session, merge_id=input.merge_id, actor=grant.actor)
            return merge, await records.speaker_by_slug(session, merge.absorbed_slug)

        return _merge_payload(await perform(info, work))
