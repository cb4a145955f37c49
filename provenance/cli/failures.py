"""What an operator did wrong, in one or two lines: the cause and the fix, no traceback.

``explain`` turns the exceptions a command lets through (psycopg's, SQLAlchemy's wrapping of
them, Alembic's) into a message; `provenance --debug` skips it and shows the traceback.
"""

from __future__ import annotations

import re

import psycopg
from psycopg import errors as pg_errors

URL_FIX = "check DATABASE_URL (or DATABASE_URL_FILE)"


def _database_error(error: BaseException) -> BaseException:
    """The psycopg error under SQLAlchemy's wrapper, when there is one."""
    original = getattr(error, "orig", None)
    return original if isinstance(original, BaseException) else error


def _where(message: str) -> str:
    found = re.search(r'connection to server at "([^"]+)"(?: \([^)]*\))?, port (\d+)', message)
    return f"{found.group(1)}:{found.group(2)}" if found else "the configured server"


def _connection_failure(message: str) -> str:
    where = _where(message)
    lower = message.lower()
    if "password authentication failed" in lower:
        user = re.search(r'for user "([^"]+)"', message)
        who = f" of role {user.group(1)}" if user else ""
        return f"PostgreSQL at {where} refused the password{who}: {URL_FIX}."
    if "connection refused" in lower:
        return (
            f"nothing accepts connections at {where} (connection refused): start PostgreSQL "
            f"or {URL_FIX} for the right host and port."
        )
    if "could not translate host name" in lower or "name or service not known" in lower:
        return f"the host in DATABASE_URL is unknown: {URL_FIX}."
    if "timeout expired" in lower or "timed out" in lower:
        return f"PostgreSQL at {where} does not answer (timeout): {URL_FIX}, or a firewall."
    database = re.search(r'database "([^"]+)" does not exist', message)
    if database:
        return (
            f"the database {database.group(1)} does not exist at {where}: create it "
            f"(createdb {database.group(1)}, or CREATE DATABASE as an administrator) or "
            f"{URL_FIX}."
        )
    role = re.search(r'role "([^"]+)" does not exist', message)
    if role:
        return (
            f"the role {role.group(1)} does not exist at {where}: create it "
            f"(CREATE ROLE {role.group(1)} LOGIN PASSWORD '...') or {URL_FIX}."
        )
    if "no pg_hba.conf entry" in lower:
        return (
            f"PostgreSQL at {where} does not let this host, role or database in (pg_hba.conf): "
            "ask its administrator for an entry, or use sslmode=require if it demands SSL."
        )
    first = message.strip().splitlines()[0] if message.strip() else "connection failed"
    return f"cannot connect to PostgreSQL ({first}): {URL_FIX}."


def _server_error(error: psycopg.Error) -> str:
    diag = error.diag
    primary = diag.message_primary or str(error).strip().splitlines()[0]
    hint = f" {diag.message_hint}" if diag.message_hint else ""
    if isinstance(error, pg_errors.UndefinedFile) and "extension" in primary:
        return (
            f"{primary}: the server lacks PostgreSQL's contrib extensions; install them on the "
            "database server (Debian: apt-get install postgresql-contrib) and migrate again."
        )
    if isinstance(error, pg_errors.FeatureNotSupported) and "extension" in primary:
        return f"{primary}: install the extension on the database server and migrate again.{hint}"
    if isinstance(error, pg_errors.InsufficientPrivilege):
        extension = re.search(r'permission denied to create extension "([^"]+)"', primary)
        if extension:
            return (
                f"{primary}: have an administrator run CREATE EXTENSION {extension.group(1)} "
                "in this database (or migrate as its owner with that right), then migrate again."
            )
        admin = re.search(r'must have admin option on role "([^"]+)"', primary)
        if admin:
            from provenance.config import Settings

            analyst = Settings.from_env().analyst_role
            return (
                f"{primary}: the migrating role may not grant {admin.group(1)}; have an "
                f"administrator run GRANT {admin.group(1)} TO {analyst}, then migrate again."
            )
        if "permission denied to create role" in primary or "create roles" in primary:
            return (
                f"{primary}: give the migrating role CREATEROLE, or have an administrator "
                f"create the role first, then migrate again.{hint}"
            )
        return (
            f"{primary}: the role in DATABASE_URL lacks this privilege; run this as the "
            f"database owner (migrations) or grant it.{hint}"
        )
    if isinstance(error, pg_errors.UndefinedTable):
        return (
            f"{primary}: the database has no provenance schema yet, or an older one: "
            "run `provenance db upgrade` (and `provenance doctor` to see what is missing)."
        )
    return f"PostgreSQL refused: {primary}.{hint}"


def explain(error: BaseException) -> str:
    """One short message naming the cause of ``error`` and the fix."""
    database_error = _database_error(error)
    if isinstance(database_error, psycopg.OperationalError) and not getattr(
        database_error, "sqlstate", None
    ):
        return _connection_failure(str(database_error))
    if isinstance(database_error, psycopg.Error):
        return _server_error(database_error)
    name = type(error).__name__
    if name == "CommandError" and type(error).__module__.startswith("alembic"):
        message = str(error)
        unknown = re.search(r"Can't locate revision identified by '([^']+)'", message)
        if unknown:
            return (
                f"the database is at revision {unknown.group(1)}, which this version of "
                "provenance does not know (a newer version migrated it): install that "
                "version, or restore a backup taken before."
            )
        return f"migration failed: {message}"
    if isinstance(error, OSError):
        return f"{error.strerror or error}: {error.filename or ''}".rstrip(": ")
    return f"{name}: {error}"
