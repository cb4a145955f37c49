"""Articles: archived texts, or citation-only reports known from another article."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from provenance.models.base import SLUG_PATTERN, Base, created_at_column, id_column


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (
        CheckConstraint(f"slug ~ '{SLUG_PATTERN}'", name="slug_format"),
        CheckConstraint("body IS NOT NULL OR cited_as IS NOT NULL", name="archived_or_cited"),
        # Pages of an outlet's articles read in order and stop (migration 0005).
        Index("ix_articles_outlet_id_id", "outlet_id", "id"),
        {
            "comment": "A published piece. Either its text is archived (body), or it is "
            "known only because another article cites it (cited_as) and has no text here."
        },
    )

    id: Mapped[int] = id_column()
    slug: Mapped[str] = mapped_column(
        Text, unique=True, comment="Stable natural key, lowercase words joined by hyphens."
    )
    outlet_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("outlets.id"),
        index=True,
        comment="The publishing outlet; NULL when unknown.",
    )
    url: Mapped[str | None] = mapped_column(
        Text, unique=True, comment="Canonical URL, when known; unique."
    )
    title: Mapped[str | None] = mapped_column(Text, comment="Headline, when known.")
    published_on: Mapped[date | None] = mapped_column(
        Date, index=True, comment="Publication date, when known."
    )
    language: Mapped[str] = mapped_column(
        Text, server_default="en", comment="BCP 47 language tag of the text (en, tr, ar)."
    )
    body: Mapped[str | None] = mapped_column(
        Text,
        comment="The archived text exactly as retrieved. Attribution offsets count characters "
        "(Unicode code points) into it. NULL for a citation-only article.",
    )
    cited_as: Mapped[str | None] = mapped_column(
        Text,
        comment='How a citing article refers to this one ("reports by the BBC on Monday"); '
        "set for citation-only articles.",
    )
    created_at: Mapped[datetime] = created_at_column()
