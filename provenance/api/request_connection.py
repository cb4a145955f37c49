"""The one database connection of a request: taken when first needed, given back at its end.

Every read of a request (dataloader batches, root lists, compiled statements) runs on one
pooled connection, in turn. The connection is taken lazily and given back by ``close``,
which the request scope (api.request_scope) calls in ``finally`` when the response starts
or the request ends in any other way (an error, a cancellation, a client that left).
After ``close`` the connection refuses work, so a resolver still running once its request
is over cannot take a connection nobody would give back, and ``close`` stops a statement
still running for it (the driver cancels it on the server).

A connection that turns out dead (the database restarted) is replaced and the read run
again, once: reads are safe to repeat. Database faults become ServiceUnavailableError or
StatementTimeoutError (services.database_errors).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from provenance.services.database_errors import database_problem

V = TypeVar("V")


class RequestFinishedError(RuntimeError):
    """Work asked of a request's connection after the request ended."""

    def __init__(self) -> None:
        super().__init__("the request is over: its database connection was given back")


class RequestConnection:
    """One request's database connection (reads only: ``engine`` should be autocommit).

    ``engine`` may be a read replica's; ``primary`` is then the primary's, which the reads
    of a request that wrote move to (``use_primary``): a mutation's payload shows its write.
    """

    def __init__(self, engine: AsyncEngine, *, primary: AsyncEngine | None = None) -> None:
        self._engine = engine
        self._primary = primary
        self._connection: AsyncConnection | None = None
        self._session: AsyncSession | None = None
        self._turn = asyncio.Lock()
        self._holder: asyncio.Task[object] | None = None
        self._closed = False

    @property
    def in_use(self) -> bool:
        """Whether a pooled connection is held right now."""
        return self._connection is not None

    async def run(self, action: Callable[[AsyncSession], Awaitable[V]]) -> V:
        """Run ``action`` with an ORM session on the request's connection."""

        async def with_session(connection: AsyncConnection) -> V:
            if self._session is None:
                self._session = AsyncSession(bind=connection, expire_on_commit=False)
            return await action(self._session)

        return await self._use(with_session)

    async def run_core(self, action: Callable[[AsyncConnection], Awaitable[V]]) -> V:
        """Run ``action`` with the request's connection itself (no ORM: compiled reads)."""
        return await self._use(action)

    async def _use(self, action: Callable[[AsyncConnection], Awaitable[V]]) -> V:
        async with self._turn:
            if self._closed:
                raise RequestFinishedError()
            self._holder = asyncio.current_task()
            try:
                return await self._attempt(action)
            finally:
                self._holder = None

    async def _attempt(self, action: Callable[[AsyncConnection], Awaitable[V]]) -> V:
        for attempt in (1, 2):
            try:
                if self._connection is None:
                    self._connection = await self._engine.connect()
                return await action(self._connection)
            except (DBAPIError, PoolTimeoutError) as error:
                dead = isinstance(error, DBAPIError) and error.connection_invalidated
                if dead:
                    await self._give_back()
                if dead and attempt == 1:
                    continue  # a connection the database dropped: once more on a new one
                problem = database_problem(error)
                if problem is None:
                    raise
                raise problem from error
        raise AssertionError("unreachable: the second attempt returns or raises")

    async def release(self) -> None:
        """Give the connection back now (before a write takes its own); reads take another."""
        async with self._turn:
            await self._give_back()

    async def use_primary(self) -> None:
        """From now on read from the primary (read-your-writes after this request wrote)."""
        async with self._turn:
            if self._primary is not None and self._engine is not self._primary:
                await self._give_back()
                self._engine = self._primary

    @property
    def engine(self) -> AsyncEngine:
        """Where the next read goes."""
        return self._engine

    async def close(self) -> None:
        """Give the connection back for good, stopping any statement still running for it.

        Safe to call more than once, and from a cancelled task: the hand-back is shielded.
        """
        self._closed = True
        holder = self._holder
        if holder is not None and holder is not asyncio.current_task():
            holder.cancel()  # orphaned work of a finished request
        await asyncio.shield(self._close_when_free())

    async def _close_when_free(self) -> None:
        async with self._turn:
            await self._give_back()

    async def _give_back(self) -> None:
        session, connection = self._session, self._connection
        self._session = self._connection = None
        # A connection that failed may fail again on the way back; the pool replaces it.
        if session is not None:
            with contextlib.suppress(Exception):
                await session.close()
        if connection is not None:
            with contextlib.suppress(Exception):
                await connection.close()
