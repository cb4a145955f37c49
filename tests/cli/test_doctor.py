"""`provenance doctor` on real databases: what is there, what is missing, with the fix."""

from __future__ import annotations

import json

from click.testing import CliRunner

from provenance import migrate
from provenance.cli import main


def _doctor(url: str, *arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["doctor", *arguments], env={"DATABASE_URL": url})
    return result.exit_code, result.output


def test_a_migrated_database_is_healthy(empty_url: str) -> None:
    code, output = _doctor(empty_url)
    assert code == 0, output
    assert f"ok       schema revision: at {migrate.head()}, newest {migrate.head()}" in output
    assert "ok       extension pg_trgm: installed" in output
    assert "MISSING" not in output


def test_an_empty_database_lacks_the_schema_and_says_how(bare_url: str) -> None:
    code, output = _doctor(bare_url, "--json")
    assert code == 1
    checks = {check["name"]: check for check in json.loads(output)}
    assert checks["connection"]["ok"] is True
    assert checks["schema revision"]["ok"] is False
    assert checks["schema revision"]["fix"] == "run `provenance db upgrade` as the database owner"
    assert checks["may create the schema"]["ok"] is True


def test_an_unreachable_server_is_one_finding(bare_url: str) -> None:
    code, output = _doctor(bare_url.replace("postgres:", "postgres:wrong", 1))
    assert code == 1
    assert output.startswith("MISSING  connection: PostgreSQL at")
    assert "refused the password" in output
