"""Quotations: what was said, once, however many articles repeat it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Computed,
    ForeignKey,
    Index,
    Text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from provenance.models.base import SLUG_PATTERN, Base, created_at_column, id_column


class Quotation(Base):
    __tablename__ = "quotations"
    __table_args__ = (
        CheckConstraint(f"slug ~ '{SLUG_PATTERN}'", name="slug_format"),
        CheckConstraint("btrim(text) <> ''", name="text_not_blank"),
        # Pages of a speaker's quotations read in order and stop (migration 0005).
        Index("ix_quotations_speaker_id_id", "speaker_id", "id"),
        # Also serves similar quotes: its trigrams are those of normalised_text (0008).
        Index(
            "ix_quotations_text_trgm",
            "text",
            postgresql_using="gin",
            postgresql_ops={"text": "gin_trgm_ops"},
        ),
        Index("ix_quotations_search_vector", "search_vector", postgresql_using="gin"),
        {
            "comment": "A statement as it was said, once. Each appearance in an article is "
            "an attribution; the wording may differ between them."
        },
    )

    id: Mapped[int] = id_column()
    slug: Mapped[str] = mapped_column(
        Text, unique=True, comment="Stable natural key, lowercase words joined by hyphens."
    )
    speaker_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("speakers.id"),
        index=True,
        comment="Who originally said it.",
    )
    text: Mapped[str] = mapped_column(
        Text,
        comment="The best-known original wording, without editorial insertions; for "
        "reported speech, the content as first reported.",
    )
    language: Mapped[str | None] = mapped_column(
        Text, comment="BCP 47 tag of the language it was spoken in, when known."
    )
    search_vector: Mapped[str] = mapped_column(
        TSVECTOR,
        Computed("to_tsvector('english'::regconfig, text)", persisted=True),
        deferred=True,  # for SQL only (search); never loaded with the row
        comment="Full-text index of text (English stemming); maintained by PostgreSQL.",
    )
    normalised_text: Mapped[str | None] = mapped_column(
        Text,
        Computed("normalise_quote(text)", persisted=True),
        deferred=True,  # for SQL only (search); never loaded with the row
        comment="text reduced for similarity search (lowercase, no quotation marks, brackets "
        "or ellipses): normalise_quote(text), maintained by PostgreSQL.",
    )
    created_at: Mapped[datetime] = created_at_column()
