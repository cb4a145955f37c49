"""Main text and metadata of news pages, built around the seeds and the real articles."""

from __future__ import annotations

from datetime import date

import pytest

from provenance.ingest.html import extract_page
from provenance.ingest.items import Hints, IngestError
from tests.ingest.pages import as_paragraphs, page_of, real_bodies, seed_bodies


@pytest.mark.parametrize("stem", sorted(seed_bodies()))
def test_seed_article_pages_give_their_text_without_chrome(stem: str) -> None:
    body = seed_bodies()[stem]
    spec, html = page_of(stem, body)
    page = extract_page(html)
    assert page.body == as_paragraphs(body)  # every paragraph, nothing of the chrome
    for chrome in ("CAPTION-MARKER", "RELATED-MARKER", "Subscribe", "All rights reserved",
                   "Privacy policy", "Share on Facebook", "Skip to content"):  # fmt: skip
        assert chrome not in page.body
    assert page.title == spec.title
    assert not page.body.startswith(spec.title)  # the headline is the title, not the text
    assert page.published_on == date(2024, 3, 4)
    assert page.site_name == "Daily Example"
    assert page.url == spec.url
    assert page.host == "dailyexample.com"
    assert page.language == "en"
    assert page.author == "Jane Reporter"


def test_real_article_pages_keep_every_paragraph() -> None:
    bodies = real_bodies(limit=24)
    assert len(bodies) >= 20
    for stem, body in bodies.items():
        page = extract_page(page_of(stem, body)[1])
        for paragraph in as_paragraphs(body).split("\n\n"):
            assert paragraph in page.body, (stem, paragraph)
        # A paragraph printed twice in the stored copy (a repeated photo caption) once.
        assert len(page.body) <= len(as_paragraphs(body))
        assert "RELATED-MARKER" not in page.body
        assert "CAPTION-MARKER" not in page.body


def test_what_a_page_does_not_declare_stays_unknown() -> None:
    _, html = page_of("x", seed_bodies()["002_3b25dd24d437a149"], site_name=None,
                      published=None, author=None, host="news.example.org")  # fmt: skip
    page = extract_page(html)
    assert page.site_name is None  # not made up from the host
    assert page.author is None
    assert page.host == "news.example.org"


def test_hints_fill_in_what_the_page_lacks() -> None:
    paragraphs = "".join(
        f"<p>The mayor said bridge number {n} would reopen on Friday after repairs.</p>"
        for n in range(5)
    )
    html = f"<html><head><title>T</title></head><body><article>{paragraphs}</article></body></html>"
    hints = Hints(url="https://example.org/a", published_on=date(2020, 5, 6), author="A. B.")
    page = extract_page(html, hints=hints)
    assert page.url == "https://example.org/a"
    assert page.published_on == date(2020, 5, 6)
    assert page.author == "A. B."
    assert page.language is None


def test_regional_language_tags_are_kept() -> None:
    _, html = page_of("x", seed_bodies()["002_3b25dd24d437a149"], language="en-gb")
    assert extract_page(html).language == "en-GB"


@pytest.mark.parametrize(
    "html",
    [b"\x00\x01\x02 binary", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"],
)
def test_pages_without_article_text_are_refused(html: bytes) -> None:
    with pytest.raises(IngestError, match=r"HTML page|no article text"):
        extract_page(html)
