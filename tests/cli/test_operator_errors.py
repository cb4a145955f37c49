"""What an operator can get wrong ends in one short message, never a traceback.

Against real PostgreSQL servers: the session's cluster, and for the missing CREATEROLE a
fresh cluster of its own (roles are cluster-wide, and the session's already has them).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner, Result
from psycopg import sql

from provenance.cli import main
from provenance.localdb import LocalCluster, free_port


def _run(*arguments: str, url: str) -> Result:
    return CliRunner().invoke(main, list(arguments), env={"DATABASE_URL": url})


def _short_failure(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert len(result.output.splitlines()) <= 3, result.output
    return result.output


def test_wrong_password(pg_cluster: LocalCluster) -> None:
    url = f"postgresql://postgres:wrong@{pg_cluster.host}:{pg_cluster.port}/postgres"
    output = _short_failure(_run("db", "current", url=url))
    assert "refused the password of role postgres" in output
    assert "DATABASE_URL" in output


def test_nothing_listens_on_the_port() -> None:
    url = f"postgresql://postgres:x@127.0.0.1:{free_port()}/provenance"
    output = _short_failure(_run("db", "upgrade", url=url))
    assert "connection refused" in output
    assert "start PostgreSQL" in output


def test_missing_database(pg_cluster: LocalCluster) -> None:
    output = _short_failure(_run("seed", url=pg_cluster.url("no_such_database")))
    assert "the database no_such_database does not exist" in output


def test_debug_shows_the_real_error() -> None:
    url = f"postgresql://postgres:x@127.0.0.1:{free_port()}/provenance"
    result = CliRunner().invoke(main, ["--debug", "db", "current"], env={"DATABASE_URL": url})
    assert isinstance(result.exception, Exception)
    assert "Connection refused" in str(result.exception)


def test_a_revision_this_version_does_not_know(empty_url: str) -> None:
    with psycopg.connect(empty_url, autocommit=True) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    output = _short_failure(_run("db", "upgrade", url=empty_url))
    assert "revision 9999, which this version of provenance does not know" in output
    served = _short_failure(_run("serve", url=empty_url))
    assert "run `provenance db upgrade` first" in served


def test_a_database_without_the_schema(bare_url: str) -> None:
    output = _short_failure(_run("chain", "anything", url=bare_url))
    assert "provenance db upgrade" in output


@pytest.fixture(scope="module")
def fresh_cluster() -> Iterator[LocalCluster]:
    directory = Path(tempfile.mkdtemp(prefix="provenance-fresh-"))
    cluster = LocalCluster(directory, durable=False)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


def _owner_without_createrole(cluster: LocalCluster, name: str) -> str:
    with psycopg.connect(cluster.url(), autocommit=True) as connection:
        connection.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'owner-pw'").format(sql.Identifier(name))
        )
        connection.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(name), sql.Identifier(name)
            )
        )
    return f"postgresql://{name}:owner-pw@{cluster.host}:{cluster.port}/{name}"


def test_upgrade_without_createrole_says_which_role_to_create(
    fresh_cluster: LocalCluster,
) -> None:
    url = _owner_without_createrole(fresh_cluster, "owner_only")
    doctor = CliRunner().invoke(main, ["doctor"], env={"DATABASE_URL": url})
    assert doctor.exit_code == 1, doctor.output
    assert "MISSING  role provenance_readonly: missing; owner_only may not create roles" in (
        doctor.output
    )
    for role in ("provenance_app", "provenance_analyst"):
        assert f"MISSING  application role {role}" in doctor.output or (
            f"MISSING  analyst role {role}" in doctor.output
        )
    # Each failure names the role to create; an administrator doing just that gets there.
    created: list[str] = []
    result = _run("db", "upgrade", url=url)
    while result.exit_code != 0 and len(created) < 4:
        output = _short_failure(result)
        named = re.search(r"run (CREATE ROLE \w+ NOLOGIN|GRANT \w+ TO \w+)", output)
        assert named, output
        created.append(named.group(1))
        with psycopg.connect(fresh_cluster.url(), autocommit=True) as connection:
            connection.execute(named.group(1))  # the statement the message names
        result = _run("db", "upgrade", url=url)
    assert result.exit_code == 0, result.output
    assert created == [
        "CREATE ROLE provenance_readonly NOLOGIN",
        "CREATE ROLE provenance_app NOLOGIN",
        "CREATE ROLE provenance_analyst NOLOGIN",
        "GRANT provenance_readonly TO provenance_analyst",
    ]
    doctor = CliRunner().invoke(main, ["doctor"], env={"DATABASE_URL": url})
    assert "ok       schema revision" in doctor.output
