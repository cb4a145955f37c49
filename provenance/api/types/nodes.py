"""Helpers shared by the node types: loading by global id."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from strawberry import relay
from strawberry.dataloader import DataLoader

from provenance.api.connection import Connection
from provenance.api.context import Info
from provenance.api.paging import window
from provenance.services.errors import InvalidInputError, NotFoundError

if TYPE_CHECKING:
    from provenance.api.types.attribution import Attribution

RowT = TypeVar("RowT")
NodeT = TypeVar("NodeT")


#: Row ids are PostgreSQL bigints.
MAX_ROW_ID = 2**63 - 1


def row_id(node_id: str) -> int | None:
    """The row id written in ``node_id``: ASCII digits within a bigint, else None."""
    if not (node_id.isascii() and node_id.isdigit()) or len(node_id) > 19:
        return None
    number = int(node_id)
    return number if number <= MAX_ROW_ID else None


def numeric_ids(node_ids: Iterable[str], type_name: str, field: str = "id") -> list[int]:
    """The database ids inside global ids of ``type_name``."""
    ids = []
    for node_id in node_ids:
        number = row_id(node_id)
        if number is None:
            raise InvalidInputError(f"{node_id!r} is not an id of a {type_name}", field=field)
        ids.append(number)
    return ids


def database_id(global_id: relay.GlobalID, type_name: str, field: str) -> int:
    """The row id inside a global id of ``type_name``, or InvalidInputError naming ``field``."""
    number = row_id(global_id.node_id)
    if global_id.type_name != type_name or number is None:
        raise InvalidInputError(
            f"{global_id} is not the id of a {type_name}",
            field=field,
            hint=f"use the id field of a {type_name}",
        )
    return number


async def load_nodes(
    *,
    loader: DataLoader[int, RowT | None],
    node_ids: Iterable[str],
    type_name: str,
    convert: Callable[[RowT], NodeT],
    required: bool,
) -> list[NodeT | None]:
    """Load rows by id and convert them; a missing row is None, or an error if required."""
    ids = numeric_ids(node_ids, type_name)
    rows = await loader.load_many(ids)
    nodes: list[NodeT | None] = []
    for node_id, row in zip(ids, rows, strict=True):
        if row is None and required:
            raise NotFoundError(f"there is no {type_name} with id {node_id}", field="id")
        nodes.append(None if row is None else convert(row))
    return nodes


async def child_connection(
    info: Info,
    *,
    model: Any,
    parent: Any,
    parent_id: int,
    convert: Any,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Any]:
    """A connection over the rows pointing at ``parent_id``, batched across parents."""
    loaders = info.context.loaders
    page_window = window(
        first=first,
        last=last,
        after=after,
        before=before,
        maximum=info.context.settings.max_page_size,
    )
    page = await loaders.children(
        model=model,
        parent=parent,
        first=page_window.size,
        after=after,
        before=before,
        backward=page_window.backward,
    ).load(parent_id)

    async def count() -> int:
        return await loaders.child_count(parent=parent).load(parent_id)

    return Connection.from_page(
        page, node=convert, count=count, after=after, before=before, backward=page_window.backward
    )


async def attribution_by_id(info: Info, attribution_id: int) -> Attribution:
    """The attribution with this id (one that the same database just named)."""
    from provenance.api.types.attribution import Attribution

    row = await info.context.loaders.attribution.load(attribution_id)
    assert row is not None  # ids come from the same database
    return Attribution.from_model(row)
