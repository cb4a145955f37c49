"""A login role that can only read: what `provenance sql --read-only` connects as.

The role must be a LOGIN role whose only membership (direct or inherited) is
provenance_readonly, with no attribute that lifts it above that (superuser, CREATEROLE,
CREATEDB, REPLICATION, BYPASSRLS): then `SET ROLE` to a writer fails, and so do writes.

- The embedded database: the analyst role of migration 0012 (``PROVENANCE_ANALYST_ROLE``,
  default provenance_analyst) with a password generated once and kept beside the cluster's
  own (``analyst-password``, mode 0600).
- ``DATABASE_URL`` with ``PROVENANCE_ANALYST_PASSWORD`` (or ``..._FILE``): that role, on the
  same host and database.
- ``DATABASE_URL`` whose user may create roles, and no analyst password: a role for this
  session only (``provenance_sql_<random>``, valid for a day at most), dropped afterwards.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from provenance.config import Settings

READONLY_ROLE = "provenance_readonly"
DEFAULT_ANALYST_ROLE = "provenance_analyst"
PASSWORD_FILE = "analyst-password"
LIFTING_ATTRIBUTES = ("rolsuper", "rolcreaterole", "rolcreatedb", "rolreplication", "rolbypassrls")


class ReadOnlyLoginError(RuntimeError):
    """No read-only login can be had; the message names the cause and the fix."""


@dataclass(frozen=True)
class Login:
    """A role and its password, to connect with in place of the configured user."""

    user: str
    password: str


def analyst_role() -> str:
    """The analyst role's name: ``PROVENANCE_ANALYST_ROLE``, default provenance_analyst."""
    return Settings.from_env().analyst_role or DEFAULT_ANALYST_ROLE


def configured_password() -> str | None:
    """``PROVENANCE_ANALYST_PASSWORD``, else the file ``PROVENANCE_ANALYST_PASSWORD_FILE``."""
    return Settings.from_env().analyst_password


def why_not_read_only(conn: psycopg.Connection, role: str) -> str | None:
    """Why ``role`` is not a read-only login (None when it is one)."""
    row = conn.execute(
        "SELECT rolcanlogin, "
        + ", ".join(LIFTING_ATTRIBUTES)
        + " FROM pg_roles WHERE rolname = %s",
        (role,),
    ).fetchone()
    if row is None:
        return f"role {role} does not exist"
    if not row[0]:
        return f"role {role} cannot log in (NOLOGIN)"
    lifted = [
        name[3:].upper() for name, value in zip(LIFTING_ATTRIBUTES, row[1:], strict=True) if value
    ]
    if lifted:
        return f"role {role} has {', '.join(lifted)}"
    groups = [
        r[0]
        for r in conn.execute(
            """
            WITH RECURSIVE groups(oid) AS (
                SELECT roleid FROM pg_auth_members
                WHERE member = (SELECT oid FROM pg_roles WHERE rolname = %s)
                UNION
                SELECT m.roleid FROM pg_auth_members m JOIN groups g ON m.member = g.oid
            )
            SELECT rolname FROM pg_roles WHERE oid IN (SELECT oid FROM groups) ORDER BY 1
            """,
            (role,),
        ).fetchall()
    ]
    if groups != [READONLY_ROLE]:
        return f"role {role} is a member of {groups or 'no role'}, not of {READONLY_ROLE} only"
    return None


def _require_readonly_role(conn: psycopg.Connection) -> None:
    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (READONLY_ROLE,)).fetchone():
        return
    raise ReadOnlyLoginError(
        f"role {READONLY_ROLE} does not exist: the database is not migrated "
        "(run `provenance db upgrade`)"
    )


def embedded_login(admin_url: str, cluster_directory: Path) -> Login:
    """The analyst login of the embedded cluster, its password generated on first use."""
    password_file = cluster_directory / PASSWORD_FILE
    if not password_file.exists():
        password_file.touch(mode=0o600)
        password_file.write_text(secrets.token_urlsafe(24) + "\n")
    password = password_file.read_text().strip()
    role = analyst_role()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        _require_readonly_role(conn)
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        if not exists:
            conn.execute(
                sql.SQL("CREATE ROLE {} IN ROLE {}").format(
                    sql.Identifier(role), sql.Identifier(READONLY_ROLE)
                )
            )
        conn.execute(
            sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)
            )
        )
        problem = why_not_read_only(conn, role)
    if problem:
        raise ReadOnlyLoginError(f"{problem}: fix it, or set PROVENANCE_ANALYST_ROLE to another")
    return Login(role, password)


def configured_login(url: str, password: str) -> Login:
    """The analyst role of ``PROVENANCE_ANALYST_ROLE``, checked by connecting as it."""
    role = analyst_role()
    try:
        with psycopg.connect(make_conninfo(url, user=role, password=password)) as conn:
            problem = why_not_read_only(conn, role)
    except psycopg.OperationalError as error:
        raise ReadOnlyLoginError(
            f"cannot log in as {role} with PROVENANCE_ANALYST_PASSWORD: "
            f"{str(error).strip().splitlines()[-1]}"
        ) from None
    if problem:
        raise ReadOnlyLoginError(f"{problem}: it is not a read-only login")
    return Login(role, password)


@contextlib.contextmanager
def session_login(admin_url: str) -> Iterator[Login]:
    """A read-only login role made for this session, dropped when it ends."""
    login = Login(f"provenance_sql_{secrets.token_hex(4)}", secrets.token_urlsafe(24))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        _require_readonly_role(conn)
        may = conn.execute(
            "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        if not (may and may[0]):
            raise ReadOnlyLoginError(
                "no read-only login: set PROVENANCE_ANALYST_PASSWORD to the password of the "
                f"analyst role ({analyst_role()}; PROVENANCE_ANALYST_ROLE names another), or "
                "use a DATABASE_URL whose user may create roles"
            )
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {} VALID UNTIL {}").format(
                sql.Identifier(login.user),
                sql.Literal(login.password),
                sql.Identifier(READONLY_ROLE),
                sql.Literal(_tomorrow(conn)),
            )
        )
        conn.execute(
            sql.SQL("COMMENT ON ROLE {} IS {}").format(
                sql.Identifier(login.user),
                sql.Literal("A `provenance sql --read-only` session; dropped when it ends."),
            )
        )
    try:
        yield login
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login.user)))


def _tomorrow(conn: psycopg.Connection) -> str:
    row = conn.execute("SELECT (now() + interval '1 day')::text").fetchone()
    assert row is not None
    return str(row[0])


@contextlib.contextmanager
def read_only_login(url: str, *, cluster_directory: Path | None) -> Iterator[Login]:
    """The login `provenance sql --read-only` uses for ``url`` (see the module's docstring)."""
    if cluster_directory is not None:
        yield embedded_login(url, cluster_directory)
        return
    password = configured_password()
    if password is not None:
        yield configured_login(url, password)
        return
    with session_login(url) as login:
        yield login
