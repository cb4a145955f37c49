"""Core schema: speakers, outlets, articles, quotations, attributions and their invariants

Revision ID: 0001
Revises:
Create Date: 2026-11-21 09:05:01.105088

Migrations never import application code: they must keep working after the models move on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


TRIGGERS = r"""
CREATE FUNCTION attributions_check_span() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    article_body text;
    found_text text;
BEGIN
    SELECT body INTO article_body FROM articles WHERE id = NEW.article_id;
    IF NOT FOUND THEN
        RETURN NEW;  -- the foreign key reports the missing article
    END IF;
    IF article_body IS NULL THEN
        IF NEW.start_offset IS NOT NULL THEN
            RAISE EXCEPTION 'attribution span [%, %) given for citation-only article %',
                NEW.start_offset, NEW.end_offset, NEW.article_id
                USING ERRCODE = 'check_violation',
                      HINT = 'A citation-only article has no text: leave start_offset and end_offset empty.';
        END IF;
        NEW.prefix := NULL;
        NEW.suffix := NULL;
        RETURN NEW;
    END IF;
    IF NEW.start_offset IS NULL THEN
        RAISE EXCEPTION 'attribution in archived article % has no span', NEW.article_id
            USING ERRCODE = 'check_violation',
                  HINT = 'Give start_offset and end_offset of the words in the article body.';
    END IF;
    found_text := substr(article_body, NEW.start_offset + 1, NEW.end_offset - NEW.start_offset);
    IF NEW.end_offset > char_length(article_body) OR found_text IS DISTINCT FROM NEW.text THEN
        RAISE EXCEPTION 'attribution text % does not match article % at [%, %), which reads %',
            quote_literal(NEW.text), NEW.article_id, NEW.start_offset, NEW.end_offset,
            quote_literal(found_text)
            USING ERRCODE = 'check_violation',
                  HINT = 'Offsets count characters from 0 and the end is exclusive.';
    END IF;
    -- The W3C TextQuoteSelector context, kept here so every writer gets it right.
    NEW.prefix := substr(article_body, greatest(NEW.start_offset - 32, 0) + 1,
                         NEW.start_offset - greatest(NEW.start_offset - 32, 0));
    NEW.suffix := substr(article_body, NEW.end_offset + 1, 32);
    IF TG_OP = 'UPDATE' AND NEW.text IS DISTINCT FROM OLD.text AND EXISTS (
        SELECT 1 FROM attribution_markers m
        WHERE m.attribution_id = NEW.id AND m.text IS NOT NULL
          AND substr(NEW.text, m.position + 1, char_length(m.text)) IS DISTINCT FROM m.text
    ) THEN
        RAISE EXCEPTION 'new text of attribution % no longer holds its markers', NEW.id
            USING ERRCODE = 'check_violation',
                  HINT = 'Move or delete the attribution_markers rows first.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION attributions_check_span() IS
    'Checks that an attribution''s span equals the article body at that span and fills prefix and suffix.';
CREATE TRIGGER attributions_check_span
    BEFORE INSERT OR UPDATE OF article_id, text, start_offset, end_offset, prefix, suffix
    ON attributions FOR EACH ROW EXECUTE FUNCTION attributions_check_span();

CREATE FUNCTION attributions_check_no_cycle() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.upstream_id IS NULL THEN
        RETURN NEW;
    END IF;
    -- All links of one relay graph share a quotation: serialise writers per quotation so
    -- that two transactions cannot each add half of a cycle.
    PERFORM pg_advisory_xact_lock(hashtextextended('attribution-upstream:' || NEW.quotation_id, 0));
    IF EXISTS (
        WITH RECURSIVE up(id, upstream_id) AS (
            SELECT id, upstream_id FROM attributions WHERE id = NEW.upstream_id
            UNION
            SELECT a.id, a.upstream_id FROM attributions a JOIN up ON a.id = up.upstream_id
        )
        SELECT 1 FROM up WHERE id = NEW.id
    ) THEN
        RAISE EXCEPTION 'attribution % cannot take % as upstream: that would form a cycle',
            NEW.id, NEW.upstream_id
            USING ERRCODE = 'check_violation',
                  HINT = 'An upstream attribution must have been published before, not after.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION attributions_check_no_cycle() IS
    'Refuses an upstream link that would make the relay graph of a quotation cyclic.';
