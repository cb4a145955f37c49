"""Engines and sessions. One async engine per process; URLs accept plain libpq form."""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def sqlalchemy_url(url: str) -> str:
    """Turn ``postgres://`` or ``postgresql://`` into the psycopg 3 dialect's URL."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    if parsed.drivername in ("postgresql", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


@dataclass(frozen=True)
class StatementLimits:
    """Server-side limits set on each new connection, in seconds (0: no limit)."""

    #: statement_timeout: the longest one statement may run (also while waiting for a lock).
    statement: float = 0.0
    #: idle_in_transaction_session_timeout: the longest a session may idle in a transaction.
    idle_in_transaction: float = 0.0


def async_engine(
    url: str,
    *,
    pool_size: int = 10,
    generic_plans: bool = False,
    max_overflow: int = 10,
    pool_timeout: float = 30.0,
    limits: StatementLimits | None = None,
    prepare: bool = True,
    clock: Callable[[], float] = time.monotonic,
) -> AsyncEngine:
    """The async engine used by the API and the services.

    With ``generic_plans`` (the API), each connection plans a repeated statement once:
    psycopg prepares statements it sees again, but PostgreSQL keeps re-planning them for
    each new parameter when it guesses a custom plan cheaper, and for the API's statements
    (key lookups, keyset pages, index searches) planning cost more than running them.

    The pool keeps ``pool_size`` connections and opens ``max_overflow`` more in a burst; a
    checkout waits at most ``pool_timeout`` seconds (then sqlalchemy.exc.TimeoutError), and
    opening a connection gives up after as long (libpq's connect_timeout, whole seconds).

    ``prepare=False`` turns psycopg's prepared statements off, for a pooler that hands each
    transaction a different server connection and cannot follow them (PgBouncer in
    transaction mode without ``max_prepared_statements``; docs/deploy.md).

    ``clock`` (seconds, monotonic) says how long a pooled connection has been idle.
    """
    target = sqlalchemy_url(url)
    connect_args: dict[str, Any] = {} if prepare else {"prepare_threshold": None}
    if "connect_timeout" not in make_url(target).query:  # the URL's own wins
        connect_args["connect_timeout"] = max(1, math.ceil(pool_timeout))
    engine = create_async_engine(
        target,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_timeout=pool_timeout,
        connect_args=connect_args,
    )
    _ping_when_idle(engine.sync_engine, clock)
    if generic_plans:
        event.listen(engine.sync_engine, "connect", _use_generic_plans)
    if limits is not None and (limits.statement or limits.idle_in_transaction):
        event.listen(engine.sync_engine, "connect", functools.partial(_set_limits, limits))
    return engine


# A pooled connection used less than this long ago is handed out without a ping.
PING_AFTER_IDLE_SECONDS = 1.0


def _ping_when_idle(engine: Engine, clock: Callable[[], float]) -> None:
    """Check a pooled connection before use, unless it was in use a moment ago.

    Like SQLAlchemy's pool_pre_ping, which costs a round trip on every request, but a
    connection that came back to the pool within PING_AFTER_IDLE_SECONDS is trusted, as
    HikariCP does. A dead connection is replaced before use; a database restart within
    that window of a connection's last use fails one request, which invalidates the pool.
    If the database itself is gone, the error of the new connection is what callers see.
    """

    @event.listens_for(engine.pool, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        record.info["returned_at"] = clock()

    @event.listens_for(engine.pool, "checkout")
    def _check(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned_at = record.info.get("returned_at")
        if returned_at is None or clock() - returned_at < PING_AFTER_IDLE_SECONDS:
            return  # a new connection, or one in use a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            # The pool replaces this connection and tries again.
            raise DisconnectionError(f"pooled connection failed its ping: {error}") from error


def _use_generic_plans(dbapi_connection: Any, _record: Any) -> None:
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_generic_plan")
    dbapi_connection.commit()


def _set_limits(limits: StatementLimits, dbapi_connection: Any, _record: Any) -> None:
    # Milliseconds, as PostgreSQL counts them: 0.2 s is 200, and 0 turns a limit off.
    statement = round(limits.statement * 1000)
    idle = round(limits.idle_in_transaction * 1000)
    with dbapi_connection.cursor() as cursor:
        cursor.execute(
            f"SET statement_timeout = {statement}; SET idle_in_transaction_session_timeout = {idle}"
        )
    dbapi_connection.commit()


def read_only(engine: AsyncEngine) -> AsyncEngine:
    """``engine`` for reads: no BEGIN/ROLLBACK around them (autocommit), same pool.

    READ COMMITTED takes a snapshot per statement anyway, so a read transaction bought
    nothing but two round trips per request.
    """
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def sync_engine(url: str) -> Engine:
    """A synchronous engine, for Alembic and other blocking tools."""
    return create_engine(sqlalchemy_url(url))


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


class StatementCounter:
    """Counts the SQL statements an engine sends (for N+1 tests and benchmarks)."""

    def __init__(self, engine: AsyncEngine | Engine) -> None:
        self.count = 0
        target = engine.sync_engine if isinstance(engine, AsyncEngine) else engine
        event.listen(target, "before_cursor_execute", self._seen)

    def _seen(self, *_: object) -> None:
        self.count += 1

    def reset(self) -> int:
        """Return the count so far and start again from zero."""
        count, self.count = self.count, 0
        return count
