"""Rate limits: each caller spends points per minute, an operation's static cost its price.

A token's budget is PROVENANCE_RATE_LIMIT_POINTS a minute, an anonymous client's (keyed by
its address) PROVENANCE_RATE_LIMIT_ANONYMOUS_POINTS; 0 turns a limit off. A window opens at
a caller's first operation and lasts a minute. An operation that costs more than is left
is refused before it runs (HTTP 429, Retry-After, ``RATE_LIMITED`` with its cost, the
points left and the limit) and spends nothing. Every answer carries ``RateLimit-Limit``,
``RateLimit-Remaining`` and ``RateLimit-Reset`` headers; ``"extensions": {"rateLimit":
true}`` also puts them in the response's ``extensions.rateLimit``.

Per process, in memory: at most PROVENANCE_RATE_LIMIT_CLIENTS callers are tracked; past
that the oldest window is forgotten first (that caller starts afresh).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphql import ExecutionResult, GraphQLError
from starlette.requests import Request
from strawberry.extensions import SchemaExtension

from provenance.api import metrics
from provenance.config import Settings

WINDOW_SECONDS = 60.0


@dataclass(frozen=True)
class Spend:
    """The outcome of one operation: allowed or not, and the caller's window after it."""

    allowed: bool
    cost: int
    limit: int
    remaining: int
    reset_at: float  # seconds since the epoch

    def retry_after(self, now: float) -> int:
        return max(1, math.ceil(self.reset_at - now))

    def as_extension(self) -> dict[str, Any]:
        reset = datetime.fromtimestamp(self.reset_at, UTC).isoformat().replace("+00:00", "Z")
        return {
            "limit": self.limit,
            "remaining": self.remaining,
            "resetAt": reset,
            "cost": self.cost,
        }


class RateLimiter:
    """Fixed one-minute windows per caller, in a bounded table."""

    def __init__(self, *, max_clients: int, clock: Callable[[], float] = time.time) -> None:
        self.max_clients = max_clients
        self.clock = clock
        # key -> (window start, points spent), ordered by window start.
        self._windows: OrderedDict[str, tuple[float, int]] = OrderedDict()

    def spend(self, key: str, *, cost: int, limit: int) -> Spend:
        """Spend ``cost`` of ``key``'s ``limit`` in its current window, if that many are left."""
        now = self.clock()
        start, spent = self._windows.get(key, (now, 0))
        if now - start >= WINDOW_SECONDS:
            start, spent = now, 0
        if key not in self._windows or start == now:
            self._windows.pop(key, None)
            self._forget_old(now)
        allowed = spent + cost <= limit
        if allowed:
            spent += cost
        self._windows[key] = (start, spent)
        return Spend(
            allowed=allowed,
            cost=cost,
            limit=limit,
            remaining=limit - spent,
            reset_at=start + WINDOW_SECONDS,
        )

    def _forget_old(self, now: float) -> None:
        while self._windows:
            key, (start, _) = next(iter(self._windows.items()))
            if now - start < WINDOW_SECONDS and len(self._windows) < self.max_clients:
                return
            del self._windows[key]

    def __len__(self) -> int:
        return len(self._windows)


def caller_key(request: Request, token_id: int | None) -> str:
    """Whose points an operation spends: its token, or its client's address."""
    if token_id is not None:
        return f"token:{token_id}"
    return f"address:{request.client.host if request.client else 'unknown'}"


class RateLimits(SchemaExtension):
    """Charge each HTTP operation its static cost (api.validation measured it)."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        request = getattr(context, "request", None)
        settings: Settings | None = getattr(context, "settings", None)
        limiter: RateLimiter | None = getattr(context, "rate_limiter", None)
        cost: int | None = getattr(context, "cost", None)
        if (
            not isinstance(request, Request)
            or settings is None
            or limiter is None
            or cost is None
            or self.execution_context.result is not None  # refused already (api.access)
        ):
            yield
            return
        grant = context.grant
        limit = (
            settings.rate_limit_points if grant.token_id else settings.rate_limit_anonymous_points
        )
        if limit <= 0:
            yield
            return
        spend = limiter.spend(caller_key(request, grant.token_id), cost=cost, limit=limit)
        request.state.rate_limit = spend
        if not spend.allowed:
            metrics.count("rate_limited")
            self.execution_context.result = ExecutionResult(
                data=None,
                errors=[
                    GraphQLError(
                        f"rate limit: this operation costs {cost} points and {spend.remaining} "
                        f"of {limit} are left this minute (PROVENANCE_RATE_LIMIT_"
                        f"{'POINTS' if grant.token_id else 'ANONYMOUS_POINTS'}); retry after "
                        f"{spend.retry_after(limiter.clock())} s or ask for fewer values",
                        extensions={"code": "RATE_LIMITED", **spend.as_extension()},
                    )
                ],
            )
        yield

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        request = getattr(context, "request", None)
        if not isinstance(request, Request):
            return {}
        spend: Spend | None = getattr(request.state, "rate_limit", None)
        asked = (self.execution_context.operation_extensions or {}).get("rateLimit")
        if spend is None or not asked:
            return {}
        return {"rateLimit": spend.as_extension()}


def rate_limit_headers(spend: Spend, now: float) -> dict[str, str]:
    """The RateLimit-* headers of an answer (and Retry-After for a refusal)."""
    headers = {
        "RateLimit-Limit": str(spend.limit),
        "RateLimit-Remaining": str(spend.remaining),
        "RateLimit-Reset": str(spend.retry_after(now)),
    }
    if not spend.allowed:
        headers["Retry-After"] = str(spend.retry_after(now))
    return headers
