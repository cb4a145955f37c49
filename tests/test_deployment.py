"""docker-compose.yml and the Dockerfile, checked offline (no Docker engine runs here)."""

from __future__ import annotations

import configparser
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


COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text()
COMPOSE = yaml.safe_load(COMPOSE_TEXT)
SERVICES = COMPOSE["services"]


def test_services_start_in_order() -> None:
    assert set(SERVICES) == {"db", "pgbouncer", "migrate", "api"}
    assert "pg_isready" in " ".join(SERVICES["db"]["healthcheck"]["test"])
    assert SERVICES["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert SERVICES["migrate"]["command"] == ["provenance", "db", "upgrade"]
    assert SERVICES["api"]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }


def test_no_password_in_the_file_and_no_default_one() -> None:
    for name, service in SERVICES.items():
        for variable, value in (service.get("environment") or {}).items():
            if "PASSWORD" in variable:
                assert variable.endswith("_FILE"), f"{name} gives {variable} in clear"
                assert str(value).startswith("/run/secrets/"), f"{name}: {variable}={value}"
            if variable == "DATABASE_URL":
                assert ":" not in value.split("//")[1].split("@")[0], f"{name}: password in URL"
    for secret in COMPOSE["secrets"].values():
        # No default: compose refuses to start, saying what to set.
        assert secret["file"].startswith("${PROVENANCE_SECRETS:?set PROVENANCE_SECRETS"), secret
    assert ":-provenance" not in COMPOSE_TEXT


def test_seeding_only_when_asked() -> None:
    assert "seed" not in " ".join(SERVICES["migrate"]["command"])
    assert SERVICES["migrate"]["environment"]["PROVENANCE_SEED"] == "${PROVENANCE_SEED:-}"


def test_three_roles_owner_migrates_and_the_api_is_the_application_role() -> None:
    migrate, api = SERVICES["migrate"]["environment"], SERVICES["api"]["environment"]
    owner = SERVICES["db"]["environment"]["POSTGRES_USER"]
    assert migrate["DATABASE_URL"] == f"postgresql://{owner}@db:5432/provenance"
    assert api["DATABASE_URL"] == (
        f"postgresql://{migrate['PROVENANCE_APP_ROLE']}@pgbouncer:6432/provenance"
    )
    assert migrate["PROVENANCE_ANALYST_ROLE"] not in (owner, migrate["PROVENANCE_APP_ROLE"])
    assert api["PROVENANCE_DATABASE_PASSWORD_FILE"] == migrate["PROVENANCE_APP_PASSWORD_FILE"]


def test_one_image_built_once() -> None:
    built = [name for name, service in SERVICES.items() if "build" in service]
    assert built == ["migrate"]
    assert SERVICES["api"]["image"] == SERVICES["migrate"]["image"]


def test_the_api_health_check_follows_the_configured_port() -> None:
    api = SERVICES["api"]
    assert api["healthcheck"]["test"] == ["CMD", "python", "-m", "provenance.healthcheck"]
    port = api["environment"]["PROVENANCE_PORT"]
    assert api["ports"] == [f"127.0.0.1:{port}:{port}"]
    assert "8000" not in " ".join(api["healthcheck"]["test"])


def test_pgbouncer_pools_transactions_with_the_settings_the_api_needs() -> None:
    config = configparser.ConfigParser(inline_comment_prefixes=(";",))
    config.read(ROOT / "deploy" / "pgbouncer" / "pgbouncer.ini")
    bouncer = config["pgbouncer"]
    assert bouncer["pool_mode"] == "transaction"
    assert bouncer["listen_port"] == "6432"
    api = SERVICES["api"]["environment"]
    prepared = api["PROVENANCE_PREPARED_STATEMENTS"] == "true"
    assert prepared == (int(bouncer.get("max_prepared_statements", "0")) > 0)
    assert bouncer["auth_file"] == "/run/secrets/pgbouncer_userlist"
    assert "pgbouncer_userlist" in SERVICES["pgbouncer"]["secrets"]


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
