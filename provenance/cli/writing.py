"""Shared by the commands that write: who the actor is, and one write transaction."""

from __future__ import annotations

import asyncio
import getpass
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

import click

from provenance.config import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

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


# SQLSTATE classes of a connection, login, missing database, privilege or schema problem,
# or of a server out of resources: what an operator fixes, not the data.
OPERATOR_CLASSES = ("08", "28", "3D", "42", "53", "57", "58")


def _operator_failure(cause: BaseException | None) -> bool:
    from sqlalchemy.exc import DBAPIError

    if not isinstance(cause, DBAPIError):
        return False
    state = getattr(cause.orig, "sqlstate", None)
    return state is None or str(state).startswith(OPERATOR_CLASSES)


def write_once(url: str, work: Callable[[AsyncSession], Awaitable[T]], *, actor: str) -> T:
    """Run ``work`` as one write transaction on ``url``; a ProvenanceError becomes a CLI error."""
    from provenance.db import async_engine, session_factory
    from provenance.errors import ProvenanceError
    from provenance.services.transactions import write

    async def run() -> T:
        engine = async_engine(url, pool_size=1)
        try:
            return await write(session_factory(engine), work, actor=actor)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(run())
    except ProvenanceError as error:
        if _operator_failure(error.__cause__):
            # Not bad input but a deployment problem: the command group explains it.
            raise error.__cause__ from None  # type: ignore[misc]
        field = f" [{error.field}]" if error.field else ""
        raise click.ClickException(f"{error}{field}") from error
