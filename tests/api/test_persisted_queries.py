"""Automatic persisted queries (Apollo's protocol) and the allow-list, over real HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from provenance.api import metrics
from provenance.api.app import create_app
from provenance.api.persisted_queries import DocumentStore, sha256
from provenance.config import SettingError, Settings

QUERY = "{ outlets { totalCount } }"
MUTATION = 'mutation { createOutlet(input: {name: "X"}) { errors { code } } }'


def persisted(document: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha256(document)}}


@pytest.fixture
def http(seeded_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=seeded_url, pool_size=2))) as client:
        yield client


def code_of(body: dict[str, Any]) -> str:
    (error,) = body["errors"]
    code: str = error["extensions"]["code"]
    return code


def test_an_unknown_hash_is_not_found_then_the_query_registers_it(http: TestClient) -> None:
    extensions = persisted(QUERY)
    first = http.post("/graphql", json={"extensions": extensions})
    assert first.status_code == 200
    assert first.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert code_of(first.json()) == "PERSISTED_QUERY_NOT_FOUND"
    assert (
        "no-store" in first.headers["cache-control"] or "no-cache" in first.headers["cache-control"]
    )

    second = http.post("/graphql", json={"query": QUERY, "extensions": extensions})
    assert second.json()["data"]["outlets"]["totalCount"] > 0

    third = http.post("/graphql", json={"extensions": extensions})
    assert third.json() == second.json()
    by_get = http.get("/graphql", params={"extensions": json.dumps(extensions)})
    assert by_get.json() == second.json()


def test_a_hash_that_is_not_the_querys_is_refused(http: TestClient) -> None:
    response = http.post(
        "/graphql", json={"query": QUERY, "extensions": persisted("{ __typename }")}
    )
    assert response.status_code == 400
    assert code_of(response.json()) == "PERSISTED_QUERY_HASH_MISMATCH"
    again = http.post("/graphql", json={"extensions": persisted("{ __typename }")})
    assert code_of(again.json()) == "PERSISTED_QUERY_NOT_FOUND"  # nothing was stored


def test_an_unsupported_version_is_refused(http: TestClient) -> None:
    extensions = {"persistedQuery": {"version": 2, "sha256Hash": sha256(QUERY)}}
    response = http.post("/graphql", json={"query": QUERY, "extensions": extensions})
    assert response.status_code == 400
    assert code_of(response.json()) == "PERSISTED_QUERY_VERSION_UNSUPPORTED"


def test_a_persisted_mutation_never_runs_over_get(http: TestClient) -> None:
    extensions = persisted(MUTATION)
    http.post("/graphql", json={"query": MUTATION, "extensions": extensions})
    response = http.get("/graphql", params={"extensions": json.dumps(extensions)})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


def test_the_store_keeps_the_most_recently_used() -> None:
    store = DocumentStore(capacity=2)
    store.put("a", "A")
    store.put("b", "B")
    assert store.get("a") == "A"
    store.put("c", "C")
    assert (store.get("a"), store.get("b"), store.get("c"), len(store)) == ("A", None, "C", 2)


def allowlisted(url: str, manifest: object, tmp_path: Path) -> TestClient:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    settings = Settings(database_url=url, pool_size=2, persisted_queries_allowlist=path)
    return TestClient(create_app(settings))


@pytest.mark.parametrize(
    "manifest",
    [
        {
            "format": "apollo-persisted-query-manifest",
            "version": 1,
            "operations": [{"id": "op-1", "name": "Outlets", "type": "query", "body": QUERY}],
        },
        {"op-1": QUERY},
    ],
)
def test_with_an_allow_list_only_listed_operations_run(
    seeded_url: str, tmp_path: Path, manifest: object
) -> None:
    before = metrics.counts()["operations_not_allowed"]
    with allowlisted(seeded_url, manifest, tmp_path) as http:
        for body in (
            {"query": QUERY},
            {"extensions": persisted(QUERY)},
            {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "op-1"}}},
        ):
            ok = http.post("/graphql", json=body)
            assert ok.json()["data"]["outlets"]["totalCount"] > 0, body
        for body in (
            {"query": "{ speakers { totalCount } }"},
            {"extensions": persisted("{ speakers { totalCount } }")},
        ):
            refused = http.post("/graphql", json=body)
            assert refused.status_code == 403
            assert code_of(refused.json()) == "PERSISTED_QUERY_NOT_ALLOWED"
            assert (
                "PROVENANCE_PERSISTED_QUERIES_ALLOWLIST" in refused.json()["errors"][0]["message"]
            )
    assert metrics.counts()["operations_not_allowed"] == before + 2


def test_a_manifest_that_cannot_be_read_stops_the_server(seeded_url: str, tmp_path: Path) -> None:
    with pytest.raises(SettingError, match="PROVENANCE_PERSISTED_QUERIES_ALLOWLIST"):
        allowlisted(seeded_url, {"operations": [{"id": "x"}]}, tmp_path)


def test_persisted_queries_can_be_turned_off(seeded_url: str) -> None:
    settings = Settings(database_url=seeded_url, pool_size=2, persisted_queries=0)
    with TestClient(create_app(settings)) as http:
        response = http.post("/graphql", json={"extensions": persisted(QUERY)})
    assert code_of(response.json()) == "PERSISTED_QUERY_NOT_SUPPORTED"
