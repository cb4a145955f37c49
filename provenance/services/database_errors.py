"""When the database, not the request, is the problem: unreachable, saturated, too slow.

These are ProvenanceErrors, so clients see a code and a hint like for any other refusal;
the API answers SERVICE_UNAVAILABLE with HTTP 503 and Retry-After (api.unavailable).
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from provenance.errors import ProvenanceError

# query_canceled: statement_timeout (or an operator's pg_cancel_backend).
QUERY_CANCELED = "57014"
# Classes 08 (connection exception) and 57P (operator intervention: shutdown, restart).
UNAVAILABLE_STATES = ("08", "57P")


class ServiceUnavailableError(ProvenanceError):
    """The database cannot serve the request now; the same request may work later."""

    code = "SERVICE_UNAVAILABLE"

    def __init__(self, message: str, *, reason: str, retry_after: int = 1) -> None:
        super().__init__(message, hint=f"retry in {retry_after} s")
        #: pool_timeout or unreachable: what the API's metrics count it as.
        self.reason = reason
        self.retry_after = retry_after


class StatementTimeoutError(ProvenanceError):
    """A statement ran longer than the server allows (statement_timeout)."""

    code = "STATEMENT_TIMEOUT"


def pool_exhausted() -> ServiceUnavailableError:
    """No pooled connection came free within the pool timeout."""
    return ServiceUnavailableError(
        "the database is busy: no connection came free in time", reason="pool_timeout"
    )


def database_problem(error: BaseException) -> ProvenanceError | None:
    """``error`` as a ServiceUnavailableError or StatementTimeoutError, if it is one."""
    if isinstance(error, PoolTimeoutError):
        return pool_exhausted()
    if not isinstance(error, DBAPIError):
        return None
    state = getattr(error.orig, "sqlstate", None) or ""
    if state == QUERY_CANCELED:
        return StatementTimeoutError(
            "the query ran longer than the server allows and was stopped",
            hint="ask for fewer items, or a narrower search",
        )
    if (
        error.connection_invalidated
        or state.startswith(UNAVAILABLE_STATES)
        or (isinstance(error, OperationalError | InterfaceError) and not state)
    ):
        return ServiceUnavailableError("the database cannot be reached", reason="unreachable")
    return None
