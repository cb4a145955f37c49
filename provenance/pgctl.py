"""A pg_ctl that also works as root.

PostgreSQL refuses to run as root, yet development machines and CI here run as root.
As root this wrapper gives the data directory and log file to an unprivileged user
(``postgres``, or ``nobody`` when there is none) and runs the real pg_ctl as that user
through ``runuser``; as anyone else it simply execs pg_ctl. pytest-postgresql, the
embedded cluster of ``provenance serve`` and operators all use it the same way.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from provenance.config import Settings

RUNTIME_USERS = ("postgres", "nobody")


def postgres_bindir() -> Path:
    """Find the directory holding pg_ctl, initdb and postgres."""
    configured = Settings.from_env().pg_bindir
    if configured:
        return configured
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        candidate = Path(out.stdout.strip())
        if out.returncode == 0 and (candidate / "pg_ctl").exists():
            return candidate
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if versions:
        return versions[-1].parent
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).resolve().parent
    raise SystemExit(
        "provenance-pg-ctl: cannot find PostgreSQL's pg_ctl. Install PostgreSQL "
        "(Debian: apt-get install postgresql) or set PROVENANCE_PG_BINDIR to its bin directory."
    )


def runtime_user() -> pwd.struct_passwd:
    """The unprivileged account that runs PostgreSQL when we are root."""
    for name in RUNTIME_USERS:
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise SystemExit("provenance-pg-ctl: running as root needs a 'postgres' or 'nobody' user")


# pg_ctl options that take a value: their values are never read as options themselves.
VALUE_OPTIONS = frozenset(
    [
        "-D",
        "--pgdata",
        "-l",
        "--log",
        "-o",
        "--options",
        "-p",
        "-t",
        "--timeout",
        "-m",
        "--mode",
        "-e",
        "-N",
        "-U",
        "-P",
    ]
)


def _option_values(args: Sequence[str], short: str, long: str) -> list[str]:
    """Values of an option given as ``-D X``, ``-DX``, ``--pgdata X`` or ``--pgdata=X``."""
    values = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in VALUE_OPTIONS:
            if arg in (short, long) and i + 1 < len(args):
                values.append(args[i + 1])
            i += 2
            continue
        if arg.startswith(long + "="):
            values.append(arg.split("=", 1)[1])
        elif arg.startswith(short) and len(arg) > len(short) and not arg.startswith("--"):
            values.append(arg[len(short) :])
        i += 1
    return values


def can_reach(user: pwd.struct_passwd, path: Path) -> bool:
    """Whether ``user`` may traverse every directory above ``path``."""
    for parent in reversed(path.resolve().parents):
        try:
            st = parent.stat()
        except FileNotFoundError:
            return True  # created below by us, owned by the user
        if st.st_uid == user.pw_uid:
            allowed = st.st_mode & 0o100
        elif st.st_gid == user.pw_gid:
            allowed = st.st_mode & 0o010
        else:
            allowed = st.st_mode & 0o001
        if not allowed:
            return False
    return True


def _hand_over(user: pwd.struct_passwd, datadirs: list[str], logfiles: list[str]) -> None:
    """Give the data directories and log files to ``user``, creating them if needed."""
    for raw in datadirs + logfiles:
        path = Path(raw)
        if not can_reach(user, path):
            raise SystemExit(
                f"provenance-pg-ctl: user {user.pw_name!r} cannot reach {path}: a directory "
                "above it is closed to that user. Put the cluster under a directory it can "
                "traverse, such as /tmp or /var/tmp."
            )
    for raw in datadirs:
        path = Path(raw)
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path.stat().st_uid != user.pw_uid:  # walk the tree only on first hand-over
            for item in [path, *path.rglob("*")]:
                os.lchown(item, user.pw_uid, user.pw_gid)
    for raw in logfiles:
        path = Path(raw)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=True)
        os.chown(path, user.pw_uid, user.pw_gid)


def main(argv: Sequence[str] | None = None) -> int:
    """Run pg_ctl with ``argv``, as an unprivileged user when we are root."""
    args = list(sys.argv[1:] if argv is None else argv)
    pg_ctl = str(postgres_bindir() / "pg_ctl")
    if os.geteuid() != 0 or not args or args[0] in ("--version", "-V", "--help", "-?"):
        os.execv(pg_ctl, [pg_ctl, *args])
    user = runtime_user()
    _hand_over(
        user,
        _option_values(args, "-D", "--pgdata"),
        _option_values(args, "-l", "--log"),
    )
    # The user may not be able to enter our working directory (e.g. /root).
    return subprocess.call(
        ["runuser", "-u", user.pw_name, "--", pg_ctl, *args],
        cwd="/",
    )


if __name__ == "__main__":
    raise SystemExit(main())
