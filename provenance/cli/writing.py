"""Shared by the commands that write: who the actor is, and one write transaction."""

from __future__ import annotations

import asyncio
import getpass
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.config import Settings
from provenance.db import async_engine, session_factory
from provenance.services.errors import ProvenanceError
from provenance.services.transactions import write

T = TypeVar("T")


def default_actor() -> str:
    """PROVENANCE_ACTOR, else cli:<login name>: recorded in history for every change."""
    return Settings.from_env().actor or f"cli:{getpass.getuser()}"


actor_option = click.option(
    "--actor",
    default=default_actor,
    show_default="$PROVENANCE_ACTOR or cli:<login>",
    help="Who makes the change, as the audit history records it.",
)


def write_once(url: str, work: Callable[[AsyncSession], Awaitable[T]], *, actor: str) -> T:
    """Run ``work`` as one write transaction on ``url``; a ProvenanceError becomes a CLI error."""

    async def run() -> T:
        engine = async_engine(url, pool_size=1)
        try:
            return await write(session_factory(engine), work, actor=actor)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(run())
    except ProvenanceError as error:
        field = f" [{error.field}]" if error.field else ""
        raise click.ClickException(f"{error}{field}") from error
