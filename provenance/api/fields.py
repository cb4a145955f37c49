"""A typed `strawberry.field` for resolvers.

``strawberry.field(description=...)`` is typed to return ``Any``, which would leave every
decorated resolver untyped under ``mypy --strict``. This wrapper keeps the signature.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import strawberry

F = TypeVar("F", bound=Callable[..., Any])


def field(
    *, description: str, name: str | None = None, deprecation_reason: str | None = None
) -> Callable[[F], F]:
    """Declare a resolver method as a GraphQL field with a description."""
    decorate: Callable[[F], F] = strawberry.field(
        description=description, name=name, deprecation_reason=deprecation_reason
    )
    return decorate
