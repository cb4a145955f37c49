"""What a request binds to a compiled plan: root objects by id or slug, and pages.

A plan's SQL depends only on the document and the types its roots resolve to; the ids,
slugs and page arguments of each request are bound as parameters. Anything the resolvers
would refuse raises NotCompilable, so that they are the ones to report it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import FieldNode, GraphQLField
from graphql.execution.values import VariableValues, get_argument_values
from strawberry.relay import GlobalID

from provenance.api.lists import ListShape
from provenance.api.paging import window
from provenance.api.root_lists import ROOT_LISTS, bind_list
from provenance.errors import InvalidInputError
from provenance.services.pages import decode_cursor

# Root fields that fetch one object by id or slug, and the type they return.
BY_ID_OR_SLUG = {
    "speaker": "Speaker",
    "outlet": "Outlet",
    "article": "Article",
    "quotation": "Quotation",
}
MAX_BIGINT = 2**63 - 1


class NotCompilable(Exception):
    """The operation asks for something without an SQL translation; resolvers answer it."""


class NotWorthCompiling(NotCompilable):
    """An object whose fields its resolver already holds: not a fallback, not counted."""


@dataclass(frozen=True)
class RootObject:
    """A root field answered by one row of ``type_name``, found by ``column`` = a parameter."""

    type_name: str
    column: str  # "id" or "slug"


@dataclass(frozen=True)
class RootList:
    """A root field answered by a list of rows, one per parameter (``nodes``)."""

    objects: tuple[RootObject, ...]


RootShape = RootObject | RootList | ListShape | None  # None: __typename


@dataclass(frozen=True)
class PageArguments:
    """The ``first`` and ``after`` of a compiled connection, read anew for each request."""

    field: GraphQLField
    node: FieldNode

    def parameters(self, variables: VariableValues, *, max_page_size: int) -> dict[str, Any]:
        """The page size, the ids it lies between, its direction and which cursors bound it.

        NotCompilable for what the resolvers refuse, so that they report it.
        """
        arguments = get_argument_values(self.field, self.node, variables)
        try:
            page = window(
                first=arguments.get("first"),
                last=arguments.get("last"),
                after=arguments.get("after"),
                before=arguments.get("before"),
                maximum=max_page_size,
            )
        except InvalidInputError as error:
            raise NotCompilable(str(error)) from error
        return {
            "first": page.size,
            "after": _cursor_id(page.after, 0),
            "before": _cursor_id(page.before, MAX_BIGINT),
            "paged": page.after is not None,
            "bounded": page.before is not None,
            "backward": page.backward,
        }


def _cursor_id(cursor: str | None, default: int) -> int:
    if cursor is None:
        return default
    try:
        (row_id,) = decode_cursor(cursor, length=1)
    except InvalidInputError as error:
        raise NotCompilable("not a cursor") from error
    if type(row_id) is not int or row_id < 0:
        raise NotCompilable("not a cursor of a list by id")
    return row_id


def bind_root(
    name: str,
    arguments: dict[str, Any],
    *,
    node_types: frozenset[str],
    max_ids: int = 100,
) -> tuple[RootShape, list[Any]]:
    """The shape of a root field and its parameters (ids, a slug, a list's values).

    ``nodes`` with more than ``max_ids`` ids is left to its resolver, which refuses it.
    """
    if name in ROOT_LISTS:
        # A search, and the older speaker/outlet arguments, are answered by the resolvers.
        if any(arguments.get(old) is not None for old in ("search", "speaker", "outlet")):
            raise NotCompilable(f"{name} with search")
        try:
            return bind_list(name, arguments, max_page_size=max_ids)
        except InvalidInputError as error:
            raise NotCompilable(f"{name}: {error}") from error
    if name == "node":
        shape, value = _node(arguments["id"], node_types)
        return shape, [value]
    if name == "nodes":
        if len(arguments["ids"]) > max_ids:
            raise NotCompilable("too many ids")
        pairs = [_node(node_id, node_types) for node_id in arguments["ids"]]
        return RootList(tuple(p[0] for p in pairs)), [p[1] for p in pairs]
    if name == "attribution":
        return RootObject("Attribution", "id"), [_database_id(arguments["id"], "Attribution")]
    type_name = BY_ID_OR_SLUG.get(name)
    if type_name is not None:
        global_id, slug = arguments.get("id"), arguments.get("slug")
        if global_id is not None and slug is None:
            return RootObject(type_name, "id"), [_database_id(global_id, type_name)]
        if slug is not None and global_id is None:
            return RootObject(type_name, "slug"), [slug]
    # Anything else, including the errors of these fields, is left to the resolvers.
    raise NotCompilable(name)


def _node(value: Any, node_types: frozenset[str]) -> tuple[RootObject, int]:
    global_id = _global_id(value)
    if global_id.type_name not in node_types:
        raise NotCompilable(f"node of type {global_id.type_name}")
    return RootObject(global_id.type_name, "id"), _database_id(global_id, global_id.type_name)


def _global_id(value: Any) -> GlobalID:
    # Strawberry hands some ID arguments over decoded, others as the string sent.
    return value if isinstance(value, GlobalID) else GlobalID.from_id(value)


def _database_id(value: Any, type_name: str) -> int:
    global_id = _global_id(value)
    if global_id.type_name != type_name:
        raise NotCompilable(f"not an id of a {type_name}")
    node_id = global_id.node_id
    if not (node_id.isascii() and node_id.isdigit()) or int(node_id) > MAX_BIGINT:
        raise NotCompilable(f"not an id of a {type_name}")
    return int(node_id)
