"""Mutations on speakers: create, add an alias, merge two, undo a merge."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from provenance import models
from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.mutations.payloads import INPUT, UserError, fresh, perform
from provenance.api.types.editorial import SpeakerMerge
from provenance.api.types.speaker import Speaker
from provenance.services import records, speakers
from provenance.services.tokens import Grant


@strawberry.input(description="A name or role description articles use for a speaker.")
class AliasInput:
    alias: str = strawberry.field(description="The name or role description as articles print it.")
    kind: models.AliasKind = strawberry.field(
        description="Whether the alias is a name or a role description."
    )


@strawberry.input(
    description="A new speaker. The same input twice changes nothing; a "
    "different speaker with the same slug is refused."
)
class CreateSpeakerInput:
    slug: str = strawberry.field(description="A stable readable key (lower case, hyphens).")
    name: str = strawberry.field(description="The name to show, as the speaker is best known.")
    kind: models.SpeakerKind = strawberry.field(description="What kind of source the speaker is.")
    description: str | None = strawberry.field(
        default=None, description='A role or description ("US Department of Defense spokesman").'
    )
    outlet_slug: str | None = strawberry.field(
        default=None, description="For kind OUTLET: the outlet that speaks."
    )
    aliases: list[AliasInput] = strawberry.field(
        default_factory=list,
        description="Other names and role descriptions articles use for the speaker.",
    )


@strawberry.input(description="One more name or role for a speaker.")
class AddSpeakerAliasInput:
    speaker_slug: str = strawberry.field(description="The speaker to add the alias to.")
    alias: str = strawberry.field(description="The name or role description as articles print it.")
    kind: models.AliasKind = strawberry.field(
        description="Whether the alias is a name or a role description."
    )


@strawberry.type(description="The speaker, or why the change did not happen.")
class SpeakerPayload:
    speaker: Speaker | None = strawberry.field(
        description="The created or changed speaker; null when userErrors say why not."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was written, one entry per problem; empty on success."
    )


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
    merge: SpeakerMerge | None = strawberry.field(
        description="The merge as recorded in the audit history; null when userErrors say why not."
    )
    speaker: Speaker | None = strawberry.field(
        description="The survivor for mergeSpeakers; the restored speaker for undoMerge."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was written, one entry per problem; empty on success."
    )


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
    async def create_speaker(
        self, info: Info, input: Annotated[CreateSpeakerInput, INPUT]
    ) -> SpeakerPayload:
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
    async def add_speaker_alias(
        self, info: Info, input: Annotated[AddSpeakerAliasInput, INPUT]
    ) -> SpeakerPayload:
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
    async def merge_speakers(
        self, info: Info, input: Annotated[MergeSpeakersInput, INPUT]
    ) -> MergePayload:
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
    async def undo_merge(self, info: Info, input: Annotated[UndoMergeInput, INPUT]) -> MergePayload:
        async def work(
            session: AsyncSession, grant: Grant
        ) -> tuple[models.SpeakerMerge, models.Speaker]:
            merge = await speakers.undo_merge(session, merge_id=input.merge_id, actor=grant.actor)
            return merge, await records.speaker_by_slug(session, merge.absorbed_slug)

        return _merge_payload(await perform(info, work))
