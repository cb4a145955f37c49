"""Speaker search indexes: lower(alias) for real, trigrams of names and aliases

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 10:25:00

ix_speaker_aliases_lower_alias indexed lower('alias'), the constant string, not the
column: exact alias lookups could not use it. Speaker search also compares the words
typed with every name and alias (word similarity) with no trigram index: 0.6 s per
search at 25,000 speakers. Both now have the index they need.

Migrations never import application code: they must keep working after the models move on.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DROP INDEX ix_speaker_aliases_lower_alias")
    op.execute("CREATE INDEX ix_speaker_aliases_lower_alias ON speaker_aliases (lower(alias))")
    op.execute(
        "CREATE INDEX ix_speaker_aliases_alias_trgm ON speaker_aliases "
        "USING gin (alias gin_trgm_ops)"
    )
    op.execute("CREATE INDEX ix_speakers_name_trgm ON speakers USING gin (name gin_trgm_ops)")
    op.execute(
        "COMMENT ON INDEX ix_speaker_aliases_lower_alias IS "
        "'Exact alias lookups, whatever the case.'"
    )
    op.execute(
        "COMMENT ON INDEX ix_speaker_aliases_alias_trgm IS "
        "'Speaker search: word similarity with the aliases.'"
    )
    op.execute(
        "COMMENT ON INDEX ix_speakers_name_trgm IS 'Speaker search: word similarity with names.'"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_speakers_name_trgm")
    op.execute("DROP INDEX ix_speaker_aliases_alias_trgm")
    op.execute("DROP INDEX ix_speaker_aliases_lower_alias")
    op.execute("CREATE INDEX ix_speaker_aliases_lower_alias ON speaker_aliases (lower('alias'))")
