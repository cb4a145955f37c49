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


RECORD = """
mutation($input: RecordArticleInput!) {
  recordArticle(input: $input) {
    article { slug body }
    revision
    reanchorings { method start end attribution { id } }
    unanchored { id text anchorStatus span { start } }
    userErrors { field message code }
  }
}
"""


def _anchors(url: str) -> list[tuple[str, int | None, int | None, str]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT a.text, a.start_offset, a.end_offset, a.anchor_status FROM attributions a "
            "JOIN articles r ON r.id = a.article_id WHERE r.slug = 'seed-000' ORDER BY a.id"
        ).fetchall()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def test_record_article_with_a_new_body_reanchors_and_lists_what_it_could_not(
    seeded_url: str,
) -> None:
    before = _anchors(seeded_url)
    # Words added at the top move every span; one quoted sentence is gone.
    body = "Updated 15 November.\n\n" + SEED_000.replace(
        'The US confirmed reports, said it "respects"\n\n', ""
    )
    article = {"slug": "seed-000", "publishedOn": "2017-11-14", "body": body}
    with client(seeded_url, scopes=["write"]) as api:
        payload = api.data(RECORD, {"input": article})["recordArticle"]
        again = api.data(RECORD, {"input": article})["recordArticle"]
    assert payload["userErrors"] == []
    assert payload["article"]["body"] == body
    assert payload["revision"] == 1
    assert [(u["text"], u["anchorStatus"], u["span"]) for u in payload["unanchored"]] == [
        ("respects", "ORPHANED", None)
    ]
    assert len(payload["reanchorings"]) == len(before)
    after = _anchors(seeded_url)
    kept = [a for a in after if a[3] == "anchored"]
    assert len(kept) == len(before) - 1
    assert all(body[start:end] == text for text, start, end, _ in kept if start is not None)
    assert all(
        (old[1] or 0) != (new[1] or 0) for old, new in zip(before, after, strict=True) if new[1]
    )  # every span moved with the inserted words
    with psycopg.connect(seeded_url) as conn:
        logged = conn.execute(
            "SELECT count(*) FILTER (WHERE method = 'orphaned'), count(*) "
            "FROM attribution_reanchorings"
        ).fetchone()
    assert logged == (1, len(before))
    # The same body again is no revision, and nothing is unanchored.
    assert (again["revision"], again["reanchorings"], again["unanchored"]) == (None, [], [])
