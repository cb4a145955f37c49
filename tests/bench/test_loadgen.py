"""The load generator: bounded in count, counts errors, reports percentiles."""

from __future__ import annotations

import asyncio

from provenance.bench.loadgen import Measurement, run_load


def test_run_load_stops_at_the_request_count_and_counts_errors() -> None:
    seen: list[int] = []

    async def call(_worker: int, index: int) -> str | None:
        seen.append(index)
        await asyncio.sleep(0)
        return "wrong answer" if index % 10 == 0 else None

    measurement = asyncio.run(run_load(call, concurrency=3, requests=50, time_limit=30))
    assert sorted(seen) == list(range(50))
    assert measurement.errors == 5
    assert len(measurement.latencies) == 45
    assert measurement.first_error == "wrong answer"


def test_percentiles_use_the_nearest_rank() -> None:
    measurement = Measurement(latencies=[i / 1000 for i in range(1, 101)], elapsed=2.0)
    summary = measurement.summary()
    assert summary["p50_ms"] == 50.0
    assert summary["p95_ms"] == 95.0
    assert summary["p99_ms"] == 99.0
    assert summary["throughput_rps"] == 50.0
