"""The root lists' arguments, read the same way by the resolvers and the compiled path."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from provenance.api import filters
from provenance.api.lists import ListShape, bind
from provenance.api.ordering import ArticleOrder, AttributionOrder, QuotationOrder, SpeakerOrder
from provenance.api.paging import window
from provenance.models import AttributionKind, AttributionStatus, SpeakerKind


class NoOrder(Enum):
    """Outlets: listed by id only."""

    ID_ASC = "id_asc"


@dataclass(frozen=True)
class RootList:
    """A root list field: its type, table, filter input and orderBy enum."""

    type_name: str
    table: str
    filter_type: type[Any] | None
    conditions: Callable[[Any], filters.Conditions]
    order: type[Enum]


ROOT_LISTS = {
    "quotations": RootList(
        "Quotation",
        "quotations",
        filters.QuotationFilter,
        filters.quotation_conditions,
        QuotationOrder,
    ),
    "articles": RootList(
        "Article", "articles", filters.ArticleFilter, filters.article_conditions, ArticleOrder
    ),
    "attributions": RootList(
        "Attribution",
        "attributions",
        filters.AttributionFilter,
        filters.attribution_conditions,
        AttributionOrder,
    ),
    "speakers": RootList(
        "Speaker", "speakers", filters.SpeakerFilter, filters.speaker_conditions, SpeakerOrder
    ),
    "outlets": RootList("Outlet", "outlets", None, lambda _: filters.Conditions(), NoOrder),
}


def bind_list(
    name: str, arguments: dict[str, Any], *, max_page_size: int
) -> tuple[ListShape, list[Any]]:
    """The shape and values of root list ``name`` for these (GraphQL-named) arguments.

    InvalidInputError for what a client must fix (both first and last, a foreign cursor).
    """
    spec = ROOT_LISTS[name]
    page = window(
        first=arguments.get("first"),
        last=arguments.get("last"),
        after=arguments.get("after"),
        before=arguments.get("before"),
        maximum=max_page_size,
    )
    given = None
    if spec.filter_type is not None:
        given = as_input(spec.filter_type, arguments.get("filter"))
    order = as_enum(spec.order, arguments.get("orderBy")) or next(iter(spec.order))
    return bind(
        type_name=spec.type_name,
        table=spec.table,
        conditions=spec.conditions(given),
        order=order,
        page=page,
    )


def as_input(cls: type[Any], value: Any) -> Any:
    """A strawberry input as its class, whether graphql-core gave it converted or a dict."""
    if value is None or isinstance(value, cls):
        return value
    hints = {name: getattr(cls(), name) for name in cls.__dataclass_fields__}
    kwargs = {}
    for key, item in value.items():
        python_name = re.sub(r"(?<!^)([A-Z])", r"_\1", key).lower()
        default = hints[python_name]
        enum = type(default) if isinstance(default, Enum) else None
        field_type = cls.__dataclass_fields__[python_name].type
        kwargs[python_name] = _enum_of(field_type, item, enum)
    return cls(**kwargs)


def _enum_of(field_type: Any, item: Any, enum: type[Enum] | None) -> Any:
    if isinstance(item, Enum) or not isinstance(item, str):
        return item
    if enum is not None:
        return enum[item]
    for candidate in (AttributionKind, AttributionStatus, SpeakerKind):
        if candidate.__name__ in str(field_type) and item in candidate.__members__:
            return candidate[item]
    return item


def as_enum(cls: type[Enum], value: Any) -> Enum | None:
    if value is None or isinstance(value, cls):
        return value
    return cls[value] if value in cls.__members__ else cls(value)
