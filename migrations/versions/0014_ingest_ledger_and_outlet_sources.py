"""Ingesting web pages: what was ingested, and the outlets pages are recognised by

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 16:30:00

ingested_items records every page `provenance ingest` loaded (or found to be a duplicate),
so that runs resume and a second run adds nothing. outlet_sources maps hosts and declared
site names to outlets; it is seeded with common news outlets, and analysts edit it.

Migrations never import application code: they must keep working after the models move on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# slug, name, website, hosts, site names (as pages declare them, any case).
OUTLETS: list[tuple[str, str, str, list[str], list[str]]] = [
    ("bbc", "BBC", "https://www.bbc.com", ["bbc.co.uk", "bbc.com"], ["BBC", "BBC News"]),
    (
        "anadolu-agency",
        "Anadolu Agency",
        "https://www.aa.com.tr",
        ["aa.com.tr"],
        ["Anadolu Agency", "Anadolu Ajans\u0131"],
    ),
    ("reuters", "Reuters", "https://www.reuters.com", ["reuters.com"], ["Reuters"]),
    (
        "associated-press",
        "Associated Press",
        "https://apnews.com",
        ["apnews.com", "ap.org"],
        ["AP News", "Associated Press", "The Associated Press"],
    ),
    ("afp", "AFP", "https://www.afp.com", ["afp.com"], ["AFP", "Agence France-Presse"]),
    (
        "voice-of-america",
        "Voice of America",
        "https://www.voanews.com",
        ["voanews.com", "voaafrica.com"],
        ["Voice of America", "VOA", "VOA News"],
    ),
    (
        "voa-learning-english",
        "VOA Learning English",
        "https://learningenglish.voanews.com",
        ["learningenglish.voanews.com"],
        ["VOA Learning English", "Learning English"],
    ),
    (
        "al-jazeera",
        "Al Jazeera",
        "https://www.aljazeera.com",
        ["aljazeera.com", "aljazeera.net"],
        ["Al Jazeera"],
    ),
    (
        "the-guardian",
        "The Guardian",
        "https://www.theguardian.com",
        ["theguardian.com"],
        ["The Guardian", "the Guardian"],
    ),
    (
        "the-new-york-times",
        "The New York Times",
        "https://www.nytimes.com",
        ["nytimes.com"],
        ["The New York Times", "New York Times"],
    ),
    (
        "the-washington-post",
        "The Washington Post",
        "https://www.washingtonpost.com",
        ["washingtonpost.com"],
        ["The Washington Post", "Washington Post"],
    ),
    ("cnn", "CNN", "https://www.cnn.com", ["cnn.com"], ["CNN"]),
    ("npr", "NPR", "https://www.npr.org", ["npr.org"], ["NPR"]),
    (
        "deutsche-welle",
        "Deutsche Welle",
        "https://www.dw.com",
        ["dw.com"],
        ["DW", "Deutsche Welle", "DW.COM"],
    ),
    ("france-24", "France 24", "https://www.france24.com", ["france24.com"], ["France 24"]),
    (
        "xinhua",
        "Xinhua",
        "https://english.news.cn",
        ["news.cn", "xinhuanet.com"],
        ["Xinhua", "Xinhua News Agency"],
    ),
    ("tass", "TASS", "https://tass.com", ["tass.com", "tass.ru"], ["TASS"]),
    ("euronews", "Euronews", "https://www.euronews.com", ["euronews.com"], ["Euronews"]),
    ("bloomberg", "Bloomberg", "https://www.bloomberg.com", ["bloomberg.com"], ["Bloomberg"]),
    ("financial-times", "Financial Times", "https://www.ft.com", ["ft.com"], ["Financial Times"]),
    ("sky-news", "Sky News", "https://news.sky.com", ["news.sky.com"], ["Sky News"]),
    (
        "the-independent",
        "The Independent",
        "https://www.independent.co.uk",
        ["independent.co.uk"],
        ["The Independent"],
    ),
    (
        "the-telegraph",
        "The Telegraph",
        "https://www.telegraph.co.uk",
        ["telegraph.co.uk"],
        ["The Telegraph"],
    ),
    (
        "politico",
        "Politico",
        "https://www.politico.com",
        ["politico.com", "politico.eu"],
        ["Politico", "POLITICO"],
    ),
    ("abc-news", "ABC News", "https://abcnews.go.com", ["abcnews.go.com"], ["ABC News"]),
    ("cbs-news", "CBS News", "https://www.cbsnews.com", ["cbsnews.com"], ["CBS News"]),
    ("nbc-news", "NBC News", "https://www.nbcnews.com", ["nbcnews.com"], ["NBC News"]),
    ("fox-news", "Fox News", "https://www.foxnews.com", ["foxnews.com"], ["Fox News"]),
    ("le-monde", "Le Monde", "https://www.lemonde.fr", ["lemonde.fr"], ["Le Monde"]),
    (
        "der-spiegel",
        "Der Spiegel",
        "https://www.spiegel.de",
        ["spiegel.de"],
        ["DER SPIEGEL", "Der Spiegel"],
    ),
    ("el-pais", "El País", "https://elpais.com", ["elpais.com"], ["El País", "EL PAÍS"]),
    ("wikinews", "Wikinews", "https://en.wikinews.org", ["wikinews.org"], ["Wikinews"]),
    (
        "us-department-of-defense",
        "U.S. Department of Defense",
        "https://www.defense.gov",
        ["defense.gov"],
        ["U.S. Department of Defense"],
    ),
]


def _rows() -> list[dict[str, str]]:
    rows = []
    for slug, name, website, hosts, site_names in OUTLETS:
        patterns = [("host", h) for h in hosts] + [("site_name", s.lower()) for s in site_names]
        seen = set()
        for kind, pattern in patterns:
            if (kind, pattern) in seen:
                continue
            seen.add((kind, pattern))
            rows.append(
                {
                    "kind": kind,
                    "pattern": pattern,
                    "outlet_slug": slug,
                    "outlet_name": name,
                    "website": website,
                }
            )
    return rows


def upgrade() -> None:
    sources = op.create_table(
        "outlet_sources",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "kind",
            sa.Text(),
            nullable=False,
            comment="host: a page's host or any subdomain of it (www. is dropped); site_name: the name a page declares (og:site_name, JSON-LD publisher).",
        ),
        sa.Column(
            "pattern",
            sa.Text(),
            nullable=False,
            comment="The host (bbc.co.uk) or site name (bbc news), lowercase.",
        ),
        sa.Column("outlet_slug", sa.Text(), nullable=False, comment="Slug of the outlet it names."),
        sa.Column(
            "outlet_name",
            sa.Text(),
            nullable=False,
            comment="Name of the outlet, used when the outlet is not stored yet.",
        ),
        sa.Column(
            "website", sa.Text(), nullable=True, comment="Home page of the outlet, when known."
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.CheckConstraint(
            "kind IN ('host', 'site_name')", name=op.f("ck_outlet_sources_kind_known")
        ),
        sa.CheckConstraint(
            "pattern = lower(btrim(pattern)) AND pattern <> ''",
            name=op.f("ck_outlet_sources_pattern_normalised"),
        ),
        sa.CheckConstraint(
            "outlet_slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'",
            name=op.f("ck_outlet_sources_outlet_slug_format"),
        ),
        sa.CheckConstraint(
            "btrim(outlet_name) <> ''", name=op.f("ck_outlet_sources_outlet_name_not_blank")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outlet_sources")),
        sa.UniqueConstraint("kind", "pattern", name=op.f("uq_outlet_sources_kind_pattern")),
        comment="How ingested web pages name their outlet: a host (and its subdomains) or a declared site name, mapped to the outlet that publishes there. Analysts edit it (provenance outlet-source, or plain SQL); the outlet row is created the first time a page matches.",
    )
    op.bulk_insert(sources, _rows())
    op.create_table(
        "ingested_items",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "key",
            sa.Text(),
            nullable=False,
            comment="What identifies the input: sha256:<hex> of a page's bytes, or url:<URL> of a feed item (checked before it is fetched).",
        ),
        sa.Column(
            "source",
            sa.Text(),
            nullable=False,
            comment="Where the page came from: a file, a WARC record or a URL.",
        ),
        sa.Column(
            "article_id",
            sa.BigInteger(),
            nullable=False,
            comment="The stored article: this page's, or the one it duplicates.",
        ),
        sa.Column(
            "outcome",
            sa.Text(),
            nullable=False,
            comment="stored: the page became the article; duplicate: it was already stored.",
        ),
        sa.Column(
            "text_sha256",
            sa.Text(),
            nullable=False,
            comment="SHA-256 of the page's normalised main text (the duplicate check).",
        ),
        sa.Column("author", sa.Text(), nullable=True, comment="The byline the page declares."),
        sa.Column(
            "site_name",
            sa.Text(),
            nullable=True,
            comment="The site name the page declares (og:site_name, JSON-LD publisher).",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.CheckConstraint(
            "outcome IN ('stored', 'duplicate')", name=op.f("ck_ingested_items_outcome_known")
        ),
        sa.CheckConstraint(
            "text_sha256 ~ '^[0-9a-f]{64}$'", name=op.f("ck_ingested_items_text_sha256_is_hex")
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            ondelete="CASCADE",
            name=op.f("fk_ingested_items_article_id_articles"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingested_items")),
        sa.UniqueConstraint("key", name=op.f("uq_ingested_items_key")),
        comment="Every page `provenance ingest` has loaded or recognised as a duplicate, so that a second run skips it (resumable, idempotent). Pages that failed are not recorded and are tried again.",
    )
    op.create_index(op.f("ix_ingested_items_article_id"), "ingested_items", ["article_id"])
    op.create_index(
        "uq_ingested_items_stored_text_sha256",
        "ingested_items",
        ["text_sha256"],
        unique=True,
        postgresql_where=sa.text("outcome = 'stored'"),
    )


def downgrade() -> None:
    op.drop_index("uq_ingested_items_stored_text_sha256", table_name="ingested_items")
    op.drop_index(op.f("ix_ingested_items_article_id"), table_name="ingested_items")
    op.drop_table("ingested_items")
    op.drop_table("outlet_sources")
