"""Every command that takes an id takes the ones the API returns, and prints them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner, Result

from provenance.cli import main
from provenance.cli.ids import decode_global_id, global_id
from tests.api.conftest import serve

QUERY = """{ quotations(search: "monitored by a US fighter jet", first: 1) { edges { node {
  id slug speaker { id slug }
  attributions { edges { node { id } } } } } } }"""


def _api_ids(url: str) -> dict[str, Any]:
    with serve(url) as api:
        node = api.data(QUERY)["quotations"]["edges"][0]["node"]
    return {
        "quotation": node["id"],
        "quotation_slug": node["slug"],
        "speaker": node["speaker"]["id"],
        "speaker_slug": node["speaker"]["slug"],
        "attributions": [edge["node"]["id"] for edge in node["attributions"]["edges"]],
    }


def _run(url: str, *arguments: str) -> Result:
    result = CliRunner().invoke(main, list(arguments), env={"DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    return result


def test_global_ids_round_trip() -> None:
    assert decode_global_id(global_id("Attribution", 42)) == ("Attribution", 42)
    assert decode_global_id("talal-silo") is None
    assert decode_global_id("1234") is None


@pytest.mark.reads_only
@pytest.mark.parametrize("which", ["quotation", "quotation_slug", "attribution"])
def test_chain_takes_the_api_ids_and_prints_them(seeded_url: str, which: str) -> None:
    ids = _api_ids(seeded_url)
    argument = ids["attributions"][-1] if which == "attribution" else ids[which]
    text = _run(seeded_url, "chain", argument).output
    assert f"QUOTATION {ids['quotation']}" in text
    assert ids["speaker"] in text
    for attribution in ids["attributions"]:
        assert attribution in text
    trees = json.loads(_run(seeded_url, "chain", argument, "--json").output)
    assert trees[0]["quotation"]["id"] == ids["quotation"]
    assert trees[0]["speaker"]["id"] == ids["speaker"]
    assert sorted(a["id"] for a in trees[0]["attributions"]) == sorted(ids["attributions"])


def test_verify_and_history_take_the_attribution_global_id(seeded_url: str) -> None:
    attribution = _api_ids(seeded_url)["attributions"][0]
    verified = _run(
        seeded_url, "attribution", "dispute", attribution, "--reason", "no source", "--json"
    )
    assert json.loads(verified.output) == {"id": attribution, "status": "disputed"}
    shown = _run(seeded_url, "history", attribution)
    assert f"({attribution})" in shown.output
    assert 'status: "recorded" -> "disputed"' in shown.output
    document = json.loads(_run(seeded_url, "history", attribution, "--json").output)
    assert document["id"] == attribution
    assert document["changes"][-1]["changed"]["status"] == ["recorded", "disputed"]


@pytest.mark.reads_only
def test_a_global_id_of_the_wrong_type_is_refused(seeded_url: str) -> None:
    speaker = _api_ids(seeded_url)["speaker"]
    result = CliRunner().invoke(
        main,
        ["attribution", "verify", speaker, "--reason", "x"],
        env={"DATABASE_URL": seeded_url},
    )
    assert result.exit_code == 2
    assert "is a global id of type Speaker, not Attribution" in result.output


def test_speaker_merge_takes_global_ids_and_merges_lists_them(seeded_url: str) -> None:
    ids = _api_ids(seeded_url)
    with serve(seeded_url) as api:
        other = api.data('{ speaker(slug: "sources-from-raqqa") { id } }')["speaker"]["id"]
    merged = json.loads(
        _run(seeded_url, "speaker", "merge", ids["speaker"], other, "--json").output
    )
    assert merged["survivor"] == ids["speaker"]
    assert merged["absorbed"] == other
    listed = json.loads(_run(seeded_url, "speaker", "merges", "--json").output)
    assert [row["mergeId"] for row in listed] == [merged["mergeId"]]
    assert other in _run(seeded_url, "speaker", "merges").output
    by_slug = _run(seeded_url, "history", "speakers", ids["speaker_slug"])
    assert f"({ids['speaker']})" in by_slug.output
