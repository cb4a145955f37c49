"""An embedded PostgreSQL cluster in a local folder, for the default run and the tests.

The cluster listens on 127.0.0.1 only, has no Unix socket, and requires a password
generated at creation time. Every pg_ctl call goes through ``provenance.pgctl`` so that
it works as root too.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from provenance import pgctl
from provenance.config import Settings

log = logging.getLogger(__name__)

SUPERUSER = "postgres"


class LocalClusterError(RuntimeError):
    """pg_ctl failed; the message carries its output and the log file to read."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether PostgreSQL could listen on ``port``: nobody listens there now.

    With SO_REUSEADDR, as PostgreSQL binds: without it, the sessions a stopped cluster ended
    (FIN-WAIT-2 while their clients, an API's idle pool, have not noticed; then TIME_WAIT)
    made its own port look taken, and a restart moved to a port the API never learnt of.
    """
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def user_data_dir() -> Path:
    """The per-user data folder: ``$XDG_DATA_HOME/provenance`` or ``~/.local/share/provenance``."""
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "provenance"


def data_dir() -> Path:
    """``$PROVENANCE_DATA_DIR``, else the per-user data folder: the same from any folder."""
    configured = Settings.from_env().data_dir
    return (configured if configured else user_data_dir()).absolute()


def default_cluster_dir() -> Path:
    """Where every command keeps the embedded cluster: ``postgres/`` in ``data_dir()``.

    As root, PostgreSQL runs as another user who may not be able to enter this folder
    (anything under /root, say); the cluster then lives in /var/tmp instead, under a
    name derived from the data folder, so each data folder keeps its own.
    """
    return cluster_dir_in(data_dir())


def legacy_cluster_dir() -> Path:
    """Where versions before the per-user data folder kept it: ``./.provenance``."""
    return cluster_dir_in(Path.cwd() / ".provenance")


def cluster_dir_in(base: Path) -> Path:
    """The cluster folder for data folder ``base`` (as root, maybe one in /var/tmp)."""
    target = base.absolute() / "postgres"
    if os.geteuid() == 0 and not pgctl.can_reach(pgctl.runtime_user(), target):
        digest = hashlib.sha1(str(target.resolve()).encode()).hexdigest()[:12]
        fallback = Path("/var/tmp") / f"provenance-postgres-{digest}"
        log.debug("%s is closed to the PostgreSQL user; using %s", target, fallback)
        return fallback
    return target


@dataclass
class LocalCluster:
    """A PostgreSQL cluster owned by this project, kept in ``directory``."""

    directory: Path
    host: str = "127.0.0.1"
    # Throwaway clusters (tests) skip fsync: several times faster, and nothing to lose.
    durable: bool = True

    @property
    def datadir(self) -> Path:
        return self.directory / "data"

    @property
    def logfile(self) -> Path:
        return self.directory / "postgresql.log"

    @property
    def _password_file(self) -> Path:
        return self.directory / "password"

    @property
    def _port_file(self) -> Path:
        return self.directory / "port"

    @property
    def password(self) -> str:
        return self._password_file.read_text().strip()

    @property
    def port(self) -> int:
        return int(self._port_file.read_text().strip())

    @property
    def initialised(self) -> bool:
        return (self.datadir / "PG_VERSION").exists()

    def url(self, dbname: str = "postgres") -> str:
        """A libpq URL for ``dbname`` on this cluster."""
        return f"postgresql://{SUPERUSER}:{self.password}@{self.host}:{self.port}/{dbname}"

    def _pg_ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "provenance.pgctl", *args],
            capture_output=True,
            text=True,
            check=False,
        )

    def _check(self, result: subprocess.CompletedProcess[str], action: str) -> None:
        if result.returncode != 0:
            output = result.stderr.strip() or result.stdout.strip()
            raise LocalClusterError(
                f"could not {action} the PostgreSQL cluster in {self.directory} "
                f"(pg_ctl exit {result.returncode}): {output}\n"
                f"See {self.logfile} for the server's own log."
            )

    def initialise(self) -> None:
        """Create the cluster (initdb) with a fresh random password."""
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._password_file.write_text(secrets.token_urlsafe(24) + "\n")
        self._password_file.chmod(0o600)
        self._port_file.write_text(f"{free_port(self.host)}\n")
        pwfile = self.directory / "initdb-password"
        pwfile.write_text(self.password + "\n")
        if os.geteuid() == 0:  # initdb runs as the unprivileged user and must read it
            user = pgctl.runtime_user()
            os.chown(self.directory, user.pw_uid, user.pw_gid)
            os.chown(pwfile, user.pw_uid, user.pw_gid)
        try:
            options = (
                f"--username={SUPERUSER} --auth=scram-sha-256 --pwfile={pwfile} "
                "--encoding=UTF8 --locale=C.UTF-8"
            )
            self._check(
                self._pg_ctl("initdb", "-s", "-D", str(self.datadir), "-o", options), "create"
            )
        finally:
            pwfile.unlink(missing_ok=True)

    def is_running(self) -> bool:
        return self.initialised and self._pg_ctl("status", "-D", str(self.datadir)).returncode == 0

    def start(self) -> None:
        """Start the server (creating the cluster first if needed); a no-op when it runs."""
        if not self.initialised:
            self.initialise()
        if self.is_running():
            return
        if not _port_is_free(self.port, self.host):  # someone else took it: move, say so
            moved = free_port(self.host)
            log.warning("port %d is taken; the cluster moves to %d", self.port, moved)
            self._port_file.write_text(f"{moved}\n")
        options = f"-p {self.port} -c listen_addresses={self.host} -c unix_socket_directories=''"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._check(
            self._pg_ctl(
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(self.datadir),
                "-l",
                str(self.logfile),
                "-o",
                options,
            ),
            "start",
        )

    def stop(self, *, mode: str = "fast") -> None:
        """Stop the server if it runs (fast: open sessions are ended; immediate: a crash)."""
        if self.is_running():
            self._check(self._pg_ctl("stop", "-w", "-m", mode, "-D", str(self.datadir)), "stop")

    def ensure_database(self, dbname: str) -> str:
        """Create ``dbname`` unless it exists; return its URL."""
        import psycopg  # here, not at the top: `provenance db url` needs no driver
        from psycopg import sql

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)
            ).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
        return self.url(dbname)
