"""Matching a page to the outlet table: site name first, then host and parent domains."""

from __future__ import annotations

import pytest

from provenance.errors import InvalidInputError
from provenance.ingest.outlets import OutletRule, OutletTable, normalise_pattern

TABLE = OutletTable(
    [
        OutletRule("host", "bbc.co.uk", "bbc", "BBC", None),
        OutletRule("host", "news.example.com", "example-news", "Example News", None),
        OutletRule("site_name", "the guardian", "the-guardian", "The Guardian", None),
    ]
)


@pytest.mark.parametrize(
    ("site_name", "host", "slug"),
    [
        (None, "bbc.co.uk", "bbc"),
        (None, "www.bbc.co.uk", "bbc"),
        (None, "NEWS.BBC.CO.UK", "bbc"),
        (None, "live.news.example.com", "example-news"),
        (None, "example.com", None),  # a parent of a mapped host is not mapped
        (None, "notbbc.co.uk", None),
        (None, "co.uk", None),
        ("The  Guardian", "www.bbc.co.uk", "the-guardian"),  # the declared name wins
        ("Unknown Daily", "www.bbc.co.uk", "bbc"),
        (None, None, None),
    ],
)
def test_match(site_name: str | None, host: str | None, slug: str | None) -> None:
    rule = TABLE.match(site_name=site_name, host=host)
    assert (rule.outlet_slug if rule else None) == slug


def test_patterns_are_normalised_or_refused() -> None:
    assert normalise_pattern("host", "https://WWW.Example.org:8080/path") == "example.org"
    assert normalise_pattern("site_name", "  BBC   News ") == "bbc news"
    with pytest.raises(InvalidInputError, match="unknown kind"):
        normalise_pattern("path", "/bbc/")
    with pytest.raises(InvalidInputError, match="not a usable host"):
        normalise_pattern("host", "   ")
