"""Proposed links between two appearances of what may be one statement, with a score."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Float,
    ForeignKey,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from provenance.models.base import Base, created_at_column, id_column


class LinkDecision(StrEnum):
    """What the store did with a proposed link, and what people said of it."""

    # Score at or above the join threshold: the attribution was recorded as an appearance
    # of the earlier one's quotation, with it as upstream (status extracted, to confirm).
    JOINED = "joined"
    # Uncertain: only proposed; the attribution has its own quotation.
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"  # a person said they are one statement
    REJECTED = "rejected"  # a person said they are not


class StatementLink(Base):
    __tablename__ = "statement_links"
    __table_args__ = (
        CheckConstraint("score BETWEEN 0 AND 1", name="score_is_probability"),
        CheckConstraint(
            "decision IN ('joined', 'proposed', 'confirmed', 'rejected')", name="decision_known"
        ),
        CheckConstraint("attribution_id <> earlier_id", name="not_to_itself"),
        UniqueConstraint("attribution_id", "earlier_id", name="uq_statement_links_pair"),
        {
            "comment": "Candidate links between an appearance and an earlier stored one that "
            "may render the same statement (identical, truncated, elided, reworded or "
            "translated), found when an article is stored, with the linker's score. "
            "Proposals are for people to confirm; none merges quotations by itself."
        },
    )

    id: Mapped[int] = id_column()
    attribution_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("attributions.id", ondelete="CASCADE"),
        comment="The newly stored appearance.",
    )
    earlier_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("attributions.id", ondelete="CASCADE"),
        index=True,
        comment="The stored appearance it may repeat (proposed upstream).",
    )
    score: Mapped[float] = mapped_column(
        Float, comment="The linker's score, 0 to 1 (provenance.linking.same_statement_score)."
    )
    method: Mapped[str] = mapped_column(
        Text, comment="Which linker gave the score: lexical (the default, no model)."
    )
    decision: Mapped[str] = mapped_column(
        Text,
        comment="joined (recorded as the same quotation, to confirm), proposed (uncertain, "
        "not applied), confirmed or rejected by a person.",
    )
    created_at: Mapped[datetime] = created_at_column()
