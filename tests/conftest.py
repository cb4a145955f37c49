"""Fixtures: one real PostgreSQL cluster per test session (per xdist worker).

The cluster is the same embedded ``LocalCluster`` that ``provenance serve`` uses (so it
works as root too). Two kinds of database:

- A test that writes gets its own: pytest-postgresql clones a template database for it
  (``bare_url``, ``empty_url``, ``seeded_url``; one template holds the migrated empty
  schema, another the schema with the seeds loaded).
- A test that only reads shares one built once per session (``shared_seeded_url``, and
  ``shared_databases`` for other contents, e.g. a generated corpus): Datasette's app_client
  pattern. Such a database is read-only (``default_transaction_read_only`` on the
  database), so a test that writes to it fails at once instead of leaking into others.
  A test (or a module, with ``pytestmark``) marked ``reads_only`` gets these from
  ``seeded_url``, ``empty_url``, ``api`` and ``resolvers_api`` too.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import psycopg.sql
import pytest
from pytest_postgresql import factories
from pytest_postgresql.executors import NoopExecutor
from pytest_postgresql.janitor import DatabaseJanitor

from provenance import migrate
from provenance.db import async_engine, session_factory
from provenance.localdb import SUPERUSER, LocalCluster
from provenance.seed_file import default_seed_file
from provenance.services.seeds import load_seeds
from provenance.services.transactions import write

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def _temporary_user_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A command a test runs without DATABASE_URL never touches the user's embedded database:
    the per-user data folder ($XDG_DATA_HOME/provenance) is a temporary one."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
        yield


def _memory_folder() -> str | None:
    """A folder in memory (Linux's /dev/shm) when there is one, else None (the temp folder).

    Tests clone template databases all the time: on a disk one clone takes seconds on a busy
    machine, in memory about a tenth of a second.
    """
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK) else None


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[LocalCluster]:
    """A throwaway PostgreSQL cluster for the whole session (each xdist worker has its own)."""
    directory = Path(tempfile.mkdtemp(prefix="provenance-tests-", dir=_memory_folder()))
    cluster = LocalCluster(directory, durable=False)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


def _executor(cluster: LocalCluster, dbname: str) -> NoopExecutor:
    return NoopExecutor(
        host=cluster.host,
        port=cluster.port,
        user=SUPERUSER,
        password=cluster.password,
        dbname=dbname,
        options="",
    )


def _template(cluster: LocalCluster, dbname: str) -> Iterator[NoopExecutor]:
    executor = _executor(cluster, dbname)
    janitor = DatabaseJanitor(
        user=SUPERUSER,
        host=cluster.host,
        port=cluster.port,
        dbname=executor.template_dbname,
        password=cluster.password,
        as_template=True,
    )
    janitor.init()
    try:
        yield executor
    finally:
        janitor.drop()


@pytest.fixture(scope="session")
def migrated_template(pg_cluster: LocalCluster) -> Iterator[NoopExecutor]:
    """Template database with the schema migrated to head."""
    for executor in _template(pg_cluster, "provenance_empty"):
        migrate.upgrade(pg_cluster.url(executor.template_dbname))
        yield executor


@pytest.fixture(scope="session")
def seeded_template(pg_cluster: LocalCluster) -> Iterator[NoopExecutor]:
    """Template database with the schema migrated and the seed articles loaded."""
    for executor in _template(pg_cluster, "provenance_seeded"):
        url = pg_cluster.url(executor.template_dbname)
        migrate.upgrade(url)
        asyncio.run(_seed(url))
        yield executor


async def _seed(url: str) -> None:
    engine = async_engine(url)
    try:
        await write(
            session_factory(engine), lambda s: load_seeds(s, path=default_seed_file()), actor="seed"
        )
    finally:
        await engine.dispose()


bare_connection = factories.postgresql("pg_bare_proc")
empty_connection = factories.postgresql("migrated_template")
seeded_clone_connection = factories.postgresql("seeded_template")
second_empty_connection = factories.postgresql("migrated_template", dbname="provenance_empty_2")


@pytest.fixture(scope="session")
def pg_bare_proc(pg_cluster: LocalCluster) -> Iterator[NoopExecutor]:
    """Template of a database with nothing in it, not even the schema."""
    yield from _template(pg_cluster, "provenance_bare")


def _url_of(cluster: LocalCluster, connection: psycopg.Connection) -> str:
    url = cluster.url(connection.info.dbname)
    # CREATE DATABASE ... TEMPLATE copies tables and their grants, not the grants on the
    # database itself: take PUBLIC's TEMPORARY away again as migration 0011 does.
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            psycopg.sql.SQL("REVOKE TEMPORARY ON DATABASE {} FROM PUBLIC").format(
                psycopg.sql.Identifier(connection.info.dbname)
            )
        )
    return url


READS_ONLY = "reads_only"


def marked_reads_only(request: pytest.FixtureRequest) -> bool:
    """Whether the test is marked ``reads_only``: its databases are the shared ones."""
    return request.node.get_closest_marker(READS_ONLY) is not None


@pytest.fixture
def bare_url(pg_cluster: LocalCluster, bare_connection: psycopg.Connection) -> str:
    """URL of a fresh database with no schema (for migration tests)."""
    return _url_of(pg_cluster, bare_connection)


@pytest.fixture
def empty_url(request: pytest.FixtureRequest, pg_cluster: LocalCluster) -> str:
    """URL of a fresh database with the migrated schema and no data.

    For a test marked ``reads_only``: the session's shared read-only one instead.
    """
    if marked_reads_only(request):
        return str(request.getfixturevalue("shared_empty_url"))
    return _url_of(pg_cluster, request.getfixturevalue("empty_connection"))


@pytest.fixture
def second_empty_url(pg_cluster: LocalCluster, second_empty_connection: psycopg.Connection) -> str:
    """URL of a second fresh migrated database beside ``empty_url`` (two loads compared)."""
    return _url_of(pg_cluster, second_empty_connection)


@pytest.fixture
def seeded_url(request: pytest.FixtureRequest, pg_cluster: LocalCluster) -> str:
    """URL of a fresh database holding the seed articles.

    For a test marked ``reads_only``: the session's shared read-only one instead.
    """
    if marked_reads_only(request):
        return str(request.getfixturevalue("shared_seeded_url"))
    return _url_of(pg_cluster, request.getfixturevalue("seeded_clone_connection"))


@pytest.fixture
def seeded_connection(request: pytest.FixtureRequest) -> Iterator[psycopg.Connection]:
    """A connection to a fresh database holding the seed articles.

    For a test marked ``reads_only``: a connection to the session's shared read-only one.
    """
    if not marked_reads_only(request):
        yield request.getfixturevalue("seeded_clone_connection")
        return
    connection = psycopg.connect(str(request.getfixturevalue("shared_seeded_url")))
    try:
        yield connection
    finally:
        connection.close()


class SharedDatabases:
    """Databases built once per session and read-only from then on, by name.

    ``url(name, template=..., build=...)`` clones the template, lets ``build`` fill the
    clone (it may write), then sets ``default_transaction_read_only`` on the database and
    closes every connection to it, so every later connection reads only. The first call
    for a name builds it; later calls return the same URL.
    """

    def __init__(self, cluster: LocalCluster) -> None:
        self.cluster = cluster
        self._urls: dict[str, str] = {}

    def url(
        self,
        name: str,
        *,
        template: NoopExecutor,
        build: Callable[[str], object] | None = None,
    ) -> str:
        if name in self._urls:
            return self._urls[name]
        dbname = f"shared_{name}"
        identifier = psycopg.sql.Identifier(dbname)
        with psycopg.connect(self.cluster.url("postgres"), autocommit=True) as admin:
            admin.execute(
                psycopg.sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    identifier, psycopg.sql.Identifier(template.template_dbname)
                )
            )
            admin.execute(
                psycopg.sql.SQL("REVOKE TEMPORARY ON DATABASE {} FROM PUBLIC").format(identifier)
            )
        url = self.cluster.url(dbname)
        if build is not None:
            build(url)
        with psycopg.connect(self.cluster.url("postgres"), autocommit=True) as admin:
            admin.execute(
                psycopg.sql.SQL("ALTER DATABASE {} SET default_transaction_read_only = on").format(
                    identifier
                )
            )
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (dbname,),
            )
        self._urls[name] = url
        return url


@pytest.fixture(scope="session")
def shared_databases(pg_cluster: LocalCluster) -> SharedDatabases:
    """Read-only databases built once per session: for tests that only read."""
    return SharedDatabases(pg_cluster)


@pytest.fixture(scope="session")
def shared_seeded_url(shared_databases: SharedDatabases, seeded_template: NoopExecutor) -> str:
    """URL of the seeded database every read-only test shares (writes fail: read-only)."""
    return shared_databases.url("seeded", template=seeded_template)


@pytest.fixture(scope="session")
def shared_empty_url(shared_databases: SharedDatabases, migrated_template: NoopExecutor) -> str:
    """URL of a migrated empty database read-only tests share."""
    return shared_databases.url("empty", template=migrated_template)
