"""Forward and backward pages (Relay cursor connections): first/after and last/before.

A page is read forward (``first`` items after ``after``) or backward (the ``last`` items
before ``before``); either may be bounded by the other cursor too. ``first`` and ``last``
together are refused (the Relay spec discourages them; no frontend needs both).
``hasPreviousPage`` and ``hasNextPage`` follow the spec: the direction read is exact (one
extra row tells), the other is true when a cursor bounds that side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import strawberry

from provenance.api.connection import DEFAULT_PAGE_SIZE
from provenance.errors import InvalidInputError

#: The ``last`` argument of every connection.
Last = Annotated[
    int | None,
    strawberry.argument(
        description="How many items the page holds, counted back from before (or from the "
        "end): at most the server's largest page, as first. Give first or last, not both."
    ),
]
#: The ``before`` argument of every connection.
Before = Annotated[
    str | None,
    strawberry.argument(
        description="End before this cursor (an edge's cursor or pageInfo.startCursor of a "
        "later page); null ends at the end of the list."
    ),
]


@dataclass(frozen=True)
class Window:
    """Which part of a list a page is: ``size`` items, read forward or backward."""

    size: int
    backward: bool
    after: str | None
    before: str | None


def window(
    *,
    first: int | None,
    last: int | None,
    after: str | None,
    before: str | None,
    maximum: int,
) -> Window:
    """The page asked for, or InvalidInputError naming the argument to fix."""
    if first is not None and last is not None:
        raise InvalidInputError(
            "give first or last, not both",
            field="last",
            hint="first pages forward from after, last pages backward from before",
        )
    backward = last is not None
    size = last if last is not None else (DEFAULT_PAGE_SIZE if first is None else first)
    name = "last" if backward else "first"
    if not 0 <= size <= maximum:
        raise InvalidInputError(
            f"{name} must be between 0 and {maximum}, got {size}",
            field=name,
            hint="page through longer lists with after (or before)",
        )
    return Window(size=size, backward=backward, after=after, before=before)
