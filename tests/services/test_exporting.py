"""Export: canonical JSON Lines that round-trip through an empty database byte for byte."""

from __future__ import annotations

import json

from tests.services.writing_support import export_text, import_text


def test_export_import_export_is_byte_identical(seeded_url: str, empty_url: str) -> None:
    first = export_text(seeded_url)
    report = import_text(empty_url, first)
    assert report.problems == []
    assert report.attributions == 53
    assert export_text(empty_url) == first


def test_export_lists_outlets_speakers_quotations_then_articles(seeded_url: str) -> None:
    types = [json.loads(line)["type"] for line in export_text(seeded_url).splitlines()]
    order = ["outlet", "speaker", "quotation", "article"]
    assert sorted(types, key=order.index) == types
    assert types.count("article") == 5


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
