"""Tokens on the API: writes need the write scope, reads may need a token too."""

from __future__ import annotations

import psycopg

from tests.api.writing_client import client

CREATE = """
mutation {
  createSpeaker(input: {slug: "ada", name: "Ada", kind: PERSON}) {
    speaker { slug } userErrors { field message code }
  }
}
"""
READ = "{ speakers(first: 1) { edges { node { slug } } } }"


def speaker_count(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM speakers").fetchone()
    assert row is not None
    return int(row[0])


def test_a_mutation_without_a_token_is_refused_and_writes_nothing(seeded_url: str) -> None:
    before = speaker_count(seeded_url)
    with client(seeded_url) as api:
        body = api(CREATE)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "'write' scope is required" in body["errors"][0]["message"]
    assert speaker_count(seeded_url) == before


def test_a_read_token_cannot_write(seeded_url: str) -> None:
    with client(seeded_url, scopes=["read"]) as api:
        body = api(CREATE)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert speaker_count(seeded_url) == 8


def test_a_write_token_writes_as_its_holder(seeded_url: str) -> None:
    with client(seeded_url, scopes=["write"]) as api:
        data = api.data(CREATE)
    assert data["createSpeaker"] == {"speaker": {"slug": "ada"}, "userErrors": []}
    with psycopg.connect(seeded_url) as conn:
        actor = conn.execute(
            "SELECT actor FROM history WHERE table_name = 'speakers' AND after->>'slug' = 'ada'"
        ).fetchone()
    assert actor == ("newsroom-editor",)


def test_an_unknown_token_is_refused_even_for_reads(seeded_url: str) -> None:
    with client(seeded_url) as api:
        body = api(READ, secret="prov_forged")
    assert body["errors"][0]["message"] == "the bearer token is unknown or revoked"


def test_anonymous_reads_can_be_switched_off(seeded_url: str) -> None:
    with client(seeded_url, anonymous_read=False) as api:
        refused = api(READ)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    with client(seeded_url, scopes=["read"], anonymous_read=False) as api:
        assert api.data(READ)["speakers"]["edges"]
