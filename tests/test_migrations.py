"""The migrations: a clean round trip, no drift from the models, a comment everywhere."""

from __future__ import annotations

import psycopg
import pytest
from alembic.util.exc import CommandError

from provenance import migrate


def test_upgrade_downgrade_upgrade_round_trips(bare_url: str) -> None:
    migrate.upgrade(bare_url)
    assert migrate.current(bare_url) == migrate.head()
    migrate.downgrade(bare_url, "base")
    assert migrate.current(bare_url) is None
    with psycopg.connect(bare_url) as conn:
        left = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename <> 'alembic_version'"
        ).fetchone()
    assert left == (0,)
    migrate.upgrade(bare_url)
    assert migrate.current(bare_url) == migrate.head()


def test_models_and_migrations_do_not_drift(empty_url: str) -> None:
    migrate.check(empty_url)  # raises CommandError on drift


def test_check_detects_drift(bare_url: str) -> None:
    migrate.upgrade(bare_url)
    with psycopg.connect(bare_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE outlets DROP COLUMN website")
    with pytest.raises(CommandError):
        migrate.check(bare_url)


def test_single_head() -> None:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(migrate.alembic_config()).get_heads()
    assert len(heads) == 1, f"migrations have several heads: {heads}"


def test_every_table_view_and_column_has_a_comment(empty_connection: psycopg.Connection) -> None:
    missing = empty_connection.execute(
        """
        SELECT c.relname || coalesce('.' || a.attname, '')
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        LEFT JOIN pg_attribute a
          ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relkind IN ('r', 'v', 'm')
          AND (obj_description(c.oid, 'pg_class') IS NULL
               OR (a.attname IS NOT NULL AND col_description(c.oid, a.attnum) IS NULL))
        ORDER BY 1
        """
    ).fetchall()
    assert [row[0] for row in missing] == []


def test_every_foreign_key_has_an_index_it_can_use(empty_connection: psycopg.Connection) -> None:
    # A full (not partial) index leading with the referencing column: pages of children
    # and the referenced row's delete checks read it instead of the whole table.
    unindexed = empty_connection.execute(
        """
        SELECT c.conrelid::regclass::text || '.' || a.attname
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND NOT EXISTS (
            SELECT FROM pg_index i
            WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1] AND i.indpred IS NULL
        )
        ORDER BY 1
        """
    ).fetchall()
    assert unindexed == []
