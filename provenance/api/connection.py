"""Relay connections with totalCount, built from service pages."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Generic, TypeVar

import strawberry
from strawberry import relay

from provenance.api.fields import field
from provenance.services.pages import Page, check_page_size, encode_cursor

# Named like strawberry.relay.Edge's own type variable, which strawberry matches by name.
NodeType = TypeVar("NodeType")
RowT = TypeVar("RowT")

DEFAULT_PAGE_SIZE = 20

#: The ``first`` argument of every connection.
First = Annotated[
    int | None,
    strawberry.argument(
        description="How many items the page holds: at most the server's largest page "
        "(PROVENANCE_MAX_PAGE_SIZE, 100 unless configured); null, with no last, means "
        f"{DEFAULT_PAGE_SIZE} (the default page size)."
    ),
]
#: The ``after`` argument of every connection.
After = Annotated[
    str | None,
    strawberry.argument(
        description="Start after this cursor (an edge's cursor or pageInfo.endCursor of an "
        "earlier page); null starts at the beginning."
    ),
]


@strawberry.type(description="An item of a page, with the cursor to continue after it.")
class Edge(Generic[NodeType]):
    cursor: str = strawberry.field(description="Pass as after to get the items that follow.")
    node: NodeType = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list, Relay style, with the size of the whole list.")
class Connection(Generic[NodeType]):
    edges: list[Edge[NodeType]] = strawberry.field(description="The items of this page.")
    page_info: relay.PageInfo = strawberry.field(description="Where this page stands.")
    _count: strawberry.Private[Callable[[], Awaitable[int]]]
    _exact: strawberry.Private[bool] = True

    @field(description="How many items the whole list holds, across all pages.")
    async def total_count(self) -> int:
        return await self._count()

    @field(
        description="Whether totalCount is exact. False only for a search of very common "
        "words, whose count stops at 1,000: the search matched more than totalCount items."
    )
    def total_count_is_exact(self) -> bool:
        return self._exact

    @classmethod
    def from_page(
        cls,
        page: Page[RowT],
        *,
        node: Callable[[RowT], NodeType],
        count: Callable[[], Awaitable[int]],
        after: str | None,
        exact: bool = True,
        before: str | None = None,
        backward: bool = False,
    ) -> Connection[NodeType]:
        """Wrap a service page; ``count`` runs only if the client asks for totalCount.

        ``backward``: a page of last/before, whose has_next_page tells of rows before it.
        """
        cursors = [encode_cursor(key) for key in page.keys]
        edges = [
            Edge(cursor=cursor, node=node(item))
            for cursor, item in zip(cursors, page.items, strict=True)
        ]
        info = relay.PageInfo(
            has_next_page=before is not None if backward else page.has_next_page,
            has_previous_page=page.has_next_page if backward else after is not None,
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        )
        return cls(edges=edges, page_info=info, _count=count, _exact=exact)


def page_size(first: int | None, *, maximum: int) -> int:
    """The page size to use, refusing sizes beyond the limit."""
    size = DEFAULT_PAGE_SIZE if first is None else first
    check_page_size(size, maximum=maximum)
    return size
