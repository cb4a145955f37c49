"""Rate limits: points per minute per token or client address, charged the static cost."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from provenance.api import metrics
from provenance.api.app import create_app
from provenance.api.rate_limits import RateLimiter
from provenance.config import Settings
from tests.api.writing_client import make_token

QUERY = "{ outlets(first: 5) { edges { node { name } } } }"


@pytest.fixture
def limited(seeded_url: str) -> Iterator[TestClient]:
    settings = Settings(database_url=seeded_url, pool_size=2, rate_limit_anonymous_points=30)
    with TestClient(create_app(settings)) as client:
        yield client


def test_an_operation_over_the_points_left_is_429_naming_cost_remaining_and_limit(
    limited: TestClient,
) -> None:
    before = metrics.counts()["rate_limited"]
    first = limited.post("/graphql", json={"query": QUERY, "extensions": {"rateLimit": True}})
    assert first.status_code == 200
    spent = first.json()["extensions"]["rateLimit"]
    cost = spent["cost"]
    assert spent["limit"] == 30
    assert spent["remaining"] == 30 - cost
    assert spent["resetAt"].endswith("Z")
    assert first.headers["ratelimit-remaining"] == str(30 - cost)
    assert first.headers["ratelimit-limit"] == "30"

    while True:
        response = limited.post("/graphql", json={"query": QUERY})
        if response.status_code != 200:
            break
    assert response.status_code == 429
    assert int(response.headers["retry-after"]) >= 1
    (error,) = response.json()["errors"]
    extensions: dict[str, Any] = error["extensions"]
    assert extensions["code"] == "RATE_LIMITED"
    assert extensions["cost"] == cost
    assert extensions["limit"] == 30
    assert extensions["remaining"] < cost
    assert f"costs {cost} points" in error["message"]
    assert "PROVENANCE_RATE_LIMIT_ANONYMOUS_POINTS" in error["message"]
    assert metrics.counts()["rate_limited"] == before + 1
    # A cheaper operation still fits what is left.
    cheap = limited.post("/graphql", json={"query": "{ __typename }"})
    assert cheap.status_code == 200


def test_a_token_has_its_own_budget(limited: TestClient, seeded_url: str) -> None:
    read_token = make_token(seeded_url, "reader", ["read"])
    while limited.post("/graphql", json={"query": QUERY}).status_code == 200:
        pass
    with_token = limited.post(
        "/graphql", json={"query": QUERY}, headers={"Authorization": f"Bearer {read_token}"}
    )
    assert with_token.status_code == 200
    assert with_token.headers["ratelimit-limit"] == str(Settings().rate_limit_points)


def test_windows_reset_after_a_minute_and_the_table_is_bounded() -> None:
    now = [1000.0]
    limiter = RateLimiter(max_clients=2, clock=lambda: now[0])
    assert limiter.spend("a", cost=8, limit=10).remaining == 2
    refused = limiter.spend("a", cost=8, limit=10)
    assert (refused.allowed, refused.remaining, refused.retry_after(now[0])) == (False, 2, 60)
    now[0] += 60
    assert limiter.spend("a", cost=8, limit=10).allowed
    limiter.spend("b", cost=1, limit=10)
    limiter.spend("c", cost=1, limit=10)
    assert len(limiter) == 2  # the oldest window ("a") was forgotten
    assert limiter.spend("a", cost=10, limit=10).allowed


def test_zero_turns_the_limit_off(seeded_url: str) -> None:
    settings = Settings(database_url=seeded_url, pool_size=2, rate_limit_anonymous_points=0)
    with TestClient(create_app(settings)) as http:
        response = http.post("/graphql", json={"query": QUERY})
    assert response.status_code == 200
    assert "ratelimit-limit" not in response.headers
