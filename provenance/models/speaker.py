"""Speakers (whoever said the words) and the names and roles articles use for them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Text,
    UniqueConstraint,
    literal_column,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from provenance.models.base import SLUG_PATTERN, Base, created_at_column, id_column
from provenance.models.enums import AliasKind, SpeakerKind, check_in


class Speaker(Base):
    __tablename__ = "speakers"
    __table_args__ = (
        CheckConstraint(f"slug ~ '{SLUG_PATTERN}'", name="slug_format"),
        CheckConstraint(check_in("kind", SpeakerKind), name="kind_known"),
        CheckConstraint("btrim(name) <> ''", name="name_not_blank"),
        # An outlet speaking for itself must say which outlet it is, and only then.
        CheckConstraint(
            "(kind = 'outlet') = (outlet_id IS NOT NULL)", name="outlet_iff_kind_outlet"
        ),
        Index(
            "ix_speakers_name_trgm",
            "name",
            postgresql_using="gin",
            postgresql_ops={"name": "gin_trgm_ops"},
        ),
        {
            "comment": "Whoever said the words: a named person, an organisation, an outlet "
            "speaking for itself, or an unnamed source. Similar names never imply the same "
            "speaker: identity is this row, not the spelling."
        },
    )

    id: Mapped[int] = id_column()
    slug: Mapped[str] = mapped_column(
        Text, unique=True, comment="Stable natural key, lowercase words joined by hyphens."
    )
    name: Mapped[str] = mapped_column(
        Text, comment="Display name: the full name, or a description for an unnamed source."
    )
    kind: Mapped[SpeakerKind] = mapped_column(
        Text, comment="person, organisation, outlet (an outlet speaking for itself) or unnamed."
    )
    description: Mapped[str | None] = mapped_column(
        Text, comment="Who the speaker is, in a sentence (office, affiliation), when known."
    )
    outlet_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("outlets.id"),
        index=True,
        comment="For kind = outlet: the outlet that speaks.",
    )
    created_at: Mapped[datetime] = created_at_column()

    aliases: Mapped[list[SpeakerAlias]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", order_by="SpeakerAlias.id"
    )


class SpeakerAlias(Base):
    __tablename__ = "speaker_aliases"
    __table_args__ = (
        CheckConstraint(check_in("kind", AliasKind), name="kind_known"),
        CheckConstraint("btrim(alias) <> ''", name="alias_not_blank"),
        UniqueConstraint("speaker_id", "alias"),
        Index("ix_speaker_aliases_lower_alias", literal_column("lower(alias)")),
        # Speaker search: word similarity with aliases and names (migration 0006).
        Index(
            "ix_speaker_aliases_alias_trgm",
            "alias",
            postgresql_using="gin",
            postgresql_ops={"alias": "gin_trgm_ops"},
        ),
        {
            "comment": "A name or role description that articles use for a speaker "
            '("Silo", "the former spokesman of the SDF"). The same alias may belong '
            "to several speakers; the article's context decides."
        },
    )

    id: Mapped[int] = id_column()
    speaker_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("speakers.id", ondelete="CASCADE"),
        comment="The speaker this alias names.",
    )
    alias: Mapped[str] = mapped_column(Text, comment="The words as articles print them.")
    kind: Mapped[AliasKind] = mapped_column(
        Text, comment="name (a proper name) or role (a description of office or position)."
    )
    created_at: Mapped[datetime] = created_at_column()

    speaker: Mapped[Speaker] = relationship(back_populates="aliases")