CREATE TRIGGER attributions_check_no_cycle
    BEFORE INSERT OR UPDATE OF upstream_id ON attributions
    FOR EACH ROW EXECUTE FUNCTION attributions_check_no_cycle();

CREATE FUNCTION attribution_markers_check_text() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    quoted text;
BEGIN
    IF NEW.text IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT text INTO quoted FROM attributions WHERE id = NEW.attribution_id;
    IF substr(quoted, NEW.position + 1, char_length(NEW.text)) IS DISTINCT FROM NEW.text THEN
        RAISE EXCEPTION 'marker % is not at position % of attribution % text %',
            quote_literal(NEW.text), NEW.position, NEW.attribution_id, quote_literal(quoted)
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION attribution_markers_check_text() IS
    'Checks that a marker''s text stands in its attribution''s text at its position.';
CREATE TRIGGER attribution_markers_check_text
    BEFORE INSERT OR UPDATE ON attribution_markers
    FOR EACH ROW EXECUTE FUNCTION attribution_markers_check_text();

CREATE FUNCTION articles_check_spans() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    stale bigint;
BEGIN
    IF NEW.body IS NOT DISTINCT FROM OLD.body THEN
        RETURN NULL;
    END IF;
    SELECT a.id INTO stale FROM attributions a
    WHERE a.article_id = NEW.id
      AND CASE WHEN NEW.body IS NULL THEN a.start_offset IS NOT NULL
               ELSE a.start_offset IS NULL
                 OR substr(NEW.body, a.start_offset + 1, a.end_offset - a.start_offset)
                    IS DISTINCT FROM a.text
          END
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the new body of article % no longer holds attribution %', NEW.id, stale
            USING ERRCODE = 'check_violation',
                  HINT = 'Re-anchor the article''s attributions in the same transaction.';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION articles_check_spans() IS
    'At commit, checks that an article whose body changed still holds all its attributions.';
-- Deferred to commit, so a revision can change the body and re-anchor in one transaction.
CREATE CONSTRAINT TRIGGER articles_check_spans
    AFTER UPDATE OF body ON articles DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION articles_check_spans();
