"""Run Alembic programmatically: the CLI, the default run and the tests share this."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from provenance.db import sync_engine


def project_root() -> Path:
    """The folder holding alembic.ini and migrations/: the source tree, else the current one."""
    beside_package = Path(__file__).resolve().parents[1]
    if (beside_package / "alembic.ini").exists():
        return beside_package
    return Path.cwd()


def alembic_config() -> Config:
    root = project_root()
    config = Config(str(root / "alembic.ini"))
    config.set_main_option("script_location", str(root / "migrations"))
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
