"""The package works outside its source tree, with the versions the lock files pin.

A wheel is built from a copy of the tree and installed into a fresh virtual environment in
a temporary folder; its dependencies come from this environment (a .pth file), which
installed exactly requirements-dev.lock. From another folder it migrates, seeds, serves and
answers a query.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from provenance.localdb import free_port

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def _pins(lock: Path) -> dict[str, str]:
    found = re.findall(r"^([A-Za-z0-9._-]+)==([^\s;]+)", lock.read_text(), re.MULTILINE)
    return {canonicalize_name(name): version for name, version in found}


@pytest.mark.parametrize(
    ("lock", "extras"),
    [("requirements.lock", ()), ("requirements-dev.lock", ("dev",))],
)
def test_the_lock_pins_every_dependency_within_its_bounds(
    lock: str, extras: tuple[str, ...]
) -> None:
    pins = _pins(ROOT / lock)
    wanted = list(PYPROJECT["project"]["dependencies"])
    for extra in extras:
        wanted += PYPROJECT["project"]["optional-dependencies"][extra]
    for text in wanted:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{lock} lacks {name}: run `make lock`"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {name}=={pins[name]}, outside {requirement.specifier}: run `make lock`"
        )


def test_libraries_whose_internals_we_use_have_upper_bounds() -> None:
    for text in PYPROJECT["project"]["dependencies"]:
        requirement = Requirement(text)
        if requirement.name in ("strawberry-graphql", "graphql-core"):
            assert any(spec.operator == "<" for spec in requirement.specifier), text


def _build_wheel(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "migrations", "seeds", "provenance"):
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(
                path, source / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy(path, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path / "dist"),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("provenance-*.whl")
    return wheel


def _fresh_environment(tmp_path: Path, wheel: Path) -> Path:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # The dependencies, from this environment (installed from the lock); not the package.
    Path(purelib, "locked_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--ignore-installed",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return venv


def _post(port: int, query: str) -> Any:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


@pytest.mark.slow
def test_the_wheel_works_outside_the_source_tree(tmp_path: Path, bare_url: str) -> None:
    wheel = _build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    assert "provenance/migrations/env.py" in names
    assert "provenance/seeds/seeds.yaml" in names
    assert not [name for name in names if "__pycache__" in name]
    venv = _fresh_environment(tmp_path, wheel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "DATABASE_URL": bare_url, "PROVENANCE_DATA_DIR": str(tmp_path / "d")}

    def run(*arguments: str) -> str:
        result = subprocess.run(
            [str(venv / "bin" / "provenance"), *arguments],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    located = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import provenance; print(provenance.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert located.startswith(str(venv)), located
    assert "is at revision" in run("db", "upgrade")
    assert "Seeded the database at DATABASE_URL: 5 articles" in run("seed")
    port = free_port()
    server = subprocess.Popen(
        [str(venv / "bin" / "provenance"), "serve", "--port", str(port)],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.communicate()[0]
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "serve did not become healthy in 60 s"
                time.sleep(0.3)
        answer = _post(
            port,
            '{ quotations(search: "fighter jet", first: 1) '
            "{ edges { node { speaker { kind } } } } }",
        )
        assert answer["data"]["quotations"]["edges"][0]["node"]["speaker"]["kind"] == "UNNAMED"
        # The container health check asks the port the settings name.
        health = [str(venv / "bin" / "python"), "-m", "provenance.healthcheck"]
        ok = subprocess.run(health, env={**env, "PROVENANCE_PORT": str(port)}, check=False)
        assert ok.returncode == 0
        other = subprocess.run(
            health,
            env={**env, "PROVENANCE_PORT": str(free_port())},
            capture_output=True,
            text=True,
            check=False,
        )
        assert other.returncode == 1
        assert "is not healthy" in other.stderr
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)
