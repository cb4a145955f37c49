"""A real HTTP server on 127.0.0.1 serving fixed routes, counting what was asked of it."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    fail_first: int = 0  # answer 503 this many times first


@dataclass
class Site:
    routes: dict[str, Route]
    base: str = ""
    hits: Counter[str] = field(default_factory=Counter)
    agents: set[str] = field(default_factory=set)


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Site]:
    site = Site(routes)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.hits[self.path] += 1
            site.agents.add(self.headers.get("User-Agent", ""))
            route = site.routes.get(self.path)
            if route is None:
                status, kind, body = 404, "text/plain", b"not found"
            elif site.hits[self.path] <= route.fail_first:
                status, kind, body = 503, "text/plain", b"busy"
            else:
                status, kind, body = route.status, route.content_type, route.body
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            del format, args

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
