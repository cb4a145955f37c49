"""Where each table would live in Citus, distributed by quotation (docs/scaling.md).

Every table of the schema is declared here; tests/test_distribution.py reads the migrated
database's catalog and fails on a table that is not declared, on a key of a distributed
table without its distribution column, and on a foreign key Citus could not keep, unless
the constraint is one of the documented exceptions below (each says what changes).

- distributed: hash-distributed on ``column``, co-located with the others of its ``group``
  (``quotation``: a relay graph and everything about it on one shard; ``article``: an
  article with its revisions).
- reference: small, copied to every node; any distributed table may point at it.
- local: on the coordinator only (the API's bookkeeping, the audit chain, ingest ledgers).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Placement(enum.Enum):
    DISTRIBUTED = "distributed"
    REFERENCE = "reference"
    LOCAL = "local"


@dataclass(frozen=True)
class Plan:
    placement: Placement
    why: str
    column: str | None = None  # the distribution column (distributed only)
    group: str | None = None  # the co-location group (distributed only)


def _quotation(column: str, why: str) -> Plan:
    return Plan(Placement.DISTRIBUTED, why, column=column, group="quotation")


def _article(column: str, why: str) -> Plan:
    return Plan(Placement.DISTRIBUTED, why, column=column, group="article")


def _reference(why: str) -> Plan:
    return Plan(Placement.REFERENCE, why)


def _local(why: str) -> Plan:
    return Plan(Placement.LOCAL, why)


TABLES: dict[str, Plan] = {
    "quotations": _quotation("id", "the statement: the distribution key itself"),
    "attributions": _quotation("quotation_id", "the big table: a relay graph stays on one shard"),
    "attribution_markers": _quotation("quotation_id", "read with their attribution"),
    "attribution_verdicts": _quotation("quotation_id", "read with their attribution"),
    "attribution_reanchorings": _quotation("quotation_id", "written with their attribution"),
    "quotation_printed_words": _quotation("quotation_id", "search terms of one quotation"),
    "quotation_printed_wordings": _quotation("quotation_id", "search texts of one quotation"),
    "articles": _article("id", "carries many quotations: cannot follow one (own group)"),
    "article_revisions": _article("article_id", "an article's earlier texts, with it"),
    "outlets": _reference("hundreds to thousands of rows, joined by every read"),
    "speakers": _reference("thousands of rows, joined by every attribution"),
    "speaker_aliases": _reference("a few per speaker, for name lookups"),
    "speaker_merges": _reference("a few per speaker, rarely written"),
    "outlet_sources": _reference("ingest configuration, a few rows per outlet"),
    "statement_links": _local("a review queue linking two quotations' attributions"),
    "history": _local("the audit chain: one ordered, hash-linked sequence"),
    "api_tokens": _local("authentication, done by the API on the coordinator"),
    "ingested_items": _local("the ingest ledger of one coordinator-side process"),
    "import_chunks": _local("the bulk import's ledger"),
    "alembic_version": _local("the schema revision"),
}

# Keys (primary keys, unique constraints, unique indexes) of distributed tables that do
# not include the distribution column, and what each becomes under Citus.
KEY_EXCEPTIONS: dict[str, str] = {
    "pk_attributions": "becomes (id, quotation_id): uq_attributions_id_quotation already is "
    "that key, and the foreign keys to attributions(id) move to it",
    "pk_attribution_markers": "becomes (id, quotation_id) once markers carry quotation_id",
    "pk_attribution_verdicts": "becomes (id, quotation_id) once verdicts carry quotation_id",
    "uq_attribution_verdicts_once": "gains quotation_id (one verdict per attribution, actor, time)",
    "pk_attribution_reanchorings": "becomes (id, quotation_id) once they carry quotation_id",
    "uq_quotations_slug": "slugs stay unique cluster-wide through a reference table "
    "quotation_slugs (slug -> id); the shard key cannot be the slug",
    "uq_articles_slug": "as quotation slugs: a reference table article_slugs (slug -> id)",
    "uq_articles_url": "as slugs: a reference table article_urls (url -> id)",
    "pk_article_revisions": "becomes (id, article_id); the revision number is already "
    "unique per article (uq_article_revisions_article_id_revision)",
}

# Foreign keys Citus could not keep as they are (between co-location groups, from a
# distributed table to a local one, or without the distribution column on both sides).
FOREIGN_KEY_EXCEPTIONS: dict[str, str] = {
    "fk_attributions_article_id_articles": "across groups: checked in the write path and by "
    "the set-based audit (provenance/bench/verify.py), as the span trigger that reads the body",
    "fk_attribution_markers_attribution_id_attributions": "becomes (attribution_id, "
    "quotation_id) -> attributions (id, quotation_id)",
    "fk_attribution_verdicts_attribution_id_attributions": "becomes (attribution_id, "
    "quotation_id) -> attributions (id, quotation_id)",
    "fk_attribution_reanchorings_attribution_id_attributions": "becomes (attribution_id, "
    "quotation_id) -> attributions (id, quotation_id)",
    "fk_attribution_reanchorings_revision_id_article_revisions": "across groups: the "
    "revision is checked in the write path (revise_article writes both)",
    "fk_statement_links_attribution_id_attributions": "local to distributed: checked by "
    "the review commands, which read both attributions",
    "fk_statement_links_earlier_id_attributions": "local to distributed: as attribution_id",
    "fk_ingested_items_article_id_articles": "local to distributed: the ledger keeps the id, "
    "checked when the item is read back",
}
