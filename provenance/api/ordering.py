"""The orderBy enums of the root lists, and the SQL sort key behind each value.

Every ordering is a keyset: one sort key (never null: missing dates sort last) and the row
id as tie-breaker, in the same direction. A cursor holds the ordering's name, the key and
the id, so a cursor of another ordering is refused rather than misread.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal

from provenance.api.types.enums import described

KeyType = Literal["bigint", "float8", "date", "text"]


@dataclass(frozen=True)
class SortKey:
    """An SQL expression over ``{row}`` to sort by, its type, and the direction."""

    sql: str
    type: KeyType
    descending: bool


class QuotationOrder(Enum):
    ID_ASC = "id_asc"
    FIRST_APPEARED_AT_DESC = "first_appeared_at_desc"
    FIRST_APPEARED_AT_ASC = "first_appeared_at_asc"
    RELAY_COUNT_DESC = "relay_count_desc"


class ArticleOrder(Enum):
    ID_ASC = "id_asc"
    PUBLISHED_AT_DESC = "published_at_desc"
    PUBLISHED_AT_ASC = "published_at_asc"


class AttributionOrder(Enum):
    ID_ASC = "id_asc"
    CONFIDENCE_ASC = "confidence_asc"
    PUBLISHED_AT_DESC = "published_at_desc"
    PUBLISHED_AT_ASC = "published_at_asc"


class SpeakerOrder(Enum):
    ID_ASC = "id_asc"
    NAME_ASC = "name_asc"


_ID = "Oldest record first (the default)."
described(
    QuotationOrder,
    description="How to order quotations.",
    values={
        "ID_ASC": _ID,
        "FIRST_APPEARED_AT_DESC": "Newest first appearance first (undated last).",
        "FIRST_APPEARED_AT_ASC": "Oldest first appearance first (undated last).",
        "RELAY_COUNT_DESC": "Most relayed first: appearances taken from another appearance.",
    },
)
described(
    ArticleOrder,
    description="How to order articles.",
    values={
        "ID_ASC": _ID,
        "PUBLISHED_AT_DESC": "Newest publication first (undated last).",
        "PUBLISHED_AT_ASC": "Oldest publication first (undated last).",
    },
)
described(
    AttributionOrder,
    description="How to order attributions.",
    values={
        "ID_ASC": _ID,
        "CONFIDENCE_ASC": "Lowest extractor confidence first (none last): the review queue "
        "with status EXTRACTED.",
        "PUBLISHED_AT_DESC": "Newest article first (undated last).",
        "PUBLISHED_AT_ASC": "Oldest article first (undated last).",
    },
)
described(
    SpeakerOrder,
    description="How to order speakers.",
    values={"ID_ASC": _ID, "NAME_ASC": "By display name, A to Z."},
)

#: The date a quotation first appeared: the earliest dated first report (as relayGraph).
FIRST_APPEARED_ON = (
    "(SELECT min(ar.published_on) FROM attributions a JOIN articles ar ON ar.id = a.article_id"
    " WHERE a.quotation_id = {row}.id AND a.upstream_id IS NULL)"
)
_RELAYS = (
    "(SELECT count(*) FROM attributions a"
    " WHERE a.quotation_id = {row}.id AND a.upstream_id IS NOT NULL)"
)
_ATTRIBUTION_DATE = "(SELECT ar.published_on FROM articles ar WHERE ar.id = {row}.article_id)"


def _date(sql: str, *, descending: bool) -> SortKey:
    # Undated rows last in both directions.
    sentinel = "-infinity" if descending else "infinity"
    return SortKey(f"coalesce({sql}, '{sentinel}'::date)", "date", descending)


SORT_KEYS: dict[Enum, SortKey | None] = {
    QuotationOrder.ID_ASC: None,
    QuotationOrder.FIRST_APPEARED_AT_DESC: _date(FIRST_APPEARED_ON, descending=True),
    QuotationOrder.FIRST_APPEARED_AT_ASC: _date(FIRST_APPEARED_ON, descending=False),
    QuotationOrder.RELAY_COUNT_DESC: SortKey(_RELAYS, "bigint", True),
    ArticleOrder.ID_ASC: None,
    ArticleOrder.PUBLISHED_AT_DESC: _date("{row}.published_on", descending=True),
    ArticleOrder.PUBLISHED_AT_ASC: _date("{row}.published_on", descending=False),
    AttributionOrder.ID_ASC: None,
    AttributionOrder.CONFIDENCE_ASC: SortKey("coalesce({row}.confidence, 2)", "float8", False),
    AttributionOrder.PUBLISHED_AT_DESC: _date(_ATTRIBUTION_DATE, descending=True),
    AttributionOrder.PUBLISHED_AT_ASC: _date(_ATTRIBUTION_DATE, descending=False),
    SpeakerOrder.ID_ASC: None,
    SpeakerOrder.NAME_ASC: SortKey("{row}.name", "text", False),
}
