"""A lean HTTP/1.1 client for the load generator: one keep-alive connection per worker.

The benchmark client shares two cores with the servers it measures, so its own cost
shows in every latency: httpx spent about 0.9 ms of CPU per request, as much as a third
of what our API spends answering. This client only sends a request on a connection it
keeps open and reads one response (Content-Length or chunked), about a tenth of that.
It is used for every target alike, our API and PostGraphile.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class HttpError(RuntimeError):
    """The server answered something that is not HTTP/1.1 as this client reads it."""


class HttpClient:
    """Keep-alive connections to one server, ``size`` of them (one per worker)."""

    def __init__(self, base: str, *, size: int, timeout: float = 60.0) -> None:
        parts = urlsplit(base)
        if parts.scheme != "http" or parts.hostname is None:
            raise ValueError(f"only plain http://host:port URLs are supported, not {base!r}")
        self._host = parts.hostname
        self._port = parts.port or 80
        self._timeout = timeout
        self._streams: list[tuple[asyncio.StreamReader, asyncio.StreamWriter] | None] = [
            None
        ] * size

    async def post_json(self, path: str, payload: Any, *, worker: int = 0) -> Response:
        """POST ``payload`` as JSON to ``path`` on ``worker``'s connection."""
        body = json.dumps(payload).encode()
        return await self.request("POST", path, body, worker=worker)

    async def get(self, path: str, *, worker: int = 0) -> Response:
        return await self.request("GET", path, None, worker=worker)

    async def request(
        self, method: str, path: str, body: bytes | None, *, worker: int = 0
    ) -> Response:
        """One request and its response; reconnects once if the kept connection closed."""
        for attempt in (1, 2):
            reader, writer = await self._open(worker)
            head = f"{method} {path} HTTP/1.1\r\nHost: {self._host}:{self._port}\r\n"
            if body is not None:
                head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            writer.write(head.encode() + b"\r\n" + (body or b""))
            try:
                return await asyncio.wait_for(self._read(reader, worker), self._timeout)
            except (asyncio.IncompleteReadError, ConnectionError):
                self._drop(worker)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _open(self, worker: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        streams = self._streams[worker]
        if streams is None:
            streams = await asyncio.open_connection(self._host, self._port)
            self._streams[worker] = streams
        return streams

    async def _read(self, reader: asyncio.StreamReader, worker: int) -> Response:
        head = await reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        try:
            status = int(status_line.split(" ", 2)[1])
        except (IndexError, ValueError) as error:
            raise HttpError(f"not an HTTP status line: {status_line!r}") from error
        headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            if name:
                headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._read_chunks(reader)
        else:  # the body runs to the end of the connection
            body = await reader.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            self._drop(worker)
        return Response(status, body)

    @staticmethod
    async def _read_chunks(reader: asyncio.StreamReader) -> bytes:
        parts: list[bytes] = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")  # no trailers are expected
                return b"".join(parts)
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)

    def _drop(self, worker: int) -> None:
        streams = self._streams[worker]
        self._streams[worker] = None
        if streams is not None:
            streams[1].close()

    async def close(self) -> None:
        """Close every connection."""
        for worker in range(len(self._streams)):
            self._drop(worker)
