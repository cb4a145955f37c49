"""`provenance doctor`: what a database has and lacks for provenance, each with its fix.

Read-only: it connects, asks the catalogs and changes nothing. A check that fails says what
to do; the command's exit status is 1 when any required check failed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg

from provenance.config import Settings

EXTENSIONS = ("pg_trgm",)
READONLY_ROLE = "provenance_readonly"
OLDEST_SERVER = 130000  # trusted extensions (pg_trgm by a database owner) need 13


@dataclass(frozen=True)
class Check:
    """One finding: ``ok`` True (fine), False (missing: exit 1) or None (a note)."""

    name: str
    ok: bool | None
    detail: str
    fix: str = ""


def _one(connection: psycopg.Connection[Any], query: str, *args: object) -> Any:
    row = connection.execute(query, args).fetchone()
    return None if row is None else row[0]


def run_checks(url: str, *, head: str | None, settings: Settings) -> Iterator[Check]:
    """Connect to ``url`` and yield the findings, in the order an operator fixes them."""
    try:
        connection = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as error:
        from provenance.cli.failures import explain

        yield Check("connection", False, explain(error))
        return
    with connection:
        yield from _checks(connection, head=head, settings=settings)


def _checks(
    connection: psycopg.Connection[Any], *, head: str | None, settings: Settings
) -> Iterator[Check]:
    info = connection.info
    user = _one(connection, "SELECT current_user")
    yield Check("connection", True, f"{user}@{info.host}:{info.port}/{info.dbname}")
    version = info.server_version
    shown = f"{version // 10000}.{version % 10000}"
    yield Check(
        "server version",
        version >= OLDEST_SERVER,
        f"PostgreSQL {shown}",
        "" if version >= OLDEST_SERVER else "upgrade PostgreSQL to 13 or newer",
    )
    revision = None
    if _one(connection, "SELECT to_regclass('public.alembic_version') IS NOT NULL"):
        revision = _one(connection, "SELECT version_num FROM alembic_version")
    at_head = revision == head
    yield Check(
        "schema revision",
        at_head,
        f"at {revision or 'base (empty)'}, newest {head}",
        "" if at_head else "run `provenance db upgrade` as the database owner",
    )
    for extension in EXTENSIONS:
        installed = _one(connection, "SELECT 1 FROM pg_extension WHERE extname = %s", extension)
        available = _one(
            connection, "SELECT 1 FROM pg_available_extensions WHERE name = %s", extension
        )
        if installed:
            yield Check(f"extension {extension}", True, "installed")
        elif available:
            yield Check(
                f"extension {extension}",
                not at_head,
                "available, not installed yet (the first migration creates it)",
            )
        else:
            yield Check(
                f"extension {extension}",
                False,
                "not available on the server",
                "install PostgreSQL's contrib package on the database server "
                "(Debian: apt-get install postgresql-contrib)",
            )
    may_create_roles = bool(
        _one(
            connection,
            "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user",
        )
    )
    if not at_head:
        yield from _migration_rights(connection, user, may_create_roles=may_create_roles)
    yield from _roles(
        connection, settings, user=user, must_exist=not at_head and not may_create_roles
    )


def _migration_rights(
    connection: psycopg.Connection[Any], user: str, *, may_create_roles: bool
) -> Iterator[Check]:
    may_create = _one(
        connection,
        "SELECT has_database_privilege(current_database(), 'CREATE') "
        "AND has_schema_privilege('public', 'CREATE')",
    )
    yield Check(
        "may create the schema",
        bool(may_create),
        f"{user} {'may' if may_create else 'may not'} create in the database and schema public",
        ""
        if may_create
        else f"migrate as the database owner, or: GRANT CREATE ON DATABASE ... TO {user}; "
        f"GRANT CREATE ON SCHEMA public TO {user}",
    )
    readonly = _one(connection, "SELECT 1 FROM pg_roles WHERE rolname = %s", READONLY_ROLE)
    create_role = may_create_roles
    yield Check(
        f"role {READONLY_ROLE}",
        bool(readonly or create_role),
        "exists"
        if readonly
        else f"missing; {user} {'may' if create_role else 'may not'} create roles",
        ""
        if readonly or create_role
        else f"have an administrator run CREATE ROLE {READONLY_ROLE} NOLOGIN, or give {user} "
        "CREATEROLE, then migrate",
    )


MEMBERSHIP = """
SELECT r.rolcanlogin, r.rolsuper, EXISTS (
    SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
    WHERE m.member = r.oid AND g.rolname = %s)
FROM pg_roles r WHERE r.rolname = %s
"""


def _roles(
    connection: psycopg.Connection[Any], settings: Settings, *, user: str, must_exist: bool
) -> Iterator[Check]:
    """The application and analyst roles; missing ones block a migration by ``user`` when
    ``must_exist`` (it may not create roles)."""
    for label, role, password_setting in (
        ("application role", settings.app_role, "PROVENANCE_APP_PASSWORD"),
        ("analyst role", settings.analyst_role, "PROVENANCE_ANALYST_PASSWORD"),
    ):
        row = connection.execute(MEMBERSHIP, (READONLY_ROLE, role)).fetchone()
        if row is None and must_exist:
            yield Check(
                f"{label} {role}",
                False,
                f"missing; {user} may not create roles",
                f"have an administrator run CREATE ROLE {role} NOLOGIN (or LOGIN PASSWORD "
                f"'...'), or give {user} CREATEROLE, then migrate (docs/roles.md)",
            )
            continue
        if row is None:
            yield Check(
                f"{label} {role}",
                None,
                "does not exist yet: `provenance db upgrade` creates it",
                f"set {password_setting} (or {password_setting}_FILE) first for a role that "
                "can log in (docs/roles.md)",
            )
            continue
        can_login, superuser, reads_only = row
        problems = []
        if superuser:
            problems.append("is a superuser")
        if label == "analyst role" and not reads_only:
            problems.append(f"is not a member of {READONLY_ROLE}")
        if problems:
            yield Check(
                f"{label} {role}",
                False,
                "; ".join(problems),
                "run `provenance db upgrade` again or fix the role by hand (docs/roles.md)",
            )
        elif not can_login:
            yield Check(
                f"{label} {role}",
                None,
                "exists, cannot log in (NOLOGIN)",
                f"set {password_setting} (or {password_setting}_FILE) and run "
                "`provenance db upgrade` to give it a password",
            )
        else:
            yield Check(f"{label} {role}", True, "exists, logs in")
