"""DATABASE_READ_URL for real: a primary and a streaming replica (pg_basebackup -R), two local
clusters in temporary folders on free loopback ports; reads go to the replica, writes (token
"last used" included) and a mutation's payload to the primary."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from starlette.testclient import TestClient

from provenance import migrate
from provenance.api.app import create_app
from provenance.config import Settings
from provenance.db import StatementCounter
from provenance.localdb import LocalCluster
from provenance.replica import create_replica, wait_for_replay
from tests.api.conftest import GraphQLClient
from tests.api.writing_client import make_token
from tests.services.writing_support import export_text

SPEAKER = 'query { speaker(slug: "silo") { name } }'
CREATE = (
    'mutation { createSpeaker(input: {slug: "silo", name: "Talal Silo", kind: PERSON}) '
    "{ speaker { slug name } userErrors { message } } }"
)


@pytest.fixture(scope="module")
def primary_and_replica() -> Iterator[tuple[str, str]]:
    """URLs of a migrated database on a primary and of the same on its streaming replica."""
    folders = [
        Path(tempfile.mkdtemp(prefix=f"provenance-{role}-")) for role in ("primary", "replica")
    ]
    primary = LocalCluster(folders[0], durable=False)
    replica: LocalCluster | None = None
    try:
        primary.start()
        url = primary.ensure_database("provenance")
        migrate.upgrade(url)
        replica = create_replica(primary, folders[1], durable=False)
        yield url, replica.url("provenance")
    finally:
        if replica is not None:
            replica.stop()
        primary.stop()
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def _one(url: str, sql: str) -> object:
    with psycopg.connect(url, autocommit=True) as connection:
        row = connection.execute(sql).fetchone()
    return row[0] if row else None


def test_reads_go_to_the_replica_writes_and_a_mutations_payload_to_the_primary(
    primary_and_replica: tuple[str, str],
) -> None:
    primary_url, replica_url = primary_and_replica
    secret = make_token(primary_url, "newsroom-editor", ["read", "write"])
    wait_for_replay(primary_url, replica_url)
    assert _one(replica_url, "SELECT pg_is_in_recovery()") is True
    settings = Settings(database_url=primary_url, database_read_urls=(replica_url,), pool_size=2)
    app = create_app(settings)
    with TestClient(app) as http:
        client = GraphQLClient(http, StatementCounter(app.state.engine), secret)
        replica_reads = StatementCounter(app.state.replicas[0])
        # The replica stops replaying: what it serves from now on is the state before.
        _one(replica_url, "SELECT pg_wal_replay_pause()")
        try:
            payload = client.data(CREATE)["createSpeaker"]
            # Read-your-writes: the payload is read on the primary, which has the write.
            assert payload == {"speaker": {"slug": "silo", "name": "Talal Silo"}, "userErrors": []}
            assert _one(primary_url, "SELECT count(*) FROM speakers") == 1
            # Token "last used" was written on the primary too (the replica refuses writes).
            assert _one(primary_url, "SELECT last_used_at IS NOT NULL FROM api_tokens") is True
            assert _one(replica_url, "SELECT last_used_at IS NULL FROM api_tokens") is True
            # A query is a read: it goes to the replica, which has not replayed the write yet.
            reads_before = replica_reads.count
            assert client.data(SPEAKER) == {"speaker": None}
            assert replica_reads.count > reads_before
            assert _one(replica_url, "SELECT count(*) FROM speakers") == 0
        finally:
            _one(replica_url, "SELECT pg_wal_replay_resume()")
        wait_for_replay(primary_url, replica_url)
        assert client.data(SPEAKER) == {"speaker": {"name": "Talal Silo"}}
    # The export is one read-only snapshot: it runs on the replica and gives the same bytes.
    exported = export_text(replica_url)
    assert '"slug":"silo"' in exported
    assert exported == export_text(primary_url)


def test_each_request_reads_from_the_next_replica(primary_and_replica: tuple[str, str]) -> None:
    primary_url, replica_url = primary_and_replica
    settings = Settings(
        database_url=primary_url,
        database_read_urls=(replica_url, replica_url.replace("127.0.0.1", "localhost")),
        pool_size=1,
    )
    app = create_app(settings)
    with TestClient(app) as http:
        client = GraphQLClient(http, StatementCounter(app.state.engine))
        counters = [StatementCounter(replica) for replica in app.state.replicas]
        for _ in range(4):
            client.data(SPEAKER)
        assert [counter.count > 0 for counter in counters] == [True, True]
        assert abs(counters[0].count - counters[1].count) <= 1
        assert client.statements.count == 0  # nothing read on the primary
