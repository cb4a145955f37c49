"""Which database a command talks to: DATABASE_URL, or else the embedded local cluster."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import click

from provenance.config import Settings
from provenance.localdb import (
    LocalCluster,
    LocalClusterError,
    default_cluster_dir,
    legacy_cluster_dir,
)

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")

EMBEDDED_DATABASE = "provenance"


@dataclass(frozen=True)
class Target:
    """A database URL and, when embedded, the cluster that serves it."""

    url: str
    cluster: LocalCluster | None = None

    def describe(self) -> str:
        if self.cluster is None:
            return "the database at DATABASE_URL"
        return f"the embedded database in {self.cluster.directory}"


def embedded_cluster() -> LocalCluster:
    """The embedded cluster every command finds (the per-user data folder by default)."""
    cluster = LocalCluster(default_cluster_dir())
    legacy = LocalCluster(legacy_cluster_dir())
    if (
        not cluster.initialised
        and Settings.from_env().data_dir is None
        and legacy.directory != cluster.directory
        and legacy.initialised
    ):
        click.echo(
            f"Note: {legacy.directory} holds an embedded database of an older version (it lived "
            "in ./.provenance); set PROVENANCE_DATA_DIR=./.provenance to keep using it.",
            err=True,
        )
    return cluster


def start_embedded(cluster: LocalCluster) -> str:
    """Start ``cluster`` if it is not running and return the URL of its database."""
    try:
        if not cluster.is_running():
            click.echo(f"Starting the embedded PostgreSQL in {cluster.directory} ...", err=True)
        cluster.start()
        return cluster.ensure_database(EMBEDDED_DATABASE)
    except LocalClusterError as error:
        raise click.ClickException(str(error)) from error


@contextlib.contextmanager
def database_target() -> Iterator[Target]:
    """DATABASE_URL when set; otherwise the embedded cluster, stopped again if we started it."""
    url = Settings.from_env().database_url
    if url:
        yield Target(url=url)
        return
    cluster = embedded_cluster()
    was_running = cluster.is_running()
    url = start_embedded(cluster)
    try:
        yield Target(url=url, cluster=cluster)
    finally:
        if not was_running:
            cluster.stop()


def in_session(url: str, action: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``action`` in one transaction on ``url``, committing if it returns."""
    from provenance.db import async_engine, session_factory

    async def run() -> T:
        engine = async_engine(url, pool_size=1)
        try:
            async with session_factory(engine)() as session, session.begin():
                return await action(session)
        finally:
            await engine.dispose()

    return asyncio.run(run())
