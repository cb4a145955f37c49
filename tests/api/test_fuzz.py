"""Fuzzing on every test run: generated and malformed requests never get a 5xx."""

from __future__ import annotations

import httpx

from provenance.api.app import create_app
from provenance.bench.fuzz import BAD_BODIES, generate, requests, send
from provenance.config import Settings
from tests.api.live_server import live_server
from tests.api.writing_client import make_token

COUNT = 300


def test_generated_and_malformed_requests_get_no_server_error(seeded_url: str) -> None:
    secret = make_token(seeded_url, "fuzzer", ["write"])
    app = create_app(Settings(database_url=seeded_url, pool_size=4))
    bodies = requests(generate(COUNT, seed=20261203), seed=20261203)
    bodies += list(BAD_BODIES)
    with live_server(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        anonymous = send(client, bodies[: COUNT // 2])
        outcome = send(client, bodies[COUNT // 2 :], token=secret, outcome=anonymous)
        health = client.get("/healthz").json()
    assert outcome.sent == COUNT + len(BAD_BODIES)
    assert outcome.server_errors == 0, outcome.faults
    assert outcome.faults == []
    # The malformed values did reach the resolvers and were refused as the caller's.
    assert outcome.codes["INVALID_INPUT"] > 0
    assert outcome.statuses[400] > 0
    assert health["pool"]["checked_out"] == 0
    assert app.state.engine.pool.checkedout() == 0
