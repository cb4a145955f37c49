"""The API survives its database going away: 503 while it is down, served again after.

The database is killed (an immediate shutdown: no goodbye to the clients) under a
running `provenance serve`, which is not restarted.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from provenance import migrate
from provenance.localdb import LocalCluster
from tests.api.live_process import live_process

OUTLETS = "{ outlets { totalCount } }"


@pytest.fixture
def own_cluster() -> Iterator[LocalCluster]:
    """A cluster of this test's own, which it may kill."""
    directory = Path(tempfile.mkdtemp(prefix="provenance-restart-"))
    cluster = LocalCluster(directory, durable=False)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


def test_requests_fail_fast_while_the_database_is_down_and_succeed_after(
    own_cluster: LocalCluster,
) -> None:
    url = own_cluster.ensure_database("restarted")
    migrate.upgrade(url)
    port = own_cluster.port
    with live_process(url, PROVENANCE_DB_POOL_TIMEOUT="2") as server:
        assert server.post(OUTLETS).body == {"data": {"outlets": {"totalCount": 0}}}
        before = server.metrics()["provenance_database_unreachable_total"]

        own_cluster.stop(mode="immediate")
        for _ in range(3):
            down = server.post(OUTLETS, timeout=10)  # a hang would time out: not fast
            assert down.status == 503
            assert down.headers["retry-after"] == "1"
            codes = [e["extensions"]["code"] for e in down.body["errors"]]
            assert codes == ["SERVICE_UNAVAILABLE"]
        # A token cannot be checked either: 503 too, for GraphQL and the other routes.
        token = {"Authorization": "Bearer not-checkable-now"}
        with_token = server.post(OUTLETS, timeout=10, headers=token)
        assert (with_token.status, with_token.headers["retry-after"]) == (503, "1")
        picture = server.get("/quotations/any/relay-graph.svg", timeout=10, headers=token)
        assert (picture.status, picture.headers["retry-after"]) == (503, "1")
        health = server.get("/healthz", timeout=10)
        assert (health.status, health.body["status"]) == (503, "unavailable")
        assert server.metrics()["provenance_database_unreachable_total"] >= before + 3

        own_cluster.start()
        assert own_cluster.port == port  # the same address: the API's URL still holds
        # The first request after the restart is served: dead connections are replaced.
        assert server.post(OUTLETS).body == {"data": {"outlets": {"totalCount": 0}}}
        assert server.get("/healthz").status == 200
        assert server.metrics()["provenance_db_pool_checked_out"] == 0
