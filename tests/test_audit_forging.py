"""Nobody can write history but the audited tables' own triggers (migration 0011)."""

from __future__ import annotations

import re

import psycopg
import pytest

from provenance import migrate
from provenance.models import AUDITED_TABLES

FORGING_RECIPE = (
    "CREATE TEMP TABLE quotations (id bigint, text text)",
    "CREATE TRIGGER forged AFTER INSERT ON pg_temp.quotations "
    "FOR EACH ROW EXECUTE FUNCTION public.history_record()",
    "SET provenance.actor = 'anyone'",
    "INSERT INTO pg_temp.quotations VALUES (1, 'forged')",
)

# Every SECURITY DEFINER function of the database and who besides its owner may execute it.
EXPECTED_SECURITY_DEFINERS: dict[str, list[str]] = {"public.history_record()": []}


def _history_count(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT count(*) FROM public.history").fetchone()
    assert row is not None
    return int(row[0])


def _forge(conn: psycopg.Connection) -> list[str]:
    """Run the recipe step by step as the current role; the errors it met, by step."""
    refusals = []
    for step in FORGING_RECIPE:
        try:
            conn.execute(step)
        except psycopg.Error as error:
            refusals.append(f"{' '.join(step.split()[:3])}: {error.diag.message_primary}")
        conn.commit()
    return refusals


@pytest.fixture
def migrated_in_place(bare_url: str) -> str:
    """A database migrated where it stands (a cloned one loses database-level grants)."""
    migrate.upgrade(bare_url)
    with psycopg.connect(bare_url) as conn:
        conn.execute("INSERT INTO outlets (slug, name) VALUES ('bbc', 'BBC')")
    return bare_url


def test_the_read_only_role_has_no_temp(migrated_in_place: str) -> None:
    with psycopg.connect(migrated_in_place) as conn:
        row = conn.execute(
            "SELECT has_database_privilege('provenance_readonly', current_database(), 'TEMP'), "
            "has_database_privilege('provenance_readonly', current_database(), 'CONNECT'), "
            "has_schema_privilege('provenance_readonly', 'public', 'CREATE')"
        ).fetchone()
    assert row == (False, True, False)


def test_the_forging_recipe_as_the_read_only_role_adds_no_history(
    migrated_in_place: str,
) -> None:
    with psycopg.connect(migrated_in_place) as conn:
        before = _history_count(conn)
        conn.execute("SET SESSION ROLE provenance_readonly")
        refusals = _forge(conn)
        conn.execute("RESET ROLE")
        assert _history_count(conn) == before
    assert refusals
    assert "permission denied" in refusals[0], refusals


def test_with_temp_the_trigger_cannot_execute_history_record(seeded_url: str) -> None:
    # The second lock alone: EXECUTE on history_record() is not PUBLIC's.
    with psycopg.connect(seeded_url) as conn:
        conn.execute(
            "DO $$ BEGIN EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO provenance_readonly', "
            "current_database()); END $$"
        )
        before = _history_count(conn)
        conn.execute("SET SESSION ROLE provenance_readonly")
        refusals = _forge(conn)
        conn.execute("RESET ROLE")
        assert _history_count(conn) == before
    assert any("history_record" in r for r in refusals), refusals


def test_history_record_refuses_a_temp_table_named_like_an_audited_one(seeded_url: str) -> None:
    # The third lock alone: a superuser may create and execute anything, and is refused too.
    with psycopg.connect(seeded_url) as conn:
        before = _history_count(conn)
        for step in FORGING_RECIPE[:3]:
            conn.execute(step)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match=r"pg_temp.*quotations"):
            conn.execute(FORGING_RECIPE[3])
        conn.rollback()
        assert _history_count(conn) == before


def test_a_temp_history_table_does_not_capture_the_audit(seeded_url: str) -> None:
    with psycopg.connect(seeded_url) as conn:
        before = _history_count(conn)
        conn.execute("CREATE TEMP TABLE history (LIKE public.history INCLUDING ALL)")
        conn.execute("INSERT INTO outlets (slug, name) VALUES ('le-monde', 'Le Monde')")
        assert conn.execute("SELECT count(*) FROM pg_temp.history").fetchone() == (0,)
        assert _history_count(conn) == before + 1


def test_the_audited_tables_still_record_for_a_writer_without_execute(seeded_url: str) -> None:
    with psycopg.connect(seeded_url) as conn:
        conn.execute("CREATE ROLE dbsec_writer NOLOGIN")
        try:
            conn.execute("GRANT INSERT ON outlets TO dbsec_writer")
            before = _history_count(conn)
            conn.execute("SET ROLE dbsec_writer")
            conn.execute("SET provenance.actor = 'writer'")
            conn.execute("INSERT INTO outlets (slug, name) VALUES ('le-monde', 'Le Monde')")
            conn.execute("RESET ROLE")
            assert _history_count(conn) == before + 1
        finally:
            conn.rollback()


@pytest.mark.reads_only
def test_security_definer_functions_and_their_execute_grants(
    empty_connection: psycopg.Connection,
) -> None:
    rows = empty_connection.execute(
        """
        SELECT p.oid::regprocedure::text AS function,
               n.nspname,
               coalesce(array_agg(
                   CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END
                   ORDER BY a.grantee::regrole::text
               ) FILTER (WHERE a.privilege_type = 'EXECUTE' AND a.grantee <> p.proowner),
               '{}') AS executors
        FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        LEFT JOIN LATERAL aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a ON true
        WHERE p.prosecdef
          AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg_toast%'
        GROUP BY p.oid, n.nspname
        """
    ).fetchall()
    found = {
        (name if "." in name else f"{schema}.{name}"): list(executors)
        for name, schema, executors in rows
    }
    assert found == EXPECTED_SECURITY_DEFINERS


@pytest.mark.reads_only
def test_history_record_names_exactly_the_audited_tables(
    empty_connection: psycopg.Connection,
) -> None:
    row = empty_connection.execute(
        "SELECT pg_get_functiondef('public.history_record()'::regprocedure)"
    ).fetchone()
    assert row is not None
    listed = re.search(r"TG_TABLE_NAME = ANY \(ARRAY\[([^\]]*)\]", row[0])
    assert listed is not None, row[0]
    assert sorted(re.findall(r"'([a-z_]+)'", listed.group(1))) == sorted(AUDITED_TABLES)
