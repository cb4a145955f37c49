"""What every mutation shares: user errors in the payload, one write transaction each."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import TypeVar

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.api.context import Info
from provenance.errors import PermissionDeniedError, ProvenanceError
from provenance.services import tokens
from provenance.services.transactions import write

T = TypeVar("T")

#: The one argument of every mutation.
INPUT = strawberry.argument(description="What to write: see the input type's fields.")


@strawberry.enum(description="Why a mutation did not happen, as a machine-readable code.")
class UserErrorCode(Enum):
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="An id or slug of the input names nothing stored."
    )
    INVALID_INPUT = strawberry.enum_value(
        "INVALID_INPUT", description="A value of the input is not acceptable (see message)."
    )
    TEXT_NOT_IN_ARTICLE = strawberry.enum_value(
        "TEXT_NOT_IN_ARTICLE", description="The quoted text does not occur in the article body."
    )
    TEXT_AMBIGUOUS = strawberry.enum_value(
        "TEXT_AMBIGUOUS",
        description="The quoted text occurs more than once: give its position or more context.",
    )
    ALREADY_EXISTS = strawberry.enum_value(
        "ALREADY_EXISTS", description="An object with this unique value is stored already."
    )
    REFUSED_BY_DATABASE = strawberry.enum_value(
        "REFUSED_BY_DATABASE",
        description="A rule of the database refused the write (a relay cycle, say).",
    )
    CONFLICT = strawberry.enum_value(
        "CONFLICT", description="The object changed since it was read: read it again and retry."
    )
    SERVICE_UNAVAILABLE = strawberry.enum_value(
        "SERVICE_UNAVAILABLE", description="The database could not be reached: retry later."
    )
    STATEMENT_TIMEOUT = strawberry.enum_value(
        "STATEMENT_TIMEOUT", description="The write took longer than the statement timeout."
    )


@strawberry.type(description="Why a mutation did not happen, pointing at the input field.")
class UserError:
    field: str | None = strawberry.field(
        description="The input field at fault (camelCase, dotted for nested inputs), if any."
    )
    message: str = strawberry.field(description="What is wrong and what to do about it.")
    code: UserErrorCode = strawberry.field(description="Machine-readable reason.")


def _camel(path: str | None) -> str | None:
    if path is None:
        return None
    return re.sub(r"_([a-z])", lambda m: m.group(1).upper(), path)


def user_error(error: ProvenanceError) -> UserError:
    """A service error as a payload entry (an error without a UserErrorCode is raised)."""
    try:
        code = UserErrorCode(error.code)
    except ValueError:
        raise error from None
    return UserError(field=_camel(error.field), message=str(error), code=code)


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
    # that no request ever holds one connection while it waits for another. The payload is
    # then read from the primary, which has the write (a replica may not have it yet).
    await info.context.loaders.connection.use_primary()
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
