"""The chain viewer: a search page and one page per quotation, for a reader in a browser.

The pages are static HTML with a small JavaScript module (provenance/api/static/viewer/)
that reads everything from the public GraphQL API, as any frontend would: no CDN, no build
step, no inline script (the Content-Security-Policy of api.browser_safety holds). They are
authorised like every route (api.route_access): open while anonymous reads are on.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

VIEWER_DIR = Path(__file__).parent / "static" / "viewer"
SEARCH_HTML = (VIEWER_DIR / "search.html").read_text(encoding="utf-8")
QUOTATION_HTML = (VIEWER_DIR / "quotation.html").read_text(encoding="utf-8")
_FRESH = {"Cache-Control": "no-cache"}


async def search_page(_request: Request) -> HTMLResponse:
    """GET /search?q=words: quotations matching the words, each linked to its viewer."""
    return HTMLResponse(SEARCH_HTML, headers=_FRESH)


async def quotation_page(_request: Request) -> HTMLResponse:
    """GET /quotations/{slug}: the chain of one quotation (the script reads the slug)."""
    return HTMLResponse(QUOTATION_HTML, headers=_FRESH)


def viewer_routes() -> list[BaseRoute]:
    """The pages and their script and style files (under /viewer/)."""
    return [
        Route("/search", search_page),
        Route("/quotations/{slug}", quotation_page),
        Mount("/viewer", StaticFiles(directory=VIEWER_DIR)),
    ]
