"""The GraphQL schema with its limits: tokens at parse, then the document limits
(depth, aliases, root fields, cost: api.document_limits) before validation."""

from __future__ import annotations

import functools

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaxTokensLimiter, ParserCache
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from provenance.api.access import Access
from provenance.api.compiled.executor import CompiledReads
from provenance.api.document_limits import DocumentLimits
from provenance.api.errors import DomainErrors, log_refusals
from provenance.api.live_socket import LiveOperations
from provenance.api.mutations import Mutation
from provenance.api.query import Query
from provenance.api.rate_limits import RateLimits
from provenance.api.subscriptions import Subscription
from provenance.api.unavailable import ServiceUnavailable
from provenance.api.validation import LimitedValidation
from provenance.config import Settings

MAX_TOKENS = 5000


def document_limits(settings: Settings) -> DocumentLimits:
    """The document limits ``settings`` ask for."""
    return DocumentLimits(
        max_depth=settings.max_query_depth,
        max_aliases=settings.max_aliases,
        max_root_fields=settings.max_root_fields,
        max_cost=settings.max_query_cost,
    )


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema served at /graphql, limited as ``settings`` say."""
    return _schema(document_limits(settings or Settings()))


class ProvenanceSchema(strawberry.Schema):
    """Strawberry's schema, logging a caller's mistake as one line instead of a traceback."""

    def process_errors(
        self,
        errors: list[GraphQLError],
        execution_context: ExecutionContext | None = None,  # noqa: ARG002
    ) -> None:
        log_refusals(errors)


# relay.node() fields bind to the first schema built from them: build each variant once.
@functools.cache
def _schema(limits: DocumentLimits) -> strawberry.Schema:
    return ProvenanceSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=[
            # Factories, so that each request gets fresh extension instances.
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            # Document limits, then validation (cached per document: validation was over a
            # quarter of the API's CPU time).
            lambda: LimitedValidation(limits),
            Access,
            RateLimits,
            LiveOperations,
            DomainErrors,
            ServiceUnavailable,
            # Frontends send the same few documents again and again: parse each once
            # (the cache is bounded, so unique documents cannot grow it).
            lambda: ParserCache(maxsize=256),
        ],
        config=StrawberryConfig(auto_camel_case=True),
        execution_context_class=CompiledReads,
    )


def schema_sdl() -> str:
    """The schema in GraphQL SDL, as committed in graphql/schema.graphql."""
    return build_schema().as_str() + "\n"
