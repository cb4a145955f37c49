"""Outlets: the publishers of articles."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Text
from sqlalchemy.orm import Mapped, mapped_column

from provenance.models.base import SLUG_PATTERN, Base, created_at_column, id_column


class Outlet(Base):
    __tablename__ = "outlets"
    __table_args__ = (
        CheckConstraint(f"slug ~ '{SLUG_PATTERN}'", name="slug_format"),
        CheckConstraint("btrim(name) <> ''", name="name_not_blank"),
        {"comment": "A news outlet that publishes articles: a newspaper, broadcaster or agency."},
    )

    id: Mapped[int] = id_column()
    slug: Mapped[str] = mapped_column(
        Text, unique=True, comment="Stable natural key, lowercase words joined by hyphens."
    )
    name: Mapped[str] = mapped_column(
        Text, unique=True, comment="The outlet's name as it calls itself (BBC, Anadolu Agency)."
    )
    website: Mapped[str | None] = mapped_column(Text, comment="Home page URL, when known.")
    created_at: Mapped[datetime] = created_at_column()