"""

DROP_TRIGGERS = """
DROP TRIGGER articles_check_spans ON articles;
DROP FUNCTION articles_check_spans();
DROP TRIGGER attribution_markers_check_text ON attribution_markers;
DROP FUNCTION attribution_markers_check_text();
DROP TRIGGER attributions_check_no_cycle ON attributions;
DROP FUNCTION attributions_check_no_cycle();
DROP TRIGGER attributions_check_span ON attributions;
DROP FUNCTION attributions_check_span();
"""


def upgrade() -> None:
    # pg_trgm is a trusted extension: a database owner may create it. It stays on downgrade
    # because other schemas in the database may use it.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table(
        "outlets",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "slug",
            sa.Text(),
            nullable=False,
            comment="Stable natural key, lowercase words joined by hyphens.",
        ),
        sa.Column(
            "name",
            sa.Text(),
            nullable=False,
            comment="The outlet's name as it calls itself (BBC, Anadolu Agency).",
        ),
        sa.Column("website", sa.Text(), nullable=True, comment="Home page URL, when known."),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.CheckConstraint("btrim(name) <> ''", name=op.f("ck_outlets_name_not_blank")),
        sa.CheckConstraint(
            "slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f("ck_outlets_slug_format")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outlets")),
        sa.UniqueConstraint("name", name=op.f("uq_outlets_name")),
        sa.UniqueConstraint("slug", name=op.f("uq_outlets_slug")),
        comment="A news outlet that publishes articles: a newspaper, broadcaster or agency.",
    )
    op.create_table(
        "articles",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "slug",
            sa.Text(),
            nullable=False,
            comment="Stable natural key, lowercase words joined by hyphens.",
        ),
        sa.Column(
            "outlet_id",
            sa.BigInteger(),
            nullable=True,
            comment="The publishing outlet; NULL when unknown.",
        ),
        sa.Column("url", sa.Text(), nullable=True, comment="Canonical URL, when known; unique."),
        sa.Column("title", sa.Text(), nullable=True, comment="Headline, when known."),
        sa.Column(
            "published_on", sa.Date(), nullable=True, comment="Publication date, when known."
        ),
        sa.Column(
            "language",
            sa.Text(),
            server_default="en",
            nullable=False,
            comment="BCP 47 language tag of the text (en, tr, ar).",
        ),
        sa.Column(
            "body",
            sa.Text(),
            nullable=True,
            comment="The archived text exactly as retrieved. Attribution offsets count characters (Unicode code points) into it. NULL for a citation-only article.",
        ),
        sa.Column(
            "cited_as",
            sa.Text(),
            nullable=True,
            comment='How a citing article refers to this one ("reports by the BBC on Monday"); set for citation-only articles.',
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.CheckConstraint(
            "slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f("ck_articles_slug_format")
        ),
        sa.CheckConstraint(
            "body IS NOT NULL OR cited_as IS NOT NULL", name=op.f("ck_articles_archived_or_cited")
        ),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_articles_outlet_id_outlets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("slug", name=op.f("uq_articles_slug")),
        sa.UniqueConstraint("url", name=op.f("uq_articles_url")),
        comment="A published piece. Either its text is archived (body), or it is known only because another article cites it (cited_as) and has no text here.",
    )
    op.create_index(op.f("ix_articles_outlet_id"), "articles", ["outlet_id"], unique=False)
    op.create_index(op.f("ix_articles_published_on"), "articles", ["published_on"], unique=False)
    op.create_table(
        "speakers",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "slug",
            sa.Text(),
            nullable=False,
            comment="Stable natural key, lowercase words joined by hyphens.",
        ),
        sa.Column(
            "name",
            sa.Text(),
            nullable=False,
            comment="Display name: the full name, or a description for an unnamed source.",
        ),
        sa.Column(
            "kind",
            sa.Text(),
            nullable=False,
            comment="person, organisation, outlet (an outlet speaking for itself) or unnamed.",
        ),
        sa.Column(
            "description",
            sa.Text(),
            nullable=True,
            comment="Who the speaker is, in a sentence (office, affiliation), when known.",
        ),
        sa.Column(
            "outlet_id",
            sa.BigInteger(),
            nullable=True,
            comment="For kind = outlet: the outlet that speaks.",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.CheckConstraint(
            "(kind = 'outlet') = (outlet_id IS NOT NULL)",
            name=op.f("ck_speakers_outlet_iff_kind_outlet"),
        ),
        sa.CheckConstraint("btrim(name) <> ''", name=op.f("ck_speakers_name_not_blank")),
        sa.CheckConstraint(
            "kind IN ('person', 'organisation', 'outlet', 'unnamed')",
            name=op.f("ck_speakers_kind_known"),
        ),
        sa.CheckConstraint(
            "slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f("ck_speakers_slug_format")
        ),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_speakers_outlet_id_outlets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speakers")),
        sa.UniqueConstraint("slug", name=op.f("uq_speakers_slug")),
        comment="Whoever said the words: a named person, an organisation, an outlet speaking for itself, or an unnamed source. Similar names never imply the same speaker: identity is this row, not the spelling.",
    )
    op.create_index(op.f("ix_speakers_outlet_id"), "speakers", ["outlet_id"], unique=False)
    op.create_table(
        "quotations",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "slug",
            sa.Text(),
            nullable=False,
            comment="Stable natural key, lowercase words joined by hyphens.",
        ),
        sa.Column("speaker_id", sa.BigInteger(), nullable=False, comment="Who originally said it."),
        sa.Column(
            "text",
            sa.Text(),
            nullable=False,
            comment="The best-known original wording, without editorial insertions; for reported speech, the content as first reported.",
        ),
        sa.Column(
            "language",
            sa.Text(),
            nullable=True,
            comment="BCP 47 tag of the language it was spoken in, when known.",
        ),
        sa.Column(
            "search_vector",
            postgresql.TSVECTOR(),
            sa.Computed("to_tsvector('english'::regconfig, text)", persisted=True),
            nullable=False,
            comment="Full-text index of text (English stemming); maintained by PostgreSQL.",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.CheckConstraint("btrim(text) <> ''", name=op.f("ck_quotations_text_not_blank")),
        sa.CheckConstraint(
            "slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f("ck_quotations_slug_format")
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speakers.id"], name=op.f("fk_quotations_speaker_id_speakers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotations")),
        sa.UniqueConstraint("slug", name=op.f("uq_quotations_slug")),
        comment="A statement as it was said, once. Each appearance in an article is an attribution; the wording may differ between them.",
    )
    op.create_index(
        "ix_quotations_search_vector",
        "quotations",
        ["search_vector"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_index(op.f("ix_quotations_speaker_id"), "quotations", ["speaker_id"], unique=False)
    op.create_index(
        "ix_quotations_text_trgm",
        "quotations",
        ["text"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"text": "gin_trgm_ops"},
    )
    op.create_table(
        "speaker_aliases",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "speaker_id", sa.BigInteger(), nullable=False, comment="The speaker this alias names."
        ),
        sa.Column("alias", sa.Text(), nullable=False, comment="The words as articles print them."),
        sa.Column(
            "kind",
            sa.Text(),
            nullable=False,
            comment="name (a proper name) or role (a description of office or position).",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.CheckConstraint("btrim(alias) <> ''", name=op.f("ck_speaker_aliases_alias_not_blank")),
        sa.CheckConstraint("kind IN ('name', 'role')", name=op.f("ck_speaker_aliases_kind_known")),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_speaker_aliases_speaker_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_aliases")),
        sa.UniqueConstraint(
            "speaker_id", "alias", name=op.f("uq_speaker_aliases_speaker_id_alias")
        ),
        comment='A name or role description that articles use for a speaker ("Silo", "the former spokesman of the SDF"). The same alias may belong to several speakers; the article\'s context decides.',
    )
    op.create_index(
        "ix_speaker_aliases_lower_alias",
        "speaker_aliases",
        [sa.literal_column("lower('alias')")],
        unique=False,
    )
    op.create_table(
        "attributions",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "article_id",
            sa.BigInteger(),
            nullable=False,
            comment="The article in which the words appear.",
        ),
        sa.Column(
            "quotation_id",
            sa.BigInteger(),
            nullable=False,
            comment="The statement that appears here.",
        ),
        sa.Column(
            "speaker_id",
            sa.BigInteger(),
            nullable=False,
            comment="The speaker this article attributes the words to, resolved to a speaker row.",
        ),
        sa.Column(
            "speaker_label",
            sa.Text(),
            nullable=True,
            comment='The speaker as this article names them ("Silo", "he", "the former spokesman of the SDF"); NULL when the article does not name them.',
        ),
        sa.Column(
            "kind",
            sa.Text(),
            nullable=False,
            comment="direct (in quotation marks), partial (quoted fragment inside reported speech) or indirect (reported speech).",
        ),
        sa.Column(
            "text",
            sa.Text(),
            nullable=True,
            comment="The words exactly as printed, without the quotation marks. NULL when the article is citation-only and its wording is unknown.",
        ),
        sa.Column(
            "start_offset",
            sa.Integer(),
            nullable=True,
            comment="Start of the span in the article body, in characters from 0 (W3C TextPositionSelector start). NULL for citation-only articles.",
        ),
        sa.Column(
            "end_offset",
            sa.Integer(),
            nullable=True,
            comment="End of the span, exclusive: body[start_offset:end_offset] = text.",
        ),
        sa.Column(
            "prefix",
            sa.Text(),
            nullable=True,
            comment="Up to 32 characters of the body before the span (W3C TextQuoteSelector prefix), for re-anchoring after the text is revised; maintained by the database.",
        ),
        sa.Column(
            "suffix",
            sa.Text(),
            nullable=True,
            comment="Up to 32 characters of the body after the span (W3C TextQuoteSelector suffix); maintained by the database.",
        ),
        sa.Column(
            "cue",
            sa.Text(),
            nullable=True,
            comment='The words that introduce the quotation as printed ("said", "told Anadolu Agency", "the BBC reported, citing").',
        ),
        sa.Column(
            "upstream_id",
            sa.BigInteger(),
            nullable=True,
            comment="The attribution of the same quotation this one was taken from; NULL when this is the first known report.",
        ),
        sa.Column(
            "status",
            sa.Text(),
            server_default="recorded",
            nullable=False,
            comment="extracted (a machine's candidate), recorded (entered or confirmed by a person), verified or disputed.",
        ),
        sa.Column(
            "confidence",
            sa.Float(),
            nullable=True,
            comment="For extracted attributions: the extractor's confidence, 0 to 1.",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.CheckConstraint(
            "status IN ('extracted', 'recorded', 'verified', 'disputed')",
            name=op.f("ck_attributions_status_known"),
        ),
        sa.CheckConstraint(
            "confidence BETWEEN 0 AND 1", name=op.f("ck_attributions_confidence_is_probability")
        ),
        sa.CheckConstraint(
            "kind IN ('direct', 'partial', 'indirect')", name=op.f("ck_attributions_kind_known")
        ),
        sa.CheckConstraint(
            "(start_offset IS NULL) = (end_offset IS NULL)",
            name=op.f("ck_attributions_span_complete"),
        ),
        sa.CheckConstraint(
            "start_offset >= 0 AND end_offset > start_offset",
            name=op.f("ck_attributions_span_ordered"),
        ),
        sa.CheckConstraint(
            "text IS NOT NULL OR start_offset IS NULL", name=op.f("ck_attributions_span_has_text")
        ),
        sa.CheckConstraint("upstream_id <> id", name=op.f("ck_attributions_not_own_upstream")),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_attributions_article_id_articles")
        ),
        sa.ForeignKeyConstraint(
            ["quotation_id"],
            ["quotations.id"],
            name=op.f("fk_attributions_quotation_id_quotations"),
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speakers.id"], name=op.f("fk_attributions_speaker_id_speakers")
        ),
        sa.ForeignKeyConstraint(
            ["upstream_id", "quotation_id"],
            ["attributions.id", "attributions.quotation_id"],
            name="fk_attributions_upstream_same_quotation",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attributions")),
        sa.UniqueConstraint(
            "article_id",
            "quotation_id",
            "start_offset",
            name="uq_attributions_article_quotation_start",
            postgresql_nulls_not_distinct=True,
        ),
        sa.UniqueConstraint("id", "quotation_id", name="uq_attributions_id_quotation"),
        comment="One appearance of a quotation in one article: the words as printed, where they stand in the body, how they are presented, who the article says spoke, and the attribution it was taken from (upstream). The database checks that the span matches the body and that upstream links never form a cycle.",
    )
    op.create_index(
        op.f("ix_attributions_quotation_id"), "attributions", ["quotation_id"], unique=False
    )
    op.create_index(
        op.f("ix_attributions_speaker_id"), "attributions", ["speaker_id"], unique=False
    )
    op.create_index(
        "ix_attributions_text_trgm",
        "attributions",
        ["text"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"text": "gin_trgm_ops"},
    )
    op.create_index(
        op.f("ix_attributions_upstream_id"), "attributions", ["upstream_id"], unique=False
    )
    op.create_table(
        "attribution_markers",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "attribution_id",
            sa.BigInteger(),
            nullable=False,
            comment="The attribution whose text carries the change.",
        ),
        sa.Column(
            "kind",
            sa.Text(),
            nullable=False,
            comment="insertion, elision, truncation, translation or sic.",
        ),
        sa.Column(
            "text",
            sa.Text(),
            nullable=True,
            comment='The marker as printed ("[Daesh]", "…"); NULL when the change concerns the whole quotation (a translation, a truncation).',
        ),
        sa.Column(
            "position",
            sa.Integer(),
            nullable=True,
            comment="Where text starts inside the attribution's text, in characters.",
        ),
        sa.Column(
            "note",
            sa.Text(),
            nullable=True,
            comment='A human note on the change ("translated from Turkish").',
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.CheckConstraint(
            "kind IN ('insertion', 'elision', 'truncation', 'translation', 'sic')",
            name=op.f("ck_attribution_markers_kind_known"),
        ),
        sa.CheckConstraint(
            "(text IS NULL) = (position IS NULL)",
            name=op.f("ck_attribution_markers_text_has_position"),
        ),
        sa.CheckConstraint(
            "position >= 0", name=op.f("ck_attribution_markers_position_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["attribution_id"],
            ["attributions.id"],
            name=op.f("fk_attribution_markers_attribution_id_attributions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribution_markers")),
        comment="An editorial change the article made to the quoted words: a bracketed insertion, an elision, a truncation, a translation. The database checks that a marker's text stands in the attribution's text at its position.",
    )
    op.create_index(
        op.f("ix_attribution_markers_attribution_id"),
        "attribution_markers",
        ["attribution_id"],
        unique=False,
    )
    op.execute(TRIGGERS)
    op.execute(
        "COMMENT ON TABLE alembic_version IS 'The schema migration (Alembic revision) this database is at.'"
    )
    op.execute(
        "COMMENT ON COLUMN alembic_version.version_num IS 'Alembic revision id of the newest applied migration.'"
    )


def downgrade() -> None:
    op.execute(DROP_TRIGGERS)
    op.drop_index(op.f("ix_attribution_markers_attribution_id"), table_name="attribution_markers")
    op.drop_table("attribution_markers")
    op.drop_index(op.f("ix_attributions_upstream_id"), table_name="attributions")
    op.drop_index(
        "ix_attributions_text_trgm",
        table_name="attributions",
        postgresql_using="gin",
        postgresql_ops={"text": "gin_trgm_ops"},
    )
    op.drop_index(op.f("ix_attributions_speaker_id"), table_name="attributions")
    op.drop_index(op.f("ix_attributions_quotation_id"), table_name="attributions")
    op.drop_table("attributions")
    op.drop_index("ix_speaker_aliases_lower_alias", table_name="speaker_aliases")
    op.drop_table("speaker_aliases")
    op.drop_index(
        "ix_quotations_text_trgm",
        table_name="quotations",
        postgresql_using="gin",
        postgresql_ops={"text": "gin_trgm_ops"},
    )
    op.drop_index(op.f("ix_quotations_speaker_id"), table_name="quotations")
    op.drop_index("ix_quotations_search_vector", table_name="quotations", postgresql_using="gin")
    op.drop_table("quotations")
    op.drop_index(op.f("ix_speakers_outlet_id"), table_name="speakers")
    op.drop_table("speakers")
    op.drop_index(op.f("ix_articles_published_on"), table_name="articles")
    op.drop_index(op.f("ix_articles_outlet_id"), table_name="articles")
    op.drop_table("articles")
    op.drop_table("outlets")
