"""How errors reach clients: domain errors in full, anything else masked and logged."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from provenance.services.errors import ProvenanceError

log = logging.getLogger("provenance.api")


def _present(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if original is None:
        return error  # a GraphQL syntax or validation error: already clear
    if isinstance(original, ProvenanceError):
        extensions = {"code": original.code}
        if original.field:
            extensions["field"] = original.field
        if original.hint:
            extensions["hint"] = original.hint
        message = original.message
    elif isinstance(original, GraphQLError | ValueError) and not isinstance(original, UnicodeError):
        extensions = {"code": "BAD_REQUEST"}
        message = error.message
    else:
        log.error("internal error", exc_info=original)
        extensions = {"code": "INTERNAL_SERVER_ERROR"}
        message = "Internal server error: the request was not completed. It has been logged."
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=original,
        extensions=extensions,
    )


class DomainErrors(SchemaExtension):
    """Give each error a machine-readable code, and never leak internals."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [_present(error) for error in result.errors]
