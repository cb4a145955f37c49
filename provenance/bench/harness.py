"""`provenance bench run`: every operation against our API, the SQL floor and PostGraphile.

The phases run one after the other, so that the servers never compete for the two cores:
sample variables once (repeatably), then serve our API and measure each case (statements
per request first, one request at a time; then latency and throughput at a fixed
concurrency), then the floor statements over plain connections, then PostGraphile.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import uvloop
from psycopg.rows import dict_row

from provenance.bench.asgi import STATEMENTS_PATH
from provenance.bench.cases import Case, discover
from provenance.bench.http import HttpClient
from provenance.bench.loadgen import Call, run_load
from provenance.bench.servers import api_server, postgraphile_server
from provenance.bench.targets import (
    FloorTarget,
    GraphQLTarget,
    floor_connections,
    graphql_client,
)

TARGETS = ("api", "floor", "postgraphile")
CHECKED_ANSWERS = 5


@dataclass
class RunConfig:
    """What to measure and how hard."""

    database_url: str
    root: Path
    concurrency: int = 8
    #: Processes per server (API uvicorn workers, PostGraphile cluster workers). Statements
    #: are still counted right: each API process counts its own, and the counting requests
    #: share one kept connection, so one process.
    workers: int = 1
    requests: int = 400
    time_limit: float = 15.0
    samples: int = 200
    warmup: int = 10
    statement_samples: int = 10
    postgraphile: bool = True
    only: tuple[str, ...] = ()
    #: Read replicas of database_url: the API reads there (DATABASE_READ_URL), and so does
    #: the SQL floor (from the first). PostGraphile stays on database_url.
    read_urls: tuple[str, ...] = ()

    @property
    def bench(self) -> Path:
        return self.root / "bench"


@dataclass
class CaseResult:
    """The numbers of one case."""

    name: str
    samples: int = 0
    measured: dict[str, dict[str, Any]] = field(default_factory=dict)
    statements_per_request: dict[str, float] = field(default_factory=dict)
    # Item counts of the first answers per target, to check they return the same data.
    item_counts: dict[str, list[int | None]] = field(default_factory=dict)

    @property
    def same_data(self) -> bool | None:
        lists = [v for v in self.item_counts.values() if v and any(n is not None for n in v)]
        if len(lists) < 2:
            return None
        shortest = min(len(v) for v in lists)
        return all(v[:shortest] == lists[0][:shortest] for v in lists[1:])

    def ratio(self, target: str, other: str, key: str) -> float | None:
        a = self.measured.get(target, {}).get(key)
        b = self.measured.get(other, {}).get(key)
        if not a or not b:
            return None
        return round(float(a) / float(b), 2)


def sample_rows(url: str, case: Case, count: int) -> list[dict[str, Any]]:
    """``count`` rows of variables, the same ones on every run against the same data."""
    with psycopg.connect(url, row_factory=dict_row) as connection:
        connection.execute("SELECT setseed(0.42)")
        rows = connection.execute(case.sample_sql, {"count": count}).fetchall()
    return [dict(row) for row in rows]


def database_size(url: str) -> dict[str, int]:
    """Row counts of the main tables and the database size in bytes."""
    with psycopg.connect(url) as connection:
        found = connection.execute(
            """SELECT (SELECT count(*) FROM quotations), (SELECT count(*) FROM attributions),
                      (SELECT count(*) FROM articles), pg_database_size(current_database())"""
        ).fetchone()
    assert found is not None
    return dict(zip(("quotations", "attributions", "articles", "bytes"), found, strict=True))


async def _statements(client: HttpClient) -> int:
    return int((await client.get(STATEMENTS_PATH)).text)


async def _measure(config: RunConfig, call: Call) -> dict[str, Any]:
    measurement = await run_load(
        call,
        concurrency=config.concurrency,
        requests=config.requests,
        time_limit=config.time_limit,
        warmup=config.warmup,
    )
    return measurement.summary()


async def _api_phase(
    config: RunConfig, cases: list[Case], rows: dict[str, list[dict[str, Any]]],
    results: dict[str, CaseResult], log: Path,
) -> None:  # fmt: skip
    with api_server(
        config.database_url,
        log=log,
        pool_size=config.concurrency,
        workers=config.workers,
        read_urls=config.read_urls,
    ) as base:
        async with graphql_client(base, config.concurrency) as client:
            for case in cases:
                target = GraphQLTarget(client, "/graphql", case.operation)
                result = results[case.name]
                counts, answers = [], []
                deadline = time.monotonic() + config.time_limit
                for row in rows[case.name][: config.statement_samples]:
                    if time.monotonic() > deadline:
                        break
                    before = await _statements(client)
                    answers.append(await target.answer(row))
                    counts.append(await _statements(client) - before)
                result.statements_per_request = {
                    "mean": round(sum(counts) / max(len(counts), 1), 2),
                    "max": max(counts, default=0),
                }
                result.item_counts["api"] = [
                    case.item_count("api", a) for a in answers[:CHECKED_ANSWERS]
                ]
                result.measured["api"] = await _measure(config, target.call(rows[case.name]))


async def _floor_phase(
    config: RunConfig, cases: list[Case], rows: dict[str, list[dict[str, Any]]],
    results: dict[str, CaseResult],
) -> None:  # fmt: skip
    reads = config.read_urls[0] if config.read_urls else config.database_url
    async with floor_connections(reads, config.concurrency) as connections:
        for case in cases:
            if case.floor_sql is None:
                continue
            target = FloorTarget(connections, case)
            result = results[case.name]
            answers = [await target.answer(row) for row in rows[case.name][:CHECKED_ANSWERS]]
            result.item_counts["floor"] = [case.item_count("floor", a) for a in answers]
            result.measured["floor"] = await _measure(config, target.call(rows[case.name]))


async def _postgraphile_phase(
    config: RunConfig, cases: list[Case], rows: dict[str, list[dict[str, Any]]],
    results: dict[str, CaseResult], log: Path,
) -> None:  # fmt: skip
    twins = [case for case in cases if case.postgraphile is not None]
    if not twins:
        return
    functions = (config.bench / "postgraphile" / "functions.sql").read_text()
    with psycopg.connect(config.database_url, autocommit=True) as connection:
        connection.execute(functions)
    folder = config.bench / "postgraphile"
    with postgraphile_server(
        config.database_url,
        folder=folder,
        log=log,
        pool_size=config.concurrency,
        workers=config.workers,
    ) as base:
        async with graphql_client(base, config.concurrency) as client:
            for case in twins:
                assert case.postgraphile is not None
                target = GraphQLTarget(client, "/graphql", case.postgraphile)
                result = results[case.name]
                answers = [await target.answer(r) for r in rows[case.name][:CHECKED_ANSWERS]]
                result.item_counts["postgraphile"] = [
                    case.item_count("postgraphile", a) for a in answers
                ]
                result.measured["postgraphile"] = await _measure(
                    config, target.call(rows[case.name])
                )


async def run(config: RunConfig) -> dict[str, Any]:
    """Measure every case; the report as a JSON-ready dict."""
    cases, skipped = discover(
        [config.root / "graphql" / "operations", config.bench / "operations"], config.bench
    )
    if config.only:
        cases = [case for case in cases if case.name in config.only]
    rows = {case.name: sample_rows(config.database_url, case, config.samples) for case in cases}
    results = {
        case.name: CaseResult(name=case.name, samples=len(rows[case.name])) for case in cases
    }
    logs = config.bench / "results"
    started = time.time()
    await _api_phase(config, cases, rows, results, logs / "api.log")
    await _floor_phase(config, cases, rows, results)
    if config.postgraphile:
        await _postgraphile_phase(config, cases, rows, results, logs / "postgraphile.log")
    # URLs carry passwords: the report says how many replicas, not where.
    hidden = ("database_url", "root", "read_urls")
    config_dict = {k: v for k, v in asdict(config).items() if k not in hidden}
    config_dict["read_replicas"] = len(config.read_urls)
    return {
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "seconds": round(time.time() - started, 1),
        "config": {**config_dict, "only": list(config.only)},
        "database": database_size(config.database_url),
        "skipped": skipped,
        "cases": {
            name: {
                **asdict(result),
                "same_data": result.same_data,
                "api_p95_over_floor_p95": result.ratio("api", "floor", "p95_ms"),
                "api_rps_over_postgraphile_rps": result.ratio(
                    "api", "postgraphile", "throughput_rps"
                ),
                "api_p95_over_postgraphile_p95": result.ratio("api", "postgraphile", "p95_ms"),
            }
            for name, result in results.items()
        },
    }


def run_sync(config: RunConfig) -> dict[str, Any]:
    """``run`` from synchronous code, on uvloop: the client's own overhead stays small."""
    return uvloop.run(run(config))
