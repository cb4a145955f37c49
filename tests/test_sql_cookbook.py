"""Every query of docs/sql-cookbook.md runs on the seeds and gives what the page says."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import psycopg
import pytest

pytestmark = pytest.mark.reads_only  # only reads: the session's shared database

COOKBOOK = Path(__file__).resolve().parents[1] / "docs" / "sql-cookbook.md"
RECIPE = re.compile(r"^```sql\n(?P<sql>.*?)^```\n<!-- expect: (?P<expect>\{.*?\}) -->", re.S | re.M)


def recipes() -> list[tuple[str, dict[str, Any]]]:
    text = COOKBOOK.read_text()
    found = [(m["sql"], json.loads(m["expect"])) for m in RECIPE.finditer(text)]
    # Every sql block must carry an expectation, or it would go untested.
    assert len(found) == len(re.findall(r"^```sql$", text, re.M)), (
        "a ```sql block lacks its <!-- expect --> line"
    )
    return found


def test_the_cookbook_answers_at_least_ten_questions() -> None:
    assert len(recipes()) >= 10


@pytest.mark.parametrize(
    ("sql", "expect"), recipes(), ids=lambda v: "" if isinstance(v, dict) else v.split("\n")[0][:40]
)
def test_recipe_runs_on_the_seeds(
    seeded_connection: psycopg.Connection, sql: str, expect: dict[str, Any]
) -> None:
    seeded_connection.execute("SET ROLE provenance_readonly")  # analysts' rights are enough
    rows = seeded_connection.execute(sql).fetchall()
    cells = [json.dumps(v, default=str) if not isinstance(v, str) else v for r in rows for v in r]
    if "rows" in expect:
        assert len(rows) == expect["rows"]
    assert len(rows) >= expect.get("min_rows", 0)
    for wanted in expect.get("includes", []):
        assert any(wanted in cell for cell in cells), f"{wanted!r} not in the result"
    for unwanted in expect.get("excludes", []):
        assert not any(unwanted in cell for cell in cells), f"{unwanted!r} in the result"
