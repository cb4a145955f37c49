"""`provenance db`: schema migrations."""

from __future__ import annotations

import click

from provenance import migrate
from provenance.cli.database import database_target


@click.group()
def db() -> None:
    """Migrate the database schema (Alembic)."""


@db.command()
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Migrate up to REVISION (default: the newest)."""
    with database_target() as target:
        migrate.upgrade(target.url, revision)
        click.echo(f"{target.describe()} is at revision {migrate.current(target.url)}")


@db.command()
@click.argument("revision")
def downgrade(revision: str) -> None:
    """Migrate down to REVISION ('base' removes the whole schema, and its data)."""
    with database_target() as target:
        migrate.downgrade(target.url, revision)
        click.echo(f"{target.describe()} is at revision {migrate.current(target.url) or 'base'}")


@db.command()
def current() -> None:
    """Print the revision the database is at, and the newest one."""
    with database_target() as target:
        click.echo(f"current: {migrate.current(target.url) or 'base (empty)'}")
    click.echo(f"head:    {migrate.head()}")
