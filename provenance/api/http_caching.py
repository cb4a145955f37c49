"""HTTP caching: Cache-Control on GraphQL answers, ETags and 304s, gzip.

- An anonymous GET query answered without errors may be cached by anyone:
  ``Cache-Control: public, max-age=PROVENANCE_CACHE_MAX_AGE``; every other GraphQL answer
  (POST, errors, and anything asked with a token: per-token data) is ``no-store``
  (``private, no-store`` with a token). GraphQL answers vary on ``Accept`` (the media
  type), ``Authorization``, ``Accept-Encoding`` and, with CORS origins set, ``Origin``.
- ConditionalGet gives a GET answer that declares itself cacheable (a Cache-Control
  without ``no-store`` or ``private``) and was asked without a token a weak ETag, the
  SHA-256 of its body, and answers a matching ``If-None-Match`` with 304 and no body.
  Static files keep Starlette's ETag (made weak: gzip changes the bytes, not the meaning).
- Starlette's GZipMiddleware compresses answers of 500 bytes or more for clients that
  accept gzip.
"""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from provenance.config import Settings

GZIP_MINIMUM_BYTES = 500


def graphql_cache_headers(
    response: Response, request: Request, settings: Settings, *, had_errors: bool
) -> None:
    """Cache-Control and Vary of a /graphql answer."""
    anonymous = "authorization" not in request.headers
    vary = ["Accept", "Authorization", "Accept-Encoding"]
    if settings.cors_origins:
        vary.append("Origin")
    for name in vary:
        response.headers.add_vary_header(name)
    if request.method == "GET" and anonymous and not had_errors and response.status_code == 200:
        max_age = settings.cache_max_age
        response.headers["Cache-Control"] = (
            f"public, max-age={max_age}" if max_age > 0 else "public, no-cache"
        )
    else:
        response.headers["Cache-Control"] = "no-store" if anonymous else "private, no-store"


def cacheable(headers: Headers) -> bool:
    """Whether an answer says a cache may keep it (so an ETag is worth sending)."""
    control = headers.get("cache-control", "").lower()
    return bool(control) and "no-store" not in control and "private" not in control


def weak_etag(body: bytes) -> str:
    return f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'


def matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110's weak comparison of If-None-Match with ``etag``."""
    if if_none_match.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == bare for tag in if_none_match.split(","))


class ConditionalGet:
    """ASGI middleware: ETags on cacheable anonymous GET answers, 304 when unchanged."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        anonymous = "authorization" not in request_headers
        if_none_match = request_headers.get("if-none-match")
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffered(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = MutableHeaders(raw=list(message["headers"]))
                etag = headers.get("etag")
                if etag is not None and not etag.startswith("W/"):
                    headers["etag"] = f"W/{etag}"  # static files: the same under gzip
                    message = {**message, "headers": headers.raw}
                if (
                    etag is None
                    and message["status"] == 200
                    and scope["method"] == "GET"
                    and anonymous
                    and cacheable(headers)
                ):
                    start = message  # hold it until the body is known
                    return
                await send(message)
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await _answer(start, b"".join(chunks), if_none_match, send)

        await self.app(scope, receive, buffered)


async def _answer(start: Message, body: bytes, if_none_match: str | None, send: Send) -> None:
    headers = MutableHeaders(raw=list(start["headers"]))
    etag = weak_etag(body)
    headers["etag"] = etag
    if if_none_match is not None and matches(if_none_match, etag):
        for name in ("content-length", "content-type", "content-encoding"):
            if name in headers:
                del headers[name]
        await send({"type": "http.response.start", "status": 304, "headers": headers.raw})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({**start, "headers": headers.raw})
    await send({"type": "http.response.body", "body": body})
