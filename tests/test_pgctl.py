"""The root-safe pg_ctl wrapper."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest

from provenance import pgctl


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["start", "-D", "/a/b", "-w"], ["/a/b"]),
        (["start", "-D/a/b"], ["/a/b"]),
        (["initdb", "--pgdata", "/x"], ["/x"]),
        (["initdb", "--pgdata=/y", "-o", "-D /not/this"], ["/y"]),
        (["status"], []),
    ],
)
def test_finds_the_data_directory_however_it_is_given(args: list[str], expected: list[str]) -> None:
    assert pgctl._option_values(args, "-D", "--pgdata") == expected


def test_finds_postgres() -> None:
    assert (pgctl.postgres_bindir() / "pg_ctl").exists()


def test_version_passes_through() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "provenance.pgctl", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("pg_ctl (PostgreSQL)")


def test_can_reach_follows_every_parent(tmp_path: Path) -> None:
    user = pwd.getpwuid(os.geteuid())
    assert pgctl.can_reach(user, tmp_path / "data")
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o700)
    other = pgctl.runtime_user()
    if os.geteuid() == 0:
        # root's 0700 folder is closed to the PostgreSQL user.
        assert not pgctl.can_reach(other, closed / "data")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root hands clusters to another user")
def test_root_gets_a_clear_error_for_an_unreachable_folder(tmp_path: Path) -> None:
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o700)
    result = subprocess.run(
        [sys.executable, "-m", "provenance.pgctl", "initdb", "-D", str(closed / "data")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "cannot reach" in result.stderr
    assert "a directory above it is closed to that user" in result.stderr
