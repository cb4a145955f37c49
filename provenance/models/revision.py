"""Article revisions: earlier archived texts, and how attributions moved between them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from provenance.models.base import Base, created_at_column, id_column
from provenance.models.enums import ReanchorMethod, check_in


class ArticleRevision(Base):
    __tablename__ = "article_revisions"
    __table_args__ = (
        CheckConstraint("revision >= 1", name="revision_positive"),
        UniqueConstraint("article_id", "revision"),
        {
            "comment": "Earlier archived texts of articles, kept when a body is revised; "
            "articles.body holds the current one. Attributions are re-anchored into each "
            "new text."
        },
    )

    id: Mapped[int] = id_column()
    article_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("articles.id", ondelete="CASCADE"),
        comment="The article whose earlier text this is.",
    )
    revision: Mapped[int] = mapped_column(
        Integer,
        comment="1 for the first archived text, then one more per revision; the current "
        "text is articles.body.",
    )
    body: Mapped[str] = mapped_column(Text, comment="The article text as it was archived.")
    replaced_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True),
        server_default=func.now(),
        comment="When a newer text replaced this one.",
    )


class AttributionReanchoring(Base):
    __tablename__ = "attribution_reanchorings"
    __table_args__ = (
        CheckConstraint(check_in("method", ReanchorMethod), name="method_known"),
        CheckConstraint("confidence BETWEEN 0 AND 1", name="confidence_is_probability"),
        {
            "comment": "What happened to each attribution when its article's text was "
            "revised: where it was, where it went and how sure that is."
        },
    )

    id: Mapped[int] = id_column()
    revision_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("article_revisions.id", ondelete="CASCADE"),
        index=True,
        comment="The article revision whose replacement caused this re-anchoring.",
    )
    attribution_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("attributions.id", ondelete="CASCADE"),
        index=True,
        comment="The attribution placed again.",
    )
    method: Mapped[ReanchorMethod] = mapped_column(
        Text,
        comment="exact (the same words found), fuzzy (similar words in a matching context) "
        "or orphaned (no place found with confidence).",
    )
    confidence: Mapped[float] = mapped_column(
        Float,
        comment="How sure the placement is, 0 to 1 (the best candidate's score when orphaned).",
    )
    old_start: Mapped[int | None] = mapped_column(Integer, comment="Span start in the old text.")
    old_end: Mapped[int | None] = mapped_column(Integer, comment="Span end in the old text.")
    new_start: Mapped[int | None] = mapped_column(Integer, comment="Span start in the new text.")
    new_end: Mapped[int | None] = mapped_column(Integer, comment="Span end in the new text.")
    old_text: Mapped[str | None] = mapped_column(Text, comment="The attribution's words before.")
    new_text: Mapped[str | None] = mapped_column(
        Text,
        comment="The words at the new place (differs from old_text after a fuzzy match).",
    )
    created_at: Mapped[datetime] = created_at_column()
