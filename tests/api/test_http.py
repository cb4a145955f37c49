"""GraphQL over HTTP on a real server: bodies, content types, status codes and sizes."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from provenance.api.app import create_app
from provenance.config import Settings
from tests.api.live_server import live_server

QUERY = b'{"query": "{ outlets { totalCount } }"}'
GRAPHQL_RESPONSE = "application/graphql-response+json"


@pytest.fixture
def server(seeded_url: str) -> Iterator[str]:
    settings = Settings(database_url=seeded_url, pool_size=2, max_body_bytes=100_000)
    with live_server(create_app(settings)) as url:
        yield url


def post(
    url: str, body: bytes, content_type: str = "application/json", **headers: str
) -> httpx.Response:
    return httpx.post(
        f"{url}/graphql", content=body, headers={"content-type": content_type, **headers}
    )


def assert_refused(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == code
    message: str = error["message"]
    return message


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b'{"query": "\xff\xfe{ outlets { totalCount } }"}', "not valid UTF-8"),
        (b'"{ outlets { totalCount } }"', "must be a JSON object"),
        (b"42", "must be a JSON object"),
        (b"", "body is empty"),
        (b"   ", "body is empty"),
        (b'{"query": ', "not JSON"),
        (
            b'{"query": "{ __typename }", "variables": ' + b'{"a": ' * 40 + b"1" + b"}" * 41,
            "nested more than 32 deep",
        ),
        (b"[" * 100_00 + b"]" * 100_00, "nested"),
        (b'{"query": "{ speakers(search: \\"\\ud800\\") { totalCount } }"}', "lone surrogate"),
        (b'[{"query": "{ __typename }"}]', "Batching is not enabled"),
    ],
)
def test_malformed_bodies_are_400_with_a_graphql_error(
    server: str, body: bytes, words: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="provenance.api"):
        message = assert_refused(post(server, body), 400, "BAD_REQUEST")
    assert words in message
    refusals = [r for r in caplog.records if r.name == "provenance.api"]
    assert refusals, "a refusal is logged"
    assert all(r.levelno == logging.INFO and r.exc_info is None for r in refusals)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_a_wrong_content_type_is_415(server: str, content_type: str) -> None:
    response = post(server, QUERY, content_type)
    assert "send the request as application/json" in assert_refused(
        response, 415, "UNSUPPORTED_MEDIA_TYPE"
    )


def test_a_declared_body_over_the_cap_is_413_before_it_is_sent(server: str) -> None:
    # Only the headers are sent: the answer comes without the server waiting for the body.
    address = urlsplit(server)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(
            b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 50000000\r\n\r\n"
        )
        answer = sock.recv(65536).decode()
    assert answer.startswith("HTTP/1.1 413"), answer
    assert "PAYLOAD_TOO_LARGE" in answer
    assert "PROVENANCE_MAX_BODY_BYTES" in answer


def _read_answer(sock: socket.socket) -> str:
    """What the server sent until it closed the connection or ended its JSON body."""
    received = b""
    while not received.rstrip().endswith(b"}"):
        try:
            data = sock.recv(65536)
        except ConnectionResetError:
            break
        if not data:
            break
        received += data
    return received.decode()


def test_a_chunked_body_over_the_cap_is_413_without_reading_the_rest(server: str) -> None:
    address = urlsplit(server)
    chunk = b"x" * 10_000
    sent = 0
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(
            b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        # 20 chunks of 10 kB pass the 100 kB cap; then stop sending and read the answer,
        # without ever finishing the body.
        for _ in range(20):
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except (BrokenPipeError, ConnectionResetError):
                break  # the server answered and closed before the rest was sent
            sent += len(chunk)
        answer = _read_answer(sock)
    assert answer.startswith("HTTP/1.1 413"), answer
    assert "PAYLOAD_TOO_LARGE" in answer
    assert sent < 1_000_000


def test_a_body_within_the_cap_is_served(server: str) -> None:
    padding = b" " * 90_000
    response = post(server, QUERY[:-1] + padding + b"}")
    assert response.json() == {"data": {"outlets": {"totalCount": 2}}}


def test_graphql_response_json_is_answered_with_the_spec_status_codes(server: str) -> None:
    ok = post(server, QUERY, accept=GRAPHQL_RESPONSE)
    assert ok.status_code == 200
    assert ok.headers["content-type"] == GRAPHQL_RESPONSE
    assert ok.json() == {"data": {"outlets": {"totalCount": 2}}}
    for document in (b'{"query": "{ outlets {"}', b'{"query": "{ nope }"}'):
        refused = post(server, document, accept=GRAPHQL_RESPONSE)
        assert refused.status_code == 400
        assert refused.headers["content-type"] == GRAPHQL_RESPONSE
        assert "data" not in refused.json()
        assert refused.json()["errors"][0]["extensions"]["code"].startswith("GRAPHQL_")
    # The legacy media type keeps 200 for a document that did not run.
    legacy = post(server, b'{"query": "{ nope }"}', accept="application/json")
    assert legacy.status_code == 200
    assert legacy.headers["content-type"] == "application/json"
    assert legacy.json()["data"] is None


def test_an_unacceptable_accept_header_is_406(server: str) -> None:
    response = post(server, QUERY, accept="text/csv")
    assert_refused(response, 406, "NOT_ACCEPTABLE")


def test_a_mutation_over_get_is_refused_with_a_code(server: str) -> None:
    response = httpx.get(f"{server}/graphql", params={"query": "mutation { __typename }"})
    assert response.status_code == 405
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_with_a_graphql_error(server: str, method: str) -> None:
    response = httpx.request(method, f"{server}/graphql", content=QUERY)
    assert_refused(response, 405, "METHOD_NOT_ALLOWED")
    assert response.headers["allow"] == "GET, POST"
