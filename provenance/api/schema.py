"""The GraphQL schema with its limits: page size, query depth, aliases and tokens."""

from __future__ import annotations

import functools

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig

from provenance.api.access import Access
from provenance.api.compiled.executor import CompiledReads
from provenance.api.errors import DomainErrors
from provenance.api.mutations import Mutation
from provenance.api.query import Query
from provenance.api.unavailable import ServiceUnavailable
from provenance.config import Settings

MAX_ALIASES = 30
MAX_TOKENS = 5000


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema served at /graphql, limited as ``settings`` say."""
    return _schema((settings or Settings()).max_query_depth)


# relay.node() fields bind to the first schema built from them: build each variant once.
@functools.cache
def _schema(max_depth: int) -> strawberry.Schema:
    # The limits' validation rules are built once, not per request, so that validating a
    # document can be cached (validation was over a quarter of the API's CPU time).
    limit_rules = [
        *QueryDepthLimiter(max_depth=max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
    ]
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        extensions=[
            # Factories, so that each request gets fresh extension instances.
            lambda: AddValidationRules(limit_rules),
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            Access,
            DomainErrors,
            ServiceUnavailable,
            # Frontends send the same few documents again and again: parse and validate
            # each once (the caches are bounded, so unique documents cannot grow them).
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
        ],
        config=StrawberryConfig(auto_camel_case=True),
        execution_context_class=CompiledReads,
    )


def schema_sdl() -> str:
    """The schema in GraphQL SDL, as committed in graphql/schema.graphql."""
    return build_schema().as_str() + "\n"
