"""The filter inputs of the root lists, and the SQL condition behind each field.

A condition is SQL over ``{row}`` (the listed row) with placeholders ``{v0}``, ``{v1}``...
for its values, so that the resolvers and the compiled statement run the very same SQL.
Objects are named by global id or by slug; an unknown slug simply matches nothing.
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

import strawberry
from strawberry.relay import GlobalID

from provenance.api.ordering import FIRST_APPEARED_ON
from provenance.api.types.enums import (
    AttributionKind,
    AttributionStatus,
    SpeakerKind,
    described,
)
from provenance.api.types.nodes import row_id
from provenance.errors import InvalidInputError


class DateScope(Enum):
    FIRST_APPEARANCE = "first_appearance"
    ANY_APPEARANCE = "any_appearance"


described(
    DateScope,
    description="Which appearances of a quotation publishedFrom/publishedTo look at.",
    values={
        "FIRST_APPEARANCE": "The date of its first appearance (the default).",
        "ANY_APPEARANCE": "The date of any appearance (with the other appearance filters).",
    },
)

_BY = "a global id or a slug"
_FROM = "Only those published on or after this day (undated ones never match)."
_TO = "Only those published on or before this day (undated ones never match)."


@strawberry.input(
    description="Which quotations to list. Appearance filters (outlet, article, kind, "
    "status, and the dates with ANY_APPEARANCE) must all hold for one same appearance."
)
class QuotationFilter:
    speaker: str | None = strawberry.field(
        default=None, description=f"Said by this speaker ({_BY})."
    )
    outlet: str | None = strawberry.field(
        default=None, description=f"Appearing in an article of this outlet ({_BY})."
    )
    article: str | None = strawberry.field(
        default=None, description=f"Appearing in this article ({_BY})."
    )
    kind: AttributionKind | None = strawberry.field(
        default=None, description="Appearing this way (DIRECT, PARTIAL or INDIRECT)."
    )
    status: AttributionStatus | None = strawberry.field(
        default=None, description="With an appearance of this status."
    )
    published_from: date | None = strawberry.field(default=None, description=_FROM)
    published_to: date | None = strawberry.field(default=None, description=_TO)
    date_of: DateScope = strawberry.field(
        default=DateScope.FIRST_APPEARANCE,
        description="Which appearance's date publishedFrom/publishedTo test.",
    )


@strawberry.input(description="Which articles to list.")
class ArticleFilter:
    outlet: str | None = strawberry.field(
        default=None, description=f"Published by this outlet ({_BY})."
    )
    published_from: date | None = strawberry.field(default=None, description=_FROM)
    published_to: date | None = strawberry.field(default=None, description=_TO)
    language: str | None = strawberry.field(
        default=None, description="Written in this language (a BCP 47 tag: en, tr, ar)."
    )


@strawberry.input(
    description="Which attributions to list. The review queue: status EXTRACTED, ordered "
    "CONFIDENCE_ASC."
)
class AttributionFilter:
    status: AttributionStatus | None = strawberry.field(
        default=None, description="Only of this status (EXTRACTED: candidates to review)."
    )
    kind: AttributionKind | None = strawberry.field(
        default=None, description="Only of this kind (DIRECT, PARTIAL or INDIRECT)."
    )
    speaker: str | None = strawberry.field(
        default=None, description=f"Attributed to this speaker ({_BY})."
    )
    outlet: str | None = strawberry.field(
        default=None, description=f"In an article of this outlet ({_BY})."
    )
    article: str | None = strawberry.field(default=None, description=f"In this article ({_BY}).")
    published_from: date | None = strawberry.field(
        default=None, description="Only in articles published on or after this day."
    )
    published_to: date | None = strawberry.field(
        default=None, description="Only in articles published on or before this day."
    )


@strawberry.input(description="Which speakers to list.")
class SpeakerFilter:
    kind: SpeakerKind | None = strawberry.field(
        default=None, description="Only of this kind (PERSON, ORGANISATION, OUTLET, UNNAMED)."
    )


@dataclass
class Conditions:
    """SQL conditions over ``{row}`` and the values of their placeholders, in order."""

    sql: list[str] = field(default_factory=list)
    values: list[Any] = field(default_factory=list)

    def value(self, value: Any) -> str:
        """A placeholder for ``value``."""
        self.values.append(value)
        return f"{{v{len(self.values) - 1}}}"

    def add(self, sql: str) -> None:
        self.sql.append(sql)


_TABLES = {"Speaker": "speakers", "Outlet": "outlets", "Article": "articles"}


def reference(conditions: Conditions, value: str, *, type_name: str, field_name: str) -> str:
    """SQL for the id of the ``type_name`` that ``value`` names by global id or slug."""
    global_id = _global_id(value)
    if global_id is not None and global_id.type_name in {*_TABLES, "Quotation", "Attribution"}:
        number = row_id(global_id.node_id)
        if global_id.type_name != type_name or number is None:
            raise InvalidInputError(
                f"{value} is not the id of a {type_name}",
                field=field_name,
                hint=f"give the id or the slug of a {type_name}",
            )
        return f"{conditions.value(number)}::bigint"
    table = _TABLES[type_name]
    return f"(SELECT x.id FROM {table} x WHERE x.slug = {conditions.value(value)}::text)"


def _global_id(value: str) -> GlobalID | None:
    try:
        return GlobalID.from_id(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None


def _dates(conditions: Conditions, sql: str, start: date | None, end: date | None) -> list[str]:
    found = []
    if start is not None:
        found.append(f"{sql} >= {conditions.value(start)}::date")
    if end is not None:
        found.append(f"{sql} <= {conditions.value(end)}::date")
    return found


def _enum(conditions: Conditions, column: str, member: Enum) -> str:
    return f"{column} = {conditions.value(member.value)}::text"


def quotation_conditions(given: QuotationFilter | None) -> Conditions:
    conditions = Conditions()
    if given is None:
        return conditions
    if given.speaker is not None:
        speaker = reference(conditions, given.speaker, type_name="Speaker", field_name="speaker")
        conditions.add(f"{{row}}.speaker_id = {speaker}")
    appearance = []
    if given.outlet is not None:
        outlet = reference(conditions, given.outlet, type_name="Outlet", field_name="outlet")
        appearance.append(
            f"(SELECT ar.outlet_id FROM articles ar WHERE ar.id = a.article_id) = {outlet}"
        )
    if given.article is not None:
        article = reference(conditions, given.article, type_name="Article", field_name="article")
        appearance.append(f"a.article_id = {article}")
    if given.kind is not None:
        appearance.append(_enum(conditions, "a.kind", given.kind))
    if given.status is not None:
        appearance.append(_enum(conditions, "a.status", given.status))
    if given.date_of is DateScope.ANY_APPEARANCE:
        appearance.extend(
            _dates(
                conditions,
                "(SELECT ar.published_on FROM articles ar WHERE ar.id = a.article_id)",
                given.published_from,
                given.published_to,
            )
        )
    else:
        conditions.sql.extend(
            _dates(conditions, FIRST_APPEARED_ON, given.published_from, given.published_to)
        )
    if appearance:
        conditions.add(
            "EXISTS (SELECT 1 FROM attributions a WHERE a.quotation_id = {row}.id AND "
            + " AND ".join(appearance)
            + ")"
        )
    return conditions


def article_conditions(given: ArticleFilter | None) -> Conditions:
    conditions = Conditions()
    if given is None:
        return conditions
    if given.outlet is not None:
        outlet = reference(conditions, given.outlet, type_name="Outlet", field_name="outlet")
        conditions.add(f"{{row}}.outlet_id = {outlet}")
    conditions.sql.extend(
        _dates(conditions, "{row}.published_on", given.published_from, given.published_to)
    )
    if given.language is not None:
        conditions.add(f"{{row}}.language = {conditions.value(given.language)}::text")
    return conditions


def attribution_conditions(given: AttributionFilter | None) -> Conditions:
    conditions = Conditions()
    if given is None:
        return conditions
    if given.status is not None:
        conditions.add(_enum(conditions, "{row}.status", given.status))
    if given.kind is not None:
        conditions.add(_enum(conditions, "{row}.kind", given.kind))
    if given.speaker is not None:
        speaker = reference(conditions, given.speaker, type_name="Speaker", field_name="speaker")
        conditions.add(f"{{row}}.speaker_id = {speaker}")
    if given.article is not None:
        article = reference(conditions, given.article, type_name="Article", field_name="article")
        conditions.add(f"{{row}}.article_id = {article}")
    if given.outlet is not None:
        outlet = reference(conditions, given.outlet, type_name="Outlet", field_name="outlet")
        conditions.add(
            f"(SELECT ar.outlet_id FROM articles ar WHERE ar.id = {{row}}.article_id) = {outlet}"
        )
    conditions.sql.extend(
        _dates(
            conditions,
            "(SELECT ar.published_on FROM articles ar WHERE ar.id = {row}.article_id)",
            given.published_from,
            given.published_to,
        )
    )
    return conditions


def speaker_conditions(given: SpeakerFilter | None) -> Conditions:
    conditions = Conditions()
    if given is not None and given.kind is not None:
        conditions.add(_enum(conditions, "{row}.kind", given.kind))
    return conditions
