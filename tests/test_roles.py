"""The three roles of migration 0012: the owner migrates, the app writes data, the analyst reads."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from sqlalchemy.engine import URL

from provenance import migrate
from provenance.db import async_engine, session_factory
from provenance.seed_file import default_seed_file
from provenance.services.seeds import load_seeds
from provenance.services.transactions import write
from tests.api.writing_client import client
from tests.conftest import PROJECT_ROOT

APP_PASSWORD = "app secret ' with a quote"
ANALYST_PASSWORD = "analyst-secret"


def as_role(url: str, user: str, password: str) -> str:
    """``url`` with another user and password (libpq key/value form)."""
    return make_conninfo(url, user=user, password=password)


def url_of(conninfo: str) -> str:
    """A postgresql:// URL for the SQLAlchemy engines."""
    parts = conninfo_to_dict(conninfo)
    return URL.create(
        "postgresql",
        username=str(parts["user"]),
        password=str(parts["password"]),
        host=str(parts["host"]),
        port=int(str(parts["port"])),
        database=str(parts["dbname"]),
    ).render_as_string(hide_password=False)


@pytest.fixture
def with_logins(bare_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database migrated with passwords for the application and the analyst roles."""
    monkeypatch.setenv("PROVENANCE_APP_PASSWORD", APP_PASSWORD)
    monkeypatch.setenv("PROVENANCE_ANALYST_PASSWORD", ANALYST_PASSWORD)
    migrate.upgrade(bare_url)
    return bare_url


def _refused(conn: psycopg.Connection, statement: str) -> str:
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as caught:
        conn.execute(statement)
    conn.rollback()
    return str(caught.value)


def _seed(url: str) -> None:
    async def go() -> None:
        engine = async_engine(url, pool_size=1)
        try:
            await write(
                session_factory(engine),
                lambda s: load_seeds(s, path=default_seed_file()),
                actor="app-seed",
            )
        finally:
            await engine.dispose()

    asyncio.run(go())


def test_the_app_role_writes_data_through_the_services_and_history_records_it(
    with_logins: str,
) -> None:
    app_url = url_of(as_role(with_logins, "provenance_app", APP_PASSWORD))
    _seed(app_url)
    with psycopg.connect(with_logins) as conn:
        row = conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE actor = 'app-seed') FROM history"
        ).fetchone()
    assert row is not None
    assert row[0] > 100
    assert row[0] == row[1]
    # What the API does: read, mutate (a merge and its undo read history), tokens.
    with client(app_url, scopes=["write"]) as api:
        merged = api.data(
            'mutation { mergeSpeakers(input: {survivorSlug: "truck-driver", '
            'absorbedSlug: "sources-from-raqqa", reason: "test"}) '
            "{ merge { mergeId } userErrors { code } } }"
        )["mergeSpeakers"]
        assert merged["userErrors"] == []
        undone = api.data(
            "mutation($id: Int!) { undoMerge(input: {mergeId: $id}) { userErrors { code } } }",
            {"id": merged["merge"]["mergeId"]},
        )["undoMerge"]
        assert undone["userErrors"] == []
        found = api.data('{ quotations(search: "fighter jet") { edges { node { text } } } }')
        assert found["quotations"]["edges"]


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE mine (id int)",
        "ALTER TABLE quotations ADD COLUMN mine int",
        "DROP TABLE outlets",
        "TRUNCATE outlets",
        "CREATE INDEX ON outlets (name)",
        "CREATE TRIGGER t AFTER INSERT ON outlets EXECUTE FUNCTION history_refuse_change()",
        "INSERT INTO history (actor, transaction_id, table_name, row_id, operation) "
        "VALUES ('forged', 1, 'quotations', 1, 'INSERT')",
        "UPDATE alembic_version SET version_num = '0001'",
        "CREATE TEMP TABLE mine (id int)",
        "SET ROLE postgres",
        "SET ROLE provenance_analyst",
        "CREATE FUNCTION mine() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    ],
)
def test_the_app_role_cannot_ddl_or_write_history(with_logins: str, statement: str) -> None:
    with psycopg.connect(as_role(with_logins, "provenance_app", APP_PASSWORD)) as conn:
        _refused(conn, statement)
        assert conn.execute("SELECT count(*) FROM history").fetchone() == (0,)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() is not None


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO outlets (slug, name) VALUES ('x', 'X')",
        "UPDATE quotations SET text = 'x'",
        "DELETE FROM attributions",
        "INSERT INTO history (actor, transaction_id, table_name, row_id, operation) "
        "VALUES ('forged', 1, 'quotations', 1, 'INSERT')",
        "SELECT * FROM api_tokens",
        "CREATE TEMP TABLE mine (id int)",
        "CREATE TABLE mine (id int)",
        "SET ROLE provenance_app",
        "SET ROLE postgres",
    ],
)
def test_the_analyst_reads_and_cannot_write(with_logins: str, statement: str) -> None:
    with psycopg.connect(as_role(with_logins, "provenance_analyst", ANALYST_PASSWORD)) as conn:
        assert conn.execute("SELECT count(*) FROM quotation_overview").fetchone() == (0,)
        _refused(conn, statement)


def test_the_password_reaches_the_server_as_a_scram_verifier(with_logins: str) -> None:
    with psycopg.connect(with_logins) as conn:
        rows = conn.execute(
            "SELECT rolname, rolcanlogin, left(rolpassword, 14) FROM pg_authid "
            "WHERE rolname IN ('provenance_app', 'provenance_analyst') ORDER BY 1"
        ).fetchall()
    assert rows == [
        ("provenance_analyst", True, "SCRAM-SHA-256$"),
        ("provenance_app", True, "SCRAM-SHA-256$"),
    ]


def test_role_names_from_alembic_x_arguments_nologin_without_password(bare_url: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROVENANCE_")}
    env["DATABASE_URL"] = bare_url

    def alembic(*args: str) -> None:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "alembic",
                "-c",
                str(PROJECT_ROOT / "alembic.ini"),
                "-x",
                "app_role=dbsec_app",
                "-x",
                "analyst_role=dbsec_analyst",
                *args,
            ],
            cwd=PROJECT_ROOT,
            env=env,
            check=True,
            capture_output=True,
        )

    alembic("upgrade", "head")
    with psycopg.connect(bare_url) as conn:
        rows = conn.execute(
            "SELECT r.rolname, r.rolcanlogin, "
            "array(SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "      WHERE m.member = r.oid), "
            "has_table_privilege(r.oid, 'attributions', 'INSERT') "
            "FROM pg_roles r WHERE r.rolname LIKE 'dbsec_%' ORDER BY 1"
        ).fetchall()
    assert rows == [
        ("dbsec_analyst", False, ["provenance_readonly"], False),
        ("dbsec_app", False, [], True),
    ]
    alembic("downgrade", "0011")
    with psycopg.connect(bare_url) as conn:
        left = conn.execute("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'dbsec_%'")
        assert left.fetchone() == (0,)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("PROVENANCE_APP_ROLE", "postgres", "running the migrations"),
        ("PROVENANCE_ANALYST_ROLE", "provenance_app", "must differ"),
    ],
)
def test_a_privileged_or_shared_role_is_refused(
    bare_url: str, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(Exception, match=message):
        migrate.upgrade(bare_url)
