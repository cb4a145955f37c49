"""A closed-loop load generator: N workers, each sending its next request when one returns.

Bounded in count and in time. Latencies are wall-clock per request, measured by the
client, so they include the HTTP round trip (all on 127.0.0.1).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field


@dataclass
class Measurement:
    """Latencies of one run, in seconds, and what went wrong."""

    latencies: list[float] = field(default_factory=list)
    elapsed: float = 0.0
    errors: int = 0
    first_error: str | None = None

    def percentile(self, fraction: float) -> float:
        """The latency below which ``fraction`` of requests fell (nearest rank)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
        return ordered[index]

    @property
    def throughput(self) -> float:
        """Completed requests per second."""
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def summary(self) -> dict[str, float | int | str | None]:
        """The numbers reported, latencies in milliseconds."""
        return {
            "requests": len(self.latencies),
            "errors": self.errors,
            "first_error": self.first_error,
            "p50_ms": round(self.percentile(0.50) * 1000, 2),
            "p95_ms": round(self.percentile(0.95) * 1000, 2),
            "p99_ms": round(self.percentile(0.99) * 1000, 2),
            "throughput_rps": round(self.throughput, 1),
        }


# call(worker, index) performs request number ``index`` on behalf of ``worker``; it
# returns an error message, or None when the answer was right.
Call = Callable[[int, int], Awaitable[str | None]]


async def run_load(
    call: Call, *, concurrency: int, requests: int, time_limit: float, warmup: int = 0
) -> Measurement:
    """Send ``requests`` calls from ``concurrency`` workers, or fewer if time runs out."""
    for index in range(warmup):
        await call(0, index)
    measurement = Measurement()
    next_index = 0
    started = time.perf_counter()
    deadline = started + time_limit

    async def worker(number: int) -> None:
        nonlocal next_index
        while next_index < requests and time.perf_counter() < deadline:
            index = next_index
            next_index += 1
            sent = time.perf_counter()
            try:
                error = await call(number, index)
            except Exception as exc:  # a failed request is counted, not fatal
                error = f"{type(exc).__name__}: {exc}"
            if error is None:
                measurement.latencies.append(time.perf_counter() - sent)
            else:
                measurement.errors += 1
                measurement.first_error = measurement.first_error or error[:500]

    await asyncio.gather(*(worker(n) for n in range(concurrency)))
    measurement.elapsed = time.perf_counter() - started
    return measurement
