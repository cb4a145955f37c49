"""Export: canonical JSON Lines that round-trip through an empty database byte for byte."""

from __future__ import annotations

import json
from typing import Any, cast

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.services import records
from provenance.services.exporting import ExportEntry, upstream_first
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


def test_only_articles_in_a_circle_are_split_and_every_upstream_comes_first() -> None:
    # a <-> b relay each other; c relays b; d stands alone; e relays c.
    slugs = {1: "a", 2: "b", 3: "c", 4: "d", 5: "e"}
    edges = {  # attribution id -> (article, upstream attribution)
        10: (1, None), 11: (1, 21),
        20: (2, None), 21: (2, None), 22: (2, 10),
        30: (3, 22),
        40: (4, None),
        50: (5, 30),
    }  # fmt: skip
    entries: dict[int, list[ExportEntry]] = {}
    for attribution, (article, upstream) in edges.items():
        entries.setdefault(article, []).append(ExportEntry(cast(Any, None), attribution, upstream))
    order = [(slugs[a], [e.id for e in part]) for a, part in upstream_first(slugs, entries)]
    assert order == [("a", [10]), ("b", [20, 21, 22]), ("a", [11]), ("c", [30]), ("d", [40]),
                     ("e", [50])]  # fmt: skip
    written: set[int] = set()
    for _, ids in order:
        for attribution in ids:
            upstream = edges[attribution][1]
            assert upstream is None or upstream in written or upstream in ids
        written.update(ids)
