"""The bulk import's ledger: chunks of a JSON Lines file already committed

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 00:00:00

`provenance import --bulk` commits a file chunk by chunk; each chunk's transaction also
records the chunk here, so that `--resume` after an interruption skips what is saved. A
finished import deletes its rows. Not audited: it holds no provenance data.

Migrations never import application code: they must keep working after the models move on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_chunks",
        sa.Column(
            "digest",
            sa.Text(),
            nullable=False,
            comment="SHA-256 (hex) of the chunk's first line number and its bytes.",
        ),
        sa.Column(
            "first_line",
            sa.Integer(),
            nullable=False,
            comment="Number of the chunk's first line in its file.",
        ),
        sa.Column("lines", sa.Integer(), nullable=False, comment="How many lines the chunk holds."),
        sa.Column(
            "loaded", sa.Integer(), nullable=False, comment="Lines of the chunk that loaded."
        ),
        sa.Column(
            "attributions",
            sa.Integer(),
            nullable=False,
            comment="Attributions in the lines that loaded.",
        ),
        sa.Column(
            "problems",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            comment="The chunk's refused lines as [line number, message, field], reported "
            "again when a resumed import skips the chunk.",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.CheckConstraint(
            "digest ~ '^[0-9a-f]{64}$'", name=op.f("ck_import_chunks_digest_is_hex")
        ),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_import_chunks")),
        comment="Chunks of a JSON Lines file that a bulk import (`provenance import --bulk`) "
        "has committed, written in the chunk's own transaction, so that `--resume` after an "
        "interruption skips them. A finished import deletes its rows.",
    )


def downgrade() -> None:
    op.drop_table("import_chunks")
