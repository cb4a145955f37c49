"""The load generator's HTTP client against a tiny loopback server."""

from __future__ import annotations

import asyncio
import json

import pytest

from provenance.bench.http import HttpClient

RESPONSES = {
    b"/length": b"HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n" + b'{"kind": "n"}',
    b"/chunked": b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
    b'7\r\n{"kind"\r\n8\r\n: "chunk\r\n4\r\ned"}\r\n0\r\n\r\n',
    b"/close": b"HTTP/1.1 500 Oops\r\nConnection: close\r\nContent-Length: 4\r\n\r\nfail",
}


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    seen = []
    while not reader.at_eof():
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            break
        path = head.split(b" ")[1]
        length = [
            line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
        ]
        if length:
            body = await reader.readexactly(int(length[0].split(b":")[1]))
            seen.append(json.loads(body))
        writer.write(RESPONSES[path])
        await writer.drain()
        if path == b"/close":
            break
    writer.close()


def test_keep_alive_lengths_chunks_and_closed_connections() -> None:
    async def scenario() -> list[tuple[int, bytes]]:
        handlers: list[asyncio.Task[None]] = []

        async def counted(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            handlers.append(asyncio.current_task())  # type: ignore[arg-type]
            await _serve(reader, writer)

        server = await asyncio.start_server(counted, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        client = HttpClient(f"http://127.0.0.1:{port}", size=2)
        try:
            answers = [
                await client.post_json("/length", {"q": 1}),
                await client.get("/chunked"),
                await client.get("/close"),
                await client.post_json("/length", {"q": 2}, worker=0),
                await client.get("/length", worker=1),
            ]
        finally:
            await client.close()
            await asyncio.gather(*handlers)  # each ends when its client closes
            server.close()
            await server.wait_closed()
        # Worker 0 kept one connection for three requests, then needed a new one after
        # the server closed it; worker 1 has its own.
        assert len(handlers) == 3
        return [(answer.status, answer.body) for answer in answers]

    answers = asyncio.run(scenario())
    assert answers[0] == (200, b'{"kind": "n"}')
    assert answers[1] == (201, b'{"kind": "chunked"}')
    assert answers[2] == (500, b"fail")
    assert answers[3][0] == answers[4][0] == 200


def test_only_plain_http_urls() -> None:
    with pytest.raises(ValueError, match="only plain http"):
        HttpClient("https://127.0.0.1:1", size=1)
