"""extractAttributions: candidates for a posted text, and storing them."""

from __future__ import annotations

from tests.api.writing_client import client

EXTRACT = """
mutation($input: ExtractAttributionsInput!) {
  extractAttributions(input: $input) {
    article { slug title }
    candidates {
      text start end kind cue intermediary confidence
      speaker { asPrinted resolved description type }
      markers { kind text position }
      attribution { id status confidence }
      upstream { id }
    }
    userErrors { field message code }
  }
}
"""
TEXT = (
    "\u201cThe SDF, the US and Manbij Military Council provided security for 2,000 Daesh "
    "members and allowed them to go towards Jarablus,\u201d Talal Silo told Anadolu Agency.\n\n"
    "\u201cIt was a [secret] deal,\u201d he said.\n"
)


def test_candidates_without_storing(seeded_url: str) -> None:
    with client(seeded_url, scopes=["write"]) as api:
        result = api.data(EXTRACT, {"input": {"text": TEXT}})["extractAttributions"]
    assert result["article"] is None
    assert result["userErrors"] == []
    first, second = result["candidates"]
    assert first["kind"] == "DIRECT"
    assert first["speaker"]["resolved"] == "Talal Silo"
    assert first["intermediary"] == "Anadolu Agency"
    assert first["attribution"] is None
    assert second["speaker"] == {
        "asPrinted": "he",
        "resolved": "Talal Silo",
        "description": None,
        "type": "PERSON",
    }
    assert second["markers"] == [{"kind": "INSERTION", "text": "[secret]", "position": 9}]


def test_store_records_extracted_candidates_with_upstream(seeded_url: str) -> None:
    variables = {
        "input": {
            "text": TEXT,
            "title": "Silo again",
            "outlet": "Daily Example",
            "publishedAt": "2017-12-01",
            "store": True,
        }
    }
    with client(seeded_url, scopes=["write"]) as api:
        result = api.data(EXTRACT, variables)["extractAttributions"]
    assert result["userErrors"] == []
    assert result["article"]["title"] == "Silo again"
    first = result["candidates"][0]
    assert first["attribution"]["status"] == "EXTRACTED"
    assert 0 < first["attribution"]["confidence"] < 1
    assert first["upstream"] is not None


def test_empty_text_is_a_user_error(seeded_url: str) -> None:
    with client(seeded_url, scopes=["write"]) as api:
        result = api.data(EXTRACT, {"input": {"text": "  "}})["extractAttributions"]
    assert result["userErrors"] == [
        {"field": "text", "message": "the article text is empty", "code": "INVALID_INPUT"}
    ]


CHAINS = """
query($slug: String!) {
  article(slug: $slug) {
    attributions {
      edges { node { text status confidence chain { role name article { slug } } } }
    }
  }
}
"""


def test_stored_candidates_show_their_chains(seeded_url: str) -> None:
    variables = {"input": {"text": TEXT, "title": "Silo again", "store": True}}
    with client(seeded_url, scopes=["write"]) as api:
        stored = api.data(EXTRACT, variables)["extractAttributions"]
        slug = stored["article"]["slug"]
        edges = api.data(CHAINS, {"slug": slug})["article"]["attributions"]["edges"]
    manbij = next(e["node"] for e in edges if e["node"]["text"].startswith("The SDF"))
    assert manbij["status"] == "EXTRACTED"
    roles = [(hop["role"], hop["name"]) for hop in manbij["chain"]]
    assert roles[0] == ("SPEAKER", "Talal Silo")
    assert ("REPORTER", "Anadolu Agency") in roles
    assert manbij["chain"][-1]["article"]["slug"] == slug


SAME = """
mutation($input: ExtractAttributionsInput!) {
  extractAttributions(input: $input) {
    candidates {
      text attribution { id } upstream { id }
      sameStatement { score decision earlier { id text } }
    }
    userErrors { field message code }
  }
}
"""


def test_a_relayed_statement_is_joined_with_its_score(seeded_url: str) -> None:
    first = {"text": TEXT, "title": "Silo again", "outlet": "Daily Example", "store": True}
    relay = TEXT.replace("provided security for", "gave security to")
    second = {"text": relay, "title": "Silo relayed", "outlet": "Evening Post", "store": True}
    with client(seeded_url, scopes=["write"]) as api:
        stored = api.data(SAME, {"input": first})["extractAttributions"]["candidates"]
        relayed = api.data(SAME, {"input": second})["extractAttributions"]["candidates"]
    links = relayed[0]["sameStatement"]
    assert links
    best = links[0]
    assert best["decision"] == "JOINED"
    assert 0.6 <= best["score"] <= 1
    earlier_ids = {link["earlier"]["id"] for link in links}
    assert stored[0]["attribution"]["id"] in earlier_ids
