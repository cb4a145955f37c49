"""Statement links: scored proposals that two appearances render one statement

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 17:00:00

When an article is stored, each extracted candidate is compared with stored appearances
(provenance.linking): a sure match joins the earlier quotation as an extracted attribution
with the earlier appearance as upstream; an uncertain one is only proposed. Both are kept
here with their score for a person to confirm or reject.

Migrations never import application code: they must keep working after the models move on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# history_record()'s list of audited tables (0011) ends with this literal.
_LAST_AUDITED = "'attribution_reanchorings'"
# Rewrites history_record() with one list literal replaced, keeping the rest of the body
# (and the function's owner, privileges and comment) as 0011 left it.
_AUDIT_ALSO = """
DO $$
DECLARE
    definition text := pg_get_functiondef('public.history_record()'::regprocedure);
BEGIN
    IF position({old} IN definition) = 0 THEN
        RAISE EXCEPTION 'history_record() does not end its list of tables with %', {old};
    END IF;
    EXECUTE replace(definition, {old}, {new});
END
$$;
"""


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _audit_also(old: str, new: str) -> str:
    """SQL replacing the list's end ``old]`` by ``new]`` in history_record()."""
    return _AUDIT_ALSO.format(old=_literal(old + "]"), new=_literal(new + "]"))


def upgrade() -> None:
    op.create_table(
        "statement_links",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "attribution_id",
            sa.BigInteger(),
            nullable=False,
            comment="The newly stored appearance.",
        ),
        sa.Column(
            "earlier_id",
            sa.BigInteger(),
            nullable=False,
            comment="The stored appearance it may repeat (proposed upstream).",
        ),
        sa.Column(
            "score",
            sa.Float(),
            nullable=False,
            comment="The linker's score, 0 to 1 (provenance.linking.same_statement_score).",
        ),
        sa.Column(
            "method",
            sa.Text(),
            nullable=False,
            comment="Which linker gave the score: lexical (the default, no model).",
        ),
        sa.Column(
            "decision",
            sa.Text(),
            nullable=False,
            comment="joined (recorded as the same quotation, to confirm), proposed (uncertain, "
            "not applied), confirmed or rejected by a person.",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.CheckConstraint(
            "score BETWEEN 0 AND 1", name=op.f("ck_statement_links_score_is_probability")
        ),
        sa.CheckConstraint(
            "decision IN ('joined', 'proposed', 'confirmed', 'rejected')",
            name=op.f("ck_statement_links_decision_known"),
        ),
        sa.CheckConstraint(
            "attribution_id <> earlier_id", name=op.f("ck_statement_links_not_to_itself")
        ),
        sa.ForeignKeyConstraint(
            ["attribution_id"],
            ["attributions.id"],
            name=op.f("fk_statement_links_attribution_id_attributions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["earlier_id"],
            ["attributions.id"],
            name=op.f("fk_statement_links_earlier_id_attributions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_links")),
        sa.UniqueConstraint("attribution_id", "earlier_id", name="uq_statement_links_pair"),
        comment="Candidate links between an appearance and an earlier stored one that may "
        "render the same statement (identical, truncated, elided, reworded or translated), "
        "found when an article is stored, with the linker's score. Proposals are for people "
        "to confirm; none merges quotations by itself.",
    )
    op.create_index(
        op.f("ix_statement_links_earlier_id"), "statement_links", ["earlier_id"], unique=False
    )
    # Who confirmed or rejected a link is history, like every other editor's act (0003):
    # history_record() records only the tables it names (0011), so it names this one too.
    op.execute(_audit_also(_LAST_AUDITED, _LAST_AUDITED + ", 'statement_links'"))
    op.execute(
        "CREATE TRIGGER statement_links_history AFTER INSERT OR UPDATE OR DELETE "
        "ON statement_links FOR EACH ROW EXECUTE FUNCTION history_record();\n"
        "COMMENT ON TRIGGER statement_links_history ON statement_links IS "
        "'Records every change of this table in history.';"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER statement_links_history ON statement_links")
    op.execute(_audit_also(_LAST_AUDITED + ", 'statement_links'", _LAST_AUDITED))
    op.drop_index(op.f("ix_statement_links_earlier_id"), table_name="statement_links")
    op.drop_table("statement_links")
