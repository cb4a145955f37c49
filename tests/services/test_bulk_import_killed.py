"""A bulk import killed with SIGKILL mid-way, then resumed: the same database as one
uninterrupted import (a real subprocess, a real kill)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import psycopg

from provenance import migrate
from provenance.services.bulk_import import KILL_AFTER_ENV
from tests.services.test_bulk_import import bulk_import, generated_text
from tests.services.writing_support import export_text

#: What an interrupted import must leave as an uninterrupted one does, besides the export.
STATE = (
    "SELECT table_name, operation, count(*) FROM history GROUP BY 1, 2 ORDER BY 1, 2",
    "SELECT count(*) FROM import_chunks",
    "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
    "SELECT q.slug, w.words::text FROM quotation_printed_words w "
    "JOIN quotations q ON q.id = w.quotation_id ORDER BY 1",
)


def state(url: str) -> list[list[tuple[object, ...]]]:
    with psycopg.connect(url) as connection:
        return [connection.execute(query).fetchall() for query in STATE]


def run_import(url: str, file: Path, *extra: str, kill_after: int | None = None) -> int:
    env = {**os.environ, "DATABASE_URL": url}
    env.pop(KILL_AFTER_ENV, None)
    if kill_after is not None:
        env[KILL_AFTER_ENV] = str(kill_after)
    command = [sys.executable, "-m", "provenance", "import", "--bulk", "--chunk-bytes", "4096"]
    done = subprocess.run(
        [*command, *extra, str(file)], env=env, capture_output=True, text=True, timeout=600
    )
    return done.returncode


def test_killed_mid_way_then_resumed_is_an_uninterrupted_import(
    empty_url: str, bare_url: str, tmp_path: Path
) -> None:
    data = generated_text(40)
    file = tmp_path / "corpus.jsonl"
    file.write_text(data)
    assert len(data.encode()) > 5 * 4096  # several chunks, so the kill lands mid-way

    assert run_import(empty_url, file, kill_after=2) == -signal.SIGKILL
    with psycopg.connect(empty_url) as connection:
        half = connection.execute("SELECT count(*) FROM quotations").fetchone()
        chunks = connection.execute("SELECT count(*) FROM import_chunks").fetchone()
    assert chunks == (2,)  # two chunks committed, the third died in its transaction
    assert half is not None
    assert half[0] > 0

    assert run_import(empty_url, file, "--resume") == 0

    migrate.upgrade(bare_url)
    bulk_import(bare_url, data)
    assert export_text(empty_url) == export_text(bare_url)
    assert state(empty_url) == state(bare_url)
