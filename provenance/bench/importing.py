"""Import rate: the bulk load next to raw COPY and to loading with every trigger on.

Each measurement runs in a scratch database created beside the given one (same server,
same settings), migrated to head, and dropped afterwards:

- ``generate``: Python generating the rows alone, no database (the client's share).
- ``raw_copy``: the same attribution rows into a table with no index, check, generated column or
  trigger (``CREATE TEMP TABLE ... (LIKE attributions)``): the server's floor.
- ``bulk``: ``load_corpus`` in replica mode, COPY phase and end to end (indexes, checks).
- ``triggers``: ``load_corpus`` with every trigger on, as any writer would (smaller N).
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from provenance import migrate
from provenance.bench.cast import make_cast
from provenance.bench.load import COLUMNS, load_corpus
from provenance.bench.plan import CorpusPlan, IdBase
from provenance.bench.relays import Batch, Counters, make_batch


def generated_batches(plan: CorpusPlan) -> Iterator[Batch]:
    """The plan's batches, as the loader makes them (same seed, same rows)."""
    rng = random.Random(plan.seed)
    cast = make_cast(plan, IdBase(), rng)
    counters = Counters.after(IdBase())
    for first in range(0, plan.quotations, plan.batch_size):
        last = min(plan.quotations, first + plan.batch_size)
        yield make_batch(plan, IdBase(), cast, counters, rng, first, last)


@contextmanager
def scratch_database(url: str, name: str) -> Iterator[str]:
    """A fresh database ``name`` on the server of ``url``, migrated; dropped afterwards."""
    admin = psycopg.connect(url, autocommit=True)
    try:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        scratch = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
        migrate.upgrade(scratch)
        yield scratch
    finally:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.close()


def _rate(rows: int, seconds: float) -> dict[str, float]:
    return {"rows": rows, "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds)}


def measure_import(url: str, *, quotations: int, trigger_quotations: int) -> dict[str, Any]:
    """Attributions per second for each way of loading (see the module docstring)."""
    plan = CorpusPlan(quotations=quotations, seed=1)
    started = time.perf_counter()
    batches = list(generated_batches(plan))
    generate_seconds = time.perf_counter() - started
    attribution_rows = [line for batch in batches for line in batch.attributions]
    report: dict[str, Any] = {
        "quotations": quotations,
        "generate": _rate(len(attribution_rows), generate_seconds),
    }
    with scratch_database(url, "provenance_bench_import") as scratch:
        with psycopg.connect(scratch) as connection:
            connection.execute(
                "CREATE TEMP TABLE raw_attributions (LIKE attributions INCLUDING DEFAULTS)"
            )
            columns = sql.SQL(", ").join(map(sql.Identifier, COLUMNS["attributions"]))
            started = time.perf_counter()
            with (
                connection.cursor() as cursor,
                cursor.copy(
                    sql.SQL("COPY raw_attributions ({}) FROM STDIN").format(columns)
                ) as copy,
            ):
                for start in range(0, len(attribution_rows), 2_000):
                    copy.write("".join(attribution_rows[start : start + 2_000]))
            report["raw_copy"] = _rate(len(attribution_rows), time.perf_counter() - started)
            connection.rollback()
        bulk = load_corpus(scratch, plan, mode="replica", vacuum=False)
        loaded = bulk.rows["attributions"]
        report["bulk_copy_phase"] = _rate(loaded, bulk.seconds["copy"])
        report["bulk_end_to_end"] = _rate(loaded, bulk.total_seconds)
        report["bulk_phases"] = {k: round(v, 2) for k, v in bulk.seconds.items()}
    with scratch_database(url, "provenance_bench_import_triggers") as scratch:
        small = CorpusPlan(quotations=trigger_quotations, seed=1)
        with_triggers = load_corpus(scratch, small, mode="triggers", vacuum=False)
        report["triggers_end_to_end"] = _rate(
            with_triggers.rows["attributions"], with_triggers.total_seconds
        )
    return report
