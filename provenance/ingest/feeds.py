"""RSS and Atom feeds (feedparser): the items to fetch, with what the feed says of them."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import feedparser

from provenance.ingest.items import Hints, IngestError


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: its link and the feed's title, date and author for it."""

    url: str
    hints: Hints


def _published(entry: Any) -> date | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(name)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC).date()
    return None


def feed_entries(data: bytes, *, url: str) -> list[FeedEntry]:
    """The items of the feed in ``data`` (fetched from ``url``) that link to a page."""
    parsed = feedparser.parse(data, response_headers={"content-location": url})
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        raise IngestError(f"{url} is not an RSS or Atom feed ({problem or 'no items'})")
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = entry.get("link")
        if not link or link in seen:
            continue
        seen.add(link)
        hints = Hints(
            url=link,
            title=entry.get("title") or None,
            published_on=_published(entry),
            author=entry.get("author") or None,
        )
        entries.append(FeedEntry(link, hints))
    return entries
