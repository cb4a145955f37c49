"""Speaker merges: two rows found to be one speaker, recorded so the merge can be undone."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from provenance.models.base import Base, created_at_column, id_column


class SpeakerMerge(Base):
    __tablename__ = "speaker_merges"
    __table_args__ = (
        {
            "comment": "Each merge of one speaker (absorbed) into another (survivor). The "
            "rows it changed are in history under transaction_id; undoing the merge "
            "replays them backwards."
        },
    )

    id: Mapped[int] = id_column()
    survivor_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("speakers.id", ondelete="SET NULL"),
        index=True,
        comment="The speaker that remains; NULL if it was deleted since.",
    )
    survivor_slug: Mapped[str] = mapped_column(
        Text, comment="Slug of the survivor at the time of the merge."
    )
    absorbed_id: Mapped[int] = mapped_column(
        BigInteger, comment="Id of the speaker that was merged away (deleted); undo restores it."
    )
    absorbed_slug: Mapped[str] = mapped_column(
        Text, comment="Slug of the speaker that was merged away."
    )
    actor: Mapped[str] = mapped_column(Text, comment="Who merged them.")
    reason: Mapped[str | None] = mapped_column(Text, comment="Why they are one speaker.")
    transaction_id: Mapped[int] = mapped_column(
        BigInteger, comment="history.transaction_id of the merge's changes."
    )
    created_at: Mapped[datetime] = created_at_column()
    undone_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="When the merge was undone; NULL while it stands."
    )
    undone_by: Mapped[str | None] = mapped_column(Text, comment="Who undid the merge.")
