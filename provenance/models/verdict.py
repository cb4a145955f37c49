"""Verdicts: people checking an attribution against its source and saying why."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from provenance.models.base import Base, created_at_column, id_column


class AttributionVerdict(Base):
    __tablename__ = "attribution_verdicts"
    __table_args__ = (
        CheckConstraint("verdict IN ('verified', 'disputed')", name="verdict_known"),
        CheckConstraint("btrim(actor) <> ''", name="actor_not_blank"),
        CheckConstraint("btrim(reason) <> ''", name="reason_not_blank"),
        # Lets a bulk import (or two at once) add a verdict exactly once.
        UniqueConstraint(
            "attribution_id", "created_at", "actor", "verdict", name="uq_attribution_verdicts_once"
        ),
        {
            "comment": "The verification history of attributions: who verified or disputed "
            "one, when and why. attributions.status holds the latest verdict."
        },
    )

    id: Mapped[int] = id_column()
    attribution_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("attributions.id", ondelete="CASCADE"),
        index=True,
        comment="The attribution judged.",
    )
    verdict: Mapped[str] = mapped_column(
        Text, comment="verified (checked and right) or disputed (doubtful or wrong)."
    )
    actor: Mapped[str] = mapped_column(Text, comment="Who gave the verdict.")
    reason: Mapped[str] = mapped_column(
        Text, comment="Why: what was checked, or what is wrong ('audio at 02:14 says ...')."
    )
    created_at: Mapped[datetime] = created_at_column()
