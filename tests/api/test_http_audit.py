"""graphql-http's server audits (the GraphQL-over-HTTP spec) against a real server: 61/61."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from provenance.api.app import create_app
from provenance.config import Settings
from tests.api.live_server import live_server
from tests.npm_packages import installed

AUDIT = Path(__file__).resolve().parents[1] / "http_audit"


def test_every_graphql_over_http_audit_passes(seeded_url: str) -> None:
    folder = installed(AUDIT, "graphql-http")
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
