"""A news page's main text and metadata, found by trafilatura (dates by htmldate).

Navigation, headers, footers, photo captions, "related" boxes and comments are left out.
The body keeps one paragraph per block, separated by a blank line (the extractor reads a
single newline as a wrapped line); a first line repeating the headline is dropped, since
the headline is kept as the title.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import trafilatura
from lxml.html import HtmlElement

from provenance.ingest.items import Hints, IngestError

# htmldate: the original publication date, from markup and the URL, not from body text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_DOMAIN_LIKE = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}/?$", re.IGNORECASE)
MIN_WORDS = 15  # fewer is a menu, a form or a picture page, not an article
_LANGUAGE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z0-9]{2,8}))?")


@dataclass(frozen=True)
class ExtractedPage:
    """What a page says about itself, and its main text."""

    body: str
    title: str | None
    published_on: date | None
    site_name: str | None  # as declared by the page; never a host name
    url: str | None  # canonical URL, else the URL the page was read from
    host: str | None  # of that URL, without "www."
    language: str | None  # BCP 47 tag (en, en-GB), when the page declares one
    author: str | None


def host_of(url: str | None) -> str | None:
    """The host of ``url``, lowercase and without a leading ``www.``."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    host = host.removeprefix("www.")
    return host or None


def _language(tree: HtmlElement) -> str | None:
    candidates = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        *tree.xpath(
            "//meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')"
            "='content-language']/@content"
        ),
        *tree.xpath("//meta[@property='og:locale']/@content"),
    ]
    for value in candidates:
        match = _LANGUAGE.match((value or "").strip())
        if match:
            primary, region = match.group(1).lower(), match.group(2)
            if region is None:
                return primary
            return f"{primary}-{region.upper() if len(region) == 2 else region}"
    return None


def _same_words(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    return norm(a) == norm(b)


def _body(text: str, title: str | None) -> str:
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and title and _same_words(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _site_name(value: str | None) -> str | None:
    """The declared site name; a host name (trafilatura's fallback) is not one."""
    if not value or not value.strip() or _DOMAIN_LIKE.match(value.strip()):
        return None
    return " ".join(value.split())


def extract_page(
    data: bytes | str, *, hints: Hints | None = None, fast: bool = False
) -> ExtractedPage:
    """The main text and metadata of an HTML page; IngestError when it has no article text.

    ``hints`` (the URL it was read from, a feed item's title and date) fill in what the
    page does not declare. ``fast`` skips trafilatura's fallback extractors.
    """
    hints = hints or Hints()
    tree = trafilatura.load_html(data)
    if tree is None:
        raise IngestError("not an HTML page (it could not be parsed)")
    language = _language(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=hints.url,
        fast=fast,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    if document is None or isinstance(document, dict) or not document.text:
        raise IngestError("no article text found in the page (an index, a form, or empty)")
    title = " ".join((document.title or hints.title or "").split()) or None
    body = _body(document.text, title)
    words = len(body.split())
    if words < MIN_WORDS:
        raise IngestError(
            f"no article text found in the page ({words} words besides the headline; "
            f"an article has at least {MIN_WORDS})"
        )
    url = document.url or hints.url
    return ExtractedPage(
        body=body,
        title=title,
        published_on=_date(document.date) or hints.published_on,
        site_name=_site_name(document.sitename),
        url=url,
        host=host_of(url),
        language=language,
        author=" ".join((document.author or hints.author or "").split()) or None,
    )
