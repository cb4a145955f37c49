"""API tokens: bearer secrets, stored as their SHA-256 only, each with a set of scopes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from provenance.models.base import Base, created_at_column, id_column


class ApiToken(Base):
    __tablename__ = "api_tokens"
    __table_args__ = (
        CheckConstraint("btrim(name) <> ''", name="name_not_blank"),
        CheckConstraint("secret_sha256 ~ '^[0-9a-f]{64}$'", name="secret_sha256_is_hex"),
        CheckConstraint(
            "cardinality(scopes) > 0 AND scopes <@ ARRAY['read', 'write', 'admin']",
            name="scopes_known",
        ),
        {
            "comment": "Bearer tokens of the GraphQL API. Only the SHA-256 of each secret is "
            "kept: the secret itself is shown once, when the token is created."
        },
    )

    id: Mapped[int] = id_column()
    name: Mapped[str] = mapped_column(
        Text, comment="Who or what holds the token; recorded as the actor of its writes."
    )
    secret_sha256: Mapped[str] = mapped_column(
        Text, unique=True, comment="Hex SHA-256 of the secret the client sends."
    )
    scopes: Mapped[list[str]] = mapped_column(
        ARRAY(Text),
        comment="What the token may do: read, write (implies read), admin (implies both).",
    )
    created_at: Mapped[datetime] = created_at_column()
    last_used_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="When a request last presented the token."
    )
    revoked_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="When the token was revoked; NULL while it is valid."
    )
