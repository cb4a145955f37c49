"""Every SQL example of docs/audit.md runs against the seeded database."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest

DOC = Path(__file__).resolve().parents[1] / "docs" / "audit.md"
BLOCKS = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_document_has_examples() -> None:
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("sql", BLOCKS, ids=[f"block-{i}" for i in range(len(BLOCKS))])
def test_example_runs(seeded_connection: psycopg.Connection, sql: str) -> None:
    seeded_connection.autocommit = True  # the first example manages its own transaction
    with seeded_connection.cursor() as cursor:
        cursor.execute(sql)
