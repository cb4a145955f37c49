"""RSS and Atom feeds: item links with the feed's title, date and author for them."""

from __future__ import annotations

from datetime import date

import pytest

from provenance.ingest.feeds import feed_entries
from provenance.ingest.items import IngestError

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour News</title>
<entry><title>Port reopens</title><link href="https://harbour.test/news/port"/>
<updated>2024-03-04T09:00:00Z</updated><author><name>Lena Ortiz</name></author></entry>
<entry><title>Again</title><link href="https://harbour.test/news/port"/></entry>
<entry><title>No link</title></entry>
</feed>"""


def test_atom_entries_keep_their_metadata_and_come_once() -> None:
    entries = feed_entries(ATOM, url="https://harbour.test/feed")
    assert [e.url for e in entries] == ["https://harbour.test/news/port"]
    hints = entries[0].hints
    assert (hints.title, hints.published_on, hints.author) == (
        "Port reopens",
        date(2024, 3, 4),
        "Lena Ortiz",
    )


def test_something_else_is_not_a_feed() -> None:
    with pytest.raises(IngestError, match="not an RSS or Atom feed"):
        feed_entries(b"<html><body>hello</body></html>", url="https://harbour.test/")
