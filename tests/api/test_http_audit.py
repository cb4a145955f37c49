"""graphql-http's server audits (the GraphQL-over-HTTP spec) against a real server: 61/61."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from provenance.api.app import create_app
from provenance.config import Settings
from tests.api.live_server import live_server

AUDIT = Path(__file__).resolve().parents[1] / "http_audit"


def _installed() -> Path:
    """graphql-http installed from the lock file (npm ci) the first time."""
    npm = shutil.which("npm")
    assert npm, "the GraphQL-over-HTTP audit needs Node.js and npm (apt-get install npm)"
    if not (AUDIT / "node_modules" / "graphql-http").exists():
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=AUDIT, check=True, capture_output=True
        )
    return AUDIT


def test_every_graphql_over_http_audit_passes(seeded_url: str) -> None:
    folder = _installed()
    app = create_app(Settings(database_url=seeded_url, pool_size=2))
    with live_server(app) as url:
        node = shutil.which("node")
        assert node
        run = subprocess.run(
            [node, "audit.mjs", f"{url}/graphql"],
            cwd=folder,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
    results = json.loads(run.stdout)
    failing = [
        f"{r['status']}: {r['name']} ({r['reason']})" for r in results if r["status"] != "ok"
    ]
    assert len(results) == 61
    assert failing == []
