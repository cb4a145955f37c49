"""Full-text index of the words articles printed, so search needs no trigram scan first

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 09:45:00

At a million quotations, a word-similarity (trigram) scan of five million attributions
takes seconds; a full-text lookup takes milliseconds. Search matches whole words first,
in the quotation's text and in the words any article printed (this index), and falls
back to near-misses only when no word matches.

Migrations never import application code: they must keep working after the models move on.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX ix_attributions_text_fts ON attributions "
        "USING gin (to_tsvector('english'::regconfig, text))"
    )
    op.execute(
        "COMMENT ON INDEX ix_attributions_text_fts IS "
        "'Full-text search of the words as printed (English stemming), for quotation search.'"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_attributions_text_fts")
