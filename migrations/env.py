"""Alembic environment: online migrations against DATABASE_URL or a given connection.

Programmatic callers (the CLI, the tests) pass an open connection in
``config.attributes["connection"]``; the ``alembic`` command line reads DATABASE_URL.

The database roles migration 0012 sets up are named here, for the migrations to read from
``config.attributes["provenance_roles"]``: ``alembic -x app_role=NAME`` (likewise
``app_password``, ``analyst_role``, ``analyst_password``) first, then the environment
(``PROVENANCE_APP_ROLE``, ``PROVENANCE_APP_PASSWORD`` or ``PROVENANCE_APP_PASSWORD_FILE``,
``PROVENANCE_ANALYST_ROLE``, ``PROVENANCE_ANALYST_PASSWORD`` or
``PROVENANCE_ANALYST_PASSWORD_FILE``), then the defaults ``provenance_app`` and
``provenance_analyst`` without a password (NOLOGIN roles).
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from provenance.config import Settings
from provenance.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit(
            "DATABASE_URL is not set: export DATABASE_URL=postgresql://user:pass@host/db "
            "or use `provenance db upgrade`, which also knows the embedded database."
        )
    return url


def role_settings() -> dict[str, str | None]:
    """The role names and passwords for 0012: -x arguments, else the settings (environment)."""
    x_args = context.get_x_argument(as_dictionary=True)
    settings = Settings.from_env()
    values: dict[str, str | None] = {
        "app_role": settings.app_role,
        "app_password": settings.app_password,
        "analyst_role": settings.analyst_role,
        "analyst_password": settings.analyst_password,
    }
    values.update({key: x_args[key] for key in values if x_args.get(key)})
    return values


config.attributes["provenance_roles"] = role_settings()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        compare_server_default=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as conn:
        _run(conn)


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
