"""Every request gives its connection back: errors, races, pool waits, clients that leave.

Against `provenance serve` running as a real HTTP server. A test that needs a statement
to run long holds a lock on `outlets` from its own connection, so that the API's reads of
outlets wait in the database for as long as the test wants (a real statement, made slow
from outside).
"""

from __future__ import annotations

import concurrent.futures
import json
import socket
import time
from collections.abc import Callable, Iterator

import psycopg
import pytest

from tests.api.live_process import Answer, LiveServer, live_process

FOUND_NODE = "UXVvdGF0aW9uOjE3"  # Quotation:17
# A found node beside a malformed id: the query that used to leak a connection.
LEAKS = [
    f'{{ node(id: "{FOUND_NODE}") {{ id }} nodes(ids: ["RIB"]) {{ id }} }}',
    f'{{ nodes(ids: ["RIB"]) {{ id }} node(id: "{FOUND_NODE}") {{ id }} }}',
    f'{{ node(id: "{FOUND_NODE}") {{ id ... on Quotation'
    " { text attributions { totalCount } } }"
    f' nodes(ids: ["{FOUND_NODE}", "RIB"]) {{ id }} outlets {{ totalCount }} }}',
]
OUTLETS = "{ outlets { totalCount } }"


def _checked_out(server: LiveServer) -> float:
    return server.metrics()["provenance_db_pool_checked_out"]


def test_the_leak_500_times_leaves_no_connection_checked_out(seeded_url: str) -> None:
    with live_process(seeded_url) as server:
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda i: server.post(LEAKS[i % len(LEAKS)]), range(500)))
        assert {answer.status for answer in answers} == {200}
        codes = {e["extensions"]["code"] for a in answers for e in a.body["errors"]}
        assert codes == {"INVALID_INPUT"}
        server.wait_until(lambda: _checked_out(server) == 0, what="all connections back")
        assert server.post(OUTLETS).body == {"data": {"outlets": {"totalCount": 2}}}
        assert server.get("/healthz").status == 200


@pytest.fixture
def outlets_locked(seeded_url: str) -> Iterator[psycopg.Connection]:
    """A transaction holding every lock on outlets until the test commits it."""
    with psycopg.connect(seeded_url) as locker:
        locker.execute("LOCK TABLE outlets IN ACCESS EXCLUSIVE MODE")
        yield locker
        locker.rollback()


def _waiting_on_lock(url: str) -> list[int]:
    """The backends of the database at ``url`` waiting for a lock."""
    with psycopg.connect(url, autocommit=True) as watcher:
        rows = watcher.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND state = 'active' AND wait_event_type = 'Lock'"
        ).fetchall()
    return [pid for (pid,) in rows]


def test_a_pool_wait_ends_in_503_with_retry_after(
    seeded_url: str, outlets_locked: psycopg.Connection
) -> None:
    settings = {
        "PROVENANCE_DB_POOL_SIZE": "1",  # one kept, one more in a burst
        "PROVENANCE_DB_POOL_TIMEOUT": "0.5",
        "PROVENANCE_STATEMENT_TIMEOUT": "0",
    }
    with live_process(seeded_url, **settings) as server:
        before = server.metrics()["provenance_pool_timeouts_total"]
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            blocked = [pool.submit(server.post, OUTLETS) for _ in range(2)]
            server.wait_until(
                lambda: len(_waiting_on_lock(seeded_url)) == 2, what="both connections busy"
            )
            refused = server.post(OUTLETS)
            outlets_locked.rollback()  # the two waiting requests go on
            served = [future.result() for future in blocked]
        assert refused.status == 503
        assert refused.headers["retry-after"] == "1"
        assert refused.body["data"] is None
        assert [e["extensions"]["code"] for e in refused.body["errors"]] == ["SERVICE_UNAVAILABLE"]
        assert "busy" in refused.body["errors"][0]["message"]
        assert [answer.body for answer in served] == [{"data": {"outlets": {"totalCount": 2}}}] * 2
        assert server.metrics()["provenance_pool_timeouts_total"] == before + 1
        server.wait_until(lambda: _checked_out(server) == 0, what="all connections back")


def _send_and_hang_up(server: LiveServer, query: str, *, when: Callable[[], bool]) -> None:
    """Send ``query`` over a raw socket, and close it once ``when()`` is true."""
    body = json.dumps({"query": query}).encode()
    head = (
        f"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port)) as client:
        client.sendall(head + body)
        server.wait_until(when, what="the statement running")


def test_a_client_that_hangs_up_cancels_its_statement(
    seeded_url: str, outlets_locked: psycopg.Connection
) -> None:
    with live_process(seeded_url, PROVENANCE_STATEMENT_TIMEOUT="0") as server:
        _send_and_hang_up(server, OUTLETS, when=lambda: bool(_waiting_on_lock(seeded_url)))
        hung_up = time.monotonic()
        # The lock is still held: only a cancellation ends the statement.
        server.wait_until(lambda: not _waiting_on_lock(seeded_url), what="cancelled")
        print(f"backend idle {time.monotonic() - hung_up:.3f} s after the client hung up")
        assert server.metrics()["provenance_client_disconnects_total"] == 1
        server.wait_until(lambda: _checked_out(server) == 0, what="all connections back")
        outlets_locked.rollback()
        assert server.post(OUTLETS).status == 200


def test_a_statement_over_the_timeout_is_stopped_and_says_so(
    seeded_url: str, outlets_locked: psycopg.Connection
) -> None:
    with live_process(seeded_url, PROVENANCE_STATEMENT_TIMEOUT="0.2") as server:
        answer: Answer = server.post(OUTLETS)
        assert answer.status == 200
        assert [e["extensions"]["code"] for e in answer.body["errors"]] == ["STATEMENT_TIMEOUT"]
        assert not _waiting_on_lock(seeded_url)
        assert server.metrics()["provenance_statement_timeouts_total"] == 1
        outlets_locked.rollback()
        assert server.post(OUTLETS).body == {"data": {"outlets": {"totalCount": 2}}}
