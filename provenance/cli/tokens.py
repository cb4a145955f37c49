"""`provenance token`: create, list and revoke API tokens."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from provenance.cli.target import database_target
from provenance.cli.writing import actor_option, write_once

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from provenance.models import ApiToken

# services.tokens.SCOPES, here so that `token --help` loads no database library
# (tests/cli/test_startup.py checks the two agree).
SCOPES = ("read", "write", "admin")


@click.group()
def token() -> None:
    """API tokens for the GraphQL API (writes need one; reads may too)."""


@token.command()
@click.argument("name")
@click.option(
    "--scope",
    "scopes",
    type=click.Choice(SCOPES),
    multiple=True,
    default=("read",),
    show_default=True,
    help="What the token may do (repeatable): read, write (includes read), admin (all).",
)
@actor_option
def create(name: str, scopes: tuple[str, ...], actor: str) -> None:
    """Create a token for NAME and print its secret (shown this once only)."""

    from provenance.services import tokens as token_service

    async def work(session: AsyncSession) -> tuple[ApiToken, str]:
        return await token_service.create_token(session, name=name, scopes=scopes)

    with database_target() as target:
        created, secret = write_once(target.url, work, actor=actor)
    click.echo(f"Token {created.id} for {created.name!r}, scopes {','.join(created.scopes)}.")
    click.echo("Secret (store it now, it is not kept and cannot be shown again):", err=True)
    click.echo(secret)


@token.command("list")
@click.option("--all", "include_revoked", is_flag=True, help="Include revoked tokens.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def list_(include_revoked: bool, as_json: bool) -> None:
    """List the tokens: id, name, scopes, created, last used, revoked."""

    from provenance.services import tokens as token_service

    async def work(session: AsyncSession) -> list[ApiToken]:
        return list(await token_service.list_tokens(session, include_revoked=include_revoked))

    with database_target() as target:
        rows = write_once(target.url, work, actor="cli:token-list")
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "id": row.id,
                        "name": row.name,
                        "scopes": list(row.scopes),
                        "createdAt": row.created_at.isoformat(),
                        "lastUsedAt": row.last_used_at.isoformat() if row.last_used_at else None,
                        "revokedAt": row.revoked_at.isoformat() if row.revoked_at else None,
                    }
                    for row in rows
                ],
                indent=2,
            )
        )
        return
    if not rows:
        click.echo("No tokens.")
    for row in rows:
        revoked = f"  revoked {row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else ""
        used = f"{row.last_used_at:%Y-%m-%d %H:%M}" if row.last_used_at else "never"
        click.echo(
            f"{row.id:>4}  {row.name}  [{','.join(row.scopes)}]  "
            f"created {row.created_at:%Y-%m-%d %H:%M}  last used {used}{revoked}"
        )


@token.command()
@click.argument("token_id", type=int)
@actor_option
def revoke(token_id: int, actor: str) -> None:
    """Revoke token TOKEN_ID at once."""

    from provenance.services import tokens as token_service

    async def work(session: AsyncSession) -> ApiToken:
        return await token_service.revoke_token(session, token_id=token_id)

    with database_target() as target:
        revoked = write_once(target.url, work, actor=actor)
    click.echo(f"Token {revoked.id} ({revoked.name}) is revoked.")
