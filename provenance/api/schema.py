"""The GraphQL schema with its limits: page size, query depth, aliases and tokens."""

from __future__ import annotations

import functools

import strawberry
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig

from provenance.api.access import Access
from provenance.api.errors import DomainErrors
from provenance.api.mutations import Mutation
from provenance.api.query import Query
from provenance.config import Settings

MAX_ALIASES = 30
MAX_TOKENS = 5000


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema served at /graphql, limited as ``settings`` say."""
    return _schema((settings or Settings()).max_query_depth)


# relay.node() fields bind to the first schema built from them: build each variant once.
@functools.cache
def _schema(max_depth: int) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        extensions=[
            # Factories, so that each request gets fresh extension instances.
            lambda: QueryDepthLimiter(max_depth=max_depth),
            lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            Access,
            DomainErrors,
        ],
        config=StrawberryConfig(auto_camel_case=True),
    )


def schema_sdl() -> str:
    """The schema in GraphQL SDL, as committed in graphql/schema.graphql."""
    return build_schema().as_str() + "\n"
