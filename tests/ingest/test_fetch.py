"""Fetching from a local server: robots.txt, retries, the size cap, the user agent."""

from __future__ import annotations

import asyncio

import pytest

from provenance.ingest.fetch import Fetcher, FetchError, FetchPolicy
from tests.ingest.server import Route, serve

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
FAST = FetchPolicy(user_agent="provenance-test/1", per_host_interval=0.0, backoff=0.01, timeout=5)


def _get(policy: FetchPolicy, url: str) -> bytes:
    async def run() -> bytes:
        async with Fetcher(policy) as fetcher:
            return (await fetcher.get(url)).data

    return asyncio.run(run())


def test_robots_txt_is_obeyed_and_the_agent_named() -> None:
    routes = {"/robots.txt": Route(ROBOTS, "text/plain"), "/ok": Route(b"fine"),
              "/private/x": Route(b"secret")}  # fmt: skip
    with serve(routes) as site:
        assert _get(FAST, site.base + "/ok") == b"fine"
        with pytest.raises(FetchError, match=r"robots\.txt"):
            _get(FAST, site.base + "/private/x")
        assert site.hits["/private/x"] == 0
        assert site.agents == {"provenance-test/1"}


def test_a_forbidden_robots_txt_forbids_the_host() -> None:
    routes = {"/robots.txt": Route(b"no", "text/plain", status=403), "/ok": Route(b"fine")}
    with serve(routes) as site, pytest.raises(FetchError, match="forbidden"):
        _get(FAST, site.base + "/ok")


def test_busy_answers_are_retried_with_back_off() -> None:
    routes = {"/robots.txt": Route(b"", "text/plain"), "/busy": Route(b"at last", fail_first=2)}
    with serve(routes) as site:
        assert _get(FAST, site.base + "/busy") == b"at last"
        assert site.hits["/busy"] == 3


def test_retries_end_with_a_reason() -> None:
    routes = {"/robots.txt": Route(b"", "text/plain"), "/down": Route(b"", fail_first=99)}
    policy = FetchPolicy(per_host_interval=0.0, backoff=0.01, retries=1)
    with serve(routes) as site, pytest.raises(FetchError, match=r"HTTP 503 .* 2 tries"):
        _get(policy, site.base + "/down")


def test_pages_over_the_size_cap_are_refused() -> None:
    routes = {"/robots.txt": Route(b"", "text/plain"), "/big": Route(b"x" * 5000)}
    policy = FetchPolicy(per_host_interval=0.0, max_bytes=1000)
    with serve(routes) as site, pytest.raises(FetchError, match="over the cap of 1000 bytes"):
        _get(policy, site.base + "/big")


def test_missing_pages_and_other_schemes_fail_clearly() -> None:
    routes = {"/robots.txt": Route(b"", "text/plain")}
    with serve(routes) as site, pytest.raises(FetchError, match="HTTP 404"):
        _get(FAST, site.base + "/gone")
    with pytest.raises(FetchError, match="not an http"):
        _get(FAST, "ftp://127.0.0.1/x")
