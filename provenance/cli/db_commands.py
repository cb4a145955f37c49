"""`provenance db`: schema migrations, and the embedded database's URL."""

from __future__ import annotations

from pathlib import Path

import click

from provenance.cli.target import database_target


@click.group()
def db() -> None:
    """Migrate the database schema (Alembic); print or keep the embedded database."""


@db.command()
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Migrate up to REVISION (default: the newest).

    With PROVENANCE_SEED=demo, then load the seed articles (a deployment's one-shot step);
    otherwise the database stays as it is.
    """
    from provenance import migrate
    from provenance.config import Settings

    settings = Settings.from_env()
    if settings.seed not in (None, "demo"):
        raise click.ClickException(
            f"PROVENANCE_SEED={settings.seed!r} is not known: use demo, or leave it unset"
        )
    with database_target() as target:
        migrate.upgrade(target.url, revision)
        click.echo(f"{target.describe()} is at revision {migrate.current(target.url)}")
        if settings.seed == "demo":
            from provenance.cli.seed import load_demo

            click.echo(load_demo(target))


@db.command()
@click.argument("revision")
def downgrade(revision: str) -> None:
    """Migrate down to REVISION ('base' removes the whole schema, and its data)."""
    from provenance import migrate

    with database_target() as target:
        migrate.downgrade(target.url, revision)
        click.echo(f"{target.describe()} is at revision {migrate.current(target.url) or 'base'}")


@db.command()
def current() -> None:
    """Print the revision the database is at, and the newest one."""
    from provenance import migrate

    with database_target() as target:
        click.echo(f"current: {migrate.current(target.url) or 'base (empty)'}")
    click.echo(f"head:    {migrate.head()}")


def _as(url: str, user: str, password: str) -> str:
    from urllib.parse import quote, urlsplit, urlunsplit

    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    netloc = f"{quote(user, safe='')}:{quote(password, safe='')}@{host}"
    return urlunsplit(parts._replace(netloc=netloc))


def _read_only_url(url: str, cluster_directory: Path | None) -> str:
    from provenance.readonly_login import (
        ReadOnlyLoginError,
        configured_login,
        configured_password,
        embedded_login,
    )

    try:
        if cluster_directory is not None:
            login = embedded_login(url, cluster_directory)
        else:
            password = configured_password()
            if password is None:
                raise click.ClickException(
                    "a read-only URL needs the analyst role's password: set "
                    "PROVENANCE_ANALYST_PASSWORD or PROVENANCE_ANALYST_PASSWORD_FILE "
                    "(docs/roles.md)"
                )
            login = configured_login(url, password)
    except ReadOnlyLoginError as error:
        raise click.ClickException(str(error)) from None
    return _as(url, login.user, login.password)


@db.command()
@click.option(
    "--read-only",
    is_flag=True,
    help="The URL of the analyst login (member of provenance_readonly only) instead.",
)
def url(read_only: bool) -> None:
    """Print the connection URL of the database (for psql, BI tools and notebooks).

    For the embedded database, keep it running with `provenance db start` while you use it.
    """
    from provenance.config import Settings

    configured = Settings.from_env().database_url
    if configured:
        click.echo(_read_only_url(configured, None) if read_only else configured)
        return
    from provenance.cli.target import EMBEDDED_DATABASE, embedded_cluster

    cluster = embedded_cluster()
    if not cluster.initialised:
        raise click.ClickException(
            f"the embedded database in {cluster.directory} does not exist yet: "
            "`provenance db start` creates and starts it"
        )
    running = cluster.is_running()
    if not running:
        if read_only:
            raise click.ClickException(
                f"the embedded PostgreSQL in {cluster.directory} is stopped: "
                "`provenance db start` first"
            )
        click.echo(
            f"(the embedded PostgreSQL in {cluster.directory} is stopped: "
            "`provenance db start` keeps it running)",
            err=True,
        )
    database_url = cluster.url(EMBEDDED_DATABASE)
    click.echo(_read_only_url(database_url, cluster.directory) if read_only else database_url)


@db.command()
def start() -> None:
    """Start the embedded PostgreSQL (creating and migrating it) and leave it running."""
    from provenance import migrate
    from provenance.cli.target import EMBEDDED_DATABASE, embedded_cluster, start_embedded

    cluster = embedded_cluster()
    start_embedded(cluster)
    migrate.upgrade(cluster.url(EMBEDDED_DATABASE))
    click.echo(f"The embedded PostgreSQL in {cluster.directory} runs: `provenance db url`.")


@db.command()
def stop() -> None:
    """Stop the embedded PostgreSQL."""
    from provenance.cli.target import embedded_cluster

    cluster = embedded_cluster()
    cluster.stop()
    click.echo(f"The embedded PostgreSQL in {cluster.directory} is stopped.")
