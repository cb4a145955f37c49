"""One trigram index per quoted text: the normalised_text ones duplicated the text ones

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21 11:05:00

pg_trgm lowercases and splits words on every character that is not a letter or digit, so
the trigrams of normalise_quote(text) (lowercase, quotation marks, brackets and ellipses
turned into spaces, spaces collapsed) are exactly the trigrams of text, word for word and
in order: similarity, word_similarity and the % and <% operators give the same answers on
either column. The GIN indexes on both columns held the same keys for the same rows; the
normalised ones were built and maintained twice for nothing (a bulk load of 550,000
attributions spent 7.7 s of its 25 s of index builds on them, every write paid for them).
Similar-quote search now compares the normalised probe with text, served by the text
indexes. The normalised_text columns stay (analysts read them).

Migrations never import application code: they must keep working after the models move on.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DROP INDEX ix_attributions_normalised_text_trgm")
    op.execute("DROP INDEX ix_quotations_normalised_text_trgm")
    op.execute(
        "COMMENT ON INDEX ix_attributions_text_trgm IS 'Near-miss search and similar quotes: "
        "trigrams of the printed words (the same trigrams as normalised_text).'"
    )
    op.execute(
        "COMMENT ON INDEX ix_quotations_text_trgm IS 'Near-miss search and similar quotes: "
        "trigrams of the words (the same trigrams as normalised_text).'"
    )


def downgrade() -> None:
    op.execute("COMMENT ON INDEX ix_quotations_text_trgm IS NULL")
    op.execute("COMMENT ON INDEX ix_attributions_text_trgm IS NULL")
    op.execute(
        "CREATE INDEX ix_quotations_normalised_text_trgm ON quotations "
        "USING gin (normalised_text gin_trgm_ops)"
    )
    op.execute(
        "CREATE INDEX ix_attributions_normalised_text_trgm ON attributions "
        "USING gin (normalised_text gin_trgm_ops)"
    )
