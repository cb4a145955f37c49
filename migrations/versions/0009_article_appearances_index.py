"""An article's appearances by a plain (article_id, id) index

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-21 11:40:00

The only index leading with attributions.article_id was the partial unique index of
anchored appearances (0002), which PostgreSQL cannot use for "the appearances of this
article" (they include orphaned ones): every article page, annotation view and the
foreign key's cascade check read the whole table (116 ms per article at 100,000
quotations), and PostGraphile, which exposes only indexed relations, had no
Article.attributions. With (article_id, id) a page of an article's appearances reads
them in order and stops, like the other pages of children (0005).

Migrations never import application code: they must keep working after the models move on.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_attributions_article_id_id"


def upgrade() -> None:
    op.create_index(NAME, "attributions", ["article_id", "id"], unique=False)
    op.execute(f"COMMENT ON INDEX {NAME} IS 'An article''s appearances in id order (pages).'")


def downgrade() -> None:
    op.drop_index(NAME, table_name="attributions")
