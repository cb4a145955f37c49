"""Fetching pages politely with httpx: a user agent, robots.txt, a per-host pace, retries.

Every request names itself (``user_agent``), waits its turn on its host (at least
``per_host_interval`` seconds apart, longer if robots.txt asks with Crawl-delay), gives up
after ``timeout`` seconds, and stops reading past ``max_bytes``. Time-outs, dropped
connections and answers 429/500/502/503/504 are retried ``retries`` times with doubling
back-off (or the server's Retry-After, up to 30 s). robots.txt is read once per host with
urllib.robotparser: a 404 allows everything, a 401/403 or an unreachable robots.txt
forbids the host (what cannot be checked is not fetched).
"""

from __future__ import annotations

import asyncio
import time
import urllib.robotparser
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit

import httpx

from provenance import __version__
from provenance.ingest.items import IngestError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 30.0


class FetchError(IngestError):
    """A page that could not be fetched; the message says why."""


@dataclass(frozen=True)
class FetchPolicy:
    """How pages are fetched (the ``ingest`` options set these)."""

    user_agent: str = f"provenance/{__version__} (news quotation research; ingest)"
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    retries: int = 3
    backoff: float = 0.5
    per_host_interval: float = 1.0
    respect_robots: bool = True


@dataclass(frozen=True)
class Fetched:
    """A fetched response: the URL it ended at, its bytes and media type."""

    url: str
    data: bytes
    content_type: str
    status: int = 200


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return min(float(value), MAX_RETRY_AFTER)
    except ValueError:
        return None


class Fetcher:
    """An HTTP client for ingesting; use as ``async with Fetcher(policy) as fetcher``."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._client: httpx.AsyncClient | None = None
        self._robots: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._last: dict[str, float] = {}  # when each origin was last asked
        self._delays: dict[str, float] = {}  # robots.txt Crawl-delay of each origin
        self.requests = 0
        self._pause = 0.0  # the server's Retry-After, for the next attempt

    async def __aenter__(self) -> Fetcher:
        self._client = httpx.AsyncClient(
            headers={"User-Agent": self.policy.user_agent},
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=True,
            max_redirects=5,
        )
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def get(self, url: str) -> Fetched:
        """The page at ``url``, or a FetchError naming why not."""
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https") or not urlsplit(url).netloc:
            raise FetchError(f"not an http(s) URL: {url!r}")
        if self.policy.respect_robots:
            await self._check_robots(url)
        return await self._request(url)

    async def _check_robots(self, url: str) -> None:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = await self._load_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, str):
            raise FetchError(rules)
        if not rules.can_fetch(self.policy.user_agent, url):
            raise FetchError(f"robots.txt of {origin} does not allow fetching {url}")

    async def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | str:
        rules = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            fetched = await self._request(origin + "/robots.txt", allow_status=True)
        except FetchError as error:
            return f"robots.txt of {origin} could not be read ({error}): not fetching from it"
        status = fetched.status
        if status in (401, 403):
            return f"robots.txt of {origin} is forbidden (HTTP {status}): not fetching from it"
        if status >= 500:
            return f"robots.txt of {origin} answered HTTP {status}: not fetching from it"
        if status >= 400:
            rules.parse([])  # no robots.txt: everything is allowed
            return rules
        rules.parse(fetched.data.decode("utf-8", "replace").splitlines())
        delay = rules.crawl_delay(self.policy.user_agent)
        if delay is not None:
            self._delays[origin] = float(delay)
        return rules

    async def _wait_turn(self, origin: str) -> None:
        interval = max(self.policy.per_host_interval, self._delays.get(origin, 0.0))
        last = self._last.get(origin)
        if last is not None:
            pause = last + interval - time.monotonic()
            if pause > 0:
                await asyncio.sleep(pause)
        self._last[origin] = time.monotonic()

    async def _request(self, url: str, *, allow_status: bool = False) -> Fetched:
        """GET with pacing, retries and the size cap; with ``allow_status`` an error
        status is returned (empty, with its ``status``) instead of raised."""
        assert self._client is not None, "use the Fetcher as an async context manager"
        origin = _origin(url)
        lock = self._locks.setdefault(origin, asyncio.Lock())
        problem = ""
        for attempt in range(self.policy.retries + 1):
            if attempt:
                await asyncio.sleep(self._pause or self.policy.backoff * 2 ** (attempt - 1))
            self._pause = 0.0
            async with lock:
                await self._wait_turn(origin)
                self.requests += 1
                try:
                    async with self._client.stream("GET", url) as response:
                        if response.status_code in RETRY_STATUSES:
                            self._pause = _retry_after(response) or 0.0
                            problem = f"HTTP {response.status_code}"
                            continue
                        if response.status_code >= 400 or response.status_code < 200:
                            if allow_status:
                                return Fetched(str(response.url), b"", "", response.status_code)
                            raise FetchError(f"HTTP {response.status_code} from {url}")
                        data = await self._read_capped(response, url)
                        kind = response.headers.get("Content-Type", "").split(";")[0].strip()
                        return Fetched(str(response.url), data, kind.lower())
                except httpx.TimeoutException:
                    problem = f"no answer within {self.policy.timeout:g} s"
                except httpx.TooManyRedirects:
                    raise FetchError(f"too many redirects from {url}") from None
                except httpx.TransportError as error:
                    problem = f"connection failed ({type(error).__name__}: {error})"
        tries = self.policy.retries + 1
        raise FetchError(f"{problem} from {url}, {tries} tries")

    async def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        cap = self.policy.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"{url} is {declared} bytes, over the cap of {cap} bytes")
        chunks: list[bytes] = []
        total = 0
        async for chunk in response.aiter_bytes():
            total += len(chunk)
            if total > cap:
                raise FetchError(f"{url} is over the cap of {cap} bytes")
            chunks.append(chunk)
        return b"".join(chunks)
