"""One write, one transaction: the actor for the audit trail, retries, readable errors.

Every writer runs its work through :func:`write`. The work function must be safe to run
again from the start (the record functions are idempotent upserts), because a transaction
that loses a race (a unique violation from a concurrent insert of the same natural key, a
serialization failure, a deadlock) is rolled back and retried.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from provenance.errors import ConflictError, DatabaseRuleError, InvalidInputError
from provenance.services.database_errors import database_problem, pool_exhausted

T = TypeVar("T")

# serialization_failure, deadlock_detected: a concurrent writer won; always worth a retry.
RACES = frozenset({"40001", "40P01"})
# unique_violation: usually a concurrent insert of the same natural key, which the retry then
# finds; a few attempts, because a real duplicate (two slugs, one outlet name) persists.
UNIQUE_VIOLATION = "23505"
ATTEMPTS = 12
UNIQUE_ATTEMPTS = 6


async def set_actor(session: AsyncSession, *, actor: str) -> None:
    """Name who makes the changes of the current transaction (history.actor)."""
    if not actor.strip():
        raise InvalidInputError("the actor of a write must be named", field="actor")
    await session.execute(
        text("SELECT set_config('provenance.actor', :actor, true)"), {"actor": actor}
    )


def sqlstate(error: DBAPIError) -> str | None:
    """The SQLSTATE of a database error, when the driver gives one."""
    return getattr(error.orig, "sqlstate", None)


def translate(error: DBAPIError) -> DatabaseRuleError | ConflictError:
    """A database refusal as a ProvenanceError with the server's message and hint."""
    diag = getattr(error.orig, "diag", None)
    message = getattr(diag, "message_primary", None) or str(error.orig)
    detail = getattr(diag, "message_detail", None)
    if detail:
        message = f"{message}: {detail}"
    hint = getattr(diag, "message_hint", None)
    # A unique violation names its columns in the detail: "Key (name)=(BBC) already exists."
    key = re.match(r"Key \(([^)]*)\)=", detail or "")
    field = (
        getattr(diag, "column_name", None)
        or (key.group(1) if key else None)
        or getattr(diag, "constraint_name", None)
    )
    if sqlstate(error) in RACES:
        return ConflictError(
            f"{message} (a concurrent write kept winning)",
            field=field,
            hint=hint or "try again",
        )
    return DatabaseRuleError(message, field=field, hint=hint)


async def write(
    factory: async_sessionmaker[AsyncSession],
    work: Callable[[AsyncSession], Awaitable[T]],
    *,
    actor: str,
    attempts: int = ATTEMPTS,
) -> T:
    """Run ``work`` in one transaction as ``actor``, retrying when a concurrent writer wins."""
    for attempt in range(1, attempts + 1):
        try:
            async with factory() as session, session.begin():
                await set_actor(session, actor=actor)
                return await work(session)
        except PoolTimeoutError as error:
            raise pool_exhausted() from error
        except DBAPIError as error:
            problem = database_problem(error)
            if problem is not None:
                raise problem from error
            state = sqlstate(error)
            limit = UNIQUE_ATTEMPTS if state == UNIQUE_VIOLATION else attempts
            if (state in RACES or state == UNIQUE_VIOLATION) and attempt < limit:
                # Jittered backoff so that two retrying writers do not collide again.
                await asyncio.sleep(random.uniform(0, 0.005 * 2 ** min(attempt, 6)))
                continue
            raise translate(error) from error
    raise AssertionError("unreachable: the last attempt returns or raises")
