"""What every mutation shares: user errors in the payload, one write transaction each."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.api.context import Info
from provenance.services import tokens
from provenance.services.errors import PermissionDeniedError, ProvenanceError
from provenance.services.transactions import write

T = TypeVar("T")

#: The one argument of every mutation.
INPUT = strawberry.argument(description="What to write: see the input type's fields.")


@strawberry.type(description="Why a mutation did not happen, pointing at the input field.")
class UserError:
    field: str | None = strawberry.field(
        description="The input field at fault (camelCase, dotted for nested inputs), if any."
    )
    message: str = strawberry.field(description="What is wrong and what to do about it.")
    code: str = strawberry.field(
        description="Machine-readable reason: NOT_FOUND, INVALID_INPUT, TEXT_NOT_IN_ARTICLE, "
        "TEXT_AMBIGUOUS, ALREADY_EXISTS, REFUSED_BY_DATABASE, CONFLICT."
    )


def _camel(path: str | None) -> str | None:
    if path is None:
        return None
    return re.sub(r"_([a-z])", lambda m: m.group(1).upper(), path)


def user_error(error: ProvenanceError) -> UserError:
    """A service error as a payload entry."""
    return UserError(field=_camel(error.field), message=str(error), code=error.code)


async def perform(
    info: Info, work: Callable[[AsyncSession, tokens.Grant], Awaitable[T]]
) -> T | list[UserError]:
    """Run ``work`` as the caller in one transaction; its refusal becomes user errors."""
    grant = info.context.grant
    tokens.require(grant, "write")  # api.access refused the operation already; be sure
    sessions = info.context.sessions
    assert sessions is not None, "the app gives mutations a session factory"

    async def run(session: AsyncSession) -> T:
        return await work(session, grant)

    # A write takes its own connection: give the request's read connection back first, so
    # that no request ever holds one connection while it waits for another.
    await info.context.loaders.connection.release()
    try:
        return await write(sessions, run, actor=grant.actor)
    except PermissionDeniedError:
        raise
    except ProvenanceError as error:
        return [user_error(error)]


RowT = TypeVar("RowT")


async def fresh(session: AsyncSession, row: RowT) -> RowT:
    """The row as the database has it now (triggers fill some columns, e.g. prefix)."""
    await session.refresh(row)
    return row
