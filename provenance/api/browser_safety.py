"""Headers that keep browsers safe: no MIME sniffing anywhere, a CSP on every page.

HTML pages (GraphiQL) may run only the API's own scripts plus the inline script whose
hash is listed; SVG pictures may run none. Nothing may frame them.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from provenance.api.graphiql_page import GRAPHIQL_HTML

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _script_hashes(html: str) -> str:
    hashes = []
    for script in _INLINE_SCRIPT.findall(html):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return " ".join(hashes)


HTML_POLICY = (
    "default-src 'self'; "
    f"script-src 'self' {_script_hashes(GRAPHIQL_HTML)}; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


class BrowserSafety:
    """ASGI middleware adding X-Content-Type-Options everywhere and a CSP on pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                content_type = headers.get("content-type", "")
                if content_type.startswith("text/html"):
                    headers["Content-Security-Policy"] = HTML_POLICY
                elif content_type.startswith("image/svg+xml"):
                    headers["Content-Security-Policy"] = SVG_POLICY
            await send(message)

        await self.app(scope, receive, send_with_headers)
