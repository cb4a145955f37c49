"""docker-compose.yml and the Dockerfile, checked offline (no Docker engine runs here)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _check_jsonschema() -> str:
    beside_python = Path(sys.executable).parent / "check-jsonschema"
    found = str(beside_python) if beside_python.exists() else shutil.which("check-jsonschema")
    assert found, "check-jsonschema is a dev dependency: reinstall with `make test`"
    return found


def test_compose_file_follows_the_compose_spec() -> None:
    result = subprocess.run(
        [_check_jsonschema(), "--builtin-schema", "vendor.compose-spec", "docker-compose.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_api_starts_after_migrate_and_seed_after_a_healthy_database() -> None:
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert set(services) == {"db", "migrate", "api"}
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert "provenance db upgrade" in " ".join(services["migrate"]["command"])
    assert "provenance seed" in " ".join(services["migrate"]["command"])
    assert services["api"]["depends_on"] == {
        "migrate": {"condition": "service_completed_successfully"}
    }
    urls = {services[name]["environment"]["DATABASE_URL"] for name in ("migrate", "api")}
    assert len(urls) == 1
    assert urls.pop().endswith("@db:5432/provenance")


def test_dockerfile_copies_what_exists_and_runs_unprivileged() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text().splitlines()
    copied = [
        source for line in dockerfile if line.startswith("COPY ") for source in line.split()[1:-1]
    ]
    assert copied
    for source in copied:
        assert (ROOT / source).exists(), f"Dockerfile copies {source}, which does not exist"
    assert any(line.startswith("USER ") and "root" not in line for line in dockerfile)
    assert dockerfile[-1].startswith("CMD")
