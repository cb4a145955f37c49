"""Writing provenance safely: audit history, verdicts, speaker merges, API tokens

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 09:11:42.407636

Migrations never import application code: they must keep working after the models move on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
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

AUDIT = r"""
CREATE FUNCTION history_record() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    before_row jsonb;
    after_row jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        before_row := to_jsonb(OLD);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        after_row := to_jsonb(NEW);
    END IF;
    IF TG_OP = 'UPDATE' AND before_row = after_row THEN
        RETURN NULL;  -- an UPDATE that changed nothing is not history
    END IF;
    INSERT INTO history (actor, transaction_id, table_name, row_id, operation, before, after)
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
$$;
COMMENT ON FUNCTION history_record() IS
    'Audit trigger: appends the changed row (before and after, as jsonb) to history, with the '
    'actor from SET LOCAL provenance.actor (else the database user). SECURITY DEFINER, so '
    'writers need no privilege on history.';

CREATE FUNCTION history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'history is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'To reverse a change, make a new change (it is recorded too).';
END
$$;
COMMENT ON FUNCTION history_refuse_change() IS
    'Refuses UPDATE, DELETE and TRUNCATE on history, even by its owner.';
CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history
    FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history
    FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON history FROM PUBLIC;
-- Analysts read provenance, not the API's credentials (0002 grants them every table).
REVOKE ALL ON api_tokens FROM provenance_readonly;
"""

DROP_AUDIT = """
DROP TRIGGER history_no_truncate ON history;
DROP TRIGGER history_append_only ON history;
DROP FUNCTION history_refuse_change();
DROP FUNCTION history_record();
"""


def _audit_trigger(table: str) -> str:
    return (
        f"CREATE TRIGGER {table}_history AFTER INSERT OR UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION history_record();\n"
        f"COMMENT ON TRIGGER {table}_history ON {table} IS "
        "'Records every change of this table in history.';"
    )


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "name",
            sa.Text(),
            nullable=False,
            comment="Who or what holds the token; recorded as the actor of its writes.",
        ),
        sa.Column(
            "secret_sha256",
            sa.Text(),
            nullable=False,
            comment="Hex SHA-256 of the secret the client sends.",
        ),
        sa.Column(
            "scopes",
            postgresql.ARRAY(sa.Text()),
            nullable=False,
            comment="What the token may do: read, write (implies read), admin (implies both).",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.Column(
            "last_used_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="When a request last presented the token.",
        ),
        sa.Column(
            "revoked_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="When the token was revoked; NULL while it is valid.",
        ),
        sa.CheckConstraint("btrim(name) <> ''", name=op.f("ck_api_tokens_name_not_blank")),
        sa.CheckConstraint(
            "cardinality(scopes) > 0 AND scopes <@ ARRAY['read', 'write', 'admin']",
            name=op.f("ck_api_tokens_scopes_known"),
        ),
        sa.CheckConstraint(
            "secret_sha256 ~ '^[0-9a-f]{64}$'", name=op.f("ck_api_tokens_secret_sha256_is_hex")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("secret_sha256", name=op.f("uq_api_tokens_secret_sha256")),
        comment="Bearer tokens of the GraphQL API. Only the SHA-256 of each secret is kept: the secret itself is shown once, when the token is created.",
    )
    op.create_table(
        "history",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.Column(
            "actor",
            sa.Text(),
            nullable=False,
            comment="Who made the change: the provenance.actor setting of the transaction (an API token name, a CLI user), else the database user.",
        ),
        sa.Column(
            "transaction_id",
            sa.BigInteger(),
            nullable=False,
            comment="PostgreSQL transaction id (pg_current_xact_id) of the change: rows sharing it were written together and can be undone together.",
        ),
        sa.Column("table_name", sa.Text(), nullable=False, comment="The table of the changed row."),
        sa.Column("row_id", sa.BigInteger(), nullable=False, comment="The id of the changed row."),
        sa.Column("operation", sa.Text(), nullable=False, comment="INSERT, UPDATE or DELETE."),
        sa.Column(
            "before",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=True,
            comment="The row before the change (to_jsonb); NULL for an INSERT.",
        ),
        sa.Column(
            "after",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=True,
            comment="The row after the change (to_jsonb); NULL for a DELETE.",
        ),
        sa.CheckConstraint(
            "(before IS NULL) = (operation = 'INSERT') AND (after IS NULL) = (operation = 'DELETE')",
            name=op.f("ck_history_images_match_operation"),
        ),
        sa.CheckConstraint(
            "operation IN ('INSERT', 'UPDATE', 'DELETE')", name=op.f("ck_history_operation_known")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history")),
        comment="Append-only audit trail: one row per inserted, updated or deleted row of provenance data, with who did it, when, and the row before and after. Written only by the history_record() triggers; UPDATE and DELETE are refused.",
    )
    op.create_index(
        "ix_history_table_name_row_id", "history", ["table_name", "row_id"], unique=False
    )
    op.create_index(op.f("ix_history_transaction_id"), "history", ["transaction_id"], unique=False)
    op.create_table(
        "speaker_merges",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "survivor_id",
            sa.BigInteger(),
            nullable=True,
            comment="The speaker that remains; NULL if it was deleted since.",
        ),
        sa.Column(
            "survivor_slug",
            sa.Text(),
            nullable=False,
            comment="Slug of the survivor at the time of the merge.",
        ),
        sa.Column(
            "absorbed_id",
            sa.BigInteger(),
            nullable=False,
            comment="Id of the speaker that was merged away (deleted); undo restores it.",
        ),
        sa.Column(
            "absorbed_slug",
            sa.Text(),
            nullable=False,
            comment="Slug of the speaker that was merged away.",
        ),
        sa.Column("actor", sa.Text(), nullable=False, comment="Who merged them."),
        sa.Column("reason", sa.Text(), nullable=True, comment="Why they are one speaker."),
        sa.Column(
            "transaction_id",
            sa.BigInteger(),
            nullable=False,
            comment="history.transaction_id of the merge's changes.",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.Column(
            "undone_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="When the merge was undone; NULL while it stands.",
        ),
        sa.Column("undone_by", sa.Text(), nullable=True, comment="Who undid the merge."),
        sa.ForeignKeyConstraint(
            ["survivor_id"],
            ["speakers.id"],
            name=op.f("fk_speaker_merges_survivor_id_speakers"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_merges")),
        comment="Each merge of one speaker (absorbed) into another (survivor). The rows it changed are in history under transaction_id; undoing the merge replays them backwards.",
    )
    op.create_index(
        op.f("ix_speaker_merges_survivor_id"), "speaker_merges", ["survivor_id"], unique=False
    )
    op.create_table(
        "attribution_verdicts",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "attribution_id", sa.BigInteger(), nullable=False, comment="The attribution judged."
        ),
        sa.Column(
            "verdict",
            sa.Text(),
            nullable=False,
            comment="verified (checked and right) or disputed (doubtful or wrong).",
        ),
        sa.Column("actor", sa.Text(), nullable=False, comment="Who gave the verdict."),
        sa.Column(
            "reason",
            sa.Text(),
            nullable=False,
            comment="Why: what was checked, or what is wrong ('audio at 02:14 says ...').",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.CheckConstraint(
            "btrim(actor) <> ''", name=op.f("ck_attribution_verdicts_actor_not_blank")
        ),
        sa.CheckConstraint(
            "btrim(reason) <> ''", name=op.f("ck_attribution_verdicts_reason_not_blank")
        ),
        sa.CheckConstraint(
            "verdict IN ('verified', 'disputed')",
            name=op.f("ck_attribution_verdicts_verdict_known"),
        ),
        sa.ForeignKeyConstraint(
            ["attribution_id"],
            ["attributions.id"],
            name=op.f("fk_attribution_verdicts_attribution_id_attributions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribution_verdicts")),
        sa.UniqueConstraint(
            "attribution_id", "created_at", "actor", "verdict", name="uq_attribution_verdicts_once"
        ),
        comment="The verification history of attributions: who verified or disputed one, when and why. attributions.status holds the latest verdict.",
    )
    op.create_index(
        op.f("ix_attribution_verdicts_attribution_id"),
        "attribution_verdicts",
        ["attribution_id"],
        unique=False,
    )
    op.execute(AUDIT)
    for table in AUDITED_TABLES:
        op.execute(_audit_trigger(table))


def downgrade() -> None:
    for table in reversed(AUDITED_TABLES):
        op.execute(f"DROP TRIGGER {table}_history ON {table}")
    op.execute(DROP_AUDIT)
    op.drop_index(op.f("ix_attribution_verdicts_attribution_id"), table_name="attribution_verdicts")
    op.drop_table("attribution_verdicts")
    op.drop_index(op.f("ix_speaker_merges_survivor_id"), table_name="speaker_merges")
    op.drop_table("speaker_merges")
    op.drop_index(op.f("ix_history_transaction_id"), table_name="history")
    op.drop_index("ix_history_table_name_row_id", table_name="history")
    op.drop_table("history")
    op.drop_table("api_tokens")
