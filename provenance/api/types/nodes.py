"""What the node types share: loading by global id, and the connections of their children."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Generic, Literal, Self, TypeVar, overload

import strawberry
from strawberry import relay
from strawberry.dataloader import DataLoader

from provenance.api.connection import Connection
from provenance.api.context import Info
from provenance.api.paging import window
from provenance.errors import InvalidInputError, NotFoundError
from provenance.services import listing

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


class LoadedNode(relay.Node, Generic[RowT]):
    """A node type whose rows (``RowT``) one of the request's dataloaders loads by id.

    A type names its loader (``node_loader``) and builds itself from a row (``from_model``);
    ``resolve_nodes``, as strawberry's relay.Node declares it, is then this one for all.
    """

    @classmethod
    def node_loader(cls, info: Info) -> DataLoader[int, RowT | None]:
        """The request's dataloader of this type's rows."""
        raise NotImplementedError(f"{cls.__name__} names no loader")

    @classmethod
    def from_model(cls, row: RowT) -> Self:
        """The node of one row."""
        raise NotImplementedError(f"{cls.__name__} cannot be built from a row")

    @overload
    @classmethod
    def resolve_nodes(
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: Literal[True]
    ) -> Awaitable[Iterable[Self]]: ...

    @overload
    @classmethod
    def resolve_nodes(
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: Literal[False] = ...
    ) -> Awaitable[Iterable[Self | None]]: ...

    @overload
    @classmethod
    def resolve_nodes(
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool
    ) -> Awaitable[Iterable[Self]] | Awaitable[Iterable[Self | None]]: ...

    @classmethod
    def resolve_nodes(
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> Awaitable[Iterable[Self | None]]:
        """The nodes of ``node_ids`` in their order; a missing one None, or an error if required."""
        return load_nodes(
            loader=cls.node_loader(info),
            node_ids=node_ids,
            type_name=cls.__name__,
            convert=cls.from_model,
            required=required,
        )


async def child_connection(
    info: Info,
    *,
    model: type[listing.M],
    parent: listing.ParentColumn,
    parent_id: int,
    convert: Callable[[listing.M], NodeT],
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[NodeT]:
    """A connection over the ``model`` rows whose ``parent`` column points at ``parent_id``.

    Batched across parents: the same page of every parent in one statement.
    """
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
