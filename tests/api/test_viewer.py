"""The chain viewer in a real browser: Debian's chromium, driven by Playwright, against a
real server over the seeded database. Only 127.0.0.1 may be reached (the page works offline).
"""

from __future__ import annotations

import io
import json
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from statistics import pstdev

import pytest
from PIL import Image
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, sync_playwright
from starlette.testclient import TestClient

from provenance.api.app import create_app
from provenance.config import Settings
from tests.api.live_server import live_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
FIGHTER_JET = "monitored by a US fighter jet"
LOADED = (
    "() => { const i = document.getElementById('relay-graph'); "
    "return i !== null && i.complete && i.naturalWidth > 0; }"
)


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest) -> Iterator[Browser]:
    # Playwright's sync API keeps an event loop running in this thread: the seeded template
    # (built with asyncio.run) must exist before it starts.
    request.getfixturevalue("seeded_template")
    if shutil.which(CHROMIUM) is None:  # make setup installs it (Makefile: system-packages)
        pytest.fail(f"{CHROMIUM} is missing: run 'make system-packages' (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def server(seeded_url: str) -> Iterator[str]:
    with live_server(create_app(Settings(database_url=seeded_url, pool_size=2))) as base:
        yield base


class Watched:
    """A page whose console errors, failed requests and off-machine requests are kept."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.problems: list[str] = []
        self.elsewhere: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        page.on(
            "response",
            lambda r: (
                self.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None
            ),
        )
        page.route("**/*", lambda route: self._only_local(route, base))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _only_local(self, route: Route, base: str) -> None:
        if route.request.url.startswith(base + "/"):
            route.continue_()
        else:
            self.elsewhere.append(route.request.url)
            route.abort()


def graphql(base: str, query: str, variables: dict[str, object]) -> dict[str, object]:
    request = urllib.request.Request(
        f"{base}/graphql",
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body: dict[str, object] = json.load(response)
    return body


def fighter_jet_slug(base: str) -> str:
    body = graphql(
        base,
        "query($q: String) { quotations(search: $q, first: 1) { edges { node { slug } } } }",
        {"q": FIGHTER_JET},
    )
    edges = body["data"]["quotations"]["edges"]  # type: ignore[index]
    slug: str = edges[0]["node"]["slug"]
    return slug


def test_the_fighter_jet_chain_reads_in_a_browser(
    browser: Browser, server: str, tmp_path: Path
) -> None:
    slug = fighter_jet_slug(server)
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    watched = Watched(page, server)

    # A journalist searches half-remembered words and opens the result.
    page.goto(f"{server}/search?q={FIGHTER_JET.replace(' ', '+')}")
    link = page.locator(f'a[href="/quotations/{slug}"]')
    link.wait_for()
    assert "fighter jet" in link.inner_text()
    link.click()
    page.wait_for_url(f"{server}/quotations/{slug}")
    page.locator(".hops .hop").first.wait_for()

    assert "monitored by a US fighter jet from the air" in page.locator(".said").inner_text()
    assert "truck driver" in page.locator("#speaker").inner_text()
    assert page.locator(".first-outlet").inner_text() == "BBC"
    hops = page.locator(".hops .hop")
    assert hops.count() == 2
    first, relay = hops.nth(0).inner_text(), hops.nth(1).inner_text()
    assert "FIRST REPORT" in first.upper()
    assert "BBC" in first
    assert "13 Nov 2017" in first
    assert "reports by the BBC on Monday" in first  # known only as cited
    assert "Outlet not stated" in relay
    assert "seed-000" in relay
    assert "14 Nov 2017, 1 day later than BBC" in relay
    assert "“the truck driver said that”" in relay
    assert "Took the words from" in relay
    assert "SAME" in relay.upper()

    image = page.locator("#relay-graph")
    image.scroll_into_view_if_needed()
    page.wait_for_function(LOADED)
    assert image.evaluate("i => i.naturalWidth") > 300
    svg = page.request.get(image.evaluate("i => i.src")).text()
    assert "Legend" in svg
    assert "same words" in svg
    assert "Outlet not stated" in svg
    assert page.locator(".sources tbody tr").count() == 2

    shot = tmp_path / "fighter-jet.png"
    page.screenshot(path=str(shot), full_page=True)
    pixels = Image.open(io.BytesIO(shot.read_bytes())).convert("L")
    assert pixels.height > 900  # the whole chain, not a blank first screen
    assert pstdev(pixels.resize((200, 400)).tobytes()) > 20  # text and pictures, not blank

    assert watched.problems == []
    assert watched.elsewhere == []  # nothing but this server: the page works offline
    page.close()


def test_insertions_and_rewordings_are_shown_inline(
    browser: Browser, server: str, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    watched = Watched(page, server)
    page.goto(f"{server}/quotations/truck-driver-took-everything")
    page.locator(".hops .hop").nth(1).wait_for()
    relay = page.locator(".hops .hop").nth(1)
    assert relay.locator(".diff ins").all_inner_texts() == ["[Daesh]"]  # the BBC had no brackets
    assert "IS [Daesh] fighters" in relay.locator("blockquote").inner_text()
    assert "INSERTED" in relay.locator(".verdict").inner_text().upper()
    page.wait_for_function(LOADED)  # leaving earlier would cancel the picture's request

    page.goto(f"{server}/quotations/pahon-confirms-deal")
    page.locator(".hops .hop").nth(2).wait_for()
    reworded = page.locator(".hop", has=page.locator(".verdict-reworded"))
    assert reworded.count() == 1
    assert "secret deal between" in " ".join(reworded.locator(".diff del").all_inner_texts())
    assert reworded.locator(".diff ins").all_inner_texts() == ["evacuation"]
    page.wait_for_function(LOADED)
    page.screenshot(path=str(tmp_path / "reworded.png"), full_page=True)
    assert watched.problems == []
    assert watched.elsewhere == []
    page.close()


def test_an_unknown_quotation_says_so(browser: Browser, server: str) -> None:
    page = browser.new_page()
    watched = Watched(page, server)
    page.goto(f"{server}/quotations/no-such-quote")
    page.get_by_text("No such quotation").wait_for()
    assert "no-such-quote" in page.locator("main").inner_text()
    assert watched.problems == []
    page.close()


def test_the_pages_keep_the_content_security_policy(seeded_url: str) -> None:
    with TestClient(create_app(Settings(database_url=seeded_url, pool_size=2))) as http:
        for path in ("/search", "/quotations/truck-driver-fighter-jet"):
            page = http.get(path)
            assert page.status_code == 200
            assert "script-src 'self'" in page.headers["content-security-policy"]
            assert "<script>" not in page.text  # no inline script: only /viewer/*.js
        script = http.get("/viewer/quotation.js")
        assert script.headers["content-type"].startswith("text/javascript")


def test_the_pages_are_refused_like_graphql_when_reads_are_closed(seeded_url: str) -> None:
    settings = Settings(database_url=seeded_url, pool_size=2, anonymous_read=False)
    with TestClient(create_app(settings)) as http:
        for path in ("/search", "/quotations/truck-driver-fighter-jet", "/viewer/quotation.js"):
            assert http.get(path).status_code == 401, path
