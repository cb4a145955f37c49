"""`provenance serve` with no configuration: embedded PostgreSQL, migrated and seeded."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from provenance.localdb import LocalCluster, default_cluster_dir, free_port

QUERY = (
    '{ quotations(search: "monitored by a US fighter jet", first: 1) { edges { node {'
    " attributions { edges { node { chain { role name } } } } } } } }"
)


def _post(port: int, query: str) -> Any:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


# A guard against a hang, not a speed test: a first start (initdb, migrations, seeds) took
# 25 s at load 6 on two cores and once more than 90 s in CI. A server that exits fails at once.
HEALTHY_WITHIN = 300


def _wait_until_healthy(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + HEALTHY_WITHIN
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[0]
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"provenance serve did not become healthy within {HEALTHY_WITHIN} s")


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_serve_without_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: signal.Signals
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PROVENANCE_DATA_DIR", str(tmp_path / "data"))
    cluster_dir = default_cluster_dir()  # as root, a folder the PostgreSQL user can reach
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "provenance", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_until_healthy(port, process)
        body = _post(port, QUERY)
        chains = [
            [hop["name"] for hop in edge["node"]["chain"]]
            for edge in body["data"]["quotations"]["edges"][0]["node"]["attributions"]["edges"]
        ]
        assert ["One of the truck drivers who took Daesh out of Raqqa", "BBC", "seed-000"] in chains
    finally:
        process.send_signal(stop)  # Ctrl-C, or `kill` and container runtimes
        output = process.communicate(timeout=60)[0]
    assert process.returncode == 0, output
    assert not LocalCluster(cluster_dir).is_running(), "serve left its PostgreSQL running"
    shutil.rmtree(cluster_dir, ignore_errors=True)


def test_serve_runs_as_many_processes_as_workers(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "provenance", "serve", "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_until_healthy(port, process)
        for _ in range(4):
            body = _post(port, QUERY)
            assert body["data"]["quotations"]["edges"], body
    finally:
        process.send_signal(signal.SIGINT)
        output = process.communicate(timeout=60)[0]
    assert output.count("Started server process") == 2, output
