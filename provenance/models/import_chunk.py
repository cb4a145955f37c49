"""The ledger of `provenance import --bulk`: chunks of a file already committed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Integer, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from provenance.models.base import Base, created_at_column


class ImportChunk(Base):
    __tablename__ = "import_chunks"
    __table_args__ = (
        CheckConstraint("digest ~ '^[0-9a-f]{64}$'", name="digest_is_hex"),
        {
            "comment": "Chunks of a JSON Lines file that a bulk import (`provenance import "
            "--bulk`) has committed, written in the chunk's own transaction, so that "
            "`--resume` after an interruption skips them. A finished import deletes its rows."
        },
    )

    digest: Mapped[str] = mapped_column(
        Text,
        primary_key=True,
        comment="SHA-256 (hex) of the chunk's first line number and its bytes.",
    )
    first_line: Mapped[int] = mapped_column(
        Integer, comment="Number of the chunk's first line in its file."
    )
    lines: Mapped[int] = mapped_column(Integer, comment="How many lines the chunk holds.")
    loaded: Mapped[int] = mapped_column(Integer, comment="Lines of the chunk that loaded.")
    attributions: Mapped[int] = mapped_column(
        Integer, comment="Attributions in the lines that loaded."
    )
    problems: Mapped[list[list[object]]] = mapped_column(
        JSONB,
        comment="The chunk's refused lines as [line number, message, field], reported again "
        "when a resumed import skips the chunk.",
    )
    created_at: Mapped[datetime] = created_at_column()
