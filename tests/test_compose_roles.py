"""The compose file's roles, applied to a real PostgreSQL: secrets in, three roles out.

The migrate service's environment runs `provenance db upgrade` (its /run/secrets/ paths
mapped to files here, db:5432 to a fresh cluster whose owner is a superuser, as the postgres
image makes POSTGRES_USER); then the API's environment logs in as the application role and
the analyst logs in with the analyst secret, each with only its rights.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import yaml
from click.testing import CliRunner
from psycopg import errors, sql

from provenance.cli import main
from provenance.config import Settings
from provenance.localdb import LocalCluster

ROOT = Path(__file__).resolve().parents[1]
SERVICES = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
COMPOSE_SECRETS = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["secrets"]


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    directory = Path(tempfile.mkdtemp(prefix="provenance-compose-"))
    fresh = LocalCluster(directory, durable=False)
    fresh.start()
    try:
        yield fresh
    finally:
        fresh.stop()
        shutil.rmtree(directory, ignore_errors=True)


def _environment(service: str, cluster: LocalCluster, secrets: dict[str, Path]) -> dict[str, str]:
    env: dict[str, str] = {}
    for name, value in SERVICES[service]["environment"].items():
        text = str(value)
        if text.startswith("/run/secrets/"):
            text = str(secrets[text.removeprefix("/run/secrets/")])
        text = text.replace("@db:5432", f"@{cluster.host}:{cluster.port}")
        text = text.replace("@pgbouncer:6432", f"@{cluster.host}:{cluster.port}")
        # Compose interpolation with nothing set: the default after ":-".
        env[name] = re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", text)
    return env


def _login(cluster: LocalCluster, role: str, password: str) -> psycopg.Connection[Any]:
    return psycopg.connect(
        host=cluster.host,
        port=cluster.port,
        dbname="provenance",
        user=role,
        password=password,
        autocommit=True,
    )


def test_the_compose_roles_on_a_real_postgresql(cluster: LocalCluster, tmp_path: Path) -> None:
    owner = SERVICES["db"]["environment"]["POSTGRES_USER"]
    passwords = {
        "owner_password": "owner-pw",
        "app_password": "app-pw",
        "analyst_password": "analyst-pw",
    }
    secrets = {}
    for name, password in passwords.items():
        assert name in COMPOSE_SECRETS
        secrets[name] = tmp_path / name
        secrets[name].write_text(password + "\n")
    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        admin.execute(
            sql.SQL("CREATE ROLE {} SUPERUSER LOGIN PASSWORD 'owner-pw'").format(
                sql.Identifier(owner)
            )
        )
        admin.execute(sql.SQL("CREATE DATABASE provenance OWNER {}").format(sql.Identifier(owner)))

    migrate = _environment("migrate", cluster, secrets)
    upgraded = CliRunner().invoke(main, ["db", "upgrade"], env=migrate)
    assert upgraded.exit_code == 0, upgraded.output

    app_role, analyst_role = migrate["PROVENANCE_APP_ROLE"], migrate["PROVENANCE_ANALYST_ROLE"]
    api = Settings.from_env(_environment("api", cluster, secrets))
    assert api.database_url is not None
    with psycopg.connect(api.database_url, autocommit=True) as app:
        assert app.execute("SELECT current_user").fetchone() == (app_role,)
        app.execute("INSERT INTO outlets (slug, name) VALUES ('o', 'O')")
        with pytest.raises(errors.InsufficientPrivilege):
            app.execute("CREATE TABLE intruder (x int)")
        with pytest.raises(errors.InsufficientPrivilege):
            app.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(owner)))

    with _login(cluster, analyst_role, "analyst-pw") as analyst:
        assert analyst.execute("SELECT count(*) FROM outlets").fetchone() == (1,)
        with pytest.raises(errors.InsufficientPrivilege):
            analyst.execute("INSERT INTO outlets (slug, name) VALUES ('p', 'P')")
        with pytest.raises(errors.InsufficientPrivilege):
            analyst.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(app_role)))

    # Seeding only when asked: the migrate step above loaded nothing.
    with _login(cluster, app_role, "app-pw") as app:
        assert app.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    seeded = CliRunner().invoke(main, ["db", "upgrade"], env={**migrate, "PROVENANCE_SEED": "demo"})
    assert seeded.exit_code == 0, seeded.output
    assert "Seeded the database at DATABASE_URL: 5 articles" in seeded.output
