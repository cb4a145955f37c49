"""Speakers as people manage them: create, name (aliases), merge two into one, undo a merge.

Recording a speaker from a seed or an import is an upsert (records.upsert_speaker); these
functions are the deliberate acts of an editor, so they refuse what looks like a mistake.
The caller owns the transaction (see transactions.write) and names the actor.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import AlreadyExistsError, InvalidInputError, NotFoundError
from provenance.models import (
    AliasKind,
    Attribution,
    Quotation,
    Speaker,
    SpeakerAlias,
    SpeakerKind,
    SpeakerMerge,
)
from provenance.services import records
from provenance.services.history import current_transaction_id, undo_transaction


async def create_speaker(
    session: AsyncSession,
    *,
    slug: str,
    name: str,
    kind: SpeakerKind,
    description: str | None = None,
    outlet_slug: str | None = None,
    aliases: list[tuple[str, AliasKind]] | None = None,
) -> Speaker:
    """Create a speaker; the same request again returns it, a different one is refused."""
    if not name.strip():
        raise InvalidInputError("a speaker needs a name", field="name")
    outlet_id = (await records.outlet_by_slug(session, outlet_slug)).id if outlet_slug else None
    existing = await session.scalar(select(Speaker).where(Speaker.slug == slug))
    if existing is not None and (
        existing.name,
        existing.kind,
        existing.description,
        existing.outlet_id,
    ) != (name, kind, description, outlet_id):
        raise AlreadyExistsError(
            f"speaker {slug!r} exists already, as {existing.name!r} ({existing.kind})",
            field="slug",
            hint="choose another slug, or merge the two speakers if they are one",
        )
    return await records.upsert_speaker(
        session,
        slug=slug,
        name=name,
        kind=kind,
        description=description,
        outlet_id=outlet_id,
        aliases=aliases or [],
    )


async def add_speaker_alias(
    session: AsyncSession, *, speaker_slug: str, alias: str, kind: AliasKind
) -> SpeakerAlias:
    """Give a speaker one more name or role as articles print it (idempotent)."""
    if not alias.strip():
        raise InvalidInputError("the alias is empty", field="alias")
    speaker = await records.speaker_by_slug(session, speaker_slug)
    row = await session.scalar(
        select(SpeakerAlias).where(
            SpeakerAlias.speaker_id == speaker.id, SpeakerAlias.alias == alias
        )
    )
    if row is None:
        row = SpeakerAlias(speaker_id=speaker.id, alias=alias, kind=kind)
        session.add(row)
    elif row.kind != kind:
        row.kind = kind
    await session.flush()
    return row


async def merge_speakers(
    session: AsyncSession,
    *,
    survivor_slug: str,
    absorbed_slug: str,
    actor: str,
    reason: str | None = None,
) -> SpeakerMerge:
    """Fold one speaker into another: its quotations, attributions and aliases move over."""
    if survivor_slug == absorbed_slug:
        raise InvalidInputError("a speaker cannot be merged into itself", field="absorbed")
    survivor = await records.speaker_by_slug(session, survivor_slug)
    try:
        absorbed = await records.speaker_by_slug(session, absorbed_slug)
    except NotFoundError as error:
        error.field = "absorbed"
        raise
    for model in (Quotation, Attribution):
        await session.execute(
            update(model)
            .where(model.speaker_id == absorbed.id)
            .values(speaker_id=survivor.id)
            .execution_options(synchronize_session=False)
        )
    survivor_aliases = set(
        await session.scalars(
            select(SpeakerAlias.alias).where(SpeakerAlias.speaker_id == survivor.id)
        )
    )
    absorbed_aliases = list(
        await session.scalars(select(SpeakerAlias).where(SpeakerAlias.speaker_id == absorbed.id))
    )
    for alias in absorbed_aliases:
        if alias.alias in survivor_aliases:
            await session.delete(alias)
        else:
            alias.speaker_id = survivor.id
            survivor_aliases.add(alias.alias)
    await session.flush()
    if absorbed.name not in survivor_aliases:
        # The absorbed speaker's display name still identifies the survivor in articles.
        alias_kind = AliasKind.ROLE if absorbed.kind == SpeakerKind.UNNAMED else AliasKind.NAME
        session.add(SpeakerAlias(speaker_id=survivor.id, alias=absorbed.name, kind=alias_kind))
    absorbed_id = absorbed.id
    await session.execute(delete(Speaker).where(Speaker.id == absorbed_id))
    session.expunge(absorbed)
    merge = SpeakerMerge(
        survivor_id=survivor.id,
        survivor_slug=survivor.slug,
        absorbed_id=absorbed_id,
        absorbed_slug=absorbed_slug,
        actor=actor,
        reason=reason,
        transaction_id=await current_transaction_id(session),
    )
    session.add(merge)
    await session.flush()
    # The bulk UPDATEs bypassed the identity map: reload whatever the caller reads next.
    session.expire_all()
    await session.refresh(merge)
    return merge


async def undo_merge(session: AsyncSession, *, merge_id: int, actor: str) -> SpeakerMerge:
    """Restore the absorbed speaker of a merge and move back everything the merge moved."""
    merge = await session.get(SpeakerMerge, merge_id, with_for_update=True)
    if merge is None:
        raise NotFoundError(f"no speaker merge with id {merge_id}", field="mergeId")
    if merge.undone_at is not None:
        raise InvalidInputError(
            f"merge {merge_id} was undone already, at {merge.undone_at:%Y-%m-%d %H:%M} UTC",
            field="mergeId",
        )
    await undo_transaction(session, transaction_id=merge.transaction_id)
    merge.undone_at = await session.scalar(select(func.now()))
    merge.undone_by = actor
    await session.flush()
    session.expire_all()
    await session.refresh(merge)
    return merge


async def merges_into(
    session: AsyncSession, *, survivor_ids: Sequence[int]
) -> list[list[SpeakerMerge]]:
    """The merges each speaker survived (one statement), newest first."""
    query = (
        select(SpeakerMerge)
        .where(SpeakerMerge.survivor_id.in_(survivor_ids))
        .order_by(SpeakerMerge.id.desc())
    )
    found: dict[int, list[SpeakerMerge]] = {i: [] for i in survivor_ids}
    for row in await session.scalars(query):
        if row.survivor_id is not None:
            found[row.survivor_id].append(row)
    return [found[i] for i in survivor_ids]
