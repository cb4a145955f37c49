"""Inputs from the web: the items of RSS/Atom feeds and single URLs, fetched when needed.

A feed item's key is its URL, so an item an earlier run ingested is not fetched again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

from provenance.ingest.feeds import feed_entries
from provenance.ingest.fetch import Fetcher
from provenance.ingest.html import host_of
from provenance.ingest.items import Failure, Hints, IngestError, Item, Loaded, url_key
from provenance.ingest.warc import HTML_TYPES


def _page_loader(fetcher: Fetcher, url: str) -> Callable[[], Awaitable[Loaded]]:
    async def load() -> Loaded:
        fetched = await fetcher.get(url)
        if fetched.content_type and fetched.content_type not in HTML_TYPES:
            raise IngestError(f"not an HTML page ({fetched.content_type})")
        return Loaded(fetched.data, fetched.url)

    return load


def url_item(fetcher: Fetcher, url: str, hints: Hints | None = None) -> Item:
    """One page to fetch."""
    return Item(url, url_key(url), _page_loader(fetcher, url), 1, hints or Hints(url=url))


async def web_items(
    fetcher: Fetcher, *, feeds: list[str], urls: list[str]
) -> AsyncIterator[Item | Failure]:
    """The pages of ``urls``, then the items of each feed (a feed that fails is reported)."""
    for url in urls:
        if host_of(url) is None:
            yield Failure(url, "not an http(s) URL", 1)
            continue
        yield url_item(fetcher, url)
    for feed in feeds:
        try:
            fetched = await fetcher.get(feed)
            entries = feed_entries(fetched.data, url=fetched.url)
        except IngestError as error:
            yield Failure(feed, f"feed: {error}", 1)
            continue
        for entry in entries:
            yield url_item(fetcher, entry.url, entry.hints)
