"""The write mutations: one transaction each, user errors naming the input field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg

from tests.api.writing_client import Client, client

RECORD_ARTICLE = """
mutation($input: RecordArticleInput!) {
  recordArticle(input: $input) {
    article { slug title } userErrors { field message code }
  }
}
"""
RECORD_QUOTATION = """
mutation($input: RecordQuotationInput!) {
  recordQuotation(input: $input) { quotation { slug } userErrors { field message code } }
}
"""
RECORD_ATTRIBUTION = """
mutation($input: RecordAttributionInput!) {
  recordAttribution(input: $input) {
    attribution { id text span { start end prefix } upstream { id } }
    userErrors { field message code }
  }
}
"""
BODY = "Le Monde wrote that the minister said \u201cwe will not pay\u201d, twice: we will not pay."


def record_sample(api: Client) -> dict[str, Any]:
    """An archived article quoting a new quotation of Eric Pahon, recorded by mutations."""
    article = api.data(
        RECORD_ARTICLE,
        {"input": {"slug": "sample", "title": "Sample", "body": BODY, "publishedOn": "2017-11-20"}},
    )
    assert article["recordArticle"]["userErrors"] == []
    quotation = api.data(
        RECORD_QUOTATION,
        {
            "input": {
                "slug": "we-will-not-pay",
                "speakerSlug": "eric-pahon",
                "text": "We will not pay",
            }
        },
    )
    assert quotation["recordQuotation"]["userErrors"] == []
    return article


def attribution_input(**extra: Any) -> dict[str, Any]:
    return {
        "input": {
            "articleSlug": "sample",
            "quotationSlug": "we-will-not-pay",
            "kind": "DIRECT",
            **extra,
        }
    }


def test_record_article_and_attribution_by_exact_text(seeded_url: str) -> None:
    with client(seeded_url, scopes=["write"]) as api:
        record_sample(api)
        ambiguous = api.data(RECORD_ATTRIBUTION, attribution_input(text="we will not pay"))
        assert ambiguous["recordAttribution"]["attribution"] is None
        assert ambiguous["recordAttribution"]["userErrors"][0]["code"] == "TEXT_AMBIGUOUS"
        assert ambiguous["recordAttribution"]["userErrors"][0]["field"] == "text"
        absent = api.data(RECORD_ATTRIBUTION, attribution_input(text="we shall pay"))
        assert absent["recordAttribution"]["userErrors"][0]["code"] == "TEXT_NOT_IN_ARTICLE"
        start = BODY.index("we will not pay")
        done = api.data(RECORD_ATTRIBUTION, attribution_input(text="we will not pay", start=start))
    attribution = done["recordAttribution"]["attribution"]
    assert done["recordAttribution"]["userErrors"] == []
    assert attribution["span"] == {
        "start": start,
        "end": start + len("we will not pay"),
        "prefix": BODY[start - 32 : start],
    }


def test_a_missing_reference_is_a_user_error_and_writes_nothing(seeded_url: str) -> None:
    with client(seeded_url, scopes=["write"]) as api:
        data = api.data(
            RECORD_ARTICLE, {"input": {"slug": "orphan", "outletSlug": "nope", "citedAs": "x"}}
        )
    assert data["recordArticle"]["article"] is None
    assert data["recordArticle"]["userErrors"] == [
        {"field": "outlet", "message": "no outlet with slug 'nope'", "code": "NOT_FOUND"}
    ]
    with psycopg.connect(seeded_url) as conn:
        assert conn.execute("SELECT count(*) FROM articles WHERE slug = 'orphan'").fetchone() == (
            0,
        )


def test_link_upstream_refuses_a_cycle(seeded_url: str) -> None:
    link = """
    mutation($a: ID!, $u: ID) {
      linkUpstream(input: {attribution: $a, upstream: $u}) {
        attribution { upstream { id } } userErrors { field message code }
      }
    }
    """
    with client(seeded_url, scopes=["write"]) as api:
        record_sample(api)
        first = api.data(
            RECORD_ATTRIBUTION,
            attribution_input(text="we will not pay", start=BODY.index("we will not pay")),
        )["recordAttribution"]["attribution"]["id"]
        second = api.data(
            RECORD_ATTRIBUTION,
            attribution_input(text="we will not pay", start=BODY.rindex("we will not pay")),
        )["recordAttribution"]["attribution"]["id"]
        linked = api.data(link, {"a": second, "u": first})["linkUpstream"]
        assert linked == {"attribution": {"upstream": {"id": first}}, "userErrors": []}
        cycle = api.data(link, {"a": first, "u": second})["linkUpstream"]
    assert cycle["attribution"] is None
    assert cycle["userErrors"][0]["code"] == "REFUSED_BY_DATABASE"
    assert "cycle" in cycle["userErrors"][0]["message"]


def test_speakers_alias_merge_undo_and_history(seeded_url: str) -> None:
    merge = """
    mutation {
      mergeSpeakers(input: {survivorSlug: "truck-driver", absorbedSlug: "sources-from-raqqa",
                            reason: "same eyewitness"}) {
        merge { mergeId actor reason } speaker { slug } userErrors { field message code }
      }
    }
    """
    with client(seeded_url, scopes=["write"]) as api:
        alias = api.data(
            'mutation { addSpeakerAlias(input: {speakerSlug: "eric-pahon", alias: "Pahon", '
            "kind: NAME}) { speaker { aliases { alias } } userErrors { code } } }"
        )["addSpeakerAlias"]
        assert {"alias": "Pahon"} in alias["speaker"]["aliases"]
        merged = api.data(merge)["mergeSpeakers"]
        assert merged["userErrors"] == []
        assert merged["merge"]["actor"] == "newsroom-editor"
        merge_id = merged["merge"]["mergeId"]
        survivor = api.data(
            '{ speaker(slug: "truck-driver") { merges { mergeId absorbedSlug undoneAt } } }'
        )["speaker"]
        assert survivor["merges"] == [
            {"mergeId": merge_id, "absorbedSlug": "sources-from-raqqa", "undoneAt": None}
        ]
        undone = api.data(
            "mutation($id: Int!) { undoMerge(input: {mergeId: $id}) { merge { undoneBy } "
            "speaker { slug history { actor operation changedFields } } "
            "userErrors { code } } }",
            {"id": merge_id},
        )["undoMerge"]
        again = api.data(
            "mutation($id: Int!) { undoMerge(input: {mergeId: $id}) "
            "{ userErrors { field code } } }",
            {"id": merge_id},
        )["undoMerge"]
    assert undone["merge"] == {"undoneBy": "newsroom-editor"}
    assert undone["speaker"]["slug"] == "sources-from-raqqa"
    operations = [(h["actor"], h["operation"]) for h in undone["speaker"]["history"]]
    assert operations[-2:] == [("newsroom-editor", "DELETE"), ("newsroom-editor", "INSERT")]
    assert again["userErrors"] == [{"field": "mergeId", "code": "INVALID_INPUT"}]


def test_verify_and_dispute_with_who_and_why(seeded_url: str) -> None:
    with client(seeded_url, scopes=["write"]) as api:
        attribution = api.data(
            '{ article(slug: "seed-000") { attributions(first: 1) { edges { node { id } } } } }'
        )
        node_id = attribution["article"]["attributions"]["edges"][0]["node"]["id"]
        verify = api.data(
            "mutation($id: ID!) { verifyAttribution(input: {attribution: $id, reason: "
            '"checked the archive"}) { attribution { status } verdict { verdict actor reason } '
            "userErrors { code } } }",
            {"id": node_id},
        )["verifyAttribution"]
        empty = api.data(
            'mutation($id: ID!) { disputeAttribution(input: {attribution: $id, reason: " "}) '
            "{ attribution { status } userErrors { field code } } }",
            {"id": node_id},
        )["disputeAttribution"]
        history = api.data(
            "query($id: ID!) { node(id: $id) { ... on Attribution { history { actor "
            "changedFields after } verdicts { verdict actor reason } } } }",
            {"id": node_id},
        )["node"]
    assert history["verdicts"] == [
        {"verdict": "VERIFIED", "actor": "newsroom-editor", "reason": "checked the archive"}
    ]
    history = history["history"]
    assert verify == {
        "attribution": {"status": "VERIFIED"},
        "verdict": {
            "verdict": "VERIFIED",
            "actor": "newsroom-editor",
            "reason": "checked the archive",
        },
        "userErrors": [],
    }
    assert empty == {
        "attribution": None,
        "userErrors": [{"field": "reason", "code": "INVALID_INPUT"}],
    }
    assert history[-1]["actor"] == "newsroom-editor"
    assert history[-1]["changedFields"] == ["status"]
    assert history[-1]["after"]["status"] == "verified"


def test_the_documented_example_works(seeded_url: str) -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
    example = docs.split("```graphql\n")[-1].split("```")[0]
    with client(seeded_url, scopes=["write"]) as api:
        payload = api.data(example)["recordAttribution"]
    assert payload["userErrors"] == []
    assert payload["attribution"]["span"]["end"] - payload["attribution"]["span"]["start"] == 9
