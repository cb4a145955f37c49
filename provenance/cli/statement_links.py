"""`provenance same-statement`: list, confirm or reject the linker's proposals."""

from __future__ import annotations

import click
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.cli.target import database_target, in_session
from provenance.cli.writing import actor_option, write_once
from provenance.models import Attribution, LinkDecision, StatementLink
from provenance.services.statement_decisions import decide_statement_link

Row = tuple[int, str, float, str, str | None, str | None]


@click.group(name="same-statement")
def same_statement() -> None:
    """Appearances the linker scored as one statement: list, confirm or reject them."""


@same_statement.command(name="list")
@click.option(
    "--decision",
    type=click.Choice([d.value for d in LinkDecision]),
    help="Only links with this decision (default: all).",
)
@click.option("--limit", type=click.IntRange(1, 10000), default=50, show_default=True)
def list_links(decision: str | None, limit: int) -> None:
    """The links, best score first: id, decision, score and both texts."""

    async def work(session: AsyncSession) -> list[Row]:
        later = select(Attribution.text).where(Attribution.id == StatementLink.attribution_id)
        earlier = select(Attribution.text).where(Attribution.id == StatementLink.earlier_id)
        query = select(
            StatementLink.id,
            StatementLink.decision,
            StatementLink.score,
            StatementLink.method,
            later.scalar_subquery(),
            earlier.scalar_subquery(),
        ).order_by(StatementLink.score.desc(), StatementLink.id)
        if decision is not None:
            query = query.where(StatementLink.decision == decision)
        return [tuple(row) for row in await session.execute(query.limit(limit))]

    with database_target() as target:
        rows = in_session(target.url, work)
    for ident, chosen, score, method, text, earlier_text in rows:
        click.echo(f"{ident:>6}  {chosen:<9} {score:.3f} {method}  {text!r}  ~  {earlier_text!r}")
    click.echo(f"{len(rows)} links")


def _decide(link_id: int, actor: str, *, confirm: bool) -> None:
    async def work(session: AsyncSession) -> str:
        link = await decide_statement_link(session, link_id=link_id, confirm=confirm)
        return link.decision

    with database_target() as target:
        decided = write_once(target.url, work, actor=actor)
    click.echo(f"Statement link {link_id} is {decided}.")


@same_statement.command()
@click.argument("link_id", type=int)
@actor_option
def confirm(link_id: int, actor: str) -> None:
    """They are one statement: a proposal joins the earlier quotation."""
    _decide(link_id, actor, confirm=True)


@same_statement.command()
@click.argument("link_id", type=int)
@actor_option
def reject(link_id: int, actor: str) -> None:
    """They are not: a joined appearance moves to a quotation of its own."""
    _decide(link_id, actor, confirm=False)
