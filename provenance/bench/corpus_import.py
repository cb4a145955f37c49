"""Import rate: the bulk load next to raw COPY and to loading with every trigger on.

Each measurement runs in a scratch database created beside the given one (same server,
same settings), migrated to head, and dropped afterwards:

- ``generate``: Python generating the rows alone, no database (the client's share).
- ``raw_copy``: the same attribution rows into a table with no index, check, generated column or
  trigger (``CREATE TEMP TABLE ... (LIKE attributions)``): the server's floor.
- ``bulk``: ``load_corpus`` in replica mode of rows generated beforehand (an import of
  rows that exist: generating them is not importing them), COPY phase and end to end
  (COPY, set-based checks, commit, then the index builds).
- ``generate_and_load``: the same load generating its rows as it goes, in a thread beside
  the COPY (``provenance bench generate``): Python's share included.
- ``incremental``: (optional) a smaller load on top of the bulk one, twice: keeping the
  indexes (maintained row by row), then dropping and rebuilding them in the transaction.
- ``triggers``: ``load_corpus`` with every trigger on, as any writer would (smaller N).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from provenance import migrate
from provenance.bench.load import COLUMNS, Prepared, id_base, load_corpus
from provenance.bench.plan import CorpusPlan


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


def _measure_incremental(url: str, quotations: int) -> dict[str, Any]:
    """A smaller load on top of the bulk one, keeping the indexes, then rebuilding them."""
    found: dict[str, Any] = {}
    for strategy in ("keep", "rebuild"):
        plan = CorpusPlan(quotations=quotations, seed=2)
        with psycopg.connect(url) as connection:
            base = id_base(connection)
        load = load_corpus(
            url,
            plan,
            mode="replica",
            indexes=strategy,
            vacuum=False,
            prepared=Prepared.generate(plan, base),
        )
        found[f"incremental_{strategy}_indexes"] = _rate(
            load.rows["attributions"], load.total_seconds
        )
    return found


def measure_import(
    url: str, *, quotations: int, trigger_quotations: int, incremental: int = 0
) -> dict[str, Any]:
    """Attributions per second for each way of loading (see the module docstring)."""
    plan = CorpusPlan(quotations=quotations, seed=1)
    started = time.perf_counter()
    prepared = Prepared.generate(plan)
    generate_seconds = time.perf_counter() - started
    attribution_rows = [line for batch in prepared.batches for line in batch.attributions]
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
        bulk = load_corpus(scratch, plan, mode="replica", vacuum=False, prepared=prepared)
        loaded = bulk.rows["attributions"]
        report["bulk_copy_phase"] = _rate(loaded, bulk.seconds["copy"])
        report["bulk_end_to_end"] = _rate(loaded, bulk.total_seconds)
        report["bulk_indexes"] = bulk.indexes
        report["bulk_phases"] = {k: round(v, 2) for k, v in bulk.seconds.items()}
        report["bulk_index_seconds"] = bulk.index_seconds
        if incremental:
            report.update(_measure_incremental(scratch, incremental))
    del prepared, attribution_rows
    with scratch_database(url, "provenance_bench_import_generating") as scratch:
        generating = load_corpus(scratch, plan, mode="replica", vacuum=False)
        report["generate_and_load_end_to_end"] = _rate(
            generating.rows["attributions"], generating.total_seconds
        )
        report["generate_and_load_phases"] = {k: round(v, 2) for k, v in generating.seconds.items()}
    with scratch_database(url, "provenance_bench_import_triggers") as scratch:
        small = CorpusPlan(quotations=trigger_quotations, seed=1)
        with_triggers = load_corpus(scratch, small, mode="triggers", vacuum=False)
        report["triggers_end_to_end"] = _rate(
            with_triggers.rows["attributions"], with_triggers.total_seconds
        )
    return report
