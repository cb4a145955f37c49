"""Counters of the faults the API survives, and GET /metrics to read them (Prometheus text).

Per process: with `serve --workers N` each worker counts its own requests.
"""

from __future__ import annotations

from collections import Counter
from typing import Final

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import QueuePool
from starlette.requests import Request
from starlette.responses import PlainTextResponse

#: What is counted, and what each count means (the HELP line of /metrics).
EVENTS: Final = {
    "pool_timeouts": "requests answered 503 because no database connection came free in time",
    "database_unreachable": "requests answered 503 because the database could not be reached",
    "statement_timeouts": "statements stopped by statement_timeout",
    "client_disconnects": "requests cancelled because the client went away before the answer",
    "rate_limited": "operations refused with 429 because the caller's points for the minute "
    "were spent",
    "operations_not_allowed": "operations refused because PROVENANCE_PERSISTED_QUERIES_ALLOWLIST "
    "does not list them",
}

_counts: Counter[str] = Counter()


def count(event: str) -> None:
    """Add one to ``event`` (one of EVENTS)."""
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}: one of {', '.join(EVENTS)}")
    _counts[event] += 1


def counts() -> dict[str, int]:
    """Every event's count so far in this process."""
    return {event: _counts[event] for event in EVENTS}


def pool_status(engine: AsyncEngine) -> dict[str, int]:
    """The connection pool now: connections handed out, idle, and the pool's size."""
    pool = engine.sync_engine.pool
    if not isinstance(pool, QueuePool):
        return {}
    return {"checked_out": pool.checkedout(), "idle": pool.checkedin(), "size": pool.size()}


async def metrics_endpoint(request: Request) -> PlainTextResponse:
    """GET /metrics: the counters and the pool, in the Prometheus text format."""
    lines = []
    for event, help_text in EVENTS.items():
        name = f"provenance_{event}_total"
        lines += [f"# HELP {name} {help_text}", f"# TYPE {name} counter"]
        lines.append(f"{name} {_counts[event]}")
    for key, value in pool_status(request.app.state.engine).items():
        name = f"provenance_db_pool_{key}"
        lines += [f"# TYPE {name} gauge", f"{name} {value}"]
    return PlainTextResponse("\n".join(lines) + "\n", media_type="text/plain; version=0.0.4")
