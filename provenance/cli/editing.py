"""`provenance speaker`, `provenance attribution`, `provenance history`: editors' acts.

Every id argument takes what the API shows (a global id), the slug where there is one, or
the row number; listings print global ids and have ``--json``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from provenance.cli.ids import NODE_TABLES, global_id, row_id, slug, table_row
from provenance.cli.target import database_target, in_session
from provenance.cli.writing import actor_option, write_once

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from provenance.models import HistoryEntry, SpeakerMerge

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _merge_json(row: SpeakerMerge) -> dict[str, Any]:
    return {
        "mergeId": row.id,
        "survivor": global_id("Speaker", row.survivor_id) if row.survivor_id else None,
        "survivorSlug": row.survivor_slug,
        "absorbed": global_id("Speaker", row.absorbed_id),
        "absorbedSlug": row.absorbed_slug,
        "actor": row.actor,
        "reason": row.reason,
        "createdAt": _when(row.created_at),
        "undoneAt": _when(row.undone_at),
        "undoneBy": row.undone_by,
    }


@click.group()
def speaker() -> None:
    """Merge two speaker rows that are one speaker, list or undo merges."""


@speaker.command()
@click.argument("survivor")
@click.argument("absorbed")
@click.option("--reason", help="Why they are one speaker (kept with the merge).")
@actor_option
@json_option
def merge(survivor: str, absorbed: str, reason: str | None, actor: str, as_json: bool) -> None:
    """Fold speaker ABSORBED into SURVIVOR (global ids or slugs): quotations, attributions,
    aliases move."""
    from provenance.services import speakers

    async def work(session: AsyncSession) -> SpeakerMerge:
        return await speakers.merge_speakers(
            session,
            survivor_slug=await slug(session, "Speaker", survivor),
            absorbed_slug=await slug(session, "Speaker", absorbed),
            actor=actor,
            reason=reason,
        )

    with database_target() as target:
        done = write_once(target.url, work, actor=actor)
    if as_json:
        click.echo(json.dumps(_merge_json(done), ensure_ascii=False))
        return
    click.echo(
        f"Merged {done.absorbed_slug} into {done.survivor_slug} (merge {done.id}); "
        f"undo with `provenance speaker undo-merge {done.id}`."
    )


@speaker.command("undo-merge")
@click.argument("merge_id", type=int)
@actor_option
def undo_merge(merge_id: int, actor: str) -> None:
    """Restore the speaker merge MERGE_ID absorbed (the mergeId the API and `merges` show)."""
    from provenance.services import speakers

    async def work(session: AsyncSession) -> SpeakerMerge:
        return await speakers.undo_merge(session, merge_id=merge_id, actor=actor)

    with database_target() as target:
        undone = write_once(target.url, work, actor=actor)
    click.echo(f"Undid merge {undone.id}: {undone.absorbed_slug} is a speaker of its own again.")


@speaker.command()
@json_option
def merges(as_json: bool) -> None:
    """List the speaker merges, newest first: merge id, absorbed -> survivor, who, when."""
    from sqlalchemy import select

    from provenance.models import SpeakerMerge

    async def work(session: AsyncSession) -> list[SpeakerMerge]:
        return list(await session.scalars(select(SpeakerMerge).order_by(SpeakerMerge.id.desc())))

    with database_target() as target:
        rows = in_session(target.url, work)
    if as_json:
        click.echo(json.dumps([_merge_json(row) for row in rows], ensure_ascii=False, indent=2))
        return
    for row in rows:
        state = f"undone by {row.undone_by}" if row.undone_at else "standing"
        click.echo(
            f"{row.id:>4}  {row.absorbed_slug} ({global_id('Speaker', row.absorbed_id)}) -> "
            f"{row.survivor_slug}  by {row.actor} {row.created_at:%Y-%m-%d %H:%M}  {state}  "
            f"{row.reason or ''}".rstrip()
        )


@click.group()
def attribution() -> None:
    """Verify or dispute an attribution, with your reason."""


def _judge(attribution: str, reason: str, actor: str, *, verified: bool, as_json: bool) -> None:
    from provenance.services import verdicts

    judge = verdicts.verify_attribution if verified else verdicts.dispute_attribution

    async def work(session: AsyncSession) -> tuple[int, str]:
        number = await row_id(session, "Attribution", attribution)
        judged, _ = await judge(session, attribution_id=number, actor=actor, reason=reason)
        return number, judged.status

    with database_target() as target:
        number, status = write_once(target.url, work, actor=actor)
    identifier = global_id("Attribution", number)
    if as_json:
        click.echo(json.dumps({"id": identifier, "status": status}))
    else:
        click.echo(f"Attribution {identifier} ({number}) is now {status}.")


@attribution.command()
@click.argument("attribution")
@click.option("--reason", required=True, help="What you checked it against.")
@actor_option
@json_option
def verify(attribution: str, reason: str, actor: str, as_json: bool) -> None:
    """Mark ATTRIBUTION (its global id, or number) as checked against its source and right."""
    _judge(attribution, reason, actor, verified=True, as_json=as_json)


@attribution.command()
@click.argument("attribution")
@click.option("--reason", required=True, help="What is doubtful or wrong.")
@actor_option
@json_option
def dispute(attribution: str, reason: str, actor: str, as_json: bool) -> None:
    """Mark ATTRIBUTION (its global id, or number) as doubtful or wrong."""
    _judge(attribution, reason, actor, verified=False, as_json=as_json)


def _changes(entry: HistoryEntry) -> dict[str, list[Any]]:
    before, after = entry.before or {}, entry.after or {}
    changed = {k: [before.get(k), after.get(k)] for k in {*before, *after}}
    return {k: v for k, v in sorted(changed.items()) if v[0] != v[1]}


@click.command()
@click.argument("row", nargs=-1, required=True)
@json_option
def history(row: tuple[str, ...], as_json: bool) -> None:
    """Print the recorded changes of one row: when, who, what, before -> after.

    ROW is a global id (`history QXR0cmlidXRpb246MQ==`), or TABLE and the row's number or
    slug (`history speakers talal-silo`). TABLE is one of the audited tables.
    """
    from provenance.models import AUDITED_TABLES
    from provenance.services import history as history_service

    if len(row) > 2:
        raise click.UsageError("give a global id, or TABLE and an id")
    table = row[0] if len(row) == 2 else None
    if table is not None and table not in AUDITED_TABLES:
        raise click.BadParameter(
            f"{table!r} is not audited; one of: {', '.join(AUDITED_TABLES)}", param_hint="TABLE"
        )

    async def work(session: AsyncSession) -> tuple[str, int, list[HistoryEntry]]:
        name, number = await table_row(session, table, row[-1])
        entries = await history_service.history_of(session, table=name, row_id=number)
        return name, number, list(entries)

    with database_target() as target:
        name, number, entries = in_session(target.url, work)
    type_name = next((t for t, n in NODE_TABLES.items() if n == name), None)
    identifier = global_id(type_name, number) if type_name else None
    if as_json:
        document = {
            "table": name,
            "rowId": number,
            "id": identifier,
            "changes": [
                {
                    "at": _when(entry.at),
                    "actor": entry.actor,
                    "operation": entry.operation,
                    "changed": _changes(entry),
                }
                for entry in entries
            ],
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=str))
        return
    shown = f"{name} {number}" + (f" ({identifier})" if identifier else "")
    if not entries:
        click.echo(f"No recorded change of {shown}.")
        return
    click.echo(f"History of {shown}:")
    for entry in entries:
        click.echo(f"{entry.at:%Y-%m-%d %H:%M:%S}  {entry.actor}  {entry.operation}")
        for field, (old, new) in _changes(entry).items():
            click.echo(
                f"    {field}: {json.dumps(old, ensure_ascii=False, default=str)} -> "
                f"{json.dumps(new, ensure_ascii=False, default=str)}"
            )
