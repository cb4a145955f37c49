"""Export: canonical JSON Lines that round-trip through an empty database byte for byte."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.services import records
from provenance.services.revisions import revise_article
from tests.services.writing_support import export_text, import_text, run_write


def test_export_import_export_is_byte_identical(seeded_url: str, empty_url: str) -> None:
    first = export_text(seeded_url)
    report = import_text(empty_url, first)
    assert report.problems == []
    assert report.attributions == 53
    assert export_text(empty_url) == first


@pytest.mark.reads_only
def test_export_lists_outlets_speakers_quotations_then_articles(seeded_url: str) -> None:
    types = [json.loads(line)["type"] for line in export_text(seeded_url).splitlines()]
    order = ["outlet", "speaker", "quotation", "article"]
    assert sorted(types, key=order.index) == types
    assert types.count("article") == 5


@pytest.mark.reads_only
def test_upstream_articles_come_first(seeded_url: str) -> None:
    seen: set[str] = set()
    for line in export_text(seeded_url).splitlines():
        record = json.loads(line)
        if record["type"] != "article":
            continue
        for attribution in record.get("attributions", []):
            upstream = attribution.get("upstream")
            if upstream and upstream["article"] != record["slug"]:
                assert upstream["article"] in seen
        seen.add(record["slug"])


def test_orphaned_attributions_round_trip(seeded_url: str, empty_url: str) -> None:
    """Words a revision removed stay recorded (orphaned) and survive export and import."""

    async def cut_the_fighter_jet(session: AsyncSession) -> None:
        article = await records.article_by_slug(session, "seed-000")
        assert article.body is not None
        sentence_start = article.body.index("In a more shocking statement")
        sentence_end = article.body.index("\n", sentence_start)
        body = article.body[:sentence_start] + article.body[sentence_end + 1 :]
        await revise_article(session, article_id=article.id, body=body)

    run_write(seeded_url, cut_the_fighter_jet)
    first = export_text(seeded_url)
    orphans = [
        attribution
        for line in first.splitlines()
        for attribution in json.loads(line).get("attributions", [])
        if attribution.get("orphaned")
    ]
    assert {o["text"] for o in orphans} == {
        "monitored by a US fighter jet from the air.",
        "some of Daesh\u2019s most-wanted terrorists and all foreign fighters also left the city "
        "with the convoy",
    }
    assert all("start" not in o for o in orphans)
    report = import_text(empty_url, first)
    assert report.problems == [], report
    assert export_text(empty_url) == first
