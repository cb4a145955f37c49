"""The embedded PostgreSQL cluster: lifecycle, access, and running as a normal user."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
import pytest

from provenance import pgctl
from provenance.localdb import LocalCluster, data_dir, default_cluster_dir


def test_session_cluster_listens_on_loopback_with_a_password(pg_cluster: LocalCluster) -> None:
    assert pg_cluster.is_running()
    with psycopg.connect(pg_cluster.url()) as conn:
        settings: dict[str, str] = dict(
            conn.execute(
                "SELECT name, setting FROM pg_settings WHERE name IN "
                "('listen_addresses', 'unix_socket_directories', 'password_encryption')"
            ).fetchall()
        )
    assert settings == {
        "listen_addresses": "127.0.0.1",
        "unix_socket_directories": "",
        "password_encryption": "scram-sha-256",
    }
    wrong = pg_cluster.url().replace(pg_cluster.password, "not-the-password")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(wrong)


def test_stop_and_start_again_keep_the_data() -> None:
    directory = Path(tempfile.mkdtemp(prefix="provenance-test-cluster-"))
    cluster = LocalCluster(directory, durable=False)
    try:
        cluster.start()
        url = cluster.ensure_database("kept")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE t AS SELECT 42 AS answer")
        cluster.stop()
        assert not cluster.is_running()
        cluster.start()
        cluster.start()  # a second start is a no-op
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT answer FROM t").fetchone() == (42,)
    finally:
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


def test_a_restart_keeps_the_port_though_clients_are_connected() -> None:
    # A client that has not noticed the stop yet (an API's idle pooled connection) keeps
    # the server's end of its socket open (FIN-WAIT-2) on the cluster's port; the port is
    # still free to listen on, and an API that knows the old address must find it again.
    directory = Path(tempfile.mkdtemp(prefix="provenance-test-cluster-"))
    cluster = LocalCluster(directory, durable=False)
    try:
        cluster.start()
        port = cluster.port
        client = psycopg.connect(cluster.url(), autocommit=True)
        client.execute("SELECT 1")
        cluster.stop()  # ends this session from the server's side
        cluster.start()
        client.close()
        assert cluster.port == port
        assert (directory / "port").read_text().strip() == str(port)
    finally:
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


PROJECT = Path(__file__).resolve().parents[1]


def _python_for(user: pwd.struct_passwd) -> tuple[str, dict[str, str]] | None:
    """An interpreter ``user`` can run with this environment's packages, and its env."""
    packages = [p for p in sys.path if p.endswith("site-packages")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), *packages])}
    # A pyenv interpreter under /root is closed to other users; Debian's is not.
    for python in (sys.executable, shutil.which("python3") or "", "/usr/bin/python3"):
        if not python or not pgctl.can_reach(user, Path(python).resolve()):
            continue
        version = subprocess.run(
            [python, "-c", "import sys; print(sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if version == str(sys.version_info[:2]):
            return python, env
    return None


@pytest.mark.skipif(os.geteuid() != 0, reason="as a normal user, the whole suite is this test")
def test_a_normal_user_runs_the_cluster_too() -> None:
    """As root, run the same code as an unprivileged user: pg_ctl is then called directly."""
    user = pwd.getpwnam("nobody")
    found = _python_for(user)
    if found is None or not pgctl.can_reach(user, PROJECT / "provenance"):
        pytest.skip("no Python of this version with these packages is open to 'nobody'")
    python, env = found
    directory = Path(tempfile.mkdtemp(prefix="provenance-test-nobody-"))
    os.chown(directory, user.pw_uid, user.pw_gid)
    script = (
        "import sys, psycopg\n"
        "from pathlib import Path\n"
        "from provenance.localdb import LocalCluster\n"
        "c = LocalCluster(Path(sys.argv[1]) / 'pg', durable=False)\n"
        "c.start()\n"
        "with psycopg.connect(c.url()) as conn:\n"
        "    print(conn.execute('SELECT current_user').fetchone()[0])\n"
        "c.stop()\n"
    )
    try:
        result = subprocess.run(
            ["runuser", "-u", "nobody", "--", python, "-c", script, str(directory)],
            capture_output=True,
            text=True,
            check=False,
            cwd=directory,
            env={**env, "HOME": str(directory)},
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "postgres"
        assert (directory / "pg" / "data").stat().st_uid == user.pw_uid
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def test_the_embedded_cluster_is_found_the_same_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PROVENANCE_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    monkeypatch.chdir(tmp_path / "one")
    assert data_dir() == tmp_path / "xdg" / "provenance"
    first = default_cluster_dir()
    monkeypatch.chdir(tmp_path / "two")
    assert default_cluster_dir() == first
    monkeypatch.setenv("PROVENANCE_DATA_DIR", "moved")  # relative: to the folder it is set in
    assert data_dir() == tmp_path / "two" / "moved"
