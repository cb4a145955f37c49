"""Attributions (one appearance of a quotation in one article) and their editorial markers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Computed,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from provenance.models.base import Base, created_at_column, id_column
from provenance.models.enums import (
    AnchorStatus,
    AttributionKind,
    AttributionStatus,
    MarkerKind,
    check_in,
)

# Text-quote selector context kept on each side of a span (W3C Web Annotation).
SELECTOR_CONTEXT = 32


class Attribution(Base):
    __tablename__ = "attributions"
    __table_args__ = (
        CheckConstraint(check_in("kind", AttributionKind), name="kind_known"),
        CheckConstraint(check_in("status", AttributionStatus), name="status_known"),
        CheckConstraint("confidence BETWEEN 0 AND 1", name="confidence_is_probability"),
        CheckConstraint("(start_offset IS NULL) = (end_offset IS NULL)", name="span_complete"),
        CheckConstraint("start_offset >= 0 AND end_offset > start_offset", name="span_ordered"),
        CheckConstraint("text IS NOT NULL OR start_offset IS NULL", name="span_has_text"),
        CheckConstraint("upstream_id <> id", name="not_own_upstream"),
        CheckConstraint(check_in("anchor_status", AnchorStatus), name="anchor_status_known"),
        CheckConstraint(
            "anchor_status = 'anchored' OR start_offset IS NULL", name="orphan_has_no_span"
        ),
        # One appearance per place; orphans (no place any more) may share the NULL span.
        Index(
            "uq_attributions_article_quotation_start",
            "article_id",
            "quotation_id",
            "start_offset",
            unique=True,
            postgresql_nulls_not_distinct=True,
            postgresql_where=text("anchor_status = 'anchored'"),
        ),
        # Lets the upstream foreign key below require the same quotation.
        UniqueConstraint("id", "quotation_id", name="uq_attributions_id_quotation"),
        ForeignKeyConstraint(
            ["upstream_id", "quotation_id"],
            ["attributions.id", "attributions.quotation_id"],
            name="fk_attributions_upstream_same_quotation",
        ),
        # Also serves similar quotes: its trigrams are those of normalised_text (0008).
        Index(
            "ix_attributions_text_trgm",
            "text",
            postgresql_using="gin",
            postgresql_ops={"text": "gin_trgm_ops"},
        ),
        # Pages of a quotation's appearances read in order and stop (migration 0005).
        Index("ix_attributions_quotation_id_id", "quotation_id", "id"),
        # ... and of an article's (migration 0009): the unique index above is partial.
        Index("ix_attributions_article_id_id", "article_id", "id"),
        {
            "comment": "One appearance of a quotation in one article: the words as printed, "
            "where they stand in the body, how they are presented, who the article says "
            "spoke, and the attribution it was taken from (upstream). The database checks "
            "that the span matches the body and that upstream links never form a cycle."
        },
    )

    id: Mapped[int] = id_column()
    article_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("articles.id"),
        comment="The article in which the words appear.",
    )
    quotation_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("quotations.id"),
        index=True,
        comment="The statement that appears here.",
    )
    speaker_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("speakers.id"),
        index=True,
        comment="The speaker this article attributes the words to, resolved to a speaker row.",
    )
    speaker_label: Mapped[str | None] = mapped_column(
        Text,
        comment='The speaker as this article names them ("Silo", "he", "the former '
        'spokesman of the SDF"); NULL when the article does not name them.',
    )
    kind: Mapped[AttributionKind] = mapped_column(
        Text,
        comment="direct (in quotation marks), partial (quoted fragment inside reported "
        "speech) or indirect (reported speech).",
    )
    text: Mapped[str | None] = mapped_column(
        Text,
        comment="The words exactly as printed, without the quotation marks. NULL when the "
        "article is citation-only and its wording is unknown.",
    )
    start_offset: Mapped[int | None] = mapped_column(
        Integer,
        comment="Start of the span in the article body, in characters from 0 (W3C "
        "TextPositionSelector start). NULL for citation-only articles.",
    )
    end_offset: Mapped[int | None] = mapped_column(
        Integer, comment="End of the span, exclusive: body[start_offset:end_offset] = text."
    )
    prefix: Mapped[str | None] = mapped_column(
        Text,
        comment=f"Up to {SELECTOR_CONTEXT} characters of the body before the span (W3C "
        "TextQuoteSelector prefix), for re-anchoring after the text is revised; "
        "maintained by the database.",
    )
    suffix: Mapped[str | None] = mapped_column(
        Text,
        comment=f"Up to {SELECTOR_CONTEXT} characters of the body after the span (W3C "
        "TextQuoteSelector suffix); maintained by the database.",
    )
    cue: Mapped[str | None] = mapped_column(
        Text,
        comment='The words that introduce the quotation as printed ("said", "told Anadolu '
        'Agency", "the BBC reported, citing").',
    )
    upstream_id: Mapped[int | None] = mapped_column(
        BigInteger,
        index=True,
        comment="The attribution of the same quotation this one was taken from; NULL when "
        "this is the first known report.",
    )
    status: Mapped[AttributionStatus] = mapped_column(
        Text,
        server_default=AttributionStatus.RECORDED.value,
        comment="extracted (a machine's candidate), recorded (entered or confirmed by a "
        "person), verified or disputed.",
    )
    confidence: Mapped[float | None] = mapped_column(
        Float, comment="For extracted attributions: the extractor's confidence, 0 to 1."
    )
    anchor_status: Mapped[AnchorStatus] = mapped_column(
        Text,
        server_default=AnchorStatus.ANCHORED.value,
        comment="anchored, or orphaned when a revision of the article removed the words and "
        "no place for them could be found with confidence (then the span is NULL and prefix "
        "and suffix keep the last known context). Citation-only appearances count as anchored.",
    )
    normalised_text: Mapped[str | None] = mapped_column(
        Text,
        Computed("normalise_quote(text)", persisted=True),
        deferred=True,  # for SQL only (search); never loaded with the row
        comment="text reduced for similarity search (lowercase, no quotation marks, brackets "
        "or ellipses): normalise_quote(text), maintained by PostgreSQL.",
    )
    created_at: Mapped[datetime] = created_at_column()

    markers: Mapped[list[AttributionMarker]] = relationship(
        back_populates="attribution",
        cascade="all, delete-orphan",
        order_by="AttributionMarker.id",
    )


class AttributionMarker(Base):
    __tablename__ = "attribution_markers"
    __table_args__ = (
        CheckConstraint(check_in("kind", MarkerKind), name="kind_known"),
        CheckConstraint("(text IS NULL) = (position IS NULL)", name="text_has_position"),
        CheckConstraint("position >= 0", name="position_not_negative"),
        {
            "comment": "An editorial change the article made to the quoted words: a "
            "bracketed insertion, an elision, a truncation, a translation. The database "
            "checks that a marker's text stands in the attribution's text at its position."
        },
    )

    id: Mapped[int] = id_column()
    attribution_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("attributions.id", ondelete="CASCADE"),
        index=True,
        comment="The attribution whose text carries the change.",
    )
    kind: Mapped[MarkerKind] = mapped_column(
        Text, comment="insertion, elision, truncation, translation or sic."
    )
    text: Mapped[str | None] = mapped_column(
        Text,
        comment='The marker as printed ("[Daesh]", "…"); NULL when the change concerns '
        "the whole quotation (a translation, a truncation).",
    )
    position: Mapped[int | None] = mapped_column(
        Integer, comment="Where text starts inside the attribution's text, in characters."
    )
    note: Mapped[str | None] = mapped_column(
        Text, comment='A human note on the change ("translated from Turkish").'
    )
    created_at: Mapped[datetime] = created_at_column()

    attribution: Mapped[Attribution] = relationship(back_populates="markers")
