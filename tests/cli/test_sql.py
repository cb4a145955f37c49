"""`provenance sql`: psql as the configured login, or read-only as the analyst."""

from __future__ import annotations

import subprocess

import psycopg
import pytest
from click.testing import CliRunner
from psycopg.conninfo import make_conninfo

from provenance import readonly_login
from provenance.cli import main
from provenance.localdb import LocalCluster


class PsqlRuns:
    """Stands in for subprocess.call in `provenance sql`: runs psql, keeps what it printed."""

    def __init__(self) -> None:
        self.runs: list[tuple[list[str], dict[str, str], subprocess.CompletedProcess[str]]] = []

    def __call__(self, argv: list[str], env: dict[str, str]) -> int:
        ran = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        self.runs.append((argv, env, ran))
        return ran.returncode


ESCAPES = [
    "SET ROLE postgres",
    "SET ROLE provenance_app",
    "SET SESSION AUTHORIZATION postgres",
    "INSERT INTO outlets (slug, name) VALUES ('x', 'X')",
    "UPDATE quotations SET text = 'x'",
    "CREATE TEMP TABLE t (i int)",
    "SELECT * FROM api_tokens",
]


def _sql(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], statement: str
) -> tuple[int, subprocess.CompletedProcess[str], dict[str, str]]:
    psql = PsqlRuns()
    monkeypatch.setattr(subprocess, "call", psql)
    result = CliRunner().invoke(
        main, ["sql", "--read-only", "--", "-tAX", "-c", statement], env=env
    )
    (argv, psql_env, ran) = psql.runs[0]
    assert "-c" in argv
    assert not any("@" in a for a in argv)  # no URL, so no password in argv
    return result.exit_code, ran, psql_env


def test_sql_read_only_logs_in_as_a_session_role_that_cannot_escape(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"DATABASE_URL": seeded_url, "PROVENANCE_ANALYST_PASSWORD": ""}
    code, ran, psql_env = _sql(monkeypatch, env, "SELECT current_user, count(*) FROM quotations")
    assert code == 0, ran.stderr
    user, count = ran.stdout.strip().split("|")
    assert user.startswith("provenance_sql_")
    assert psql_env["PGUSER"] == user
    assert count == "26"
    for statement in ESCAPES:
        code, ran, _ = _sql(monkeypatch, env, statement)
        assert code != 0, statement
        assert "permission denied" in ran.stderr, (statement, ran.stderr)
    with psycopg.connect(seeded_url) as conn:  # each session's role is gone afterwards
        left = conn.execute("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'provenance_sql_%'")
        assert left.fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM outlets WHERE slug = 'x'").fetchone() == (0,)


def test_sql_read_only_uses_the_configured_analyst_login(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with psycopg.connect(seeded_url, autocommit=True) as conn:
        conn.execute("ALTER ROLE provenance_analyst LOGIN PASSWORD 'analyst-pw'")
    env = {"DATABASE_URL": seeded_url, "PROVENANCE_ANALYST_PASSWORD": "analyst-pw"}
    code, ran, _ = _sql(monkeypatch, env, "SELECT current_user")
    assert (code, ran.stdout.strip()) == (0, "provenance_analyst")
    code, ran, _ = _sql(monkeypatch, env, "SET ROLE postgres")
    assert code != 0
    assert "permission denied" in ran.stderr


def test_sql_read_only_refuses_a_configured_login_that_can_write(seeded_url: str) -> None:
    with psycopg.connect(seeded_url, autocommit=True) as conn:
        conn.execute("ALTER ROLE provenance_app LOGIN PASSWORD 'app-pw'")
    env = {
        "DATABASE_URL": seeded_url,
        "PROVENANCE_ANALYST_ROLE": "provenance_app",
        "PROVENANCE_ANALYST_PASSWORD": "app-pw",
    }
    result = CliRunner().invoke(main, ["sql", "--read-only"], env=env)
    assert result.exit_code == 1
    assert "provenance_app is a member of no role, not of provenance_readonly only" in result.output


def test_the_embedded_analyst_login_has_a_generated_password_and_reads_only(
    pg_cluster: LocalCluster, seeded_url: str
) -> None:
    url = seeded_url
    login = readonly_login.embedded_login(url, pg_cluster.directory)
    password_file = pg_cluster.directory / readonly_login.PASSWORD_FILE
    assert password_file.stat().st_mode & 0o777 == 0o600
    assert login == readonly_login.Login("provenance_analyst", password_file.read_text().strip())
    assert readonly_login.embedded_login(url, pg_cluster.directory) == login  # kept
    with psycopg.connect(make_conninfo(url, user=login.user, password=login.password)) as conn:
        assert conn.execute("SELECT count(*) FROM quotations").fetchone() == (26,)
        for statement in ESCAPES:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
            conn.rollback()
