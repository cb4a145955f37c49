"""The audit trail: every change to provenance data, written by database triggers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Index, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from provenance.models.base import Base, created_at_column, id_column

# The tables whose every INSERT, UPDATE and DELETE the history triggers record.
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
    "statement_links",
)


class HistoryEntry(Base):
    __tablename__ = "history"
    __table_args__ = (
        CheckConstraint("operation IN ('INSERT', 'UPDATE', 'DELETE')", name="operation_known"),
        CheckConstraint(
            "(before IS NULL) = (operation = 'INSERT') "
            "AND (after IS NULL) = (operation = 'DELETE')",
            name="images_match_operation",
        ),
        Index("ix_history_table_name_row_id", "table_name", "row_id"),
        {
            "comment": "Append-only audit trail: one row per inserted, updated or deleted row "
            "of provenance data, with who did it, when, and the row before and after. "
            "Written only by the history_record() triggers; UPDATE and DELETE are refused."
        },
    )

    id: Mapped[int] = id_column()
    at: Mapped[datetime] = created_at_column()
    actor: Mapped[str] = mapped_column(
        Text,
        comment="Who made the change: the provenance.actor setting of the transaction (an "
        "API token name, a CLI user), else the database user.",
    )
    transaction_id: Mapped[int] = mapped_column(
        BigInteger,
        index=True,
        comment="PostgreSQL transaction id (pg_current_xact_id) of the change: rows sharing "
        "it were written together and can be undone together.",
    )
    table_name: Mapped[str] = mapped_column(Text, comment="The table of the changed row.")
    row_id: Mapped[int] = mapped_column(BigInteger, comment="The id of the changed row.")
    operation: Mapped[str] = mapped_column(Text, comment="INSERT, UPDATE or DELETE.")
    before: Mapped[dict[str, Any] | None] = mapped_column(
        JSONB, comment="The row before the change (to_jsonb); NULL for an INSERT."
    )
    after: Mapped[dict[str, Any] | None] = mapped_column(
        JSONB, comment="The row after the change (to_jsonb); NULL for a DELETE."
    )
