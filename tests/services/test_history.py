"""The audit trail: triggers record every change with its actor; history is append-only."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.models import AUDITED_TABLES
from provenance.services import history, records
from tests.services.writing_support import run_write


@pytest.mark.reads_only
def test_every_audited_table_has_its_trigger(empty_connection: psycopg.Connection) -> None:
    rows = empty_connection.execute(
        "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE t.tgname = c.relname || '_history'"
    ).fetchall()
    assert sorted(r[0] for r in rows) == sorted(AUDITED_TABLES)


def test_insert_update_delete_are_recorded_with_actor_and_images(empty_url: str) -> None:
    async def create(session: AsyncSession) -> int:
        outlet = await records.upsert_outlet(session, slug="le-monde", name="Le Monde")
        return outlet.id

    async def rename(session: AsyncSession) -> None:
        await records.upsert_outlet(session, slug="le-monde", name="Le Monde (Paris)")

    outlet_id = run_write(empty_url, create, actor="alice")
    run_write(empty_url, create, actor="alice")  # no change, so no history
    run_write(empty_url, rename, actor="bob")
    with psycopg.connect(empty_url) as conn:
        conn.execute("SET provenance.actor = 'psql-carol'")
        conn.execute("DELETE FROM outlets WHERE id = %s", (outlet_id,))
        conn.commit()

    async def read(session: AsyncSession) -> list[tuple[str, str, object, object]]:
        rows = await history.history_of(session, table="outlets", row_id=outlet_id)
        return [
            (
                r.actor,
                r.operation,
                (r.before or {}).get("name"),
                (r.after or {}).get("name"),
            )
            for r in rows
        ]

    assert run_write(empty_url, read) == [
        ("alice", "INSERT", None, "Le Monde"),
        ("bob", "UPDATE", "Le Monde", "Le Monde (Paris)"),
        ("psql-carol", "DELETE", "Le Monde (Paris)", None),
    ]


def test_without_an_actor_the_database_user_is_recorded(empty_url: str) -> None:
    with psycopg.connect(empty_url) as conn:
        conn.execute("INSERT INTO outlets (slug, name) VALUES ('x', 'X')")
        conn.commit()
        row = conn.execute("SELECT actor FROM history").fetchone()
        user = conn.execute("SELECT session_user").fetchone()
    assert row == user


@pytest.mark.parametrize(
    "statement",
    ["UPDATE history SET actor = 'mallory'", "DELETE FROM history", "TRUNCATE history"],
)
def test_history_is_append_only_even_for_its_owner(seeded_url: str, statement: str) -> None:
    with psycopg.connect(seeded_url) as conn:
        count = conn.execute("SELECT count(*) FROM history").fetchone()
        assert count is not None
        assert count[0] > 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            conn.execute(statement)
        conn.rollback()
        assert conn.execute("SELECT count(*) FROM history").fetchone() == count


@pytest.mark.reads_only
def test_history_and_its_columns_are_commented(empty_connection: psycopg.Connection) -> None:
    row = empty_connection.execute(
        "SELECT obj_description('history'::regclass, 'pg_class'), "
        "obj_description('history_record'::regproc, 'pg_proc')"
    ).fetchone()
    assert row is not None
    assert all(row)


@pytest.mark.reads_only
def test_analysts_read_history_but_not_api_tokens(seeded_url: str) -> None:
    with psycopg.connect(seeded_url) as conn:
        conn.execute("SET ROLE provenance_readonly")
        count = conn.execute("SELECT count(*) FROM history").fetchone()
        assert count is not None
        assert count[0] > 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM api_tokens")


def test_undo_restores_an_update_that_changed_a_generated_column(seeded_url: str) -> None:
    with psycopg.connect(seeded_url) as conn:
        before = conn.execute(
            "SELECT text, search_vector::text FROM quotations WHERE slug = 'us-respects'"
        ).fetchone()

    async def reword(session: AsyncSession) -> int:
        quotation = await records.quotation_by_slug(session, "us-respects")
        quotation.text = "respects entirely"
        await session.flush()
        return await history.current_transaction_id(session)

    async def undo(session: AsyncSession, transaction_id: int) -> int:
        return await history.undo_transaction(session, transaction_id=transaction_id)

    transaction_id = run_write(seeded_url, reword)
    assert run_write(seeded_url, lambda s: undo(s, transaction_id)) == 1
    with psycopg.connect(seeded_url) as conn:
        after = conn.execute(
            "SELECT text, search_vector::text FROM quotations WHERE slug = 'us-respects'"
        ).fetchone()
    assert after == before
