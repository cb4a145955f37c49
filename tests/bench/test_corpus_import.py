"""The import benchmark measures every way of loading, in scratch databases it cleans up."""

from __future__ import annotations

import psycopg

from provenance.bench.corpus_import import measure_import


def test_measure_import_reports_each_rate_and_drops_its_scratch_databases(empty_url: str) -> None:
    report = measure_import(empty_url, quotations=30, trigger_quotations=10, incremental=3)
    for name in (
        "generate",
        "raw_copy",
        "bulk_copy_phase",
        "bulk_end_to_end",
        "generate_and_load_end_to_end",
        "incremental_keep_indexes",
        "incremental_rebuild_indexes",
        "triggers_end_to_end",
    ):
        assert report[name]["rows"] > 0, name
        assert report[name]["rows_per_s"] > 0, name
    assert report["raw_copy"]["rows"] == report["bulk_copy_phase"]["rows"]
    assert report["generate_and_load_end_to_end"]["rows"] == report["bulk_end_to_end"]["rows"]
    assert report["bulk_indexes"] == "after"
    with psycopg.connect(empty_url) as connection:
        left = connection.execute(
            "SELECT count(*) FROM pg_database WHERE datname LIKE 'provenance_bench_import%'"
        ).fetchone()
    assert left == (0,)
