"""Printed words: what search needs to know about a quotation's wording as printed."""

from __future__ import annotations

import uuid

from sqlalchemy import BigInteger, Computed, ForeignKey, Index, Text
from sqlalchemy.dialects.postgresql import TSVECTOR, UUID
from sqlalchemy.orm import Mapped, mapped_column

from provenance.models.base import Base


class QuotationPrintedWords(Base):
    """Maintained by triggers (migration 0007); the application only reads it."""

    __tablename__ = "quotation_printed_words"
    __table_args__ = (
        Index("ix_quotation_printed_words_words", "words", postgresql_using="gin"),
        {
            "comment": "For each quotation whose appearances print words its own text lacks "
            "(an insertion, another wording): those words, so that search finds it by the "
            "words as printed (together with search_vector). Quotations whose printings add "
            "no word have no row. Maintained by triggers on quotations and attributions."
        },
    )

    quotation_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("quotations.id", ondelete="CASCADE"),
        primary_key=True,
        comment="The quotation.",
    )
    words: Mapped[str] = mapped_column(
        TSVECTOR,
        comment="Lexemes (English stemming, no positions) of its attributions' printed "
        "texts that its own text lacks.",
    )


class QuotationPrintedWording(Base):
    """Maintained by triggers (migration 0010); the application only reads it."""

    __tablename__ = "quotation_printed_wordings"
    __table_args__ = (
        Index(
            "ix_quotation_printed_wordings_text_trgm",
            "text",
            postgresql_using="gin",
            postgresql_ops={"text": "gin_trgm_ops"},
        ),
        {
            "comment": "Each distinct wording an appearance printed that is neither the "
            "quotation's text nor a run of its words (an insertion, an elision, a rewording), "
            "so that near-miss search reads these instead of every appearance. Maintained by "
            "triggers on quotations and attributions."
        },
    )

    quotation_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("quotations.id", ondelete="CASCADE"),
        primary_key=True,
        comment="The quotation.",
    )
    text_md5: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        Computed("md5(text)::uuid", persisted=True),
        primary_key=True,
        comment="md5 of text, as a uuid: the key (texts may be too long for a btree).",
    )
    text: Mapped[str] = mapped_column(Text, comment="The wording as printed.")
