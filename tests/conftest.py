"""Fixtures: one real PostgreSQL cluster per test session, a fresh database per test.

The cluster is the same embedded ``LocalCluster`` that ``provenance serve`` uses (so it
works as root too). pytest-postgresql clones a template database for every test: one
template holds the migrated empty schema, another the schema with the seeds loaded.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Iterator
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


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[LocalCluster]:
    """A throwaway PostgreSQL cluster for the whole session."""
    directory = Path(tempfile.mkdtemp(prefix="provenance-tests-"))
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
seeded_connection = factories.postgresql("seeded_template")


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


@pytest.fixture
def bare_url(pg_cluster: LocalCluster, bare_connection: psycopg.Connection) -> str:
    """URL of a fresh database with no schema (for migration tests)."""
    return _url_of(pg_cluster, bare_connection)


@pytest.fixture
def empty_url(pg_cluster: LocalCluster, empty_connection: psycopg.Connection) -> str:
    """URL of a fresh database with the migrated schema and no data."""
    return _url_of(pg_cluster, empty_connection)


@pytest.fixture
def seeded_url(pg_cluster: LocalCluster, seeded_connection: psycopg.Connection) -> str:
    """URL of a fresh database holding the seed articles."""
    return _url_of(pg_cluster, seeded_connection)
