"""Caps on argument values that would otherwise make one request do unbounded work.

- ``search`` (and ``similarQuotes(text:)``): at most PROVENANCE_MAX_SEARCH_LENGTH
  characters; every word and trigram of a search is a lookup, so a 10,000-character search
  ran for tens of seconds of database CPU.
- ``nodes(ids:)``: at most PROVENANCE_MAX_PAGE_SIZE ids, as many as a page.

Both are refused with INVALID_INPUT naming the argument, before any SQL runs.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.extensions import FieldExtension
from strawberry.extensions.field_extension import (
    AsyncExtensionResolver,
    SyncExtensionResolver,
)

from provenance.api.context import Info
from provenance.errors import InvalidInputError


def check_search(info: Info, text: str | None, *, field: str = "search") -> None:
    """Refuse a search text longer than the configured maximum."""
    maximum = info.context.settings.max_search_length
    if text is not None and len(text) > maximum:
        raise InvalidInputError(
            f"{field} is {len(text):,} characters long; at most {maximum:,} are accepted",
            field=field,
            hint="search for a shorter, distinctive part of the quote",
        )


class MaxIds(FieldExtension):
    """Refuse a list of ids longer than a page (the ``ids`` argument of ``nodes``)."""

    def _check(self, info: strawberry.Info, ids: Any) -> None:
        maximum = info.context.settings.max_page_size
        if ids is not None and len(ids) > maximum:
            raise InvalidInputError(
                f"ids has {len(ids):,} ids; at most {maximum} are accepted",
                field="ids",
                hint=f"ask for {maximum} at a time",
            )

    def resolve(
        self, next_: SyncExtensionResolver, source: Any, info: strawberry.Info, **kwargs: Any
    ) -> Any:
        self._check(info, kwargs.get("ids"))
        return next_(source, info, **kwargs)

    async def resolve_async(
        self, next_: AsyncExtensionResolver, source: Any, info: strawberry.Info, **kwargs: Any
    ) -> Any:
        self._check(info, kwargs.get("ids"))
        return await next_(source, info, **kwargs)
