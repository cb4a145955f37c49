"""The reviseArticle mutation: old text kept, attributions re-anchored or visibly orphaned."""

from __future__ import annotations

from pathlib import Path

import psycopg

from tests.api.writing_client import client

SEED_000 = (
    Path(__file__).resolve().parents[2] / "seeds/articles/000_84981e09d5801d82.txt"
).read_text()
REVISE = """
mutation($input: ReviseArticleInput!) {
  reviseArticle(input: $input) {
    revision
    article { slug }
    reanchorings { method confidence start attribution { text anchorStatus span { start } } }
    userErrors { field message code }
  }
}
"""


def test_revising_orphans_the_deleted_quote_and_keeps_the_rest(seeded_url: str) -> None:
    body = SEED_000.replace('The US confirmed reports, said it "respects"\n\n', "")
    with client(seeded_url, scopes=["write"]) as api:
        payload = api.data(REVISE, {"input": {"articleSlug": "seed-000", "body": body}})[
            "reviseArticle"
        ]
    assert payload["userErrors"] == []
    assert payload["revision"] == 1
    methods = {r["attribution"]["text"]: r for r in payload["reanchorings"]}
    respects = methods["respects"]
    assert respects["method"] == "ORPHANED"
    assert respects["attribution"] == {"text": "respects", "anchorStatus": "ORPHANED", "span": None}
    kept = [r for r in payload["reanchorings"] if r["method"] == "EXACT"]
    assert len(kept) == 15
    assert all(r["attribution"]["span"]["start"] == r["start"] for r in kept)
    with psycopg.connect(seeded_url) as conn:
        assert conn.execute("SELECT count(*) FROM article_revisions").fetchone() == (1,)
    with client(seeded_url) as reader:
        article = reader.data(
            '{ article(slug: "seed-000") { body revisions { revision body replacedAt } } }'
        )["article"]
    assert article["body"] == body
    assert [(r["revision"], r["body"]) for r in article["revisions"]] == [(1, SEED_000)]


def test_revising_a_citation_only_article_is_a_user_error(seeded_url: str) -> None:
    with client(seeded_url, scopes=["write"]) as api:
        payload = api.data(
            REVISE, {"input": {"articleSlug": "bbc-2017-11-13", "body": "some text"}}
        )["reviseArticle"]
    assert payload["revision"] is None
    assert payload["userErrors"][0]["code"] == "INVALID_INPUT"
    assert "citation-only" in payload["userErrors"][0]["message"]


def test_revising_needs_the_write_scope(seeded_url: str) -> None:
    with client(seeded_url) as api:
        body = api(REVISE, {"input": {"articleSlug": "seed-000", "body": "x"}})
    assert "errors" in body
