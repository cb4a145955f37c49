"""Printed words: what search needs to know about a quotation's wording as printed."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index
from sqlalchemy.dialects.postgresql import TSVECTOR
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
