"""What each compilable GraphQL field is in SQL, type by type.

A translation is written over ``{row}``, the alias of the type's row in the statement.
Its JSON value must equal, byte for byte, what the resolvers and strawberry's scalars
produce (tests/api/compiled compares both paths field by field): ids are Relay global
ids, enums are member names, dates ISO 8601. A field missing here is simply not
compiled: an operation that asks for it runs through the resolvers.
"""

from __future__ import annotations

from enum import Enum

from provenance.api.compiled.translation import (
    Chain,
    Children,
    Column,
    Inline,
    Related,
    Rows,
    Source,
    global_id,
)
from provenance.models import (
    AliasKind,
    AnchorStatus,
    AttributionKind,
    AttributionStatus,
    MarkerKind,
    SpeakerKind,
)


def enum(column: str, members: type[Enum]) -> Column:
    """A stored enum value as GraphQL names it (the member's name)."""
    cases = " ".join(f"WHEN '{m.value}' THEN '{m.name}'" for m in members)
    return Column(f"CASE {{row}}.{column} {cases} END")


def _column(name: str) -> Column:
    return Column(f"{{row}}.{name}")


def _distinct_marker_kinds() -> Column:
    """Attribution.markers: each kind of editorial change once, in order of first use."""
    kind = enum("kind", MarkerKind).sql.replace("{row}", "m")
    return Column(
        f"(SELECT coalesce(json_agg(k.name ORDER BY k.first_id), '[]'::json) FROM ("
        f"SELECT {kind} AS name, min(m.id) AS first_id FROM attribution_markers m "
        "WHERE m.attribution_id = {row}.id GROUP BY m.kind) k)"
    )


SOURCES: dict[str, Source] = {
    "Outlet": Source(
        "outlets",
        {
            "id": global_id("Outlet"),
            "slug": _column("slug"),
            "name": _column("name"),
            "website": _column("website"),
            "articles": Children("Article", "outlet_id"),
        },
    ),
    "Speaker": Source(
        "speakers",
        {
            "id": global_id("Speaker"),
            "slug": _column("slug"),
            "name": _column("name"),
            "kind": enum("kind", SpeakerKind),
            "description": _column("description"),
            "outlet": Related("Outlet", "{row}.outlet_id"),
            "aliases": Rows("SpeakerAlias", "speaker_id"),
            "quotations": Children("Quotation", "speaker_id"),
        },
    ),
    "SpeakerAlias": Source(
        "speaker_aliases", {"alias": _column("alias"), "kind": enum("kind", AliasKind)}
    ),
    "Article": Source(
        "articles",
        {
            "id": global_id("Article"),
            "slug": _column("slug"),
            "title": _column("title"),
            "url": _column("url"),
            "publishedOn": _column("published_on"),
            "publishedAt": _column("published_on"),  # deprecated alias
            "language": _column("language"),
            "citedAs": _column("cited_as"),
            "body": _column("body"),
            "citationOnly": Column("({row}.body IS NULL)"),
            "outlet": Related("Outlet", "{row}.outlet_id"),
            "attributions": Children("Attribution", "article_id"),
        },
    ),
    "Quotation": Source(
        "quotations",
        {
            "id": global_id("Quotation"),
            "slug": _column("slug"),
            "text": _column("text"),
            "language": _column("language"),
            "speaker": Related("Speaker", "{row}.speaker_id"),
            "attributions": Children("Attribution", "quotation_id"),
        },
    ),
    "Attribution": Source(
        "attributions",
        {
            "id": global_id("Attribution"),
            "text": _column("text"),
            "kind": enum("kind", AttributionKind),
            "status": enum("status", AttributionStatus),
            "confidence": _column("confidence"),
            "cue": _column("cue"),
            "speakerLabel": _column("speaker_label"),
            "span": Inline(
                "TextSpan", "{row}.start_offset IS NOT NULL AND {row}.end_offset IS NOT NULL"
            ),
            "anchorStatus": enum("anchor_status", AnchorStatus),
            "article": Related("Article", "{row}.article_id"),
            "quotation": Related("Quotation", "{row}.quotation_id"),
            "speaker": Related("Speaker", "{row}.speaker_id"),
            "upstream": Related("Attribution", "{row}.upstream_id"),
            "downstream": Children("Attribution", "upstream_id"),
            "chain": Chain(),
            "markers": _distinct_marker_kinds(),
            "markerSpans": Rows("Marker", "attribution_id"),
        },
    ),
    "Marker": Source(
        "attribution_markers",
        {
            "kind": enum("kind", MarkerKind),
            "text": _column("text"),
            "position": _column("position"),
            "note": _column("note"),
        },
    ),
    "TextSpan": Source(
        None,
        {
            "start": _column("start_offset"),
            "end": _column("end_offset"),
            "prefix": Column("coalesce({row}.prefix, '')"),
            "suffix": Column("coalesce({row}.suffix, '')"),
        },
    ),
    # The rows of a chain (compiler.CHAIN_HOPS): one per hop, already named and dated.
    "ChainHop": Source(
        None,
        {
            "role": _column("role"),
            "cue": _column("cue"),
            "publishedOn": _column("published_on"),
            "publishedAt": _column("published_on"),  # deprecated alias
            "name": _column("name"),
            "speaker": Related("Speaker", "{row}.speaker_id"),
            "outlet": Related("Outlet", "{row}.outlet_id"),
            "article": Related("Article", "{row}.article_id"),
            "attribution": Related("Attribution", "{row}.attribution_id"),
        },
    ),
}
