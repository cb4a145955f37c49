"""Run Alembic programmatically: the CLI, the default run and the tests share this."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from provenance.db import sync_engine
from provenance.resources import migrations_dir


def alembic_config() -> Config:
    """Alembic's configuration, with the migrations the package ships (any folder, any install).

    The source tree's alembic.ini (for the `alembic` command of developers) points at the
    same folder; nothing here reads it.
    """
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("path_separator", "os")
    return config


def _with_connection(url: str, action: str, *args: str) -> None:
    config = alembic_config()
    engine = sync_engine(url)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            getattr(command, action)(config, *args)
    finally:
        engine.dispose()


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at ``url`` up to ``revision``."""
    _with_connection(url, "upgrade", revision)


def downgrade(url: str, revision: str) -> None:
    """Migrate the database at ``url`` down to ``revision`` (``base`` empties it)."""
    _with_connection(url, "downgrade", revision)


def check(url: str) -> None:
    """Raise if the models and the migrated database differ (``alembic check``)."""
    _with_connection(url, "check")


def current(url: str) -> str | None:
    """The revision the database is at, or None for an empty one."""
    engine = sync_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head() -> str | None:
    """The newest revision in migrations/."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
