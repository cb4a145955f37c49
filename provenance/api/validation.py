"""Validation with the document limits first: a refused document is never validated.

One extension replaces strawberry's depth and alias validation rules (which walked every
fragment expansion) and its validation cache: it picks the operation (refusing a document
of several operations without operationName, as the GraphQL spec requires), measures it
(api.document_limits), refuses it if it is over a limit, and otherwise validates it with
graphql-core's rules, caching the result per document.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from graphql import DocumentNode, GraphQLError, GraphQLSchema, OperationDefinitionNode
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from provenance.api.document_limits import DocumentLimits, check, measure_operation
from provenance.api.text_input import check_text

VALIDATION_CACHE_SIZE = 256


@functools.lru_cache(maxsize=VALIDATION_CACHE_SIZE)
def _validate(schema: GraphQLSchema, document: DocumentNode, rules: Any) -> list[GraphQLError]:
    return validate_document(schema, document, rules)


def pick_operation(
    document: DocumentNode, name: str | None
) -> OperationDefinitionNode | GraphQLError:
    """The operation to run, or the error saying why there is none."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None and len(operations) > 1:
        return GraphQLError(
            f"the document holds {len(operations)} operations: say which to run with operationName",
            extensions={"code": "OPERATION_NAME_REQUIRED"},
        )
    for operation in operations:
        if name is None or (operation.name is not None and operation.name.value == name):
            return operation
    return GraphQLError(
        f"the document has no operation named {name!r}"
        if name
        else "the document has no operation",
        extensions={"code": "BAD_REQUEST"},
    )


class LimitedValidation(SchemaExtension):
    """Refuse a document over a limit before validating it; report its cost in the
    response's ``extensions.cost`` when the request's extensions ask for it
    (``"extensions": {"cost": true}``)."""

    def __init__(self, limits: DocumentLimits) -> None:
        super().__init__()
        self.limits = limits
        self.cost: int | None = None

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        assert document is not None
        schema = context.schema._schema
        operation = pick_operation(document, context._provided_operation_name)
        if isinstance(operation, GraphQLError):
            context.pre_execution_errors = [operation]
            yield
            return
        measurement = measure_operation(
            schema, document, operation, context.variables, max_depth=self.limits.max_depth
        )
        refusal = check(measurement.measure, self.limits) or check_text(document, context.variables)
        if refusal is not None:
            context.pre_execution_errors = [refusal]
        else:
            if hasattr(context.context, "cost"):  # the price of the operation (api.rate_limits)
                context.context.cost = measurement.measure.cost
            if (context.operation_extensions or {}).get("cost"):
                self.cost = measurement.measure.cost
            context.pre_execution_errors = _validate(
                schema, document, tuple(context.validation_rules)
            )
        yield

    def get_results(self) -> dict[str, Any]:
        if self.cost is None:
            return {}
        return {"cost": {"requested": self.cost, "limit": self.limits.max_cost}}
