"""`provenance serve`: the GraphQL API."""

from __future__ import annotations

import dataclasses
import os
import signal
import sys
from types import FrameType
from typing import TYPE_CHECKING

import click

from provenance.cli.target import database_target
from provenance.config import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession


async def _seed_if_empty(session: AsyncSession) -> bool:
    from sqlalchemy import func, select

    from provenance.models import Article
    from provenance.seed_file import default_seed_file
    from provenance.services.seeds import load_seeds

    if await session.scalar(select(func.count()).select_from(Article)):
        return False
    await load_seeds(session, path=default_seed_file())
    return True


@click.command()
@click.option("--host", default=None, help="Address to listen on [default: 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port to listen on [default: 8000].")
@click.option(
    "--migrate/--no-migrate",
    "migrate_first",
    default=None,
    help="Migrate to the newest schema first [default: yes for the embedded database, "
    "no with DATABASE_URL, where a deploy runs `provenance db upgrade`].",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="API processes; one per core is usual [default: $PROVENANCE_WORKERS or 1].",
)
def serve(
    host: str | None, port: int | None, migrate_first: bool | None, workers: int | None
) -> None:
    """Serve the GraphQL API on http://127.0.0.1:8000/graphql.

    Without DATABASE_URL, runs the embedded PostgreSQL (`provenance db url`), migrates it and
    loads the seed articles if it is empty. With DATABASE_URL, serves that database.
    """
    # Imported here, not at the top, so that `provenance --help` and the other commands
    # start without loading the web stack.
    import uvicorn

    from provenance import migrate
    from provenance.api.app import create_app
    from provenance.cli.writing import write_once
    from provenance.serving import tune_garbage_collection

    settings = Settings.from_env()
    # uvicorn shuts down gracefully on SIGTERM and then raises it again, which would end
    # the process before the embedded PostgreSQL is stopped: unwind instead.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    with database_target() as target:
        if migrate_first if migrate_first is not None else target.cluster is not None:
            migrate.upgrade(target.url)
        elif migrate.current(target.url) != migrate.head():
            raise click.ClickException(
                f"{target.describe()} is at revision {migrate.current(target.url) or 'base'}, "
                f"not {migrate.head()}: run `provenance db upgrade` first, or pass --migrate."
            )
        if target.cluster is not None and write_once(target.url, _seed_if_empty, actor="seed"):
            click.echo("Loaded the seed articles into the empty database.", err=True)
        listen_host = host or settings.host
        listen_port = port or settings.port
        processes = workers or settings.workers
        click.echo(f"GraphQL API on http://{listen_host}:{listen_port}/graphql", err=True)
        if processes == 1:
            app = create_app(dataclasses.replace(settings, database_url=target.url))
            tune_garbage_collection()
            uvicorn.run(app, host=listen_host, port=listen_port, log_level="info")
            return
        # Each worker process builds its own app (and pool) from the environment.
        os.environ["DATABASE_URL"] = target.url
        uvicorn.run(
            "provenance.serving:app_from_environment",
            factory=True,
            workers=processes,
            host=listen_host,
            port=listen_port,
            log_level="info",
        )


def _exit_on_sigterm(_signum: int, _frame: FrameType | None) -> None:
    sys.exit(0)
