"""A streaming read replica of a local cluster: ``pg_basebackup -R``, then a hot standby.

For tests and benchmarks of DATABASE_READ_URL on one machine (an operator's replicas are
their own). The replica is a LocalCluster of its own folder, port and pg_ctl (through
``provenance.pgctl``, so it works as root too); it streams from the primary over
127.0.0.1 with the primary's superuser, whose password it shares.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import psycopg

from provenance import pgctl
from provenance.localdb import SUPERUSER, LocalCluster, LocalClusterError, free_port


def create_replica(primary: LocalCluster, directory: Path, *, durable: bool = True) -> LocalCluster:
    """Copy the running ``primary`` into ``directory`` as a standby and start it."""
    replica = LocalCluster(directory, host=primary.host, durable=durable)
    if not replica.initialised:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        (directory / "password").write_text(primary.password + "\n")
        (directory / "password").chmod(0o600)
        (directory / "port").write_text(f"{free_port(primary.host)}\n")
        command = [
            str(pgctl.postgres_bindir() / "pg_basebackup"),
            f"--pgdata={replica.datadir}",
            f"--host={primary.host}",
            f"--port={primary.port}",
            f"--username={SUPERUSER}",
            "--write-recovery-conf",  # standby.signal + primary_conninfo
            "--wal-method=stream",
            "--checkpoint=fast",
            "--no-password",
        ]
        if os.geteuid() == 0:  # the server's files belong to its unprivileged user
            user = pgctl.runtime_user()
            os.chown(directory, user.pw_uid, user.pw_gid)
            command = ["runuser", "-u", user.pw_name, "--", *command]
        result = subprocess.run(
            command,
            env={**os.environ, "PGPASSWORD": primary.password},
            capture_output=True,
            text=True,
            check=False,
            cwd="/",
        )
        if result.returncode != 0:
            raise LocalClusterError(
                f"pg_basebackup of the cluster in {primary.directory} into {directory} failed "
                f"(exit {result.returncode}): {result.stderr.strip() or result.stdout.strip()}"
            )
    replica.start()
    return replica


def wait_for_replay(primary_url: str, replica_url: str, *, timeout: float = 30.0) -> None:
    """Return once the replica has replayed everything the primary has written so far."""
    with psycopg.connect(primary_url, autocommit=True) as primary:
        # The insert position: with synchronous_commit off, the write position lags behind it.
        row = primary.execute("SELECT pg_current_wal_insert_lsn()::text").fetchone()
    assert row is not None
    target = row[0]
    deadline = time.monotonic() + timeout
    with psycopg.connect(replica_url, autocommit=True) as replica:
        while True:
            done = replica.execute(
                "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,)
            ).fetchone()
            if done and done[0]:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"the replica has not replayed up to {target} in {timeout} s")
            time.sleep(0.05)
