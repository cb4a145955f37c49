"""Global ids of `node`/`nodes` checked before strawberry resolves them.

An id naming a type that has no rows (the ``Node`` interface itself, ``Query``) or a row
id that cannot be one (beyond a bigint, not ASCII digits) is the caller's mistake:
INVALID_INPUT naming the argument, not a fault in the server.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from strawberry import relay
from strawberry.extensions.field_extension import FieldExtension
from strawberry.types.base import StrawberryObjectDefinition

from provenance.api.types.nodes import row_id
from provenance.errors import InvalidInputError

HINT = "use the id field of a Speaker, Outlet, Article, Quotation or Attribution"


def _check(info: Any, kwargs: dict[str, Any]) -> None:
    for argument in ("id", "ids"):
        value = kwargs.get(argument)
        for global_id in value if isinstance(value, list) else [value]:
            if not isinstance(global_id, relay.GlobalID):
                continue
            definition = info.schema.get_type_by_name(global_id.type_name)
            if (
                not isinstance(definition, StrawberryObjectDefinition)
                or definition.is_interface
                or not issubclass(definition.origin, relay.Node)
            ):
                raise InvalidInputError(
                    f"{global_id} names {global_id.type_name!r}, which is no type of object",
                    field=argument,
                    hint=HINT,
                )
            if row_id(global_id.node_id) is None:
                raise InvalidInputError(
                    f"{global_id} holds {global_id.node_id!r}, which is no row id",
                    field=argument,
                    hint=f"use the id field of a {global_id.type_name}",
                )


class ConcreteNodeIds(FieldExtension):
    """Refuse ids of interfaces and non-node types with INVALID_INPUT."""

    def resolve(self, next_: Callable[..., Any], source: Any, info: Any, **kwargs: Any) -> Any:
        _check(info, kwargs)
        return next_(source, info, **kwargs)

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Any, **kwargs: Any
    ) -> Any:
        _check(info, kwargs)
        return await next_(source, info, **kwargs)
