"""`provenance db start|url|stop`: the embedded database, the same from any folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from provenance.cli import main
from provenance.localdb import legacy_cluster_dir


def test_start_url_stop_from_two_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PROVENANCE_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    monkeypatch.chdir(tmp_path / "one")
    missing = CliRunner().invoke(main, ["db", "url"])
    assert missing.exit_code == 1
    assert "`provenance db start` creates and starts it" in missing.output
    started = CliRunner().invoke(main, ["db", "start"])
    assert started.exit_code == 0, started.output
    try:
        url = CliRunner().invoke(main, ["db", "url"]).stdout.strip()
        monkeypatch.chdir(tmp_path / "two")
        assert CliRunner().invoke(main, ["db", "url"]).stdout.strip() == url
        with psycopg.connect(url) as connection:
            assert connection.execute("SELECT version_num FROM alembic_version").fetchone()
        assert not (tmp_path / "two" / ".provenance").exists()
        reader = CliRunner().invoke(main, ["db", "url", "--read-only"]).stdout.strip()
        assert reader.startswith("postgresql://provenance_analyst:")
        with psycopg.connect(reader, autocommit=True) as connection:
            assert connection.execute("SELECT count(*) FROM speakers").fetchone() == (0,)
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute("INSERT INTO outlets (slug, name) VALUES ('x', 'X')")
    finally:
        stopped = CliRunner().invoke(main, ["db", "stop"])
    assert stopped.exit_code == 0, stopped.output
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2).close()


def test_db_url_prints_database_url_when_set() -> None:
    result = CliRunner().invoke(
        main, ["db", "url"], env={"DATABASE_URL": "postgresql://u@db.example/x"}
    )
    assert result.stdout == "postgresql://u@db.example/x\n"


def test_an_older_versions_database_in_the_folder_is_pointed_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("PROVENANCE_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    legacy = legacy_cluster_dir()
    (legacy / "data").mkdir(parents=True)
    try:
        (legacy / "data" / "PG_VERSION").write_text("15\n")  # what initdb leaves
        result = CliRunner().invoke(main, ["db", "url"])
    finally:
        shutil.rmtree(legacy, ignore_errors=True)
    assert result.exit_code == 1
    assert "holds an embedded database of an older version" in result.output
    assert "PROVENANCE_DATA_DIR=./.provenance" in result.output
