"""The API as the application role through PgBouncer in transaction mode, for real.

PgBouncer runs with deploy/pgbouncer/pgbouncer.ini (the compose file's), pointed at the test
cluster. Debian's PgBouncer is 1.18: before 1.21 it cannot follow prepared statements in
transaction mode, so the API runs with PROVENANCE_PREPARED_STATEMENTS=false as docs/deploy.md
says; with 1.21 or newer the configuration's max_prepared_statements is kept and prepared
statements stay on.
"""

from __future__ import annotations

import configparser
import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from provenance import pgctl
from provenance.api.app import create_app
from provenance.cli import main
from provenance.config import Settings
from provenance.db import StatementCounter
from provenance.localdb import LocalCluster, free_port
from tests.api.conftest import GraphQLClient
from tests.api.writing_client import make_token

ROOT = Path(__file__).resolve().parents[1]
APP_ROLE = "bouncer_app"
APP_PASSWORD = "bouncer-secret"
SEARCH = '{ quotations(search: "fighter jet", first: 1) { edges { node { id text } } } }'
WRITE = 'mutation { createSpeaker(input: {slug: "ada", name: "Ada", kind: PERSON}) { speaker { id } userErrors { message } } }'  # noqa: E501


def _version(binary: str) -> tuple[int, int]:
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)
    found = re.search(r"PgBouncer (\d+)\.(\d+)", out.stdout)
    assert found, out.stdout
    return int(found.group(1)), int(found.group(2))


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text() if log.exists() else "pgbouncer exited"
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("pgbouncer did not listen within 20 s")


@contextlib.contextmanager
def _api(settings: Settings) -> Iterator[GraphQLClient]:
    app = create_app(settings)
    with TestClient(app) as http:
        yield GraphQLClient(http, StatementCounter(app.state.engine))


@pytest.fixture
def bouncer(pg_cluster: LocalCluster, bare_url: str) -> Iterator[tuple[str, bool]]:
    """(URL of the database through PgBouncer as the application role, prepared statements).

    ``bare_url`` (the owner's, directly) is migrated and seeded first.
    """
    binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    assert Path(binary).exists(), "pgbouncer is missing: apt-get install pgbouncer (make setup)"
    dbname = bare_url.rsplit("/", 1)[1]
    # The owner migrates (creating the application role with its password) and seeds.
    env = {
        "DATABASE_URL": bare_url,
        "PROVENANCE_APP_ROLE": APP_ROLE,
        "PROVENANCE_APP_PASSWORD": APP_PASSWORD,
    }
    for command in (["db", "upgrade"], ["seed"]):
        result = CliRunner().invoke(main, command, env=env)
        assert result.exit_code == 0, result.output
    config = configparser.ConfigParser(inline_comment_prefixes=(";",))
    config.read(ROOT / "deploy" / "pgbouncer" / "pgbouncer.ini")
    assert config["pgbouncer"]["pool_mode"] == "transaction"
    prepared = _version(binary) >= (1, 21)
    if not prepared:
        config.remove_option("pgbouncer", "max_prepared_statements")
    port = free_port()
    # Not under pytest's tmp_path: as root, PgBouncer runs as a user who cannot enter it.
    folder = Path(tempfile.mkdtemp(prefix="provenance-pgbouncer-"))
    config["databases"] = {
        "provenance": f"host={pg_cluster.host} port={pg_cluster.port} dbname={dbname}"
    }
    config["pgbouncer"].update(
        listen_addr="127.0.0.1",
        listen_port=str(port),
        unix_socket_dir="",
        auth_file=str(folder / "userlist.txt"),
        logfile=str(folder / "pgbouncer.log"),
        pidfile="",
    )
    (folder / "userlist.txt").write_text(f'"{APP_ROLE}" "{APP_PASSWORD}"\n')
    with (folder / "pgbouncer.ini").open("w") as out:
        config.write(out)
    command = [binary, str(folder / "pgbouncer.ini")]
    if os.geteuid() == 0:  # PgBouncer refuses to run as root, like PostgreSQL
        user = pgctl.runtime_user()
        for path in (folder, *folder.iterdir()):
            os.chown(path, user.pw_uid, user.pw_gid)
        command = ["runuser", "-u", user.pw_name, "--", *command]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(port, process, folder / "pgbouncer.log")
        yield f"postgresql://{APP_ROLE}:{APP_PASSWORD}@127.0.0.1:{port}/provenance", prepared
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def test_the_api_through_pgbouncer_as_the_application_role(
    bouncer: tuple[str, bool], bare_url: str
) -> None:
    url, prepared = bouncer
    settings = Settings(database_url=url, pool_size=4, prepared_statements=prepared)
    secret = make_token(bare_url, "bouncer", ["write"])  # by the owner, directly
    with _api(settings) as api:
        # Enough repeats for psycopg to prepare its statements (from the 5th use) if it may.
        answers = [api.data(SEARCH) for _ in range(12)]
        assert answers[0]["quotations"]["edges"][0]["node"]["text"].startswith("monitored by")
        assert all(answer == answers[0] for answer in answers)
        # The application role writes rows through the pooler, and the audit history too.
        written = api(WRITE, secret=secret)
        assert "errors" not in written, written
        assert written["data"]["createSpeaker"]["userErrors"] == []
        again = api('{ speaker(slug: "ada") { name } }')
        assert again["data"]["speaker"] == {"name": "Ada"}
