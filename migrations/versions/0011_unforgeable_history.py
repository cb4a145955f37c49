"""An audit trail nobody can write: history_record() only for the audited tables, no TEMP

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 16:20:00

Until now a read-only session could forge history: CREATE TEMP TABLE quotations, attach a
trigger executing the SECURITY DEFINER history_record() (executable by PUBLIC), set
provenance.actor and insert. Three locks, each enough on its own:

- history_record() is no longer executable by PUBLIC. Triggers do not check EXECUTE when
  they fire (only CREATE TRIGGER does), so the audited tables' own triggers keep working
  for every writer.
- history_record() refuses any table but the audited tables of schema public (a TEMP
  table named quotations lives in pg_temp_N and is refused), and it writes to
  public.history with pg_temp last on its search_path, so a TEMP table named history
  cannot swallow the rows either.
- PUBLIC loses TEMPORARY on this database (the owner keeps it; no role of the API or of
  the analysts needs temp tables), and CREATE on schema public (already the default
  since PostgreSQL 15).

Downgrade restores the function and the database-level TEMPORARY grant of 0003; it does
not hand CREATE on schema public back to PUBLIC.

Migrations never import application code: they must keep working after the models move on.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Migrations never import app code, so this list repeats provenance.models.AUDITED_TABLES.
AUDITED_TABLES = (
    "outlets",
    "speakers",
    "speaker_aliases",
    "articles",
    "quotations",
    "attributions",
    "attribution_markers",
    "attribution_verdicts",
    "article_revisions",
    "attribution_reanchorings",
)

_BODY = r"""
DECLARE
    before_row jsonb;
    after_row jsonb;
BEGIN
{guard}
    IF TG_OP <> 'INSERT' THEN
        before_row := to_jsonb(OLD);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        after_row := to_jsonb(NEW);
    END IF;
    IF TG_OP = 'UPDATE' AND before_row = after_row THEN
        RETURN NULL;  -- an UPDATE that changed nothing is not history
    END IF;
    INSERT INTO {history} (actor, transaction_id, table_name, row_id, operation, before, after)
    VALUES (
        coalesce(nullif(current_setting('provenance.actor', true), ''), session_user),
        pg_current_xact_id()::text::bigint,
        TG_TABLE_NAME,
        (coalesce(after_row, before_row) ->> 'id')::bigint,
        TG_OP,
        before_row,
        after_row
    );
    RETURN NULL;
END
"""

_AUDITED_ARRAY = "ARRAY[" + ", ".join(f"'{t}'" for t in AUDITED_TABLES) + "]::text[]"

# A table is audited when it is one of the tables of schema public named above: TG_RELID
# must be the very relation public.<name>, whatever the caller's search_path.
_GUARD = f"""
    IF TG_TABLE_SCHEMA <> 'public'
       OR NOT (TG_TABLE_NAME = ANY ({_AUDITED_ARRAY}))
       OR TG_RELID IS DISTINCT FROM to_regclass(format('public.%I', TG_TABLE_NAME)) THEN
        RAISE EXCEPTION 'history_record() records only the audited tables: %.% is not one',
            TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'history is written by the audited tables'' own triggers only.';
    END IF;"""

UPGRADE = f"""
CREATE OR REPLACE FUNCTION history_record() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
{_BODY.format(guard=_GUARD, history="public.history")}
$$;
COMMENT ON FUNCTION history_record() IS
    'Audit trigger of the audited tables: appends the changed row (before and after, as '
    'jsonb) to history, with the actor from SET LOCAL provenance.actor (else the database '
    'user). SECURITY DEFINER, so writers need no privilege on history; refuses every other '
    'table, and PUBLIC may not execute it (firing a trigger needs no EXECUTE privilege).';
REVOKE EXECUTE ON FUNCTION history_record() FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
DO $$
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    -- Only the database's owner may revoke it; anyone else gets a warning, and this one.
    IF has_database_privilege('public', current_database(), 'TEMPORARY') THEN
        RAISE WARNING 'PUBLIC may still create temp tables in database %', current_database()
            USING HINT = format('Its owner should run REVOKE TEMPORARY ON DATABASE %I FROM '
                                'PUBLIC.', current_database());
    END IF;
END
$$;
"""

DOWNGRADE = f"""
DO $$
BEGIN
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO PUBLIC', current_database());
END
$$;
GRANT EXECUTE ON FUNCTION history_record() TO PUBLIC;
CREATE OR REPLACE FUNCTION history_record() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
{_BODY.format(guard="", history="history")}
$$;
COMMENT ON FUNCTION history_record() IS
    'Audit trigger: appends the changed row (before and after, as jsonb) to history, with the '
    'actor from SET LOCAL provenance.actor (else the database user). SECURITY DEFINER, so '
    'writers need no privilege on history.';
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
