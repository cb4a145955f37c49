"""`provenance serve` as a real HTTP server in its own process, and a small client for it."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provenance.localdb import free_port


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: Any


@dataclass(frozen=True)
class LiveServer:
    port: int
    process: subprocess.Popen[str]
    log: Path

    def output(self) -> str:
        """What the server has printed so far."""
        return self.log.read_text(errors="replace")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def post(
        self, query: str, *, timeout: float = 30, headers: dict[str, str] | None = None
    ) -> Answer:
        """POST a GraphQL query; any HTTP status is an answer."""
        request = urllib.request.Request(
            f"{self.base}/graphql",
            data=json.dumps({"query": query}).encode(),
            headers={"content-type": "application/json", **(headers or {})},
        )
        return _open(request, timeout)

    def get(
        self, path: str, *, timeout: float = 30, headers: dict[str, str] | None = None
    ) -> Answer:
        return _open(urllib.request.Request(f"{self.base}{path}", headers=headers or {}), timeout)

    def metrics(self) -> dict[str, float]:
        """The /metrics values by name."""
        text = self.get("/metrics").body
        pairs = (line.split(" ") for line in text.splitlines() if not line.startswith("#"))
        return {name: float(value) for name, value in pairs}

    def wait_until(self, condition: Any, *, what: str, timeout: float = 20) -> None:
        """Poll ``condition()`` until it is true (a guard against hangs, not a speed test)."""
        deadline = time.monotonic() + timeout
        while not condition():
            assert self.process.poll() is None, self.output()
            assert time.monotonic() < deadline, f"still not {what} after {timeout} s"
            time.sleep(0.05)


def _open(request: urllib.request.Request, timeout: float) -> Answer:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return _answer(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        return _answer(error.code, dict(error.headers), error.read())


def _answer(status: int, headers: dict[str, str], raw: bytes) -> Answer:
    text = raw.decode()
    is_json = headers.get("content-type", "").startswith("application/json")
    return Answer(
        status, {k.lower(): v for k, v in headers.items()}, json.loads(text) if is_json else text
    )


@contextlib.contextmanager
def live_process(database_url: str, **settings: str) -> Iterator[LiveServer]:
    """Serve ``database_url`` (already migrated) with ``settings`` as environment variables."""
    port = free_port()
    environment = {**os.environ, "DATABASE_URL": database_url, **settings}
    with tempfile.TemporaryDirectory(prefix="provenance-serve-") as folder:
        log = Path(folder) / "serve.log"
        with log.open("w") as output:  # a file: a pipe nobody reads would block the server
            process = subprocess.Popen(
                [sys.executable, "-m", "provenance", "serve", "--no-migrate", "--port", str(port)],
                stdout=output,
                stderr=subprocess.STDOUT,
                text=True,
                env=environment,
            )
        server = LiveServer(port, process, log)
        try:
            # A hang guard (tests/cli/test_serve.py's HEALTHY_WITHIN): it exits, it fails at once.
            server.wait_until(lambda: _healthy(server), what="healthy", timeout=300)
            yield server
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _healthy(server: LiveServer) -> bool:
    try:
        return server.get("/healthz", timeout=2).status == 200
    except OSError:
        return False
