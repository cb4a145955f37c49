"""An operation the database could not serve answers HTTP 503 with Retry-After.

Reads and writes turn database faults into ServiceUnavailableError (no connection free
within PROVENANCE_DB_POOL_TIMEOUT, or the database unreachable) and StatementTimeoutError
(services.database_errors). This extension counts them (api.metrics) and, for the first,
sets the HTTP status to 503 and Retry-After, so that clients and load balancers back off.
The GraphQL error says the same with `extensions.code` SERVICE_UNAVAILABLE.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from starlette.responses import Response
from strawberry.extensions import SchemaExtension

from provenance.api import metrics
from provenance.errors import ProvenanceError
from provenance.services.database_errors import ServiceUnavailableError, StatementTimeoutError

SERVICE_UNAVAILABLE = 503

log = logging.getLogger("provenance.api")


def count_problem(problem: ProvenanceError) -> None:
    """Count a database fault in the metrics, and log it in one line."""
    if isinstance(problem, ServiceUnavailableError):
        reason = "pool_timeouts" if problem.reason == "pool_timeout" else "database_unreachable"
        metrics.count(reason)
        log.warning("answered 503: %s (%s)", problem.message, problem.reason)
    elif isinstance(problem, StatementTimeoutError):
        metrics.count("statement_timeouts")
        log.warning("a statement ran into statement_timeout and was stopped")


class ServiceUnavailable(SchemaExtension):
    """503 and Retry-After for an operation that met an unavailable database."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        problems = {
            type(error.original_error): error.original_error
            for error in result.errors
            if isinstance(error.original_error, ServiceUnavailableError | StatementTimeoutError)
        }
        for problem in problems.values():  # once per kind and request
            count_problem(problem)
        unavailable = problems.get(ServiceUnavailableError)
        response = getattr(self.execution_context.context, "response", None)
        if isinstance(unavailable, ServiceUnavailableError) and isinstance(response, Response):
            response.status_code = SERVICE_UNAVAILABLE
            response.headers["Retry-After"] = str(unavailable.retry_after)
