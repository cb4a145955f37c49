"""One input to ingest (a page's bytes, or a URL still to fetch), and why one failed."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date


class IngestError(Exception):
    """An input that cannot be ingested; the message says why."""


@dataclass(frozen=True)
class Hints:
    """What the place a page was found in says about it (a feed item, a WARC header)."""

    url: str | None = None
    title: str | None = None
    published_on: date | None = None
    author: str | None = None


@dataclass(frozen=True)
class Loaded:
    """The bytes of a page and the URL they were read from, when known."""

    data: bytes
    url: str | None = None


@dataclass(frozen=True)
class Item:
    """One page to ingest.

    ``key`` identifies it in the ledger (``sha256:`` of its bytes, or ``url:`` of a feed
    item not fetched yet); ``load`` reads or fetches its bytes; ``size`` is how far the
    input advanced (bytes of a file or archive, 1 for a URL), for the progress bar.
    """

    source: str
    key: str
    load: Callable[[], Awaitable[Loaded]]
    size: int = 0
    hints: Hints = field(default_factory=Hints)


@dataclass(frozen=True)
class Failure:
    """An input that could not be read, or a page that could not be ingested."""

    source: str
    reason: str
    size: int = 0


@dataclass(frozen=True)
class Skipped:
    """A record that is not a page (a WARC request, an image, a redirect): not an error."""

    source: str
    reason: str
    size: int = 0


def bytes_key(data: bytes) -> str:
    """The ledger key of a page read as bytes."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def url_key(url: str) -> str:
    """The ledger key of a page known by its URL before it is fetched."""
    return "url:" + url


def ready(data: bytes, url: str | None = None) -> Callable[[], Awaitable[Loaded]]:
    """A ``load`` for bytes already in memory."""

    async def load() -> Loaded:
        return Loaded(data, url)

    return load
