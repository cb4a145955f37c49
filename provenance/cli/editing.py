"""`provenance speaker`, `provenance attribution`, `provenance history`: editors' acts."""

from __future__ import annotations

import json

import click
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.cli.database import database_target, in_session
from provenance.cli.writing import actor_option, write_once
from provenance.models import AUDITED_TABLES, HistoryEntry, SpeakerMerge
from provenance.services import history as history_service
from provenance.services import speakers, verdicts


@click.group()
def speaker() -> None:
    """Merge two speaker rows that are one speaker, or undo such a merge."""


@speaker.command()
@click.argument("survivor")
@click.argument("absorbed")
@click.option("--reason", help="Why they are one speaker (kept with the merge).")
@actor_option
def merge(survivor: str, absorbed: str, reason: str | None, actor: str) -> None:
    """Fold speaker ABSORBED into SURVIVOR (slugs): quotations, attributions, aliases move."""

    async def work(session: AsyncSession) -> SpeakerMerge:
        return await speakers.merge_speakers(
            session, survivor_slug=survivor, absorbed_slug=absorbed, actor=actor, reason=reason
        )

    with database_target() as target:
        done = write_once(target.url, work, actor=actor)
    click.echo(
        f"Merged {absorbed} into {survivor} (merge {done.id}); "
        f"undo with `provenance speaker undo-merge {done.id}`."
    )


@speaker.command("undo-merge")
@click.argument("merge_id", type=int)
@actor_option
def undo_merge(merge_id: int, actor: str) -> None:
    """Restore the speaker a merge absorbed, and move back what the merge moved."""

    async def work(session: AsyncSession) -> SpeakerMerge:
        return await speakers.undo_merge(session, merge_id=merge_id, actor=actor)

    with database_target() as target:
        undone = write_once(target.url, work, actor=actor)
    click.echo(f"Undid merge {undone.id}: {undone.absorbed_slug} is a speaker of its own again.")


@speaker.command()
def merges() -> None:
    """List the speaker merges, newest first."""

    async def work(session: AsyncSession) -> list[SpeakerMerge]:
        return list(await session.scalars(select(SpeakerMerge).order_by(SpeakerMerge.id.desc())))

    with database_target() as target:
        rows = in_session(target.url, work)
    for row in rows:
        state = f"undone by {row.undone_by}" if row.undone_at else "standing"
        click.echo(
            f"{row.id:>4}  {row.absorbed_slug} -> {row.survivor_slug}  by {row.actor} "
            f"{row.created_at:%Y-%m-%d %H:%M}  {state}  {row.reason or ''}".rstrip()
        )


@click.group()
def attribution() -> None:
    """Verify or dispute an attribution, with your reason."""


def _judge(attribution_id: int, reason: str, actor: str, *, verified: bool) -> None:
    judge = verdicts.verify_attribution if verified else verdicts.dispute_attribution

    async def work(session: AsyncSession) -> str:
        judged, _ = await judge(session, attribution_id=attribution_id, actor=actor, reason=reason)
        return judged.status

    with database_target() as target:
        status = write_once(target.url, work, actor=actor)
    click.echo(f"Attribution {attribution_id} is now {status}.")


@attribution.command()
@click.argument("attribution_id", type=int)
@click.option("--reason", required=True, help="What you checked it against.")
@actor_option
def verify(attribution_id: int, reason: str, actor: str) -> None:
    """Mark an attribution as checked against its source and right."""
    _judge(attribution_id, reason, actor, verified=True)


@attribution.command()
@click.argument("attribution_id", type=int)
@click.option("--reason", required=True, help="What is doubtful or wrong.")
@actor_option
def dispute(attribution_id: int, reason: str, actor: str) -> None:
    """Mark an attribution as doubtful or wrong."""
    _judge(attribution_id, reason, actor, verified=False)


@click.command()
@click.argument("table", type=click.Choice(AUDITED_TABLES))
@click.argument("row_id", type=int)
def history(table: str, row_id: int) -> None:
    """Print the recorded changes of one row: when, who, what, before -> after."""

    async def work(session: AsyncSession) -> list[HistoryEntry]:
        return list(await history_service.history_of(session, table=table, row_id=row_id))

    with database_target() as target:
        entries = in_session(target.url, work)
    if not entries:
        click.echo(f"No recorded change of {table} {row_id}.")
    for entry in entries:
        before, after = entry.before or {}, entry.after or {}
        changed = {k: [before.get(k), after.get(k)] for k in {*before, *after}}
        changed = {k: v for k, v in sorted(changed.items()) if v[0] != v[1]}
        click.echo(f"{entry.at:%Y-%m-%d %H:%M:%S}  {entry.actor}  {entry.operation}")
        for name, (old, new) in changed.items():
            click.echo(
                f"    {name}: {json.dumps(old, ensure_ascii=False)} -> "
                f"{json.dumps(new, ensure_ascii=False)}"
            )
