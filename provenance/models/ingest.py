"""What `provenance ingest` has loaded, and the table that recognises outlets from pages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from provenance.models.base import SLUG_PATTERN, Base, created_at_column, id_column


class OutletSource(Base):
    __tablename__ = "outlet_sources"
    __table_args__ = (
        CheckConstraint("kind IN ('host', 'site_name')", name="kind_known"),
        CheckConstraint(
            "pattern = lower(btrim(pattern)) AND pattern <> ''", name="pattern_normalised"
        ),
        CheckConstraint(f"outlet_slug ~ '{SLUG_PATTERN}'", name="outlet_slug_format"),
        CheckConstraint("btrim(outlet_name) <> ''", name="outlet_name_not_blank"),
        UniqueConstraint("kind", "pattern"),
        {
            "comment": "How ingested web pages name their outlet: a host (and its subdomains) "
            "or a declared site name, mapped to the outlet that publishes there. Analysts "
            "edit it (provenance outlet-source, or plain SQL); the outlet row is created "
            "the first time a page matches."
        },
    )

    id: Mapped[int] = id_column()
    kind: Mapped[str] = mapped_column(
        Text,
        comment="host: a page's host or any subdomain of it (www. is dropped); site_name: "
        "the name a page declares (og:site_name, JSON-LD publisher).",
    )
    pattern: Mapped[str] = mapped_column(
        Text, comment="The host (bbc.co.uk) or site name (bbc news), lowercase."
    )
    outlet_slug: Mapped[str] = mapped_column(Text, comment="Slug of the outlet it names.")
    outlet_name: Mapped[str] = mapped_column(
        Text, comment="Name of the outlet, used when the outlet is not stored yet."
    )
    website: Mapped[str | None] = mapped_column(
        Text, comment="Home page of the outlet, when known."
    )
    created_at: Mapped[datetime] = created_at_column()


class IngestedItem(Base):
    __tablename__ = "ingested_items"
    __table_args__ = (
        CheckConstraint("outcome IN ('stored', 'duplicate')", name="outcome_known"),
        CheckConstraint("text_sha256 ~ '^[0-9a-f]{64}$'", name="text_sha256_is_hex"),
        # One stored article per text: a concurrent writer storing the same text fails and
        # retries, then finds it a duplicate.
        Index(
            "uq_ingested_items_stored_text_sha256",
            "text_sha256",
            unique=True,
            postgresql_where=text("outcome = 'stored'"),
        ),
        {
            "comment": "Every page `provenance ingest` has loaded or recognised as a duplicate, "
            "so that a second run skips it (resumable, idempotent). Pages that failed are not "
            "recorded and are tried again."
        },
    )

    id: Mapped[int] = id_column()
    key: Mapped[str] = mapped_column(
        Text,
        unique=True,
        comment="What identifies the input: sha256:<hex> of a page's bytes, or url:<URL> of "
        "a feed item (checked before it is fetched).",
    )
    source: Mapped[str] = mapped_column(
        Text, comment="Where the page came from: a file, a WARC record or a URL."
    )
    article_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("articles.id", ondelete="CASCADE"),
        index=True,
        comment="The stored article: this page's, or the one it duplicates.",
    )
    outcome: Mapped[str] = mapped_column(
        Text, comment="stored: the page became the article; duplicate: it was already stored."
    )
    text_sha256: Mapped[str] = mapped_column(
        Text, comment="SHA-256 of the page's normalised main text (the duplicate check)."
    )
    author: Mapped[str | None] = mapped_column(Text, comment="The byline the page declares.")
    site_name: Mapped[str | None] = mapped_column(
        Text, comment="The site name the page declares (og:site_name, JSON-LD publisher)."
    )
    created_at: Mapped[datetime] = created_at_column()
